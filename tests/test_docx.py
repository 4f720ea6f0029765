"""The kernbeleid-docx builder: real Sphinx builds, read back with python-docx."""

from __future__ import annotations

import json
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
from docx.styles import BabelFish
from lxml import etree

from sphinxext_kernbeleid.builders.docx import a11y as docx_a11y

HOSTILE = "A & B <c> {{ x }} {% if %} ]]>"


def text_of(element) -> str:
    """The text as Word shows it: a non-breaking hyphen (w:noBreakHyphen) reads as '-'."""
    return "".join(
        "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
        for t in element.iter(qn("w:t"), qn("w:noBreakHyphen"))
    )


def paragraphs(document) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph, also those in tables."""
    names = {
        s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val"))
        for s in document.styles.element.findall(qn("w:style"))
        if s.find(qn("w:name")) is not None
    }
    out = []
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = names.get(style.get(qn("w:val")), "") if style is not None else "Normal"
        name = BabelFish.internal2ui(name)  # Word's 'heading 1' is python-docx's 'Heading 1'
        out.append((name, text_of(p)))
    return out


def docx_warnings(text: str) -> list[str]:
    """Warnings other than the plan rules' (small test plans break those on purpose)."""
    return [
        line for line in text.splitlines() if "WARNING" in line and "kernbeleid.regel" not in line
    ]


def headings(document) -> list[tuple[int, str]]:
    return [
        (int(style.split()[-1]), text)
        for style, text in paragraphs(document)
        if style.lower().startswith("heading ")
    ]


def table_rows(table) -> list[list[str]]:
    """Cell texts row by row, straight from the XML (fast, no merged-cell logic)."""
    return [[text_of(tc) for tc in tr.findall(qn("w:tc"))] for tr in table._tbl.findall(qn("w:tr"))]


def is_header(table) -> bool:
    first = table._tbl.find(qn("w:tr"))
    return first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def find_table(document, first_header: str):
    for table in document.tables:
        rows = table_rows(table)
        if rows and rows[0] and rows[0][0] == first_header:
            yield table, rows


# --------------------------------------------------------------------------- example


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx")
    project = Project(out / "p")
    shutil.rmtree(project.src)
    shutil.copytree(EXAMPLE, project.src, ignore=shutil.ignore_patterns("_build"))
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    return result.outdir


def test_example_produces_its_documents(example_docx: Path) -> None:
    names = sorted(p.name for p in example_docx.glob("*.docx"))
    assert names == [
        "Bijlagen-Lindewaard-2026-2029.docx",
        "IVP-Lindewaard-2026-2029.docx",
        # the example has a raadsvoorstel chapter (issue 21)
        "Raadsvoorstel-Lindewaard-2026-2029.docx",
        # the example has a startnotitie (step 1 of the method)
        "Startnotitie-Lindewaard-2026-2029.docx",
        "Uitvoeringsplan-Lindewaard-2026.docx",
        # police figures are imported, so the veiligheidsanalyse is made too
        "Veiligheidsanalyse-Lindewaard-2025.docx",
        # issue 14: the plan has progress, so the voortgangsrapportage is made too
        "Voortgangsrapportage-Lindewaard-2026-Q2.docx",
    ]


def test_example_ivp_structure_and_properties(example_docx: Path) -> None:
    document = Document(str(example_docx / "IVP-Lindewaard-2026-2029.docx"))
    assert document.core_properties.title == (
        "Integraal Veiligheidsplan 2026-2029 – gemeente Lindewaard"
    )
    assert document.core_properties.language == "nl-NL"
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert lang.get(qn("w:val")) == "nl-NL"
    settings = document.settings.element.find(qn("w:updateFields"))
    assert settings is not None and settings.get(qn("w:val")) == "true"

    found = headings(document)
    level1 = [text for level, text in found if level == 1]
    assert level1[:3] == ["Voorwoord", "Samenvatting", "1. Uitgangssituatie"]
    assert "4. Prioriteiten" in level1 and "7. Begroting" in level1
    assert (2, "Prioriteit 1: Ondermijning tegengaan") in found
    previous = 0
    for level, text in found:
        assert level <= previous + 1, f"kopniveau overgeslagen bij {text!r}"
        previous = level

    texts = [text for _style, text in paragraphs(document)]
    body = "\n".join(texts)
    # Title page from conf.py and the template.
    assert "Gemeente Lindewaard" in texts
    assert "Periode: 2026-2029" in texts and "Status: Concept" in texts
    # The TOC shows the chapters even before Word updates the field.
    assert "4. Prioriteiten" in texts[: texts.index("Voorwoord", 10)]
    # Prose of a chapter, a list, and a prioriteit's toelichting.
    assert "Ondermijnende criminaliteit is vaak onzichtbaar" in body
    styles = {style for style, _text in paragraphs(document)}
    assert "List Bullet" in styles
    assert any(
        style == "List Bullet" and text.startswith("Gebiedsgericht op De Hooge Akker")
        for style, text in paragraphs(document)
    )


