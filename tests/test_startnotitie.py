"""Step 1: the startnotitie chapter of ``kernbeleid nieuw`` and its Word document."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Project

from sphinxext_kernbeleid.cli import main as cli
from sphinxext_kernbeleid.model import stappen

ARGS = ["--gemeente", "Voorbeeldstad", "--periode", "2027-2030", "--prioriteiten", "1.3,5.2"]


def test_the_six_steps_with_the_handbooks_durations():
    steps = stappen.load()
    assert [s.naam for s in steps] == [
        "Opstart",
        "Veiligheidsanalyse",
        "Prioritering",
        "Opstellen IVP",
        "Opstellen Uitvoeringsplan",
        "Van beleid naar uitvoering",
    ]
    assert [s.doorlooptijd for s in steps] == [
        "4 à 6 weken",
        "8 à 10 weken",
        "4 weken",
        "8 weken",
        "6 weken",
        "doorlopend",
    ]
    plan = stappen.planning(dt.date(2026, 9, 7), {2: 9})
    assert (plan[0].begin, plan[0].eind) == (dt.date(2026, 9, 7), dt.date(2026, 10, 18))
    assert plan[1].weken == 9 and plan[2].begin == plan[1].eind + dt.timedelta(days=1)
    assert plan[5].eind is None
    with pytest.raises(ValueError, match="schrijf bijvoorbeeld 2=9"):
        stappen.parse_weken("twee=9")


@pytest.mark.parametrize("markdown", [False, True], ids=["rst", "markdown"])
def test_nieuw_writes_the_startnotitie_and_word_makes_it_a_document(tmp_path, markdown):
    from docx import Document

    target = tmp_path / "plan"
    extra = ["--markdown"] if markdown else []
    assert cli.main(["nieuw", str(target), *ARGS, *extra]) == 0
    ext = ".md" if markdown else ".rst"
    chapter = target / f"startnotitie{ext}"
    text = chapter.read_text("utf-8")
    assert "kernbeleid-planning" in text and "[IN TE VULLEN" in text
    assert "1.3 Objectieve veiligheid/veelvoorkomende en high impact crime" in text
    assert "startnotitie" in (target / f"index{ext}").read_text("utf-8")
    start = "   :start: 2026-09-07\n" if not markdown else ":start: 2026-09-07\n"
    directive = "```{kernbeleid-planning}\n" if markdown else ".. kernbeleid-planning::\n"
    chapter.write_text(text.replace(directive, directive + start), "utf-8")
    project = Project(tmp_path / "bouw")
    project.src = target
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    path = result.outdir / "Startnotitie-Voorbeeldstad-2027-2030.docx"
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in ("Beleidscyclus en planning", "Werkgroep en partners", "Rol van de raad"):
        assert heading in headings
    planning = next(t for t in document.tables if t.cell(0, 0).text == "Stap")
    assert [c.text for c in planning.rows[1].cells] == [
        "1 Opstart",
        "Startnotitie (bestuurlijke opdracht), werkgroep en startbijeenkomst",
        "6 weken",
        "7 september 2026",
        "18 oktober 2026",
        "2 dagen",
    ]
    assert planning.rows[6].cells[4].text == "tijdens de uitvoering"
    werkgroep = next(t for t in document.tables if t.cell(0, 0).text == "Organisatie")
    assert werkgroep.cell(4, 0).text == "Politie, basisteam"
    assert "Toegankelijkheid" not in result.warnings


def test_a_wrong_start_date_is_a_located_warning(project: Project):
    project.write(
        "index.rst",
        "Start\n=====\n\n.. kernbeleid-planning::\n   :start: 7-9-2026\n   :weken: 9=4\n",
    )
    result = project.build("html")
    assert "index.rst:4" in result.warnings
    assert ":start: '7-9-2026' is geen datum; schrijf bijvoorbeeld 2026-09-01" in result.warnings
    assert "stap 9 bestaat niet" in result.warnings
    html = result.html()
    assert "8 à 10 weken" in html and "Veiligheidsanalyserapportage" in html
