"""The kernbeleid-xlsx builder: the partner workbook, read back with openpyxl."""

from __future__ import annotations

import stat

import pytest
from conftest import EXAMPLE
from openpyxl import load_workbook
from werkboek_invullen import column_of, row_of

from sphinxext_kernbeleid.records import werkboek


def cell(sheet, maatregel: str, indicator: str | None, header: str):
    return sheet.cell(row_of(sheet, maatregel, indicator or ""), column_of(sheet, header))


def test_sheets_and_headers(plan_workbook):
    workbook = load_workbook(plan_workbook)
    assert workbook.sheetnames == ["Maatregelen", "Indicatoren", "Toelichting", "_kernbeleid"]
    assert workbook["_kernbeleid"].sheet_state == "veryHidden"
    headers = [c.value for c in workbook["Maatregelen"][1]]
    assert headers == [c.header for c in werkboek.MAATREGEL_COLUMNS]
    for wanted in (
        "ID maatregel",
        "Maatregel",
        "Prioriteit / thema",
        "Actiepunt",
        "Bestuurlijk trekker",
        "Ambtelijk trekker",
        "Partners",
        "Planning",
        "Budget",
        "Status volgens plan",
        "Prestatie-indicator",
        "Streefwaarde",
        "Realisatie",
        "Status",
        "Toelichting",
    ):
        assert wanted in headers
    indicator_headers = [c.value for c in workbook["Indicatoren"][1]]
    assert indicator_headers[:2] == ["ID", "Effectindicator"]
    for wanted in ("Bron", "Soort", "Eenheid", "Nulmeting", "Streefwaarde", "Richting"):
        assert wanted in indicator_headers


