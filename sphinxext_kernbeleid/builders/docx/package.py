"""Finishing the Word package after the body is in: styles, lists, footnotes, TOC, sections.

What any template needs whatever the gemeente brought: the writer's styles, numbering
definitions, the footnotes part, the filled table of contents, section and title-page
fixes, properties and language. Loaded only for a Word build.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

from ...model import display
from ...writers.docx.ooxml import landscape_sectpr, qn, set_ppr, style_ids, styles_by_name
from ...writers.docx.styles import STYLE_NAMES
from .template import DEFAULT_TEMPLATE, PACKAGE_TEMPLATES

SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema "
    "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
    "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
    "doNotEmbedSmartTags decimalSymbol listSeparator"
).split()


def footnotes_xml() -> str:
    """An empty footnotes part, with the separator notes Word expects."""

    return (
        f"<w:footnotes {nsdecls('w', 'r')}>"
        + "".join(
            f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0" '
            f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
            for number, kind in ((-1, "separator"), (0, "continuationSeparator"))
        )
        + "</w:footnotes>"
    )


def _footnotes_part(document: Any, create: bool) -> Any:

    part = document.part
    for rel in part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return rel.target_part
    if not create:
        return None
    footnotes = XmlPart(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(footnotes_xml()), part.package
    )
    part.relate_to(footnotes, RT.FOOTNOTES)
    # As Word writes it: the settings name the separator notes (schema order matters).
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        footnote_pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        place_setting(settings, footnote_pr, SETTINGS_AFTER_UPDATE_FIELDS[2:])
    return footnotes


def footnote_base(document: Any) -> int:
    """The highest footnote id the template already has (its separators); ours follow."""

    part = _footnotes_part(document, create=False)
    if part is None:
        return 0
    ids = [int(n.get(qn("w:id"))) for n in part.element.findall(qn("w:footnote"))]
    return max([0, *ids])


def add_footnotes(document: Any, notes: list[Any]) -> None:
    """Put the translated notes into the footnotes part (made when the template has none).

    A link or picture in a note refers to a relationship of the footnotes part, not of the
    document: those are made anew there.
    """
    if not notes:
        return
    part = _footnotes_part(document, create=True)
    doc_rels = document.part.rels
    for note in notes:
        for element in note.iter():
            for attr in (qn("r:id"), qn("r:embed")):
                rid = element.get(attr)
                if rid is None or rid not in doc_rels:
                    continue
                rel = doc_rels[rid]
                if rel.is_external:
                    new = part.relate_to(rel.target_ref, rel.reltype, is_external=True)
                else:
                    new = part.relate_to(rel.target_part, rel.reltype)
                element.set(attr, new)
        part.element.append(note)


def finish_sections(document: Any, *, ends_landscape: bool) -> None:
    """The template's own section is now the last of several: the title page is in the
    first one, and after a final landscape table the last section is landscape too."""

    body = document.element.body
    final = body.find(qn("w:sectPr"))
    if final is None:
        return
    if ends_landscape:
        final.getparent().replace(final, landscape_sectpr(final))
    else:
        for title_page in final.findall(qn("w:titlePg")):
            final.remove(title_page)


def ensure_styles(document: Any) -> dict[str, str]:
    """Map the writer's style names to this template's style ids; copy missing ones.

    A gemeente template made in a Dutch Word names Heading 1 'Kop1' (id) but keeps the
    built-in name 'heading 1', so we look styles up by name, case-insensitively.
    """
    styles_el = document.styles.element
    by_name = style_ids(document)
    missing = [name for name in STYLE_NAMES if name.lower() not in by_name]
    if missing:
        default = Document(str(PACKAGE_TEMPLATES / DEFAULT_TEMPLATE)).styles.element
        defaults = styles_by_name(default)
        for name in missing:
            style = defaults.get(name.lower())
            if style is None:
                continue
            style = copy.deepcopy(style)
            style_id = style.get(qn("w:styleId"))
            existing_ids = {s.get(qn("w:styleId")) for s in styles_el.findall(qn("w:style"))}
            if style_id in existing_ids:
                style_id = f"Kb{style_id}"
                style.set(qn("w:styleId"), style_id)
            styles_el.append(style)
            by_name[name.lower()] = style_id
    return {name: by_name[name.lower()] for name in STYLE_NAMES if name.lower() in by_name}


_LEVEL_XML = """<w:lvl {ns} w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>
<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="{left}" w:hanging="357"/></w:pPr>{rpr}</w:lvl>"""


def add_list_definitions(document: Any) -> tuple[int, int]:
    """Our bullet and decimal list definitions, added to this document's numbering."""

    numbering = document.part.numbering_part.element
    used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    first = max(used, default=-1) + 1
    bullets = ("\u2022", "\u2013", "\u25aa")
    decimals = (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}."))
    anchor = numbering.find(qn("w:num"))
    for offset, numbered in ((0, False), (1, True)):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(first + offset))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "hybridMultilevel")
        abstract.append(multi)
        for ilvl in range(9):
            if numbered:
                fmt, text = decimals[ilvl % 3]
                text = text.format(n=ilvl + 1)
                rpr = ""
            else:
                fmt, text = "bullet", bullets[ilvl % 3]
                rpr = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr>'
            abstract.append(
                parse_xml(
                    _LEVEL_XML.format(
                        ns=nsdecls("w"),
                        ilvl=ilvl,
                        fmt=fmt,
                        text=text,
                        left=357 * (ilvl + 1) + 0,
                        rpr=rpr,
                    )
                )
            )
        if anchor is not None:
            anchor.addprevious(abstract)
        else:
            numbering.append(abstract)
    return first, first + 1


