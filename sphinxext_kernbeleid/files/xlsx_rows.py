"""Read the rows of one sheet of an ``.xlsx`` quickly: open-data exports run to 100.000s of rows.

openpyxl builds an object per cell and per shared string (about 15 s for a 100.000-row
police export); the measurement import only needs each row's values. This reads the
sheet's XML with lxml (a dependency of python-docx) in one streaming pass, safely: no
DTDs, no entity expansion, no network, and the zip checked for bombs first (by the
caller). Numbers come back as :class:`~decimal.Decimal` exactly as stored (no float).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COLUMN = re.compile(r"^([A-Z]+)")
C, V = f"{MAIN}c", f"{MAIN}v"

Cell = str | Decimal | bool | None


class XlsxError(Exception):
    """The workbook's structure cannot be read (message in Dutch)."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _parse(archive: zipfile.ZipFile, name: str):
    try:
        return etree.fromstring(archive.read(name), _parser())
    except (KeyError, etree.XMLSyntaxError) as err:
        raise XlsxError(f"onderdeel {name} ontbreekt of is beschadigd") from err


def sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML inside the archive, in workbook order."""
    workbook = _parse(archive, "xl/workbook.xml")
    rels = _parse(archive, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
    out: dict[str, str] = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{REL}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out[sheet.get("name", "")] = posixpath.normpath(path)
    return out


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _event, item in etree.iterparse(
            handle, tag=f"{MAIN}si", resolve_entities=False, no_network=True, load_dtd=False
        ):
            # rich text has several runs; phonetic hints (rPh) are not part of the value
            strings.append(
                "".join(
                    t.text or "" for t in item.iter(f"{MAIN}t") if t.getparent().tag != f"{MAIN}rPh"
                )
            )
            item.clear()
    return strings


def _column_index(reference: str) -> int:
    letters = _COLUMN.match(reference)
    index = 0
    for char in letters.group(1) if letters else "A":
        index = index * 26 + ord(char) - 64
    return index - 1


def rows(data: bytes, sheet: str | None) -> tuple[str, Iterator[tuple[int, list[Cell]]]]:
    """(sheet title, iterator of (row number, cells)) of ``sheet`` or the first sheet.

    Raises :class:`KeyError` with the known sheet names when ``sheet`` does not exist.
    """
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = sheet_names(archive)
    if not names:
        raise XlsxError("de werkmap heeft geen werkbladen")
    title = sheet if sheet is not None else next(iter(names))
    if title not in names:
        raise KeyError(", ".join(names))
    shared = _shared_strings(archive)
    path = names[title]

    columns: dict[str, int] = {}  # "AB" -> 27, computed once per letter group

    def column(reference: str) -> int:
        letters = reference.rstrip("0123456789")
        index = columns.get(letters)
        if index is None:
            index = columns[letters] = _column_index(letters)
        return index

    def generate() -> Iterator[tuple[int, list[Cell]]]:
        with archive.open(path) as handle:
            events = etree.iterparse(
                handle, tag=f"{MAIN}row", resolve_entities=False, no_network=True, load_dtd=False
            )
            number = 0
            for _event, row in events:
                number = int(row.get("r") or number + 1)
                cells: list[Cell] = []
                for position, cell in enumerate(row):
                    if cell.tag != C:
                        continue
                    ref = cell.get("r")
                    index = column(ref) if ref else position
                    if index >= len(cells):
                        cells.extend([None] * (index + 1 - len(cells)))
                    cells[index] = _value(cell, shared)
                row.clear()
                yield number, cells

    return title, generate()


def _value(cell, shared: list[str]) -> Cell:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
    value = next((child.text for child in cell if child.tag == V), None)
    if value is None:
        return None
    if kind == "s":
        try:
            return shared[int(value)]
        except (ValueError, IndexError):
            return None
    if kind == "b":
        return value == "1"
    if kind in ("str", "e"):
        return value
    try:
        return Decimal(value)
    except InvalidOperation:
        return value
