"""A joint plan of several gemeenten (``kernbeleid_gemeenten``): each gemeente's own plan.

One source, several raden: every item holds for all participating gemeenten unless its
``:gemeenten:`` option (or that of its parent, see :func:`.trace.gemeenten_of`) says
otherwise. :func:`plan_voor` gives the plan of one gemeente: only the items that hold for
it, links to the others dropped, its own name and logo in the settings, and each shared
budget replaced by the gemeente's share (:func:`verdeling`). Every rule, table and
document then works on that view exactly as on a plan of one gemeente.

A shared budget is split as ``:verdeling: Lindewaard 20.000; Beekveld 10.000`` says;
without it in proportion to ``inwoners`` (when conf.py gives them for every gemeente it
holds for), else in equal parts. Shares are in cents; what rounding leaves goes to the
last gemeente, so the shares always add up to the budget.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any
from weakref import WeakKeyDictionary

from . import trace
from .needtypes import LINKS
from .parsing import ParseError, parse_money
from .plan import EffectIndicator, Item, Maatregel, Onderdeel, Plan, build_plan
from .settings import Deelnemer, Settings

CENT = Decimal("0.01")
#: How a share came about (shown in the check report).
OPGEGEVEN, INWONERS, GELIJK = "opgegeven", "naar inwoners", "gelijk verdeeld"
#: What a view copies from the whole plan's items: attached after parsing (progress files).
ATTACHED = ("voortgang", "metingen")


def deelnemer(settings: Settings, naam: str) -> Deelnemer | None:
    return next((d for d in settings.gemeenten if d.naam == naam), None)


def find(settings: Settings, text: str) -> str | None:
    """The canonical name of a participating gemeente written as name or CBS code."""
    key = text.strip().casefold()
    return next(
        (d.naam for d in settings.gemeenten if key in (d.naam.casefold(), d.code.casefold())),
        None,
    )


def settings_voor(settings: Settings, naam: str) -> Settings:
    """The settings of one gemeente's own documents: its name and (if given) its logo."""
    own = deelnemer(settings, naam)
    logo = own.logo if own is not None and own.logo is not None else settings.logo
    return dataclasses.replace(settings, gemeente=naam, logo=logo, gemeenten=())


# --------------------------------------------------------------------------- budgets


@dataclass(frozen=True)
class Verdeling:
    """How the budget of one item is split over the gemeenten it holds for."""

    item: Item
    budget: Decimal
    shares: dict[str, Decimal]
    wijze: str  # OPGEGEVEN, INWONERS or GELIJK
    #: Dutch messages about a ``:verdeling:`` that cannot be used as written.
    problems: list[str] = field(default_factory=list)


_PART = re.compile(
    r"^\s*(?P<naam>.*?)\s*[:=]?\s*(?P<bedrag>(?:€|EUR)?\s*-?\d[\d.,\s]*(?:k|K)?\s*)$"
)


def _written(item: Item) -> str:
    raw = item.raw.get("verdeling")
    return "" if raw is None else str(raw).strip()