def fill_toc(document: Any, headings: list[tuple[int, str, str]]) -> list[tuple[str, Any]]:
    """Put the headings into the TOC field's shown result, linked to their place.

    Word rebuilds the field with page numbers when the document opens (updateFields);
    LibreOffice shows this result as is, so the list is already right without Word.
    """
    body = document.element.body
    instr = next(
        (i for i in body.iter(qn("w:instrText")) if (i.text or "").strip().startswith("TOC")),
        None,
    )
    if instr is None or not headings:
        return []
    levels = re.search(r'\\o\s+"(\d)-(\d)"', instr.text or "")
    deepest = int(levels.group(2)) if levels else 3
    headings = [h for h in headings if h[0] <= deepest]
    paragraph = instr.getparent().getparent()
    runs = [r for r in paragraph if r.tag == qn("w:r")]
    kinds = [
        (r, r.find(qn("w:fldChar")).get(qn("w:fldCharType")))
        for r in runs
        if r.find(qn("w:fldChar")) is not None
    ]
    separate = next((r for r, kind in kinds if kind == "separate"), None)
    end = next((r for r, kind in kinds if kind == "end"), None)
    if separate is None or end is None:
        return []
    started = False
    for run in runs:
        if run is separate:
            started = True
            continue
        if run is end:
            break
        if started:
            paragraph.remove(run)
    paragraph.remove(end)
    styles = style_ids(document)
    last = paragraph
    slots: list[tuple[str, Any]] = []
    for index, (level, text, bookmark) in enumerate(headings):
        entry = parse_xml(
            f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="'
            f'{styles.get(f"toc {level}", "Normal")}"/></w:pPr>'
            f'<w:hyperlink w:anchor="{bookmark}" w:history="1"><w:r><w:t xml:space="preserve">'
            f"</w:t></w:r><w:r><w:tab/></w:r>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            "<w:r><w:t></w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "</w:hyperlink></w:p>"
        )
        texts = list(entry.iter(qn("w:t")))
        texts[0].text = text
        slots.append((text, texts[-1]))
        if index == 0:
            paragraph.find(qn("w:pPr")).find(qn("w:pStyle")).set(
                qn("w:val"), styles.get(f"toc {level}", "Normal")
            )
            for child in list(entry):
                if child.tag != qn("w:pPr"):
                    paragraph.append(child)
        else:
            last.addnext(entry)
            last = entry
    last.append(end)
    return slots


#: A hyphen between digits ("2026-2029"): a period, which should not break over two lines.
NUMBER_RANGE = re.compile(r"(?<=\d)-(?=\d)")

TITLE_PAGE_STYLES = ("Title", "Subtitle", "Titelpagina gegevens")


def keep_number_ranges_together(document: Any) -> None:
    """Non-breaking hyphens in "2026-2029" on the title page and in header and footer.

    Word breaks a line after any hyphen, so a long title ended in "2026-" with "2029" alone
    on the next line. Word's own w:noBreakHyphen looks the same and keeps the period whole.
    """
    containers = title_page_paragraphs(document.element.body, title_page_ids(document))
    for part in document.part.package.iter_parts():
        if part.content_type in (CT.WML_HEADER, CT.WML_FOOTER):
            containers.append(part.element)
    keep_number_ranges_in(containers)


def title_page_ids(document: Any) -> set[str]:
    """The ids of the title page's styles in ``document``."""
    names = style_ids(document)
    return {names[n.lower()] for n in TITLE_PAGE_STYLES if n.lower() in names}


def title_page_paragraphs(body: Any, title_ids: set[str]) -> list[Any]:
    """The paragraphs in ``body`` with a title page style (the body, or a part of it
    finished earlier: builders/docx/stukken)."""
    found: list[Any] = []
    ppr_tag, p_tag, val = qn("w:pPr"), qn("w:p"), qn("w:val")
    # One C-level search for the style elements, not a find() per paragraph of the body.
    for style in body.iter(qn("w:pStyle")):
        ppr = style.getparent()
        if style.get(val) in title_ids and ppr.tag == ppr_tag and ppr.getparent().tag == p_tag:
            found.append(ppr.getparent())
    return found


