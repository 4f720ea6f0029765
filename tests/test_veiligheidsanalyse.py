"""The veiligheidsanalyse in the method's shape: directive (HTML) and Word document."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from analyse_plan import make
from conftest import Project

from sphinxext_kernbeleid.model import analyse


def test_split_parts_reads_bold_labels_and_rubrics():
    text = (
        "Inleiding.\n\n**Problematiek.** Veel *inbraken*\nin Noord.\n\n"
        "**Huidige aanpak.** Preventie.\n\n.. rubric:: Wat extra nodig is\n\n"
        "* beter hang- en sluitwerk;\n* meer buurtpreventie.\n"
    )
    parts = analyse.split_parts(text)
    assert parts["overig"] == "Inleiding."
    assert parts["problematiek"] == "Veel inbraken in Noord."
    assert parts["aanpak"] == "Preventie."
    assert parts["extra"] == "– beter hang- en sluitwerk;\n\n– meer buurtpreventie."


class Cijfer:
    def __init__(self, aantal: int, voorlopig: bool = False) -> None:
        self.aantal, self.per_1000, self.voorlopig = Decimal(aantal), None, voorlopig


def test_trend_leaves_provisional_years_out():
    assert analyse.trend({2022: Cijfer(100), 2024: Cijfer(130)}).richting == "stijgend"
    assert analyse.trend({2022: Cijfer(100), 2024: Cijfer(95)}).richting == "stabiel"
    figures = {2022: Cijfer(100), 2024: Cijfer(80), 2025: Cijfer(500, True)}
    assert analyse.trend(figures).tekst == "▼ dalend (2022–2024)"
    assert analyse.trend({}).tekst == "–"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("analyse"))
    make(project)
    return project


def test_directive_per_veld_with_figures_parts_and_missing_themes(analysed):
    result = analysed.build("html")
    assert result.status == 0, result.warnings
    html = result.html()
    text = text_of(html)
    # the plattegrond: size, trend, candidate and whether the analysis is there
    assert "1.3 Objectieve veiligheid/veelvoorkomende en high impact crime" in text
    assert "300 misdrijven (2022); " not in text
    assert "270 misdrijven (2024); 5,4 per 1.000 inwoners" in text  # 150 + 120, ours only
    assert "2025 (deel van het jaar) 20" in text  # provisional: never shown as a whole year
    assert "Geen politiecijfers voor dit thema." in text  # e.g. 1.4: figures not hidden, said
    assert "▲ stijgend (2022–2024)" in text  # 2.1: 50 -> 80
    # veld 1's theme gives the problematiek only; its aspect the aanpak and extra
    thema_13 = text.split("Thema 1.3 ")[1].split("Thema 1.4 ")[0]
    assert "Problematiek?" in thema_13 and "Veel inbraken in Noorderkwartier." in thema_13
    assert "Huidige aanpak?" not in thema_13
    aspect = text.split("Aspect A5 ")[1].split("Aspect A6 ")[0]
    assert "Huidige aanpak? Vier boa's" in aspect and "Extra? Ja, avondtoezicht" in aspect
    thema_21 = text.split("Thema 2.1 ")[1].split("Thema 2.2 ")[0]
    for question in ("Problematiek?", "Huidige aanpak?", "Extra?"):
        assert question in thema_21
    # themes without analysis are listed, not hidden
    missing = text.split("Zonder analyse (nog te beschrijven):")[1]
    assert "5.5 Ambtelijke en bestuurlijke integriteit" in missing
    assert "A1 Infrastructuur" in missing and "1.3 Objectieve" not in missing
    # every chart has its figures in words
    alts = re.findall(r'<img alt="([^"]*)"', html)
    assert any("1.3 Objectieve" in a and "2022: 300; 2023: 290; 2024: 270" in a for a in alts)


def test_candidates_follow_the_extra_answer(analysed):
    """'Extra? Ja, …' makes a candidate prioriteit; 'Nee, …' does not."""
    result = analysed.build("html", out="html2")
    rows = text_of(result.html()).split("Plattegrond van de veiligheidsanalyse")[1]
    assert re.search(r"2\.1 Veilig winkelgebied .*? ja beschreven", rows)
    assert re.search(r"5\.2 Georganiseerde/ondermijnende criminaliteit .*? nee beschreven", rows)


def test_word_document_per_veld_with_veld_1_by_aspects(analysed):
    from docx import Document

    result = analysed.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    path = result.outdir / "Veiligheidsanalyse-Voorbeeldstad-2025.docx"
    assert path.is_file(), sorted(p.name for p in result.outdir.iterdir())
    assert "Toegankelijkheid" not in result.warnings
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in (
        "Plattegrond",
        "Veld 1: Veilige woon- en leefomgeving",
        "Aanpak per aspect",
        "Aspect A5 Toezicht en handhaving",
        "Veld 5: Integriteit en veiligheid",
        "Thema's en aspecten zonder analyse",
        "Soorten misdrijf die bij geen thema horen",
    ):
        assert heading in headings, heading
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Vier boa's in de wijken." in body
    tables = ["\n".join(c.text for c in t._cells) for t in document.tables]
    assert any("8.8.8" in t and "code staat niet in de indeling" in t for t in tables)
    pictures = document.inline_shapes
    assert len(pictures) >= 3
    for shape in pictures:
        assert shape._inline.docPr.get("descr"), "every chart has alt text"
