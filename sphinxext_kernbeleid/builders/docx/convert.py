"""PDF and ODT from the DOCX with LibreOffice, and the TOC page numbers read back from the PDF.

Loaded only for a Word build that asks for PDF or ODT.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
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


#: LibreOffice's export filter per output format.
FILTERS = {
    "pdf": 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}',
    "odt": "odt",
}


class Soffice:
    """LibreOffice, headless, for one build: every document of a batch in one call (a start
    of LibreOffice costs about a second, more than converting a short document), the
    documents shared out over two LibreOffices at once on a machine with more than one
    core, each with its own user profile kept for the whole build."""

    def __init__(self, program: str) -> None:
        self.program = program
        self.workers = max(1, min(2, os.cpu_count() or 1))
        self._profiles = [
            tempfile.TemporaryDirectory(prefix="kb-soffice-") for _ in range(self.workers)
        ]

    def __enter__(self) -> Soffice:
        return self

    def __exit__(self, *_exc: object) -> None:
        for profile in self._profiles:
            profile.cleanup()

    def convert(self, sources: list[Path], fmt: str, outdir: Path) -> dict[Path, Path]:
        """Each source converted into ``outdir``: {source: what LibreOffice made}. One call
        per batch of distinct file names (LibreOffice names its output after the source)
        and worker; a document it could not convert gets a warning that names it."""
        made: dict[Path, Path] = {}
        batches: list[dict[str, Path]] = []
        for source in sources:
            batch = next((b for b in batches if source.stem not in b), None)
            if batch is None:
                batch = {}
                batches.append(batch)
            batch[source.stem] = source
        for number, batch in enumerate(batches):
            folder = outdir / str(number) if len(batches) > 1 else outdir
            folder.mkdir(parents=True, exist_ok=True)
            shares = _share(list(batch.values()), self.workers)
            with ThreadPoolExecutor(len(shares)) as pool:
                said = list(
                    pool.map(partial(self._run, fmt=fmt, outdir=folder), shares, self._profiles)
                )
            for share, detail in zip(shares, said, strict=True):
                for source in share:
                    produced = folder / f"{source.stem}.{fmt}"
                    if produced.is_file():
                        made[source] = produced
                        continue
                    logger.warning(
                        f"{fmt.upper()} van '{source.name}' niet gemaakt door LibreOffice: "
                        f"{detail or 'onbekende fout'}. Het DOCX-bestand is wel gemaakt.",
                        type="kernbeleid",
                        subtype="docx",
                    )
        return made

    def _run(
        self, sources: list[Path], profile: tempfile.TemporaryDirectory, *, fmt: str, outdir: Path
    ) -> str:
        """One LibreOffice call; what it said (its error, when a document is missing)."""
        try:
            completed = subprocess.run(
                [
                    self.program,
                    f"-env:UserInstallation={Path(profile.name).as_uri()}",
                    "--headless",
                    "--convert-to",
                    FILTERS[fmt],
                    "--outdir",
                    str(outdir),
                    *(str(source) for source in sources),
                ],
                capture_output=True,
                text=True,
                timeout=300 * len(sources),
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            return str(err)
        return (completed.stderr or completed.stdout).strip()


def _share(sources: list[Path], workers: int) -> list[list[Path]]:
    """The sources over at most ``workers`` calls, about equal in bytes (largest first to
    the lightest share); no empty share."""
    shares: list[list[Path]] = [[] for _ in range(min(workers, len(sources)))]
    weight = [0] * len(shares)
    for source in sorted(sources, key=lambda p: p.stat().st_size, reverse=True):
        lightest = weight.index(min(weight))
        shares[lightest].append(source)
        weight[lightest] += source.stat().st_size
    return shares


@dataclass
class Conversion:
    """A saved Word document that also goes out as PDF and/or ODT."""

    target: Path
    formats: list[str]
    #: The table of contents' entries, in order ([] without a TOC): their page numbers
    #: are read from the PDF and filled in (LibreOffice shows the TOC as written).
    titles: list[str] = field(default_factory=list)
    made: list[str] = field(default_factory=list)


def convert_documents(
    program: str,
    conversions: list[Conversion],
    write: Callable[[Path, Callable[[Path], None]], bool],
) -> None:
    """PDF and ODT of every document, in as few LibreOffice calls as possible.

    1. Every document to PDF in one call.
    2. Only a document whose PDF has a heading at a page foot (LibreOffice gives up a
       keepNext now and then, and never keeps a paragraph after a table) gets page breaks
       before those headings, in a copy for the PDF only, and is converted again (twice at
       most: a break moves what follows).
    3. The TOC's page numbers, read from the PDF, are filled in (in the Word document too;
       Word recomputes them anyway) and those documents are converted once more, together.

    ``write(path, writer)`` writes an output file (False when it could not); ``made`` of each
    conversion lists the formats written.
    """
    from docx import Document

    from .package import break_before_headings

    with Soffice(program) as soffice, tempfile.TemporaryDirectory(prefix="kb-pdf-") as tmp:
        work = Path(tmp)
        wanted = [c for c in conversions if "pdf" in c.formats]
        source = {c.target: c.target for c in wanted}  # what LibreOffice converts for the PDF
        made = soffice.convert([c.target for c in wanted], "pdf", work / "1")
        pdf = {c.target: made[c.target] for c in wanted if c.target in made}

        def copy_for_pdf(conversion: Conversion, document: Any) -> None:
            copy = work / "bron" / str(conversions.index(conversion)) / conversion.target.name
            copy.parent.mkdir(parents=True, exist_ok=True)
            document.save(str(copy))
            source[conversion.target] = copy

        for round_ in (2, 3):
            again = []
            for conversion in wanted:
                if conversion.target not in pdf:
                    continue
                found = headings_at_page_foot(pdf[conversion.target])
                if not found:
                    continue
                document = Document(str(source[conversion.target]))
                if break_before_headings(document, found):
                    copy_for_pdf(conversion, document)
                    again.append(conversion)
            if not again:
                break
            redone = soffice.convert([source[c.target] for c in again], "pdf", work / str(round_))
            for conversion in again:
                if source[conversion.target] in redone:
                    pdf[conversion.target] = redone[source[conversion.target]]
        numbered = []
        for conversion in wanted:
            if not conversion.titles or conversion.target not in pdf:
                continue
            numbers = toc_page_numbers(pdf[conversion.target], conversion.titles)
            if not numbers:
                continue
            for path in {conversion.target, source[conversion.target]}:
                document = Document(str(path))
                if not fill_toc_numbers(document, numbers):
                    break
                if path == conversion.target:
                    if not write(path, partial(_save, document)):
                        break
                else:
                    document.save(str(path))
            else:
                numbered.append(conversion)
        if numbered:
            redone = soffice.convert([source[c.target] for c in numbered], "pdf", work / "toc")
            for conversion in numbered:
                if source[conversion.target] in redone:
                    pdf[conversion.target] = redone[source[conversion.target]]
        results = {"pdf": (wanted, pdf)}
        others = [c for c in conversions if "odt" in c.formats]
        if others:  # the Word document as it is (no PDF-only page breaks)
            made = soffice.convert([c.target for c in others], "odt", work / "odt")
            results["odt"] = (
                others,
                {c.target: made[c.target] for c in others if c.target in made},
            )
        for fmt, (converted, produced) in results.items():
            for conversion in converted:
                if conversion.target in produced and write(
                    conversion.target.with_suffix(f".{fmt}"),
                    partial(shutil.copyfile, produced[conversion.target]),
                ):
                    conversion.made.append(fmt)


def _save(document: Any, path: Path) -> None:
    document.save(str(path))


def fill_toc_numbers(document: Any, numbers: list[int]) -> bool:
    """The page numbers into the TOC's PAGEREF fields (as ``package.fill_toc`` wrote them:
    one hyperlink per entry, its last text the field's result), in order. False when the
    document's TOC has another number of entries."""
    from docx.oxml.ns import qn

    slots = []
    for link in document.element.body.iter(qn("w:hyperlink")):
        if any("PAGEREF" in (i.text or "") for i in link.iter(qn("w:instrText"))):
            slots.append(list(link.iter(qn("w:t")))[-1])
    if len(slots) != len(numbers):
        return False
    for slot, number in zip(slots, numbers, strict=True):
        slot.text = str(number)
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
    pages = []  # (lines, height) per page, each page read once
    for page in xml.split("<page ")[1:]:
        height_match = _PAGE.search("<page " + page)
        height = int(height_match.group(1)) if height_match else 0
        pages.append((_lines(page, fonts, height), height))
    sizes: dict[int, int] = {}
    for lines, _height in pages:
        for _top, size, _bold, text in lines:
            sizes[size] = sizes.get(size, 0) + len(text)
    body = max(sizes, key=lambda s: sizes[s]) if sizes else 0  # the whole document's
    found: list[str] = []
    for (lines, height), (next_lines, _next) in zip(pages, pages[1:], strict=False):
        if not lines or lines[-1][0] < height * 0.85:
            continue  # a page that ends early (a chapter's end); the last page has no next
        section_ends = bool(next_lines) and next_lines[0][2] and next_lines[0][1] > body
        for line in lines[-last:]:
            _top, size, bold, text = line
            if bold and size > body and not (section_ends and line is not lines[-1]):
                found.append(text)
    return found


def _lines(page: str, fonts: dict[str, int], height: int) -> list[tuple[int, int, bool, str]]:
    """(top, largest font size, all bold, text) per line of a page's body, top to bottom."""
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
