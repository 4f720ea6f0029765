"""PDF and ODT from the DOCX with LibreOffice, and the TOC page numbers read back from the PDF.

Loaded only for a Word build that asks for PDF or ODT.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)


_OUTLINE_ITEM = re.compile(r'<item page="(\d+)">(.*?)</item>', re.S)


def _key(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u2019", "'").split())


def _in_order(title: str, shown: str) -> bool:
    """``shown`` is ``title`` with some removed words put in (a heading with tracked
    changes): the title's characters in order, interrupted a few times at most."""
    if len(title) < 8 or len(shown) <= len(title):
        return False
    matched, gaps, inside = 0, 0, True
    for char in shown:
        if matched < len(title) and char == title[matched]:
            matched += 1
            inside = True
        elif inside:
            gaps += 1
            inside = False
    return matched == len(title) and gaps <= len(title.split()) + 2


def outline_pages(pdf: Path) -> list[tuple[str, int]] | None:
    """The PDF's bookmarks (LibreOffice makes one per heading) with their pages, in order.

    Read with poppler's pdftohtml; None when it is missing or the PDF has no outline.
    """
    pdftohtml = shutil.which("pdftohtml")
    if pdftohtml is None:
        return None
    try:
        xml = subprocess.run(
            [pdftohtml, "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(pdf)],
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    items = [(_key(text), int(page)) for page, text in _OUTLINE_ITEM.findall(xml)]
    return items or None


def toc_page_numbers(pdf: Path, titles: list[str]) -> list[int] | None:
    """Pages of the headings in a PDF: from its bookmarks, which point at the headings
    themselves (not at the first place their text occurs, e.g. a table cell); else
    read with pdftotext. None when neither works.
    """
    outline = outline_pages(pdf)
    if outline is not None:
        found: list[int] = []
        position = 0
        entries = [entry for entry, _page in outline]
        for title in titles:
            key = _key(title)
            try:
                position = entries.index(key, position)
            except ValueError:  # a heading with tracked changes reads its removed words too
                position = next(
                    (n for n in range(position, len(entries)) if _in_order(key, entries[n])),
                    len(entries),
                )
            if position == len(outline):
                break
            found.append(outline[position][1])
            position += 1
        else:
            return found
    return _text_page_numbers(pdf, titles)


def _text_page_numbers(pdf: Path, titles: list[str]) -> list[int] | None:
    """Pages of the headings in a PDF, read with pdftotext (None when unavailable).

    The TOC lists every heading first, in order; the body repeats them in the same order
    after it, so the second ordered pass over the pages finds the body's pages.
    """
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None or not titles:
        return None
    try:
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    pages = [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for page in text.split("\f")
    ]

    def starts(line: str, title: str) -> bool:
        head = " ".join(title.split())[:40]
        return line.startswith(head) or (len(line) > 12 and head.startswith(line))

    def ordered(start_page: int) -> list[int] | None:
        found, page = [], start_page
        for title in titles:
            while page < len(pages) and not any(starts(line, title) for line in pages[page]):
                page += 1
            if page >= len(pages):
                return None
            found.append(page)
        return found

    in_toc = ordered(0)
    if in_toc is None:
        return None
    in_body = ordered(in_toc[-1] + 1)
    return [page + 1 for page in in_body] if in_body else None


def convert_with_soffice(soffice: str, source: Path, fmt: str) -> bool:
    """DOCX -> tagged PDF (PDF/UA) or ODT with LibreOffice, headless, own profile."""
    filters = {
        "pdf": 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
        '"PDFUACompliance":{"type":"boolean","value":"true"},'
        '"ExportBookmarks":{"type":"boolean","value":"true"}}',
        "odt": "odt",
    }
    with tempfile.TemporaryDirectory(prefix="kb-soffice-") as profile:
        result: subprocess.CompletedProcess[str] | None = None
        try:
            completed = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--convert-to",
                    filters[fmt],
                    "--outdir",
                    str(source.parent),
                    str(source),
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            detail = str(err)
        else:
            result = completed
            detail = (completed.stderr or completed.stdout).strip()
    produced = source.with_suffix(f".{fmt}")
    if result is None or result.returncode != 0 or not produced.is_file():
        logger.warning(
            f"{fmt.upper()} van '{source.name}' niet gemaakt door LibreOffice: "
            f"{detail or 'onbekende fout'}. Het DOCX-bestand is wel gemaakt.",
            type="kernbeleid",
            subtype="docx",
        )
        return False
    return True


#: Text this close (pdftohtml pixels) to the page's top or bottom edge is header or footer.
_MARGIN = 80
_TEXT = re.compile(
    r'<text top="(\d+)" left="\d+" width="\d+" height="(\d+)" font="(\d+)">(.*?)</text>'
)
_FONT = re.compile(r'<fontspec id="(\d+)" size="(\d+)"')
_PAGE = re.compile(r'<page number="\d+"[^>]*height="(\d+)"')


def headings_at_page_foot(pdf: Path, last: int = 3) -> list[str] | None:
    """The first lines of headings LibreOffice left among the last ``last`` lines of a full
    page (a heading is a bold line larger than the body text), in page order.

    LibreOffice lays out with the same keepNext as Word, but in a long document it gives a
    keep up now and then (and never keeps a paragraph that follows a table). None when
    poppler's pdftohtml is missing.
    """
    pdftohtml = shutil.which("pdftohtml")
    if pdftohtml is None:
        return None
    try:
        xml = subprocess.run(
            [pdftohtml, "-xml", "-i", "-q", "-stdout", str(pdf)],
            capture_output=True,
            text=True,
            timeout=300,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    fonts = {fid: int(size) for fid, size in _FONT.findall(xml)}
    pages = xml.split("<page ")[1:]
    found: list[str] = []
    sizes: dict[int, int] = {}
    for page in pages:
        for _top, size, _bold, text in _lines(page, fonts):
            sizes[size] = sizes.get(size, 0) + len(text)
    body = max(sizes, key=lambda s: sizes[s]) if sizes else 0  # the whole document's
    for page, following in zip(pages, [*pages[1:], ""], strict=True):
        lines = _lines(page, fonts)
        if not lines:
            continue
        height_match = _PAGE.search("<page " + page)
        height = int(height_match.group(1)) if height_match else 0
        if not following or lines[-1][0] < height * 0.85:
            continue  # the last page, or a page that ends early (a chapter's end)
        next_lines = _lines(following, fonts)
        section_ends = bool(next_lines) and next_lines[0][2] and next_lines[0][1] > body
        for line in lines[-last:]:
            _top, size, bold, text = line
            if bold and size > body and not (section_ends and line is not lines[-1]):
                found.append(text)
    return found


def _lines(page: str, fonts: dict[str, int]) -> list[tuple[int, int, bool, str]]:
    """(top, largest font size, all bold, text) per line of a page's body, top to bottom."""
    height_match = _PAGE.search("<page " + page)
    height = int(height_match.group(1)) if height_match else 0
    lines: list[list[Any]] = []
    for top_s, h_s, font, raw in _TEXT.findall(page):
        top, h = int(top_s), int(h_s)
        text = _key(raw)
        if not text or top < _MARGIN or top + h > height - _MARGIN:
            continue
        bold = "<b>" in raw
        line = next((li for li in lines if abs(li[0] - top) <= 4), None)
        if line is None:
            lines.append([top, fonts.get(font, 0), bold, text])
        else:
            line[1] = max(line[1], fonts.get(font, 0))
            line[2] = line[2] and bold
            line[3] = f"{line[3]} {text}"
    return [(li[0], li[1], li[2], li[3]) for li in sorted(lines, key=lambda li: li[0])]