def keep_number_ranges_in(containers: list[Any]) -> None:
    """Non-breaking hyphens in the number ranges of the text in ``containers``."""
    for container in containers:
        for t in list(container.iter(qn("w:t"))):
            pieces = NUMBER_RANGE.split(t.text or "")
            if len(pieces) == 1:
                continue
            t.text = pieces[0]
            t.set(qn("xml:space"), "preserve")
            anchor = t
            for piece in pieces[1:]:
                hyphen = OxmlElement("w:noBreakHyphen")
                anchor.addnext(hyphen)
                anchor = OxmlElement("w:t")
                anchor.text = piece
                anchor.set(qn("xml:space"), "preserve")
                hyphen.addnext(anchor)


def finish_document(document: Any, values: dict[str, Any]) -> None:
    """Properties, language and field updating: set here so any template gets them."""

    core = document.core_properties
    core.title = values.get("documenttitel") or values["titel"]
    core.language = "nl-NL"
    core.subject = f"Integrale veiligheid gemeente {values['gemeente']}"
    core.author = display.gemeente(values["gemeente"])
    core.comments = ""
    core.keywords = "integrale veiligheid; Kernbeleid Veiligheid"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    core.created = core.modified = now
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    settings = document.settings.element
    _setting(settings, "updateFields", SETTINGS_AFTER_UPDATE_FIELDS).set(qn("w:val"), "true")
    switch_on_hyphenation(settings)
    keep_words_whole(document)


#: Styles whose lines are never hyphenated: a title or heading reads as whole words.
WHOLE_WORD_STYLES = (
    "title",
    "subtitle",
    "toc heading",
    "kernbeleid item",
    "caption",
    *(f"heading {level}" for level in range(1, 10)),
    *(f"toc {level}" for level in range(1, 10)),
)


def keep_words_whole(document: Any) -> None:
    """No hyphenation in titles, headings and TOC lines (set on their styles, so any
    template gets it)."""
    by_name = styles_by_name(document.styles.element)
    for name in WHOLE_WORD_STYLES:
        style = by_name.get(name)
        if style is None:
            continue
        ppr = style.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            rpr = style.find(qn("w:rPr"))
            if rpr is not None:
                rpr.addprevious(ppr)
            else:
                style.append(ppr)
        if ppr.find(qn("w:suppressAutoHyphens")) is None:
            set_ppr(ppr, OxmlElement("w:suppressAutoHyphens"))


#: w:settings children that come after w:autoHyphenation (schema order; Word is strict).
SETTINGS_AFTER_HYPHENATION = (
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags alwaysMergeEmptyNamespace "
    "updateFields"
).split() + SETTINGS_AFTER_UPDATE_FIELDS


def _setting(settings: Any, name: str, later_names: list[str]) -> Any:
    """The ``w:NAME`` element of settings.xml, made in its schema place when missing: before
    the first of ``later_names`` (Word refuses a settings part out of order)."""
    element = settings.find(qn(f"w:{name}"))
    if element is None:
        element = OxmlElement(f"w:{name}")
        place_setting(settings, element, later_names)
    return element


def place_setting(settings: Any, element: Any, later_names: list[str]) -> None:
    """Put ``element`` into settings.xml before the first of ``later_names`` present."""
    later = {qn(f"w:{other}") for other in later_names}
    anchor = next((child for child in settings if child.tag in later), None)
    if anchor is not None:
        anchor.addprevious(element)
    else:
        settings.append(element)


def switch_on_hyphenation(settings: Any) -> None:
    """Word's automatic hyphenation (Dutch, as the text is nl-NL): a long compound word in a
    narrow column breaks with a hyphen ("Voorlichtings-bijeenkomsten"), not anywhere."""
    hyphenation = _setting(settings, "autoHyphenation", SETTINGS_AFTER_HYPHENATION)
    hyphenation.set(qn("w:val"), "true")
    # Hyphenate only where it helps: not two lines in a row ending in a hyphen, a zone of
    # 0.75 cm (Word's 0.63 cm hyphenates every other line), no words in capitals (acronyms).
    anchor = hyphenation
    for name, value in (("consecutiveHyphenLimit", "2"), ("hyphenationZone", "425")):
        existing = settings.find(qn(f"w:{name}"))
        if existing is None:
            existing = OxmlElement(f"w:{name}")
            existing.set(qn("w:val"), value)
            anchor.addnext(existing)
        anchor = existing
    if settings.find(qn("w:doNotHyphenateCaps")) is None:
        anchor.addnext(OxmlElement("w:doNotHyphenateCaps"))


