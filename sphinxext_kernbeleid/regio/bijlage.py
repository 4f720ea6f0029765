"""Step 3a as a Word annex: the local prioriteiten side by side, to choose the joint ones.

Written with python-docx on the package's own house-style template (its styles, page
setup and language), emptied of its placeholders. Accessible as the Word builder's
documents are: a title in the properties, language nl-NL, real headings, tables with a
marked header row and a caption.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from .queries import Regio
from .stap3a import INLEIDING, KOLOMMEN, LOKAAL_KOLOMMEN, TITEL, row_values

TEMPLATE = Path(__file__).resolve().parent.parent / "docx_templates" / "kernbeleid.docx"
TABLE_STYLE = "Kernbeleid Tabel"


def _table(
    document: Any, caption: str, head: list[str], rows: list[list[str]], widths: list[float]
) -> None:
    table = document.add_table(rows=1, cols=len(head))
    table.autofit = False
    try:
        table.style = document.styles[TABLE_STYLE]
    except KeyError:  # a gemeente's own template without the package's table style
        table.style = document.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    tblpr = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    tblpr.append(element)


def _header_and_footer(document: Any, line: str) -> None:
    """The template's header and footer lines name one plan; here they name the annex."""
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            for paragraph in part.paragraphs:
                if "{{" in paragraph.text:
                    paragraph.text = line


def write_bijlage(regio: Regio, target: Path, titel: str) -> None:
    """Write the annex to ``target`` (the caller makes the write atomic)."""
    document = Document(str(TEMPLATE))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    gemeenten = [p["gemeente"] for p in regio.plannen]
    _header_and_footer(document, f"{titel} · {TITEL[0].lower()}{TITEL[1:]}")
    document.core_properties.title = f"{TITEL} – {titel}"
    document.core_properties.language = "nl-NL"
    document.add_paragraph(f"Bijlage: {TITEL[0].lower()}{TITEL[1:]}", style="Title")
    document.add_paragraph(f"{titel}: {len(gemeenten)} gemeenten ({', '.join(gemeenten)}).")
    document.add_heading("Overlap en verschillen per thema", level=1)
    document.add_paragraph(INLEIDING)
    if regio.stap_3a:
        _table(
            document,
            "Lokale prioriteiten per thema",
            KOLOMMEN,
            [row_values(r, len(gemeenten)) for r in regio.stap_3a],
            [3.6, 1.6, 3.0, 2.4, 2.2, 3.2],
        )
    else:
        document.add_paragraph("Geen van de plannen noemt een prioriteit met een thema.")
    document.add_heading("Lokale prioriteiten per gemeente", level=1)
    _table(
        document,
        "Lokale prioriteiten per gemeente",
        LOKAAL_KOLOMMEN,
        [[r["gemeente"], r["prioriteiten"] or "geen"] for r in regio.lokaal],
        [4.0, 12.0],
    )
    document.save(str(target))
