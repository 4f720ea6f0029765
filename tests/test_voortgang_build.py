"""The build reads ``voortgang/*.yaml``: items show their latest progress; bad files are told."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE, Project
from sphinx.cmd.build import build_main
from voortgang_plan import PLAN

from sphinxext_kernbeleid.imports.voortgang import importeer

Q1 = """\
periode: 2026-Q1
maatregelen:
  MR_AVONDEN:
    status: gepland
prestatie-indicatoren:
  PI_AVONDEN:
    realisatie: '1'
"""

Q2 = """\
periode: 2026-Q2
maatregelen:
  MR_AVONDEN:
    status: lopend
    toelichting: Twee avonden gehouden.
prestatie-indicatoren:
  PI_AVONDEN:
    realisatie: '3,5'
  PI_SUBSIDIE:
    realisatie: '12345,67'
"""


def plan_with(project: Project, **files: str) -> Project:
    project.write("index.rst", PLAN)
    for name, text in files.items():
        project.write(f"voortgang/{name.replace('_', '-')}.yaml", text)
    return project


def test_items_show_latest_progress(project):
    plan_with(project, **{"2026_Q1": Q1, "2026_Q2": Q2})
    result = project.build()
    assert result.status == 0
    html = result.html()
    assert "Status 2026-Q2" in html and "lopend" in html
    assert "Realisatie 2026-Q2" in html and "3,5 avonden" in html
    assert "Twee avonden gehouden." in html
    assert "Status 2026-Q1" not in html  # the latest quarter only
    assert "12.345,67 euro" in html


BAD_FILES = {
    "onbekende maatregel": (
        "periode: 2026-Q2\nmaatregelen:\n  MR_ONBEKEND:\n    status: lopend\n",
        "voortgang/2026-Q2.yaml:4: WARNING: maatregel MR_ONBEKEND bestaat niet in het plan; "
        "verbeter de id of haal de regels weg.",
    ),
    "verkeerde sectie": (
        "periode: 2026-Q2\nmaatregelen:\n  PI_AVONDEN:\n    status: lopend\n",
        "voortgang/2026-Q2.yaml:4: WARNING: PI_AVONDEN is een prestatie-indicator, geen maatregel",
    ),
    "onbekende status": (
        "periode: 2026-Q2\nmaatregelen:\n  MR_AVONDEN:\n    status: klaar\n",
        "voortgang/2026-Q2.yaml:4: WARNING: MR_AVONDEN: status 'klaar' bestaat niet; kies uit "
        "gepland, lopend, gereed, vertraagd, vervallen.",
    ),
    "geen getal": (
        "periode: 2026-Q2\nprestatie-indicatoren:\n  PI_AVONDEN:\n    realisatie: '3.5'\n",
        "voortgang/2026-Q2.yaml:4: WARNING: PI_AVONDEN: realisatie '3.5' gebruikt een punt als "
        "decimaalteken; schrijf een komma; schrijf bijvoorbeeld '7,2'.",
    ),
    "onbekend veld": (
        "periode: 2026-Q2\nmaatregelen:\n  MR_AVONDEN:\n    stand: lopend\n",
        "voortgang/2026-Q2.yaml:4: WARNING: MR_AVONDEN: onbekend veld 'stand'; bij maatregelen "
        "horen status, toelichting.",
    ),
    "periode past niet bij bestandsnaam": (
        "periode: 2026-Q3\n",
        "voortgang/2026-Q2.yaml:1: WARNING: periode 2026-Q3 hoort niet bij de bestandsnaam",
    ),
    "geen yaml": (
        "periode: 2026-Q2\nmaatregelen: [kapot\n",
        "voortgang/2026-Q2.yaml:3: WARNING: is geen geldige YAML; kijk op of vlak boven deze regel",
    ),
    "onbekende sectie": (
        "periode: 2026-Q2\nopmerkingen: iets\n",
        "voortgang/2026-Q2.yaml:2: WARNING: onbekende sectie 'opmerkingen' wordt niet gelezen",
    ),
    "dubbele sleutel": (
        "periode: 2026-Q2\nmaatregelen:\n  MR_AVONDEN:\n    status: lopend\n"
        "  MR_AVONDEN:\n    status: gereed\n",
        "voortgang/2026-Q2.yaml:5: WARNING: 'MR_AVONDEN' staat hier voor de tweede keer (ook "
        "op regel 3); alleen de laatste zou tellen. Voeg de twee samen tot één.",
    ),
    "dubbel veld": (
        "periode: 2026-Q2\nmaatregelen:\n  MR_AVONDEN:\n    status: lopend\n    status: gereed\n",
        "voortgang/2026-Q2.yaml:5: WARNING: 'status' staat hier voor de tweede keer (ook op "
        "regel 4); alleen de laatste zou tellen.",
    ),
    "stuurteken": (
        'periode: 2026-Q2\nmaatregelen:\n  MR_AVONDEN:\n    toelichting: "twee\\vavonden"\n',
        "voortgang/2026-Q2.yaml:4: WARNING: MR_AVONDEN: toelichting bevat een onzichtbaar "
        "stuurteken (U+000B (verticale tab)) dat Word en Excel niet kunnen bewaren; het staat er "
        "nu als zichtbaar teken. Haal het weg uit het bestand.",
    ),
    "leeg": (
        "",
        "voortgang/2026-Q2.yaml:1: WARNING: is leeg; verwijder het of importeer een werkboek opnieuw.",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_progress_file_is_told(case, project):
    text, message = BAD_FILES[case]
    plan_with(project, **{"2026_Q2": text})
    result = project.build("html", "-W", "--keep-going")
    assert message in result.warnings
    assert result.status == 1  # -W: a progress problem is not silently dropped
    assert "Traceback" not in result.warnings


def test_changed_progress_rebuilds_pages(tmp_path):
    project = plan_with(Project(tmp_path), **{"2026_Q2": Q2})
    out = tmp_path / "html"
    args = ["-q", "-b", "html", str(project.src), str(out)]
    assert build_main(args) == 0
    assert "3,5 avonden" in (out / "index.html").read_text("utf-8")
    time.sleep(0.01)
    project.write("voortgang/2026-Q2.yaml", Q2.replace("'3,5'", "'5'"))
    assert build_main(args) == 0  # no -E: Sphinx must notice by itself
    html = (out / "index.html").read_text("utf-8")
    assert "5 avonden" in html and "3,5 avonden" not in html


def test_example_ships_its_imported_workbook(tmp_path):
    """The example's filled-in workbook imports to exactly the shipped YAML."""
    shipped = EXAMPLE / "voortgang" / "2026-Q2.yaml"
    workbooks = sorted((EXAMPLE / "voortgang" / "ingevuld").glob("*.xlsx"))
    assert workbooks, "example_project ships a filled-in workbook"
    plan = tmp_path / "plan"
    plan.mkdir()
    shutil.copy(EXAMPLE / "conf.py", plan / "conf.py")
    assert importeer(workbooks[0], "2026-Q2", plan, say=lambda _: None) == 0
    made = yaml.safe_load((plan / "voortgang" / "2026-Q2.yaml").read_text("utf-8"))
    expected = yaml.safe_load(shipped.read_text("utf-8"))
    for key in ("periode", "maatregelen", "prestatie-indicatoren"):
        assert made[key] == expected[key]
    assert len(expected["maatregelen"]) >= 10


