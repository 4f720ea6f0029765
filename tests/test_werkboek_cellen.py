"""Cells keep their meaning: text stays text, dates read Dutch, numbers are never
reinterpreted, and euro amounts round-trip exactly."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from conftest import CONF, Project
from openpyxl import load_workbook
from voortgang_plan import PLAN
from werkboek_invullen import column_of, row_of

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


def run(workbook: Path, plan: Path) -> tuple[int, str]:
    lines: list[str] = []
    code = importeer(workbook, "2026-Q2", plan, say=lines.append, now=datetime(2026, 7, 3, 10, 0))
    return code, "\n".join(lines)


def hashes(plan: Path) -> dict[str, str]:
    folder = plan / "voortgang"
    if not folder.is_dir():
        return {}
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith(".lock")
    }


def typed(export: Path, target: Path, maatregel, indicator, header, value, **style) -> None:
    workbook = load_workbook(export)
    sheet = workbook["Maatregelen"]
    cell = sheet.cell(row_of(sheet, maatregel, indicator), column_of(sheet, header))
    cell.value = value
    for name, setting in style.items():
        setattr(cell, name, setting)
    workbook.save(target)


def progress(plan: Path) -> dict:
    return yaml.safe_load((plan / "voortgang" / "2026-Q2.yaml").read_text("utf-8"))


def test_text_beginning_with_equals_stored_as_text_stays_text(export, plan, tmp_path):
    target = tmp_path / "tekst.xlsx"
    typed(
        export, target, "MR_OVERLEG", "", "Toelichting", "=afgerond volgens plan", quotePrefix=True
    )
    workbook = load_workbook(target)  # Excel's '= : a string cell with quotePrefix
    sheet = workbook["Maatregelen"]
    cell = sheet.cell(row_of(sheet, "MR_OVERLEG", ""), column_of(sheet, "Toelichting"))
    cell.data_type = "s"
    workbook.save(target)
    code, out = run(target, plan)
    assert code == 0, out
    assert progress(plan)["maatregelen"] == {
        "MR_OVERLEG": {"toelichting": "=afgerond volgens plan"}
    }


def test_exported_text_beginning_with_equals_keeps_excels_text_mark(export):
    sheet = load_workbook(export)["Maatregelen"]
    cell = sheet.cell(row_of(sheet, "MR_AVONDEN", "PI_AVONDEN"), column_of(sheet, "Maatregel"))
    assert cell.value == "=SUM(A1:A9) preventieavonden"
    assert cell.data_type == "s" and cell.quotePrefix


@pytest.mark.parametrize(
    "value, expected",
    [(datetime(2026, 5, 1), "1 mei 2026"), (datetime(2026, 5, 1, 14, 30), "1 mei 2026, 14:30")],
)
def test_date_in_a_text_column_is_a_dutch_date(value, expected, export, plan, tmp_path):
    target = tmp_path / "datum.xlsx"
    typed(export, target, "MR_OVERLEG", "", "Toelichting", value)
    code, out = run(target, plan)
    assert code == 0, out
    assert progress(plan)["maatregelen"] == {"MR_OVERLEG": {"toelichting": expected}}


#: openpyxl cuts a longer text when it is set; a file from elsewhere can hold one.
LONG_MARKER = "LANGE-TOELICHTING"


def lengthen(target: Path) -> None:
    """Put a 32.768-character text where the marker is, as another program could."""
    with zipfile.ZipFile(target) as source:
        items = [(item, source.read(item.filename)) for item in source.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item, data in items:
            out.writestr(item, data.replace(LONG_MARKER.encode(), b"x" * 32_768))


REFUSED = {
    "fractie in een procentkolom": (
        ("MR_AVONDEN", "PI_BEREIK", 0.825, {}),
        "Afgewezen  Maatregelen!P3: 0,825 in een kolom met eenheid %: bedoelt u 82,5 %? Vul dan "
        "82,5 in. Bedoelt u echt 0,825 %, typ dan '0,825 %'.",
    ),
    "fractie als tekst in een procentkolom": (
        ("MR_AVONDEN", "PI_BEREIK", "0,5", {}),
        "Afgewezen  Maatregelen!P3: 0,5 in een kolom met eenheid %: bedoelt u 50 %? Vul dan 50 "
        "in. Bedoelt u echt 0,5 %, typ dan '0,5 %'.",
    ),
    "1e308": (
        ("MR_AVONDEN", "PI_AVONDEN", 1e308, {}),
        "Afgewezen  Maatregelen!P2: 1,000E+308 is te groot voor een realisatie (eenheid: "
        "avonden); controleer het getal.",
    ),
    "negatief aantal": (
        ("MR_AVONDEN", "PI_AVONDEN", -3, {}),
        "Afgewezen  Maatregelen!P2: -3 is negatief; een realisatie is wat er tot nu toe is "
        "bereikt (eenheid: avonden), 0 of meer.",
    ),
    "negatief als tekst": (
        ("MR_AVONDEN", "PI_AVONDEN", "-2,5", {}),
        "Afgewezen  Maatregelen!P2: -2,5 is negatief; een realisatie is wat er tot nu toe is "
        "bereikt (eenheid: avonden), 0 of meer.",
    ),
    "te precies voor Excel": (
        ("MR_SLOTEN", "PI_SUBSIDIE", 99999999999999.99, {}),
        "Afgewezen  Maatregelen!P4: 99.999.999.999.999,98 heeft meer dan 15 cijfers; zo "
        "precies bewaart Excel een getal niet. Typ het als tekst met een apostrof ervoor, "
        "bijvoorbeeld '€ 99.999.999.999.999,99.",
    ),
    "te lange toelichting": (
        ("MR_OVERLEG", "", LONG_MARKER, {}),
        "Afgewezen  Maatregelen!R5: de toelichting is 32.768 tekens lang, meer dan de 32.767 die "
        "in een Excel-cel passen; maak haar korter.",
    ),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_odd_values_are_refused_with_the_cell(case, export, plan, tmp_path):
    (maatregel, indicator, value, style), message = REFUSED[case]
    earlier = tmp_path / "eerder.xlsx"
    typed(export, earlier, "MR_SLOTEN", "PI_SUBSIDIE", "Status", "lopend")
    assert run(earlier, plan)[0] == 0
    before = hashes(plan)
    target = tmp_path / "partner.xlsx"
    header = "Toelichting" if value == LONG_MARKER else "Realisatie"
    typed(export, target, maatregel, indicator, header, value, **style)
    if value == LONG_MARKER:
        lengthen(target)
    code, out = run(target, plan)
    assert message in out, out
    assert code == 1
    assert hashes(plan) == before


@pytest.mark.parametrize(
    "value, number_format, stored",
    [(0.825, "0.0%", "82,5"), ("0,825 %", "General", "0,825"), (82.5, "General", "82,5")],
)
def test_percentages_that_say_what_they_mean(value, number_format, stored, export, plan, tmp_path):
    target = tmp_path / "procent.xlsx"
    typed(
        export, target, "MR_AVONDEN", "PI_BEREIK", "Realisatie", value, number_format=number_format
    )
    code, out = run(target, plan)
    assert code == 0, out
    assert progress(plan)["prestatie-indicatoren"] == {"PI_BEREIK": {"realisatie": stored}}


def test_large_euro_amount_round_trips_exactly(export, plan, tmp_path):
    target = tmp_path / "bedrag.xlsx"
    typed(export, target, "MR_SLOTEN", "PI_SUBSIDIE", "Realisatie", "€ 99.999.999.999.999,99")
    code, out = run(target, plan)
    assert code == 0, out
    assert progress(plan)["prestatie-indicatoren"] == {
        "PI_SUBSIDIE": {"realisatie": "99999999999999,99"}
    }
    # Exported again: the amount is text Excel keeps as written, and it imports unchanged.
    project = Project(tmp_path / "opnieuw")
    shutil.copytree(plan, project.src, dirs_exist_ok=True)
    project.write(
        "index.rst", PLAN.replace(":budget: € 40.000", ":budget: € 99.999.999.999.999,99")
    )
    result = project.build("kernbeleid-xlsx")
    again = result.outdir / "uitvoeringsplan-2026.xlsx"
    sheet = load_workbook(again)["Maatregelen"]
    row = row_of(sheet, "MR_SLOTEN", "PI_SUBSIDIE")
    assert sheet.cell(row, column_of(sheet, "Realisatie")).value == "€ 99.999.999.999.999,99"
    assert sheet.cell(row, column_of(sheet, "Budget")).value == "€ 99.999.999.999.999,99"
    before = hashes(plan)
    code, out = run(again, project.src)
    assert code == 0, out
    assert "Niets veranderd" in out
    assert hashes(project.src) == before
