"""The Word writer's fast paths write what the plain ones write (issue 25).

The writer walks the tree itself (cached visit/depart methods instead of docutils'
``walkabout``), copies prebuilt paragraphs, runs, rows and cells, writes a cell of plain text
without walking it, reads a table row's text in one lxml query for the pagination and
measures column widths looking only at words that can be the longest. Each is checked here
against the straightforward way it replaced.
"""

from __future__ import annotations

import math
import random
import re
import zipfile

from docx.oxml.ns import qn
from lxml import etree
from test_docx import PROSE, TINY_PNG

from sphinxext_kernbeleid.writers.docx import paginering, widths
from sphinxext_kernbeleid.writers.docx.base import DocxWriterBase
from sphinxext_kernbeleid.writers.docx.tables import TableWriting
from sphinxext_kernbeleid.writers.docx.translator import DocxTranslator

MORE = """

Tabellen
--------

.. list-table:: Breed
   :header-rows: 1

   * - Naam
     - Periode
     - Tekst
   * - inbraken
     - 2026-Q1 t/m 2026-Q4
     - Een **vette** en een *schuine* cel.
   * -
     - 2026-2029
     - Twee alinea's.

       Tweede alinea.

Na de tabel.

.. list-table::
   :header-rows: 1

   * - Kop
   * - Alleen tekst

.. list-table:: Met links
   :header-rows: 1

   * - Naar
     - Waar
   * - `Tabellen`_
     - Zie Tabellen_ en :ref:`elders` (niet in dit document).
   * - :ref:`elders`
     - `link <https://example.org>`_ en `Tabellen`_
"""

#: A page outside the Word document: a link to it keeps its text, unlinked.
ELDERS = ":orphan:\n\n.. _elders:\n\nElders\n======\n\nTekst.\n"


def _document_xml(project, out: str) -> bytes:
    result = project.build("kernbeleid-docx", out=out)
    assert result.status == 0, result.warnings
    (docx,) = result.outdir.glob("*.docx")
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml")


def test_writer_writes_what_walkabout_and_plain_cells_write(project, monkeypatch) -> None:
    project.write("index.rst", PROSE + MORE)
    project.write("elders.rst", ELDERS)
    (project.src / "kaart.png").write_bytes(TINY_PNG)
    fast = _document_xml(project, "snel")
    # The way it was: docutils walks the tree (Sphinx looks the methods up per node) and
    # every cell is walked node by node.
    monkeypatch.setattr(DocxWriterBase, "walk", lambda self, node: node.walkabout(self))
    monkeypatch.setattr(DocxTranslator, "visit_document", lambda self, node: None)
    monkeypatch.setattr("sphinxext_kernbeleid.writers.docx.tables._plain_text", lambda c: None)
    plain = _document_xml(project, "gewoon")
    assert fast == plain
    body = etree.fromstring(fast)
    assert [_cells(table) for table in body.iter(qn("w:tbl"))] == [
        [["Naam", "Waarde"], ["inbraken", "12"]],
        [
            ["Naam", "Periode", "Tekst"],
            ["inbraken", "2026-Q1 t/m 2026-Q4", "Een vette en een schuine cel."],
            ["", "2026-2029", "Twee alinea\u2019s.|Tweede alinea."],
        ],
        [["Kop"], ["Alleen tekst"]],
        [
            ["Naar", "Waar"],
            ["Tabellen", "Zie Tabellen en Elders (niet in dit document)."],
            ["Elders", "link en Tabellen"],
        ],
    ]
    # The links to the section are links (a cell of text and links is written as text);
    # the one to a page outside the document is its text only.
    links = body.findall(f".//{qn('w:tbl')}//{qn('w:hyperlink')}")
    assert [(a.get(qn("w:anchor")), "".join(a.itertext())) for a in links] == [
        ("kb_tabellen", "Tabellen"),
        ("kb_tabellen", "Tabellen"),
        (None, "link"),
        ("kb_tabellen", "Tabellen"),
    ]
    assert fast.count(b"<w:pageBreakBefore/>") == 1  # a copied paragraph keeps no extras
    # Only the paragraphs right after a table (an admonition's title, "Na de tabel." and
    # the caption of the table with links).
    assert fast.count(b'w:before="160"') == 3


