"""display: each value's Dutch text, the same in HTML, Word, the report and the workbook."""

from __future__ import annotations

from decimal import Decimal

from sphinxext_kernbeleid.model import display
from sphinxext_kernbeleid.model.matrix import Coverage
from sphinxext_kernbeleid.model.parsing import parse_quarter_range
from sphinxext_kernbeleid.model.plan import EffectIndicator, Maatregel, Voortgang, build_plan
from sphinxext_kernbeleid.model.settings import Settings


def maatregel(status: str | None = None, *progress: Voortgang, budget: str | None = None):
    return Maatregel(
        id="MR_X",
        type="maatregel",
        title="X",
        docname=None,
        lineno=None,
        status=status,
        planning=parse_quarter_range("2026-Q1..2026-Q4"),
        budget=Decimal(budget) if budget else None,
        voortgang=list(progress),
    )


def test_status_with_its_period_said_once():
    assert display.status(maatregel("gepland")) == "gepland"
    assert display.status(maatregel(None)) == ""
    lopend = Voortgang("2026-Q2", status="lopend")
    assert display.status(maatregel("lopend", lopend)) == "lopend (stand 2026-Q2)"
    vertraagd = Voortgang("2026-Q2", status="vertraagd")
    assert (
        display.status(maatregel("lopend", vertraagd)) == "vertraagd (stand 2026-Q2; plan: lopend)"
    )
    assert display.status(maatregel(None, vertraagd)) == "vertraagd (stand 2026-Q2)"
    assert display.status(maatregel("gepland", Voortgang("2026-Q2"))) == "gepland"


def test_money_planning_and_vervallen_budget():
    assert display.money(Decimal("25000")) == "€ 25.000"
    assert display.money(Decimal("1250.5")) == "€ 1.250,50"
    assert display.money(None) == ""
    assert display.planning(maatregel()) == "2026-Q1 t/m 2026-Q4"
    assert display.budget(maatregel("lopend", budget="60")) == "€ 60"
    assert display.budget(maatregel("vervallen", budget="10")) == ("(€ 10, telt niet mee)")


def test_percentage():
    assert display.percentage(0.9166) == "92%"
    assert display.percentage(1.0) == "100%"


def _indicator_with_source(bron: str | None) -> EffectIndicator:
    needs = [{"id": "EI", "type": "effectindicator", "title": "EI"}]
    if bron is not None:
        needs[0]["bron"] = bron
    item = build_plan(needs, Settings("X", (2026, 2029), 2026)).items["EI"]
    assert isinstance(item, EffectIndicator)
    return item


def test_source_is_shown_as_written():
    """A name matched to the catalogue stays as written; only a key reads as its label."""
    enquete = _indicator_with_source("ondernemersenquête")
    assert enquete.bron == "ondernemersenquete"  # matched: the spelling is known
    assert display.source(enquete) == "ondernemersenquête"
    assert display.text_of(enquete, "bron") == "ondernemersenquête"
    key = _indicator_with_source("politieregistratie")
    assert display.source(key) == "Politieregistratie (BVH/BVI)"
    assert display.source(_indicator_with_source("eigen-telling")) == "eigen-telling"
    assert display.source(_indicator_with_source(None)) == ""


def test_coverage_lines_say_what_each_count_counts():
    lines = display.coverage_lines(Coverage(4, 3, 10, 9, 6))
    assert lines == [
        "Doelen van prioriteiten en thema's met ten minste één maatregel: 3 van 4 (75%).",
        "Maatregelen die bijdragen aan een doel (zelf genoemd ● of via hun prioriteit of "
        "thema ○): 9 van 10 (90%).",
        "Maatregelen die zelf een doel noemen (●): 6 van 10.",
    ]