def test_example_html_shows_progress(tmp_path):
    assert build_main(["-q", "-b", "html", str(EXAMPLE), str(tmp_path / "html")]) == 0
    page = Path(tmp_path / "html" / "uitvoeringsplan" / "prioriteiten.html").read_text("utf-8")
    assert "Realisatie 2026-Q2" in page


def test_example_word_shows_progress(tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "docx"
    assert build_main(["-q", "-b", "kernbeleid-docx", str(EXAMPLE), str(out)]) == 0
    document = Document(str(out / "Uitvoeringsplan-Lindewaard-2026.docx"))
    texts = [  # a non-breaking hyphen (w:noBreakHyphen, "2026-Q2") reads as "-"
        "".join(
            "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
            for t in p.iter(qn("w:t"), qn("w:noBreakHyphen"))
        )
        for p in document.element.body.iter(qn("w:p"))
    ]
    assert (
        "Meldingen die binnen drie werkdagen zijn opgepakt: 90 % (stand 2026-Q2: 82,5 %)" in texts
    )
    assert any("vertraagd (stand 2026-Q2" in t for t in texts)  # status with its period
    assert any(t.startswith("Stand 2026-Q2: Inkoop van de bereikbaarheid") for t in texts)


def test_maatregelen_table_shows_progress(project):
    plan_with(project, **{"2026_Q2": Q2})
    project.write("index.rst", PLAN + "\n.. kernbeleid-maatregelen:: PRIO_WIJK\n")
    result = project.build()
    assert result.status == 0
    html = result.html()
    assert "lopend (stand 2026-Q2)" in html  # status with its period, once
    assert "Gehouden avonden: 8 avonden (stand 2026-Q2: 3,5 avonden)" in html


# --------------------------------------------------------------------------- files and names


@pytest.mark.parametrize(
    "name, text, message",
    [
        (
            "2031-Q1.yaml",
            "periode: 2031-Q1\nmaatregelen:\n  MR_AVONDEN:\n    status: lopend\n",
            "voortgang/2031-Q1.yaml:1: WARNING: kwartaal 2031-Q1 valt buiten het uitvoeringsjaar "
            "2026 en buiten de looptijd van het IVP (2026-2029); de voortgang erin wordt niet "
            "getoond. Hernoem het bestand naar het juiste kwartaal, of verplaats het als het bij "
            "een ander plan hoort.",
        ),
        (
            "2026-Q2.yml",
            Q2.replace("2026-Q2", "2026-Q2"),
            "voortgang/2026-Q2.yml:1: WARNING: wordt niet gelezen: de build leest alleen bestanden "
            "als 2026-Q2.yaml. Noem het 2026-Q2.yaml.",
        ),
        (
            "2026-q2.yaml",
            Q2,
            "voortgang/2026-q2.yaml:1: WARNING: wordt niet gelezen: de build leest alleen "
            "bestanden als 2026-Q2.yaml. Noem het 2026-Q2.yaml.",
        ),
        (
            "notities.yaml",
            "iets: ja\n",
            "voortgang/notities.yaml:1: WARNING: wordt niet gelezen: in deze map horen alleen "
            "voortgangsbestanden met het kwartaal als naam, zoals 2026-Q2.yaml.",
        ),
    ],
)
def test_progress_file_names_and_periods_are_told(name, text, message, project):
    project.write("index.rst", PLAN)
    project.write(f"voortgang/{name}", text)
    result = project.build("html")
    assert message in result.warnings
    assert "Status 2031-Q1" not in result.html() and "Status 2026-Q2" not in result.html()


def test_progress_folder_or_file_of_the_wrong_kind(project):
    project.write("index.rst", PLAN)
    project.write("voortgang", "dit is een bestand\n")
    result = project.build("html")
    assert result.status == 0 and "Traceback" not in result.warnings
    assert (
        "voortgang:1: WARNING: is een bestand, maar hier hoort de map met voortgangsbestanden"
        in result.warnings
    )
    (project.src / "voortgang").unlink()
    (project.src / "voortgang" / "2026-Q3.yaml").mkdir(parents=True)
    (project.src / "voortgang" / ".2026-Q2.yaml.lock").write_text("")
    (project.src / "voortgang" / "ingevuld").mkdir()
    result = project.build("html")
    assert result.status == 0, result.warnings
    assert (
        "voortgang/2026-Q3.yaml:1: WARNING: is een map, maar daar hoort een bestand; hernoem of "
        "verplaats die map." in result.warnings
    )
    assert "lock" not in result.warnings and "ingevuld" not in result.warnings


def test_progress_findings_have_file_and_line_in_the_report(project):
    import json

    plan_with(
        project,
        **{"2026_Q2": "periode: 2026-Q2\nmaatregelen:\n  MR_ONBEKEND:\n    status: lopend\n"},
    )
    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    found = [
        f for f in report["findings"] if f["source"] == "invoer" and f["need"] == "MR_ONBEKEND"
    ]
    assert len(found) == 1
    assert found[0]["file"] == "voortgang/2026-Q2.yaml"
    assert found[0]["line"] == 4
    assert found[0]["message"] == (
        "maatregel MR_ONBEKEND bestaat niet in het plan; verbeter de id of haal de regels weg."
    )
    assert found[0]["severity"] == "waarschuwing"
