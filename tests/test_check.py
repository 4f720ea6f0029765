"""``sphinx-build -b kernbeleid-check``: exit code, JSON (schema), HTML and XLSX report.

Runs real builds: the flawed fixture (every rule fires) once as a subprocess, small
projects in-process, and the example plan, which must be raadsrijp.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from conftest import EXAMPLE, Project

FLAWED = Path(__file__).parent / "fixtures" / "flawed_plan"
REPORT = "kernbeleid-rapport"

SOUND_RST = """\
Plan
====

.. prioriteit:: Ondermijning tegengaan
   :id: PRIO_A
   :kv: 5.2
   :rang: 1
   :budget: € 100.000

.. doel:: Minder ondermijning
   :id: DOEL_A
   :hoort_bij: PRIO_A

.. effectindicator:: Panden met signalen
   :id: EI_A1
   :hoort_bij: DOEL_A
   :bron: gemeentelijke-registratie
   :soort: objectief
   :eenheid: panden
   :nulmeting: 23 (2024)
   :streefwaarde: 12 (2029)
   :richting: dalen
   :metingen: 20 (2025)

.. effectindicator:: Rapportcijfer veiligheid
   :id: EI_A2
   :hoort_bij: DOEL_A
   :bron: veiligheidsmonitor
   :soort: subjectief
   :eenheid: rapportcijfer
   :nulmeting: 6,9 (2023)
   :streefwaarde: 7,3 (2029)
   :richting: stijgen
   :metingen: 7,0 (2025)

.. maatregel:: Integrale controles
   :id: MR_A
   :hoort_bij: PRIO_A
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :planning: 2026-Q1..2026-Q4
   :budget: € 25.000

.. prestatie-indicator:: Controles
   :id: PI_A
   :hoort_bij: MR_A
   :streefwaarde: 12
   :eenheid: controles
