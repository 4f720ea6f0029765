"""The traceability matrix: which maatregelen carry which goals, and where the gaps are.

Pure over the plan, so the HTML directive, the check report and the XLSX sheet draw the
same thing. A maatregel serves a goal *explicitly* (``draagt_bij_aan``) or *via
hoort_bij*: a maatregel under a prioriteit/thema (directly or through an actiepunt)
that names none of its goals serves all goals of that prioriteit/thema.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import trace
from .plan import Doel, Maatregel, Onderdeel, Plan


@dataclass(frozen=True)
class Mark:
    maatregel: Maatregel
    explicit: bool  # True: draagt_bij_aan; False: implied by the hoort_bij chain


@dataclass
class GoalRow:
    doel: Doel
    depth: int  # 0: goal of the prioriteit/thema; 1+: sub-goal
    marks: list[Mark] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.marks)


@dataclass
class Group:
    onderdeel: Onderdeel | None  # None: goals that hang under no prioriteit/thema
    rows: list[GoalRow]
    maatregelen: list[Maatregel]  # active maatregelen tracing to this onderdeel

    @property
    def gaps(self) -> int:
        return sum(1 for r in self.rows if not r.covered)


@dataclass
class Coverage:
    """The coverage counts; each has one definition, said in :data:`LABELS`."""

    doelen: int  # goals of prioriteiten/thema's and loose goals; strategic goals not
    doelen_gedekt: int  # of those, goals with at least one active maatregel (● or ○)
    maatregelen: int  # active maatregelen (vervallen ones do not count)
    maatregelen_met_doel: int  # of those, serving a goal: named (●) or via hoort_bij (○)
    maatregelen_met_eigen_doel: int = 0  # of those, naming a goal with draagt_bij_aan (●)

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def doelen_share(self) -> float:
        return self.share(self.doelen_gedekt, self.doelen)

    @property
    def maatregelen_share(self) -> float:
        return self.share(self.maatregelen_met_doel, self.maatregelen)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "doelen": self.doelen,
            "doelen_met_maatregel": self.doelen_gedekt,
            "aandeel_doelen_met_maatregel": round(self.doelen_share, 4),
            "maatregelen": self.maatregelen,
            "maatregelen_met_doel": self.maatregelen_met_doel,
            "aandeel_maatregelen_met_doel": round(self.maatregelen_share, 4),
            "maatregelen_met_eigen_doel": self.maatregelen_met_eigen_doel,
        }


@dataclass
class Matrix:
    groups: list[Group]
    zonder_doel: list[Maatregel]  # active maatregelen that serve no goal at all
    coverage: Coverage
    maatregelen: list[Maatregel]  # every active maatregel, in plan order (XLSX columns)


def _ordered_goals(doelen: list[Doel]) -> list[tuple[Doel, int]]:
    """Goals with their sub-goals right below them."""
    mine = {d.id for d in doelen}
    out: list[tuple[Doel, int]] = []

    def walk(doel: Doel, depth: int) -> None:
        out.append((doel, depth))
        for sub in doel.children_of_type(Doel):
            if sub.id in mine:
                walk(sub, depth + 1)

    for doel in doelen:
        parent = doel.parent
        if not (isinstance(parent, Doel) and parent.id in mine):
            walk(doel, 0)
    seen = {d.id for d, _ in out}
    out += [(d, 0) for d in doelen if d.id not in seen]  # goals in a hoort_bij loop
    return out


def build_matrix(plan: Plan, index: trace.TraceIndex | None = None) -> Matrix:
    index = index or trace.index(plan)
    explicit: dict[str, list[Maatregel]] = {}
    active = [m for m in plan.maatregelen if trace.active(m)]
    served: set[str] = set()
    for m in active:
        for doel in m.draagt_bij_aan:
            explicit.setdefault(doel.id, []).append(m)
            served.add(m.id)
    groups: list[Group] = []
    doelen_total = doelen_gedekt = 0

    def make_group(onderdeel: Onderdeel | None, doelen: list[Doel]) -> Group:
        nonlocal doelen_total, doelen_gedekt
        maatregelen = index.active_of(onderdeel) if onderdeel else []
        own = {d.id for d in doelen}
        implicit = [
            m
            for m in maatregelen
            if m.id not in index.via_doel and not any(d.id in own for d in m.draagt_bij_aan)
        ]
        implicit_marks = [Mark(m, False) for m in implicit]  # frozen: one set for all rows
        rows = []
        for doel, depth in _ordered_goals(doelen):
            marks = [Mark(m, True) for m in explicit.get(doel.id, [])]
            rows.append(GoalRow(doel, depth, marks + implicit_marks))
        if rows:
            served.update(m.id for m in implicit)
        doelen_total += len(rows)
        doelen_gedekt += sum(1 for r in rows if r.covered)
        return Group(onderdeel, rows, maatregelen)

    for onderdeel in plan.onderdelen:
        groups.append(make_group(onderdeel, index.doelen.get(onderdeel.id, [])))
    if index.losse_doelen:
        groups.append(make_group(None, index.losse_doelen))
    zonder = [m for m in active if m.id not in served]
    coverage = Coverage(
        doelen_total,
        doelen_gedekt,
        len(active),
        len(active) - len(zonder),
        sum(1 for m in active if m.draagt_bij_aan),
    )
    return Matrix(groups, zonder, coverage, active)