def test_one_row_per_indicator_and_maatregel_without_one(plan_workbook):
    sheet = load_workbook(plan_workbook)["Maatregelen"]
    keys = [(r[0], r[10]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert keys == [
        ("MR_AVONDEN", "PI_AVONDEN"),
        ("MR_AVONDEN", "PI_BEREIK"),
        ("MR_SLOTEN", "PI_SUBSIDIE"),
        ("MR_OVERLEG", None),
    ]
    assert cell(sheet, "MR_AVONDEN", "PI_AVONDEN", "Prioriteit / thema").value == "Veilige wijken"
    assert cell(sheet, "MR_AVONDEN", "PI_AVONDEN", "Actiepunt").value == "Preventie"
    assert cell(sheet, "MR_AVONDEN", "PI_AVONDEN", "Planning").value == "2026-Q1 t/m 2026-Q4"
    assert cell(sheet, "MR_AVONDEN", "PI_AVONDEN", "Partners").value == "-Politie; Buurtpreventie"


def test_numbers_are_numbers(plan_workbook):
    workbook = load_workbook(plan_workbook)
    sheet = workbook["Maatregelen"]
    budget = cell(sheet, "MR_AVONDEN", "PI_AVONDEN", "Budget")
    assert budget.data_type == "n" and budget.value == 12500.5
    assert "€" in budget.number_format and "0.00" in budget.number_format
    whole = cell(sheet, "MR_SLOTEN", "PI_SUBSIDIE", "Budget")
    assert whole.value == 40000 and whole.number_format.startswith('"€" #,##0;')
    target = cell(sheet, "MR_AVONDEN", "PI_BEREIK", "Streefwaarde")
    assert target.data_type == "n" and target.value == 40
    assert cell(sheet, "MR_AVONDEN", "PI_BEREIK", "Eenheid").value == "%"
    euro_target = cell(sheet, "MR_SLOTEN", "PI_SUBSIDIE", "Realisatie")
    assert "€" in euro_target.number_format  # an amount is typed in euro format
    indicators = workbook["Indicatoren"]
    row = [c for c in indicators[2]]
    values = {indicators.cell(1, c.column).value: c for c in row}
    assert values["Nulmeting"].value == 6.9 and values["Nulmeting"].data_type == "n"
    assert values["Jaar nulmeting"].value == 2023
    assert values["Streefwaarde"].value == 5.5 and values["Jaar streefwaarde"].value == 2029
    assert values["Bron"].value == "Politieregistratie" or "politie" in values["Bron"].value.lower()
    assert values["Richting"].value == "dalen"


@pytest.mark.parametrize(
    "maatregel, header, text",
    [
        ("MR_AVONDEN", "Maatregel", "=SUM(A1:A9) preventieavonden"),
        ("MR_AVONDEN", "Bestuurlijk trekker", "+31 burgemeester"),
        ("MR_AVONDEN", "Ambtelijk trekker", "@team OOV"),
        ("MR_AVONDEN", "Partners", "-Politie; Buurtpreventie"),
    ],
)
def test_no_formula_injection(plan_workbook, maatregel, header, text):
    sheet = load_workbook(plan_workbook)["Maatregelen"]
    target = cell(sheet, maatregel, "PI_AVONDEN", header)
    assert target.value == text
    assert target.data_type == "s"  # a string, never a formula
    raw = load_workbook(plan_workbook, data_only=True)["Maatregelen"]
    assert cell(raw, maatregel, "PI_AVONDEN", header).value == text


def test_usability(plan_workbook):
    sheet = load_workbook(plan_workbook)["Maatregelen"]
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:R5"
    assert sheet.column_dimensions["B"].width >= 30
    assert sheet.column_dimensions["A"].width >= len("MR_AVONDEN")
    assert cell(sheet, "MR_AVONDEN", "PI_AVONDEN", "Toelichting").alignment.wrap_text
    # A row with long text is made taller; Excel does not do that on opening.
    assert sheet.row_dimensions[2].height >= 15
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"gepland,lopend,gereed,vertraagd,vervallen"'
    status_col = sheet.cell(1, column_of(sheet, "Status")).column_letter
    # Status only on a maatregel's first row: rows 2 (AVONDEN), 4 (SLOTEN), 5 (OVERLEG).
    assert str(lists[0].sqref) == f"{status_col}2 {status_col}4 {status_col}5"
    assert lists[0].showErrorMessage and "Kies een status" in lists[0].error
    numbers = [v for v in sheet.data_validations.dataValidation if v.type == "decimal"]
    assert numbers and "getal" in numbers[0].error


def test_locked_and_open_cells(plan_workbook):
    workbook = load_workbook(plan_workbook)
    sheet = workbook["Maatregelen"]
    assert sheet.protection.sheet is True
    assert sheet.protection.autoFilter is False and sheet.protection.sort is False
    assert workbook.security.lockStructure
    for header in ("ID maatregel", "Maatregel", "Budget", "ID prestatie-indicator"):
        assert cell(sheet, "MR_AVONDEN", "PI_AVONDEN", header).protection.locked
    for header in ("Realisatie", "Status", "Toelichting"):
        assert not cell(sheet, "MR_AVONDEN", "PI_AVONDEN", header).protection.locked
    # Second row of a maatregel: only its own indicator's realisation is open.
    assert not cell(sheet, "MR_AVONDEN", "PI_BEREIK", "Realisatie").protection.locked
    assert cell(sheet, "MR_AVONDEN", "PI_BEREIK", "Status").protection.locked
    # No prestatie-indicator: nothing to realise.
    assert cell(sheet, "MR_OVERLEG", None, "Realisatie").protection.locked
    assert not cell(sheet, "MR_OVERLEG", None, "Status").protection.locked
    assert workbook["Indicatoren"].protection.sheet is True


def test_instructions_in_dutch(plan_workbook):
    text = "\n".join(
        str(c.value) for c in load_workbook(plan_workbook)["Toelichting"]["A"] if c.value
    )
    assert "Uitvoeringsplan 2026 – gemeente Voorbeeldstad" in text
    for phrase in (
        "gele kolommen",
        "Realisatie",
        "gepland",
        "vervallen",
        "eerste regel",
        "Laatst gemeld",
        "Filteren en sorteren mag",
    ):
        assert phrase in text


def test_output_file_is_readable_by_others(plan_workbook):
    assert plan_workbook.stat().st_mode & stat.S_IROTH


def test_example_builds_xlsx_without_warnings(tmp_path):
    outdir = tmp_path / "xlsx"
    from sphinx.cmd.build import build_main

    status = build_main(["-W", "-q", "-b", "kernbeleid-xlsx", str(EXAMPLE), str(outdir)])
    assert status == 0
    sheet = load_workbook(outdir / "uitvoeringsplan-2026.xlsx")["Maatregelen"]
    ids = {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(ids) >= 20
    # The shipped progress of 2026-Q2 is in the fill-in columns.
    assert cell(sheet, "MR_KVO_CENTRUM", "PI_KVO_CENTRUM", "Status").value == "gereed"
    assert cell(sheet, "MR_KVO_CENTRUM", "PI_KVO_CENTRUM", "Laatst gemeld").value == "2026-Q2"