def _cells(table) -> list[list[str]]:
    """Per row the text of each cell, its paragraphs joined by '|'."""
    return [
        [
            "|".join(
                "".join(
                    "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
                    for t in p.iter(qn("w:t"), qn("w:noBreakHyphen"))
                )
                for p in tc.findall(qn("w:p"))
            )
            for tc in tr.findall(qn("w:tc"))
        ]
        for tr in table.findall(qn("w:tr"))
    ]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _row() -> etree._Element:
    """A row with several paragraphs, line breaks, a nested table and a cell without width."""
    return etree.fromstring(
        f"""<w:tr xmlns:w="{W}">
          <w:tc><w:tcPr><w:tcW w:w="2400" w:type="dxa"/></w:tcPr>
            <w:p><w:r><w:t>{"woord " * 40}</w:t></w:r><w:r><w:br/><w:t>na</w:t></w:r></w:p>
            <w:p/>
            <w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="900"/></w:tcPr>
              <w:p><w:r><w:t>{"genest " * 30}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>slot</w:t></w:r></w:p></w:tc>
          <w:tc><w:p><w:r><w:t>{"x" * 500}</w:t></w:r></w:p></w:tc>
          <w:tc><w:tcPr><w:tcW w:type="auto"/></w:tcPr>
            <w:p><w:r><w:t>{"kort " * 10}</w:t><w:t/></w:r></w:p></w:tc>
        </w:tr>"""
    )


def _row_lines_per_paragraph(tr) -> float:
    """Row height as it was computed: per cell, per paragraph."""
    tallest = 0.0
    for tc in tr.findall(qn("w:tc")):
        width_el = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        width = int(width_el.get(qn("w:w"), "0")) if width_el is not None else 2000
        column = max(width - paginering.CELL_MARGINS, 300)
        lines = 0.0
        for p in tc.iter(qn("w:p")):
            lines += paginering.paragraph_lines(p, column, paginering.TABLE_CHAR) + 0.2
        tallest = max(tallest, lines)
    return tallest + 0.6


def test_row_lines_reads_a_row_as_its_paragraphs_read() -> None:
    row = _row()
    assert paginering.row_lines(row) == _row_lines_per_paragraph(row)
    for tc in row.findall(qn("w:tc")):  # each cell alone, the tallest in turn
        single = etree.fromstring(f'<w:tr xmlns:w="{W}"/>')
        single.append(tc)
        assert paginering.row_lines(single) == _row_lines_per_paragraph(single)
    assert paginering.row_lines(etree.fromstring(f'<w:tr xmlns:w="{W}"/>')) == 0.6


def _word_length_all_words(text: str, *, bold: bool = False) -> int:
    """word_length as it was: every word measured."""
    text = widths.NO_BREAK_HYPHEN.sub("\u2011", text.replace("€ ", "€\u00a0"))
    longest = max(
        (len(w) + any(map(str.isdigit, w)) for w in re.split(r"(?<=-)|[ \t\r\n]+", text)),
        default=0,
    )
    if bold:
        longest = int(longest * widths.BOLD_FACTOR + 0.999)
    return min(longest, widths.MAX_WORD)


def _column_minimum_all_words(columns: list[list[str]], bold: list[bool]) -> list[int]:
    """ColumnSpec.minimum as it was: every word measured."""
    out = []
    for index, (header, *cells) in enumerate(columns):
        need = max((widths._chars(w, True) for w in widths._pieces(header)), default=0)
        for cell in cells:
            for number, paragraph in enumerate(cell.split("\n")):
                for word in widths._pieces(paragraph):
                    chars = widths._chars(word, bold[index] and not number)
                    if widths._LETTERS.match(word):
                        chars = min(chars, widths.SOFT_WORD)
                    need = max(need, chars)
        out.append(need)
    return out


WORDS = (
    "de een veiligheidsplan woninginbraken 2026-2029 2026-Q1 Q4-2026 € 12.500 "
    "t/m ondermijningsaanpakcoördinatie 9 x 1234567890123456789012345 "
    "(wijkagent) buurt-preventie-app team-OOV ² 3,5% politie/gemeente"
).split()


def test_width_measures_match_measuring_every_word() -> None:
    rng = random.Random(25)
    texts = ["", " ", "-", "€ ", "2026-Q1 t/m 2026-Q4", "€ 30.000"] + [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12))) for _ in range(400)
    ]
    for text in texts:
        for bold in (False, True):
            assert widths.word_length(text, bold=bold) == _word_length_all_words(text, bold=bold)
    columns = [
        [rng.choice(WORDS)]
        + ["\n".join(rng.choice(texts) for _ in range(rng.randint(1, 3))) for _ in range(30)]
        for _ in range(6)
    ]
    bold = [True, False, True, False, False, False]
    assert widths.column_spec(columns, bold).minimum == _column_minimum_all_words(columns, bold)


