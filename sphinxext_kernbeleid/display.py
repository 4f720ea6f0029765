"""Every value's Dutch display text, in one place for HTML, Word, the report and the workbook.

A coördinator reads the same amount, percentage, planning, status and source the same way
in every output; when a wording changes, it changes here once.
"""

from __future__ import annotations

from decimal import Decimal

from . import catalogue as catalogue_module
from .matrix import Coverage
from .model import EffectIndicator, Maatregel
from .parsing import Quantity, QuarterRange, YearValue, format_money
from .trace import VERVALLEN

#: How a vervallen maatregel is marked wherever it is listed (it counts for nothing).
VERVALLEN_MARK = "telt niet mee"


def money(value: Decimal | None) -> str:
    """``€ 25.000``; empty when there is no amount."""
    return format_money(value) if value is not None else ""


def percentage(share: float) -> str:
    """``0.9166`` -> ``92%`` (Dutch readers expect whole percentages here)."""
    return f"{round(share * 100)}%"


def budget(maatregel: Maatregel) -> str:
    """A maatregel's budget; a vervallen one's in brackets, marked as not counted
    (its status column says vervallen)."""
    text = money(maatregel.budget)
    if text and maatregel.status == VERVALLEN:
        return f"({text}, {VERVALLEN_MARK})"
    return text


def value(value: Quantity | YearValue | QuarterRange | None) -> str:
    """A parsed value as the writer's reader expects it; empty when missing."""
    return str(value) if value is not None else ""


def planning(maatregel: Maatregel) -> str:
    """``2026-Q1 t/m 2026-Q4``; empty without a planning."""
    return value(maatregel.planning)


def status(maatregel: Maatregel) -> str:
    """The status with the period it was reported for.

    ``gepland`` (only the plan's status); ``lopend (stand 2026-Q2)`` when a partner
    reported the same status; ``vertraagd (stand 2026-Q2; plan: lopend)`` when the report
    differs from the plan; ``gepland`` stays ``gepland`` when progress has no status.
    """
    planned = maatregel.status or ""
    progress = maatregel.laatste_voortgang
    if progress is None or not progress.status:
        return planned
    if not planned or progress.status == planned:
        return f"{progress.status} (stand {progress.periode})"
    return f"{progress.status} (stand {progress.periode}; plan: {planned})"


def source(bron: str | None) -> str:
    """The catalogue's label of a source (``Politieregistratie``), or the id as written."""
    return catalogue_module.load().source_label(bron) if bron else ""


def richting(indicator: EffectIndicator) -> str:
    return indicator.richting or ""


def coverage_lines(coverage: Coverage) -> list[str]:
    """The coverage counts as the matrix and the check report both state them.

    One definition each: the goals are those of prioriteiten and thema's (strategic goals
    are served through them); the maatregelen are the active ones (vervallen ones count
    for nothing); a maatregel serves a goal it names (●) or, naming none, every goal of
    its prioriteit or thema (○).
    """
    c = coverage
    return [
        f"Doelen van prioriteiten en thema's met ten minste één maatregel: {c.doelen_gedekt} "
        f"van {c.doelen} ({percentage(c.doelen_share)}).",
        f"Maatregelen die bijdragen aan een doel (zelf genoemd ● of via hun prioriteit of "
        f"thema ○): {c.maatregelen_met_doel} van {c.maatregelen} "
        f"({percentage(c.maatregelen_share)}).",
        f"Maatregelen die zelf een doel noemen (●): {c.maatregelen_met_eigen_doel} van "
        f"{c.maatregelen}.",
    ]
