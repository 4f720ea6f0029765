"""One way to write a cell of every workbook the product makes: text stays text.

A title such as ``=HYPERLINK("http://…")`` or a unit ``+31`` is plan text, not a formula.
openpyxl turns any string starting with ``=`` into a live formula, and Excel or LibreOffice
evaluate a text starting with ``+``, ``-`` or ``@`` as soon as someone edits the cell. So
every text is stored as a string, and one that a spreadsheet would evaluate also gets
Excel's quote prefix (the ``'`` a user types to keep text), which survives editing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

#: First characters with which a spreadsheet reads a text as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def put(cell: Cell, value: object, *, style: str | None = None) -> Cell:
    """Set ``cell`` to ``value``: numbers and dates as themselves, every text as text.

    ``style`` (a named style) is applied before the quote prefix: a named style resets it.
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if style is not None:
        cell.style = style
    if looks_like_formula(value):
        cell.quotePrefix = True
    return cell


def write(sheet: Worksheet, row: int, column: int, value: object = None) -> Cell:
    """``sheet.cell(row, column, value)``, with :func:`put`'s guarantee."""
    return put(sheet.cell(row, column), value)
