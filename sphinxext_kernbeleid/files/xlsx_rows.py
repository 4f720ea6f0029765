"""Read the rows of one sheet of an ``.xlsx`` quickly: open-data exports run to 100.000s of rows.

openpyxl builds an object per cell and per shared string (about 7 s of processor time for
a 100.000-row police export even with ``read_only=True``); the measurement and police
imports only need each row's values. Two readers give the same rows:

* the **fast path** reads the sheet's XML in blocks of text and takes each row apart with
  two regular expressions for the shape spreadsheet programs write
  (``<row r="2"><c r="A2" t="s"><v>0</v></c>…</row>``); a row in any other shape (an
  entity such as ``&amp;``, a formula, rich text, single quotes, an unknown attribute) is
  parsed on its own by lxml, inside the sheet's own root tag so its namespaces hold. The
  text outside ``<sheetData>`` is parsed by lxml too, so a damaged sheet is still refused.
* the **streaming path** parses the whole sheet with lxml's ``iterparse``; it is taken
  when the sheet is not UTF-8, declares a DTD, uses prefixed element names, or has
  anything between rows that is not a row (a comment, say). When the fast path meets
  such a thing after it already gave rows, the streaming path starts over and skips the
  rows already given, so the caller sees every row exactly once.

Both are safe: no DTDs, no entity expansion, no network, and the zip checked for bombs
first (by the caller). Numbers come back as :class:`~decimal.Decimal` exactly as stored
(no float).
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COLUMN = re.compile(r"^([A-Z]+)")
C, V = f"{MAIN}c", f"{MAIN}v"

Cell = str | Decimal | bool | None
Row = tuple[int, list[Cell]]

#: Text the fast path reads at a time (characters); rows are cut at the last ``</row>``.
BLOCK = 1 << 20
#: More text than this before ``<sheetData>`` is left to lxml.
HEAD_LIMIT = 8 << 20

#: A value's text in the fast path: no markup, no entity, no carriage return (XML turns
#: ``\r\n`` into ``\n``) and no character XML forbids; anything else goes to lxml.
_PLAIN = r"[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f]*"
#: The pieces of ``<sheetData>``: a self-closing row (1), a row with its attributes (2)
#: and cells (3), white space (4), anything else (5: not a row, so the streaming path).
_ROWS = re.compile(
    r"(<row\b[^>]*/>)|<row\b([^>]*)>([^<]*(?:<(?!/row>)[^<]*)*)</row>|(\s+)|(.)",
    re.S,
)
#: A row's attributes in the plain shape: ``r`` first, then attributes without entities.
_ROW_ATTRS = re.compile(r' r="(\d+)"(?: (?!xmlns)[\w:.-]+="[^"<&]*")*\s*')
#: One cell in the plain shape: column letters (1), type (2), ``<v>`` text (3), inline
#: string (4); (5) anything else, which sends the whole row to lxml.
_CELLS = re.compile(
    r'<c r="([A-Z]{1,3})\d+"(?: s="\d+")?(?: t="(\w+)")?(?: s="\d+")?'
    rf'(?:/>|>(?:<v>({_PLAIN})</v>|<is><t(?: xml:space="preserve")?>({_PLAIN})</t></is>)?</c>)'
    r"|(.)",
    re.S,
)
_ROOT = re.compile(r"<worksheet\b[^>]*>")
_ENCODING = re.compile(r"""^\s*<\?xml[^>]*\bencoding=["']([^"']+)["']""")


class XlsxError(Exception):
    """The workbook's structure cannot be read (message in Dutch)."""


class _Slow(Exception):
    """The fast path cannot read this sheet; the streaming path takes over."""


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


class _Columns(dict[str, int]):
    """Column letters -> index (``"AB"`` -> 27), computed once per letter group."""

    def __missing__(self, letters: str) -> int:
        index = self[letters] = _column_index(letters)
        return index

    def of(self, reference: str) -> int:
        return self[reference.rstrip("0123456789")]


def rows(data: bytes, sheet: str | None) -> tuple[str, Iterator[Row]]:
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
    columns = _Columns()

    def generate() -> Iterator[Row]:
        given = 0
        try:
            with archive.open(path) as handle:
                for row in _fast_rows(handle, shared, columns):
                    given += 1
                    yield row
            return
        except _Slow:
            pass
        for row in _streamed_rows(archive, path, shared, columns):
            if given:
                given -= 1
                continue
            yield row

    return title, generate()


def _streamed_rows(archive, path: str, shared: list[str], columns: _Columns) -> Iterator[Row]:
    """Every row through lxml's ``iterparse`` (any well-formed sheet)."""
    with archive.open(path) as handle:
        events = etree.iterparse(
            handle, tag=f"{MAIN}row", resolve_entities=False, no_network=True, load_dtd=False
        )
        number = 0
        for _event, row in events:
            number = int(row.get("r") or number + 1)
            yield number, _row_cells(row, shared, columns)
            row.clear()