def test_example_indicator_table(example_docx: Path) -> None:
    document = Document(str(example_docx / "IVP-Lindewaard-2026-2029.docx"))
    table, rows = next(
        (t, r)
        for t, r in find_table(document, "Effectindicator")
        if r[1][0].startswith("Bedrijfspanden")
    )
    # No "Op koers?" yet: the example's measurements in its period (2026) are provisional,
    # so the IVP before the raad has nothing to judge (issue 19).
    assert rows[0] == ["Effectindicator", "Bron", "Soort", "Nulmeting", "Streefwaarde", "Richting"]
    assert is_header(table)
    first = rows[1]
    assert first[0].startswith(
        "Bedrijfspanden op De Hooge Akker met signalen van ondermijningEenheid: panden"
    )
    assert first[2:] == ["objectief", "23 (2024)", "12 (2029)", "dalen"]


def test_example_action_table(example_docx: Path) -> None:
    document = Document(str(example_docx / "Uitvoeringsplan-Lindewaard-2026.docx"))
    table, rows = next(find_table(document, "Maatregel"))
    assert rows[0] == [
        "Maatregel",
        "Trekkers",
        "Partners",
        "Planning en status",
        "Budget",
        "Prestatie-indicatoren",
    ]
    assert is_header(table)
    row = next(r for r in rows if r[0].startswith("Integrale controles op De Hooge Akker"))
    assert "Maandelijkse controles van panden" in row[0]  # the maatregel's prose
    assert row[1] == "Bestuurlijk: BurgemeesterAmbtelijk: Team OOV"
    assert row[2].startswith("Politie; RIEC; Belastingdienst")
    assert row[3].startswith("2026-Q1")
    assert row[4] == "€\u00a030.000"
    assert "Uitgevoerde integrale controles: 12 controles" in row[5]


def test_example_period_does_not_break_on_the_title_page(example_docx: Path) -> None:
    """'Integraal Veiligheidsplan 2026-' / '2029' read badly: the period stays whole."""
    document = Document(str(example_docx / "IVP-Lindewaard-2026-2029.docx"))
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert text_of(title._p) == "Integraal Veiligheidsplan 2026-2029"
    assert "-" not in "".join(t.text for t in title._p.iter(qn("w:t")))
    assert title._p.find(f".//{qn('w:noBreakHyphen')}") is not None
    header = document.sections[-1].header._element
    assert text_of(header) == "Gemeente Lindewaard · Integraal Veiligheidsplan 2026-2029"
    assert header.find(f".//{qn('w:noBreakHyphen')}") is not None
    assert document.core_properties.title == (
        "Integraal Veiligheidsplan 2026-2029 – gemeente Lindewaard"
    )


def grid_widths(table) -> list[int]:
    grid = table._tbl.find(qn("w:tblGrid"))
    return [int(col.get(qn("w:w"))) for col in grid.findall(qn("w:gridCol"))]


def test_example_item_tables_do_not_break_words(example_docx: Path) -> None:
    """Columns are at least as wide as their longest word ("Streefwaard-e" looked broken)."""
    from sphinxext_kernbeleid.writers.docx.widths import CELL_PADDING, CHAR_TWIPS

    def fits(width: int, word: str) -> bool:
        return width >= CELL_PADDING + CHAR_TWIPS * len(word)

    ivp = Document(str(example_docx / "IVP-Lindewaard-2026-2029.docx"))
    table, _rows = next(find_table(ivp, "Effectindicator"))
    assert fits(grid_widths(table)[4], "Streefwaarde")
    plan = Document(str(example_docx / "Uitvoeringsplan-Lindewaard-2026.docx"))
    tables = [table for table, rows in find_table(plan, "Maatregel") if len(rows[0]) == 6]
    assert tables
    for table in tables:
        # What cannot break (a quarter, an amount) fits; long words may hyphenate.
        assert fits(grid_widths(table)[3], "2026-Q1!")  # a digit is wider
        assert fits(grid_widths(table)[4], "€ 25.000!")


