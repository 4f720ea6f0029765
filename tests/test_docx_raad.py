"""Word and PDF documents a griffier signs off: every title there, navigable, council
language, hyphenated words, accessible (issue 13). The example is built once, with PDFs."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import EXAMPLE, Project
from docx import Document
from docx.oxml.ns import qn

from sphinxext_kernbeleid.build.huisstijl import bereken
from sphinxext_kernbeleid.builders.docx import a11y as docx_a11y
from sphinxext_kernbeleid.builders.docx import descriptive_title
from sphinxext_kernbeleid.builders.docx.convert import _key, outline_pages
from sphinxext_kernbeleid.writers.docx.kernbeleid import same_title

TOOLS = all(shutil.which(t) for t in ("soffice", "pdftotext", "pdftohtml"))
needs_tools = pytest.mark.skipif(not TOOLS, reason="LibreOffice en poppler zijn nodig")

DOCS = (
    "IVP-Lindewaard-2026-2029",
    "Uitvoeringsplan-Lindewaard-2026",
    "Bijlagen-Lindewaard-2026-2029",
)


def text_of(element) -> str:
    return "".join(
        "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
        for t in element.iter(qn("w:t"), qn("w:noBreakHyphen"))
    )


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2011", "-").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[dict]]:
    """The example's Word documents with PDFs (-W: no warning, so no accessibility finding),
    and its needs."""
    project = Project(tmp_path_factory.mktemp("raad") / "p")
    shutil.rmtree(project.src)
    shutil.copytree(EXAMPLE, project.src, ignore=shutil.ignore_patterns("_build"))
    args = ("-W", "--keep-going", "-D", f"kernbeleid_docx_pdf={int(TOOLS)}")
    result = project.build("kernbeleid-docx", *args)
    assert result.status == 0, result.warnings
    needs = project.build("needs", out="needs")
    assert needs.status == 0, needs.warnings
    return result.outdir, list(needs.needs().values())


@pytest.fixture(scope="module")
def bodies(built) -> dict[str, str]:
    outdir, _needs = built
    return {
        name: "\n".join(
            text_of(p) for p in Document(str(outdir / f"{name}.docx")).element.body.iter(qn("w:p"))
        )
        for name in DOCS
    }


@pytest.fixture(scope="module")
def pdf_texts(built) -> dict[str, str]:
    if not TOOLS:
        pytest.skip("LibreOffice en poppler zijn nodig")
    outdir, _needs = built
    return {
        name: subprocess.run(
            ["pdftotext", str(outdir / f"{name}.pdf"), "-"], capture_output=True, text=True
        ).stdout
        for name in DOCS
    }


def test_every_item_title_is_in_the_documents(built, bodies) -> None:
    _outdir, needs = built
    text = flat("\n".join(bodies.values()))
    missing = [n["id"] for n in needs if flat(n["title"]) not in text]
    assert not missing, f"titels ontbreken in Word: {missing}"


def test_a_title_differing_from_its_heading_stays(bodies) -> None:
    plan = bodies["Uitvoeringsplan-Lindewaard-2026"]
    # Heading "Zorg en veiligheid in de wijk" (the thema) directly followed by an actiepunt
    # with its own formal title: both stay.
    assert "Zorg en veiligheid in de wijk" in plan
    assert "Actiepunt: Verbinding zorg en veiligheid" in plan


def test_item_headings_are_navigable(built) -> None:
    """Every item heading has an outline level (navigation pane, PDF bookmarks) and the
    levels never skip."""
    outdir, _needs = built
    document = Document(str(outdir / "IVP-Lindewaard-2026-2029.docx"))
    ids = {name: style_id for name, style_id in _style_ids(document).items()}
    item_style = ids["kernbeleid item"]
    items = [
        p
        for p in document.element.body.iter(qn("w:p"))
        if (s := p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) is not None
        and s.get(qn("w:val")) == item_style
    ]
    assert items
    for p in items:
        assert p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None, text_of(p)
        assert p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, text_of(p)
    assert not docx_a11y.check(outdir / "IVP-Lindewaard-2026-2029.docx")


def _style_ids(document) -> dict[str, str]:
    from sphinxext_kernbeleid.writers.docx.ooxml import style_ids

    return style_ids(document)


@needs_tools
def test_pdf_bookmarks_hold_the_item_headings(built) -> None:
    outdir, _needs = built
    outline = [title for title, _page in outline_pages(outdir / "IVP-Lindewaard-2026-2029.pdf")]
    assert "Prioriteit 1: Ondermijning tegengaan" in outline
    assert any(t.startswith("Doel: Minder ondermijnende activiteiten") for t in outline)
    assert "Uitgangspunt: Informatiegestuurd werken" in outline
    plan = [t for t, _p in outline_pages(outdir / "Uitvoeringsplan-Lindewaard-2026.pdf")]
    assert "Actiepunt: Verbinding zorg en veiligheid" in plan


TOC_LINE = re.compile(r"^(.+?)\s*\.{3,}\s*(\d+)$")


@needs_tools
@pytest.mark.parametrize("name", DOCS)
def test_toc_page_numbers_match_the_bookmarks(built, pdf_texts, name) -> None:
    """The annex TOC pointed 'Prioriteit 1: …' at the matrix page, where its text first
    occurs; now every entry shows the page its heading's bookmark points to."""
    outdir, _needs = built
    outline = outline_pages(outdir / f"{name}.pdf") or []
    toc_page = pdf_texts[name].split("\f")[1]
    entries = [m.groups() for line in toc_page.splitlines() if (m := TOC_LINE.match(line))]
    assert len(entries) >= 5
    position = 0
    for title, number in entries:  # in order: "Effectindicatoren" occurs three times
        while position < len(outline) and outline[position][0] != _key(title):
            position += 1
        assert position < len(outline), f"geen bladwijzer voor {title!r}"
        assert outline[position][1] == int(number), title
        position += 1


