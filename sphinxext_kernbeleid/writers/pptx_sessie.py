"""The prioriteringssessie as a PowerPoint file (python-pptx), accessible by construction.

Slides: title, how the session works, the plattegrond (two slides: five fields do not fit
one), one slide per candidate prioriteit (figures and chart, huidige aanpak, what extra
would bring), the proposal and the questions for the raad. Every slide has a real title
placeholder that comes first in the reading order, every picture its text alternative,
every run the Dutch language tag.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..files import atomic
from ..model import display
from ..model.analyse import AANPAK, EXTRA, PROBLEMATIEK, ThemaAnalyse, VeldAnalyse, filled
from ..model.prioritering import Voorstel
from ..render import analyse_grafiek

TITLE_SLIDE, TITLE_AND_CONTENT, TITLE_ONLY = 0, 1, 5
LANGUAGE = "nl-NL"
VRAGEN = (
    "Herkent u het veiligheidsbeeld uit de analyse?",
    "Kiest u voor deze prioriteiten, of mist u een thema?",
    "Wat vraagt u van de aanpak van de overige thema's?",
    "Hoe wilt u als raad op de voortgang worden meegenomen?",
)


def short(text: str, limit: int = 320) -> str:
    """The first sentences of a part, at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?;])\s+", text)
    out = ""
    for sentence in sentences:
        if len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    return out or text[: limit - 1].rstrip() + "…"


def _title_first(slide: Any, index: int) -> None:
    """Screen readers read shapes in tree order: the title goes first. A long theme name
    must fit, so titles after the first slide are smaller and sit at the top."""
    from pptx.util import Inches, Pt

    title = slide.shapes.title
    if title is not None:
        if index > 0:
            title.left, title.top = Inches(0.5), Inches(0.3)
            title.width, title.height = Inches(9), Inches(1.1)
            for paragraph in title.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(28)
        tree = slide.shapes._spTree
        tree.remove(title._element)
        tree.insert(2, title._element)


def _bullets(frame: Any, lines: list[tuple[str, int]]) -> None:
    from pptx.util import Pt

    frame.clear()
    frame.word_wrap = True
    for index, (text, level) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text, paragraph.level = text, level
        size = 20 if level == 0 else (16 if len(text) < 200 else 12)
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _content_slide(prs: Any, title: str, lines: list[tuple[str, int]]) -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = title
    _bullets(slide.placeholders[1].text_frame, lines)
    return slide


def _plattegrond(prs: Any, velden: list[VeldAnalyse], part: str) -> None:
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = f"Plattegrond van de veiligheid ({part})"
    rows = [t for v in velden for t in v.themas]
    shape = slide.shapes.add_table(
        len(rows) + 1, 4, Inches(0.4), Inches(1.5), Inches(9.2), Inches(0.3) * (len(rows) + 1)
    )
    shape.name = "Tabel plattegrond"
    table = shape.table
    for col, (head, width) in enumerate(
        (("Thema", 3.6), ("Omvang (laatste jaar)", 2.9), ("Trend", 1.5), ("Kandidaat", 1.2))
    ):
        table.columns[col].width = Inches(width)
        table.cell(0, col).text = head
    for row, t in enumerate(rows, start=1):
        kandidaat = "gekozen" if t.gekozen else ("ja" if t.kandidaat else "nee")
        values = (t.thema.label, t.omvang, t.trend.tekst, kandidaat)
        for col, value in enumerate(values):
            table.cell(row, col).text = value
    for cell in (c for r in table.rows for c in r.cells):
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(10)