#: Picture types Word shows (an SVG logo stays on the site and in the report).
WORD_PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")


def title_page_house_style(
    document: Any, *, colour: str | None, logo: Path | None, alt: str
) -> None:
    """The gemeente's house colour for the title (a tint readable on white, from
    ``huisstijl``) and its logo above the title, with alt text."""
    names = style_ids(document)
    title_id = names.get("title")
    if colour and title_id:
        style = next(
            (
                s
                for s in document.styles.element.findall(qn("w:style"))
                if s.get(qn("w:styleId")) == title_id
            ),
            None,
        )
        if style is not None:
            _set_colour(style, colour)
    if logo is None or logo.suffix.lower() not in WORD_PICTURES or not title_id:
        return
    title = next(
        (
            p
            for p in document.element.body.iter(qn("w:p"))
            if (s := p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) is not None
            and s.get(qn("w:val")) == title_id
        ),
        None,
    )
    if title is None:
        return
    inline = document.part.new_pic_inline(str(logo), None, Cm(2.5))
    inline.docPr.set("descr", alt)
    inline.docPr.set("title", alt)
    paragraph = OxmlElement("w:p")
    run = OxmlElement("w:r")
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    run.append(drawing)
    paragraph.append(run)
    title.addprevious(paragraph)


#: w:rPr children after w:color (schema order).
RPR_AFTER_COLOR = (
    "spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
    "lang eastAsianLayout specVanish oMath"
).split()


#: The cover's line that names what an annex holds (``{{ omschrijving }}``); empty elsewhere.
COVER_DESCRIPTION_STYLE = "Titelpagina omschrijving"


def drop_empty_cover_lines(document: Any) -> None:
    """A cover line whose tag was empty (``{{ omschrijving }}`` outside an annex) goes: no
    empty paragraphs as white space (a screen reader reads them as blank lines)."""
    names = style_ids(document)
    style_id = names.get(COVER_DESCRIPTION_STYLE.lower())
    if style_id is None:
        return
    for p in list(document.element.body.iter(qn("w:p"))):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or style.get(qn("w:val")) != style_id:
            continue
        if not "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            p.getparent().remove(p)


#: Styles that carry the house colour when ``kernbeleid_huiskleur`` is set.
HOUSE_COLOUR_STYLES = ("toc heading", *(f"heading {level}" for level in range(1, 10)))


def headings_house_style(document: Any, colour: str, fill: str) -> None:
    """The house colour on every heading (a tint readable on white) and as the fill of the
    tables' header rows (white text on it reaches 4.5:1), not only on the title page."""
    by_name = styles_by_name(document.styles.element)
    for name in HOUSE_COLOUR_STYLES:
        style = by_name.get(name)
        if style is not None:
            _set_colour(style, colour)
    table_style = by_name.get("kernbeleid tabel")
    if table_style is None:
        return
    for shd in table_style.iter(qn("w:shd")):
        if shd.getparent().getparent().get(qn("w:type")) == "firstRow":
            shd.set(qn("w:fill"), fill.lstrip("#").upper())


def _set_colour(style: Any, colour: str) -> None:
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        style.append(rpr)
    color = rpr.find(qn("w:color"))
    if color is None:
        color = OxmlElement("w:color")
        later = [c for c in rpr if c.tag in {qn(f"w:{n}") for n in RPR_AFTER_COLOR}]
        if later:
            later[0].addprevious(color)
        else:
            rpr.append(color)
    for attr in list(color.attrib):
        del color.attrib[attr]
    color.set(qn("w:val"), colour.lstrip("#").upper())


def _flat(p: Any) -> str:
    text = "".join(
        "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
        for t in p.iter(qn("w:t"), qn("w:noBreakHyphen"))
    )
    return " ".join(text.replace("\u00a0", " ").replace("\u2019", "'").split())


def break_before_headings(document: Any, first_lines: list[str]) -> list[Any]:
    """A page break before each heading (a body paragraph that keeps with the next) whose
    text starts with one of ``first_lines``, matched in document order. Returns the
    elements added, so they can be taken out again (:func:`remove_elements`)."""
    added: list[Any] = []
    paragraphs = [
        p
        for p in document.element.body
        if p.tag == qn("w:p") and p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
    ]
    position = 0
    for line in first_lines:
        key = " ".join(line.split())
        while position < len(paragraphs) and not _flat(paragraphs[position]).startswith(key):
            position += 1
        if position == len(paragraphs):
            break
        ppr = paragraphs[position].find(qn("w:pPr"))
        if ppr.find(qn("w:pageBreakBefore")) is None:
            brk = OxmlElement("w:pageBreakBefore")
            set_ppr(ppr, brk)
            added.append(brk)
        position += 1
    return added


def remove_elements(elements: list[Any]) -> None:
    for element in elements:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
