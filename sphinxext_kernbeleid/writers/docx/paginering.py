"""Page breaks a typesetter accepts, set on the finished body (Word and LibreOffice alike).

Both programs break pages themselves; the document can only say what belongs together
(``keepNext``: with the next paragraph; ``keepLines``: the paragraph whole; ``cantSplit``:
a table row whole). Too much kept together is as bad as too little: a unit longer than what
is left of a page moves whole and leaves the page nearly empty, or both programs give up on
the rule. So the rules here are measured, from an estimate of each block's lines:

* a heading (or an item's heading, a caption) keeps with at least three lines of what
  follows: a short paragraph moves with it whole, a list keeps its first items with it;
* a short table (up to a third of a page) stays whole and with the lines that lead into it;
  a longer one may break between rows, its header row repeated, and only its header row and
  first row stay with the lead-in;
* a table row stays whole unless it is itself longer than a third of a page;
* a heading right after a table keeps the table's last row with it: LibreOffice does not
  move a paragraph that follows a table for its own keepNext (Word does).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Protocol

from docx.oxml.ns import nsmap as NSMAP
from lxml import etree

from .ooxml import el, qn, set_ppr
from .widths import CHAR_TWIPS

#: Twips one character of body text (Arial 10 pt) takes, on average; table text (9 pt) is
#: measured as the column widths measure it (one owner: :data:`.widths.CHAR_TWIPS`).
BODY_CHAR = 100
TABLE_CHAR = CHAR_TWIPS
#: Twips of a cell's left and right margins.
CELL_MARGINS = 170
#: A table (or row) up to this many lines of table text is short: about a third of a page.
SHORT_TABLE = 22
#: A paragraph up to this many lines moves whole with the heading above it.
SHORT_PARAGRAPH = 8
#: Lines a heading keeps with it at least.
LINES_AFTER_HEADING = 3
#: Paragraphs above a table (back to a heading) that lead into it and stay with it.
KEEP_LEAD = 3


_PPR = qn("w:pPr")


def _ppr(p: Any) -> Any:
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = el("w:pPr")
        p.insert(0, ppr)
    return ppr


def _keep(p: Any, name: str) -> None:
    ppr = _ppr(p)
    if ppr.find(qn(f"w:{name}")) is None:
        set_ppr(ppr, el(f"w:{name}"))


def _has(p: Any, name: str) -> bool:
    ppr = p.find(_PPR)
    return ppr is not None and ppr.find(qn(f"w:{name}")) is not None


_T, _BR, _P, _TC, _W = qn("w:t"), qn("w:br"), qn("w:p"), qn("w:tc"), qn("w:w")
_HEADER_ROW = f"{qn('w:trPr')}/{qn('w:tblHeader')}"


def paragraph_lines(p: Any, width: int, char: int = BODY_CHAR) -> int:
    """About how many lines paragraph ``p`` takes in a column ``width`` twips wide."""
    per_line = max(10, width // char)
    length = breaks = 0
    for element in p.iter(_T, _BR):  # one pass for the text and the line breaks
        if element.tag == _T:
            length += len(element.text or "")
        else:
            breaks += 1
    return max(1, math.ceil(length / per_line)) + breaks


def chars_per_line(width: int) -> int:
    """Characters of table text a line of a cell ``width`` twips wide holds."""
    return max(10, max(width - CELL_MARGINS, 300) // TABLE_CHAR)


#: A cell without a width counts as this wide.
DEFAULT_CELL_WIDTH = 2000


def cell_paragraph_lines(length: int, per_line: int, breaks: int = 0) -> float:
    """Lines a cell's paragraph of ``length`` characters takes, with the space after it
    (as :func:`paragraph_lines` counts: at least one)."""
    return (-(-length // per_line) or 1) + breaks + 0.2


#: A cell's width, paragraphs, text and line breaks in document order, in one query: the
#: text comes as strings, without an element object made for each w:t.
_CELL_PARTS: Any = etree.XPath(
    "w:tcPr/w:tcW | .//w:p | .//w:t/text() | .//w:br",
    namespaces={"w": NSMAP["w"]},
    smart_strings=False,
)


def cell_lines(tc: Any) -> float:
    """Lines of table text a cell takes: the sum of its paragraphs' (those of a table in
    it counted at the cell's width)."""
    lines = 0.0
    per_line = chars_per_line(DEFAULT_CELL_WIDTH)
    length = breaks = 0
    in_para = False
    for part in _CELL_PARTS(tc):
        if type(part) is str:
            length += len(part)
            continue
        tag = part.tag
        if tag == _BR:
            breaks += 1
        elif tag == _P:
            if in_para:  # the paragraph before it is complete
                lines += cell_paragraph_lines(length, per_line, breaks)
            in_para = True
            length = breaks = 0
        else:  # the cell's w:tcW, before its paragraphs
            per_line = chars_per_line(int(part.get(_W, "0")))
    if in_para:
        lines += cell_paragraph_lines(length, per_line, breaks)
    return lines