def _kandidaat(prs: Any, t: ThemaAnalyse, cache_dir: Path) -> None:
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = f"Kandidaat-prioriteit: {t.thema.label}"
    left = Inches(0.4)
    if t.cijfers:
        path = analyse_grafiek.cached_png(t.thema.label, t.cijfers, cache_dir)
        picture = slide.shapes.add_picture(str(path), left, Inches(1.6), width=Inches(4.6))
        picture.name = f"Grafiek {t.thema.code}"
        picture._element.nvPicPr.cNvPr.set(
            "descr", analyse_grafiek.alt_text(t.thema.label, t.cijfers)
        )
        left = Inches(5.1)
    box = slide.shapes.add_textbox(left, Inches(1.5), Inches(9.6) - left, Inches(5.4))
    box.name = "Toelichting"
    frame = box.text_frame
    frame.word_wrap = True
    cijfers = f"{t.omvang}; trend {t.trend.tekst}." if t.cijfers else "Geen politiecijfers."
    parts = [
        ("Problematiek in cijfers", cijfers),
        ("Problematiek", short(t.parts.get(PROBLEMATIEK, ""))),
        ("Huidige aanpak", short(t.parts.get(AANPAK, ""))),
        ("Wat extra inzet oplevert", short(t.parts.get(EXTRA, ""))),
    ]
    first = True
    for head, text in parts:
        if head != "Problematiek in cijfers" and not filled(text):
            text = "Nog niet beschreven in de analyse."
        for content, bold in ((head, True), (text, False)):
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            run = paragraph.add_run()
            run.text = content
            run.font.bold = bold
            run.font.size = Pt(13 if bold else 12)


def _dutch(prs: Any) -> None:
    """The language tag on every run and paragraph end, and in the defaults."""
    from pptx.oxml.ns import qn

    for slide in prs.slides:
        for run in slide.shapes._spTree.iter(qn("a:r")):
            if run.find(qn("a:rPr")) is None:
                run.insert(0, run.makeelement(qn("a:rPr"), {}))
        for element in slide.shapes._spTree.iter(qn("a:rPr"), qn("a:endParaRPr")):
            element.set("lang", LANGUAGE)
        for paragraph in slide.shapes._spTree.iter(qn("a:p")):
            if paragraph.find(qn("a:endParaRPr")) is None:
                end = paragraph.makeelement(qn("a:endParaRPr"), {"lang": LANGUAGE})
                paragraph.append(end)
    for element in prs.part._element.iter(qn("a:defRPr")):
        element.set("lang", LANGUAGE)
    prs.core_properties.language = LANGUAGE


def presentation(
    velden: list[VeldAnalyse], voorstel: Voorstel, gemeente: str, periode: str, cache_dir: Path
) -> Any:
    """The whole session as a python-pptx ``Presentation`` (not yet saved)."""
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    slide.shapes.title.text = f"Prioriteringssessie veiligheid {gemeente}"
    slide.placeholders[1].text = f"Opiniërende raadssessie · Integraal Veiligheidsplan {periode}"
    _content_slide(
        prs,
        "Zo werkt deze sessie",
        [
            (
                "De veiligheidsanalyse beschrijft per thema de problematiek, de huidige aanpak "
                "en wat extra nodig is.",
                0,
            ),  # fmt: skip
            ("Vandaag geeft de raad richting aan de keuze van drie à vier prioriteiten.", 0),
            ("De andere thema's lopen door als overige thema's in het IVP.", 0),
            ("Duur: ongeveer een uur; er wordt niets formeel besloten.", 0),
        ],
    )
    _plattegrond(prs, velden[:2], "1 van 2: velden 1 en 2")
    _plattegrond(prs, velden[2:], "2 van 2: velden 3 tot en met 5")
    for t in (t for v in velden for t in v.themas if t.kandidaat):
        _kandidaat(prs, t, cache_dir)
    lines = [(f"Prioriteiten ({len(voorstel.prioriteiten)}):", 0)]
    lines += [(t.thema.label, 1) for t in voorstel.prioriteiten]
    lines.append(("Overige thema's (going concern):", 0))
    lines.append(("; ".join(t.thema.label for t in voorstel.overige) or "geen", 1))
    _content_slide(prs, "Voorstel: prioriteiten en overige thema's", lines)
    _content_slide(prs, "Vragen aan de raad", [(v, 0) for v in VRAGEN])
    for index, slide in enumerate(prs.slides):
        _title_first(slide, index)
    _dutch(prs)
    prs.core_properties.title = f"Prioriteringssessie veiligheid {gemeente} {periode}"
    prs.core_properties.author = display.gemeente(gemeente)
    return prs


def write(prs: Any, target: Path) -> None:
    """Save in one step: a reader never sees half a file."""

    def save(tmp: Path) -> None:
        prs.save(str(tmp))

    atomic.write(target, save)