"""


def schema() -> dict:
    text = resources.files("sphinxext_kernbeleid").joinpath(f"data/{REPORT}.schema.json")
    return json.loads(text.read_text("utf-8"))


@pytest.fixture(scope="module")
def flawed(tmp_path_factory):
    """The flawed plan checked once, as a user runs it (subprocess, no -W)."""
    project = Project(tmp_path_factory.mktemp("flawed"))
    shutil.copytree(FLAWED, project.src, dirs_exist_ok=True)
    proc = project.run("kernbeleid-check")
    outdir = project.path / "_build" / "kernbeleid-check"
    report = json.loads((outdir / f"{REPORT}.json").read_text("utf-8"))
    return proc, outdir, report


def test_flawed_plan_exits_1_with_verdict(flawed):
    proc, _outdir, report = flawed
    assert proc.returncode == 1, proc.stderr
    assert report["raadsrijp"] is False
    fouten = report["summary"]["fouten"]
    assert fouten > 0
    assert f"Plan is niet raadsrijp: {fouten} fouten" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_flawed_plan_fires_every_rule_with_file_and_line(flawed):
    _proc, _outdir, report = flawed
    located = {
        f["rule"]
        for f in report["findings"]
        if f["severity"] == "fout" and f["file"] and f["line"] and not f["waived"]
    }
    assert located == {
        "KB-R0-afwijking",
        "KB-R0-bouw",
        "KB-R1-prioriteiten",
        "KB-R2-indicatoren",
        "KB-R3-meetbaar",
        "KB-R4-uitvoering",
        "KB-R5-maatregelen",
        "KB-R6-koppelingen",
        "KB-R7-catalogus",
        "KB-R8-budget",
    }
    r1 = [f for f in report["findings"] if f["rule"] == "KB-R1-prioriteiten"]
    assert [(f["need"], f["file"], f["line"]) for f in r1] == [("PRIO_E", "ivp.rst", 77)]


def test_flawed_plan_edge_cases_are_reported(flawed):
    _proc, _outdir, report = flawed
    messages = {(f["rule"], f["need"]): f["message"] for f in report["findings"]}
    assert "Kringverwijzing" in messages[("KB-R6-koppelingen", "DOEL_KRING_1")]
    assert "wijst naar een doel" in messages[("KB-R6-koppelingen", "AP_FOUT")]
    assert "geen motivering" in messages[("KB-R0-afwijking", "PRIO_C")]
    assert "'veel'" in messages[("KB-R3-meetbaar", "EI_B2")] or any(
        "veel" in f["message"] for f in report["findings"] if f["need"] == "EI_B2"
    )
    # a maatregel linked only by draagt_bij_aan traces fine
    assert not any(
        f["need"] == "MR_JONGEREN" and f["rule"] == "KB-R5-maatregelen" for f in report["findings"]
    )


def test_waived_findings_stay_visible(flawed):
    _proc, _outdir, report = flawed
    waived = [f for f in report["findings"] if f["waived"]]
    assert waived and all(f["need"] == "PRIO_D" for f in waived)
    assert all("raadsbesluit 2025-14" in f["waiver"] for f in waived)
    assert report["summary"]["afwijkingen"] == len(waived)


def test_report_json_validates_against_the_shipped_schema(flawed):
    _proc, _outdir, report = flawed
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(report, schema())


def test_schema_rejects_a_broken_report(flawed):
    _proc, _outdir, report = flawed
    broken = json.loads(json.dumps(report))
    broken["findings"][0]["severity"] = "ernstig"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema())


def test_html_report_for_the_griffie(flawed):
    _proc, outdir, report = flawed
    html = (outdir / f"{REPORT}.html").read_text("utf-8")
    assert f"✘ {report['verdict']}" in html
    assert "class='verdict nok'" in html
    for rule in ("KB-R1-prioriteiten", "KB-R6-koppelingen", "KB-R8-budget"):
        assert f"id='{rule}'" in html
    assert "ivp.rst:77" in html
    assert "Bewuste afwijking: de verkeersdoelen" in html
    assert "⚠ geen maatregel" in html and "⚠ Maatregelen zonder doel" in html
    assert "Plattegrond" in html and "Effectindicatoren per prioriteit" in html
    assert "<link" not in html and "<script" not in html  # self-contained


def test_xlsx_report_is_readable(flawed):
    _proc, outdir, report = flawed
    wb = openpyxl.load_workbook(outdir / f"{REPORT}.xlsx")
    assert wb.sheetnames == ["Oordeel", "Bevindingen", "Matrix", "Plattegrond", "Indicatoren"]
    assert wb["Oordeel"]["A3"].value == report["verdict"]
    rows = list(wb["Bevindingen"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report["findings"])
    assert ("KB-R1-prioriteiten", "fout", "PRIO_E") == rows[[r[2] for r in rows].index("PRIO_E")][
        :3
    ]
    matrix = [c for row in wb["Matrix"].iter_rows(values_only=True) for c in row if c]
    assert "⚠ geen maatregel" in matrix and "⚠" in matrix
    assert not list(outdir.glob("*.tmp*"))


def test_xlsx_matrix_has_one_column_per_maatregel(flawed):
    _proc, outdir, report = flawed
    sheet = openpyxl.load_workbook(outdir / f"{REPORT}.xlsx")["Matrix"]
    header = [c for c in next(sheet.iter_rows(min_row=1, max_row=1, values_only=True))[3:] if c]
    ids = [c.split(" – ")[0] for c in header]
    groups = report["matrix"]["groups"]
    expected = list(
        dict.fromkeys(
            [m for g in groups for m in g["maatregelen"]]
            + [k["id"] for g in groups for d in g["doelen"] for k in d["maatregelen"]]
            + report["matrix"]["maatregelen_zonder_doel"]
        )
    )
    assert ids == expected and len(set(ids)) == len(ids)


def test_loading_the_check_builder_does_not_load_openpyxl():
    """Every build loads the builder module; only the check itself writes a workbook."""
    code = (
        "import sys, sphinxext_kernbeleid.builders.check; "
        "print('openpyxl' in sys.modules, 'sphinxext_kernbeleid.writers.rapport_xlsx' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False"]


def test_sound_plan_exits_0_and_is_raadsrijp(project):
    project.write("index.rst", SOUND_RST)
    proc = project.run("kernbeleid-check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Plan is raadsrijp" in proc.stdout
    assert "WARNING" not in proc.stderr
    report = json.loads(
        (project.path / "_build" / "kernbeleid-check" / f"{REPORT}.json").read_text("utf-8")
    )
    assert report["raadsrijp"] is True and report["findings"] == []
    assert report["summary"]["coverage"]["aandeel_doelen_met_maatregel"] == 1.0
    jsonschema.validate(report, schema())


def test_warnings_alone_do_not_fail_the_check(project):
    # a fourth indicator is a waarschuwing (KB-R2), not a fout
    extra = "\n".join(
        f"""
.. effectindicator:: Extra {n}
   :id: EI_X{n}
   :hoort_bij: DOEL_A
   :bron: politieregistratie
   :soort: objectief
   :eenheid: x
   :nulmeting: 10 (2024)
   :streefwaarde: 5 (2029)
   :richting: dalen
   :metingen: 9 (2025)
