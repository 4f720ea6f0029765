"""Who serves what: the tracing links the rules, the matrix and the reports share.

A maatregel serves a prioriteit/thema through its ``hoort_bij`` chain, or, when it has
no such chain, through ``draagt_bij_aan`` to a doel of that prioriteit/thema. Pure and
linear: index once with :func:`index`, then look up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Doel, Maatregel, Onderdeel, Plan

#: A maatregel with this status no longer counts for coverage.
VERVALLEN = "vervallen"


def onderdeel_of_doel(doel: Doel) -> Onderdeel | None:
    """The prioriteit/thema a goal belongs to (through sub-goals), if any."""
    return doel.onderdeel


@dataclass
class TraceIndex:
    """Per maatregel its prioriteit/thema; per prioriteit/thema its goals and maatregelen."""

    onderdeel: dict[str, Onderdeel | None] = field(default_factory=dict)  # maatregel id ->
    via_doel: set[str] = field(default_factory=set)  # maatregel ids traced only by a goal
    doelen: dict[str, list[Doel]] = field(default_factory=dict)  # onderdeel id ->
    maatregelen: dict[str, list[Maatregel]] = field(default_factory=dict)  # onderdeel id ->
    losse_doelen: list[Doel] = field(default_factory=list)  # not under any onderdeel

    def onderdeel_of(self, maatregel: Maatregel) -> Onderdeel | None:
        return self.onderdeel.get(maatregel.id)


def active(maatregel: Maatregel) -> bool:
    return maatregel.status != VERVALLEN


def index(plan: Plan) -> TraceIndex:
    out = TraceIndex()
    doel_onderdeel: dict[str, Onderdeel | None] = {}
    for onderdeel in plan.onderdelen:
        out.doelen[onderdeel.id] = []
        out.maatregelen[onderdeel.id] = []
    for doel in plan.of_type(Doel):
        if doel.is_strategisch:
            continue
        owner = onderdeel_of_doel(doel)
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
