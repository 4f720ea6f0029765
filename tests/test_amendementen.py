"""Amendementen: an aangenomen one changes the plan in every output and says so at the
item; a verworpen one changes nothing but is listed; a wrong target is a located fout."""

from __future__ import annotations

import json

from conftest import Project
from test_vastgesteld import PLAN

INDEX = """\
Plan
====

.. toctree::

   plan
   amendementen/index
"""

AMENDEMENTEN = """\
Amendementen
============

.. kernbeleid-amendementen::

.. toctree::
   :glob:

   a*
"""

A1 = """\
Amendement A1
=============

.. amendement:: A1
   :titel: Meer controles op bedrijventerreinen
   :indieners: Partij Lindewaard (J. de Vries); Stadsbelang (A. Bakker)
   :status: aangenomen
   :datum: 17 december 2026

   De indieners willen meer controles.

   .. wijzig:: MR_A1
      :budget: € 40.000

      Controles op alle bedrijventerreinen, ook 's avonds.

   .. vervalt:: MR_WEG

   .. voeg-toe::

      .. maatregel:: Wijkschouw bedrijventerreinen
         :id: MR_NIEUW
         :hoort_bij: PRIO_A
         :bestuurlijk_trekker: Burgemeester
         :ambtelijk_trekker: Team OOV
         :planning: 2026-Q2..2026-Q4
         :budget: € 7.000

      .. prestatie-indicator:: Schouwen
         :id: PI_NIEUW
         :hoort_bij: MR_NIEUW
         :streefwaarde: 3
         :eenheid: schouwen
"""

A2 = """\
Amendement A2
=============

.. amendement:: A2
   :titel: Geen buurtpreventie
   :indieners: Stadsbelang
   :status: verworpen
   :datum: 2026-12-17

   .. wijzig:: MR_B1
      :budget: € 0

      Geen buurtpreventie meer.

   .. voeg-toe::

      .. maatregel:: Cameratoezicht overal
         :id: MR_VERWORPEN
         :hoort_bij: PRIO_B
"""


def _project(project: Project, *extra: tuple[str, str]) -> Project:
    project.write("index.rst", INDEX)
    project.write("plan.rst", PLAN)
    project.write("amendementen/index.rst", AMENDEMENTEN)
    project.write("amendementen/a1.rst", A1)
    project.write("amendementen/a2.rst", A2)
    for name, text in extra:
        project.write(name, text)
    return project


def _block(page: str, need_id: str) -> str:
    start = page.index(f'id="{need_id}"')
    return page[start : page.index('class="need_container', start)]


def test_aangenomen_changes_the_item_and_says_so(project):
    result = _project(project).build("html")
    # no warnings: also not the check's arithmetic on the amendementen's own summaries
    assert result.status == 0 and not result.warnings, result.warnings
    page = result.html("plan")
    assert "Zoals gewijzigd bij amendement A1 (aangenomen 17 december 2026)." in page
    assert "Controles op alle bedrijventerreinen, ook" in page
    assert "Controles op bedrijventerreinen." not in page  # the old text is replaced
    mr_a1 = _block(page, "MR_A1")
    assert "€ 40.000" in mr_a1 and "€ 25.000" not in mr_a1
    # verworpen: nothing changed, no sentence
    assert "€ 10.000" in _block(page, "MR_B1")
    assert "Geen buurtpreventie meer" not in page
    assert "amendement A2" not in page
    assert "Vervallen bij amendement A1 (aangenomen 17 december 2026)." in _block(page, "MR_WEG")
    a1 = result.html("amendementen/a1")
    assert "Toegevoegd bij amendement A1 (aangenomen 17 december 2026)." in _block(a1, "MR_NIEUW")
    a2 = result.html("amendementen/a2")
    assert 'id="MR_VERWORPEN"' not in a2 and "Cameratoezicht overal" in a2  # shown, not added
    listing = result.html("amendementen/index")
    assert (
        "MR_WEG (&#39;Folders&#39;): vervalt" in listing or "MR_WEG ('Folders'): vervalt" in listing
    )
    assert "MR_VERWORPEN: toegevoegd" in listing
    for text in (
        "A1",
        "A2",
        "verworpen op 17 december 2026",
        "aangenomen op 17 december 2026",
        "MR_A1 ('Integrale controles'): budget wordt € 40.000",
    ):
        assert text in listing, text


def test_check_counts_the_amended_budget(project):
    result = _project(project).build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    assert report["raadsrijp"], report["findings"]
    # 40.000 (amended) + 20.000 + 10.000 (A2 verworpen) + 7.000 (added); MR_WEG vervalt
    assert "€ 77.000" in json.dumps(report["summary"], ensure_ascii=False), report["summary"]


