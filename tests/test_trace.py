"""One owner of membership and totals (trace): every output shows the same figures.

The budget case of issue 12: a prioriteit with a budget of € 125 and maatregelen of
€ 60, € 60 and a vervallen € 10. Table, Word, report and check agree on € 120 (within
budget); the vervallen maatregel is shown, marked, outside the total.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from docx import Document

from sphinxext_kernbeleid.model import trace
from sphinxext_kernbeleid.model.plan import build_plan
from sphinxext_kernbeleid.model.settings import Settings

BUDGET_PLAN = """\
Plan
====

.. doel:: Voorbeeldstad is veilig
   :id: DOEL_STRAT
   :niveau: strategisch

.. prioriteit:: Veilige wijken
   :id: PRIO_W
   :kv: 1.1
   :rang: 1
   :budget: € 125

.. doel:: Minder overlast
   :id: DOEL_W
   :hoort_bij: PRIO_W

.. actiepunt:: Wijkaanpak
   :id: AP_W
   :hoort_bij: PRIO_W

.. maatregel:: Buurtpreventie
   :id: MR_A
   :hoort_bij: AP_W
   :draagt_bij_aan: DOEL_W
   :budget: € 60
   :status: gepland

.. maatregel:: Cameratoezicht
   :id: MR_B
   :hoort_bij: AP_W
   :budget: € 60
   :status: lopend

.. maatregel:: Oude aanpak
   :id: MR_C
   :draagt_bij_aan: DOEL_W
   :budget: € 10
   :status: vervallen

.. kernbeleid-maatregelen:: PRIO_W
"""


@pytest.fixture(scope="module")
def budget_project(tmp_path_factory):
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("budget"))
    project.write("index.rst", BUDGET_PLAN)
    return project


def test_trace_owns_membership_and_totals(budget_project):
    result = budget_project.build("needs")
    plan = build_plan(result.needs().values(), Settings("Voorbeeldstad", (2026, 2029), 2026))
    index = trace.index(plan)
    prio = plan.get("PRIO_W")
    # hoort_bij chain and draagt_bij_aan to a doel of it; the vervallen one stays a member
    assert [m.id for m in index.maatregelen_of(prio)] == ["MR_A", "MR_B", "MR_C"]
    assert [m.id for m in index.active_of(prio)] == ["MR_A", "MR_B"]
    budget = index.budget_of(prio)
    assert (budget.declared, budget.total, budget.vervallen) == (
        Decimal(125),
        Decimal(120),
        Decimal(10),
    )
    assert budget.over == 0
    assert trace.plan_budget(plan) == Decimal(120)
    assert trace.index(plan) is index  # built once per plan


def test_html_table_total_leaves_out_the_vervallen_maatregel(budget_project):
    result = budget_project.build("html")
    html = result.html()
    assert "Totaal" in html and "€ 120" in html
    assert "€ 130" not in html
    assert "(€ 10, telt niet mee)" in html
    assert "vervallen maatregelen (€ 10) staan erbij, maar tellen niet mee" in html


def test_word_table_agrees(budget_project):
    result = budget_project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    path = result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"
    document = Document(str(path))
    rows = [
        [cell.text.replace("\N{NO-BREAK SPACE}", " ") for cell in row.cells]
        for table in document.tables
        for row in table.rows
        # (the action table's first cell goes on with what the maatregel serves)
        if row.cells[0].text.split("\n")[0] in ("Totaal", "Oude aanpak")
    ]
    assert ["Totaal", "", "", "", "", "€ 120", "", ""] in rows
    # both the overview table and the action table mark it
    assert sum("(€ 10, telt niet mee)" in row for row in rows) == 2
    text = "\n".join(p.text for p in document.paragraphs).replace("\N{NO-BREAK SPACE}", " ")
    assert "vervallen maatregelen (€ 10) staan erbij, maar tellen niet mee" in text


def test_report_and_check_agree(budget_project):
    result = budget_project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    (group,) = [g for g in report["matrix"]["groups"] if g["onderdeel"]]
    assert group["budget"] == "€ 125"
    assert group["budget_maatregelen"] == "€ 120"
    assert group["budget_overschreden"] is False
    assert report["summary"]["budget_maatregelen"] == "€ 120"
    assert not [f for f in report["findings"] if f["rule"] == "KB-R8-budget"]


def test_each_report_count_has_one_definition(budget_project):
    """The tiles count what the matrix counts, each with its own Dutch label."""
    result = budget_project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    tiles = {t["label"]: t["waarde"] for t in report["summary"]["tegels"]}
    assert tiles == {
        "prioriteiten": "1",
        "overige thema's": "0",
        "strategische doelen": "1",
        "doelen van prioriteiten en thema's": "1",
        "effectindicatoren": "0",
        "actiepunten": "1",
        "maatregelen (niet vervallen)": "2",
        "vervallen maatregelen (tellen niet mee)": "1",
        "budget maatregelen (alle maatregelen die niet vervallen zijn)": "€ 120",
        "jaarbudget (prioriteiten, thema's en posten daarbuiten; het verschil met de "
        "maatregelen is nog niet toegewezen)": "€ 125",
        "doelen van prioriteiten en thema's met een maatregel": "1 van 1",
        "maatregelen die bijdragen aan een doel (zelf genoemd of via hun prioriteit of "
        "thema)": "2 van 2",
        "maatregelen die zelf een doel noemen": "1 van 2",
    }
    coverage = report["summary"]["coverage"]
    assert (coverage["doelen"], coverage["maatregelen"]) == (1, 2)
    html = (result.outdir / "kernbeleid-rapport.html").read_text("utf-8")
    for line in report["summary"]["dekking"]:
        assert line.replace("'", "&#x27;") in html
    assert "Maatregelen die zelf een doel noemen (●): 1 van 2." in report["summary"]["dekking"]


def test_workbook_names_the_onderdeel_of_a_maatregel_traced_by_its_doel(budget_project):
    import openpyxl

    result = budget_project.build("kernbeleid-xlsx")
    assert result.status == 0, result.warnings
    sheet = openpyxl.load_workbook(result.outdir / "uitvoeringsplan-2026.xlsx")["Maatregelen"]
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    (row,) = [r for r in rows if "MR_C" in r]
    assert "Veilige wijken" in row  # through draagt_bij_aan DOEL_W, as trace says


def test_item_details_list_the_onderdeel_members_trace_gives(budget_project):
    """The prioriteit's details name every maatregel trace counts as its member, also the
    one that reaches it only through its doel (draagt_bij_aan)."""
    result = budget_project.build("html")
    page = result.html()
    start = page.index("Maatregelen via actiepunten en doelen")
    row = page[start : page.index("</dd>", start)]
    for title in ("Buurtpreventie", "Cameratoezicht", "Oude aanpak"):
        assert title in row, title
