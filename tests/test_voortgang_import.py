"""``kernbeleid voortgang importeer``: round trip, merging, and bad workbooks that change nothing."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from conftest import CONF, Project
from openpyxl import Workbook, load_workbook
from voortgang_plan import PLAN
from werkboek_invullen import column_of, fill, row_of

from sphinxext_kernbeleid.imports.voortgang import importeer


@pytest.fixture(scope="module")
def export(plan_workbook) -> Path:
    return plan_workbook


@pytest.fixture
def plan(tmp_path) -> Path:
    directory = tmp_path / "plan"
    directory.mkdir()
    (directory / "conf.py").write_text(CONF, "utf-8")
    (directory / "index.rst").write_text(PLAN, "utf-8")
    return directory


def run(workbook: Path, plan: Path, periode: str = "2026-Q2", **options) -> tuple[int, str]:
    lines: list[str] = []
    code = importeer(
        workbook, periode, plan, say=lines.append, now=datetime(2026, 7, 3, 10, 0), **options
    )
    return code, "\n".join(lines)


def progress(plan: Path, periode: str = "2026-Q2") -> dict:
    return yaml.safe_load((plan / "voortgang" / f"{periode}.yaml").read_text("utf-8"))


ANSWERS = {
    ("MR_AVONDEN", "PI_AVONDEN"): {
        "realisatie": "3,5",
        "status": "lopend",
        "toelichting": "-twee avonden in de Akkerwijk",
    },
    ("MR_AVONDEN", "PI_BEREIK"): {"realisatie": 12.5},
    ("MR_SLOTEN", "PI_SUBSIDIE"): {"realisatie": "€ 12.345,67", "status": "Vertraagd"},
    ("MR_OVERLEG", ""): {"status": "gereed", "toelichting": "Convenant getekend."},
}


def test_round_trip(export, plan, tmp_path):
    filled = tmp_path / "ingevuld.xlsx"
    fill(export, filled, ANSWERS)
    code, out = run(filled, plan)
    assert code == 0, out
    assert "Verwerkt: 4 regels met een nieuwe stand; 8 waarden nieuw" in out
    data = progress(plan)
    assert data["periode"] == "2026-Q2"
    assert data["maatregelen"] == {
        "MR_AVONDEN": {"status": "lopend", "toelichting": "-twee avonden in de Akkerwijk"},
        "MR_OVERLEG": {"status": "gereed", "toelichting": "Convenant getekend."},
        "MR_SLOTEN": {"status": "vertraagd"},
    }
    assert data["prestatie-indicatoren"] == {
        "PI_AVONDEN": {"realisatie": "3,5"},
        "PI_BEREIK": {"realisatie": "12,5"},
        "PI_SUBSIDIE": {"realisatie": "12345,67"},
    }
    # Export again: the imported values are in the fill-in columns, as numbers.
    project = Project(tmp_path / "again")
    shutil.copytree(plan, project.src, dirs_exist_ok=True)
    result = project.build("kernbeleid-xlsx")
    assert result.status == 0, result.warnings
    again = result.outdir / "uitvoeringsplan-2026.xlsx"
    sheet = load_workbook(again)["Maatregelen"]

    def value(maatregel, indicator, header):
        return sheet.cell(row_of(sheet, maatregel, indicator), column_of(sheet, header)).value

    assert value("MR_AVONDEN", "PI_AVONDEN", "Realisatie") == 3.5
    assert value("MR_AVONDEN", "PI_BEREIK", "Realisatie") == 12.5
    assert value("MR_SLOTEN", "PI_SUBSIDIE", "Realisatie") == 12345.67
    assert value("MR_SLOTEN", "PI_SUBSIDIE", "Status") == "vertraagd"
    assert value("MR_AVONDEN", "PI_AVONDEN", "Toelichting") == "-twee avonden in de Akkerwijk"
    cell = sheet.cell(row_of(sheet, "MR_AVONDEN", "PI_AVONDEN"), column_of(sheet, "Toelichting"))
    assert cell.data_type == "s"
    assert value("MR_OVERLEG", "", "Laatst gemeld") == "2026-Q2"
    # Importing the new export (unchanged) changes nothing, byte for byte.
    before = (plan / "voortgang" / "2026-Q2.yaml").read_bytes()
    code, out = run(again, plan)
    assert code == 0 and "Niets veranderd" in out
    assert (plan / "voortgang" / "2026-Q2.yaml").read_bytes() == before


def test_same_workbook_twice_changes_nothing(export, plan, tmp_path):
    filled = tmp_path / "ingevuld.xlsx"
    fill(export, filled, ANSWERS)
    assert run(filled, plan)[0] == 0
    before = (plan / "voortgang" / "2026-Q2.yaml").read_bytes()
    code, out = run(filled, plan)
    assert code == 0
    assert "8 stond(en) er al" in out and "Niets veranderd" in out
    assert (plan / "voortgang" / "2026-Q2.yaml").read_bytes() == before


def test_two_partners_merge_into_one_quarter(export, plan, tmp_path):
    politie, gemeente = tmp_path / "politie.xlsx", tmp_path / "gemeente.xlsx"
    fill(export, politie, {("MR_AVONDEN", "PI_AVONDEN"): {"realisatie": 2}})
    fill(export, gemeente, {("MR_OVERLEG", ""): {"status": "gereed"}})
    assert run(politie, plan)[0] == 0
    assert run(gemeente, plan)[0] == 0
    data = progress(plan)
    assert data["prestatie-indicatoren"] == {"PI_AVONDEN": {"realisatie": "2"}}
    assert data["maatregelen"] == {"MR_OVERLEG": {"status": "gereed"}}
    assert [b["werkboek"] for b in data["bronnen"]] == ["politie.xlsx", "gemeente.xlsx"]


def test_conflict_is_refused_and_listed_unless_overschrijf(export, plan, tmp_path):
    first, second = tmp_path / "eerste.xlsx", tmp_path / "tweede.xlsx"
    fill(export, first, {("MR_OVERLEG", ""): {"status": "lopend"}})
    fill(
        export,
        second,
        {("MR_OVERLEG", ""): {"status": "gereed"}, ("MR_AVONDEN", "PI_AVONDEN"): {"realisatie": 4}},
    )
    assert run(first, plan)[0] == 0
    before = (plan / "voortgang" / "2026-Q2.yaml").read_bytes()
    code, out = run(second, plan)
    assert code == 2
    assert "spreekt een eerdere import voor 2026-Q2 tegen" in out
    assert (
        "Maatregelen!Q5: MR_OVERLEG status staat al als 'lopend' in voortgang/2026-Q2.yaml; "
        "het werkboek zegt 'gereed'."
    ) in out
    assert "--overschrijf" in out and "Er is niets geïmporteerd." in out
    assert (plan / "voortgang" / "2026-Q2.yaml").read_bytes() == before
    code, out = run(second, plan, overschrijf=True)
    assert code == 0, out
    assert "Overschreven Maatregelen!Q5: MR_OVERLEG status 'lopend' → 'gereed'" in out
    assert progress(plan)["maatregelen"]["MR_OVERLEG"]["status"] == "gereed"
    assert progress(plan)["prestatie-indicatoren"]["PI_AVONDEN"]["realisatie"] == "4"


def test_unchanged_prefill_is_not_a_new_report(export, plan, tmp_path):
    """A workbook exported after Q2 and returned untouched adds nothing to Q3."""
    filled = tmp_path / "q2.xlsx"
    fill(export, filled, ANSWERS)
    assert run(filled, plan)[0] == 0
    project = Project(tmp_path / "q3")
    shutil.copytree(plan, project.src, dirs_exist_ok=True)
    q3_export = project.build("kernbeleid-xlsx").outdir / "uitvoeringsplan-2026.xlsx"
    q3 = tmp_path / "q3.xlsx"
    fill(q3_export, q3, {("MR_OVERLEG", ""): {"toelichting": "Eerste overleg gehouden."}})
    code, out = run(q3, plan, "2026-Q3")
    assert code == 0, out
    assert progress(plan, "2026-Q3")["maatregelen"] == {
        "MR_OVERLEG": {"toelichting": "Eerste overleg gehouden."}
    }
    assert "prestatie-indicatoren" not in progress(plan, "2026-Q3")


def test_clearing_a_value_deletes_nothing(export, plan, tmp_path):
    filled = tmp_path / "q2.xlsx"
    fill(export, filled, ANSWERS)
    assert run(filled, plan)[0] == 0
    project = Project(tmp_path / "again")
    shutil.copytree(plan, project.src, dirs_exist_ok=True)
    again = project.build("kernbeleid-xlsx").outdir / "uitvoeringsplan-2026.xlsx"
    cleared = tmp_path / "leeg.xlsx"
    fill(again, cleared, {("MR_OVERLEG", ""): {"status": None}})
    before = (plan / "voortgang" / "2026-Q2.yaml").read_bytes()
    code, out = run(cleared, plan)
    assert code == 0
    assert "de eerder gemelde status 'gereed' is leeggemaakt; een lege cel wist niets" in out
    assert (plan / "voortgang" / "2026-Q2.yaml").read_bytes() == before


def test_sorted_rows_and_percent_typed_as_percent(export, plan, tmp_path):
    workbook = load_workbook(export)
    sheet = workbook["Maatregelen"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    for r, values in enumerate(reversed(rows), start=2):  # a partner sorted Z→A
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c).value = value
    target = sheet.cell(row_of(sheet, "MR_AVONDEN", "PI_BEREIK"), column_of(sheet, "Realisatie"))
    target.value = 0.25
    target.number_format = "0%"
    sorted_path = tmp_path / "gesorteerd.xlsx"
    workbook.save(sorted_path)
    code, out = run(sorted_path, plan)
    assert code == 0, out
    assert progress(plan)["prestatie-indicatoren"] == {"PI_BEREIK": {"realisatie": "25"}}


def test_proef_writes_nothing(export, plan, tmp_path):
    filled = tmp_path / "ingevuld.xlsx"
    fill(export, filled, ANSWERS)
    code, out = run(filled, plan, proef=True)
    assert code == 0
    assert "Proef: voortgang/2026-Q2.yaml zou worden bijgewerkt; er is niets geschreven." in out
    assert not (plan / "voortgang").exists()


def test_good_rows_are_taken_bad_rows_told(export, plan, tmp_path):
    filled = tmp_path / "half.xlsx"
    fill(
        export,
        filled,
        {
            ("MR_OVERLEG", ""): {"status": "gereed"},
            ("MR_SLOTEN", "PI_SUBSIDIE"): {"status": "klaar", "realisatie": 5},
        },
    )
    code, out = run(filled, plan)
    assert code == 1
    assert (
        "Afgewezen  Maatregelen!Q4: status 'klaar' bestaat niet; kies uit de lijst: "
        "gepland, lopend, gereed, vertraagd, vervallen."
    ) in out
    assert "Afgewezen: 1 cel(len) in 1 regel(s); die regels zijn niet verwerkt." in out
    assert progress(plan)["maatregelen"] == {"MR_OVERLEG": {"status": "gereed"}}
    assert "prestatie-indicatoren" not in progress(plan)  # the whole bad row waits


# --------------------------------------------------------------------------- bad workbooks


def edit(export: Path, target: Path, change: Callable) -> None:
    workbook = load_workbook(export)
    change(workbook)
    workbook.save(target)


def at(workbook, maatregel: str, indicator: str, header: str, sheet: str = "Maatregelen"):
    ws = workbook[sheet]
    return ws.cell(row_of(ws, maatregel, indicator), column_of(ws, header))


def set_value(maatregel, indicator, header, value, number_format=None):
    def change(workbook):
        cell = at(workbook, maatregel, indicator, header)
        cell.value = value
        if number_format:
            cell.number_format = number_format

    return change


def append_row(values: dict[str, object]):
    def change(workbook):
        ws = workbook["Maatregelen"]
        row = ws.max_row + 1
        for header, value in values.items():
            ws.cell(row, column_of(ws, header)).value = value

    return change


def copy_row(workbook):
    ws = workbook["Maatregelen"]
    source = row_of(ws, "MR_OVERLEG", "")
    target = ws.max_row + 1
    for c in range(1, ws.max_column + 1):
        ws.cell(target, c).value = ws.cell(source, c).value
    ws.cell(target, column_of(ws, "Status")).value = "gereed"


def rename_header(old: str, new: str):
    def change(workbook):
        ws = workbook["Maatregelen"]
        ws.cell(1, column_of(ws, old)).value = new

    return change


def extra_column(workbook):
    ws = workbook["Maatregelen"]
    col = ws.max_column + 1
    ws.cell(1, col).value = "Opmerking politie"
    ws.cell(2, col).value = "Graag meer inzet"


def raw(data: bytes):
    return lambda export, target: target.write_bytes(data)


def with_workbook(change):
    return lambda export, target: edit(export, target, change)


def xml_bomb(export: Path, target: Path) -> None:
    """The 'billion laughs': entities that expand to gigabytes when a parser trusts them."""
    dtd = (
        '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    with zipfile.ZipFile(export) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = text.replace("MR_OVERLEG<", "&lol3;<", 1)
                if text.startswith("<?xml"):
                    head, _, body = text.partition("?>")
                    text = head + "?>" + dtd + body
                else:
                    text = dtd + text
                data = text.encode("utf-8")
            out.writestr(item, data)


def zip_bomb(export: Path, target: Path) -> None:
    with (
        zipfile.ZipFile(export) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            out.writestr(item.filename, source.read(item.filename))
        out.writestr("xl/media/leeg.bin", b"\0" * 5_000_000)


def other_zip(export: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as out:
        out.writestr("word/document.xml", "<w:document/>")


def truncated(export: Path, target: Path) -> None:
    target.write_bytes(export.read_bytes()[: export.stat().st_size // 2])


def handmade(export: Path, target: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Maatregelen"
    workbook.active.append(["ID maatregel", "Status"])
    workbook.active.append(["MR_OVERLEG", "gereed"])
    workbook.save(target)


def drop_sheet(name: str):
    def change(workbook):
        del workbook[name]

    return change


def add_sheet(workbook):
    workbook.create_sheet("Opmerkingen")["A1"] = "Nog een punt"


def wrong_version(workbook):
    workbook["_kernbeleid"]["B1"] = 99


BAD = {
    "onbekende id in een nieuwe regel": (
        with_workbook(append_row({"ID maatregel": "MR_ONBEKEND", "Status": "lopend"})),
        1,
        "Maatregelen!A6: onbekende regel 'MR_ONBEKEND': staat niet in het werkboek zoals het "
        "is verstuurd. Regels toevoegen of ids wijzigen kan niet",
    ),
    "id gewijzigd": (
        with_workbook(set_value("MR_OVERLEG", "", "ID maatregel", "MR_OVERLEG2")),
        1,
        "Maatregelen!A5: onbekende regel 'MR_OVERLEG2'",
    ),
    "vergrendelde titel gewijzigd": (
        with_workbook(set_value("MR_SLOTEN", "PI_SUBSIDIE", "Maatregel", "Sloten")),
        1,
        "Maatregelen!B4: kolom 'Maatregel' is vergrendeld en is gewijzigd (was 'Sloten voor "
        "huurwoningen', nu 'Sloten'). Zet de oorspronkelijke waarde terug",
    ),
    "vergrendeld budget gewijzigd": (
        with_workbook(set_value("MR_SLOTEN", "PI_SUBSIDIE", "Budget", 50000)),
        1,
        "Maatregelen!I4: kolom 'Budget' is vergrendeld en is gewijzigd (was '40000', nu '50000')",
    ),
    "tekst in de getalkolom": (
        with_workbook(set_value("MR_AVONDEN", "PI_AVONDEN", "Realisatie", "veel")),
        1,
        "Maatregelen!P2: 'veel' is geen getal; vul een getal in (eenheid: avonden), "
        "bijvoorbeeld 12 of 12,5.",
    ),
    "punt als decimaalteken": (
        with_workbook(set_value("MR_AVONDEN", "PI_AVONDEN", "Realisatie", "3.5")),
        1,
        "Maatregelen!P2: '3.5' gebruikt een punt als decimaalteken; schrijf een komma",
    ),
    "andere eenheid": (
        with_workbook(set_value("MR_AVONDEN", "PI_AVONDEN", "Realisatie", "3 km")),
        1,
        "Maatregelen!P2: '3 km' is geen getal; vul een getal in (eenheid: avonden)",
    ),
    "datum als realisatie": (
        with_workbook(set_value("MR_AVONDEN", "PI_AVONDEN", "Realisatie", datetime(2026, 5, 1))),
        1,
        "Maatregelen!P2: is geen getal maar een datum; vul een getal in (eenheid: avonden).",
    ),
    "percentage bij een aantal": (
        with_workbook(set_value("MR_AVONDEN", "PI_AVONDEN", "Realisatie", 0.5, "0%")),
        1,
        "Maatregelen!P2: is als percentage ingevuld, maar de eenheid is 'avonden'; vul het "
        "aantal in.",
    ),
    "realisatie zonder prestatie-indicator": (
        with_workbook(set_value("MR_OVERLEG", "", "Realisatie", 3)),
        1,
        "Maatregelen!P5: MR_OVERLEG heeft geen prestatie-indicator; laat Realisatie leeg",
    ),
    "status niet in de lijst": (
        with_workbook(set_value("MR_OVERLEG", "", "Status", "klaar")),
        1,
        "Maatregelen!Q5: status 'klaar' bestaat niet; kies uit de lijst: gepland, lopend, "
        "gereed, vertraagd, vervallen.",
    ),
    "status op de tweede regel": (
        with_workbook(set_value("MR_AVONDEN", "PI_BEREIK", "Status", "gereed")),
        1,
        "Maatregelen!Q3: status van MR_AVONDEN hoort op de eerste regel van deze maatregel",
    ),
    "formule": (
        with_workbook(set_value("MR_AVONDEN", "PI_AVONDEN", "Realisatie", "=2+2")),
        1,
        "Maatregelen!P2: bevat een formule; vul de waarde zelf in.",
    ),
    "dubbele regel": (
        with_workbook(copy_row),
        1,
        "Maatregelen!A5: dubbele regel: MR_OVERLEG staat ook in rij 6. Houd één regel over.",
    ),
    "onbekende kolom": (
        with_workbook(extra_column),
        1,
        "Maatregelen!S1: onbekende kolom 'Opmerking politie'; wat erin staat wordt niet "
        "geïmporteerd.",
    ),
    "onbekend werkblad": (
        with_workbook(add_sheet),
        1,
        "werkblad 'Opmerkingen' is onbekend; wat erop staat wordt niet geïmporteerd.",
    ),
    "kolomkop gewijzigd": (
        with_workbook(rename_header("Status", "Stand")),
        2,
        "Maatregelen!1: kolom 'Status' ontbreekt. Gebruik het werkboek zoals het is verstuurd",
    ),
    "werkblad Maatregelen ontbreekt": (
        with_workbook(drop_sheet("Maatregelen")),
        2,
        "het werkblad 'Maatregelen' ontbreekt.",
    ),
    "verborgen exportblad ontbreekt": (
        handmade,
        2,
        "dit werkboek is niet gemaakt met 'sphinx-build -b kernbeleid-xlsx'",
    ),
    "ander formaat": (
        with_workbook(wrong_version),
        2,
        "komt uit een andere versie van kernbeleid (formaat '99')",
    ),
    "leeg bestand": (raw(b""), 2, "het bestand is leeg (0 bytes)."),
    "csv hernoemd naar xlsx": (
        raw(b"ID maatregel;Status\nMR_OVERLEG;gereed\n"),
        2,
        "is een tekstbestand (bijvoorbeeld CSV), al eindigt de naam op .xlsx.",
    ),
    "willekeurige bytes": (
        raw(bytes(range(256)) * 4),
        2,
        "is geen werkboek, al eindigt de naam op .xlsx.",
    ),
    "versleuteld of oud xls": (
        raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        2,
        "dit is een versleuteld werkboek of een oud .xls-bestand.",
    ),
    "half bestand": (truncated, 2, "het bestand is beschadigd (geen geldig xlsx-archief)."),
    "ander zip-bestand": (
        other_zip,
        2,
        "is geen Excel-werkmap (het is een ander soort zip-bestand).",
    ),
    "xml-bom": (
        xml_bomb,
        2,
        "bevat verdachte XML (zelfgedefinieerde entiteiten, een bekende aanval).",
    ),
    "zip-bom": (zip_bomb, 2, "pakt uit tot een onredelijke grootte (een zogenaamde zip-bom)."),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_workbook(case, export, plan, tmp_path):
    make, code_wanted, message = BAD[case]
    target = tmp_path / "partner.xlsx"
    make(export, target)
    # An earlier import for the quarter exists; a bad workbook must leave it alone.
    earlier = tmp_path / "eerder.xlsx"
    fill(export, earlier, {("MR_SLOTEN", "PI_SUBSIDIE"): {"toelichting": "Aanbesteding loopt."}})
    assert run(earlier, plan)[0] == 0
    progress_file = plan / "voortgang" / "2026-Q2.yaml"
    before = progress_file.read_bytes()
    workbook_before = hashlib.sha256(target.read_bytes()).hexdigest()
    code, out = run(target, plan)
    assert message in out
    assert code == code_wanted, out
    assert progress_file.read_bytes() == before
    assert hashlib.sha256(target.read_bytes()).hexdigest() == workbook_before
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "name, periode, message",
    [
        ("werkboek.ods", "2026-Q2", "is geen Excel-werkmap (.xlsx) maar '.ods'"),
        ("bestaat-niet.xlsx", "2026-Q2", "bestaat-niet.xlsx: bestand niet gevonden."),
        ("partner.xlsx", "2026-Q5", "--periode kwartaal Q5 bestaat niet (Q1 t/m Q4)"),
        ("partner.xlsx", "juni", "--periode 'juni' is geen kwartaal"),
        (
            "partner.xlsx",
            "2028-Q1",
            "periode 2028-Q1 past niet bij dit werkboek van uitvoeringsplan 2026",
        ),
    ],
)
def test_bad_file_or_period(name, periode, message, export, plan, tmp_path):
    target = tmp_path / name
    if name != "bestaat-niet.xlsx":
        shutil.copy(export, target)
    code, out = run(target, plan, periode)
    assert code == 2 and message in out
    assert not (plan / "voortgang").exists()


def test_workbook_of_another_gemeente(export, plan):
    (plan / "conf.py").write_text(CONF.replace("Voorbeeldstad", "Andersdorp"), "utf-8")
    code, out = run(export, plan)
    assert code == 2
    assert "dit werkboek hoort bij gemeente Voorbeeldstad, het plan in" in out
    assert "bij gemeente Andersdorp" in out


def test_the_gemeente_is_read_from_conf_py_as_sphinx_reads_it(export, plan):
    """The last assignment counts, as when Sphinx runs conf.py (the import reads it with
    files/confpy, like the settings check)."""
    conf = 'kernbeleid_gemeente = "Andersdorp"\n' + CONF
    (plan / "conf.py").write_text(conf, "utf-8")
    code, out = run(export, plan)
    assert code == 0, out
    (plan / "conf.py").write_text(CONF + 'kernbeleid_gemeente = "Andersdorp"\n', "utf-8")
    code, out = run(export, plan)
    assert code == 2 and "bij gemeente Andersdorp" in out


def test_unreadable_progress_file_is_not_overwritten(export, plan, tmp_path):
    progress_file = plan / "voortgang" / "2026-Q2.yaml"
    progress_file.parent.mkdir()
    progress_file.write_text("periode: 2026-Q2\nmaatregelen: [kapot\n", "utf-8")
    filled = tmp_path / "ingevuld.xlsx"
    fill(export, filled, ANSWERS)
    code, out = run(filled, plan)
    assert code == 2
    assert (
        "voortgang/2026-Q2.yaml kan niet goed gelezen worden, dus wordt het niet aangevuld" in out
    )
    assert "Herstel het bestand eerst." in out
    assert progress_file.read_text("utf-8") == "periode: 2026-Q2\nmaatregelen: [kapot\n"


def test_not_a_plan_directory(export, tmp_path):
    code, out = run(export, tmp_path)
    assert code == 2 and "hier staat geen conf.py" in out


# --------------------------------------------------------------------------- the command


def test_command_line(export, plan, tmp_path):
    filled = tmp_path / "ingevuld.xlsx"
    fill(export, filled, ANSWERS)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinxext_kernbeleid",
            "voortgang",
            "importeer",
            str(filled),
            "--periode",
            "2026-Q2",
            "--plan",
            str(plan),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Geschreven:" in done.stdout
    assert (plan / "voortgang" / "2026-Q2.yaml").exists()
    script = Path(sys.executable).parent / "kernbeleid"
    assert script.exists(), "the console script 'kernbeleid' is installed with the package"


@pytest.mark.parametrize(
    "args, message",
    [
        (["voortgang", "importeer", "x.xlsx"], "geef het kwartaal op met --periode"),
        (["voortgang", "importeer"], "verplicht maar niet opgegeven: WERKBOEK"),
        (
            ["voortgang", "importeer", "x.xlsx", "--periode", "2026-Q2", "--snel"],
            "onbekende argumenten: --snel",
        ),
        ([], "Gebruik: kernbeleid voortgang importeer WERKBOEK --periode KWARTAAL"),
    ],
)
def test_command_line_mistakes_in_dutch(args, message):
    done = subprocess.run(
        [sys.executable, "-m", "sphinxext_kernbeleid", *args], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_help_is_dutch():
    done = subprocess.run(
        [sys.executable, "-m", "sphinxext_kernbeleid", "voortgang", "importeer", "--help"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("gebruik: ")
    assert "het kwartaal waarover gerapporteerd wordt" in done.stdout
    assert "opties:" in done.stdout


def test_read_only_workbook_is_read_not_written(export, plan, tmp_path):
    """The workbook is only read (into memory): a read-only file imports fine."""
    target = tmp_path / "alleen-lezen.xlsx"
    fill(export, target, {("MR_OVERLEG", ""): {"status": "gereed"}})
    target.chmod(0o444)
    code, out = run(target, plan)
    assert code == 0, out
    assert progress(plan)["maatregelen"] == {"MR_OVERLEG": {"status": "gereed"}}
