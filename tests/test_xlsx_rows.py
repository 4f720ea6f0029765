"""The fast xlsx row reader gives exactly the rows lxml's streaming parse gives.

The import's figures depend on every row and every row number being read as a spreadsheet
program shows them, whichever path (the fast regular expressions or lxml) reads a sheet.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest

from sphinxext_kernbeleid.files import xlsx_rows

NS = (
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"'
)
HEAD_ = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    f'<worksheet {NS}><dimension ref="A1:C4"/><sheetViews><sheetView workbookViewId="0"/>'
    '</sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
)
HEAD = HEAD_ + "<sheetData>"
TAIL_ = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
TAIL = "</sheetData>" + TAIL_
SHARED = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" '
    'uniqueCount="3"><si><t>SoortMisdrijf</t></si><si><t xml:space="preserve">1.1.1 </t></si>'
    "<si><r><t>GM</t></r><r><rPr><b/></rPr><t>0758</t></r><rPh><t>x</t></rPh></si></sst>"
)
#: Rows as Excel writes them: shared strings, styles, spans, a number, an empty cell.
EXCEL_ROWS = (
    '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c>'
    '<c r="B1" t="s"><v>2</v></c><c r="C1" s="1"/></row>'
    '<row r="2" spans="1:3" x14ac:dyDescent="0.25"><c r="A2" t="s"><v>1</v></c>'
    '<c r="C2" s="3" t="n"><v>12.50</v></c></row>'
    '<row r="4" spans="1:3" ht="20" customHeight="1"><c r="B4" t="b"><v>1</v></c>'
    '<c r="C4" t="str"><v>tekst</v></c><c r="AA4" t="inlineStr"><is><t xml:space="preserve"> '
    "GM0758 </t></is></c></row>"
)


def workbook(rows: str, *, head: str = HEAD, tail: str = TAIL, shared: str = SHARED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="TypedDataSet" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/worksheets/sheet1.xml", head + rows + tail)
    return out.getvalue()


def streamed(data: bytes) -> list[xlsx_rows.Row]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = xlsx_rows.sheet_names(archive)
    shared = xlsx_rows._shared_strings(archive)
    return list(
        xlsx_rows._streamed_rows(archive, names["TypedDataSet"], shared, xlsx_rows._Columns())
    )


def fast_only(data: bytes) -> list[xlsx_rows.Row]:
    """The fast path alone (raises ``_Slow`` where it hands over to lxml)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    shared = xlsx_rows._shared_strings(archive)
    with archive.open("xl/worksheets/sheet1.xml") as handle:
        return list(xlsx_rows._fast_rows(handle, shared, xlsx_rows._Columns()))


def read(data: bytes) -> list[xlsx_rows.Row]:
    title, found = xlsx_rows.rows(data, None)
    assert title == "TypedDataSet"
    return list(found)


EXPECTED = [
    (1, ["SoortMisdrijf", "GM0758", None]),
    (2, ["1.1.1 ", None, Decimal("12.50")]),
    (4, [None, True, "tekst", *([None] * 23), " GM0758 "]),
]


@pytest.mark.parametrize("block", [1 << 20, 7, 64])
def test_excel_shaped_sheet_is_read_by_the_fast_path_in_any_block_size(monkeypatch, block):
    monkeypatch.setattr(xlsx_rows, "BLOCK", block)
    data = workbook(EXCEL_ROWS)
    assert fast_only(data) == EXPECTED  # no hand-over: the plain shape is the fast one
    assert read(data) == EXPECTED == streamed(data)


ODD_ROWS = {
    # an entity, a formula, a carriage return, single quotes: lxml reads that row alone
    "entity": '<row r="2"><c r="A2" t="inlineStr"><is><t>A &amp; B &#233;</t></is></c></row>',
    "formula": '<row r="2"><c r="A2"><f>B2*2</f><v>4</v></c><c r="B2"><v>2</v></c></row>',
    "cr": '<row r="2"><c r="A2" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',
    "quotes": "<row r='2'><c r='A2' t='n'><v>3</v></c></row>",
    "rich": '<row r="2"><c r="A2" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>',
    "no_ref": '<row r="2"><c t="n"><v>1</v></c><c><v>2</v></c></row>',
    "self_closing_row": '<row r="2" spans="1:1"/><row r="3"><c r="A3"><v>1</v></c></row>',
    "pretty": '\n  <row r="2">\n    <c r="A2"><v>1</v></c>\n  </row>\n',
}


@pytest.mark.parametrize("name", sorted(ODD_ROWS))
def test_odd_rows_read_as_lxml_reads_them(name):
    data = workbook(EXCEL_ROWS.split('<row r="2"')[0] + ODD_ROWS[name])
    assert read(data) == streamed(data)
    assert len(read(data)) == 1 + ODD_ROWS[name].count("<row ")
    if name != "quotes":  # a row number in single quotes: the whole sheet goes to lxml
        assert fast_only(data) == streamed(data)


def test_entity_row_keeps_its_text():
    data = workbook(ODD_ROWS["entity"])
    assert read(data) == [(2, ["A & B é"])]


@pytest.mark.parametrize(
    "rows",
    [
        # a comment between rows after rows were given: lxml starts over, no row twice
        EXCEL_ROWS + "<!-- opmerking -->" + '<row r="9"><c r="A9"><v>9</v></c></row>',
        # prefixed element names
        EXCEL_ROWS.replace("<row", "<x:row").replace("</row>", "</x:row>"),
    ],
)
def test_other_shapes_go_to_lxml_and_every_row_comes_once(rows):
    if "x:row" in rows:
        data = workbook(
            rows,
            head=HEAD.replace(
                "<worksheet ",
                '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
            ),
        )
    else:
        data = workbook(rows)
    with pytest.raises(xlsx_rows._Slow):
        fast_only(data)
    assert read(data) == streamed(data)
    assert [n for n, _c in read(data)] == sorted({n for n, _c in streamed(data)})


def test_empty_sheet():
    data = workbook("", head=HEAD_, tail="<sheetData/>" + TAIL_)
    assert read(data) == [] == streamed(data)


@pytest.mark.parametrize(
    ("rows", "head", "tail"),
    [
        (EXCEL_ROWS[:-20], HEAD, TAIL),  # cut off inside a row
        (EXCEL_ROWS, HEAD.replace("<dimension", "<dimension<"), TAIL),  # damaged head
        (EXCEL_ROWS, HEAD, TAIL.replace("</worksheet>", "")),  # damaged tail
        (EXCEL_ROWS, HEAD, "</sheetData>"),  # no end tag
        (EXCEL_ROWS, HEAD, ""),  # cut off after the rows
    ],
)
def test_a_damaged_sheet_is_refused_as_lxml_refuses_it(rows, head, tail):
    data = workbook(rows, head=head, tail=tail)
    with pytest.raises(Exception) as fast:
        read(data)
    with pytest.raises(Exception) as slow:
        streamed(data)
    assert type(fast.value) is type(slow.value)