def _row_cells(row, shared: list[str], columns: _Columns) -> list[Cell]:
    cells: list[Cell] = []
    for position, cell in enumerate(row):
        if cell.tag != C:
            continue
        ref = cell.get("r")
        index = columns.of(ref) if ref else position
        if index >= len(cells):
            cells.extend([None] * (index + 1 - len(cells)))
        cells[index] = _value(cell, shared)
    return cells


def _value(cell, shared: list[str]) -> Cell:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
    value = next((child.text for child in cell if child.tag == V), None)
    return _typed(kind, value, shared)


def _typed(kind: str, value: str | None, shared: list[str]) -> Cell:
    """A ``<v>`` text as the cell's type says (shared by both paths)."""
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


# --------------------------------------------------------------------------- the fast path


def _fast_rows(handle, shared: list[str], columns: _Columns) -> Iterator[Row]:
    """The rows of a sheet in the plain shape; :class:`_Slow` where it is not."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()

    def read() -> tuple[str, bool]:
        block = handle.read(BLOCK)
        try:
            return decoder.decode(block, final=not block), not block
        except UnicodeDecodeError:
            raise _Slow from None

    # the part before <sheetData>: checked by lxml; its root tag is kept for odd rows
    buffer, done = "", False
    while (start := buffer.find("<sheetData")) < 0 or buffer.find(">", start) < 0:
        if done or len(buffer) > HEAD_LIMIT:
            raise _Slow
        text, done = read()
        buffer += text
    head, close = buffer[:start], buffer.find(">", start)
    encoding = _ENCODING.match(head)
    found_root = _ROOT.search(head)
    if (
        "<!" in head
        or (encoding and encoding[1].lower().replace("-", "") != "utf8")
        or found_root is None
    ):
        raise _Slow
    root = found_root.group()
    _well_formed(head + "</worksheet>")
    if buffer[start : close + 1] != "<sheetData>":
        if buffer[close - 1] != "/":
            raise _Slow
        _well_formed(root + buffer[close + 1 :] + ("" if done else _rest(read)))
        return  # <sheetData/>: no rows
    buffer = buffer[close + 1 :]
    odd = _odd_row(root, shared, columns)
    while True:
        end = buffer.find("</sheetData>")
        if end >= 0:
            part, tail = buffer[:end], buffer[end + len("</sheetData>") :]
        else:
            cut = buffer.rfind("</row>")
            if cut < 0:
                if done:
                    raise _Slow  # the sheet ends inside <sheetData>: lxml says how
                text, done = read()
                buffer += text
                continue
            cut += len("</row>")
            part, buffer = buffer[:cut], buffer[cut:]
        for single, attrs, inner, space, other in _ROWS.findall(part):
            if space:
                continue
            if other:
                raise _Slow
            if single:
                yield _row_number(single[4:-2]), []
                continue
            cells = _plain_cells(inner, shared, columns)
            if cells is None:
                cells = odd(f"<row{attrs}>{inner}</row>")
            yield _row_number(attrs), cells
        if end >= 0:
            _well_formed(root + tail + ("" if done else _rest(read)))
            return
        if done:
            raise _Slow
        text, done = read()
        buffer += text


def _rest(read: Callable[[], tuple[str, bool]]) -> str:
    out = []
    while True:
        text, done = read()
        out.append(text)
        if done:
            return "".join(out)


def _well_formed(text: str) -> None:
    try:
        etree.fromstring(text.encode("utf-8"), _parser())
    except etree.XMLSyntaxError:
        raise _Slow from None  # lxml's streaming path reports it as it always did


def _row_number(attrs: str) -> int:
    match = _ROW_ATTRS.fullmatch(attrs)
    if match is None:
        raise _Slow
    return int(match[1])


def _plain_cells(inner: str, shared: list[str], columns: _Columns) -> list[Cell] | None:
    """The cells of a row in the plain shape, or None when one is not plain."""
    cells: list[Cell] = []
    for letters, kind, value, inline, other in _CELLS.findall(inner):
        if other:
            return None
        cell: Cell
        if kind == "inlineStr":
            cell = inline
        elif not value:
            cell = None
        elif not kind or kind == "n":  # the most common cell: a number, read as _typed does
            try:
                cell = Decimal(value)
            except InvalidOperation:
                cell = value
        else:
            cell = _typed(kind, value, shared)
        index = columns[letters]
        if index == len(cells):
            cells.append(cell)
        elif index > len(cells):
            cells.extend([None] * (index - len(cells)))
            cells.append(cell)
        else:
            cells[index] = cell
    return cells


def _odd_row(root: str, shared: list[str], columns: _Columns) -> Callable[[str], list[Cell]]:
    """A row in another shape, parsed by lxml inside the sheet's root tag."""

    def parse(text: str) -> list[Cell]:
        try:
            tree = etree.fromstring(
                f"{root}<sheetData>{text}</sheetData></worksheet>".encode(), _parser()
            )
        except etree.XMLSyntaxError:
            raise _Slow from None
        found = tree.find(f"{MAIN}sheetData/{MAIN}row")
        if found is None:
            raise _Slow
        return _row_cells(found, shared, columns)

    return parse