def _even(budget: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    total = sum(weights.values(), start=Decimal(0))
    names = list(weights)
    shares: dict[str, Decimal] = {}
    for naam in names[:-1]:
        shares[naam] = (budget * weights[naam] / total).quantize(CENT, rounding=ROUND_DOWN)
    shares[names[-1]] = budget - sum(shares.values(), start=Decimal(0))
    return shares


def verdeling(plan: Plan, item: Item) -> Verdeling | None:
    """The split of ``item``'s budget over its gemeenten (None: no budget, or one gemeente
    and no ``:verdeling:``)."""
    budget = getattr(item, "budget", None)
    holders = trace.gemeenten_of(plan, item)
    written = _written(item)
    if budget is None:
        if written:
            return Verdeling(
                item,
                Decimal(0),
                {},
                OPGEGEVEN,
                [
                    f"{item.id} heeft een ':verdeling:' maar geen ':budget:'. Schrijf het totale "
                    f"budget erbij, bijv. ':budget: € 30.000'."
                ],
            )
        return None
    if not holders or (len(holders) == 1 and not written):
        return None
    if written:
        return _parsed(plan, item, budget, holders, written)
    people = {d.naam: d.inwoners for d in plan.settings.gemeenten if d.naam in holders}
    if all(people.get(n) for n in holders):
        weights = {n: Decimal(people[n] or 0) for n in holders}
        return Verdeling(item, budget, _even(budget, weights), INWONERS)
    return Verdeling(item, budget, _even(budget, {n: Decimal(1) for n in holders}), GELIJK)


def _parsed(
    plan: Plan, item: Item, budget: Decimal, holders: tuple[str, ...], written: str
) -> Verdeling:
    names = {d.naam.casefold(): d.naam for d in plan.settings.gemeenten}
    names.update({d.code.casefold(): d.naam for d in plan.settings.gemeenten})
    shares: dict[str, Decimal] = {}
    problems: list[str] = []
    example = "; ".join(f"{n} 10.000" for n in holders)
    for part in [p for p in re.split(r"[;\n]", written) if p.strip()]:
        match = _PART.match(part)
        naam = names.get(match["naam"].strip().casefold()) if match else None
        if match is None or naam is None:
            problems.append(
                f"'{part.strip()}' in ':verdeling:' van {item.id} is geen gemeente met bedrag. "
                f"Schrijf per gemeente haar naam en bedrag, bijv. ':verdeling: {example}'."
            )
            continue
        try:
            amount = parse_money(match["bedrag"])
        except ParseError as err:
            problems.append(
                f"bedrag '{match['bedrag'].strip()}' voor {naam} in ':verdeling:' van "
                f"{item.id} niet herkend: {err.reason}; schrijf bijvoorbeeld '{err.hint}'."
            )
            continue
        if naam not in holders:
            problems.append(
                f"':verdeling:' van {item.id} geeft {naam} een deel, maar {item.id} geldt niet "
                f"voor {naam} (wel voor {', '.join(holders)}). Haal {naam} uit de verdeling of "
                f"zet {naam} bij ':gemeenten:'."
            )
            continue
        shares[naam] = shares.get(naam, Decimal(0)) + amount
    missing = [n for n in holders if n not in shares]
    if missing and not problems:
        problems.append(
            f"':verdeling:' van {item.id} noemt {', '.join(missing)} niet, terwijl "
            f"{item.id} ook voor {'die gemeenten' if len(missing) > 1 else 'die gemeente'} "
            f"geldt. Geef elke gemeente haar deel (ook als dat 0 is)."
        )
    total = sum(shares.values(), start=Decimal(0))
    if not problems and total != budget:
        from .display import money

        problems.append(
            f"de verdeling van {item.id} telt op tot {money(total)}, maar het budget is "
            f"{money(budget)} (verschil {money(budget - total)}). Laat de delen optellen tot "
            f"het budget, of pas ':budget:' aan."
        )
    for naam in missing:
        shares[naam] = Decimal(0)
    return Verdeling(item, budget, {n: shares[n] for n in holders}, OPGEGEVEN, problems)


def verdelingen(plan: Plan) -> Iterator[Verdeling]:
    """Every split budget of the plan, in plan order."""
    for item in plan.items.values():
        if isinstance(item, (Maatregel, Onderdeel)):
            found = verdeling(plan, item)
            if found is not None:
                yield found


# --------------------------------------------------------------------------- views


class _Filtered:
    """A need seen from one gemeente: links to items outside its plan left out."""

    def __init__(self, need: Any, keep: set[str]) -> None:
        self._need = need
        self._keep = keep

    def __getitem__(self, key: str) -> Any:
        return self._filter(key, self._need[key])

    def get(self, key: str) -> Any:
        return self._filter(key, self._need.get(key))

    def _filter(self, key: str, value: Any) -> Any:
        if key in LINKS and value:
            return [v for v in value if str(v) in self._keep]
        if key == "gemeenten":
            return None  # read by the whole plan; the view is one gemeente's
        return value


_VIEWS: WeakKeyDictionary[Plan, dict[str, Plan]] = WeakKeyDictionary()


def plan_voor(plan: Plan, naam: str) -> Plan:
    """The plan of gemeente ``naam``: the items that hold for it, its own settings and its
    shares of the shared budgets. Built once per plan and gemeente."""
    views = _VIEWS.get(plan)
    if views is None:
        views = _VIEWS[plan] = {}
    found = views.get(naam)
    if found is None:
        found = views[naam] = _view(plan, naam)
    return found


def _view(plan: Plan, naam: str) -> Plan:
    keep = {i for i, item in plan.items.items() if trace.holds_for(plan, item, naam)}
    needs = [_Filtered(plan.items[i].raw, keep) for i in plan.items if i in keep]
    view = build_plan(needs, settings_voor(plan.settings, naam))
    for item_id, item in view.items.items():
        whole = plan.items[item_id]
        for name in ATTACHED:
            if hasattr(whole, name) and (name != "metingen" or isinstance(item, EffectIndicator)):
                setattr(item, name, getattr(whole, name))
        if isinstance(item, EffectIndicator) and isinstance(whole, EffectIndicator):
            if whole.metingen_per_gemeente:  # her own values, not the joint ones
                item.metingen = list(whole.metingen_per_gemeente.get(naam, []))
        split = verdeling(plan, whole)
        if split is not None and naam in split.shares and isinstance(item, (Maatregel, Onderdeel)):
            share = split.shares[naam]
            if item.intensivering is not None and split.budget:
                item.intensivering = (item.intensivering * share / split.budget).quantize(CENT)
            item.budget = share
    return view
