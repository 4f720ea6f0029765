"""Column widths of Word tables: from the words in each column, never breaking a word.

Pure text arithmetic (no python-docx), shared by the generic tables and the Kernbeleid ones.
"""

from __future__ import annotations

import re

from docutils import nodes

#: Twips one character of table text (Arial 9 pt) takes, on average, and cell padding.
CHAR_TWIPS = 95

CELL_PADDING = 180


def row_cells(row: nodes.row) -> list[str]:
    return [e.astext() for e in row.children if isinstance(e, nodes.entry)]


#: Longer words may break: a column is never made wider than this many characters for one.
MAX_WORD = 22

_BREAKS = re.compile(r"(?<=-)|[ \t\r\n]+")  # not \s: a no-break space holds


def word_length(text: str) -> int:
    """The longest piece of ``text`` Word keeps on one line (it breaks at spaces and after
    a hyphen; "€ 30.000" has a no-break space), capped at :data:`MAX_WORD`."""
    text = text.replace("€ ", "€\u00a0")
    # Digits are wider than the average letter: "€ 9.000" needs one character more.
    return min(
        max((len(w) + any(map(str.isdigit, w)) for w in _BREAKS.split(text)), default=0),
        MAX_WORD,
    )


def column_words(columns: list[list[str]]) -> list[int]:
    """Per column the longest word of its texts: a column narrower than that breaks words."""
    return [max((word_length(text) for text in texts), default=0) for texts in columns]


def longest_words(rows: list[nodes.row], ncols: int) -> list[int]:
    columns: list[list[str]] = [[] for _ in range(ncols)]
    for row in rows:
        for index, text in enumerate(row_cells(row)[:ncols]):
            columns[index].append(text)
    return column_words(columns)


def content_widths(rows: list[nodes.row], ncols: int) -> list[int] | None:
    """Relative widths from the amount of text per column (as a browser would)."""
    amount = [0] * ncols
    for row in rows:
        for index, text in enumerate(row_cells(row)[:ncols]):
            amount[index] += len(text)
    if not any(amount):
        return None
    return [max(1, int(a**0.5 * 10)) for a in amount]


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