def section_of_texts(document) -> list[tuple[bool, list[str]]]:
    """Per section: (landscape, its paragraph texts), in body order."""
    out: list[tuple[bool, list[str]]] = []
    texts: list[str] = []
    for child in document.element.body:
        if child.tag == qn("w:p"):
            texts.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
            sectpr = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        elif child.tag == qn("w:sectPr"):
            sectpr = child
        else:
            continue
        if sectpr is not None:
            size = sectpr.find(qn("w:pgSz"))
            out.append((int(size.get(qn("w:w"))) > int(size.get(qn("w:h"))), texts))
            texts = []
    return out


def test_example_wide_overview_gets_a_landscape_page(example_docx: Path) -> None:
    """The 8-column overview of maatregelen does not fit a portrait page without breaking
    words: it gets a landscape page, with its heading, and the text after it is portrait."""
    document = Document(str(example_docx / "Uitvoeringsplan-Lindewaard-2026.docx"))
    sections = section_of_texts(document)
    assert len(sections) > 1
    landscape = [texts for is_landscape, texts in sections if is_landscape]
    assert any("Overzicht maatregelen prioriteit 1" in texts for texts in landscape)
    assert not any("Prioriteit 2: Jeugd: overlast en afglijden voorkomen" in t for t in landscape)
    assert not sections[0][0] and not sections[-1][0]
    # The title page (no header) is only the first page of the first section.
    title_pages = [s._sectPr.find(qn("w:titlePg")) is not None for s in document.sections]
    assert title_pages == [True] + [False] * (len(title_pages) - 1)
    first = document.sections[0]._sectPr
    assert first.find(qn("w:headerReference")) is not None
    assert docx_a11y.check(example_docx / "Uitvoeringsplan-Lindewaard-2026.docx") == []


WIDE = """\
Plan
====

Hoofdstuk
---------

Tekst.

.. list-table:: Breed
   :header-rows: 1

   * - Ondernemersvereniging
     - Omgevingsdienst
     - Belastingdienst
     - Veiligheidsregio
     - Woningcorporatie
     - Vergunningverlening
     - Jongerenwerkers
     - Buurtbemiddeling
   * - a
     - b
     - c
     - d
     - e
     - f
     - g
     - h
"""


def test_document_ending_in_a_wide_table_ends_landscape(project) -> None:
    project.write("index.rst", WIDE)
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    path = result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"
    sections = section_of_texts(Document(str(path)))
    assert [landscape for landscape, _texts in sections] == [False, True]
    assert sections[0][1][-2:] == ["Hoofdstuk", "Tekst."]
    assert sections[1][1][0] == "Breed"  # the caption goes along with its table
    assert docx_a11y.check(path) == []


def test_example_annex_has_overview_tables(example_docx: Path) -> None:
    document = Document(str(example_docx / "Bijlagen-Lindewaard-2026-2029.docx"))
    texts = [text for _style, text in paragraphs(document)]
    # The matrix speaks to the council: no option names, no "maatregel(en)".
    legend = next(text for text in texts if text.startswith("● "))
    assert "draagt_bij_aan" not in legend and "hoort_bij" not in legend
    assert "8 maatregelen" in texts and not any("(en)" in text for text in texts)
    assert "Maatregelen – Ondermijning tegengaan" in texts
    assert "Effectindicatoren – Ondermijning tegengaan" in texts
    overview = [rows for _t, rows in find_table(document, "Maatregel") if len(rows[0]) == 8]
    assert overview and any("Integrale controles op De Hooge Akker" in r[0] for r in overview[0])


