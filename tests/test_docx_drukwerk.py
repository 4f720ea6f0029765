"""Word documents a griffier sends on as they are (issue 19, points 1 and 2, Word side): a
plan kept in single files gives the same three documents as a plan in folders, each
maatregel names what it serves, tables of one kind look alike, and the pages break as a
typesetter would break them (checked in the PDF, page by page)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import Project
from docx import Document
from docx.oxml.ns import qn
from pdf_pagina import headings_at_page_foot, near_empty_pages, pages

TOOLS = all(shutil.which(t) for t in ("soffice", "pdftohtml"))
needs_tools = pytest.mark.skipif(not TOOLS, reason="LibreOffice en poppler zijn nodig")

INDEX = """\
Veiligheid in Voorbeeldstad
===========================

.. toctree::

   ivp
   uitvoeringsplan
"""

IVP = """\
Integraal Veiligheidsplan
=========================

Prioriteiten
------------

.. prioriteit:: Ondermijning tegengaan
   :id: PRIO_ONDERMIJNING
   :kv: 5.2
   :rang: 1

   Ondermijning is de eerste prioriteit.

.. doel:: Minder ondermijning op bedrijventerreinen
   :id: DOEL_ONDERMIJNING
   :hoort_bij: PRIO_ONDERMIJNING

.. effectindicator:: Panden met signalen
   :id: EI_PANDEN
   :hoort_bij: DOEL_ONDERMIJNING
   :bron: gemeentelijke-registratie
   :soort: objectief
   :eenheid: panden
   :nulmeting: 23 (2024)
   :streefwaarde: 12 (2029)
   :richting: dalen
{metingen}
.. effectindicator:: Gevoel van veiligheid op het terrein
   :id: EI_GEVOEL
   :hoort_bij: DOEL_ONDERMIJNING
   :bron: ondernemersenquete
   :soort: subjectief
   :eenheid: procent
   :nulmeting: 60% (2024)
   :streefwaarde: 70% (2029)
   :richting: stijgen

.. prioriteit:: Jeugd
   :id: PRIO_JEUGD
   :kv: 3.1
   :rang: 2

.. doel:: Minder jeugdoverlast
   :id: DOEL_JEUGD
   :hoort_bij: PRIO_JEUGD

.. effectindicator:: Meldingen jeugdoverlast
   :id: EI_JEUGD
   :hoort_bij: DOEL_JEUGD
   :bron: politieregistratie
   :soort: objectief
   :eenheid: meldingen
   :nulmeting: 210 (2024)
   :streefwaarde: 150 (2029)
   :richting: dalen

.. effectindicator:: Overlast door jongeren ervaren
   :id: EI_JEUGD_BELEVING
   :hoort_bij: DOEL_JEUGD
   :bron: veiligheidsmonitor
   :soort: subjectief
   :eenheid: procent
   :nulmeting: 12% (2023)
   :streefwaarde: 9% (2029)
   :richting: dalen
"""

UITVOERING = """\
Uitvoeringsplan
===============

Ondermijning
------------

.. actiepunt:: Aanpak bedrijventerrein
   :id: AP_TERREIN
   :hoort_bij: PRIO_ONDERMIJNING

.. maatregel:: Integrale controles
   :id: MR_CONTROLES
   :hoort_bij: AP_TERREIN
   :draagt_bij_aan: DOEL_ONDERMIJNING
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :partners: Politie; RIEC; Belastingdienst; Omgevingsdienst
   :planning: 2026-Q1..2026-Q4
   :budget: € 30.000
   :status: lopend

   Maandelijkse controles van panden waarover signalen bestaan, met alle toezichthouders
   tegelijk. De selectie van panden gebeurt op basis van het lokale ondermijningsbeeld en
   de signalen van ondernemers, politie en de Belastingdienst.

.. prestatie-indicator:: Uitgevoerde controles
   :id: PI_CONTROLES
   :hoort_bij: MR_CONTROLES
   :streefwaarde: 12
   :eenheid: controles

Jeugd
-----

.. actiepunt:: Groepsaanpak
   :id: AP_GROEP
   :hoort_bij: PRIO_JEUGD

.. maatregel:: Groepsaanpak jeugdgroep Centrum
   :id: MR_GROEP
   :hoort_bij: AP_GROEP
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team Jeugd
   :partners: Politie; Jongerenwerk
   :planning: 2026-Q2..2026-Q4
   :budget: € 12.000
   :status: gepland

   Een persoonsgerichte aanpak van de jongeren uit de groep bij het winkelcentrum.