@needs_tools
def test_no_word_is_split_without_a_hyphen(bodies, pdf_texts) -> None:
    """'Voorlichtingsbijeenkom|sten', 'individuel|e', '2026-|Q4': a line may end inside a
    word only at a hyphen."""
    words = set(re.findall(r"\w+", " ".join(bodies.values()).lower()))
    broken = []
    for name, text in pdf_texts.items():
        lines = [line.strip() for line in text.splitlines()]
        for line, following in zip(lines, lines[1:], strict=False):
            head = re.search(r"(\w+)$", line)
            tail = re.match(r"^(\w+)", following)
            if not head or not tail:
                continue
            a, b = head.group(1).lower(), tail.group(1).lower()
            if a + b in words and not (a in words and b in words):
                broken.append(f"{name}: {a}|{b}")
        assert "2026-\nQ" not in text, name
    assert not broken, broken


@needs_tools
@pytest.mark.parametrize("name", DOCS)
def test_pages_break_as_a_typesetter_would(built, name) -> None:
    """Issue 19: no heading in the last three lines of a full page (IVP p. 22 had one), no
    page left with a few lines because the table after them was kept whole (UP p. 15-16)."""
    from pdf_pagina import headings_at_page_foot, near_empty_pages, pages

    outdir, _needs = built
    found = pages(outdir / f"{name}.pdf")
    assert headings_at_page_foot(found) == []
    assert near_empty_pages(found) == []


def test_council_documents_give_no_instructions(bodies) -> None:
    for name, text in bodies.items():
        for phrase in ("Voeg ", "⚠", "zonder doel", "geen doel —"):
            assert phrase not in text, f"{name}: '{phrase}'"


def test_plattegrond_labels_each_item_with_its_kind(bodies) -> None:
    annex = bodies["Bijlagen-Lindewaard-2026-2029"]
    assert "Overig thema: Zorg en veiligheid in de wijk" in annex
    assert "Prioriteit: Ondermijning tegengaan" in annex
    assert "Prioriteit · " not in annex


def test_documents_are_accessible_and_titled(built) -> None:
    outdir, _needs = built
    for name in DOCS:
        path = outdir / f"{name}.docx"
        assert not docx_a11y.check(path, title_terms=("Lindewaard", "2026")), name
    annex = Document(str(outdir / "Bijlagen-Lindewaard-2026-2029.docx"))
    assert annex.core_properties.title == (
        "Bijlagen – Integraal Veiligheidsplan gemeente Lindewaard 2026-2029"
    )
    settings = annex.settings.element.find(qn("w:autoHyphenation"))
    assert settings is not None and settings.get(qn("w:val")) == "true"
    captions = [c.get(qn("w:val")) for c in annex.element.body.iter(qn("w:tblCaption"))]
    assert "Effectindicatoren – Ondermijning tegengaan" in captions
    assert "Plattegrond: de vijf veiligheidsvelden en hun thema's" in captions


def test_short_tables_keep_with_their_item(built) -> None:
    """A doel and its one-row indicator table are not split over two pages."""
    outdir, _needs = built
    document = Document(str(outdir / "IVP-Lindewaard-2026-2029.docx"))
    body = list(document.element.body)
    for index, element in enumerate(body):
        if element.tag != qn("w:tbl") or len(element.findall(qn("w:tr"))) > 3:
            continue
        before = body[index - 1]
        assert before.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, text_of(before)
        first_row = element.find(qn("w:tr"))
        assert first_row.find(f".//{qn('w:keepNext')}") is not None


