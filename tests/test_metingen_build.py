"""Measurements in a real build: the item, the indicator table, the chart and the warnings."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from sphinx.cmd.build import build_main

PLAN = """\
Plan
====

.. prioriteit:: Geweld
   :id: PRIO_A
   :kv: 1.3
   :rang: 1

.. doel:: Minder geweld
   :id: DOEL_A
   :hoort_bij: PRIO_A

.. effectindicator:: Geweldsmisdrijven per 1.000 inwoners
   :id: EI_GEWELD
   :hoort_bij: DOEL_A
   :bron: politieregistratie
   :soort: objectief
   :eenheid: misdrijven per 1.000 inwoners
   :nulmeting: 4,8 (2024)
   :streefwaarde: 4,2 (2029)
   :richting: dalen
   :metingen: 4,6 (2025)
   :vergelijking: Nederland 4,3 (2024)

.. effectindicator:: Rapportcijfer veiligheid
   :id: EI_RAPPORTCIJFER
   :hoort_bij: DOEL_A
   :bron: veiligheidsmonitor
   :soort: subjectief
   :eenheid: rapportcijfer
   :nulmeting: 6,9 (2023)
   :streefwaarde: 7,3 (2029)
   :richting: stijgen

.. kernbeleid-indicatoren:: PRIO_A
"""

IMPORTED = """\
indicatoren:
  EI_RAPPORTCIJFER:
    2025:
      waarde: 6,9
      bestand: ../data/monitor.csv
      rijen: '3'
"""


def _plan(project, imported: str = IMPORTED):
    project.write("index.rst", PLAN)
    project.conf('suppress_warnings = ["kernbeleid.regel"]\n')
    if imported is not None:
        project.write("metingen/metingen.yaml", imported)
    return project


def _build(project, *extra: str) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(
            ["-b", "html", "-q", "-N", *extra, str(project.src), str(project.path / "_build")]
        )
    return status, stderr.getvalue()


def test_item_shows_measurements_verdict_and_chart(project):
    result = _plan(project).build("html")
    assert result.status == 0, result.warnings
    assert result.warnings == ""
    html = result.html()
    assert "Metingen" in html and "4,6 (2025)" in html
    assert "Nederland 4,3 (2024)" in html
    # 4,6 in 2025 is ahead of the path (4,68): op koers, in words and with a symbol
    assert "✔ op koers – 4,6 (2025) ligt op of voor het pad" in html
    # the imported 6,9 in 2025 is behind the path 7,03
    assert "✘ niet op koers – 6,9 (2025) ligt achter het pad" in html
    alts = re.findall(r'<img alt="([^"]*)" class="kernbeleid-grafiek" src="([^"]*)"', html)
    assert (
        "Geweldsmisdrijven per 1.000 inwoners: 4,8 in 2024, 4,6 in 2025; streefwaarde 4,2 in "
        "2029; Nederland 4,3 in 2024; op koers"
    ) in [alt for alt, _src in alts]
    for _alt, src in alts:
        assert (result.outdir / src).read_bytes().startswith(b"\x89PNG")


def test_indicator_table_has_latest_measurement_and_verdict(project):
    html = _plan(project).build("html").html()
    table = html[html.index("Effectindicatoren – Geweld") :]
    assert "Laatste meting" in table and "Op koers?" in table
    assert '<span class="kb-koers kb-koers-op-koers">✔ op koers</span>' in table
    assert '<span class="kb-koers kb-koers-niet-op-koers">✘ niet op koers</span>' in table


def test_typed_and_imported_value_that_differ_are_told(project):
    imported = IMPORTED.replace("EI_RAPPORTCIJFER", "EI_GEWELD").replace("6,9", "4,5")
    result = _plan(project, imported).build("html")
    assert (
        "index.rst:13: WARNING: EI_GEWELD: :metingen: noemt 4,6 voor 2025, maar "
        "metingen/metingen.yaml (regel 3) 4,5. De waarde uit het plan wordt getoond; verbeter de "
        "ene of haal de andere weg."
    ) in result.warnings
    assert "4,6 (2025)" in result.html()


def test_bad_values_and_unknown_ids_are_told(project):
    project.write("index.rst", PLAN.replace(":metingen: 4,6 (2025)", ":metingen: 4.6 (2025)"))
    project.write("metingen/metingen.yaml", IMPORTED.replace("EI_RAPPORTCIJFER", "EI_ONBEKEND"))
    result = project.build("html")
    assert (
        "metingen '4.6 (2025)' van EI_GEWELD niet herkend: '4.6 (2025)' waarde '4.6' gebruikt een "
        "punt als decimaalteken; schrijf een komma"
    ) in result.warnings
    assert (
        "metingen/metingen.yaml, regel 3: EI_ONBEKEND bestaat niet in het plan, geen "
        "effectindicator; verbeter de id in koppeling.yaml en importeer opnieuw, of haal de "
        "regels weg."
    ) in result.warnings


def test_rebuild_without_change_draws_nothing_and_a_new_import_redraws(project):
    _plan(project)
    status, warnings = _build(project)
    assert status == 0, warnings
    cache = project.path / "_build" / ".doctrees" / "kernbeleid-grafieken"
    first = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(first) == 2
    status, _warnings = _build(project)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == first
    # a fresh output folder reuses the cached charts too
    status, _warnings = _build(project, "-E")
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == first
    # a new import re-renders the page and draws only the changed chart
    project.write("metingen/metingen.yaml", IMPORTED.replace("6,9", "7,2"))
    status, _warnings = _build(project)
    now = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(now) == 3 and all(now[name] == stamp for name, stamp in first.items())
    html = (project.path / "_build" / "index.html").read_text("utf-8")
    assert "★ streefwaarde gehaald" not in html and "7,2 (2025)" in html


def test_example_imports_are_current(tmp_path):
    """The example's metingen.yaml is what the import makes of its data: nothing changes."""
    import shutil

    from conftest import EXAMPLE

    from sphinxext_kernbeleid.imports.metingen import importeer

    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan, ignore=shutil.ignore_patterns("_build"))
    said: list[str] = []
    assert importeer(plan, say=said.append) == 0
    assert "Niets veranderd" in said[-1]
    assert (plan / "metingen" / "metingen.yaml").read_bytes() == (
        EXAMPLE / "metingen" / "metingen.yaml"
    ).read_bytes()


