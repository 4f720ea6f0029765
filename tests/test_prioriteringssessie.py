"""The prioriteringssessie's PowerPoint: read back, accessible, opens in LibreOffice Impress."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from analyse_plan import make
from conftest import Project

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def pptx_file(tmp_path_factory) -> Path:
    project = Project(tmp_path_factory.mktemp("sessie"))
    make(project)
    result = project.build("kernbeleid-pptx")
    assert result.status == 0, result.warnings
    path = result.outdir / "Prioriteringssessie-Voorbeeldstad-2025.pptx"
    assert path.is_file(), sorted(p.name for p in result.outdir.iterdir())
    return path


def test_slides_titles_and_proposal(pptx_file):
    from pptx import Presentation

    prs = Presentation(str(pptx_file))
    titles = [slide.shapes.title.text for slide in prs.slides]
    # title, how it works, plattegrond ×2, the one candidate (extra: "Ja"), proposal, questions
    assert titles == [
        "Prioriteringssessie veiligheid Voorbeeldstad",
        "Zo werkt deze sessie",
        "Plattegrond van de veiligheid (1 van 2: velden 1 en 2)",
        "Plattegrond van de veiligheid (2 van 2: velden 3 tot en met 5)",
        "Kandidaat-prioriteit: 2.1 Veilig winkelgebied",
        "Voorstel: prioriteiten en overige thema's",
        "Vragen aan de raad",
    ]
    proposal = prs.slides[5].placeholders[1].text_frame.text
    assert "2.1 Veilig winkelgebied" in proposal
    assert "5.2 Georganiseerde/ondermijnende criminaliteit" in proposal.split("Overige")[1]
    candidate = "\n".join(s.text_frame.text for s in prs.slides[4].shapes if s.has_text_frame)
    assert "Een winkelstraatmanager" in candidate or "winkelstraatmanager" in candidate
    assert "Keurmerk Veilig Ondernemen." in candidate
    assert prs.core_properties.language == "nl-NL"


def test_accessible_titles_first_alt_text_and_dutch(pptx_file):
    from pptx import Presentation

    prs = Presentation(str(pptx_file))
    pictures = 0
    for slide in prs.slides:
        shapes = list(slide.shapes)
        assert shapes[0].is_placeholder and shapes[0] == slide.shapes.title  # reading order
        for shape in shapes:
            if shape.shape_type == 13:  # picture
                pictures += 1
                alt = shape._element.nvPicPr.cNvPr.get("descr")
                assert alt and "per jaar: 2022: 50; 2023: 60; 2024: 80" in alt
        runs = list(slide.shapes._spTree.iter(f"{A}r"))
        assert runs and all(r.find(f"{A}rPr").get("lang") == "nl-NL" for r in runs)
    assert pictures == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice ontbreekt")
def test_opens_in_libreoffice_impress(pptx_file, tmp_path):
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx_file)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / (pptx_file.stem + ".pdf")
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Pages:           7" in info
