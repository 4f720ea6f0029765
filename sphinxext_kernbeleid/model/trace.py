"""Who serves what, and what it costs: the one owner of membership and budget totals.

A maatregel belongs to a prioriteit/thema through its ``hoort_bij`` chain, or, when it
has no such chain, through ``draagt_bij_aan`` to a doel of that prioriteit/thema. A
``vervallen`` maatregel stays a member (every table shows it, marked) but counts for
nothing: not for coverage, not for a budget total. Every output (HTML and Word tables,
the check report, the matrix, the rules) asks this module, so their figures agree.

Pure and linear: :func:`index` builds the index once per plan and keeps it with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from weakref import WeakKeyDictionary

from .plan import VERVALLEN, Doel, Item, Maatregel, Onderdeel, Plan

__all__ = ["VERVALLEN"]  # a maatregel with this status counts for nothing


def active(maatregel: Maatregel) -> bool:
    """Whether the maatregel counts (for coverage and totals): every status but vervallen."""
    return maatregel.status != VERVALLEN


def budget_sum(maatregelen: list[Maatregel]) -> Decimal:
    """The budgets of the *active* maatregelen among ``maatregelen``; vervallen ones excluded."""
    return sum(
        (m.budget for m in maatregelen if m.budget is not None and active(m)), start=Decimal(0)
    )


@dataclass(frozen=True)
class Budget:
    """The budget figures of one prioriteit/thema, as every output shows them."""

    declared: Decimal | None  # the onderdeel's own ``:budget:``
    total: Decimal  # the active maatregelen together
    vervallen: Decimal  # budgets of vervallen maatregelen, shown but not counted

    @property
    def over(self) -> Decimal:
        """How much the maatregelen exceed the declared budget (0 when within or none)."""
        if self.declared is None or self.total <= self.declared:
            return Decimal(0)
        return self.total - self.declared


@dataclass
class TraceIndex:
    """Per maatregel its prioriteit/thema; per prioriteit/thema its goals and maatregelen."""

    onderdeel: dict[str, Onderdeel | None] = field(default_factory=dict)  # maatregel id ->
    via_doel: set[str] = field(default_factory=set)  # maatregel ids traced only by a goal
    doelen: dict[str, list[Doel]] = field(default_factory=dict)  # onderdeel id ->
    #: onderdeel id -> its maatregelen in plan order, vervallen ones included
    maatregelen: dict[str, list[Maatregel]] = field(default_factory=dict)
    losse_doelen: list[Doel] = field(default_factory=list)  # not under any onderdeel

    def onderdeel_of(self, maatregel: Maatregel) -> Onderdeel | None:
        return self.onderdeel.get(maatregel.id)

    def maatregelen_of(self, onderdeel: Onderdeel) -> list[Maatregel]:
        """Every maatregel of ``onderdeel`` (vervallen ones too, to show them marked)."""
        return list(self.maatregelen.get(onderdeel.id, []))

    def active_of(self, onderdeel: Onderdeel) -> list[Maatregel]:
        """The maatregelen of ``onderdeel`` that count (not vervallen)."""
        return [m for m in self.maatregelen.get(onderdeel.id, []) if active(m)]

    def budget_of(self, onderdeel: Onderdeel) -> Budget:
        members = self.maatregelen.get(onderdeel.id, [])
        return Budget(
            onderdeel.budget,
            budget_sum(members),
            sum(
                (m.budget for m in members if m.budget is not None and not active(m)),
                start=Decimal(0),
            ),
        )


_INDEXES: WeakKeyDictionary[Plan, TraceIndex] = WeakKeyDictionary()


def index(plan: Plan) -> TraceIndex:
    """The plan's trace index, built on first use and kept with the plan."""
    found = _INDEXES.get(plan)
    if found is None:
        found = _INDEXES[plan] = _build(plan)
    return found


def plan_budget(plan: Plan) -> Decimal:
    """All active maatregelen of the plan together (also those tracing to no onderdeel)."""
    return budget_sum(plan.maatregelen)


def declared_total(plan: Plan) -> Decimal:
    """The budgets the prioriteiten and thema's declare themselves, together."""
    return sum((o.budget for o in plan.onderdelen if o.budget is not None), start=Decimal(0))


def posts(plan: Plan) -> list[Maatregel]:
    """Active maatregelen that trace to no prioriteit or thema (e.g. coördinatie).

    They are plan-wide posts: their budget counts in the plan's total, on a line of its own.
    """
    found = index(plan)
    return [m for m in plan.maatregelen if active(m) and found.onderdeel_of(m) is None]


@dataclass(frozen=True)
class BudgetLine:
    """One line of the begroting: a prioriteit, a thema or a post outside them."""

    item: Onderdeel | Maatregel
    declared: Decimal | None  # the onderdeel's own ``:budget:``; a post's own budget
    toegewezen: Decimal  # what its active maatregelen cost together
    intensivering: Decimal | None

    @property
    def jaarbudget(self) -> Decimal:
        """The declared budget, or (when none is declared) what the maatregelen cost."""
        return self.declared if self.declared is not None else self.toegewezen

    @property
    def niet_toegewezen(self) -> Decimal:
        """The part of the jaarbudget not (yet) given to maatregelen; negative when over."""
        return self.jaarbudget - self.toegewezen

    @property
    def bestaand(self) -> Decimal | None:
        if self.intensivering is None:
            return None
        return self.jaarbudget - self.intensivering


