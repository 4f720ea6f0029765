"""What changed since the raad adopted the plan, as report data: the one dict the change
report (``-b kernbeleid-wijzigingen``: HTML, JSON, Word annex) is written from, and the
short section of it the check report shows ("Wijzigingen sinds de vaststelling").

Lives in the check stage because it reads the suspect list (:mod:`.herbeoordeling`); the
differences themselves are :mod:`..model.wijzigingen`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model.plan import Plan

# The comparison's parts are imported in report_of: the builders name REPORT_NAME in every
# build (tests/test_import_cost.py).

#: The full change report, next to the check report (the section links to it).
REPORT_NAME = "kernbeleid-wijzigingen"


def _verschil(value: Decimal) -> str:
    from ..model import display

    if value == 0:
        return "–"
    return ("+ " if value > 0 else "− ") + display.money(abs(value))


def report_of(plan: Plan, file_of: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """The change report as one JSON-ready dict; ``vastgesteld`` is None without an
    adoption to compare with."""
    from ..model import display
    from ..model.plan import build_plan
    from ..model.wijzigingen import budget_changes, diff
    from ..records.vastgesteld import baseline_of, source_hash
    from .herbeoordeling import suspects

    baseline = baseline_of(plan)

    head = {
        "gemeente": plan.settings.gemeente,
        "versie": plan.settings.versie,
        "status": plan.settings.status,
    }
    if baseline is None:
        return {**head, "vastgesteld": None}
    adoption = baseline.adoption
    changes = diff(adoption.needs.values(), (i.raw for i in plan.items.values()))
    old_plan = build_plan(adoption.needs.values(), plan.settings)
    rows, total = budget_changes(old_plan, plan)
    current = source_hash(adoption.folder.parent.parent)

    def where(ref: Any) -> str | None:
        if not ref.docname:
            return None
        name = file_of(ref.docname) if file_of else ref.docname
        return f"{name}:{ref.lineno}" if ref.lineno else name

    def item(ref: Any) -> dict[str, Any]:
        return {"id": ref.id, "type": ref.type, "titel": ref.title, "plaats": where(ref)}

    def budget(row: Any) -> dict[str, Any]:
        return {
            "id": row.id,
            "titel": row.title,
            "was": str(row.old),
            "nu": str(row.new),
            "verschil": str(row.verschil),
            "was_tekst": display.money(row.old),
            "nu_tekst": display.money(row.new),
            "verschil_tekst": _verschil(row.verschil),
        }

    return {
        **head,
        "vastgesteld": dict(adoption.manifest),
        "gemaakt": dt.date.today().isoformat(),
        "bronhash": current,
        "bron_ongewijzigd": current == adoption.manifest.get("bronhash"),
        "toegevoegd": [item(r) for r in changes.added],
        "verwijderd": [item(r) for r in changes.removed],
        "gewijzigd": [
            {
                **item(c),
                "oud_id": c.old_id,
                "velden": [
                    {"veld": f.label, "was": f.old, "nu": f.new, "woorden": f.words()}
                    for f in c.changes
                ],
            }
            for c in changes.changed
        ],
        "budget": {"per_onderdeel": [budget(r) for r in rows], "totaal": budget(total)},
        "herbeoordelen": [
            {
                **item(s.maatregel),
                "gewijzigd": [{"id": u.item.id, "wat": u.wat} for u in s.changed],
                "beoordeeld": s.reviewed,
            }
            for s in suspects(plan)
        ],
    }


def section_of(report: dict[str, Any]) -> dict[str, Any] | None:
    """The check report's section: counts, the budget changes (rows that changed, and the
    total), the maatregelen still to look at again, and the file of the full report.
    None when there is no adoption."""
    adopted = report.get("vastgesteld")
    if adopted is None:
        return None
    budget = report["budget"]
    return {
        "vastgesteld": {
            "datum": adopted.get("datum"),
            "besluit": adopted.get("besluit"),
            "versie": adopted.get("versie"),
        },
        "bron_ongewijzigd": report["bron_ongewijzigd"],
        "toegevoegd": len(report["toegevoegd"]),
        "verwijderd": len(report["verwijderd"]),
        "gewijzigd": len(report["gewijzigd"]),
        "budget": {
            "per_onderdeel": [r for r in budget["per_onderdeel"] if Decimal(r["verschil"]) != 0],
            "totaal": budget["totaal"],
        },
        "herbeoordelen": [s for s in report["herbeoordelen"] if not s["beoordeeld"]],
        "beoordeeld": sum(1 for s in report["herbeoordelen"] if s["beoordeeld"]),
        "overzicht": f"{REPORT_NAME}.html",
    }