#: What a row adds to its tallest cell: the cell margins.
ROW_MARGINS = 0.6


def row_lines(tr: Any) -> float:
    """Lines of table text a row takes: its tallest cell, plus the cell margins (each
    paragraph counted as :func:`paragraph_lines` counts it). A table written as text
    counts its rows as it writes them (:class:`.tables.TableText`): the same numbers."""
    return max((cell_lines(tc) for tc in tr.iterchildren(_TC)), default=0.0) + ROW_MARGINS


#: Paragraph styles that belong with what follows them: headings, captions, item lines.
LEAD_STYLE_NAMES = (
    *(f"Heading {i}" for i in range(1, 10)),
    "Caption",
    "Kernbeleid Item",
    "Kernbeleid Gegevens",
)


def lead_style_ids(styles: Mapping[str, str]) -> set[str]:
    """The ids of the document's styles in :data:`LEAD_STYLE_NAMES` (``styles``: name -> id)."""
    return {styles[name] for name in LEAD_STYLE_NAMES if name in styles}


def is_lead(element: Any, lead_styles: set[str]) -> bool:
    """A heading, item heading, item values line or caption: it belongs with what follows."""
    if element.tag != qn("w:p") or not _has(element, "keepNext"):
        return False
    ppr = element.find(qn("w:pPr"))
    if ppr.find(qn("w:sectPr")) is not None:
        return False
    if ppr.find(qn("w:outlineLvl")) is not None:
        return True
    style = ppr.find(qn("w:pStyle"))
    return style is not None and style.get(qn("w:val")) in lead_styles


def _is_list_item(p: Any) -> bool:
    return p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None


class RowsAsText(Protocol):
    """A table kept as text (:class:`.table_as_text.TableAsText`): what the rules here
    read of its rows and mark on them."""

    rows: list[str]
    header: list[bool]
    heights: list[float]

    def keep_with_next(self, row: int) -> None: ...

    def let_break(self, row: int) -> None: ...