@dataclass(frozen=True)
class Begroting:
    """Every euro of the plan on one line each, and the totals every output shows."""

    lines: list[BudgetLine]

    @property
    def jaarbudget(self) -> Decimal:
        return sum((line.jaarbudget for line in self.lines), start=Decimal(0))

    @property
    def toegewezen(self) -> Decimal:
        """Equals :func:`plan_budget`: every active maatregel is on exactly one line."""
        return sum((line.toegewezen for line in self.lines), start=Decimal(0))

    @property
    def niet_toegewezen(self) -> Decimal:
        return self.jaarbudget - self.toegewezen

    @property
    def intensivering(self) -> Decimal | None:
        parts = [line.intensivering for line in self.lines if line.intensivering is not None]
        return sum(parts, start=Decimal(0)) if parts else None

    @property
    def bestaand(self) -> Decimal | None:
        extra = self.intensivering
        return None if extra is None else self.jaarbudget - extra


def begroting(plan: Plan) -> Begroting:
    """The plan's budget lines: prioriteiten, thema's, then the posts outside them."""
    found = index(plan)
    lines = []
    for onderdeel in plan.onderdelen:
        budget = found.budget_of(onderdeel)
        lines.append(BudgetLine(onderdeel, onderdeel.budget, budget.total, onderdeel.intensivering))
    for post in posts(plan):
        amount = post.budget or Decimal(0)
        lines.append(BudgetLine(post, amount, amount, post.intensivering))
    return Begroting(lines)


def _build(plan: Plan) -> TraceIndex:
    out = TraceIndex()
    doel_onderdeel: dict[str, Onderdeel | None] = {}
    for onderdeel in plan.onderdelen:
        out.doelen[onderdeel.id] = []
        out.maatregelen[onderdeel.id] = []
    for doel in plan.of_type(Doel):
        if doel.is_strategisch:
            continue
        owner = doel.onderdeel
        doel_onderdeel[doel.id] = owner
        if owner is None:
            out.losse_doelen.append(doel)
        else:
            out.doelen.setdefault(owner.id, []).append(doel)
    for maatregel in plan.maatregelen:
        owner = maatregel.onderdeel
        if owner is None:
            owner = next(
                (o for d in maatregel.draagt_bij_aan if (o := doel_onderdeel.get(d.id))), None
            )
            if owner is not None:
                out.via_doel.add(maatregel.id)
        out.onderdeel[maatregel.id] = owner
        if owner is not None:
            out.maatregelen.setdefault(owner.id, []).append(maatregel)
    return out


@dataclass(frozen=True)
class MaatregelContext:
    """What a maatregel serves, for a reader of the Uitvoeringsplan: its prioriteit or
    thema (``None`` when it traces to none) and the doelen it contributes to."""

    onderdeel: Onderdeel | None
    doelen: tuple[Doel, ...]
    #: True when the doelen are those of its prioriteit/thema (the maatregel names none).
    doelen_van_onderdeel: bool = False


def maatregel_context(plan: Plan, maatregel: Maatregel) -> MaatregelContext:
    """The prioriteit/thema and doelen of ``maatregel``: its own ``draagt_bij_aan``, else
    the (non-strategic) doelen of the prioriteit/thema it belongs to."""
    return context_in(index(plan), maatregel)


def context_in(trace: TraceIndex, maatregel: Maatregel) -> MaatregelContext:
    """:func:`maatregel_context` with the plan's trace index at hand (the site's blocks)."""
    onderdeel = trace.onderdeel_of(maatregel)
    own = tuple(d for d in maatregel.draagt_bij_aan if not d.is_strategisch)
    if own or onderdeel is None:
        return MaatregelContext(onderdeel, own)
    return MaatregelContext(onderdeel, tuple(trace.doelen.get(onderdeel.id, [])), True)


# --------------------------------------------------------------------------- joint plans

_HOLDS: WeakKeyDictionary[Plan, dict[str, tuple[str, ...]]] = WeakKeyDictionary()


def gemeenten_of(plan: Plan, item: Item) -> tuple[str, ...]:
    """For which gemeenten of a joint plan ``item`` holds, in the order of conf.py.

    Its own ``:gemeenten:`` (absent = all), narrowed by what its parent holds for (along
    ``hoort_bij``; a maatregel traced only through ``draagt_bij_aan`` by its
    prioriteit/thema): a local prioriteit makes everything under it local too. Empty
    when the item holds for no gemeente (the check says so). A plan of one gemeente: ().
    """
    known = _HOLDS.get(plan)
    if known is None:
        known = _HOLDS[plan] = {}
    found = known.get(item.id)
    if found is None:
        found = known[item.id] = _holds(plan, item, known, set())
    return found


def _holds(
    plan: Plan, item: Item, known: dict[str, tuple[str, ...]], seen: set[str]
) -> tuple[str, ...]:
    everyone = tuple(d.naam for d in plan.settings.gemeenten)
    own = everyone if item.gemeenten is None else item.gemeenten
    seen.add(item.id)
    parent: Item | None = item.parent
    if parent is None and isinstance(item, Maatregel):
        parent = index(plan).onderdeel_of(item)
    if parent is None or parent.id in seen:  # a cycle is the check's KB-R6
        return tuple(n for n in everyone if n in own)
    above = known.get(parent.id)
    if above is None:
        above = known[parent.id] = _holds(plan, parent, known, seen)
    return tuple(n for n in everyone if n in own and n in above)


def holds_for(plan: Plan, item: Item, gemeente: str) -> bool:
    """Whether ``item`` belongs to ``gemeente``'s own plan (always true in a plan of one)."""
    return not plan.settings.gemeenten or gemeente in gemeenten_of(plan, item)