def test_table_measures_match_measuring_every_cell() -> None:
    """measure_columns reads a cell of plain text and links without walking it, and skips
    texts too short to hold a longer word: the same measure as every cell read whole."""
    from docutils import nodes

    rng = random.Random(34)

    def cell() -> nodes.entry:
        para = nodes.paragraph()
        for _ in range(rng.randint(0, 3)):
            # Often one word (of any length up to the cap), so a text just longer than the
            # column's longest word so far is common; sometimes a docutils escape in it.
            text = " ".join(
                rng.choice(WORDS)[: rng.randint(1, 30)] for _ in range(rng.choice((1, 1, 2, 5)))
            )
            text += rng.choice(("", "", "\x00 x", "\x00"))
            kind = rng.choice(("text", "text", "link", "strong"))
            if kind == "link":
                para += nodes.reference("", "", nodes.Text(text), refid="x")
            elif kind == "strong":
                para += nodes.strong("", "", nodes.Text(text))
            else:
                para += nodes.Text(text)
        entry = nodes.entry()
        entry += para
        if rng.random() < 0.1:
            entry += nodes.paragraph("", "Tweede alinea met woninginbraken")
        return entry

    def every_cell(rows: list[nodes.row], ncols: int) -> tuple[list[int] | None, list[int]]:
        amount, longest = [0] * ncols, [0] * ncols
        for number, row in enumerate(rows):
            for index, entry in enumerate(row.children[:ncols]):
                text = entry.astext()
                strong = " ".join(n.astext() for n in entry.findall(nodes.strong))
                amount[index] += len(text)
                longest[index] = max(
                    longest[index],
                    _word_length_all_words(text, bold=not number),
                    _word_length_all_words(strong, bold=True) if strong else 0,
                )
        sizes = [max(1, int(a**0.5 * 10)) for a in amount] if any(amount) else None
        return sizes, longest

    for _ in range(30):
        rows = []
        for _ in range(rng.randint(1, 40)):
            row = nodes.row()
            for _ in range(5):
                row += cell()
            rows.append(row)
        assert widths.measure_columns(rows, 5) == every_cell(rows, 5)
    # The last word just longer than the column's longest so far, with and without digits.
    for first in ("Kop", "Lange kolomkop", "x"):
        for length in range(1, 26):
            for word in ("x" * length, "9" * length, f"{'x' * length} y"):
                rows = [
                    nodes.row("", nodes.entry("", nodes.paragraph("", text)))
                    for text in (first, "xxxx", word)
                ]
                assert widths.measure_columns(rows, 1) == every_cell(rows, 1), (first, word)


def test_plain_cells_are_only_paragraphs_of_text() -> None:
    from docutils import nodes

    from sphinxext_kernbeleid.writers.docx.tables import _plain_text

    def entry(*children: nodes.Node) -> nodes.entry:
        return nodes.entry("", *children)

    assert _plain_text([entry(nodes.paragraph("", "", nodes.Text("a"), nodes.Text("b")))]) == [
        "a",
        "b",
    ]
    assert _plain_text([entry(nodes.paragraph("", "", nodes.Text("a\x00 b")))]) == ["ab"]
    assert _plain_text([entry(nodes.paragraph("", "", nodes.strong("", "vet")))]) is None
    assert _plain_text([entry(nodes.paragraph("", "x", classes=["c"]))]) is None
    assert _plain_text([entry(nodes.paragraph("", "a"), nodes.paragraph("", "b"))]) is None
    assert _plain_text([entry(nodes.bullet_list())]) is None
    assert _plain_text([]) is None and _plain_text(None) is None
    assert issubclass(DocxTranslator, TableWriting)
    assert math.isclose(paginering.row_lines(_row()), _row_lines_per_paragraph(_row()))


TEXT_TABLES = """

Tekens en breed
---------------

.. list-table:: Tekens & <haken> "aanhalingstekens"
   :header-rows: 1

   * - Naam & co
     - Periode
     - Tekst
     - Vier
     - Vijf
     - Zes
     - Zeven
   * - a < b > c & "d" 'e'
     - 2026-Q1 t/m 2026-Q4, 2026-2029
     - * een
       * twee
     - `link <https://example.org>`_
     - € 25.000
     -
     - zeven

Items
-----

.. prioriteit:: Ondermijning & zo
   :id: PRIO_ONDERMIJNING
   :kv: 5.2
   :rang: 1

.. actiepunt:: Bedrijventerrein
   :id: AP_TERREIN
   :hoort_bij: PRIO_ONDERMIJNING

.. maatregel:: Integrale controles <1>
   :id: MR_CONTROLES
   :hoort_bij: AP_TERREIN
   :budget: € 25.000
   :partners: Politie; "RIEC" & Belastingdienst

   Uitleg met **vet**.

.. maatregel:: Tweede
   :id: MR_TWEE
   :hoort_bij: AP_TERREIN

.. maatregel:: Derde, met alleen gewone tekst
   :id: MR_DRIE
   :hoort_bij: AP_TERREIN

   Eerste alinea: controles in 2026-2027 & "daarna".

   Tweede alinea.

.. kernbeleid-maatregelen:: PRIO_ONDERMIJNING
"""


