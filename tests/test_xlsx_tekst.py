"""Every workbook the product writes keeps plan text as text: no formula from a title.

The partner workbook, its export copy and the check report are read back with openpyxl:
no cell holds a formula, and text a spreadsheet would evaluate carries the quote prefix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from voortgang_plan import PLAN

HOSTILE = PLAN.replace(
    ".. effectindicator:: Woninginbraken per 1.000 woningen",
    '.. effectindicator:: =HYPERLINK("http://example.org","klik")',
).replace(":eenheid: per 1.000 woningen", ":eenheid: +31 per woning")


def _cells(path: Path) -> list:
    workbook = load_workbook(path)
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> list[Path]:
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("formules"))
    project.write("index.rst", HOSTILE)
    paths = []
    for builder in ("kernbeleid-check", "kernbeleid-xlsx"):
        result = project.build(builder)
        assert "Traceback" not in result.warnings
        paths += sorted(result.outdir.glob("*.xlsx"))
    assert {p.name for p in paths} == {"kernbeleid-rapport.xlsx", "uitvoeringsplan-2026.xlsx"}
    return paths


def test_no_workbook_holds_a_formula(workbooks):
    for path in workbooks:
        formulas = [(c.coordinate, c.value) for c in _cells(path) if c.data_type == "f"]
        assert formulas == [], path.name


def test_text_that_looks_like_a_formula_is_kept_as_written_with_a_quote_prefix(workbooks):
    for path in workbooks:
        risky = [c for c in _cells(path) if isinstance(c.value, str) and c.value[:1] in "=+-@"]
        values = {c.value for c in risky}
        assert '=HYPERLINK("http://example.org","klik")' in values, path.name
        assert all(c.data_type == "s" and c.quotePrefix for c in risky), [
            (c.coordinate, c.value) for c in risky if not c.quotePrefix
        ]


def test_the_report_unit_column_keeps_a_plus_sign(workbooks):
    report = next(p for p in workbooks if p.name == "kernbeleid-rapport.xlsx")
    units = [c.value for c in load_workbook(report)["Indicatoren"]["F"]]
    assert "+31 per woning" in units


def test_cell_writer_keeps_numbers_and_text_apart():
    from openpyxl import Workbook

    from sphinxext_kernbeleid.files.xlsx_cells import write

    sheet = Workbook().active
    number, text, formula = (
        write(sheet, 1, 1, 12),
        write(sheet, 1, 2, "12"),
        write(sheet, 1, 3, "=1+1"),
    )
    assert (number.data_type, text.data_type, formula.data_type) == ("n", "s", "s")
    assert formula.quotePrefix and not text.quotePrefix
