"""A finished table kept as XML text until the part of the body it is in is written out.

A large plan's Word document is mostly tables of plain text (the overviews, the action
table): tens of megabytes of XML. Written as text (:class:`.tables.TableText`), parsed into
elements, changed in a few places by the page-break rules, moved into the part's container
and written out as text again, the round trip cost more than writing them. A table of
text cells only (no cell made as an element) written into the body itself therefore stays
text: the body holds its shell (the w:tbl with its w:tblPr and w:tblGrid, no rows), which
is all the rules around it look at (a table is there, what comes before and after), and
the rules that change the table's rows say so here (:meth:`keep_with_next`,
:meth:`let_break`, :meth:`whole_words_in_header`). The changes are made in the text the way
the element functions make them (the same functions, on one copy of each paragraph and
row opening), so the document is byte for byte the one made from elements.

The builder writes the text in place of the shell (builders/docx/stukken); a table still in
the body when the document ends becomes elements again (:meth:`element`).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from .ooxml import W_NS_DECL, el, open_xml, parse_xml, qn, set_ppr
from .paginering import keep_with_next, let_row_break

#: The opening of a paragraph of a text cell (its w:p and w:pPr) and of a row (its w:tr
#: and w:trPr), as :class:`.tables.TableText` writes them from the writer's templates.
_PARA_OPEN = re.compile(r"<w:p><w:pPr>.*?</w:pPr>|<w:p><w:pPr/>")
_ROW_OPEN = re.compile(r"<w:tr><w:trPr>.*?</w:trPr>|<w:tr><w:trPr/>")

_KEEP, _WHOLE = 1, 2


def _changed_opening(opening: str, closing: str, change: Any) -> str:
    """``opening`` (XML text of an element's start and first child) after ``change`` is
    applied to the element it opens: as the element functions would leave it."""
    element = parse_xml(opening.replace(">", W_NS_DECL + ">", 1) + closing)
    change(element)
    return open_xml(element)


def whole_words(p: Any) -> None:
    """Paragraph ``p`` is not hyphenated (w:suppressAutoHyphens): a column header."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        p.insert(0, ppr)
    set_ppr(ppr, el("w:suppressAutoHyphens"))


def _para_change(flags: int) -> Any:
    def change(p: Any) -> None:
        if flags & _KEEP:
            keep_with_next(p)
        if flags & _WHOLE:
            whole_words(p)

    return change


class TableAsText:
    """A finished table of text cells: its shell in the body, its rows as XML text."""

    __slots__ = ("shell", "head", "rows", "header", "heights", "_flags", "_breaks")

    def __init__(
        self, shell: Any, rows: list[str], header: list[bool], heights: list[float]
    ) -> None:
        self.shell = shell  # the w:tbl in the body: its w:tblPr and w:tblGrid, no rows
        # Its XML text, read while it is still an element of its own (in a part's
        # container lxml would write the container's namespace declarations on it).
        self.head = open_xml(shell)
        self.rows = rows  # each row's XML text, w:tr to /w:tr
        self.header = header  # per row: a header row (w:tblHeader)
        self.heights = heights  # per row its lines (paginering.row_lines)
        self._flags: dict[int, int] = {}  # row -> what its paragraphs get
        self._breaks: set[int] = set()  # rows that may break across pages

    def shell_xml(self) -> str:
        """The shell as XML text in the body: what the text of the whole table replaces."""
        return self.head + "</w:tbl>"

    # What the page-break rules change.
    def keep_with_next(self, row: int) -> None:
        """Every paragraph of ``row`` keeps with the next (w:keepNext)."""
        self._flags[row] = self._flags.get(row, 0) | _KEEP

    def let_break(self, row: int) -> None:
        """``row`` may break across pages (its w:cantSplit goes)."""
        self._breaks.add(row)

    def whole_words_in_header(self) -> None:
        """The header rows' paragraphs are not hyphenated (w:suppressAutoHyphens)."""
        for row, header in enumerate(self.header):
            if header:
                self._flags[row] = self._flags.get(row, 0) | _WHOLE

    # The text, changed.
    def xml(self, openings: dict[tuple[str, int], str]) -> str:
        """The whole table as XML text in the body (without the w: declaration).
        ``openings``: the changed openings made so far (kept per document)."""
        head = self.head
        if not self._flags and not self._breaks:
            return head + "".join(self.rows) + "</w:tbl>"
        out = [head]
        for index, row in enumerate(self.rows):
            if index in self._breaks:
                row = _ROW_OPEN.sub(lambda m: _changed(openings, m[0], -1), row, count=1)
            flags = self._flags.get(index, 0)
            if flags:
                row = _PARA_OPEN.sub(partial(_changed_match, openings, flags), row)
            out.append(row)
        out.append("</w:tbl>")
        return "".join(out)

    def element(self, openings: dict[tuple[str, int], str]) -> Any:
        """The table as elements, with the changes made so far."""
        return parse_xml(self.xml(openings).replace("<w:tbl>", f"<w:tbl{W_NS_DECL}>", 1))

    def sample(self) -> Any:
        """Its first two rows as elements, in a w:body of its own: what the accessibility
        check reads of a table (its first row's text, a header row when it has more)."""
        body = el("w:body")
        text = self.head + "".join(self.rows[:2]) + "</w:tbl>"
        body.append(parse_xml(text.replace("<w:tbl>", f"<w:tbl{W_NS_DECL}>", 1)))
        return body[0]


def _changed_match(openings: dict[tuple[str, int], str], flags: int, match: Any) -> str:
    return _changed(openings, match[0], flags)


def _changed(openings: dict[tuple[str, int], str], opening: str, flags: int) -> str:
    """``opening`` changed by ``flags`` (-1: a row that may break), made once."""
    key = (opening, flags)
    found = openings.get(key)
    if found is None:
        if flags == -1:
            found = _changed_opening(opening, "</w:tr>", let_row_break)
        else:
            found = _changed_opening(opening, "</w:p>", _para_change(flags))
        openings[key] = found
    return found
