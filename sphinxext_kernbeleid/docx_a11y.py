"""Accessibility check of a Word document (Digitoegankelijk / EN 301 549, office files).

Checks what a machine can check: title and language nl-NL in the properties and default
style, real heading styles without skipped levels, marked header rows, no merged cells,
alt text on every image, no empty paragraphs used for spacing.

Usage: ``python -m sphinxext_kernbeleid.docx_a11y bestand.docx [...]`` (exit code 1 when
something is found).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from .writers.docx.ooxml import style_ids

WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_HEADING = re.compile(r"^heading (\d)$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    code: str
    message: str  # Dutch, says where and what to do

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


def _text(element) -> str:
    return "".join(
        "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
        for t in element.iter(qn("w:t"), qn("w:noBreakHyphen"))
    )


def _where(paragraphs: list, index: int) -> str:
    """A human location: the nearest text before this paragraph."""
    for back in range(index - 1, -1, -1):
        text = _text(paragraphs[back]).strip()
        if text:
            return f"na '{text[:60]}'"
    return "aan het begin van het document"


def check(path: str | Path) -> list[Finding]:
    """All findings for one .docx file (empty list: nothing found)."""
    document = Document(str(path))
    findings: list[Finding] = []
    core = document.core_properties
    if not (core.title or "").strip():
        findings.append(
            Finding("titel", "De documenteigenschap Titel is leeg; vul de titel van het stuk in.")
        )
    if not (core.language or "").lower().startswith("nl"):
        findings.append(
            Finding(
                "taal",
                f"De taal in de documenteigenschappen is '{core.language or ''}', niet nl-NL.",
            )
        )
    findings += _check_default_language(document)
    # style id -> (lower-cased) name, from the writer's one style lookup
    styles = {style_id: name for name, style_id in style_ids(document).items()}
    body = document.element.body
    findings += _check_headings(body, styles)
    findings += _check_empty_paragraphs(body)
    findings += _check_tables(body)
    findings += _check_images(document)
    return findings


def _check_default_language(document) -> list[Finding]:
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    value = lang.get(qn("w:val")) if lang is not None else None
    if not value or not value.lower().startswith("nl"):
        return [
            Finding(
                "taal",
                f"De standaardtaal van de stijlen is '{value or 'niet ingesteld'}', niet nl-NL; "
                "een schermlezer spreekt de tekst dan verkeerd uit.",
            )
        ]
    return []


def _check_headings(body, styles: dict[str, str]) -> list[Finding]:
    findings: list[Finding] = []
    previous = 0
    count = 0
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = styles.get(style.get(qn("w:val")), "") if style is not None else ""
        match = _HEADING.match(name)
        if not match:
            continue
        level = int(match.group(1))
        count += 1
        text = _text(p).strip()
        if not text:
            findings.append(
                Finding("kop", f"Lege kop (niveau {level}) na een kop van niveau {previous}.")
            )
        if level > previous + 1:
            findings.append(
                Finding(
                    "kopniveau",
                    f"Kop '{text[:60]}' heeft niveau {level} na niveau {previous}: een "
                    "kopniveau is overgeslagen.",
                )
            )
        previous = level
    if count == 0:
        findings.append(
            Finding("kop", "Het document heeft geen koppen met een kopstijl (Kop 1, Kop 2, ...).")
        )
    return findings


def _check_empty_paragraphs(body) -> list[Finding]:
    findings: list[Finding] = []
    paragraphs = [child for child in body if child.tag == qn("w:p")]
    for index, p in enumerate(paragraphs):
        if _text(p).strip():
            continue
        if (
            p.find(f".//{qn('w:drawing')}") is not None
            or p.find(f".//{qn('w:fldChar')}") is not None
        ):
            continue
        if p.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None:
            continue
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            continue
        before, after = p.getprevious(), p.getnext()
        if (
            before is not None
            and before.tag == qn("w:tbl")
            and (after is None or after.tag in (qn("w:tbl"), qn("w:sectPr")))
        ):
            # Word needs a paragraph between two tables and after a final one.
            continue
        findings.append(
            Finding(
                "lege-alinea",
                f"Lege alinea {_where(paragraphs, index)}: gebruik ruimte voor/na in de "
                "alineastijl in plaats van lege regels.",
            )
        )
    return findings


def _check_tables(body) -> list[Finding]:
    findings: list[Finding] = []
    for number, table in enumerate(body.iter(qn("w:tbl")), start=1):
        rows = table.findall(qn("w:tr"))
        first_text = _text(rows[0])[:50] if rows else ""
        label = f"tabel {number} ('{first_text}')"
        if len(rows) > 1 and rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            findings.append(
                Finding(
                    "koprij",
                    f"In {label} is de eerste rij niet als kopregel gemarkeerd "
                    "(Tabeleigenschappen > Rij > Herhalen als kopregel).",
                )
            )
        merged = table.find(f".//{qn('w:vMerge')}") is not None or any(
            int(span.get(qn("w:val"), "1")) > 1 for span in table.iter(qn("w:gridSpan"))
        )
        if merged:
            findings.append(
                Finding(
                    "samengevoegd",
                    f"{label[0].upper() + label[1:]} heeft samengevoegde cellen; een schermlezer "
                    "leest de tabel dan verkeerd. Splits de cellen.",
                )
            )
    return findings


def _check_images(document) -> list[Finding]:
    findings: list[Finding] = []
    parts = [document.part.element]
    for rel in document.part.rels.values():
        if "header" in rel.reltype or "footer" in rel.reltype:
            parts.append(rel.target_part.element)
    for element in parts:
        for doc_pr in element.iter(WP_DOCPR):
            if not (doc_pr.get("descr") or "").strip():
                findings.append(
                    Finding(
                        "alt-tekst",
                        f"Afbeelding '{doc_pr.get('name', '?')}' heeft geen alternatieve tekst.",
                    )
                )
    return findings


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("Gebruik: python -m sphinxext_kernbeleid.docx_a11y bestand.docx [...]")
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
