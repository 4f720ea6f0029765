"""Tables: rows appended directly, widths from the words in each column, and tables too
wide for a portrait page put on landscape pages."""

from __future__ import annotations

import copy
from typing import Any

from docutils import nodes

from .base import DocxWriterBase
from .ooxml import (
    W_NS_DECL,
    clean_text,
    el,
    landscape_sectpr,
    open_xml,
    parse_xml,
    qn,
    remove_children,
    section_break,
    set_ppr,
    sub_el,
    xml_text,
)
from .paginering import (
    DEFAULT_CELL_WIDTH,
    ROW_MARGINS,
    cell_lines,
    cell_paragraph_lines,
    chars_per_line,
)
from .table_as_text import TableAsText
from .widths import (
    CELL_PADDING,
    CHAR_TWIPS,
    NO_BREAK_HYPHEN,
    ColumnSpec,
    Piece,
    fit_widths,
    measure_columns,
    plain_pieces,
)


def _rows(tgroup: nodes.Element, part: type[nodes.Element]) -> list[nodes.row]:
    return [
        r
        for p in tgroup.children
        if isinstance(p, part)
        for r in p.children
        if isinstance(r, nodes.row)
    ]


def _kind_key(header_rows: list[nodes.row], ncols: int) -> tuple[Any, ...] | None:
    """The kind of a table: its number of columns and the text of its header row."""
    if not header_rows:
        return None
    return (ncols, *(" ".join(e.astext().split()) for e in header_rows[0].findall(nodes.entry)))


_P, _TBL, _TC = qn("w:p"), qn("w:tbl"), qn("w:tc")

#: The formatting a link adds to its runs (visit_reference).
_LINK_RUN = {"style": "Hyperlink"}

#: A cell made as an element (walked content, or changed after it is written): its place
#: in the table's XML text, filled with the element once the text is parsed.
_HOLE = "<w:tc/>"