def test_example_data_script_is_reproducible(tmp_path):
    import runpy

    from conftest import EXAMPLE

    script = runpy.run_path(str(EXAMPLE / "data" / "maak_voorbeelddata.py"))
    script["main"](tmp_path)
    from openpyxl import load_workbook

    def cells(path: Path) -> list[list]:
        workbook = load_workbook(path)
        return [[list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook]

    # the zip inside an xlsx stamps the time of writing: compare what Excel shows
    assert cells(tmp_path / "politie.xlsx") == cells(EXAMPLE / "data" / "politie.xlsx")
    csv = "veiligheidsmonitor.csv"
    assert (tmp_path / csv).read_bytes() == (EXAMPLE / "data" / csv).read_bytes()


def test_check_report_shows_the_verdict(project):
    import json

    from openpyxl import load_workbook

    result = _plan(project).build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    found = {i["id"]: i for b in report["indicatoren"] for i in b["indicatoren"]}
    assert found["EI_GEWELD"]["koers"] == "op koers"
    assert found["EI_GEWELD"]["koers_label"] == "✔ op koers"
    assert found["EI_RAPPORTCIJFER"]["laatste_meting"] == "6,9 (2025)"
    html = (result.outdir / "kernbeleid-rapport.html").read_text("utf-8")
    assert "<th>Op koers?</th>" in html and "<td>✘ niet op koers</td>" in html
    sheet = load_workbook(result.outdir / "kernbeleid-rapport.xlsx")["Indicatoren"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][-2:] == ["Laatste meting", "Op koers?"]
    assert ["4,6 (2025)", "✔ op koers"] in [r[-2:] for r in rows]


def test_parallel_build_has_every_chart(project):
    result = _plan(project).run("html", "-j", "2", "-W", "--keep-going")
    assert result.returncode == 0, result.stderr
    html = (project.path / "_build" / "html" / "index.html").read_text("utf-8")
    sources = re.findall(r'class="kernbeleid-grafiek" src="([^"]*)"', html)
    assert len(sources) == 2
    for src in sources:
        assert (project.path / "_build" / "html" / src).read_bytes().startswith(b"\x89PNG")


def test_a_year_written_twice_in_metingen_yaml_is_told(project):
    """Read like the progress files: YAML would keep the last value without a word."""
    twice = IMPORTED + "    2025:\n      waarde: 7,4\n"
    _plan(project, twice)
    result = project.build("html")
    assert (
        "metingen/metingen.yaml, regel 7: EI_RAPPORTCIJFER: '2025' staat hier voor de tweede "
        "keer (ook op regel 3); alleen de laatste zou tellen. Voeg de twee samen tot één."
    ) in result.warnings


def test_metingen_yaml_as_a_folder_is_a_sentence_not_a_traceback(project):
    _plan(project, None)
    (project.src / "metingen" / "metingen.yaml").mkdir(parents=True)
    result = project.build("html")
    assert (
        "metingen/metingen.yaml: is een map, maar daar hoort een bestand; hernoem of verplaats "
        "die map."
    ) in result.warnings
