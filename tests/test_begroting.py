"""One budget everywhere: ``kernbeleid-begroting`` and every total computed by trace.

A plan with a maatregel outside any onderdeel (a post such as coördinatie) shows the same
plan budget in the begroting, the voortgangsrapportage, the check report and the Word
document; the begroting's totals equal sums made by hand.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from docx import Document

from sphinxext_kernbeleid.model import trace
from sphinxext_kernbeleid.model.plan import build_plan
from sphinxext_kernbeleid.model.settings import Settings
from sphinxext_kernbeleid.records.voortgangsrapport import rapport

PLAN = """\
Plan
====

.. doel:: Voorbeeldstad is veilig
   :id: DOEL_STRAT
   :niveau: strategisch

.. prioriteit:: Veilige wijken
   :id: PRIO_W
   :kv: 1.1
   :rang: 1
   :budget: € 12.000
   :intensivering: € 2.000

.. thema:: Verkeer
   :id: THEMA_V
   :kv: 4.1

.. doel:: Minder overlast
   :id: DOEL_W
   :hoort_bij: PRIO_W

.. maatregel:: Buurtpreventie
   :id: MR_A
   :hoort_bij: PRIO_W
   :budget: € 6.000
   :status: lopend

.. maatregel:: Cameratoezicht
   :id: MR_B
   :hoort_bij: PRIO_W
   :budget: € 4.000
   :status: lopend

.. maatregel:: Schoolzones
   :id: MR_V
   :hoort_bij: THEMA_V
   :budget: € 1.500,50
   :status: lopend

.. maatregel:: Coördinatie en monitoring
   :id: MR_COORD
   :budget: € 5.000
   :intensivering: € 1.000
   :status: lopend

Begroting IVP
-------------

.. kernbeleid-begroting:: ivp

Begroting uitvoeringsplan
-------------------------

.. kernbeleid-begroting:: uitvoeringsplan

Voortgang
---------

.. kernbeleid-voortgang::
"""

PROGRESS = """\
periode: 2026-Q2
maatregelen:
  MR_A:
    status: lopend