def _document_parts(project, out: str) -> dict[str, bytes]:
    result = project.build("kernbeleid-docx", out=out)
    assert result.status == 0, result.warnings
    parts = {}
    for docx in sorted(result.outdir.glob("*.docx")):
        with zipfile.ZipFile(docx) as package:
            parts[docx.name] = package.read("word/document.xml")
    return parts


def test_tables_as_text_write_what_element_tables_write(project, monkeypatch) -> None:
    project.write("index.rst", PROSE + MORE + TEXT_TABLES)
    project.write("elders.rst", ELDERS)
    (project.src / "kaart.png").write_bytes(TINY_PNG)
    as_text = _document_parts(project, "tekst")
    # Element by element: start_table hands out the w:tbl itself, not a TableText.
    monkeypatch.setattr(
        "sphinxext_kernbeleid.writers.docx.tables.TableText", lambda element: element
    )
    as_elements = _document_parts(project, "elementen")
    assert as_text.keys() == as_elements.keys() and len(as_text) >= 1
    for name, xml in as_text.items():
        assert xml == as_elements[name], name
    xml = b"".join(as_text.values())
    assert b"a &lt; b &gt; c &amp;" in xml and b"<w:noBreakHyphen/>" in xml
    assert b"Integrale controles &lt;1&gt;" in xml and b'"RIEC" &amp;' in xml
    assert b'w:name="kb_MR_DRIE"' in xml and b"Tweede alinea." in xml


#: A maatregel whose cells in the action table have two paragraphs (trekkers, planning).
TREKKERS = """

.. maatregel:: Vierde, met trekkers en planning
   :id: MR_VIER
   :hoort_bij: AP_TERREIN
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team openbare orde en veiligheid
   :planning: 2026-Q1..2026-Q4
   :status: lopend
"""


def _counting_table(rows: int = 12, columns: int = 7) -> str:
    """A list-table of narrow columns with texts of many lengths (number ranges whose
    hyphens are no text, characters XML escapes, € amounts): a miscount of one character
    changes the lines of some cell."""
    pick = random.Random(25)
    words = ["a", "controles", "2026-2027", "Q1-Q4", "&", "<b>", "€ 25.000", "1-2-3", "x" * 11]
    lines = [".. list-table:: Tellen", "   :header-rows: 1", ""]
    for row in range(rows):
        for column in range(columns):
            text = " ".join(pick.choice(words) for _ in range(pick.randint(1, 9)))
            lines.append(f"   {'*' if column == 0 else ' '} - {text if row or column else 'Kop'}")
    return "\n\nTellen\n------\n\n" + "\n".join(lines) + "\n"


def test_tables_as_text_count_their_rows_as_row_lines_reads_them(project, monkeypatch) -> None:
    """The page breaks take a table's row heights from its text, counted as it is written;
    they are what reading the parsed rows gives (row_lines), cell for cell: text cells,
    cells made as elements (a list, a web link), the action table's cells of several
    paragraphs."""
    project.write("index.rst", PROSE + MORE + TEXT_TABLES + _counting_table() + TREKKERS)
    project.write("elders.rst", ELDERS)
    (project.src / "kaart.png").write_bytes(TINY_PNG)
    keep_table = paginering.keep_table
    counted: list[list[float]] = []

    def checking(body, index, heights=None, as_text=None) -> None:
        if heights is not None:
            rows = body[index].findall(qn("w:tr"))
            assert heights == [paginering.row_lines(tr) for tr in rows]
            counted.append(heights)
        keep_table(body, index, heights, as_text)

    monkeypatch.setattr(paginering, "keep_table", checking)
    _document_parts(project, "tellen")
    assert len(counted) >= 6
    # The narrow table's rows differ in height: its cells hold one to several lines.
    assert len({round(h, 1) for heights in counted for h in heights}) >= 5
