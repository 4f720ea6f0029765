"""Accessibility check of a Word document (Digitoegankelijk / EN 301 549, office files).

Checks what a machine can check: a descriptive title and language nl-NL in the properties
and default style, real headings (heading style or outline level) without skipped levels,
no pseudo-headings (a short bold line that is not a heading), marked header rows, table
captions (w:tblCaption), no merged cells, alt text on every image, no empty paragraphs used
for spacing. The Word builder runs it on every document it writes.

Usage: ``python -m sphinxext_kernbeleid.builders.docx.a11y bestand.docx [...]`` (exit code 1 when
something is found).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document

from ...writers.docx.ooxml import qn, style_ids
from ...writers.docx.table_as_text import TableAsText

WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_HEADING = re.compile(r"^heading (\d)$", re.IGNORECASE)


#: The mark of a paragraph removed as a tracked revision (``writers/docx/revisies.py``).
_DELETED_MARK = f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}"


@dataclass(frozen=True)
class AccessibilityIssue:
    code: str
    message: str  # Dutch, says where and what to do

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


def _text(element) -> str:
    return "".join(
        "-" if t.tag == _NO_BREAK_HYPHEN else t.text or ""
        for t in element.iter(_T, _NO_BREAK_HYPHEN)
    )


#: Titles that say nothing on their own (WCAG 2.4.2): a document needs its plan's name too.
GENERIC_TITLES = {"bijlage", "bijlagen", "document", "inhoud", "rapport", "concept", "plan"}


def _check_title(title: str, terms: tuple[str, ...]) -> list[AccessibilityIssue]:
    title = title.strip()
    if not title:
        return [
            AccessibilityIssue(
                "titel", "De documenteigenschap Titel is leeg; vul de titel van het stuk in."
            )
        ]
    words = title.split()
    missing = [term for term in terms if term and term.lower() not in title.lower()]
    if len(words) < 3 or title.lower() in GENERIC_TITLES or missing:
        extra = f" (ontbreekt: {', '.join(missing)})" if missing else ""
        return [
            AccessibilityIssue(
                "titel",
                f"De documenteigenschap Titel '{title}' beschrijft het stuk niet{extra}; "
                "noem het plan, de gemeente en de periode (Bestand > Info > Titel).",
            )
        ]
    return []


def check(path: str | Path, *, title_terms: tuple[str, ...] = ()) -> list[AccessibilityIssue]:
    """All findings for one .docx file (empty list: nothing found).

    ``title_terms``: words the document title must contain (the builder passes the
    gemeente and the period).
    """
    return check_document(Document(str(path)), title_terms=title_terms)


def check_document(
    document, *, title_terms: tuple[str, ...] = (), parts: PartsRecord | None = None
) -> list[AccessibilityIssue]:
    """All findings for a python-docx ``Document``: the builder checks what it has just
    saved without reading the file back. ``parts``: what was found in the parts of the body
    finished earlier, which stand in the body as one :data:`PARTS_TAG` element."""
    findings: list[AccessibilityIssue] = []
    core = document.core_properties
    findings += _check_title(core.title or "", title_terms)
    if not (core.language or "").lower().startswith("nl"):
        findings.append(
            AccessibilityIssue(
                "taal",
                f"De taal in de documenteigenschappen is '{core.language or ''}', niet nl-NL.",
            )
        )
    findings += _check_default_language(document)
    # style id -> (lower-cased) name, from the writer's one style lookup
    styles = {style_id: name for name, style_id in style_ids(document).items()}
    body = document.element.body
    findings += _Paragraphs(styles, _bold_styles(document)).check(body, parts)
    findings += _check_tables(body, parts)
    findings += _check_images(document, parts)
    return findings


#: The element standing in the body for the parts finished (and written out) earlier.
PARTS_NS = "urn:kernbeleid:stukken"
PARTS_TAG = f"{{{PARTS_NS}}}stukken"


@dataclass
class PartsRecord:
    """What the check finds in parts of a body finished earlier, kept so that the check
    over the whole document (:func:`check_document` with ``parts``) says exactly what it
    would say with those parts still in it (builders/docx/stukken)."""

    styles: dict[str, str]
    bold_styles: set[str]
    #: Heading levels and texts, for the level check that runs over the whole document.
    headings: list[tuple[int, str]] = field(default_factory=list)
    pseudo: list[AccessibilityIssue] = field(default_factory=list)
    #: Per empty paragraph the text before it (None: none in these parts, say what was
    #: before them).
    empty: list[str | None] = field(default_factory=list)
    texts: int = 0
    #: Paragraphs with text, also in cells (counted as long as no heading was found).
    all_texts: int = 0
    last_text: str | None = None
    #: Per table with findings: its number among these parts' tables and its facts.
    tables: list[tuple[int, tuple]] = field(default_factory=list)
    table_count: int = 0
    images: list[str] = field(default_factory=list)  # names of pictures without alt text

    def add(self, body, before=None, as_text: Mapping[Any, TableAsText] | None = None) -> None:
        """Record the part now in ``body`` (a w:body holding it); ``before``: the element
        after it in the document, in ``body`` for context only. ``as_text``: tables kept
        as text, by their shells in ``body`` (writers/docx/table_as_text): their cells are
        text cells, never a heading, image or merged cell; what else is read of them is
        read from their text."""
        paragraphs = _PartParagraphs(self)
        for p in paragraphs.read(body):
            if p is before:
                break
            paragraphs.visit(p, body)
        if not self.headings:
            self.all_texts += sum(1 for p in body.iter(_P) if p is not before and _long(p))
            for table in body.iterchildren(_TBL):
                kept = as_text.get(table) if as_text else None
                if kept is not None:
                    self.all_texts += sum(1 for p in kept.element({}).iter(_P) if _long(p))
        for table in body.iter(_TBL):
            if table is before or (before is not None and before in table.iterancestors()):
                break  # the element after the part, and what is in it
            self.table_count += 1
            kept = as_text.get(table) if as_text else None
            facts = _table_facts(kept.sample() if kept is not None else table)
            if any(facts[1:]):
                self.tables.append((self.table_count, facts))
        for doc_pr in body.iter(WP_DOCPR):
            if _without_alt(doc_pr) and (before is None or before not in doc_pr.iterancestors()):
                self.images.append(doc_pr.get("name", "?"))


def _long(p) -> bool:
    return p.find(_DELETED_MARK) is None and len(_text(p).strip()) > 20


def _check_default_language(document) -> list[AccessibilityIssue]:
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    value = lang.get(qn("w:val")) if lang is not None else None
    if not value or not value.lower().startswith("nl"):
        return [
            AccessibilityIssue(
                "taal",
                f"De standaardtaal van de stijlen is '{value or 'niet ingesteld'}', niet nl-NL; "
                "een schermlezer spreekt de tekst dan verkeerd uit.",
            )
        ]
    return []


#: A document with more paragraphs than this needs headings to be navigable.
LONG_DOCUMENT = 10

_P, _PPR, _PSTYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_OUTLINE, _NUMPR, _SECTPR = qn("w:outlineLvl"), qn("w:numPr"), qn("w:sectPr")
_T, _NO_BREAK_HYPHEN, _R, _RPR = qn("w:t"), qn("w:noBreakHyphen"), qn("w:r"), qn("w:rPr")
_TBL, _BODY = qn("w:tbl"), qn("w:body")


class _Paragraphs:
    """Headings, pseudo-headings and empty paragraphs, found in one walk over the
    paragraphs (each paragraph's text and heading level worked out once)."""

    def __init__(self, styles: dict[str, str], bold_styles: set[str]) -> None:
        self.styles = styles
        self.bold_styles = bold_styles
        self.headings: list[AccessibilityIssue] = []
        self.pseudo: list[AccessibilityIssue] = []
        self.empty: list[AccessibilityIssue] = []
        self.previous = 0  # level of the last heading
        self.count = 0  # headings
        self.texts = 0  # paragraphs with more than 20 characters
        self.last_text = ""  # of the last top-level paragraph with text

    def read(self, body) -> Iterator:
        """The paragraphs that can matter, in reading order: those on the page itself and,
        in table cells, only those that may be headings (a heading style or an outline
        level; most paragraphs are cells, read no further). A removed one (a tracked
        revision) is not read."""
        heading_ids = {i for i, name in self.styles.items() if _HEADING.match(name)}
        wanted = set(body.iterchildren(_P))
        for mark in body.iter(_PSTYLE, _OUTLINE):
            if mark.tag == _OUTLINE or mark.get(_VAL) in heading_ids:
                ppr = mark.getparent()
                if ppr.tag == _PPR:
                    wanted.add(ppr.getparent())
        return (
            p
            for p in body.iter(_P, PARTS_TAG)
            if p.tag == PARTS_TAG or (p in wanted and p.find(_DELETED_MARK) is None)
        )

    def visit(self, p, body) -> None:
        level = _heading_level(p, self.styles)
        text = _text(p).strip()
        if level:
            self._heading(level, text)
        if len(text) > 20:
            self.texts += 1
        if p.getparent() is body:
            if text:
                self._pseudo_heading(p, text, level)
                self.last_text = text
            elif self._spacing(p):
                self._empty(self.last_text)

    def check(self, body, parts: PartsRecord | None = None) -> list[AccessibilityIssue]:
        for p in self.read(body):
            if p.tag != PARTS_TAG:
                self.visit(p, body)
            elif parts is not None:  # the parts finished earlier, as they were found
                for level, text in parts.headings:
                    self._heading(level, text)
                self.pseudo += parts.pseudo
                for before in parts.empty:
                    self._empty(self.last_text if before is None else before)
                self.texts += parts.texts
                if parts.last_text is not None:
                    self.last_text = parts.last_text
        if self.count == 0:
            # Without headings it matters how much text there is: count the cells' too.
            self.texts = sum(1 for p in body.iter(_P) if _long(p))
            self.texts += parts.all_texts if parts is not None else 0
        if self.count == 0 and self.texts > LONG_DOCUMENT:
            self.headings.append(
                AccessibilityIssue(
                    "kop", "Het document heeft geen koppen met een kopstijl (Kop 1, Kop 2, ...)."
                )
            )
        return self.headings + self.pseudo + self.empty

    def _heading(self, level: int, text: str) -> None:
        self.count += 1
        previous = self.previous
        if not text:
            self.headings.append(
                AccessibilityIssue(
                    "kop", f"Lege kop (niveau {level}) na een kop van niveau {previous}."
                )
            )
        if level > previous + 1:
            self.headings.append(
                AccessibilityIssue(
                    "kopniveau",
                    f"Kop '{text[:60]}' heeft niveau {level} na niveau {previous}: een "
                    "kopniveau is overgeslagen.",
                )
            )
        self.previous = level

    def _pseudo_heading(self, p, text: str, level: int) -> None:
        """A short line all in bold that is not a heading looks like one but is not one for
        a screen reader, the navigation pane or the PDF bookmarks (WCAG 1.3.1)."""
        if len(text) > 120 or level:
            return
        ppr = p.find(_PPR)
        style = ppr.find(_PSTYLE) if ppr is not None else None
        style_id = style.get(_VAL) if style is not None else ""
        style_name = self.styles.get(style_id, "")
        if style_name in NOT_HEADING_STYLES or style_name.startswith("toc "):
            return
        if ppr is not None and ppr.find(_NUMPR) is not None:
            return  # a list item
        runs = [r for r in p.iter(_R) if _text(r).strip()]
        if not runs:
            return
        if style_id in self.bold_styles or all(_bold(r.find(_RPR)) for r in runs):
            self.pseudo.append(
                AccessibilityIssue(
                    "schijnkop",
                    f"De regel '{text[:60]}' ziet eruit als een kop maar is een gewone alinea: "
                    "maak er een kop van (in rst een kopje of '.. rubric::') of haal de "
                    "vetgedrukte opmaak weg.",
                )
            )

    def _spacing(self, p) -> bool:
        """No empty paragraphs used for spacing (a screen reader reads each as "blank")."""
        if (
            p.find(f".//{qn('w:drawing')}") is not None
            or p.find(f".//{qn('w:fldChar')}") is not None
        ):
            return False
        if p.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None:
            return False
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            return False
        before, after = p.getprevious(), p.getnext()
        # Word needs a paragraph between two tables and after a final one.
        return not (
            before is not None
            and before.tag == _TBL
            and (after is None or after.tag in (_TBL, _SECTPR))
        )

    def _empty(self, last_text: str) -> None:
        where = f"na '{last_text[:60]}'" if last_text else "aan het begin van het document"
        self.empty.append(
            AccessibilityIssue(
                "lege-alinea",
                f"Lege alinea {where}: gebruik ruimte voor/na in de alineastijl in plaats van "
                "lege regels.",
            )
        )


class _PartParagraphs(_Paragraphs):
    """The paragraph check over a part finished early: what depends on what came before
    (heading levels, the text before an empty paragraph) is recorded, not judged."""

    def __init__(self, record: PartsRecord) -> None:
        super().__init__(record.styles, record.bold_styles)
        self.record = record
        self.pseudo = record.pseudo

    def visit(self, p, body) -> None:
        record = self.record
        texts = self.texts
        self.last_text = record.last_text  # type: ignore[assignment]
        super().visit(p, body)
        record.texts += self.texts - texts
        self.texts = texts
        record.last_text = self.last_text

    def _heading(self, level: int, text: str) -> None:
        self.record.headings.append((level, text))

    def _empty(self, last_text: str | None) -> None:
        self.record.empty.append(last_text)


def _heading_level(p, styles: dict[str, str]) -> int:
    """1-9 for a heading (a heading style, or an outline level on the paragraph), else 0."""
    ppr = p.find(_PPR)
    if ppr is None:
        return 0
    outline = ppr.find(_OUTLINE)
    if outline is not None and (outline.get(_VAL) or "9").isdigit():
        value = int(outline.get(_VAL) or "9")
        return value + 1 if value < 9 else 0
    style = ppr.find(_PSTYLE)
    name = styles.get(style.get(_VAL), "") if style is not None else ""
    match = _HEADING.match(name)
    return int(match.group(1)) if match else 0


#: Styles whose bold lines are not headings: the title page, TOC, captions, boxes.
NOT_HEADING_STYLES = {
    "title",
    "subtitle",
    "toc heading",
    "caption",
    "kader",
    "titelpagina gegevens",
    "header",
    "footer",
}


def _bold(rpr) -> bool:
    if rpr is None:
        return False
    b = rpr.find(qn("w:b"))
    return b is not None and (b.get(qn("w:val")) or "true").lower() not in ("0", "false")


def _bold_styles(document) -> set[str]:
    """Ids of paragraph styles that make their text bold."""
    out = set()
    for style in document.styles.element.findall(qn("w:style")):
        if _bold(style.find(qn("w:rPr"))):
            out.add(style.get(qn("w:styleId")))
    return out


def _table_facts(table) -> tuple[str, bool, bool, bool]:
    """What the table check needs of a table: its first row's text, whether it lacks a
    caption (at the top level), lacks a header row mark, has merged cells."""
    rows = table.findall(qn("w:tr"))
    first_text = _text(rows[0])[:50] if rows else ""
    nested = table.getparent().tag != _BODY
    tblpr = table.find(qn("w:tblPr"))
    caption = tblpr.find(qn("w:tblCaption")) if tblpr is not None else None
    no_caption = not nested and (caption is None or not (caption.get(qn("w:val")) or "").strip())
    no_header = len(rows) > 1 and rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None
    merged = table.find(f".//{qn('w:vMerge')}") is not None or any(
        int(span.get(qn("w:val"), "1")) > 1 for span in table.iter(qn("w:gridSpan"))
    )
    return first_text, no_caption, no_header, merged


def _check_tables(body, parts: PartsRecord | None = None) -> list[AccessibilityIssue]:
    findings: list[AccessibilityIssue] = []
    number = 0
    for table in body.iter(_TBL, PARTS_TAG):
        if table.tag == PARTS_TAG:
            if parts is not None:
                for offset, facts in parts.tables:
                    findings += _table_issues(number + offset, *facts)
                number += parts.table_count
            continue
        number += 1
        findings += _table_issues(number, *_table_facts(table))
    return findings


def _table_issues(
    number: int, first_text: str, no_caption: bool, no_header: bool, merged: bool
) -> list[AccessibilityIssue]:
    findings: list[AccessibilityIssue] = []
    label = f"tabel {number} ('{first_text}')"
    if no_caption:
        findings.append(
            AccessibilityIssue(
                "tabeltitel",
                f"{label[0].upper() + label[1:]} heeft geen tabeltitel voor een schermlezer "
                "(Tabeleigenschappen > Alternatieve tekst > Titel).",
            )
        )
    if no_header:
        findings.append(
            AccessibilityIssue(
                "koprij",
                f"In {label} is de eerste rij niet als kopregel gemarkeerd "
                "(Tabeleigenschappen > Rij > Herhalen als kopregel).",
            )
        )
    if merged:
        findings.append(
            AccessibilityIssue(
                "samengevoegd",
                f"{label[0].upper() + label[1:]} heeft samengevoegde cellen; een schermlezer "
                "leest de tabel dan verkeerd. Splits de cellen.",
            )
        )
    return findings


def _check_images(document, record: PartsRecord | None = None) -> list[AccessibilityIssue]:
    findings: list[AccessibilityIssue] = []
    parts = [document.part.element]
    for rel in document.part.rels.values():
        if "header" in rel.reltype or "footer" in rel.reltype:
            parts.append(rel.target_part.element)
    for element in parts:
        for doc_pr in element.iter(WP_DOCPR, PARTS_TAG):
            if doc_pr.tag == PARTS_TAG:
                names = record.images if record is not None else []
            elif _without_alt(doc_pr):
                names = [doc_pr.get("name", "?")]
            else:
                continue
            findings += [
                AccessibilityIssue(
                    "alt-tekst", f"Afbeelding '{name}' heeft geen alternatieve tekst."
                )
                for name in names
            ]
    return findings


def _without_alt(doc_pr) -> bool:
    """A picture (its wp:docPr) without alternative text for a screen reader."""
    return not (doc_pr.get("descr") or "").strip()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("Gebruik: python -m sphinxext_kernbeleid.builders.docx.a11y bestand.docx [...]")
        return 2
    total = 0
    for name in args:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: bestand niet gevonden")
            total += 1
            continue
        try:
            findings = check(path)
        except Exception as err:  # not a Word file
            print(f"{name}: geen leesbaar Word-bestand ({err.__class__.__name__})")
            total += 1
            continue
        if not findings:
            print(f"{name}: geen toegankelijkheidsproblemen gevonden")
        for finding in findings:
            print(f"{name}: {finding}")
        total += len(findings)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