def test_planning_keeps_its_hyphens(bodies) -> None:
    plan = bodies["Uitvoeringsplan-Lindewaard-2026"]
    assert "2026-Q1 t/m 2026-Q4" in plan


def test_same_title_and_descriptive_title() -> None:
    assert same_title("Prioriteit 1: Ondermijning tegengaan", "Ondermijning tegengaan")
    assert same_title("Zorg en veiligheid in de wijk", "Zorg en veiligheid in de wijk")
    assert not same_title("Woninginbraak", "Het beëindigen van onrechtmatig vervoer")
    assert not same_title("Actiepunt: aanpak De Hooge Akker", "Aanpak bedrijventerrein")
    assert (
        descriptive_title("Bijlagen", "Lindewaard", "2026-2029")
        == "Bijlagen – Integraal Veiligheidsplan gemeente Lindewaard 2026-2029"
    )
    assert (
        descriptive_title("IVP Lindewaard 2026-2029", "Lindewaard", "2026-2029")
        == "IVP Lindewaard 2026-2029"
    )


SMALL = """\
Plan
====

.. toctree::

   ivp/index
"""

IVP = """\
IVP 2026-2029
=============

Prioriteiten
------------

Woninginbraak
~~~~~~~~~~~~~

.. prioriteit:: Het beëindigen van het onrechtmatig vervoer
   :id: PRIO_VERVOER
   :kv: 1.3
   :rang: 1

   Waarom.

.. doel:: Minder vervoer
   :id: DOEL_VERVOER
   :hoort_bij: PRIO_VERVOER

Overige thema's
---------------

.. thema:: Jeugd en veiligheid
   :id: THEMA_JEUGD
   :kv: 3.1

   Tekst over jeugd.

**Doel: meer jongeren aan het werk**

Nog een alinea.
"""


def _png(path: Path) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x20\x40\x80" * 4 for _ in range(4))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_titles_kept_pseudo_heading_reported_house_style_on_title_page(project) -> None:
    project.write("index.rst", SMALL)
    project.write("ivp/index.rst", IVP)
    _png(project.src / "logo.png")
    project.conf(
        "kernbeleid_huiskleur = '#7a1f5c'\n"
        "kernbeleid_logo = 'logo.png'\n"
        "kernbeleid_datum = '2026-12-15'\n"
        "kernbeleid_docx_documents = [('ivp/index', 'IVP.docx', None, None)]\n"
    )
    result = project.build("kernbeleid-docx")
    # The bold line that looks like a heading is reported, naming the file and the line.
    assert (
        "Toegankelijkheid van 'IVP.docx': De regel 'Doel: meer jongeren aan het werk' ziet "
        "eruit als een kop" in result.warnings
    )
    document = Document(str(result.outdir / "IVP.docx"))
    texts = [text_of(p) for p in document.element.body.iter(qn("w:p"))]
    # The heading differs from the prioriteit's title: both stay.
    assert "Woninginbraak" in texts
    assert "Prioriteit: Het beëindigen van het onrechtmatig vervoer" in texts
    # An overig thema straight after a chapter heading keeps its line, as a heading.
    line = [  # the TOC lists it first, then the heading itself
        p
        for p in document.element.body.iter(qn("w:p"))
        if text_of(p) == "Overig thema: Jeugd en veiligheid"
    ][-1]
    assert line.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}").get(qn("w:val")) == "1"  # level 2
    # Title page: the set date, the house colour on the title, the logo with alt text.
    assert "Datum: 15 december 2026" in texts
    title_id = _style_ids(document)["title"]
    style = next(
        s
        for s in document.styles.element.findall(qn("w:style"))
        if s.get(qn("w:styleId")) == title_id
    )
    colour = style.find(f"{qn('w:rPr')}/{qn('w:color')}").get(qn("w:val"))
    assert "#" + colour.lower() == bereken("#7a1f5c").tekstkleur.lower()
    doc_prs = list(
        document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    )
    assert [d.get("descr") for d in doc_prs] == ["Logo gemeente Voorbeeldstad"]


def test_checker_names_generic_titles_and_missing_captions(tmp_path) -> None:
    document = Document()
    document.core_properties.title = "Bijlagen"
    document.core_properties.language = "nl-NL"
    document.add_heading("Kop", level=1)
    document.add_table(rows=1, cols=2)
    path = tmp_path / "b.docx"
    document.save(str(path))
    codes = {f.code for f in docx_a11y.check(path, title_terms=("Lindewaard",))}
    assert {"titel", "tabeltitel"} <= codes