def let_row_break(tr: Any) -> None:
    """Row ``tr`` may break across pages (its w:cantSplit goes)."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is not None:
        for cant in trpr.findall(qn("w:cantSplit")):
            trpr.remove(cant)


def keep_with_next(p: Any) -> None:
    """Paragraph ``p`` keeps with the next (w:keepNext)."""
    _keep(p, "keepNext")


def table_rows_kept(heights: list[float], header: list[bool]) -> tuple[list[int], list[int]]:
    """Which rows of a table may break (longer than a short table) and which keep with the
    next: every row but the last when the table is short (it stays whole), else its header
    rows (or its first row) only."""
    breaking = [row for row, height in enumerate(heights) if height > SHORT_TABLE]
    if sum(heights) <= SHORT_TABLE:
        kept = list(range(len(heights) - 1))
    else:
        kept = [row for row, is_header in enumerate(header) if is_header] or [0]
    return breaking, kept


def keep_table(
    body: list[Any],
    index: int,
    heights: list[float] | None = None,
    as_text: RowsAsText | None = None,
) -> None:
    """Keep the table at ``body[index]`` with its lead-in: whole when short, else by its
    header row and first row; rows whole unless one is longer than a short table
    (``heights``: its rows' lines as :func:`row_lines` counts them, when known;
    ``as_text``: the table is kept as text, ``body[index]`` its shell)."""
    table = body[index]
    if as_text is not None:
        if not as_text.rows:
            return
        breaking, kept = table_rows_kept(as_text.heights, as_text.header)
        for row in breaking:
            as_text.let_break(row)
        for row in kept:
            as_text.keep_with_next(row)
    else:
        rows = table.findall(qn("w:tr"))
        if not rows:
            return
        if heights is None or len(heights) != len(rows):
            heights = [row_lines(tr) for tr in rows]
        header = [tr.find(_HEADER_ROW) is not None for tr in rows]
        breaking, kept = table_rows_kept(heights, header)
        for row in breaking:  # a very long row may break, or it would leave a gap
            let_row_break(rows[row])
        for row in kept:
            for p in rows[row].iter(qn("w:p")):
                keep_with_next(p)
    position = index - 1
    for _ in range(KEEP_LEAD):
        if position < 0 or body[position].tag != qn("w:p"):
            return
        p = body[position]
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            return
        if _has(p, "keepNext"):
            return  # a heading or item line: it already keeps with what follows
        _keep(p, "keepNext")
        if paragraph_lines(p, 9000) <= SHORT_PARAGRAPH:
            _keep(p, "keepLines")
        position -= 1


def keep_headings_with_text(
    body: list[Any],
    width: int,
    lead_styles: set[str],
    text_tables: Mapping[Any, RowsAsText] | None = None,
) -> None:
    """A heading never ends a page with fewer than three lines under it: a short paragraph
    under it moves with it whole; a one- or two-line paragraph or list item also keeps with
    the next block, until three lines are together (``text_tables``: the tables kept as
    text, by their shells)."""
    for index, element in enumerate(body):
        if not is_lead(element, lead_styles):
            continue
        if index and body[index - 1].tag == qn("w:tbl"):
            # LibreOffice does not move a paragraph right after a table for its keepNext
            # (Word does): the table's last row keeps with it, in both.
            as_text = text_tables.get(body[index - 1]) if text_tables else None
            if as_text is not None:
                if as_text.rows:
                    as_text.keep_with_next(len(as_text.rows) - 1)
            else:
                rows = body[index - 1].findall(qn("w:tr"))
                for p in rows[-1].iter(qn("w:p")) if rows else ():
                    _keep(p, "keepNext")
        following = body[index + 1] if index + 1 < len(body) else None
        if following is None or following.tag != qn("w:p") or is_lead(following, lead_styles):
            continue  # a table keeps itself (keep_table); a lead keeps with its own text
        lines = 0
        position = index + 1
        while position < len(body) and lines < LINES_AFTER_HEADING:
            p = body[position]
            if p.tag != qn("w:p") or is_lead(p, lead_styles):
                break
            if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                break
            count = paragraph_lines(p, width - (357 if _is_list_item(p) else 0))
            if count <= SHORT_PARAGRAPH:
                _keep(p, "keepLines")
            lines += count
            if lines >= LINES_AFTER_HEADING or count > SHORT_PARAGRAPH:
                break
            following_p = body[position + 1] if position + 1 < len(body) else None
            if following_p is None or following_p.tag != qn("w:p"):
                break
            if is_lead(following_p, lead_styles):
                break  # the section ends here: its heading has all of it
            _keep(p, "keepNext")
            position += 1


def paginate(
    body: list[Any],
    text_width: int,
    lead_styles: set[str],
    done: int = 0,
    row_heights: dict[Any, list[float]] | None = None,
    text_tables: Mapping[Any, RowsAsText] | None = None,
) -> None:
    """All rules over the top level of the body (tables in cells keep themselves); the
    first ``done`` elements were paginated before (their own rules gave the same again).
    ``row_heights``: per table the lines of its rows, counted as it was written; taken
    out as each is used. ``text_tables``: the tables kept as text, by their shells."""
    for index, element in enumerate(body):
        if index >= done and element.tag == qn("w:tbl"):
            as_text = text_tables.get(element) if text_tables else None
            known = row_heights.pop(element, None) if row_heights else None
            keep_table(body, index, known, as_text)
    keep_headings_with_text(body, text_width, lead_styles, text_tables)
