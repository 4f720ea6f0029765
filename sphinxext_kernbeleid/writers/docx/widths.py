"""Column widths of Word tables: from the words in each column, never breaking a word.

Pure text arithmetic (no python-docx), shared by the generic tables and the Kernbeleid ones.
"""

from __future__ import annotations

import re

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
    text = NO_BREAK_HYPHEN.sub("\u2011", text.replace("€ ", "€\u00a0"))
    # Digits are wider than the average letter: "€ 9.000" needs one character more.
    longest = max((len(w) + any(map(str.isdigit, w)) for w in _BREAKS.split(text)), default=0)
    if bold:
        longest = int(longest * BOLD_FACTOR + 0.999)
    return min(longest, MAX_WORD)


def column_words(columns: list[list[str]], bold: list[bool] | None = None) -> list[int]:
    """Per column the longest word of its texts: a column narrower than that breaks words.

    The first text of each column is its (bold) header; ``bold`` marks columns whose
    texts are all bold (an item's title).
    """
    out = []
    for index, texts in enumerate(columns):
        all_bold = bool(bold and bold[index])
        out.append(
            max(
                (word_length(text, bold=all_bold or not n) for n, text in enumerate(texts)),
                default=0,
            )
        )
    return out


def measure_columns(rows: list[nodes.row], ncols: int) -> tuple[list[int] | None, list[int]]:
    """Per column, from one reading of each cell's text: the relative width from the amount
    of text (as a browser would; None for an empty table) and the longest word (the first
    row is the bold header row; words in bold, ``strong``, count as wider)."""
    amount = [0] * ncols
    longest = [0] * ncols
    for number, row in enumerate(rows):
        entries = [e for e in row.children if isinstance(e, nodes.entry)][:ncols]
        for index, entry in enumerate(entries):
            text = entry.astext()
            amount[index] += len(text)
            strong = " ".join(n.astext() for n in entry.findall(nodes.strong))
            longest[index] = max(
                longest[index],
                word_length(text, bold=not number),
                word_length(strong, bold=True),
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
