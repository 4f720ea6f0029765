"""A joint plan's measurements per gemeente (issue 23 part 1, the data): the import stores a
value per gemeente for a shared effect indicator, the site shows them side by side, each
gemeente's Word documents show her own, and a missing value is named. Built from
tests/fixtures/gezamenlijk_plan (its metingen/ and data/ folders; see docs/samen.md)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
from conftest import Project

from sphinxext_kernbeleid.imports.metingen import importeer

FIXTURE = Path(__file__).parent / "fixtures" / "gezamenlijk_plan"
METINGEN = "metingen/metingen.yaml"


def copy_plan(tmp_path: Path) -> Project:
    project = Project(tmp_path)
    shutil.rmtree(project.src)
    shutil.copytree(FIXTURE, project.src)
    return project


def run(plan: Path, **kwargs) -> tuple[int, str]:
    said: list[str] = []
    code = importeer(plan, say=said.append, **kwargs)
    return code, "\n".join(said)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


# --------------------------------------------------------------------------- the import


def test_the_import_stores_a_value_per_gemeente_and_names_what_one_lacks(tmp_path):
    project = copy_plan(tmp_path)
    (project.src / METINGEN).unlink()
    code, said = run(project.src)
    assert code == 1, said  # Hoogmeer's 2025 figure is missing: not everything was there
    assert (
        "Ontbreekt  EI_ONDERNEMERS (Hoogmeer): geen waarde voor 2025 in "
        "../data/ondernemers.csv (kolom Gemeentecode), wel voor Beekveld en Lindewaard."
    ) in said
    assert "Verwerkt: 11 waarden nieuw" in said
    # Exactly the fixture's file: per gemeente under her code (a code in one file, a name
    # in the other), the local indicator's one series from Beekveld's rows only.
    written = (project.src / METINGEN).read_text("utf-8")
    assert written == (FIXTURE / METINGEN).read_text("utf-8")
    assert "GM9003" not in written.split("EI_OVERLAST_ERVAREN")[1]  # not hers
    # Again: nothing changes, and the gap is told again.
    code, said = run(project.src)
    assert code == 1 and "Niets veranderd" in said and "Ontbreekt  EI_ONDERNEMERS" in said


def test_a_gemeente_without_any_row_is_named(tmp_path):
    project = copy_plan(tmp_path)
    (project.src / METINGEN).unlink()
    data = project.src / "data" / "ondernemers.csv"
    data.write_text(
        "\n".join(line for line in data.read_text("utf-8").splitlines() if "GM9002" not in line)
        + "\n",
        "utf-8",
    )
    code, said = run(project.src)
    assert code == 1
    assert (
        "Ontbreekt  EI_ONDERNEMERS (Lindewaard): geen enkele rij van Lindewaard (GM9002) in "
        "../data/ondernemers.csv (kolom Gemeentecode), wel voor Beekveld en Hoogmeer."
    ) in said


def test_per_inwoners_per_gemeente(tmp_path):
    project = copy_plan(tmp_path)
    (project.src / "data" / "politie.csv").write_text(
        "WijkenEnBuurten;Perioden;Jeugdoverlast\n"
        "GM9001;2025JJ00;150\nGM9002;2025JJ00;40\nGM9003;2025JJ00;99\n",
        "utf-8",
    )
    mapping = project.src / "metingen" / "koppeling.yaml"
    text = mapping.read_text("utf-8").replace(
        "indicatoren:\n",
        "  politie:\n    bestand: ../data/politie.csv\n    periode: Perioden\n"
        "    waarde: Jeugdoverlast\n    gemeente: WijkenEnBuurten\n"
        "inwoners: {GM9001: {2025: 30000}, GM9003: {2025: 20000}}\n"
        "indicatoren:\n  EI_JEUGDOVERLAST:\n    bestand: politie\n    per_inwoners: 1000\n",
    )
    mapping.write_text(text, "utf-8")
    code, said = run(project.src)
    assert code == 1, said
    assert (
        "Afgewezen  ../data/politie.csv, rij 3: EI_JEUGDOVERLAST (Lindewaard) 2025: geen " in said
    )
    assert "vul het aan onder de code GM9002." in said
    assert "Ontbreekt  EI_JEUGDOVERLAST (Lindewaard): geen waarde voor 2025" in said
    written = (project.src / METINGEN).read_text("utf-8")
    jeugd = written.split("EI_JEUGDOVERLAST:")[1].split("EI_ONDERNEMERS")[0]
    assert "GM9001:\n      2025:\n        waarde: '5'" in jeugd  # 150 / 30.000 × 1.000
    assert "GM9003" not in jeugd  # Hoogmeer has no jeugdoverlast prioriteit


def test_the_gemeente_column_and_inwoners_codes_belong_to_a_joint_plan(tmp_path):
    project = copy_plan(tmp_path)
    conf = project.src / "conf.py"
    conf.write_text(
        re.sub(r"kernbeleid_gemeenten = \[.*?\]\n", "", conf.read_text("utf-8"), flags=re.S)
    )
    before = (project.src / METINGEN).read_text("utf-8")
    code, said = run(project.src)
    assert code == 2
    assert (
        "koppeling.yaml, regel 8: bestand 'monitor': 'gemeente:' geeft een waarde per gemeente, "
        "en hoort bij een plan van meer gemeenten (kernbeleid_gemeenten in conf.py)."
    ) in said
    assert "filter: {Regio: GM0758}" in said
    assert (project.src / METINGEN).read_text("utf-8") == before


# --------------------------------------------------------------------------- the build


INDICATOREN_PAGE = """\
Indicatoren
===========

