"""Column widths of Word tables: from the words in each column, never breaking a word.

Pure text arithmetic (no python-docx), shared by the generic tables and the Kernbeleid ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes

#: Twips one character of table text (Arial 9 pt) takes, on average, and cell padding.
CHAR_TWIPS = 95

CELL_PADDING = 180


#: Longer words may break: a column is never made wider than this many characters for one.
MAX_WORD = 22

#: Hyphens the writer makes non-breaking (w:noBreakHyphen): in a period "2026-2029" and a
#: quarter "2026-Q4", so "2026-" never ends a line with "Q4" on the next.
NO_BREAK_HYPHEN = re.compile(r"(?<=\d)-(?=\d|Q\d)|(?<=Q\d)-(?=\d)")

_BREAKS = re.compile(r"(?<=-)|[ \t\r\n]+")  # not \s: a no-break space holds

#: Bold text is about this much wider than regular text of the same size.
BOLD_FACTOR = 1.12


def word_length(text: str, *, bold: bool = False) -> int:
    """The longest piece of ``text`` Word keeps on one line (it breaks at spaces and after
    a hyphen, not at a non-breaking one; "€ 30.000" has a no-break space), capped at
    :data:`MAX_WORD` (longer words break, with a hyphen: the documents hyphenate Dutch)."""
    if "-" in text:
        text = NO_BREAK_HYPHEN.sub("\u2011", text)
    # Digits are wider than the average letter: "€ 9.000" needs one character more.
    longest = 0
    for word in _BREAKS.split(text.replace("€ ", "€\u00a0")):
        length = len(word)
        if length >= longest:  # only a word that can be the longest is looked at closer
            length += any(map(str.isdigit, word))
            if length > longest:
                longest = length
                if longest >= MAX_WORD:
                    break  # capped: no word can count for more
    if bold:
        longest = int(longest * BOLD_FACTOR + 0.999)
    return min(longest, MAX_WORD)


#: A piece of a cell of plain text: a text, or a link (the reference and its texts).
Piece = str | tuple[nodes.reference, list[str]]


def plain_texts(children: list[nodes.Node]) -> list[str] | None:
    """The texts of ``children`` when they are all plain text (docutils' escapes undone,
    as ``astext`` gives them), else None: what the writers may write without walking."""
    if any(child.__class__ is not nodes.Text for child in children):
        return None
    return [_text(child) for child in children]


def _text(node: nodes.Node) -> str:
    """A Text node's text; astext() undoes docutils' null-escapes, most text has none."""
    text = str(node)
    return node.astext() if "\x00" in text else text


def plain_pieces(entry: nodes.Node) -> list[Piece] | None:
    """The pieces of a table entry holding one paragraph (no classes) of plain text and
    links of plain text (the first cell of an overview row: the maatregel), else None."""
    if entry.__class__ is not nodes.entry or len(entry.children) != 1:
        return None
    para = entry.children[0]
    if para.__class__ is not nodes.paragraph or para["classes"]:
        return None
    pieces: list[Piece] = []
    for child in para.children:
        if child.__class__ is nodes.Text:
            pieces.append(_text(child))
        elif child.__class__ is nodes.reference:
            texts = plain_texts(child.children)
            if texts is None:
                return None
            pieces.append((child, texts))
        else:
            return None
    return pieces


def _text_and_strong(entry: nodes.Element) -> tuple[str, str]:
    """An entry's text and the text of its ``strong`` parts (space-separated; a word's
    length is all that is read from it, so their order does not matter)."""
    pieces = plain_pieces(entry)
    if pieces is not None:  # no strong parts: the text only, without walking the entry
        return "".join(p if isinstance(p, str) else "".join(p[1]) for p in pieces), ""
    strong: list[str] = []
    stack = list(entry.children)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.strong):
            strong.append(node.astext())
        elif isinstance(node, nodes.Element):
            stack.extend(node.children)
    return entry.astext(), " ".join(strong)


def measure_columns(rows: list[nodes.row], ncols: int) -> tuple[list[int] | None, list[int]]:
    """Per column, from one reading of each cell's text: the relative width from the amount
    of text (as a browser would; None for an empty table) and the longest word (the first
    row is the bold header row; words in bold, ``strong``, count as wider)."""
    amount = [0] * ncols
    longest = [0] * ncols
    for number, row in enumerate(rows):
        entries = [e for e in row.children if isinstance(e, nodes.entry)][:ncols]
        for index, entry in enumerate(entries):
            text, strong = _text_and_strong(entry)
            amount[index] += len(text)
            known = longest[index]
            # No word of a text is longer than the text (one more for a digit), and none
            # counts for more than MAX_WORD: a text that cannot beat the column's longest
            # word so far, in regular type, is not split into words.
            if known >= MAX_WORD or (number and not strong and len(text) + 1 <= known):
                continue
            longest[index] = max(
                known,
                word_length(text, bold=not number),
                word_length(strong, bold=True) if strong else 0,
            )
    widths = [max(1, int(a**0.5 * 10)) for a in amount] if any(amount) else None
    return widths, longest


def fit_widths(
    relative: list[int], min_chars: list[int], total: int, char_twips: int = CHAR_TWIPS
) -> list[int]:
    """Column widths in twips: proportional, but never narrower than the longest word.

    When the longest words do not all fit, the longest of them give way first (they break),
    so a short header or an amount ("Planning", "€ 6.000") never does.
    """
    chars = list(min_chars)
    while sum(CELL_PADDING + char_twips * c for c in chars) > total and chars and max(chars) > 8:
        chars[chars.index(max(chars))] -= 1
    minimum = [CELL_PADDING + char_twips * c for c in chars]
    if sum(minimum) >= total:
        return [max(200, int(total * m / sum(minimum))) for m in minimum]
    share = sum(relative) or 1
    widths = [max(m, int(total * r / share)) for m, r in zip(minimum, relative, strict=True)]
    for _ in range(len(widths)):
        excess = sum(widths) - total
        if excess <= 0:
            break
        slack = [w - m for w, m in zip(widths, minimum, strict=True)]
        room = sum(slack) or 1
        widths = [
            w - int(excess * s / room + 0.999) if s > 0 else w
            for w, s in zip(widths, slack, strict=True)
        ]
        widths = [max(m, w) for m, w in zip(minimum, widths, strict=True)]
    return widths


#: A word of letters longer than this may break in a body cell (with a hyphen: the documents
#: hyphenate Dutch); header words, amounts, dates and periods never break.
SOFT_WORD = 12

_LETTERS = re.compile(r"^[(\"']?[^\W\d_]+[-;,.:!?)\"']*$", re.UNICODE)


def _pieces(text: str) -> list[str]:
    text = text.replace("€ ", "€\u00a0")
    if "-" in text:
        text = NO_BREAK_HYPHEN.sub("\u2011", text)
    return [w for w in _BREAKS.split(text) if w]


def _chars(word: str, bold: bool) -> int:
    length = len(word) + any(map(str.isdigit, word))
    return int(length * BOLD_FACTOR + 0.999) if bold else length


@dataclass
class ColumnSpec:
    """The text of one kind of table's columns, measured once over every table of that kind
    in the document, so each table of the kind gets the same widths (from content).

    Per column: ``minimum`` the characters the longest unbreakable piece needs (a header
    word whole, never hyphenated; an amount or period whole; a long word of letters only
    :data:`SOFT_WORD`, as it may hyphenate), ``longest`` the longest line it ever holds,
    and ``weight`` the text it holds per row on average: the column with the most text (the
    description) gets the most room, a column of short values (budget, planning) no more
    than its longest line needs.
    """

    minimum: list[int]
    longest: list[int]
    weight: list[float]

    def twips(self, total: int, char_twips: int = CHAR_TWIPS) -> list[int]:
        """Column widths in twips that add up to ``total``."""
        n = len(self.minimum)
        low = [CELL_PADDING + char_twips * c for c in self.minimum]
        high = [
            max(h, CELL_PADDING + char_twips * c) for h, c in zip(low, self.longest, strict=True)
        ]
        if sum(low) >= total:  # too narrow even for the minimum: share it out by need
            return [max(200, total * m // sum(low)) for m in low]
        weight = [max(w, 1.0) for w in self.weight]
        fixed: dict[int, int] = {}
        for _ in range(n):
            free = [i for i in range(n) if i not in fixed]
            rest = total - sum(fixed.values())
            share = sum(weight[i] for i in free)
            targets = {i: rest * weight[i] / share for i in free}
            # A column below its minimum takes its minimum first; then one above its
            # longest line gives the room back.
            under = [i for i in free if targets[i] < low[i]]
            over = [i for i in free if targets[i] > high[i]]
            if under:
                fixed.update({i: low[i] for i in under})
            elif over and len(over) < len(free):
                fixed.update({i: high[i] for i in over})
            else:
                fixed.update({i: int(targets[i]) for i in free})
                break
            if len(fixed) == n:
                break
        widths = [fixed[i] for i in range(n)]
        # What rounding or capping left over goes to the column with the most text.
        widths[weight.index(max(weight))] += total - sum(widths)
        return widths


def column_spec(columns: list[list[str]], bold: list[bool] | None = None) -> ColumnSpec:
    """Measure ``columns`` (per column: its header, then the text of each cell; a cell's
    paragraphs separated by newlines). ``bold`` marks columns whose first line is bold."""
    minimum, longest, weight = [], [], []
    for index, (header, *cells) in enumerate(columns):
        strong = bool(bold and bold[index])
        need = max((_chars(w, True) for w in _pieces(header)), default=0)
        line = max((len(p) for p in header.split("\n")), default=0)
        for cell in cells:
            for number, paragraph in enumerate(cell.split("\n")):
                line = max(
                    line, int(len(paragraph) * (BOLD_FACTOR if strong and not number else 1))
                )
                bold_line = strong and not number
                # No word of it can need more than ``need`` (the test below, for its whole
                # length): not split into words at all.
                if (len(paragraph) + 1) * (BOLD_FACTOR if bold_line else 1) + 1 <= need:
                    continue
                for word in _pieces(paragraph):
                    # Only a word that can need more than ``need`` is measured closer.
                    if (len(word) + 1) * (BOLD_FACTOR if bold_line else 1) + 1 <= need:
                        continue
                    chars = _chars(word, bold_line)
                    if chars > need and (chars <= SOFT_WORD or not _LETTERS.match(word)):
                        need = chars
                    elif chars > need:
                        need = max(need, SOFT_WORD)
        minimum.append(need)
        longest.append(line)
        weight.append(sum(len(c) for c in cells) / max(len(cells), 1))
    return ColumnSpec(minimum, longest, weight)
