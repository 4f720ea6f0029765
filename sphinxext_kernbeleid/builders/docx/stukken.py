"""A Word document written in parts (issue 25: memory of a large plan's Word build).

The assembled doctree of a large plan (10.000 maatregelen), the Word body made from it and,
at saving, that body as text were alive at once. The translator says when a part of the
tree (a section, an included document) is written into the body itself
(``DocxTranslator.part_done``). Then:

* that part of the tree is taken apart (:func:`...build.geheugen.release`, the one owner
  of that), so reference counting frees it while the rest is still being written;
* the body before the last finished part is finished as the whole body would be at the
  end (pagination, landscape sections, whole words in table headers, drawing ids,
  non-breaking hyphens, the accessibility check's findings: :class:`.a11y.PartsRecord`),
  written out as XML text and its elements dropped. When the document is saved that text
  goes into word/document.xml where one stand-in element (:data:`.a11y.PARTS_TAG`) is.
  Its tables of text cells were never elements: the body holds their shells, the rules
  change their text (writers/docx/table_as_text) and it takes the shell's place in the
  part's text (a table still in the body at the end becomes elements again).

A cut is made only where nothing after it changes what is before it: before a heading
that keeps with its text, after a table or a paragraph that is no heading, no lead-in of a
table and no section end. The element before the cut stays in the body (the heading's rule
keeps a table's last row with it; a landscape section starting at the cut ends in it); a
landscape section still open at the cut gets its start in the part, its end later.

What would read a written part of the tree later is taken before the walk: the column
widths per kind of table (measured over every table of the kind:
``TableWriting.measure_kinds``, ``kernbeleid.kind_spec``); footnotes (written where
referenced) and the overviews a later document shows again are kept whole. A document
that gets tracked changes (revisies) is compared as a whole: its body is not cut.

``IN_PARTS`` switches it off; the tests compare both (the same document, byte for byte).
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Any

from docutils import nodes
from docx.parts.document import DocumentPart
from lxml import etree

from ...build.geheugen import release
from ...render.overviews import kept_for_reuse
from ...writers.docx.kernbeleid import whole_words_in_table_headers
from ...writers.docx.ooxml import qn
from ...writers.docx.paginering import is_lead, lead_style_ids, paginate
from ...writers.docx.table_as_text import TableAsText
from . import a11y
from .package import keep_number_ranges_in, title_page_ids, title_page_paragraphs
from .template import WP_NS

#: Write the document in parts (False: the whole tree and body live until the end).
IN_PARTS = True

#: Elements the body holds at least before a part of it is finished (fewer, larger parts).
SMALLEST = 20

_P, _TBL, _PPR, _SECTPR = qn("w:p"), qn("w:tbl"), qn("w:pPr"), qn("w:sectPr")
_DOCPR = f"{{{WP_NS}}}docPr"
_DOCPR_ID = re.compile(rb'(<[A-Za-z0-9_]+:docPr id=")(\d+)(")')


class Parts:
    """One document's body written in parts: the finished parts as XML text."""

    def __init__(self, translator: Any, document: Any, keep: Set[int], cut: bool) -> None:
        self.translator = translator
        self.document = document
        self.keep = keep
        self.cut = cut
        self.released = 0
        self.pieces: list[bytes] = []
        self.drawings = 0
        self.lead_styles = lead_style_ids(translator.ctx.styles)
        self.title_ids = title_page_ids(document)
        ids = {style_id: name for name, style_id in a11y.style_ids(document).items()}
        self.record = a11y.PartsRecord(ids, a11y._bold_styles(document))
        root = document.element
        # A w:body under a root with the document's namespaces: the elements written out
        # here have the declarations they would have in the document itself.
        self._scratch = etree.Element(root.tag, nsmap=root.nsmap)
        self._body = etree.SubElement(self._scratch, qn("w:body"))

    # ------------------------------------------------------------------ during the walk
    def done(self, node: nodes.Element) -> None:
        """A part of the tree is written: let go of it, and finish the body before it."""
        ancestor: Any = node
        while ancestor is not None:
            if id(ancestor) in self.keep:
                return
            ancestor = ancestor.parent
        release(node, keep=self.keep)  # type: ignore[arg-type]
        self.released += 1
        if self.cut and len(self.translator.body) > SMALLEST:
            self._finish_before(self._cut())

    def _cut(self) -> int:
        """The latest place the body can be cut at (0: none)."""
        t = self.translator
        body = t.body
        heading = t.last_heading
        passed = heading is None
        if not t.seen_heading or t.para is not None:
            return 0
        for index in range(len(body) - 1, SMALLEST // 2, -1):
            element = body[index]
            if element is heading:
                passed = True
            if not passed or element.tag != _P or not is_lead(element, self.lead_styles):
                continue
            before = body[index - 1]
            if before.tag == _TBL or not (
                before.tag != _P
                or is_lead(before, self.lead_styles)
                or t._leads_in(before)
                or before.find(f"{_PPR}/{_SECTPR}") is not None
            ):
                return index
        return 0

    def _finish_before(self, cut: int) -> None:
        """Finish body[:cut] as the whole body is finished at the end, and write all of it
        but its last element out (that one stays: see the module's description)."""
        if not cut:
            return
        t = self.translator
        body = t.body
        piece = body[:cut]
        last = piece[-1]
        paginate(
            piece,
            t.ctx.text_width // 635,
            self.lead_styles,
            t.paginated,
            t.row_heights,
            t.text_tables,
        )
        # A landscape section still open at the cut (its last table right before it, or
        # more to come): its start is made now, its end later (``landscape_open``).
        tables = t.wide_tables
        wide = [(s, min(e, cut)) for s, e in tables if s < cut]
        shift = cut - 1
        if wide:
            ends, t.body, t.wide_tables = t.ends_landscape, piece, wide
            try:
                t._landscape_sections()
            finally:
                t.body, t.ends_landscape = body, ends
            t.landscape_open = wide[-1][1] == cut
        t.wide_tables = [(0, cut - shift) for _s, e in wide if e == cut] + [
            (s - shift, e - shift) for s, e in tables if s >= cut
        ]
        whole_words_in_table_headers(piece, t.text_tables)
        del body[: cut - 1]  # body[0] is now ``last``: it stays
        t.paginated = 1
        container = self._body
        # The tables kept as text (their shells among the elements), in order.
        as_text = [t.text_tables[e] for e in piece[:-1] if e in t.text_tables]
        for element in piece[:-1]:
            container.append(element)
        for doc_pr in container.iter(_DOCPR):
            doc_pr.set("id", str(1001 + self.drawings))
            self.drawings += 1
        keep_number_ranges_in(title_page_paragraphs(container, self.title_ids))
        # What follows the part, for the check's context: an element of the same kind (the
        # kept one itself would be moved in and out, all of it: a table of 1.000 rows).
        after = etree.SubElement(container, last.tag)
        self.record.add(container, before=after, as_text=t.text_tables)
        container.remove(after)
        # No Python object left for the elements written out: lxml frees them as they are,
        # instead of moving each one still referred to into a document of its own.
        piece.clear()
        text = etree.tostring(container, encoding="UTF-8")
        text = text[text.index(b">") + 1 : -len(b"</w:body>")]
        self.pieces.append(_with_tables(text, as_text, t.text_openings) if as_text else text)
        for table in as_text:
            del t.text_tables[table.shell]
        container.clear()

    # ------------------------------------------------------------------ saving
    def stand_in(self) -> list[Any]:
        """The element that stands in the body for the parts written out (none: nothing)."""
        if not self.pieces:
            return []
        return [_stand_in()]

    def saving(self, document: Any, offsets: list[int]) -> None:
        """From now on the document's XML text has the parts where the stand-in is."""
        if not self.pieces:
            return
        document.part.__class__ = _PartsDocumentPart
        document.part._kb_parts = (self.pieces, offsets)


class _PartsDocumentPart(DocumentPart):
    """The document part whose XML text has the parts written out earlier put in."""

    _kb_parts: tuple[list[bytes], list[int]]

    @property
    def blob(self) -> bytes:
        text = super().blob
        pieces, offsets = self._kb_parts
        stand_in = etree.tostring(_stand_in())
        out: list[bytes] = []
        start = 0
        for offset in offsets:
            at = text.index(stand_in, start)
            out.append(text[start:at])
            out += pieces if not offset else [_shift(piece, offset) for piece in pieces]
            start = at + len(stand_in)
        out.append(text[start:])
        return b"".join(out)


def _with_tables(
    text: bytes, tables: list[TableAsText], openings: dict[tuple[str, int], str]
) -> bytes:
    """The XML text of a part with each table kept as text in place of its shell (the
    shells are in it in the same order; a shell is a table without rows, written as
    nothing else is)."""
    out: list[bytes] = []
    start = 0
    for table in tables:
        shell = table.shell_xml().encode()
        at = text.index(shell, start)
        out.append(text[start:at])
        out.append(table.xml(openings).encode())
        start = at + len(shell)
    out.append(text[start:])
    return b"".join(out)


def _stand_in() -> Any:
    return etree.Element(a11y.PARTS_TAG, nsmap={"kbst": a11y.PARTS_NS})


def _shift(piece: bytes, offset: int) -> bytes:
    """The drawings' ids of a part moved by ``offset`` (the template has drawings before
    the body, or repeats it)."""
    return _DOCPR_ID.sub(lambda m: m[1] + str(int(m[2]) + offset).encode() + m[3], piece)


def start(translator: Any, document: Any, whole: bool) -> Parts | None:
    """Prepare ``translator`` to be walked in parts (``whole``: its body is not cut, only
    its tree let go of): what needs the whole tree is measured now."""
    if not IN_PARTS:
        return None
    from ...writers.docx.kernbeleid import kind_spec

    translator.measure_kinds()
    kind_spec(translator, "")  # every kind's widths, measured over the whole tree
    keep = kept_for_reuse() | {id(note) for note in translator.footnote_nodes.values()}
    parts = Parts(translator, document, keep, cut=not whole)
    translator.part_done = parts.done
    # Tables of text cells stay text until their part is written out (only when parts
    # are: a body written whole is read whole, as elements).
    translator.tables_as_text = not whole
    return parts