def test_example_paragraph_properties_in_schema_order(example_docx: Path) -> None:
    """Word refuses to open a document whose w:pPr children are out of order."""
    from sphinxext_kernbeleid.writers.docx.ooxml import PPR_ORDER

    rank = {qn(f"w:{name}"): index for index, name in enumerate(PPR_ORDER)}
    for path in sorted(example_docx.glob("*.docx")):
        document = Document(str(path))
        for element in (document.element, document.styles.element):
            for ppr in element.iter(qn("w:pPr")):
                ranks = [rank[child.tag] for child in ppr]
                assert ranks == sorted(ranks), (path.name, [c.tag for c in ppr])


def test_example_bookmarks_unique_and_links_resolve(example_docx: Path) -> None:
    for path in sorted(example_docx.glob("*.docx")):
        body = Document(str(path)).element.body
        names = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
        assert len(names) == len(set(names)), path.name
        anchors = {h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink"))} - {None}
        assert anchors <= set(names), path.name
        # The raadsvoorstel is a letter to the raad: no links inside it; the plans have them.
        assert anchors or path.name.startswith("Raadsvoorstel-"), path.name


def test_example_is_accessible(example_docx: Path) -> None:
    for path in sorted(example_docx.glob("*.docx")):
        assert docx_a11y.check(path) == [], path.name


# --------------------------------------------------------------------------- translator

TINY_PNG = (
    b"\x89PNG\r\n\x1a\n"
    + (lambda d: struct.pack(">I", len(d) - 4) + d + struct.pack(">I", zlib.crc32(d)))(
        b"IHDR" + struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    )
    + (lambda d: struct.pack(">I", len(d) - 4) + d + struct.pack(">I", zlib.crc32(d)))(
        b"IDAT" + zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    )
    + (lambda d: struct.pack(">I", len(d) - 4) + d + struct.pack(">I", zlib.crc32(d)))(b"IEND")
)

PROSE = """\
Plan
====

Inleiding met **vet**, *cursief* en ``code`` en een `link <https://example.org>`_.

Hoofdstuk een
-------------

* punt een

  * dieper punt

* punt twee

#. eerste stap
#. tweede stap

Tussenzin.

#. opnieuw eerste

Paragraaf
~~~~~~~~~

.. list-table:: Cijfers
   :header-rows: 1

   * - Naam
     - Waarde
   * - inbraken
     - 12

.. note::

   Let hierop.

:Eigenaar: Team OOV

.. image:: kaart.png
   :alt: Kaart van de wijk

Een voetnoot [#v]_.

.. [#v] De uitleg van de voetnoot.
"""


def test_translator_basics(project) -> None:
    project.write("index.rst", PROSE)
    (project.src / "kaart.png").write_bytes(TINY_PNG)
    result = project.build("kernbeleid-docx")
    assert result.status == 0
    assert not docx_warnings(result.warnings), result.warnings
    document = Document(str(result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"))
    paras = paragraphs(document)
    assert headings(document) == [(1, "Hoofdstuk een"), (2, "Paragraaf")]
    intro = next(p for p in document.paragraphs if p.text.startswith("Inleiding met"))
    runs = {run.text: run for run in intro.runs}
    assert runs["vet"].bold and runs["cursief"].italic
    assert runs["code"].font.name == "Courier New"
    link = intro._p.find(qn("w:hyperlink"))
    assert document.part.rels[link.get(qn("r:id"))].target_ref == "https://example.org"
    assert ("List Bullet", "punt een") in paras and ("List Bullet 2", "dieper punt") in paras
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == ["eerste stap", "tweede stap", "opnieuw eerste"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] != num_ids[2]  # a new list starts at 1 again
    table, rows = next(find_table(document, "Naam"))
    assert rows == [["Naam", "Waarde"], ["inbraken", "12"]] and is_header(table)
    assert ("Caption", "Cijfers") in paras
    assert ("Kader", "Opmerking") in paras and ("Kader", "Let hierop.") in paras
    assert ("Normal", "Eigenaar: Team OOV") in paras
    doc_pr = document.element.body.find(".//" + docx_a11y.WP_DOCPR)
    assert doc_pr.get("descr") == "Kaart van de wijk"
    assert not any("De uitleg van de voetnoot" in text for _s, text in paras)  # a footnote
    assert docx_a11y.check(result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx") == []


FOOTNOTES = """\
Plan
====

Hoofdstuk
---------

De cijfers komen uit de monitor [#bron]_ en de registratie [#reg]_.

.. [#bron] Veiligheidsmonitor 2023, zie `de monitor <https://example.org/monitor>`_.
.. [#reg] Politieregistratie.

.. [#los] Een voetnoot zonder verwijzing blijft als tekst staan.
"""


def test_footnotes_are_word_footnotes(project) -> None:
    """Footnotes were "[1]" in the text and "[1] ..." further on; a raadslid expects real
    footnotes at the foot of the page, numbered by Word."""
    project.write("index.rst", FOOTNOTES)
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    path = result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"
    document = Document(str(path))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("De cijfers"))
    refs = [r.get(qn("w:id")) for r in paragraph._p.iter(qn("w:footnoteReference"))]
    assert len(refs) == 2 and "[" not in paragraph.text
    assert paragraph.text == "De cijfers komen uit de monitor en de registratie."
    assert paragraph.runs[0].text.endswith("monitor")  # the number sits against the word
    part = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/footnotes")
    )
    notes = {
        n.get(qn("w:id")): n
        for n in etree.fromstring(part.blob).findall(qn("w:footnote"))
        if not n.get(qn("w:type"))
    }
    assert text_of(notes[refs[0]]).strip() == "Veiligheidsmonitor 2023, zie de monitor."
    assert text_of(notes[refs[1]]).strip() == "Politieregistratie."
    assert notes[refs[0]].find(f".//{qn('w:footnoteRef')}") is not None
    names = [child.tag.split("}")[1] for child in document.settings.element]
    assert names.index("updateFields") < names.index("footnotePr") < names.index("compat")
    link = notes[refs[0]].find(f".//{qn('w:hyperlink')}")
    assert part.rels[link.get(qn("r:id"))].target_ref == "https://example.org/monitor"
    texts = [text for _style, text in paragraphs(document)]
    assert not any("Veiligheidsmonitor 2023" in text for text in texts)
    assert "[3] Een voetnoot zonder verwijzing blijft als tekst staan." in texts
    assert docx_a11y.check(path) == []


def test_image_without_alt_text_warns(project) -> None:
    (project.src / "fig").mkdir()
    (project.src / "fig" / "kaart.png").write_bytes(TINY_PNG)
    project.write("index.rst", "Plan\n====\n\nDeel\n----\n\n.. image:: fig/kaart.*\n")
    result = project.build("kernbeleid-docx")
    assert "Afbeelding 'fig/kaart.png' heeft geen alt-tekst" in result.warnings
    assert "index.rst:7" in result.warnings
    path = result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"
    assert [f.code for f in docx_a11y.check(path)] == ["alt-tekst"]


def test_unknown_node_keeps_text_and_warns_once(project) -> None:
    # The Python domain's description nodes have no Word drawing of their own.
    project.write(
        "index.rst",
        """\
        Plan
        ====

        .. py:function:: bereken(x)

           Tekst die blijft.

        .. py:function:: schat(y)

           Nog een.
        """,
    )
    result = project.build("kernbeleid-docx")
    assert result.warnings.count("kent het element 'desc' niet") == 1
    assert "index.rst" in result.warnings
    document = Document(str(result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"))
    body = "\n".join(t for _s, t in paragraphs(document))
    for text in ("bereken", "Tekst die blijft.", "schat", "Nog een."):
        assert text in body


def test_hostile_text_survives(project) -> None:
    project.conf(f"kernbeleid_gemeente = {HOSTILE!r}\nkernbeleid_versie = {HOSTILE!r}\n")
    project.write(
        "index.rst",
        f"""\
        {HOSTILE}
        {"=" * len(HOSTILE)}

        Hoofdstuk {HOSTILE}
        {"-" * (len(HOSTILE) + 10)}

        Alinea: {HOSTILE}

        .. prioriteit:: Prio {HOSTILE}
           :id: PRIO_X
           :kv: 5.2

           Toelichting {HOSTILE}
        """,
    )
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    path = next(result.outdir.glob("Veiligheidsplan-*.docx"))
    document = Document(str(path))
    texts = [t for _s, t in paragraphs(document)]
    assert HOSTILE in texts  # title page
    assert f"Gemeente {HOSTILE}" in texts
    assert f"Hoofdstuk {HOSTILE}" in texts
    assert f"Alinea: {HOSTILE}" in texts
    assert f"Toelichting {HOSTILE}" in texts
    assert f"Prioriteit: Prio {HOSTILE}" in texts
    assert document.core_properties.title.startswith(HOSTILE)
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith(f"{HOSTILE} · versie {HOSTILE}")


# --------------------------------------------------------------------------- configuration


def _template(path: Path, *lines: str) -> None:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("{{ titel }}",), "mist de tag {{p inhoud }}"),
        (("{{ burgemeester }}", "{{p inhoud }}"), "onbekende tag(s): {{ burgemeester }}"),
        (("{% if titel %}", "{{p inhoud }}"), "bevat een onjuiste tag"),
        (("Inhoud: {{ inhoud }}",), "staat niet in een eigen alinea"),
    ],
)
def test_broken_template_message(project, lines, expected) -> None:
    _template(project.src / "huisstijl.docx", *lines)
    project.conf("kernbeleid_docx_sjabloon = 'huisstijl.docx'\n")
    project.write("index.rst", "Plan\n====\n\nTekst.\n")
    result = project.build("kernbeleid-docx")
    assert (
        "Word-document 'Veiligheidsplan-Voorbeeldstad-2026-2029.docx' niet gemaakt"
        in result.warnings
    )
    assert "huisstijl.docx" in result.warnings and expected in result.warnings
    assert not list(result.outdir.glob("*.docx"))


def test_body_tag_in_a_header_is_refused(project) -> None:
    document = Document()
    document.add_paragraph("{{p inhoud }}")
    document.sections[0].header.add_paragraph("{{p inhoud }}")
    document.save(str(project.src / "kop.docx"))
    project.conf("kernbeleid_docx_sjabloon = 'kop.docx'\n")
    project.write("index.rst", "Plan\n====\n\nTekst.\n")
    result = project.build("kernbeleid-docx")
    assert "staat in een kop- of voettekst" in result.warnings
    assert not list(result.outdir.glob("*.docx"))


def test_own_template_with_fewer_styles(project) -> None:
    _template(project.src / "eigen.docx", "{{ gemeente }}: {{ titel }}", "{{p inhoud }}")
    project.conf("kernbeleid_docx_sjabloon = 'eigen.docx'\n")
    project.write("index.rst", "Plan\n====\n\nHoofdstuk\n---------\n\n* punt\n")
    result = project.build("kernbeleid-docx")
    assert result.status == 0 and not docx_warnings(result.warnings), result.warnings
    document = Document(str(result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"))
    assert ("Normal", "Voorbeeldstad: Plan") in paragraphs(document)
    assert ("Heading 1", "Hoofdstuk") in paragraphs(document)
    assert document.styles["Kernbeleid Tabel"] is not None  # copied from the default


def test_documents_setting(project) -> None:
    project.write("index.rst", "Plan\n====\n\n.. toctree::\n\n   een\n")
    project.write("een.rst", "Een\n===\n\nTekst een.\n")
    project.conf(
        "kernbeleid_docx_documents = [('een', 'Deel-een', 'Mijn titel', None),"
        " ('bestaat/niet', 'X.docx')]\n"
    )
    result = project.build("kernbeleid-docx")
    assert "startdocument 'bestaat/niet' bestaat niet" in result.warnings
    document = Document(str(result.outdir / "Deel-een.docx"))
    assert document.core_properties.title == (
        "Mijn titel – Integraal Veiligheidsplan gemeente Voorbeeldstad 2026-2029"
    )
    assert not (result.outdir / "X.docx").exists()


# --------------------------------------------------------------------------- checker


def test_checker_reports_a_bad_document(tmp_path: Path) -> None:
    document = Document()
    document.core_properties.title = ""
    document.core_properties.language = "en-US"
    document.add_paragraph("Begin", style="Heading 1")
    document.add_paragraph("")
    document.add_paragraph("Te diep", style="Heading 3")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1))
    (tmp_path / "k.png").write_bytes(TINY_PNG)
    document.add_picture(str(tmp_path / "k.png"))
    path = tmp_path / "slecht.docx"
    document.save(str(path))
    codes = {f.code for f in docx_a11y.check(path)}
    assert codes >= {
        "titel",
        "taal",
        "lege-alinea",
        "kopniveau",
        "koprij",
        "samengevoegd",
        "alt-tekst",
    }
    assert docx_a11y.main([str(path)]) == 1


# --------------------------------------------------------------------------- PDF


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) of pdftotext is niet geïnstalleerd",
)
def test_pdf_has_every_chapter(project) -> None:
    project.conf("kernbeleid_docx_pdf = True\n")
    project.write("index.rst", "Plan\n====\n\nVooraf.\n\n.. toctree::\n\n   een\n   twee\n")
    project.write("een.rst", "Hoofdstuk een\n=============\n\nZin uit hoofdstuk een.\n")
    project.write("twee.rst", "Hoofdstuk twee\n==============\n\nZin uit hoofdstuk twee.\n")
    result = project.build("kernbeleid-docx")
    pdf = result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.pdf"
    assert pdf.is_file(), result.warnings
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in ("Vooraf.", "Zin uit hoofdstuk een.", "Zin uit hoofdstuk twee."):
        assert expected in text
    # The TOC carries page numbers, also without Word updating the field.
    assert re.search(r"Hoofdstuk een\.{3,}\s*3", text), text[:600]
    assert re.search(r"Hoofdstuk twee\.{3,}\s*4", text), text[:600]
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        assert re.search(r"Tagged:\s+yes", info)  # structure for screen readers
        assert re.search(r"Title:\s+Plan", info)


