"""Build the default Word templates of the kernbeleid-docx builder.

Run ``python docx_templates/make_templates.py`` after changing the house style. It writes
the same files to ``docx_templates/`` (for a gemeente to copy and restyle in Word) and to
``sphinxext_kernbeleid/docx_templates/`` (shipped with the package). Both are committed;
the zip entries carry a fixed time, so the output is the same byte for byte on every run
(tests/test_docx_templates.py checks both copies against a fresh build).

The templates hold only styles, the title page, the table of contents field, header and
footer, and the tags ``{{ ... }}`` the builder fills (see docs/word.md, "Eigen huisstijl").
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
TARGETS = (HERE, HERE.parent / "sphinxext_kernbeleid" / "docx_templates")

FONT = "Arial"
DARK = RGBColor(0x1F, 0x38, 0x64)  # dark blue, contrast > 10:1 on white
GREY = RGBColor(0x40, 0x40, 0x40)

TABLE_STYLE = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="KernbeleidTabel">
  <w:name w:val="Kernbeleid Tabel"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="8EA0BE"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="8EA0BE"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EA0BE"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="8EA0BE"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EA0BE"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EA0BE"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def _font(style, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _dutch_defaults(doc) -> None:
    """Language nl-NL and the house font in the document defaults (accessibility)."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr_default.find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "nl-NL")
    lang.set(qn("w:bidi"), "ar-SA")
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "nl-NL")


