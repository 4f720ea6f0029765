"""Build the default raadsvoorstel template (``kernbeleid-raadsvoorstel.docx``).

Run ``python docx_templates/make_raadsvoorstel.py`` after changing the house style (it
uses the styles of ``make_templates.py``). It writes the same file to ``docx_templates/``
(for a griffie to copy and make its own in Word) and to
``sphinxext_kernbeleid/docx_templates/``; the zip entries carry a fixed time, so the output
is the same byte for byte on every run (tests/test_raadsvoorstel.py checks both copies).

The template holds the fixed headings of a raadsvoorstel and a tag per part: plain values
such as ``{{ onderwerp }}``, and ``{{p beslispunten }}`` … each alone in a paragraph, where
the builder puts that part (see docs/vaststellen.md, "Het raadsvoorstel").
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_templates as base  # noqa: E402  (the house style of the other templates)

NAME = "kernbeleid-raadsvoorstel.docx"

#: (heading, tag) in the order of the usual raadsvoorstel; a griffie may reorder them.
PARTS = (
    ("Beslispunten", "beslispunten"),
    ("Inleiding", "inleiding"),
    ("Argumenten", "argumenten"),
    ("Kanttekeningen", "kanttekeningen"),
    ("Financiën", "financien"),
    ("Communicatie", "communicatie"),
    ("Vervolg", "vervolg"),
    ("Bijlagen", "bijlagen"),
)

#: Appendices, each on a page of its own.
APPENDICES = (
    ("Ontwerpbesluit", "raadsbesluit"),
    ("Bijlage: uitkomst van de toets", "toetsuitslag"),
    ("Bijlage: amendementen", "amendementen"),
)


def build() -> Document:
    doc = Document()
    base._dutch_defaults(doc)
    base._styles(doc)
    # A raadsvoorstel is short: no title page, chapters run on.
    doc.styles["Heading 1"].paragraph_format.page_break_before = False
    doc.styles["Title"].paragraph_format.space_before = Pt(0)
    doc.styles["Title"].font.size = Pt(22)
    section = doc.sections[0]
    section.page_width, section.page_height = base.Cm(21.0), base.Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, base.Cm(2.2))
    section.top_margin, section.bottom_margin = base.Cm(2.2), base.Cm(2.0)
    base._header_footer(section)
    section.different_first_page_header_footer = False

    doc.add_paragraph("{{ titel }}", style="Title")
    doc.add_paragraph("{{ onderwerp }}", style="Subtitle")
    for line in (
        "Gemeente: {{ gemeente }}",
        "Datum: {{ datum }}",
        "Versie: {{ versie }} ({{ status }})",
    ):
        doc.add_paragraph(line, style="Titelpagina gegevens")
    for heading, tag in PARTS:
        doc.add_heading(heading, level=1)
        doc.add_paragraph(f"{{{{p {tag} }}}}")
    for heading, tag in APPENDICES:
        doc.add_heading(heading, level=1).paragraph_format.page_break_before = True
        doc.add_paragraph(f"{{{{p {tag} }}}}")
    core = doc.core_properties
    core.title = ""
    core.language = "nl-NL"
    core.author = ""
    core.comments = ""
    return doc


def template() -> bytes:
    return base.reproducible(build())


def main() -> None:
    data = template()
    for target in base.TARGETS:
        target.mkdir(parents=True, exist_ok=True)
        (target / NAME).write_bytes(data)
        print(f"geschreven: {target / NAME}")


if __name__ == "__main__":
    main()