.. prestatie-indicator:: Jongeren met een plan
   :id: PI_GROEP
   :hoort_bij: MR_GROEP
   :streefwaarde: 15 jongeren
"""

PROGRESS = """\
periode: 2026-Q2
maatregelen:
  MR_CONTROLES:
    status: lopend
    toelichting: '- vijf controles met politie; twee panden gesloten.'
"""


def single_file_plan(
    tmp_path: Path, *, metingen: str = "", extra_conf: str = "", folders: bool = False
) -> Project:
    """The plan in two files (ivp.rst, uitvoeringsplan.rst) or, with ``folders``, as
    ``kernbeleid nieuw`` writes it (ivp/index.rst, uitvoeringsplan/index.rst)."""
    project = Project(tmp_path / "p")
    project.conf(extra_conf)
    suffix = "/index" if folders else ""
    project.write(
        "index.rst",
        INDEX.replace("ivp\n", f"ivp{suffix}\n").replace(
            "uitvoeringsplan\n", f"uitvoeringsplan{suffix}\n"
        ),
    )
    ivp = IVP.format(metingen=f"   :metingen: {metingen}\n" if metingen else "")
    project.write(f"ivp{suffix}.rst", ivp)
    project.write(f"uitvoeringsplan{suffix}.rst", UITVOERING)
    project.write("voortgang/2026-Q2.yaml", PROGRESS)
    return project


def body_text(path: Path) -> str:
    return "\n".join(
        "".join(
            "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
            for t in p.iter(qn("w:t"), qn("w:noBreakHyphen"))
        )
        for p in Document(str(path)).element.body.iter(qn("w:p"))
    )


def grids(path: Path) -> list[list[int]]:
    return [
        [int(g.get(qn("w:w"))) for g in t.find(qn("w:tblGrid"))]
        for t in Document(str(path)).element.body.iter(qn("w:tbl"))
    ]


def header_texts(table) -> list[str]:
    row = table.find(qn("w:tr"))
    return ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in row.findall(qn("w:tc"))]


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Path:
    project = single_file_plan(tmp_path_factory.mktemp("enkel"))
    result = project.build("kernbeleid-docx", "-W", "--keep-going")
    assert result.status == 0, result.warnings
    return result.outdir


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> Path:
    """The same plan in folders: the tables and texts below do not depend on the layout."""
    project = single_file_plan(tmp_path_factory.mktemp("mappen"), folders=True)
    result = project.build("kernbeleid-docx", "-W", "--keep-going")
    assert result.status == 0, result.warnings
    return result.outdir


def test_single_file_plan_gives_the_three_documents(single) -> None:
    names = sorted(p.name for p in single.glob("*.docx"))
    assert names == [
        "Bijlagen-Voorbeeldstad-2026-2029.docx",
        "IVP-Voorbeeldstad-2026-2029.docx",
        "Uitvoeringsplan-Voorbeeldstad-2026.docx",
        "Voortgangsrapportage-Voorbeeldstad-2026-Q2.docx",
    ]
    ivp = body_text(single / "IVP-Voorbeeldstad-2026-2029.docx")
    plan = body_text(single / "Uitvoeringsplan-Voorbeeldstad-2026.docx")
    # The IVP holds the prioriteiten, not the maatregelen; the plan the other way round.
    assert "Panden met signalen" in ivp and "Integrale controles" not in ivp
    assert "Integrale controles" in plan and "Panden met signalen" not in plan
    # Each cover names gemeente and period, also when the chapter title does not.
    covers = {
        name: [p.text for p in Document(str(single / name)).paragraphs[:5]] for name in names[:3]
    }
    assert "Periode: 2026-2029" in covers["IVP-Voorbeeldstad-2026-2029.docx"]
    assert "Uitvoeringsplan 2026" in covers["Uitvoeringsplan-Voorbeeldstad-2026.docx"]
    for lines in covers.values():
        assert "Gemeente Voorbeeldstad" in lines


def test_every_maatregel_names_its_prioriteit_and_doel(single, folders) -> None:
    assert body_text(single / "Uitvoeringsplan-Voorbeeldstad-2026.docx") == body_text(
        folders / "Uitvoeringsplan-Voorbeeldstad-2026.docx"
    )
    plan = body_text(folders / "Uitvoeringsplan-Voorbeeldstad-2026.docx")
    controles = plan[plan.index("Integrale controles") :]
    assert controles.startswith(
        "Integrale controles\nPrioriteit 1: Ondermijning tegengaan\n"
        "Draagt bij aan: Minder ondermijning op bedrijventerreinen\n"
    )
    # A maatregel that names no doel: the doelen of its prioriteit, said as such.
    groep = plan[plan.index("Groepsaanpak jeugdgroep Centrum") :]
    assert groep.startswith(
        "Groepsaanpak jeugdgroep Centrum\nPrioriteit 2: Jeugd\n"
        "Doel van deze prioriteit: Minder jeugdoverlast\n"
    )


def test_annex_cover_names_its_contents(single) -> None:
    cover = [
        p.text
        for p in Document(str(single / "Bijlagen-Voorbeeldstad-2026-2029.docx")).paragraphs[:5]
    ]
    line = next(text for text in cover if text.startswith("Bij het "))
    assert "Integraal Veiligheidsplan 2026-2029" in line and "Uitvoeringsplan 2026" in line
    assert "Plattegrond" in line and "overzichten per prioriteit" in line
    # Elsewhere the line is not there at all (no empty paragraph on the cover).
    ivp = Document(str(single / "IVP-Voorbeeldstad-2026-2029.docx"))
    assert all(p.text.strip() for p in ivp.paragraphs[:4])


def test_progress_text_without_typed_list_marker(folders) -> None:
    plan = body_text(folders / "Uitvoeringsplan-Voorbeeldstad-2026.docx")
    assert "Stand 2026-Q2: vijf controles met politie; twee panden gesloten." in plan
    assert "Stand 2026-Q2: -" not in plan


def test_tables_of_one_kind_have_the_same_widths(folders) -> None:
    widths = grids(folders / "Uitvoeringsplan-Voorbeeldstad-2026.docx")
    actions = [w for w in widths if len(w) == 6]
    assert len(actions) == 2
    assert actions[0] == actions[1]
    # The description column is the widest; budget and planning take what they need.
    first = actions[0]
    assert first[0] == max(first) and first[0] > 1.5 * sorted(first)[-2]
    assert first[4] < first[3] < first[0]
    indicators = [w for w in grids(folders / "IVP-Voorbeeldstad-2026-2029.docx") if len(w) == 6]
    assert len(indicators) == 2 and indicators[0] == indicators[1]
    assert indicators[0][0] == max(indicators[0])


def test_header_words_fit_and_are_never_hyphenated(folders) -> None:
    """'Prestatie-indicato-ren': a header word is as narrow as its column may be."""
    for path in folders.glob("*.docx"):
        for table in Document(str(path)).element.body.iter(qn("w:tbl")):
            grid = [int(g.get(qn("w:w"))) for g in table.find(qn("w:tblGrid"))]
            header = table.find(qn("w:tr"))
            if header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
                continue
            small = header.find(f".//{qn('w:sz')}") is not None  # 8 pt
            for width, text in zip(grid, header_texts(table), strict=False):
                for word in re.split(r"(?<=-)|\s+", text):
                    need = len(word) * (84 if small else 95) * 1.12 + 170
                    assert need <= width, f"{path.name}: '{word}' in {width} twips"
            for p in header.iter(qn("w:p")):
                assert p.find(f"{qn('w:pPr')}/{qn('w:suppressAutoHyphens')}") is not None


def test_no_op_koers_column_before_any_measurement(folders, tmp_path) -> None:
    for table in Document(str(folders / "IVP-Voorbeeldstad-2026-2029.docx")).element.body.iter(
        qn("w:tbl")
    ):
        assert "Op koers?" not in header_texts(table)
    headers: dict[str, list[list[str]]] = {}
    for meting in ("18 (2025)", "18 (2026)"):  # before the plan's period, and in it
        measured = single_file_plan(tmp_path / meting[4:8], metingen=meting, folders=True)
        result = measured.build("kernbeleid-docx", "-W", "--keep-going")
        assert result.status == 0, result.warnings
        document = Document(str(result.outdir / "IVP-Voorbeeldstad-2026-2029.docx"))
        headers[meting] = [header_texts(t) for t in document.element.body.iter(qn("w:tbl"))]
    assert not any("Op koers?" in h for h in headers["18 (2025)"])
    assert [
        "Effectindicator",
        "Bron",
        "Soort",
        "Nulmeting",
        "Streefwaarde",
        "Richting",
        "Op koers?",
    ] in headers["18 (2026)"]


def test_house_colour_on_every_heading(tmp_path) -> None:
    project = single_file_plan(
        tmp_path, extra_conf='kernbeleid_huiskleur = "#8B0000"\n', folders=True
    )
    result = project.build("kernbeleid-docx", "-W", "--keep-going")
    assert result.status == 0, result.warnings
    document = Document(str(result.outdir / "IVP-Voorbeeldstad-2026-2029.docx"))
    for name in ("Title", "Heading 1", "Heading 2", "TOC Heading"):
        assert document.styles[name].font.color.rgb is not None, name
        assert str(document.styles[name].font.color.rgb) == "8B0000", name
    table_style = document.styles["Kernbeleid Tabel"].element
    fills = [s.get(qn("w:fill")) for s in table_style.iter(qn("w:shd"))]
    assert fills == ["8B0000"]


@needs_tools
def test_pages_break_as_a_typesetter_would(tmp_path) -> None:
    """In the PDF: no heading in the last three lines of a page, and no page left nearly
    empty because a table after it was kept whole (a long table breaks between rows)."""
    project = single_file_plan(tmp_path, folders=True)
    # Enough text that tables and headings meet page ends: many maatregelen, long rows.
    extra = "\n".join(
        f"""