def _paragraph_style(doc, name: str, base: str = "Normal"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _font(normal, 10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in ((1, 16), (2, 13), (3, 11.5), (4, 10.5), (5, 10), (6, 10)):
        style = styles[f"Heading {level}"]
        _font(style, size, bold=True, color=DARK)
        style.font.italic = level >= 4
        fmt = style.paragraph_format
        fmt.space_before = Pt(18 if level == 1 else 12)
        fmt.space_after = Pt(6)
        fmt.keep_with_next = True
        fmt.page_break_before = level == 1
    title = styles["Title"]
    _font(title, 28, bold=True, color=DARK)
    title.paragraph_format.space_before = Pt(150)
    title.paragraph_format.space_after = Pt(18)
    # python-docx's Title has a bottom border; keep the page clean.
    ppr = title.element.pPr
    if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
        ppr.remove(ppr.find(qn("w:pBdr")))
    subtitle = styles["Subtitle"]
    _font(subtitle, 16, color=GREY)
    subtitle.font.italic = False
    subtitle.paragraph_format.space_after = Pt(36)
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3"):
        _font(styles[name], 10)
    for name in ("List Number", "List Number 2", "List Number 3"):
        _font(styles[name], 10)
    for name in ("Header", "Footer"):
        _font(styles[name], 8, color=GREY)
    caption = styles["Caption"]
    _font(caption, 9, color=GREY)
    caption.font.italic = True
    quote = styles["Quote"]
    _font(quote, 10, color=GREY)
    toc_heading = styles["TOC Heading"]
    _font(toc_heading, 16, bold=True, color=DARK)
    toc_heading.paragraph_format.page_break_before = True
    toc_heading.paragraph_format.space_after = Pt(12)
    for level in (1, 2, 3):
        toc = _paragraph_style(doc, f"toc {level}")
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2 if level > 1 else 4)
        toc.paragraph_format.tab_stops.add_tab_stop(
            Cm(16),
            WD_TAB_ALIGNMENT.RIGHT,
            leader=1,  # dots
        )
        toc.font.bold = level == 1
    description = _paragraph_style(doc, "Titelpagina omschrijving")
    _font(description, 12, color=GREY)
    description.paragraph_format.space_after = Pt(30)
    meta = _paragraph_style(doc, "Titelpagina gegevens")
    _font(meta, 11, color=GREY)
    meta.paragraph_format.space_after = Pt(2)
    kader = _paragraph_style(doc, "Kader")
    ppr = kader.element.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="24" w:space="8" '
            'w:color="1F3864"/></w:pBdr>'
        )
    )
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="EEF2F8"/>'))
    kader.paragraph_format.left_indent = Cm(0.4)
    code = _paragraph_style(doc, "Code")
    _font(code, 9)
    code.font.name = "Courier New"
    fonts = code.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Courier New")
    code.paragraph_format.line_spacing = 1.0
    item = _paragraph_style(doc, "Kernbeleid Item")
    _font(item, 10.5, bold=True)
    item.paragraph_format.keep_with_next = True
    item.paragraph_format.space_before = Pt(10)
    item.paragraph_format.space_after = Pt(3)
    gegevens = _paragraph_style(doc, "Kernbeleid Gegevens")
    _font(gegevens, 9, color=GREY)
    gegevens.paragraph_format.space_after = Pt(4)
    gegevens.paragraph_format.keep_with_next = True
    cell = _paragraph_style(doc, "Tabeltekst")
    _font(cell, 9)
    cell.paragraph_format.space_after = Pt(2)
    cell.paragraph_format.line_spacing = 1.0
    # Word's built-in names, so Word's own footnote commands use them too.
    footnote = _paragraph_style(doc, "footnote text")
    _font(footnote, 8.5)
    footnote.paragraph_format.space_after = Pt(2)
    footnote.paragraph_format.line_spacing = 1.0
    footnote_ref = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    footnote_ref.font.superscript = True
    hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.color.rgb = RGBColor(0x1F, 0x4E, 0x99)
    hyperlink.font.underline = True
    styles.element.append(parse_xml(TABLE_STYLE))


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) with a cached result."""

    def run_with(child) -> None:
        run = paragraph.add_run()
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _header_footer(section) -> None:
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = "{{ afzender }} · {{ titel }}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.add_run("{{ titel }} · versie {{ versie }} · {{ status }} · {{ datum }}")
    footer = section.footer.add_paragraph(style="Footer")
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Pagina ")
    _field(footer, "PAGE", "1")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES", "1")


def build(landscape: bool) -> Document:
    doc = Document()
    _dutch_defaults(doc)
    _styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    _header_footer(section)
    # The tab stop of the toc styles sits at the right margin.
    text_width = section.page_width - section.left_margin - section.right_margin
    for level in (1, 2, 3):
        style = doc.styles[f"toc {level}"]
        tabs = style.paragraph_format.tab_stops
        for stop in list(tabs):
            tabs._pPr.tabs.remove(stop._tab)
        tabs.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, leader=1)

    doc.add_paragraph("{{ titel }}", style="Title")
    doc.add_paragraph("{{ afzender }}", style="Subtitle")
    # What an annex holds; the builder drops the line when it is empty (IVP, plan).
    doc.add_paragraph("{{ omschrijving }}", style="Titelpagina omschrijving")
    for line in (
        "Periode: {{ periode }}",
        "Versie: {{ versie }}",
        "Status: {{ status }}",
        "Datum: {{ datum }}",
    ):
        doc.add_paragraph(line, style="Titelpagina gegevens")
    doc.add_paragraph("Inhoud", style="TOC Heading")
    toc = doc.add_paragraph(style="toc 1")
    _field(
        toc,
        'TOC \\o "1-2" \\h \\z \\u',
        "De inhoudsopgave wordt bijgewerkt bij het openen (kies Ja) of via "
        "rechtsklik > Veld bijwerken.",
    )
    doc.add_paragraph("{{p inhoud }}")
    core = doc.core_properties
    core.title = ""
    core.language = "nl-NL"
    core.author = ""
    core.comments = ""
    return doc


#: Every entry of the zip gets this time, so the same house style gives the same bytes.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def reproducible(doc: Document) -> bytes:
    """The document as .docx bytes that depend only on its content (fixed zip times)."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, source.read(entry.filename))
    return out.getvalue()


def templates() -> dict[str, bytes]:
    """File name -> bytes of every default template."""
    return {
        name: reproducible(build(landscape))
        for name, landscape in (("kernbeleid.docx", False), ("kernbeleid-liggend.docx", True))
    }


def main() -> None:
    for name, data in templates().items():
        for target in TARGETS:
            target.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(data)
            print(f"geschreven: {target / name}")


if __name__ == "__main__":
    main()
