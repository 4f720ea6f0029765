"""The Uitvoeringsplan of a past year, kept when the next one replaces it.

``kernbeleid uitvoeringsplan vervolg 2027`` writes ``jaarbeeld-2026.json`` beside the new
chapter 2: the actiepunten, maatregelen and prestatie-indicators of the 2026 plan, as the
needs they were (id, type, title, fields, links). The jaarbeeld of 2026 then rebuilds the
2026 plan: the current plan with these items in place of the current ones. Its
maatregelen, budgets and statuses are 2026's, never those of the plan that replaced it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..model.needtypes import FIELDS, LINKS
from ..model.plan import Plan, ProgressReader, build_plan

#: The item types of an Uitvoeringsplan: what the archive holds and replaces.
TYPES = ("actiepunt", "maatregel", "prestatie-indicator")
_KEYS = ("id", "type", "title", "status", *FIELDS, *LINKS)
VERSION = 1


def filename(jaar: int) -> str:
    return f"jaarbeeld-{jaar}.json"


def archive_text(plan: Plan, jaar: int) -> str:
    """The year's Uitvoeringsplan items as JSON text (stable: sorted by id)."""
    items = []
    for item in sorted(plan.items.values(), key=lambda i: i.id):
        if item.type not in TYPES:
            continue
        raw = item.raw
        need = {k: raw[k] for k in _KEYS if raw.get(k) not in (None, "", [])}
        items.append({k: list(v) if isinstance(v, (list, tuple)) else v for k, v in need.items()})
    data = {"versie": VERSION, "jaar": jaar, "items": items}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read(path: Path) -> list[dict[str, Any]] | None:
    """The archived items, or None when there is no (readable) archive beside the page."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    return [i for i in items if isinstance(i, dict) and i.get("type") in TYPES and i.get("id")]


def plan_of_year(
    plan: Plan,
    archived: Iterable[dict[str, Any]],
    progress: ProgressReader,
    jaar: int | None = None,
) -> Plan:
    """``plan`` with its Uitvoeringsplan items replaced by the archived ones of a past year.

    An archived item that the current plan still has keeps its place there (its links
    then lead to the current page); the others have no page any more and are shown as
    plain text. With ``jaar`` the rebuilt plan is that year's Uitvoeringsplan, so its
    maatregelen show that year's progress as their current state.
    """
    settings = plan.settings if jaar is None else replace(plan.settings, uitvoeringsjaar=jaar)
    needs: list[Any] = [i.raw for i in plan.items.values() if i.type not in TYPES]
    for need in archived:
        current = plan.items.get(str(need["id"]))
        place = (current.docname, current.lineno) if current is not None else (None, None)
        needs.append({**need, "docname": place[0], "lineno": place[1]})
    return build_plan(needs, settings, progress=progress)
