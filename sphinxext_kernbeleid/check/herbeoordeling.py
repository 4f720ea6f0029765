"""Suspect links: maatregelen to look at again because what they serve changed after adoption.

A maatregel (with its prestatie-indicatoren) traces to its prioriteit/thema, to the doelen
it contributes to (``draagt_bij_aan``, else the doelen of its prioriteit/thema) and to
their effectindicatoren. When one of those differs from the adopted version, the maatregel
is *te herbeoordelen*: a warning at its own file and line, naming what changed, until the
writer records a review (``kernbeleid beoordeel MR_ID``). A review stores a fingerprint of
what changed; when that changes again, the fingerprint no longer matches and the warning
is back, as Doorstop's suspect links do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import trace
from ..model.needtypes import TYPE_TITLES
from ..model.parsing import dutch_date
from ..model.plan import Doel, EffectIndicator, Item, Maatregel, Onderdeel, Plan
from ..model.wijzigingen import ItemChange, diff, fields_of
from ..records.vastgesteld import Baseline, baseline_of
from .ruleset import WAARSCHUWING

RULE = "KB-R6-herbeoordeling"


@dataclass(frozen=True)
class Upstream:
    """One changed item a maatregel traces to, and how it changed (Dutch)."""

    item: Item
    wat: str  # e.g. "streefwaarde: 5,5 (2029) → 5,0 (2029)"


@dataclass(frozen=True)
class Suspect:
    maatregel: Maatregel
    changed: tuple[Upstream, ...]
    fingerprint: str
    reviewed: bool


def upstream(plan: Plan, maatregel: Maatregel, index: trace.TraceIndex) -> list[Item]:
    """The prioriteit/thema, doelen and effectindicatoren the maatregel traces to."""
    onderdeel: Onderdeel | None = index.onderdeel_of(maatregel)
    out: list[Item] = [onderdeel] if onderdeel is not None else []
    doelen: list[Doel] = list(maatregel.draagt_bij_aan)
    if not doelen and onderdeel is not None:
        doelen = list(index.doelen.get(onderdeel.id, []))
    for doel in doelen:
        out.append(doel)
        out.extend(i for i in doel.children if isinstance(i, EffectIndicator))
    return out


def _describe(change: ItemChange | None) -> str:
    if change is None:
        return "nieuw sinds de vaststelling"
    parts = []
    if change.old_id:
        parts.append(f"id was {change.old_id}")
    for c in change.changes:
        if c.field == "content" or len(c.old) + len(c.new) > 100:
            parts.append(f"{c.label} gewijzigd")
        else:
            parts.append(f"{c.label}: {c.old or '(leeg)'} → {c.new or '(leeg)'}")
    return "; ".join(parts)


def fingerprint(baseline: Baseline, changed: list[Upstream]) -> str:
    """What the maatregel is reviewed against: the adoption and the changed items as now."""
    data: list[Any] = [baseline.adoption.datum]
    data += [[u.item.id, fields_of(u.item.raw)] for u in changed]
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def suspects(plan: Plan) -> list[Suspect]:
    """Every maatregel of the adopted version whose upstream changed since, reviewed or not."""
    baseline = baseline_of(plan)
    if baseline is None:
        return []
    old = baseline.adoption.needs
    changes = diff(old.values(), (i.raw for i in plan.items.values()))
    changed_items: dict[str, ItemChange | None] = {a.id: None for a in changes.added}
    changed_items.update({c.id: c for c in changes.changed if c.changes or c.old_id})
    renamed = {c.id: c.old_id for c in changes.changed if c.old_id}
    index = trace.index(plan)
    out = []
    for maatregel in plan.maatregelen:
        if renamed.get(maatregel.id, maatregel.id) not in old:
            continue  # new since adoption: the change report lists it
        changed = [
            Upstream(item, _describe(changed_items[item.id]))
            for item in upstream(plan, maatregel, index)
            if item.id in changed_items
        ]
        if not changed:
            continue
        mark = fingerprint(baseline, changed)
        review = baseline.reviews.get(maatregel.id) or {}
        out.append(Suspect(maatregel, tuple(changed), mark, review.get("vingerafdruk") == mark))
    return out


def _datum(baseline: Baseline) -> str:
    try:
        return dutch_date(dt.date.fromisoformat(baseline.adoption.datum))
    except ValueError:
        return baseline.adoption.datum


def message(suspect: Suspect, baseline: Baseline) -> str:
    m = suspect.maatregel
    wat = "; ".join(
        f"{TYPE_TITLES.get(u.item.type, u.item.type).lower()} {u.item.id} ('{u.item.title}'): "
        f"{u.wat}"
        for u in suspect.changed
    )
    pis = [c.id for c in m.children if c.type == "prestatie-indicator"]
    soort = "prestatie-indicator" if len(pis) == 1 else "prestatie-indicatoren"
    ook = f" Dit geldt ook voor {soort} {', '.join(pis)}." if pis else ""
    return (
        f"Maatregel {m.id} ('{m.title}') is te herbeoordelen: sinds de vaststelling van "
        f"{_datum(baseline)} is gewijzigd waar hij aan bijdraagt — {wat}.{ook} Kijk of de "
        f"maatregel nog past en leg dat vast met: kernbeleid beoordeel {m.id}"
    )


def rule_herbeoordeling(ctx: Any) -> None:
    """Adds one warning per maatregel that is te herbeoordelen and not yet reviewed."""
    baseline = baseline_of(ctx.plan)
    if baseline is None:
        return
    for suspect in suspects(ctx.plan):
        if not suspect.reviewed:
            ctx.add(RULE, suspect.maatregel, message(suspect, baseline), WAARSCHUWING)


def review_entry(suspect: Suspect, baseline: Baseline, today: dt.date) -> Mapping[str, Any]:
    """What ``kernbeleid beoordeel`` stores for one maatregel."""
    return {
        "vingerafdruk": suspect.fingerprint,
        "vastgesteld": baseline.adoption.datum,
        "beoordeeld_op": today.isoformat(),
        "gewijzigd": [u.item.id for u in suspect.changed],
    }