def test_pdf_without_libreoffice_still_writes_docx(project, monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    project.conf("kernbeleid_docx_pdf = True\n")
    project.write("index.rst", "Plan\n====\n\nTekst.\n")
    result = project.build("kernbeleid-docx")
    assert result.warnings.count("LibreOffice (soffice) is niet gevonden") == 1
    assert (result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx").is_file()


def test_defaults_skip_missing_start_documents_quietly(project) -> None:
    project.write("index.rst", "Plan\n====\n\n.. toctree::\n\n   ivp/index\n")
    project.write("ivp/index.rst", "IVP 2026-2029\n=============\n\nTekst.\n")
    result = project.build("kernbeleid-docx")
    assert not docx_warnings(result.warnings), result.warnings
    assert sorted(p.name for p in result.outdir.glob("*.docx")) == [
        "IVP-Voorbeeldstad-2026-2029.docx"
    ]


def test_column_widths_keep_numbers_whole() -> None:
    from sphinxext_kernbeleid.writers.docx.widths import CELL_PADDING, CHAR_TWIPS, fit_widths

    widths = fit_widths([50, 1], [10, 9], 4000)
    assert sum(widths) <= 4000
    assert widths[1] >= CELL_PADDING + CHAR_TWIPS * 9  # "€ 175.000" stays on one line
    assert widths[0] > widths[1]


def test_amounts_count_as_wide() -> None:
    """Digits are wider than the average letter ("€ 9.00" / "0" in the Budget column)."""
    from sphinxext_kernbeleid.writers.docx.widths import word_length

    assert word_length("€ 9.000") == 8
    assert word_length("Planning") == 8
    assert word_length("2026-Q3 t/m 2026-Q4") == 8  # "2026-Q3" does not break, a digit wider


def test_long_words_give_way_before_short_columns() -> None:
    """Too many long words for the page: "levensbeschouwelijke" may break, "Planning" and
    "€ 6.000" may not (they became "Plannin-g" and "€ 6.00-0")."""
    from sphinxext_kernbeleid.writers.docx.widths import CELL_PADDING, CHAR_TWIPS, fit_widths

    widths = fit_widths([28, 16, 18, 12, 11, 25], [19, 13, 20, 8, 7, 21], 9411)
    assert sum(widths) <= 9411
    assert widths[3] >= CELL_PADDING + CHAR_TWIPS * 8
    assert widths[4] >= CELL_PADDING + CHAR_TWIPS * 7


def test_annex_assembled_from_the_plan_without_bijlagen(project) -> None:
    project.write("index.rst", "Plan\n====\n\n.. toctree::\n\n   ivp/index\n")
    project.write(
        "ivp/index.rst",
        """\
        IVP 2026-2029
        =============

        Prioriteiten
        ------------

        .. prioriteit:: Ondermijning tegengaan
           :id: PRIO_ONDERMIJNING
           :kv: 5.2
           :rang: 1

           Waarom.

        .. actiepunt:: Bedrijventerrein
           :id: AP_TERREIN
           :hoort_bij: PRIO_ONDERMIJNING

        .. maatregel:: Integrale controles
           :id: MR_CONTROLES
           :hoort_bij: AP_TERREIN
           :budget: € 25.000
        """,
    )
    result = project.build("kernbeleid-docx")
    assert not docx_warnings(result.warnings), result.warnings
    path = result.outdir / "Bijlagen-Voorbeeldstad-2026-2029.docx"
    document = Document(str(path))
    assert document.core_properties.title == (
        "Bijlage: samenhang van het plan – gemeente Voorbeeldstad 2026-2029"
    )
    assert (1, "Prioriteit 1: Ondermijning tegengaan") in headings(document)
    _table, rows = next((t, r) for t, r in find_table(document, "Maatregel") if len(r[0]) == 8)
    assert rows[1][0] == "Integrale controles" and rows[1][5] == "€\u00a025.000"
    assert docx_a11y.check(path) == []


def test_generated_annex_can_be_configured(project) -> None:
    project.write(
        "index.rst", "Plan\n====\n\n.. prioriteit:: Jeugd\n   :id: PRIO_JEUGD\n   :kv: 3.1\n"
    )
    project.conf(
        "kernbeleid_docx_documents = [('kernbeleid:bijlage', 'Samenhang.docx', 'Samenhang', 'liggend')]\n"
    )
    result = project.build("kernbeleid-docx")
    assert not docx_warnings(result.warnings), result.warnings
    document = Document(str(result.outdir / "Samenhang.docx"))
    assert document.core_properties.title == (
        "Samenhang – Integraal Veiligheidsplan gemeente Voorbeeldstad 2026-2029"
    )
    assert document.sections[0].page_width > document.sections[0].page_height
    assert (1, "Prioriteit: Jeugd") in headings(document)


HOOK = """
import json, sys
from pathlib import Path


def setup(app):
    def record(app, exception):
        loaded = sorted(m for m in ("docx", "docxtpl") if m in sys.modules)
        Path(app.outdir, "modules.json").write_text(json.dumps(loaded))

    app.connect("build-finished", record)
"""


def test_html_build_does_not_load_word_libraries(project) -> None:
    """python-docx and docxtpl are loaded by the Word builder only, not by every build.

    A real build in a fresh process; conf.py records which of them were imported.
    """
    project.write("conf.py", (project.src / "conf.py").read_text("utf-8") + HOOK)
    project.write("index.rst", "Plan\n====\n\nHoofdstuk\n---------\n\nTekst.\n")
    html = project.run("html", out="html")
    assert html.returncode == 0, html.stderr
    assert json.loads((project.path / "_build/html/modules.json").read_text()) == []
    word = project.run("kernbeleid-docx", out="word")
    assert word.returncode == 0, word.stderr
    assert json.loads((project.path / "_build/word/modules.json").read_text()) == [
        "docx",
        "docxtpl",
    ]


def test_body_goes_into_the_template_in_place(project) -> None:
    """The body takes the place of {{p inhoud }}, between the template's own paragraphs,
    with every w:docPr id unique (numbered in document order, as docxtpl does)."""
    _template(
        project.src / "eigen.docx", "Voor: {{ titel }}", "{{p inhoud }}", "Na: {{ gemeente }}"
    )
    project.conf("kernbeleid_docx_sjabloon = 'eigen.docx'\n")
    (project.src / "kaart.png").write_bytes(TINY_PNG)
    image = ".. image:: kaart.png\n   :alt: Kaart\n"
    project.write("index.rst", f"Plan\n====\n\nHoofdstuk\n---------\n\n{image}\nTekst.\n\n{image}")
    result = project.build("kernbeleid-docx")
    assert result.status == 0 and not docx_warnings(result.warnings), result.warnings
    document = Document(str(result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"))
    texts = [text for _style, text in paragraphs(document)]
    assert texts[0] == "Voor: Plan" and texts[-1] == "Na: Voorbeeldstad"
    assert texts.index("Hoofdstuk") < texts.index("Tekst.")
    assert not any("kernbeleid-inhoud" in text for text in texts)
    ids = [e.get("id") for e in document.element.body.iter(docx_a11y.WP_DOCPR)]
    assert ids == ["1001", "1002"]