"""
        for n in (1, 2)
    )
    project.write("index.rst", SOUND_RST + extra)
    result = project.build("kernbeleid-check")
    assert result.status == 0
    assert "[KB-R2-indicatoren] waarschuwing" in result.warnings
    report = json.loads((result.outdir / f"{REPORT}.json").read_text("utf-8"))
    assert report["raadsrijp"] is True and report["summary"]["waarschuwingen"] == 1


def test_html_build_warns_with_location_and_W_fails(project):
    shutil.copytree(FLAWED, project.src, dirs_exist_ok=True)
    result = project.build("html", "-W", "--keep-going")
    assert result.status == 1
    assert "ivp.rst:77: WARNING: [KB-R1-prioriteiten] fout:" in result.warnings
    assert "uitvoering.rst:47: WARNING: [KB-R6-koppelingen] fout:" in result.warnings
    assert "PRIO_D ('Verkeer') heeft geen doelen" not in result.warnings  # waived: silent
    assert "PRIO_D ('Verkeer') heeft geen maatregel" in result.warnings


def test_sound_html_build_has_no_rule_warnings(project):
    project.write("index.rst", SOUND_RST)
    result = project.build("html", "-W")
    assert result.status == 0, result.warnings
    assert result.warnings == ""


def test_config_typo_is_reported(project):
    project.write("index.rst", SOUND_RST)
    project.conf('kernbeleid_regels = {"max_prio": 3, "KB-R4": "nooit"}\n')
    result = project.build("kernbeleid-check")
    assert "kernbeleid_regels: 'max_prio' is onbekend" in result.warnings
    assert "'KB-R4': 'nooit' is geen geldige instelling" in result.warnings


def test_rule_switched_off_in_conf(project):
    project.write("index.rst", SOUND_RST.replace(":budget: € 100.000", ":budget: € 10.000"))
    project.conf('kernbeleid_regels = {"KB-R8": "uit"}\n')
    result = project.build("kernbeleid-check")
    assert result.status == 0
    report = json.loads((result.outdir / f"{REPORT}.json").read_text("utf-8"))
    r8 = next(r for r in report["summary"]["rules"] if r["rule"] == "KB-R8-budget")
    assert r8["enabled"] is False and report["findings"] == []


def test_example_project_is_raadsrijp(tmp_path):
    project = Project(tmp_path)
    shutil.copytree(
        EXAMPLE, project.src, dirs_exist_ok=True, ignore=shutil.ignore_patterns("_build")
    )
    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / f"{REPORT}.json").read_text("utf-8"))
    bad = [f"{f['rule']} {f['need']}: {f['message']}" for f in report["findings"]]
    assert report["raadsrijp"] is True, bad
    assert report["summary"]["fouten"] == 0
    assert result.status == 0


def test_empty_plan_gives_a_report_not_a_traceback(project):
    project.write("index.rst", "Plan\n====\n\nNog leeg.\n")
    proc = project.run("kernbeleid-check")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "Plan is niet raadsrijp: 1 fout" in proc.stdout
    outdir = project.path / "_build" / "kernbeleid-check"
    report = json.loads((outdir / f"{REPORT}.json").read_text("utf-8"))
    jsonschema.validate(report, schema())
    assert [(f["rule"], f["file"]) for f in report["findings"]] == [("KB-R1-prioriteiten", None)]
    assert "conf.py / plan" in (outdir / f"{REPORT}.html").read_text("utf-8")
    openpyxl.load_workbook(outdir / f"{REPORT}.xlsx")


def test_matrix_legend_in_plain_words(flawed):
    """A griffier reads the legend; the rst option names mean nothing to her."""
    _proc, outdir, _report = flawed
    html = (outdir / f"{REPORT}.html").read_text("utf-8")
    sheet = openpyxl.load_workbook(outdir / f"{REPORT}.xlsx")["Matrix"]
    texts = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    legend = next(t for t in texts if t.startswith("●") and len(t) > 1)
    html_legend = html[html.index("<p class='legend'>●") :][:400]
    for text in (html_legend, legend):
        assert "draagt bij aan dit doel" in text
        assert "draagt_bij_aan" not in text and "hoort_bij" not in text


def test_report_date_reads_dutch(flawed):
    _proc, outdir, _report = flawed
    html = (outdir / f"{REPORT}.html").read_text("utf-8")
    assert re.search(
        r"getoetst op \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|"
        r"september|oktober|november|december) \d{4}, \d\d:\d\d",
        html,
    )


def test_xlsx_matrix_beyond_excels_columns_becomes_a_list(flawed, tmp_path, monkeypatch):
    """A region's plan can hold more maatregelen than a sheet has columns (16.384)."""
    from sphinxext_kernbeleid.writers import rapport_xlsx as report_xlsx

    _proc, _outdir, report = flawed
    monkeypatch.setattr(report_xlsx, "MAX_COLUMNS", 5)  # the flawed plan has more than 2
    path = tmp_path / "rapport.xlsx"
    report_xlsx.xlsx_writer(report)(path)
    sheet = openpyxl.load_workbook(path)["Matrix"]
    assert "meer maatregelen dan een werkblad kolommen heeft" in sheet["A1"].value
    assert [c.value for c in sheet[2]] == [
        "Prioriteit / thema",
        "Doel",
        "Maatregel",
        "Titel",
        "Koppeling",
    ]
    texts = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "⚠ geen maatregel" in texts
    assert "⚠ draagt aan geen enkel doel bij" in texts
    assert sheet.max_column == 5