class TableText:
    """A table written as XML text and parsed once at its end (:meth:`TableWriting.end_table`).

    A large plan's overviews have hundreds of thousands of cells; made element by element
    (a paragraph, a run, a w:t each) they cost several seconds, as text a fraction. Cells
    the translator walks (links, lists, bookmarks) are still made as elements, in the same
    order as before, and put into their place after parsing: the XML is the same.

    While it is written it counts the lines of each row as :func:`.paginering.row_lines`
    counts them in the parsed table (the page breaks need them): from the texts at hand,
    not by reading hundreds of thousands of cells back (``heights``, after :meth:`finish`).
    """

    __slots__ = (
        "element",
        "parts",
        "cells",
        "row_open",
        "heights",
        "header",
        "_row_starts",
        "_holes",
        "_tallest",
        "_lines",
        "_per_line",
        "_length",
        "_in_para",
    )

    def __init__(self, element: Any) -> None:
        self.element = element  # the w:tbl with its w:tblPr and w:tblGrid, in its container
        self.parts: list[str] = [open_xml(element).replace("<w:tbl>", f"<w:tbl{W_NS_DECL}>", 1)]
        self.cells: list[Any] = []  # the element cells, in the order of their holes
        self.row_open = False
        #: Per row the lines of its tallest cell, then (after finish) with the margins.
        self.heights: list[float] = []
        self.header: list[bool] = []  # per row: a header row
        self._row_starts: list[int] = []  # per row where its text starts in parts
        self._holes: list[int] = []  # per element cell the row it is in
        self._tallest = self._lines = 0.0  # of the row, of the cell being written
        self._per_line = chars_per_line(DEFAULT_CELL_WIDTH)
        self._length = 0  # characters of the paragraph being written
        self._in_para = False

    # What is written, counted as row_lines counts the parsed rows.
    def _end_para(self) -> None:
        if self._in_para:
            self._lines += cell_paragraph_lines(self._length, self._per_line)
            self._in_para = False

    def _end_cell(self) -> None:
        self._end_para()
        if self._lines > self._tallest:
            self._tallest = self._lines
        self._lines = 0.0

    def open_row(self, text: str, header: bool) -> None:
        """Start a row with ``text`` (its w:tr and w:trPr), ending the one before."""
        if self.row_open:
            self.end_row()
        self._row_starts.append(len(self.parts))
        self.header.append(header)
        self.parts.append(text)
        self.row_open = True

    def end_row(self) -> None:
        self._end_cell()
        self.heights.append(self._tallest)
        self._tallest = 0.0
        self.parts.append("</w:tr>")
        self.row_open = False

    def open_cell(self, text: str, width: int) -> None:
        """Start a text cell with ``text`` (its w:tc and w:tcPr); ``width`` in twips."""
        self._end_cell()
        self._per_line = chars_per_line(width)
        self.parts.append(text)

    def hole(self, tc: Any) -> None:
        """An element cell: its place in the text (counted once it is parsed)."""
        self._end_cell()
        self.parts.append(_HOLE)
        self.cells.append(tc)
        self._holes.append(len(self.heights))

    def open_para(self, text: str) -> None:
        """Start a paragraph of a text cell with ``text`` (its w:p and w:pPr)."""
        self._end_para()
        self._in_para = True
        self._length = 0
        self.parts.append(text)

    def counted(self, characters: int) -> None:
        """``characters`` of text (in w:t) were written in the paragraph."""
        self._length += characters

    def as_text(self) -> TableAsText:
        """The finished table kept as text (only for a table without element cells)."""
        if self.row_open:
            self.end_row()
        parts, starts = self.parts, self._row_starts
        ends = starts[1:] + [len(parts)]
        rows = ["".join(parts[start:end]) for start, end in zip(starts, ends, strict=True)]
        self.parts = []
        heights = [tallest + ROW_MARGINS for tallest in self.heights]
        return TableAsText(self.element, rows, self.header, heights)

    def finish(self) -> Any:
        """The parsed w:tbl, with the element cells in their places."""
        if self.row_open:
            self.end_row()
        self.parts.append("</w:tbl>")
        text = "".join(self.parts)
        self.parts.clear()  # the pieces and the whole are not kept side by side
        tbl = parse_xml(text)
        del text
        heights = self.heights
        if self.cells:
            # Text cells always hold a w:tcPr: the empty w:tc are the holes.
            holes = [tc for tc in tbl.iter(_TC) if not len(tc)]
            for hole, tc, row in zip(holes, self.cells, self._holes, strict=True):
                hole.getparent().replace(hole, tc)
                lines = cell_lines(tc)
                if lines > heights[row]:
                    heights[row] = lines
        self.heights = [tallest + ROW_MARGINS for tallest in heights]
        return tbl


def _plain_text(content: list[nodes.Node] | None) -> list[Piece] | None:
    """The pieces of a cell that is one entry of plain text and links (:func:`.widths.
    plain_pieces`), else None."""
    if not content or len(content) != 1:
        return None
    return plain_pieces(content[0])