Actiepunt {n}
-------------

Dit actiepunt bundelt de maatregelen van blok {n}. Het beschrijft in een paar regels wat
er gebeurt en waarom, zodat de lezer weet wat volgt.

.. actiepunt:: Blok {n}
   :id: AP_BLOK_{n}
   :hoort_bij: PRIO_JEUGD
"""
        + "".join(
            f"""
.. maatregel:: Maatregel {n}.{m} met een wat langere titel
   :id: MR_BLOK_{n}_{m}
   :hoort_bij: AP_BLOK_{n}
   :bestuurlijk_trekker: Wethouder Jeugd
   :ambtelijk_trekker: Team Jeugd en Onderwijs
   :partners: Politie; Jongerenwerk; Leerplicht; Wijkteam
   :planning: 2026-Q1..2026-Q4
   :budget: € {m}.000
   :status: gepland

   {"Een beschrijving van wat deze maatregel inhoudt en met wie. " * (2 + (n * m) % 7)}

.. prestatie-indicator:: Resultaat {n}.{m}
   :id: PI_BLOK_{n}_{m}
   :hoort_bij: MR_BLOK_{n}_{m}
   :streefwaarde: {m} bijeenkomsten
"""
            for m in range(1, 2 + n % 4)
        )
        for n in range(1, 13)
    )
    project.write("uitvoeringsplan/index.rst", UITVOERING + extra)
    result = project.build("kernbeleid-docx", "-D", "kernbeleid_docx_pdf=1")
    assert result.status == 0, result.warnings
    pdf = result.outdir / "Uitvoeringsplan-Voorbeeldstad-2026.pdf"
    found = pages(pdf)
    assert len(found) >= 6
    assert headings_at_page_foot(found) == []
    assert near_empty_pages(found) == []
    # A page break the builder set for LibreOffice's PDF is not left in the Word document.
    plain = project.build("kernbeleid-docx", out="alleen-word")
    name = "Uitvoeringsplan-Voorbeeldstad-2026.docx"
    assert _breaks(result.outdir / name) == _breaks(plain.outdir / name)


def _breaks(path: Path) -> int:
    return sum(
        1
        for b in Document(str(path)).element.body.iter(qn("w:pageBreakBefore"))
        if b.get(qn("w:val")) in (None, "1", "true")
    )


def test_parts_not_found_once_give_one_document(tmp_path) -> None:
    """Maatregelen in two chapters of the start page: no part is taken (or one of them would
    be missing from Word); the whole plan is one document, named with its period."""
    project = single_file_plan(tmp_path)
    jeugd = UITVOERING.index("Jeugd\n-----")
    project.write("uitvoeringsplan.rst", UITVOERING[:jeugd])
    project.write(
        "jeugd.rst", "Jeugd in uitvoering\n===================\n\n" + UITVOERING[jeugd + 12 :]
    )
    project.write("index.rst", INDEX + "   jeugd\n")
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    names = sorted(p.name for p in result.outdir.glob("*.docx"))
    assert "Veiligheidsplan-Voorbeeldstad-2026-2029.docx" in names
    assert "Uitvoeringsplan-Voorbeeldstad-2026.docx" not in names
    text = body_text(result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx")
    assert "Integrale controles" in text and "Groepsaanpak jeugdgroep Centrum" in text