def test_budget_note_stays_on_the_landscape_page(built) -> None:
    """'Budget van dit onderdeel: …' under a landscape overview was alone on the next page."""
    outdir, _needs = built
    document = Document(str(outdir / "Uitvoeringsplan-Lindewaard-2026.docx"))
    sections: list[tuple[bool, list[str]]] = []
    texts: list[str] = []
    for child in document.element.body:
        if child.tag == qn("w:tbl"):
            continue
        sectpr = child if child.tag == qn("w:sectPr") else None
        if child.tag == qn("w:p"):
            texts.append(flat(text_of(child)))
            sectpr = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if sectpr is not None:
            size = sectpr.find(qn("w:pgSz"))
            sections.append((int(size.get(qn("w:w"))) > int(size.get(qn("w:h"))), texts))
            texts = []
    landscape = next(
        t for wide, t in sections if wide and "Overzicht maatregelen prioriteit 1" in t
    )
    assert "Budget van dit onderdeel: € 185.000." in landscape


@needs_tools
def test_pdf_tags_item_headings_as_headings(built) -> None:
    """A screen reader in the PDF finds "Doel: …" as a heading (H1-H6), not a paragraph."""
    outdir, _needs = built
    done = subprocess.run(
        ["pdfinfo", "-struct-text", str(outdir / "IVP-Lindewaard-2026-2029.pdf")],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip("pdfinfo kent -struct-text niet")
    lines = done.stdout.splitlines()
    index = next(
        i for i, line in enumerate(lines) if '"Doel: Minder ondermijnende activiteiten' in line
    )
    tag = next(line.strip() for line in reversed(lines[:index]) if "(block)" in line)
    assert re.match(r"H\d", tag), tag


REALISTIC = Path(__file__).parent / "fixtures" / "realistic_plan"


@needs_tools
@pytest.mark.skipif(not REALISTIC.is_dir(), reason="tests/fixtures/realistic_plan ontbreekt")
def test_realistic_plan_reads_well_in_word_and_pdf(tmp_path) -> None:
    """The same checks on a plan written the way gemeenten write them."""
    project = Project(tmp_path / "p")
    shutil.rmtree(project.src)
    shutil.copytree(REALISTIC, project.src, ignore=shutil.ignore_patterns("_build"))
    result = project.build("kernbeleid-docx", "-D", "kernbeleid_docx_pdf=1")
    assert result.status == 0, result.warnings
    assert "Toegankelijkheid" not in result.warnings, result.warnings
    needs = project.build("needs", out="needs").needs().values()
    names = sorted(p.stem for p in result.outdir.glob("*.docx"))
    # Measurements but no reported quarter: no voortgangsrapportage (issue 19).
    assert names == [
        "Bijlagen-Beekveld-2026-2029",
        "IVP-Beekveld-2026-2029",
        "Uitvoeringsplan-Beekveld-2026",
    ]
    bodies = {
        name: "\n".join(
            text_of(p)
            for p in Document(str(result.outdir / f"{name}.docx")).element.body.iter(qn("w:p"))
        )
        for name in names
    }
    text = flat("\n".join(bodies.values()))
    assert [n["id"] for n in needs if flat(n["title"]) not in text] == []
    words = set(re.findall(r"\w+", text.lower()))
    for name in names:
        for phrase in ("Voeg ", "⚠", "zonder doel"):
            assert phrase not in bodies[name], f"{name}: '{phrase}'"
        pdf = subprocess.run(
            ["pdftotext", str(result.outdir / f"{name}.pdf"), "-"], capture_output=True, text=True
        ).stdout
        lines = [line.strip() for line in pdf.splitlines()]
        for line, following in zip(lines, lines[1:], strict=False):
            head, tail = re.search(r"(\w+)$", line), re.match(r"^(\w+)", following)
            if head and tail:
                a, b = head.group(1).lower(), tail.group(1).lower()
                assert not (a + b in words and not (a in words and b in words)), f"{a}|{b}"
        outline = outline_pages(result.outdir / f"{name}.pdf") or []
        entries = [
            m.groups() for line in pdf.split("\f")[1].splitlines() if (m := TOC_LINE.match(line))
        ]
        position = 0
        for title, number in entries:
            while position < len(outline) and outline[position][0] != _key(title):
                position += 1
            assert position < len(outline) and outline[position][1] == int(number), title
            position += 1
