"""Pages of a PDF as a typesetter reads them: the text lines of each page between header
and footer, which of them are headings, and the checks of issue 19 (a heading in the last
lines of a page; a page left nearly empty).

Read with poppler's ``pdftohtml -xml`` (positions, font sizes, bold), one page at a time.
Run it on a PDF to see the findings: ``python tests/pdf_pagina.py FILE.pdf``.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

#: Lines closer than this (in pdftohtml's pixels, 1.5 per point) are one line.
SAME_LINE = 4
#: Header and footer sit in the page margin: text this close to the top or bottom edge is
#: not page content (the templates' margins are 2.2 and 2.0 cm, 94 and 85 pixels).
MARGIN = 80


@dataclass
class Line:
    top: int
    texts: list[str] = field(default_factory=list)
    size: int = 0  # the largest font size on the line (pixels)
    bold: bool = False  # every piece of text on the line is bold

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


@dataclass
class Page:
    number: int
    lines: list[Line]
    body_size: int  # the most common font size: the body text's
    height: int = 0

    @property
    def full(self) -> bool:
        """The text runs to the foot of the page (a chapter's last page may end early)."""
        return bool(self.lines) and self.lines[-1].top > self.height * 0.85

    def heading(self, line: Line) -> bool:
        """A heading line: bold and larger than the body text (Kop 1-4, item headings)."""
        return line.bold and line.size > self.body_size


def pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ET.fromstring(xml)
    fonts: dict[str, int] = {}
    totals: dict[int, int] = {}
    out = []
    for page in root.iter("page"):
        for spec in page.iter("fontspec"):
            fonts[spec.get("id", "")] = int(spec.get("size", "0"))
        height = int(page.get("height", "0"))
        lines: list[Line] = []
        sizes: dict[int, int] = {}
        for text in page.iter("text"):
            top, h = int(text.get("top", "0")), int(text.get("height", "0"))
            content = "".join(text.itertext())
            if not content.strip() or top < MARGIN or top + h > height - MARGIN:
                continue
            size = fonts.get(text.get("font", ""), 0)
            sizes[size] = sizes.get(size, 0) + len(content)
            bold = text.find(".//b") is not None
            line = next((li for li in lines if abs(li.top - top) <= SAME_LINE), None)
            if line is None:
                line = Line(top, bold=bold)
                lines.append(line)
            line.texts.append(content)
            line.size = max(line.size, size)
            line.bold = line.bold and bold
        lines.sort(key=lambda li: li.top)
        for size, amount in sizes.items():
            totals[size] = totals.get(size, 0) + amount
        out.append(Page(int(page.get("number", "0")), lines, 0, height))
    # The body text's size: the most common of the whole document (a page of headings and
    # one-line notes would otherwise take its headings for body text).
    body = max(totals, key=lambda s: totals[s]) if totals else 0
    for found in out:
        found.body_size = body
    return out


def headings_at_page_foot(all_pages: list[Page], last: int = 3) -> list[str]:
    """Headings among the last ``last`` lines of a full page (the last page aside), unless
    the heading's section ends on that page (the next page opens with a heading)."""
    found = []
    for page, following in zip(all_pages, all_pages[1:], strict=False):
        if not page.full:
            continue
        section_ends = bool(following.lines) and following.heading(following.lines[0])
        for line in page.lines[-last:]:
            if page.heading(line) and not (section_ends and line is not page.lines[-1]):
                found.append(f"p. {page.number}: {line.text!r}")
    return found


def near_empty_pages(all_pages: list[Page], fewest: int = 6) -> list[str]:
    """Pages with fewer than ``fewest`` lines whose next page does not open a chapter.

    A chapter (Kop 1) starts on a new page, so the page before it may be short: that is
    the end of a chapter, not text pushed away. The title page and the last page aside.
    """
    found = []
    for page, following in zip(all_pages[1:], all_pages[2:], strict=False):
        if len(page.lines) >= fewest or not following.lines:
            continue
        opening = following.lines[0]
        sizes = [li.size for p in all_pages[1:] for li in p.lines if p.heading(li)]
        if following.heading(opening) and opening.size == max(sizes, default=0):
            continue  # a chapter starts on the next page
        found.append(f"p. {page.number}: {len(page.lines)} regels")
    return found


def main() -> None:
    for name in sys.argv[1:]:
        all_pages = pages(Path(name))
        print(f"{name}: {len(all_pages)} pagina's")
        for finding in headings_at_page_foot(all_pages):
            print(f"  kop onderaan {finding}")
        for finding in near_empty_pages(all_pages):
            print(f"  bijna leeg {finding}")


if __name__ == "__main__":
    main()
