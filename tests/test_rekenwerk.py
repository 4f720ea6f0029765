"""The check does the griffie's arithmetic: hand-written totals and amounts beside a name."""

from __future__ import annotations

import json

PLAN = """\
Plan
====

.. doel:: Voorbeeldstad is veilig
   :id: DOEL_STRAT
   :niveau: strategisch

.. prioriteit:: Jeugd
   :id: PRIO_JEUGD
   :kv: 3.1
   :rang: 1

.. maatregel:: Jongerenwerk
   :id: MR_JONG
   :hoort_bij: PRIO_JEUGD
   :budget: € 200.000

.. maatregel:: Groepsaanpak
   :id: MR_GROEP
   :hoort_bij: PRIO_JEUGD
   :budget: € 22.000

"""

PROSE = """\
Financiën
=========

Voor prioriteit 1 trekt de gemeente € 250.000 per jaar uit.

Voor de jeugd (Jeugd) is in totaal € 222.000 begroot, waarvan € 22.000 voor de groepsaanpak.

Het centrum krijgt € 40.000; dat noemt geen prioriteit.
"""

TABLES = """\
Tabellen
========

.. list-table:: Klopt niet
   :header-rows: 1

   * - Post
     - Bedrag
   * - Analist
     - € 12.500,50
   * - Monitor
     - € 1.000
   * - **Totaal**
     - **€ 14.000**

.. list-table:: Klopt wel
   :header-rows: 1

   * - Post
     - Bedrag
     - Frequentie
   * - Analist
     - € 12.500,50
     - maandelijks
   * - Monitor
     - € 1.000
     - jaarlijks
   * - Totaal
     - € 13.500,50
     - –
"""


def _findings(project, builder: str = "kernbeleid-check") -> list[dict]:
    result = project.build(builder)
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    return [f for f in report["findings"] if f["rule"] == "KB-R8-budget"]


def test_a_total_row_that_does_not_add_up_is_a_located_fout(project):
    project.write("index.rst", PLAN + ".. toctree::\n\n   tabellen\n")
    project.write("tabellen.rst", TABLES)
    found = _findings(project)
    assert [(f["severity"], f["file"], f["line"]) for f in found] == [("fout", "tabellen.rst", 13)]
    assert found[0]["message"] == (
        "In tabel 'Klopt niet' telt de kolom 'Bedrag' niet op: de totaalregel zegt € 14.000, "
        "de 2 bedragen erboven zijn samen € 13.500,50. Verbeter het totaal of de bedragen; "
        "of laat de tabel berekenen met '.. kernbeleid-begroting::'."
    )


def test_an_amount_beside_an_onderdeel_that_differs_is_a_waarschuwing(project):
    """€ 250.000 in the text, € 222.000 in maatregelen: found, both figures quoted."""
    project.write("index.rst", PLAN + ".. toctree::\n\n   financien\n")
    project.write("financien.rst", PROSE)
    found = _findings(project)
    assert [(f["severity"], f["file"], f["line"]) for f in found] == [
        ("waarschuwing", "financien.rst", 4)
    ]
    assert found[0]["message"] == (
        "De tekst noemt € 250.000 bij prioriteit 1 ('Jeugd'), maar de maatregelen ervan kosten "
        "samen € 222.000. Pas het bedrag aan, of laat het berekenen met "
        "'.. kernbeleid-begroting::'."
    )


def test_a_plan_total_in_the_text_that_matches_no_figure_is_found(project):
    """The held-out case without a name: "€ 250.000" as the plan's budget, € 222.000 in
    maatregelen; a figure the plan does compute (€ 222.000) is not told."""
    text = (
        "Financiën\n=========\n\nHet totale budget voor dit plan is € 250.000 per jaar.\n\n"
        "De maatregelen kosten in totaal € 222.000.\n"
    )
    project.write("index.rst", PLAN + ".. toctree::\n\n   financien\n")
    project.write("financien.rst", text)
    found = _findings(project)
    assert [(f["severity"], f["file"], f["line"]) for f in found] == [
        ("waarschuwing", "financien.rst", 4)
    ]
    assert found[0]["message"] == (
        "De tekst noemt € 250.000 als budget, maar dat bedrag komt in het plan niet voor: de "
        "maatregelen kosten samen € 222.000, het jaarbudget is € 222.000. Pas het bedrag aan, "
        "of laat het berekenen met '.. kernbeleid-begroting::'."
    )


def test_the_html_build_warns_with_file_and_line(project):
    project.write("index.rst", PLAN + ".. toctree::\n\n   financien\n   tabellen\n")
    project.write("financien.rst", PROSE)
    project.write("tabellen.rst", TABLES)
    result = project.build("html")
    assert "financien.rst:4: WARNING: [KB-R8-budget] waarschuwing: De tekst noemt € 250.000" in (
        result.warnings
    )
    assert "tabellen.rst:13: WARNING: [KB-R8-budget] fout: In tabel 'Klopt niet'" in (
        result.warnings
    )


def test_the_arithmetic_can_be_switched_off_with_the_rule(project):
    project.conf('kernbeleid_regels = {"KB-R8": "uit"}\n')
    project.write("index.rst", PLAN + ".. toctree::\n\n   financien\n")
    project.write("financien.rst", PROSE)
    assert _findings(project) == []


def test_amounts_as_dutch_text_writes_them():
    from decimal import Decimal

    from sphinxext_kernbeleid.check.rekenwerk import amounts

    assert amounts("€ 250.000, €1.250,50 en € 1.000,- of € 1,2 miljoen; 7.000 mensen") == [
        ("€ 250.000", Decimal("250000")),
        ("€1.250,50", Decimal("1250.50")),
        ("€ 1.000,-", Decimal("1000")),
        ("€ 1,2 miljoen", Decimal("1200000")),
    ]