def test_unknown_target_is_a_located_fout(project):
    _project(project)
    project.write("amendementen/a1.rst", A1.replace("MR_A1", "MR_BESTAAT_NIET"))
    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    assert not report["raadsrijp"]
    found = [f for f in report["findings"] if "MR_BESTAAT_NIET" in f["message"]]
    assert found, report["findings"]
    assert found[0]["file"].endswith("amendementen/a1.rst") and found[0]["line"] == 12, found
    assert "geen item met dat id" in found[0]["message"]


def test_what_an_amendement_cannot_do_is_told_where_it_is_written(project):
    _project(project)
    project.write(
        "amendementen/a3.rst",
        """\
        Amendement A3
        =============

        .. amendement:: A3
           :titel: Onleesbaar
           :status: aangenomen
           :datum: 31 juni 2026

           .. wijzig:: MR_A2
              :budgt: € 1

           .. vervalt:: DOEL_A
        """,
    )
    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    found = [(f["line"], f["message"]) for f in report["findings"]]
    found = [(line, m) for line, m in found if m.startswith("Amendement A3")]

    def told(line: int, text: str) -> bool:
        return any(at == line and text in message for at, message in found)

    assert told(4, "datum '31 juni 2026' is onleesbaar"), found
    assert told(9, "':budgt:' bij 'MR_A2' is geen optie van een item"), found
    assert told(12, "kan alleen een maatregel laten vervallen"), found
    assert not report["raadsrijp"]


def test_an_incremental_build_shows_a_changed_amendement(project):
    _project(project)
    outdir = project.path / "_build" / "inc"

    def build() -> str:
        from sphinx.cmd.build import build_main

        assert build_main(["-b", "html", "-q", str(project.src), str(outdir)]) == 0
        return (outdir / "plan.html").read_text("utf-8")

    assert "Zoals gewijzigd bij amendement A1" in build()
    project.write("amendementen/a1.rst", A1.replace(":status: aangenomen", ":status: verworpen"))
    page = build()  # plan.rst itself did not change
    assert "Zoals gewijzigd bij amendement A1" not in page
    assert "€ 25.000" in _block(page, "MR_A1")


def test_myst_amendement(project):
    project.conf('extensions = ["myst_parser", "sphinxext_kernbeleid"]\n')
    project.write("index.rst", "Plan\n====\n\n.. toctree::\n\n   plan\n   a1\n")
    project.write("plan.rst", PLAN)
    project.write(
        "a1.md",
        """\
        # Amendement A1

        ````{amendement} A1
        :titel: Meer controles
        :indieners: Partij Lindewaard
        :status: aangenomen
        :datum: 17-12-2026

        ```{wijzig} MR_A1
        :budget: € 40.000

        Nieuwe tekst in MyST.
        ```
        ````
        """,
    )
    result = project.build("html")
    assert result.status == 0 and not result.warnings, result.warnings
    mr_a1 = _block(result.html("plan"), "MR_A1")
    assert "€ 40.000" in mr_a1 and "Nieuwe tekst in MyST." in mr_a1
    assert "Zoals gewijzigd bij amendement A1 (aangenomen 17 december 2026)." in mr_a1


def test_amended_text_reaches_the_change_report_and_the_adopted_export(project, capsys):
    """needextend changes options only: the text of an aangenomen amendement reaches the
    plan's data through our own model (change report, export of the adopted version)."""
    from sphinxext_kernbeleid.cli.main import main

    project.write("index.rst", INDEX.replace("   amendementen/index\n", ""))
    project.write("plan.rst", PLAN)
    assert main(["vaststellen", "--datum", "2026-12-01", "--plan", str(project.src)]) == 0
    _project(project)  # the raad amends
    result = project.build("kernbeleid-wijzigingen")
    report = json.loads((result.outdir / "kernbeleid-wijzigingen.json").read_text("utf-8"))
    fields = {f["veld"]: f for c in report["gewijzigd"] if c["id"] == "MR_A1" for f in c["velden"]}
    assert fields["budget"]["nu"] == "€ 40.000"
    assert fields["tekst"]["was"] == "Controles op bedrijventerreinen."
    assert fields["tekst"]["nu"] == "Controles op alle bedrijventerreinen, ook 's avonds."
    assert "MR_B1" not in {c["id"] for c in report["gewijzigd"]}  # A2 verworpen
    assert main(["vaststellen", "--datum", "2026-12-17", "--plan", str(project.src)]) == 0
    capsys.readouterr()
    folder = project.src / "vastgesteld" / "2026-12-17"
    needs = json.loads((folder / "needs.json").read_text("utf-8"))["versions"][""]["needs"]
    assert needs["MR_A1"]["content"] == "Controles op alle bedrijventerreinen, ook 's avonds."
    assert needs["MR_B1"].get("content", "") == ""