class TableWriting(DocxWriterBase):
    """docutils tables and the table helpers the Kernbeleid tables use."""

    #: Prebuilt w:tr (per header or not) and w:tc (per width), copied whole per row/cell.
    _row_templates: dict[bool, Any]
    _cell_templates: dict[int, Any]
    #: The same as XML text: the opening of a w:tr and of a w:tc with its w:tcPr, of a
    #: paragraph per style and of a run per run formatting.
    _row_texts: dict[bool, str]
    _cell_texts: dict[int, str]
    _para_texts: dict[str, str]
    _run_texts: dict[Any, str]  # by the run template (base._run_template) it opens
    #: Landscape sections made in parts of the body finished earlier (builders/docx/stukken),
    #: and whether the first one here began there (its start is made).
    landscape_done = 0
    landscape_open = False
    #: Keep tables of text cells in the body as text (set by builders/docx/stukken).
    tables_as_text = False
    #: Elements at the start of the body already paginated (DocxTranslator).
    paginated = 0
    COLLECTED: tuple[type, ...] = (nodes.table,)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._row_templates = {}
        self._cell_templates = {}
        self._row_texts = {}
        self._cell_texts = {}
        self._para_texts = {}
        self._run_texts = {}
        #: Per table written as text into the body its rows' lines, for the page breaks
        #: (:func:`.paginering.paginate` takes each out when it uses it).
        self.row_heights: dict[Any, list[float]] = {}
        #: Tables of text cells in the body kept as text, by their shell in the body (only
        #: while the builder writes the body out in parts: :mod:`.table_as_text`), and the
        #: changed paragraph and row openings made for them.
        self.text_tables: dict[Any, TableAsText] = {}
        self.text_openings: dict[tuple[str, int], str] = {}

    def visit_table(self, node: nodes.table) -> None:
        self.end_para()
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        node["_kb_caption"] = clean_text(title.astext()).strip() if title is not None else ""
        if title is not None:
            self.new_para("Caption")
            set_ppr(self.para.find(qn("w:pPr")), el("w:keepNext"))
            for child in title.children:
                self.walk(child)
            self.end_para()
        tgroup = next((c for c in node.children if isinstance(c, nodes.tgroup)), None)
        if tgroup is None:
            raise nodes.SkipNode
        colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
        widths = [int(c.get("colwidth", 1) or 1) for c in colspecs] or [1]
        header_rows: list[nodes.row] = []
        body_rows: list[nodes.row] = []
        for part in tgroup.children:
            if isinstance(part, nodes.thead):
                header_rows.extend(r for r in part.children if isinstance(r, nodes.row))
            elif isinstance(part, nodes.tbody):
                body_rows.extend(r for r in part.children if isinstance(r, nodes.row))
        self.write_table(widths, header_rows, body_rows, node)
        raise nodes.SkipNode

    def write_table(
        self,
        widths: list[int],
        header_rows: list[nodes.row],
        body_rows: list[nodes.row],
        node: nodes.Element,
    ) -> None:
        """Rows are appended directly; spans are flattened (no merged cells)."""
        ncols = len(widths)
        # Tables with the same column headers are one kind: measured together, they get
        # the same widths (the overview of maatregelen per prioriteit, every time).
        key = _kind_key(header_rows, ncols)
        kind = self._same_kind_rows().get(key) if key is not None else None
        if kind and key is not None:
            # Every table of the kind has the same measure: taken once, not per table
            # (measuring all rows of the kind for each of its tables was quadratic).
            measured: dict[tuple[Any, ...], tuple[list[int] | None, list[int]]] = (
                self.__dict__.setdefault("_kb_kind_measures", {})
            )
            if key not in measured:
                measured[key] = measure_columns(kind, ncols)
            by_content, min_chars = measured[key]
            by_content = list(by_content) if by_content is not None else None
            min_chars = list(min_chars)
        else:
            by_content, min_chars = measure_columns(header_rows + body_rows, ncols)
        if "colwidths-given" not in node.get("classes", []):
            widths = by_content or widths
        # Wide tables (the overview of maatregelen) in 8 pt, so words need not break.
        small = ncols >= 7
        if small:
            self.run_props.append({"sz": "16"})
        char_twips = CHAR_TWIPS * (8 if small else 9) // 9
        needed = sum(CELL_PADDING + char_twips * c for c in min_chars)
        width = None
        start = len(self.body)
        if (
            len(self.containers) == 1
            and self.ctx.landscape_width
            and needed > self.ctx.text_width // 635
        ):
            # Too wide for a portrait page without breaking words: a landscape page.
            width = self.ctx.landscape_width
        caption = node.get("_kb_caption") or f"Tabel – {self.last_heading_text}".rstrip(" –")
        table = self.start_table(widths, min_chars, small=small, width=width, caption=caption)
        pending: dict[int, int] = {}  # column -> rows still covered by a morerows span
        for is_header, rows in ((True, header_rows), (False, body_rows)):
            for row in rows:
                tr = self.start_row(table, is_header)
                col = 0
                entries = [e for e in row.children if isinstance(e, nodes.entry)]
                cells: list[nodes.entry | None] = []
                for entry in entries:
                    while pending.get(col):
                        pending[col] -= 1
                        cells.append(None)
                        col += 1
                    cells.append(entry)
                    span = int(entry.get("morecols", 0))
                    if entry.get("morerows"):
                        for c in range(col, col + span + 1):
                            pending[c] = int(entry["morerows"])
                    cells.extend([None] * span)
                    col += span + 1
                while col < ncols:
                    if pending.get(col):
                        pending[col] -= 1
                    cells.append(None)
                    col += 1
                if len(cells) > ncols:
                    self.warn_once(
                        "table-cols",
                        "Een tabelrij heeft meer cellen dan de tabel kolommen heeft; de "
                        "extra tekst staat in de laatste cel.",
                        node,
                    )
                    extra = cells[ncols - 1 :]
                    cells = cells[: ncols - 1] + [None]
                    self.cell(tr, widths[-1], [e for e in extra if e is not None])
                    for index, content in enumerate(cells[:-1]):
                        self.cell(tr, widths[index], [content] if content is not None else [])
                    continue
                for index, content in enumerate(cells):
                    self.cell(tr, widths[index], [content] if content is not None else [])
        self.end_table(table)
        if width is not None:
            self.wide_tables.append((start, len(self.body)))
        if small:
            self.run_props.pop()

    def _same_kind_rows(self) -> dict[tuple[Any, ...], list[nodes.row]]:
        """Per kind of table (its column headers) the rows of every table of that kind in
        the document, header rows first; measured once."""
        found: dict[tuple[Any, ...], list[nodes.row]] | None = getattr(self, "_kb_kinds", None)
        if found is None:
            found = {}
            # Taken, not kept: the writer lets go of written parts of the tree (their
            # rows are measured now, only the first stays: ``measure_kinds``).
            tables = self.collected.pop(nodes.table, None)
            for table in self.document.findall(nodes.table) if tables is None else tables:
                for tgroup in table.children:
                    if not isinstance(tgroup, nodes.tgroup):
                        continue
                    ncols = int(tgroup.get("cols", 0) or 0)
                    head = _rows(tgroup, nodes.thead)
                    rows = _rows(tgroup, nodes.tbody)
                    key = _kind_key(head, ncols)
                    if key is None:
                        continue
                    known = found.setdefault(key, list(head))
                    known.extend(rows)
            self._kb_kinds = found
        return found

    def measure_kinds(self) -> None:
        """Measure every kind of table now, over the whole tree, before it is written: the
        builder lets go of each written part of the tree (builders/docx/stukken), so the
        rows are not kept for a measure taken later (one row stays: the kind is known)."""
        measured: dict[tuple[Any, ...], tuple[list[int] | None, list[int]]] = (
            self.__dict__.setdefault("_kb_kind_measures", {})
        )
        for key, rows in self._same_kind_rows().items():
            if key not in measured:
                measured[key] = measure_columns(rows, key[0])
            del rows[1:]

    def start_table(
        self,
        widths: list[int],
        min_chars: list[int] | None = None,
        *,
        small: bool = False,
        width: int | None = None,
        caption: str = "",
        spec: ColumnSpec | None = None,
    ) -> Any:
        """A new table; ``caption`` becomes its table caption (w:tblCaption), which a
        screen reader announces, whatever paragraph shows a caption above it. With ``spec``
        (the measured text of every table of its kind) the widths come from that."""
        self.end_para()
        target = self.containers[-1]
        if len(target) and target[-1].tag == qn("w:tbl"):
            # Two tables in a row would melt into one; Word separates them by a paragraph.
            self.container_append(el("w:p"))
        tbl = el("w:tbl")
        tblpr = el("w:tblPr")
        tblpr.append(el("w:tblStyle", val=self.ctx.style("Kernbeleid Tabel")))
        tblpr.append(el("w:tblW", w="5000", type="pct"))
        tblpr.append(el("w:tblLayout", type="fixed"))
        tblpr.append(
            el(
                "w:tblLook",
                val="04A0",
                firstRow="1",
                lastRow="0",
                firstColumn="0",
                lastColumn="0",
                noHBand="1",
                noVBand="1",
            )
        )
        if caption:
            tblpr.append(el("w:tblCaption", val=caption[:250]))
        tbl.append(tblpr)
        grid = el("w:tblGrid")
        twips = (width or self.ctx.text_width) // 635  # EMU -> twentieths of a point
        char_twips = CHAR_TWIPS * (8 if small else 9) // 9
        if spec is not None:
            self._col_twips = spec.twips(twips, char_twips)
        else:
            self._col_twips = fit_widths(widths, min_chars or [0] * len(widths), twips, char_twips)
        for w in self._col_twips:
            grid.append(el("w:gridCol", w=str(w)))
        tbl.append(grid)
        self.container_append(tbl)
        self._col_index = 0
        if self.link_stack:
            return tbl  # runs would go into the link: element by element
        return TableText(tbl)

    def _row_template(self, is_header: bool) -> Any:
        template = self._row_templates.get(is_header)
        if template is None:
            template = el("w:tr")
            trpr = sub_el(template, "w:trPr")
            sub_el(trpr, "w:cantSplit")
            if is_header:
                sub_el(trpr, "w:tblHeader")
            self._row_templates[is_header] = template
        return template

    def start_row(self, table: Any, is_header: bool) -> Any:
        """A new row; for a :class:`TableText` the table itself stands for its last row."""
        self._col_index = 0
        if table.__class__ is TableText:
            text = self._row_texts.get(is_header)
            if text is None:
                text = self._row_texts[is_header] = open_xml(self._row_template(is_header))
            table.open_row(text, is_header)
            return table
        tr = self._row_template(is_header).__copy__()
        table.append(tr)
        return tr

    def _cell_template(self, width: int) -> Any:
        template = self._cell_templates.get(width)
        if template is None:
            template = el("w:tc")
            sub_el(sub_el(template, "w:tcPr"), "w:tcW", w=str(width), type="dxa")
            self._cell_templates[width] = template
        return template

    def _new_cell(self, tr: Any) -> Any:
        """A w:tc element (in a :class:`TableText`, made for its hole in the text)."""
        width = self._col_twips[min(self._col_index, len(self._col_twips) - 1)]
        tc = self._cell_template(width).__copy__()
        if tr.__class__ is TableText:
            tr.hole(tc)
        else:
            tr.append(tc)
        self._col_index += 1
        return tc

    def _text_cell_open(self, table: TableText) -> None:
        """The opening of the next cell (its w:tcPr) as text."""
        width = self._col_twips[min(self._col_index, len(self._col_twips) - 1)]
        text = self._cell_texts.get(width)
        if text is None:
            text = self._cell_texts[width] = open_xml(self._cell_template(width))
        table.open_cell(text, width)
        self._col_index += 1

    def _para_text(self, style: str = "Tabeltekst") -> str:
        """The opening of a table text paragraph (as :meth:`new_para` makes it in a cell)."""
        text = self._para_texts.get(style)
        if text is None:
            text = self._para_texts[style] = open_xml(self._para_template(style))
        return text

    def tables_to_elements(self) -> None:
        """The tables still kept as text in the body become elements (with what the page
        rules changed in them), for what reads the finished body."""
        if not self.text_tables:
            return
        body = self.body
        for index, element in enumerate(body):
            kept = self.text_tables.pop(element, None)
            if kept is None:
                continue
            tbl = body[index] = kept.element(self.text_openings)
            if index >= self.paginated:
                self.row_heights[tbl] = kept.heights

    def _runs_text(self, table: TableText, text: str, extra: dict[str, Any] | None) -> None:
        """A run as :meth:`add_run` makes it, as text in ``table``'s open paragraph."""
        text = clean_text(text)
        if not text:
            return
        if self.run_props or extra:
            template = self._run_template(extra)
            start = self._run_texts.get(template)
            if start is None:
                start = self._run_texts[template] = open_xml(template)
        else:
            start = "<w:r>"
        parts = table.parts
        parts.append(start)
        if "-" in text:
            for index, piece in enumerate(NO_BREAK_HYPHEN.split(text)):
                if index:
                    parts.append("<w:noBreakHyphen/>")
                if piece:
                    parts.append(f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>')
                    table.counted(len(piece))
        else:
            parts.append(f'<w:t xml:space="preserve">{xml_text(text)}</w:t>')
            table.counted(len(text))
        parts.append("</w:r>")

    def cell(self, tr: Any, _width: int, content: list[nodes.Node] | None = None) -> Any:
        """A cell whose content is docutils nodes (or filled by the caller afterwards).

        In a :class:`TableText` a cell of plain text (or none) is written as text and
        None is returned."""
        pieces = _plain_text(content)
        # Each piece with where it links to (None: a text, or a link to elsewhere).
        linked = [(p, self.link_of(p[0]) if isinstance(p, tuple) else None) for p in pieces or ()]
        if (
            tr.__class__ is TableText
            and (pieces is not None or not content)
            and all(link is None or link[0] == "anchor" for _piece, link in linked)
        ):
            # Written as the walk writes it: a link to a place in the document as
            # visit_reference makes it, one whose target is elsewhere as its text only (a
            # web address needs a relationship: walked).
            self._text_cell_open(tr)
            parts = tr.parts
            tr.open_para(self._para_text())
            for piece, link in linked:
                if isinstance(piece, str):
                    self._runs_text(tr, piece, None)
                    continue
                if link is not None:
                    parts.append(f'<w:hyperlink w:anchor="{link[1]}" w:history="1">')
                for text in piece[1]:
                    self._runs_text(tr, text, _LINK_RUN if link is not None else None)
                if link is not None:
                    parts.append("</w:hyperlink>")
            parts.append("</w:p></w:tc>")
            return None
        tc = self._new_cell(tr)
        texts = [p for p in pieces or () if isinstance(p, str)]
        if pieces is not None and len(texts) == len(pieces):
            # One paragraph of plain text (most cells of the overview tables): written as
            # visit_paragraph and visit_Text would write it, without walking its nodes.
            saved = self._enter(tc, "Tabeltekst")
            try:
                self.new_para(self._list_continue_style())
                for text in texts:
                    self.add_run(text)
                self.end_para()
            finally:
                self._leave(saved)
        elif content:
            saved = self._enter(tc, "Tabeltekst")
            try:
                for entry in content:
                    for child in entry.children if isinstance(entry, nodes.entry) else [entry]:
                        self.walk(child)
                self.end_para()
            finally:
                self._leave(saved)
        last = tc[-1].tag
        if last != _P and (last == _TBL or tc.find(_P) is None):
            # A cell must end with a paragraph (also after a nested table).
            sub_el(sub_el(sub_el(tc, "w:p"), "w:pPr"), "w:pStyle", val=self.ctx.style("Tabeltekst"))
        return tc

    def text_cell(
        self,
        tr: Any,
        parts: list[tuple[str, dict[str, Any]]] | str,
        *,
        element: bool = False,
    ) -> Any:
        """A cell of runs ("\n" starts a new paragraph). In a :class:`TableText` it is
        written as text and None returned, unless the caller asks for the ``element``
        (to add to it)."""
        if tr.__class__ is TableText and not element:
            self._text_cell_open(tr)
            start = self._para_text()
            tr.open_para(start)
            for text, props in [(parts, {})] if isinstance(parts, str) else parts:
                if text == "\n":
                    tr.parts.append("</w:p>")
                    tr.open_para(start)
                    continue
                self._runs_text(tr, text, props)
            tr.parts.append("</w:p></w:tc>")
            return None
        tc = self._new_cell(tr)
        saved = self._enter(tc, "Tabeltekst")
        try:
            self.new_para()
            for text, props in [(parts, {})] if isinstance(parts, str) else parts:
                if text == "\n":
                    self.end_para()
                    self.new_para()
                    continue
                self.add_run(text, **props)
            self.end_para()
        finally:
            self._leave(saved)
        return tc

    def end_table(self, table: Any) -> None:
        if (
            table.__class__ is TableText
            and self.tables_as_text
            and not table.cells
            and self.containers[-1] is self.body
        ):
            # Its shell stays in the body; the rows stay text (:mod:`.table_as_text`).
            self.text_tables[table.element] = table.as_text()
        elif table.__class__ is TableText:
            # The parsed table takes the place of the w:tbl that held it (the last of
            # its container: what is written in the meantime goes into its cells).
            tbl = table.finish()
            target = self.containers[-1]
            if isinstance(target, list):
                index = len(target) - 1
                while target[index] is not table.element:
                    index -= 1
                target[index] = tbl
                if target is self.body:
                    self.row_heights[tbl] = table.heights
            else:
                target.replace(table.element, tbl)
        # A paragraph after a table keeps two tables apart; Word needs it in a cell too.
        self.para = None

    def visit_tgroup(self, node: nodes.Element) -> None:  # handled in visit_table
        raise nodes.SkipNode

    # ------------------------------------------------------------------ landscape pages
    def _leads_in(self, element: Any) -> bool:
        """A heading, caption or item line that belongs with the table below it."""
        if element.tag != qn("w:p"):
            return False
        ppr = element.find(qn("w:pPr"))
        if ppr is None:
            return False
        if ppr.find(qn("w:outlineLvl")) is not None:
            return True
        # Not any paragraph that keeps with the table (its lead-in text stays portrait).
        style = ppr.find(qn("w:pStyle"))
        lead_styles = {
            self.ctx.style(name)
            for name in (*(f"Heading {i}" for i in range(1, 10)), "Caption", "Kernbeleid Item")
        }
        return style is not None and style.get(qn("w:val")) in lead_styles

    def _landscape_sections(self) -> None:
        """Put each too-wide table (with its heading and caption) on landscape pages.

        Word ends a section at the paragraph whose w:pPr holds a w:sectPr; that sectPr
        describes the section it ends. The last section is the template's own sectPr.
        """
        if not self.wide_tables:
            return
        body = self.body
        ranges: list[list[int]] = []
        for start, end in self.wide_tables:
            while start > 0 and self._leads_in(body[start - 1]):
                start -= 1
            if ranges and all(self._leads_in(e) for e in body[ranges[-1][1] : start]):
                ranges[-1][1] = end  # only headings between two wide tables: one section
            else:
                ranges.append([start, end])
        final = self.ctx.document.sections[-1]._sectPr
        for number, (start, end) in reversed(list(enumerate(ranges))):
            if end < len(body):
                body.insert(end, section_break(landscape_sectpr(final)))
            else:
                self.ends_landscape = True
            if number == 0 and self.landscape_open:
                continue  # begun in a part finished earlier: its start is made
            portrait = copy.deepcopy(final)
            if number + self.landscape_done:  # only the first section holds the title page
                remove_children(portrait, "w:titlePg")
            before = body[start - 1] if start else None
            if (
                before is not None
                and before.tag == qn("w:p")
                and before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None
            ):
                if before.find(qn("w:pPr")) is None:
                    before.insert(0, el("w:pPr"))
                set_ppr(before.find(qn("w:pPr")), portrait)
            else:
                body.insert(start, section_break(portrait))
        self.sections_added = True
        self.landscape_done += len(ranges)
