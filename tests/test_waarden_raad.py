"""Values read as a councillor reads them: percentages, counts at their precision, and a
provisional part-year figure never presented as the latest measurement of a year."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from sphinxext_kernbeleid.model import display
from sphinxext_kernbeleid.model.koers import Oordeel, koers, report_fields
from sphinxext_kernbeleid.model.meetreeks import parse_metingen
from sphinxext_kernbeleid.model.parsing import parse_target, parse_year_value
from sphinxext_kernbeleid.model.plan import EffectIndicator, PrestatieIndicator
from sphinxext_kernbeleid.records.voortgangsrapport import Realisatie, measurements_text
from sphinxext_kernbeleid.render import charts


def _pi(streefwaarde: str, eenheid: str | None = None) -> PrestatieIndicator:
    return PrestatieIndicator(
        id="PI_X",
        type="prestatie-indicator",
        title="Bereik",
        docname=None,
        lineno=None,
        streefwaarde=parse_target(streefwaarde, eenheid=eenheid),
        eenheid=eenheid,
    )


@pytest.mark.parametrize(
    ("streefwaarde", "eenheid", "realisatie", "text"),
    [
        ("90", "%", "82.5", "Bereik: 82,5 % (streefwaarde 90 %)"),
        ("100%", None, "100", "Bereik: 100 % (streefwaarde 100 %)"),
        ("90", "procent", "95", "Bereik: 95 % (streefwaarde 90 %)"),
        ("12", "controles", "5", "Bereik: 5 van 12 controles (42%)"),
    ],
)
def test_percent_realisations_read_as_percentages(streefwaarde, eenheid, realisatie, text):
    found = Realisatie(_pi(streefwaarde, eenheid), Decimal(realisatie), "2026-Q2")
    assert found.text == text


def test_percent_target_without_realisation():
    found = Realisatie(_pi("90", "%"), None, "")
    assert found.text == "Bereik: geen realisatie gemeld (streefwaarde 90 %)"


def _indicator(nul: str, streef: str, metingen: str, richting: str = "dalen") -> EffectIndicator:
    return EffectIndicator(
        id="EI_X",
        type="effectindicator",
        title="Inbraken",
        docname=None,
        lineno=None,
        nulmeting=parse_year_value(nul),
        streefwaarde=parse_year_value(streef),
        richting=richting,
        metingen=parse_metingen(metingen),
    )


@pytest.mark.parametrize(
    ("meting", "oordeel"),
    [
        ("21 (2028)", Oordeel.OP_KOERS),  # path 20,8 is 21 for a count written whole
        ("22 (2028)", Oordeel.NIET_OP_KOERS),
        ("21,0 (2028)", Oordeel.NIET_OP_KOERS),  # written with a decimal: 20,8 it is
        ("20,8 (2028)", Oordeel.OP_KOERS),
    ],
)
def test_counts_are_compared_at_the_precision_they_are_written_in(meting, oordeel):
    ei = _indicator("24 (2024)", "20 (2029)", meting)
    assert koers(ei).oordeel is oordeel


def test_stijgen_rounds_the_same_way():
    ei = _indicator("20 (2024)", "24 (2029)", "23 (2028)", richting="stijgen")  # path 23,2
    assert koers(ei).oordeel is Oordeel.OP_KOERS


def _with_provisional() -> EffectIndicator:
    ei = _indicator("164 (2023)", "120 (2029)", "149 (2025); 35 (2026)")
    ei.metingen = [replace(m, voorlopig=m.year == 2026) for m in ei.metingen]
    return ei


def test_provisional_is_not_the_latest_measurement():
    ei = _with_provisional()
    assert display.laatste_meting(ei) == "149 (2025)"
    assert report_fields(ei)["laatste_meting"] == "149 (2025)"
    assert display.metingen(ei) == "149 (2025); 35 (2026, voorlopig, nog geen heel jaar)"
    assert "35 (2026, voorlopig, nog geen heel jaar)" in measurements_text(ei)
    only = _indicator("164 (2023)", "120 (2029)", "35 (2026)")
    only.metingen = [replace(m, voorlopig=True) for m in only.metingen]
    assert display.laatste_meting(only) == ""


def test_alt_text_describes_exactly_the_points_drawn():
    alt = charts.alt_text(_with_provisional())
    assert alt.startswith("Inbraken: 164 in 2023, 149 in 2025; streefwaarde 120 in 2029")
    assert "35 in 2026" not in alt
    assert "voorlopig cijfer 2026 (35, nog geen heel jaar) niet getekend" in alt


PLAN = """\
Plan
====

.. prioriteit:: Inbraak
   :id: PRIO_I
   :kv: 1.3
   :rang: 1

.. doel:: Minder inbraken
   :id: DOEL_I
   :hoort_bij: PRIO_I

.. effectindicator:: Woninginbraken
   :id: EI_INBRAAK
   :hoort_bij: DOEL_I
   :bron: politieregistratie
   :soort: objectief
   :eenheid: aantal
   :nulmeting: 164 (2023)
   :streefwaarde: 120 (2029)
   :richting: dalen

.. kernbeleid-indicatoren:: PRIO_I
"""

METINGEN = """\
indicatoren:
  EI_INBRAAK:
    2025:
      waarde: '149'
    2026:
      waarde: '35'
      voorlopig: true
"""


def test_provisional_in_the_site_table_and_the_check_report(project):
    project.write("index.rst", PLAN)
    project.write("metingen/metingen.yaml", METINGEN)
    result = project.build("html")
    page = result.html()
    assert "<p>149 (2025)</p>" in page  # the Laatste meting column
    assert "<p>35 (2026" not in page
    check = project.build("kernbeleid-check")
    report = json.loads((check.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    (group,) = [g for g in report["indicatoren"] if g["indicatoren"]]
    assert group["indicatoren"][0]["laatste_meting"] == "149 (2025)"


def test_overview_line_reads_a_percent_realisation_as_a_percentage():
    from sphinxext_kernbeleid.model.plan import Voortgang
    from sphinxext_kernbeleid.render.items import indicator_summary

    pi = _pi("90%")
    pi.voortgang = [Voortgang("2026-Q2", realisatie=Decimal("82.5"))]
    assert indicator_summary(pi) == "Bereik: 90% (stand 2026-Q2: 82,5 %)"