"""

SETTINGS = Settings("Voorbeeldstad", (2026, 2029), 2026)


def _needs() -> list[dict]:
    def need(id_: str, type_: str, **fields: object) -> dict:
        return {"id": id_, "type": type_, "title": id_, **fields}

    return [
        need("PRIO_W", "prioriteit", budget="€ 12.000", intensivering="€ 2.000"),
        need("THEMA_V", "thema"),
        need("MR_A", "maatregel", hoort_bij=["PRIO_W"], budget="€ 6.000"),
        need("MR_B", "maatregel", hoort_bij=["PRIO_W"], budget="€ 4.000"),
        need("MR_V", "maatregel", hoort_bij=["THEMA_V"], budget="€ 1.500,50"),
        need("MR_COORD", "maatregel", budget="€ 5.000", intensivering="€ 1.000"),
        need("MR_OUD", "maatregel", budget="€ 999", status="vervallen"),
    ]


def test_begroting_totals_against_hand_sums():
    plan = build_plan(_needs(), SETTINGS)
    begroting = trace.begroting(plan)
    by_id = {line.item.id: line for line in begroting.lines}
    assert list(by_id) == ["PRIO_W", "THEMA_V", "MR_COORD"]
    assert by_id["PRIO_W"].toegewezen == Decimal("10000")
    assert by_id["PRIO_W"].niet_toegewezen == Decimal("2000")
    assert by_id["PRIO_W"].bestaand == Decimal("10000")
    assert by_id["THEMA_V"].jaarbudget == Decimal("1500.50")  # no own budget: its maatregelen
    assert begroting.jaarbudget == Decimal("12000") + Decimal("1500.50") + Decimal("5000")
    assert begroting.toegewezen == Decimal("6000") + 4000 + Decimal("1500.50") + 5000
    assert begroting.niet_toegewezen == Decimal("2000")
    assert begroting.intensivering == Decimal("3000")
    # one owner: the plan budget, the begroting and the voortgangsrapportage agree
    assert trace.plan_budget(plan) == begroting.toegewezen
    assert rapport(plan, None).budget_gepland == begroting.toegewezen


def test_voortgangsrapport_counts_the_post_outside_any_onderdeel():
    """The voortgangsrapportage used to add up the onderdelen only (€ 10.000 vs € 15.000)."""
    needs = [n for n in _needs() if n["id"] not in ("THEMA_V", "MR_V")]
    plan = build_plan(needs, SETTINGS)
    rap = rapport(plan, None)
    assert rap.budget_gepland == trace.plan_budget(plan) == Decimal("15000")
    parts = sum((o.budget_gepland for o in rap.onderdelen), start=Decimal(0))
    assert parts + rap.overig_budget == rap.budget_gepland


@pytest.fixture(scope="module")
def begroting_project(tmp_path_factory):
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("begroting"))
    project.write("index.rst", PLAN)
    project.write("voortgang/2026-Q2.yaml", PROGRESS)
    return project


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def test_begroting_directive_in_html(begroting_project):
    result = begroting_project.build("html")
    assert "kernbeleid-begroting" not in result.warnings, result.warnings
    text = _text(result.html())
    assert (
        "Onderdeel Jaarbudget Waarvan bestaand Waarvan intensivering "
        "Prioriteit 1: Veilige wijken € 12.000 € 10.000 € 2.000 "
        "Thema: Verkeer € 1.500,50 (geen eigen budget: de maatregelen) "
    ) in text
    assert "Overige post: Coördinatie en monitoring € 5.000 € 4.000 € 1.000" in text
    assert "Totaal € 18.500,50" in text
    assert (
        "Onderdeel Jaarbudget IVP Maatregelen 2026 Nog niet toegewezen "
        "Prioriteit 1: Veilige wijken € 12.000 € 10.000 € 2.000"
    ) in text
    assert "Totaal € 18.500,50 € 16.500,50 € 2.000" in text
    assert (
        "Het jaarbudget is € 18.500,50; aan maatregelen voor 2026 is € 16.500,50 toegewezen. "
        "Het verschil (€ 2.000) is nog niet aan een maatregel toegewezen."
    ) in text
    # the voortgangsrapportage gives the same plan budget, the post on a line of its own
    assert "€ 16.500,50 gepland" in text
    assert "Overige posten (buiten prioriteiten en thema's) € 5.000" in text


def test_one_budget_in_the_check_report(begroting_project):
    result = begroting_project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    assert report["summary"]["budget_maatregelen"] == "€ 16.500,50"
    tiles = {t["label"].split(" (")[0]: t["waarde"] for t in report["summary"]["tegels"]}
    assert tiles["jaarbudget"] == "€ 18.500,50"


def test_begroting_in_word(begroting_project):
    result = begroting_project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    path = result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"
    rows = [
        [cell.text.replace("\N{NO-BREAK SPACE}", " ") for cell in row.cells]
        for table in Document(str(path)).tables
        for row in table.rows
    ]
    assert ["Totaal", "€ 18.500,50", "€ 16.500,50", "€ 2.000"] in rows
    # Column headers are never hyphenated ("Nog niet toe-gewezen"); body text may be.
    from docx.oxml.ns import qn

    for table in Document(str(path)).tables:
        header, *body = table._tbl.iter(qn("w:tr"))
        for para in header.iter(qn("w:p")):
            assert para.find(f"{qn('w:pPr')}/{qn('w:suppressAutoHyphens')}") is not None
        for row in body:
            for para in row.iter(qn("w:p")):
                assert para.find(f"{qn('w:pPr')}/{qn('w:suppressAutoHyphens')}") is None


def test_unknown_begroting_kind_is_a_dutch_warning(project):
    project.write("index.rst", "Plan\n====\n\n.. kernbeleid-begroting:: raad\n")
    result = project.build("html")
    assert "index.rst:4" in result.warnings
    assert "kernbeleid-begroting: 'raad' is geen soort begroting" in result.warnings