.. kernbeleid-indicatoren:: PRIO_ONDERMIJNING

.. kernbeleid-indicatoren:: PRIO_JEUGD
"""


def test_the_site_shows_the_gemeenten_side_by_side(tmp_path):
    project = copy_plan(tmp_path)
    project.write("indicatoren.rst", INDICATOREN_PAGE)
    index = project.src / "index.rst"
    index.write_text(index.read_text("utf-8") + "   indicatoren\n", "utf-8")
    result = project.build("html", "-W")
    assert result.status == 0, result.warnings
    page = result.html("ivp/gedeeld")
    text = plain(page)
    assert "Metingen Beekveld: 12,6% (2023); 11% (2025)" in text
    assert "Metingen Lindewaard: 12,1% (2023); 12,8% (2025)" in text
    assert "Op koers Beekveld: ✔ op koers – 11% (2025) ligt op of voor het pad" in text
    assert "Op koers Lindewaard: ✘ niet op koers – 12,8% (2025) ligt achter het pad" in text
    assert "Metingen Hoogmeer: 62% (2024)" in text  # her nulmeting year only
    assert "Op koers Hoogmeer: – geen nieuwe meting" in text
    # one chart per gemeente, each named in its text alternative
    assert 'alt="Inwoners die vaak jongerenoverlast ervaren – Beekveld:' in page
    assert 'alt="Inwoners die vaak jongerenoverlast ervaren – Lindewaard:' in page
    table = plain(result.html("indicatoren"))
    assert "Beekveld: 11% (2025); Lindewaard: 12,8% (2025)" in table
    assert "Beekveld: ✔ op koers; Lindewaard: ✘ niet op koers" in table
    assert "Lindewaard: 63% (2025); Hoogmeer: 62% (2024)" in table  # EI_ONDERNEMERS
    assert "Lindewaard: ✔ op koers; Hoogmeer: – geen nieuwe meting" in table


def test_each_gemeentes_documents_show_her_own_values(tmp_path):
    project = copy_plan(tmp_path)
    # A voortgangsrapportage is written only for a year with reported progress.
    (project.src / "voortgang").mkdir(exist_ok=True)
    (project.src / "voortgang" / "2026-Q2.yaml").write_text(
        "periode: 2026-Q2\nmaatregelen:\n  MR_RIEC:\n    status: lopend\n"
        "  MR_JEUGD:\n    status: lopend\n",
        "utf-8",
    )
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    beekveld = docx_text(result.outdir / "Bijlagen-Beekveld-2026-2029.docx")
    lindewaard = docx_text(result.outdir / "Bijlagen-Lindewaard-2026-2029.docx")
    assert "11% (2025)" in beekveld and "12,8% (2025)" not in beekveld
    assert "12,8% (2025)" in lindewaard and "11% (2025)" not in lindewaard
    assert "64% (2025)" in beekveld and "63% (2025)" in lindewaard
    report = docx_text(result.outdir / "Voortgangsrapportage-Lindewaard-2026-Q2.docx")
    assert (
        "Inwoners die vaak jongerenoverlast ervaren: ✘ niet op koers – 12,8% (2025) ligt "
        "achter het pad"
    ) in report
    hoogmeer = docx_text(result.outdir / "Voortgangsrapportage-Hoogmeer-2026-Q2.docx")
    assert "Ondernemers die zich veilig voelen: – geen nieuwe meting" in hoogmeer
    assert "64%" not in hoogmeer and "63%" not in hoogmeer


def test_a_series_of_a_gemeente_outside_the_plan_or_the_indicator_is_a_located_warning(
    tmp_path,
):
    project = copy_plan(tmp_path)
    path = project.src / METINGEN
    path.write_text(
        path.read_text("utf-8").replace(
            "  EI_OVERLAST_ERVAREN:\n",
            "  EI_OVERLAST_ERVAREN:\n    GM9003:\n      2025: {waarde: '9'}\n"
            "    GM9009:\n      2025: {waarde: '9'}\n",
        ),
        "utf-8",
    )
    result = project.build("html")
    assert result.status == 0
    assert (
        "metingen/metingen.yaml, regel 31: EI_OVERLAST_ERVAREN GM9003: EI_OVERLAST_ERVAREN "
        "geldt niet voor Hoogmeer (wel voor Beekveld en Lindewaard); haal de waarden van "
        "Hoogmeer weg."
    ) in result.warnings
    assert "EI_OVERLAST_ERVAREN GM9009: GM9009 doet niet mee aan dit plan (wel: Beekveld " in (
        result.warnings
    )
    overlast = plain(result.html("ivp/gedeeld")).split("Inwoners die vaak jongerenoverlast")[2]
    assert "Metingen Beekveld" in overlast and "Metingen Hoogmeer" not in overlast


# --------------------------------------------------------------------------- the workbook


def workbook_rows(path: Path, sheet: str) -> list[dict[str, object]]:
    from openpyxl import load_workbook

    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def test_one_workbook_serves_every_gemeente_and_says_for_whom_each_row_holds(tmp_path):
    result = copy_plan(tmp_path).build("kernbeleid-xlsx")
    assert result.status == 0, result.warnings
    assert [p.name for p in result.outdir.glob("*.xlsx")] == ["uitvoeringsplan-2026.xlsx"]
    path = result.outdir / "uitvoeringsplan-2026.xlsx"
    maatregelen = workbook_rows(path, "Maatregelen")
    assert list(maatregelen[0])[:3] == ["ID maatregel", "Maatregel", "Gemeenten"]
    whose = {r["ID maatregel"]: r["Gemeenten"] for r in maatregelen}
    assert whose == {
        "MR_RIEC": "Beekveld, Lindewaard en Hoogmeer",
        "MR_JEUGD": "Beekveld en Lindewaard",
        "MR_WONINGINBRAAK": "Beekveld",
        "MR_VERKEER": "Lindewaard",
        "MR_DRUGS": "Hoogmeer",
    }
    indicatoren = {r["ID"]: r["Gemeenten"] for r in workbook_rows(path, "Indicatoren")}
    assert indicatoren["EI_OVERLAST_ERVAREN"] == "Beekveld en Lindewaard"
    assert indicatoren["EI_DRUGS_AANTAL"] == "Hoogmeer"
    from openpyxl import load_workbook

    uitleg = [c.value for c in load_workbook(path)["Toelichting"]["A"] if c.value]
    assert (
        uitleg[0] == "Uitvoeringsplan 2026 – Basisteam Beekdal (Beekveld, Lindewaard en Hoogmeer)"
    )
    assert any("Een gezamenlijke maatregel meldt u één keer" in t for t in uitleg)


def test_the_workbook_comes_back_with_each_rows_gemeenten(tmp_path):
    from openpyxl import load_workbook
    from werkboek_invullen import column_of, fill, row_of

    from sphinxext_kernbeleid.imports.voortgang import importeer as voortgang_importeer

    project = copy_plan(tmp_path)
    result = project.build("kernbeleid-xlsx")
    sent = result.outdir / "uitvoeringsplan-2026.xlsx"
    filled = tmp_path / "ingevuld.xlsx"
    fill(
        sent,
        filled,
        {
            ("MR_RIEC", "PI_RIEC"): {"realisatie": 3, "status": "lopend", "toelichting": "Drie."},
            ("MR_DRUGS", "PI_DRUGS"): {"realisatie": 1, "status": "vertraagd"},
            ("MR_VERKEER", "PI_VERKEER"): {"realisatie": 2, "status": "lopend"},
        },
    )
    workbook = load_workbook(filled)  # someone makes Lindewaard's maatregel Beekveld's
    sheet = workbook["Maatregelen"]
    sheet.cell(
        row_of(sheet, "MR_VERKEER", "PI_VERKEER"), column_of(sheet, "Gemeenten")
    ).value = "Beekveld"
    workbook.save(filled)
    said: list[str] = []
    code = voortgang_importeer(filled, "2026-Q2", project.src, say=said.append)
    text = "\n".join(said)
    assert code == 1, text
    assert (
        "kolom 'Gemeenten' is vergrendeld en is gewijzigd (was 'Lindewaard', nu 'Beekveld')"
    ) in text
    record = (project.src / "voortgang" / "2026-Q2.yaml").read_text("utf-8")
    assert "MR_RIEC" in record and "MR_DRUGS" in record
    assert "MR_VERKEER" not in record  # the row waits, nothing of it is taken
    word = project.build("kernbeleid-docx")
    assert word.status == 0, word.warnings
    hoogmeer = docx_text(word.outdir / "Voortgangsrapportage-Hoogmeer-2026-Q2.docx")
    beekveld = docx_text(word.outdir / "Voortgangsrapportage-Beekveld-2026-Q2.docx")
    assert "Drie." in hoogmeer and "Drie." in beekveld  # one report of a joint maatregel
    assert "Drugsoverlast aanpakken in Hoogmeer" in hoogmeer
    assert "Drugsoverlast aanpakken in Hoogmeer" not in beekveld


def test_the_sites_progress_page_gives_each_gemeente_her_verdict(tmp_path):
    project = copy_plan(tmp_path)
    project.write(
        "voortgang/2026-Q2.yaml", "periode: 2026-Q2\nmaatregelen:\n  MR_RIEC:\n    status: lopend\n"
    )
    project.write("voortgang.rst", "Voortgang\n=========\n\n.. kernbeleid-voortgang::\n")
    index = project.src / "index.rst"
    index.write_text(index.read_text("utf-8") + "   voortgang\n", "utf-8")
    result = project.build("html", "-W")
    assert result.status == 0, result.warnings
    text = plain(result.html("voortgang"))
    assert (
        "Inwoners die vaak jongerenoverlast ervaren – Lindewaard: ✘ niet op koers – 12,8% (2025) "
        "ligt achter het pad"
    ) in text
    assert "Inwoners die vaak jongerenoverlast ervaren – Beekveld: ✔ op koers" in text
    assert "Ondernemers die zich veilig voelen – Hoogmeer: – geen nieuwe meting" in text
    assert "Ondernemers die zich veilig voelen: " not in text  # no joint verdict without values


def test_a_workbook_made_for_other_gemeenten_is_taken_and_said(tmp_path):
    from werkboek_invullen import fill

    from sphinxext_kernbeleid.imports.voortgang import importeer as voortgang_importeer

    project = copy_plan(tmp_path)
    sent = project.build("kernbeleid-xlsx").outdir / "uitvoeringsplan-2026.xlsx"
    filled = tmp_path / "ingevuld.xlsx"
    fill(sent, filled, {("MR_RIEC", "PI_RIEC"): {"status": "lopend"}})
    conf = project.src / "conf.py"  # Hoogmeer leaves the plan after the workbook was sent
    conf.write_text(conf.read_text("utf-8").replace('    {"naam": "Hoogmeer"', '    # {"naam"'))
    said: list[str] = []
    code = voortgang_importeer(filled, "2026-Q2", project.src, say=said.append)
    text = "\n".join(said)
    assert code == 0, text
    assert (
        "Let op     ingevuld.xlsx: het werkboek is gemaakt voor Beekveld, Lindewaard, Hoogmeer; "
        "het plan noemt nu Beekveld, Lindewaard. De voortgang geldt per maatregel en is verwerkt"
    ) in text
    assert "MR_RIEC" in (project.src / "voortgang" / "2026-Q2.yaml").read_text("utf-8")
