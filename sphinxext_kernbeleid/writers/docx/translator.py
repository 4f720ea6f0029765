"""Docutils doctree -> WordprocessingML body elements (python-docx oxml), Sphinx style.

The translator appends lxml elements to the current container (body, table cell) and
never asks python-docx for cells or paragraphs by index, so building is linear in the
size of the document (python-docx's cell access is O(table size) per call).

Generic: it knows docutils and Sphinx nodes only. :mod:`.kernbeleid` extends it with the
Kernbeleid items and tables (``KernbeleidTranslator``), the class the builder uses.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.shared import Emu
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

from ...files.errors import unreadable_image
from ...model.plan import Plan
from .ooxml import (
    XML_SPACE,
    bookmark_name,
    clean_text,
    el,
    landscape_sectpr,
    qn,
    remove_children,
    section_break,
    set_ppr,
    sub_el,
)
from .widths import (
    CELL_PADDING,
    CHAR_TWIPS,
    NO_BREAK_HYPHEN,
    fit_widths,
    measure_columns,
)

logger = logging.getLogger(__name__)


ADMONITION_LABELS = {
    "attention": "Let op",
    "caution": "Voorzichtig",
    "danger": "Gevaar",
    "error": "Fout",
    "hint": "Hint",
    "important": "Belangrijk",
    "note": "Opmerking",
    "tip": "Tip",
    "warning": "Waarschuwing",
    "seealso": "Zie ook",
}


@dataclass
class DocxContext:
    """What the translator needs from the output document: styles, parts, page size."""

    document: Any  # docx.Document of the template being rendered
    styles: dict[str, str]  # style name -> style id in that document
    text_width: int  # EMU
    plan: Plan | None
    #: Text width (EMU) of the page turned to landscape; 0 when the page already is.
    landscape_width: int = 0
    bullet_abstract: int = 0
    number_abstract: int = 0
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # level, text, bookmark
    #: w:footnote elements for the footnotes part, numbered from 1 in reading order.
    footnotes: list[Any] = field(default_factory=list)
    footnote_base: int = 0  # the template's highest footnote id (its separators)
    _next_num: int = 0

    def style(self, name: str) -> str:
        return self.styles.get(name) or self.styles.get("Normal", "Normal")

    def new_num(self, numbered: bool) -> int:
        """A w:num of our list definition; numbered lists restart at 1 each time."""
        numbering = self.document.part.numbering_part.element
        if not self._next_num:
            used = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
            self._next_num = max(used, default=0) + 1
        num_id = self._next_num
        self._next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        abstract = OxmlElement("w:abstractNumId")
        abstract.set(qn("w:val"), str(self.number_abstract if numbered else self.bullet_abstract))
        num.append(abstract)
        if numbered:
            override = OxmlElement("w:lvlOverride")
            override.set(qn("w:ilvl"), "0")
            start = OxmlElement("w:startOverride")
            start.set(qn("w:val"), "1")
            override.append(start)
            num.append(override)
        numbering.append(num)
        return num_id


#: The run properties :meth:`DocxTranslator._rpr` writes, in schema order.
RUN_PROPS = ("style", "code", "bold", "italic", "sz", "vert")


@dataclass
class _ListState:
    numbered: bool
    num_id: int
    level: int


class DocxTranslator(SphinxTranslator):
    """Visits one assembled doctree and fills ``self.body`` with w:p / w:tbl elements."""

    def __init__(self, document: nodes.document, builder: Any, context: DocxContext) -> None:
        super().__init__(document, builder)
        self.ctx = context
        self.body: list[Any] = []
        self.containers: list[Any] = [self.body]
        self.para: Any = None
        self.para_style: list[str] = []
        self.run_props: list[dict[str, Any]] = []
        self.link_stack: list[Any] = []
        self.lists: list[_ListState] = []
        self.list_item_first: list[bool] = []
        self.docs: list[list[int]] = [[0, 0]]  # per included document: [base, depth]
        self.skip_title = True  # the start document's title is on the title page
        self.warned: set[str] = set()
        #: Every id in the document (links only to those), the ids of footnotes that a
        #: footnote_reference points to (those become Word footnotes) and the footnotes.
        self.anchors: set[str] = set()
        self.referenced_footnotes: set[str] = set()
        self.footnote_nodes: dict[str, nodes.Element] = {}
        self._collect_targets(document)
        self.bookmark_id = 100
        self.bookmarks: set[str] = set()
        self.first_block = True
        self.seen_heading = False
        #: The last section heading written (an item opening its section merges into it).
        self.last_heading: Any = None
        #: Text of the last heading or item heading: names the tables under it.
        self.last_heading_text = ""
        #: Levels an informal heading sits below its section (inside an item's heading: 1).
        self.heading_offset = 0
        #: Body slices [start, end) holding a table too wide for the portrait page.
        self.wide_tables: list[tuple[int, int]] = []
        #: Set when landscape sections were made: the last section is landscape too.
        self.sections_added = False
        self.ends_landscape = False

    # ------------------------------------------------------------------ helpers
    def _collect_targets(self, document: nodes.document) -> None:
        """One walk over the tree for what links and footnotes need to know in advance."""
        for node in document.findall(nodes.Element):
            ids = node.get("ids")
            if ids:
                self.anchors.update(ids)
                if isinstance(node, nodes.footnote):
                    for anchor in ids:
                        self.footnote_nodes[anchor] = node
            if isinstance(node, nodes.footnote_reference) and "refid" in node:
                self.referenced_footnotes.add(node["refid"])

    def container_append(self, element: Any) -> None:
        self.containers[-1].append(element)  # the body (a list), a cell or a note

    def new_para(self, style: str | None = None) -> Any:
        target = self.containers[-1]
        after_table = len(target) and target[-1].tag == qn("w:tbl")
        # In a cell or note the paragraph is made in place; the body is a Python list.
        p = el("w:p") if isinstance(target, list) else sub_el(target, "w:p")
        ppr = sub_el(p, "w:pPr")
        style = style or (self.para_style[-1] if self.para_style else None)
        if style:
            sub_el(ppr, "w:pStyle", val=self.ctx.style(style))
        if after_table:
            # Air between a table and the text under it (Word adds none).
            set_ppr(ppr, el("w:spacing", before="160"))
        if self.first_block and len(self.containers) == 1:
            set_ppr(ppr, el("w:pageBreakBefore"))
            self.first_block = False
        if isinstance(target, list):
            target.append(p)
        self.para = p
        return p

    def ensure_para(self) -> Any:
        if self.para is None:
            self.new_para(self._list_continue_style())
        return self.para

    def end_para(self) -> None:
        p = self.para
        self.para = None
        if p is None:
            return
        if not self._has_content(p) and len(self.containers) == 1:
            # No empty paragraphs in the body (they read as blank lines in a screen reader).
            if self.body and self.body[-1] is p:
                self.body.pop()  # the usual case; remove() would search the whole body
            else:
                self.body.remove(p)

    @staticmethod
    def _has_content(p: Any) -> bool:
        for child in p.iter(
            qn("w:t"), qn("w:drawing"), qn("w:br"), qn("w:fldChar"), qn("w:footnoteReference")
        ):
            if child.tag != qn("w:t") or (child.text or "").strip():
                return True
        return False

    def add_run(self, text: str, **extra: Any) -> Any:
        text = clean_text(text)
        if not text:
            return None
        p = self.ensure_para()
        run = sub_el(self.link_stack[-1] if self.link_stack else p, "w:r")
        props: dict[str, Any] = {}
        for layer in self.run_props:
            props.update(layer)
        props.update(extra)
        self._rpr(run, props)
        # "2026-Q1 t/m 2026-Q4": the hyphens of periods and quarters never end a line.
        pieces = NO_BREAK_HYPHEN.split(text) if "-" in text else [text]
        for index, piece in enumerate(pieces):
            if index:
                sub_el(run, "w:noBreakHyphen")
            if piece:
                t = sub_el(run, "w:t")
                t.text = piece
                t.set(XML_SPACE, "preserve")
        return run

    def _rpr(self, run: Any, props: dict[str, Any]) -> None:
        """The run's w:rPr for ``props`` (none when they ask for nothing)."""
        if not any(props.get(key) for key in RUN_PROPS):
            return
        rpr = sub_el(run, "w:rPr")
        if props.get("style"):
            sub_el(rpr, "w:rStyle", val=self.ctx.style(props["style"]))
        if props.get("code"):
            sub_el(rpr, "w:rFonts", ascii="Courier New", hAnsi="Courier New", cs="Courier New")
        if props.get("bold"):
            sub_el(rpr, "w:b")
        if props.get("italic"):
            sub_el(rpr, "w:i")
        if props.get("sz"):
            sub_el(rpr, "w:sz", val=props["sz"])
            sub_el(rpr, "w:szCs", val=props["sz"])
        if props.get("vert"):
            sub_el(rpr, "w:vertAlign", val=props["vert"])

    def warn_once(self, key: str, message: str, node: nodes.Node) -> None:
        if key in self.warned:
            return
        self.warned.add(key)
        logger.warning(message, type="kernbeleid", subtype="docx", location=node)

    def bookmark(self, p: Any, ids: list[str]) -> list[str]:
        """Bookmarks for ``ids`` on paragraph ``p``; returns the names actually set.

        Inlined documents can repeat a section id (two sections 'Toelichting'); Word
        keeps one bookmark per name, so a repeated name is not set again.
        """
        names = []
        for anchor in ids:
            name = bookmark_name(anchor)
            if name in self.bookmarks:
                continue
            self.bookmarks.add(name)
            names.append(name)
            self.bookmark_id += 1
            start = el("w:bookmarkStart", id=str(self.bookmark_id), name=name)
            end = el("w:bookmarkEnd", id=str(self.bookmark_id))
            ppr = p.find(qn("w:pPr"))
            if ppr is not None:
                ppr.addnext(start)
            else:
                p.insert(0, start)
            p.append(end)
        return names

    def _list_continue_style(self) -> str | None:
        if self.para_style:
            return self.para_style[-1]
        if self.lists:
            level = min(len(self.lists), 3)
            return "List Continue" if level == 1 else f"List Continue {level}"
        return None

    # ------------------------------------------------------------------ structure
    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        self.end_para()
        self._landscape_sections()

    # ------------------------------------------------------------------ landscape pages
    def _leads_in(self, element: Any) -> bool:
        """A heading, caption or item line that belongs with the table below it."""
        if element.tag != qn("w:p"):
            return False
        ppr = element.find(qn("w:pPr"))
        if ppr is None:
            return False
        if ppr.find(qn("w:keepNext")) is not None:
            return True
        style = ppr.find(qn("w:pStyle"))
        lead_styles = {
            self.ctx.style(name)
            for name in (*(f"Heading {i}" for i in range(1, 10)), "Caption", "Kernbeleid Item")
        }
        return style is not None and style.get(qn("w:val")) in lead_styles

    def _landscape_sections(self) -> None:
        """Put each too-wide table (with its heading and caption) on landscape pages.

        Word ends a section at the paragraph whose w:pPr holds a w:sectPr; that sectPr
        describes the section it ends. The last section is the template's own sectPr.
        """
        if not self.wide_tables:
            return
        body = self.body
        ranges: list[list[int]] = []
        for start, end in self.wide_tables:
            while start > 0 and self._leads_in(body[start - 1]):
                start -= 1
            if ranges and all(self._leads_in(e) for e in body[ranges[-1][1] : start]):
                ranges[-1][1] = end  # only headings between two wide tables: one section
            else:
                ranges.append([start, end])
        final = self.ctx.document.sections[-1]._sectPr
        for number, (start, end) in reversed(list(enumerate(ranges))):
            if end < len(body):
                body.insert(end, section_break(landscape_sectpr(final)))
            else:
                self.ends_landscape = True
            portrait = copy.deepcopy(final)
            if number:  # only the first section holds the title page
                remove_children(portrait, "w:titlePg")
            before = body[start - 1] if start else None
            if (
                before is not None
                and before.tag == qn("w:p")
                and before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None
            ):
                if before.find(qn("w:pPr")) is None:
                    before.insert(0, el("w:pPr"))
                set_ppr(before.find(qn("w:pPr")), portrait)
            else:
                body.insert(start, section_break(portrait))
        self.sections_added = True

    def visit_start_of_file(self, node: nodes.Element) -> None:
        base, depth = self.docs[-1]
        # An included document becomes a chapter of the document that includes it.
        self.docs.append([base + 1, 0])

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.docs.pop()

    def visit_section(self, node: nodes.section) -> None:
        self.end_para()
        self.docs[-1][1] += 1

    def depart_section(self, node: nodes.section) -> None:
        self.end_para()
        self.docs[-1][1] -= 1

    def heading_level(self) -> int:
        base, depth = self.docs[-1]
        return base + depth - 1

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        if isinstance(parent, nodes.section):
            level = self.heading_level()
            if level <= 0:
                if self.skip_title:
                    self.skip_title = False
                    raise nodes.SkipNode
                level = 1
            level = min(level, 9)
            self.end_para()
            first_heading = not self.seen_heading
            self.seen_heading = True
            p = self.new_para(f"Heading {level}")
            # Never alone at the foot of a page, whatever the template's style says.
            set_ppr(p.find(qn("w:pPr")), el("w:keepNext"))
            set_ppr(p.find(qn("w:pPr")), el("w:suppressAutoHyphens"))  # whole words
            self.last_heading = p
            if first_heading and level == 1 and len(self.body) > 1:
                # Short intro text of the start document: the first chapter follows it.
                set_ppr(p.find(qn("w:pPr")), el("w:pageBreakBefore", val="0"))
            names = self.bookmark(p, parent.get("ids", []))
            if not names:  # every id already used earlier: the TOC needs its own mark
                names = self.bookmark(p, [f"kop_{len(self.ctx.headings) + 1}"])
            text = clean_text(node.astext()).strip()
            self.last_heading_text = text
            if names:
                self.ctx.headings.append((level, text, names[0]))
            return
        if isinstance(parent, nodes.table):
            self.end_para()
            self.new_para("Caption")
            return
        if isinstance(parent, (nodes.Admonition, nodes.topic, nodes.sidebar)):
            self.end_para()
            self.new_para()
            self.run_props.append({"bold": True})
            node["_kb_bold"] = True
            return
        self.end_para()
        self.new_para()
        self.run_props.append({"bold": True})
        node["_kb_bold"] = True

    def depart_title(self, node: nodes.title) -> None:
        if node.get("_kb_bold"):
            self.run_props.pop()
        self.end_para()

    def visit_subtitle(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para("Kernbeleid Item")

    def depart_subtitle(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_rubric(self, node: nodes.Element) -> None:
        """An informal heading: navigable (outline level), not in the TOC."""
        self.end_para()
        p = self.new_para("Kernbeleid Item")
        ppr = p.find(qn("w:pPr"))
        set_ppr(ppr, el("w:keepNext"))
        if len(self.containers) == 1:
            level = min(max(self.heading_level(), 0) + 1 + self.heading_offset, 9)
            set_ppr(ppr, el("w:outlineLvl", val=str(level - 1)))

    def depart_rubric(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        if isinstance(node.parent, nodes.list_item) and self.list_item_first[-1]:
            self.list_item_first[-1] = False
            self.end_para()
            state = self.lists[-1]
            level = min(state.level + 1, 3)
            base = "List Number" if state.numbered else "List Bullet"
            p = self.new_para(base if level == 1 else f"{base} {level}")
            ppr = p.find(qn("w:pPr"))
            numpr = el("w:numPr")
            numpr.append(el("w:ilvl", val=str(state.level)))
            numpr.append(el("w:numId", val=str(state.num_id)))
            set_ppr(ppr, numpr)
            return
        self.end_para()
        self.new_para(self._list_continue_style())

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        self.end_para()

    def visit_compound(self, node: nodes.Element) -> None:
        pass

    def depart_compound(self, node: nodes.Element) -> None:
        pass

    visit_container = visit_compound
    depart_container = depart_compound

    def visit_Text(self, node: nodes.Text) -> None:
        self.add_run(node.astext())

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    # ------------------------------------------------------------------ inline
    def _inline(self, props: dict[str, Any]) -> None:
        self.run_props.append(props)

    def _pop_inline(self, node: nodes.Node) -> None:
        self.run_props.pop()

    def visit_strong(self, node: nodes.Element) -> None:
        self._inline({"bold": True})

    depart_strong = _pop_inline

    def visit_emphasis(self, node: nodes.Element) -> None:
        self._inline({"italic": True})

    depart_emphasis = _pop_inline

    def visit_literal(self, node: nodes.Element) -> None:
        self._inline({"code": True})

    depart_literal = _pop_inline
    visit_literal_strong = visit_strong
    depart_literal_strong = _pop_inline
    visit_literal_emphasis = visit_emphasis
    depart_literal_emphasis = _pop_inline
    visit_title_reference = visit_emphasis
    depart_title_reference = _pop_inline

    def visit_subscript(self, node: nodes.Element) -> None:
        self._inline({"vert": "subscript"})

    depart_subscript = _pop_inline

    def visit_superscript(self, node: nodes.Element) -> None:
        self._inline({"vert": "superscript"})

    depart_superscript = _pop_inline

    def visit_inline(self, node: nodes.Element) -> None:
        self._inline({})

    depart_inline = _pop_inline
    visit_abbreviation = visit_inline
    depart_abbreviation = _pop_inline
    visit_manpage = visit_literal
    depart_manpage = _pop_inline

    def visit_reference(self, node: nodes.reference) -> None:
        self.ensure_para()
        link = None
        refuri = node.get("refuri", "")
        if node.get("refid"):
            anchor = node["refid"]
            if anchor in self.anchors:
                link = el("w:hyperlink", anchor=bookmark_name(anchor))
        elif refuri and not node.get("internal") and re.match(r"^(https?|mailto|ftp):", refuri):
            rid = self.ctx.document.part.relate_to(refuri, RT.HYPERLINK, is_external=True)
            link = el("w:hyperlink")
            link.set(qn("r:id"), rid)
        elif "#" in refuri:
            anchor = refuri.rsplit("#", 1)[1]
            if anchor in self.anchors:
                link = el("w:hyperlink", anchor=bookmark_name(anchor))
        if link is None:
            node["_kb_link"] = False
            return
        link.set(qn("w:history"), "1")
        self.para.append(link)
        self.link_stack.append(link)
        self.run_props.append({"style": "Hyperlink"})
        node["_kb_link"] = True

    def depart_reference(self, node: nodes.reference) -> None:
        if node.get("_kb_link"):
            self.link_stack.pop()
            self.run_props.pop()

    visit_number_reference = visit_reference
    depart_number_reference = depart_reference

    def visit_download_reference(self, node: nodes.Element) -> None:
        pass

    def depart_download_reference(self, node: nodes.Element) -> None:
        pass

    def visit_pending_xref(self, node: nodes.Element) -> None:
        pass

    def depart_pending_xref(self, node: nodes.Element) -> None:
        pass

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        """A real Word footnote: the number in the text, the note at the foot of the page."""
        footnote = self.footnote_nodes.get(node.get("refid", ""))
        if footnote is None:
            self.add_run(f"[{node.astext()}]", vert="superscript")
            raise nodes.SkipNode
        number = self.ctx.footnote_base + len(self.ctx.footnotes) + 1
        note = el("w:footnote", id=str(number))
        self.ctx.footnotes.append(note)
        self._footnote_body(note, footnote)
        run = el("w:r")
        run.append(self._footnote_rpr())
        run.append(el("w:footnoteReference", id=str(number)))
        p = self.ensure_para()
        # rst needs a space before "[#]_"; in Word the number sits against the word.
        texts = list(p.iter(qn("w:t")))
        if texts and texts[-1].text:
            texts[-1].text = texts[-1].text.rstrip(" ")
        (self.link_stack[-1] if self.link_stack else p).append(run)
        raise nodes.SkipNode

    def visit_citation_reference(self, node: nodes.Element) -> None:
        self.add_run(f"[{node.astext()}]", vert="superscript")
        raise nodes.SkipNode

    def _footnote_rpr(self) -> Any:
        rpr = el("w:rPr")
        if "footnote reference" in self.ctx.styles:
            rpr.append(el("w:rStyle", val=self.ctx.styles["footnote reference"]))
        rpr.append(el("w:vertAlign", val="superscript"))
        return rpr

    @contextlib.contextmanager
    def _writing_into(
        self, container: Any, style: str, *, fresh_runs: bool = False
    ) -> Iterator[None]:
        """Write into another container (a table cell, a footnote), then carry on here.

        Paragraph and list state start fresh inside and are restored afterwards. Run
        formatting (a wide table's small type) carries into cells; a footnote starts
        without it (``fresh_runs``).
        """
        saved = (
            self.para,
            self.lists,
            self.list_item_first,
            self.para_style,
            self.run_props,
            self.link_stack,
        )
        self.para, self.lists, self.list_item_first = None, [], []
        self.para_style = [style]
        if fresh_runs:
            self.run_props, self.link_stack = [], []
        self.containers.append(container)
        try:
            yield
            self.end_para()
        finally:
            self.containers.pop()
            (
                self.para,
                self.lists,
                self.list_item_first,
                self.para_style,
                self.run_props,
                self.link_stack,
            ) = saved

    def _note_text(self, note: nodes.Element) -> None:
        """A note's content; its first paragraph continues the line with the number."""
        first = True
        for child in note.children:
            if isinstance(child, nodes.label):
                continue
            if first and isinstance(child, nodes.paragraph):
                for grandchild in child.children:
                    grandchild.walkabout(self)
            else:
                self.end_para()
                child.walkabout(self)
            first = False
        self.end_para()

    def _footnote_body(self, note: Any, footnote: nodes.Element) -> None:
        with self._writing_into(note, "footnote text", fresh_runs=True):
            p = self.new_para()
            mark = el("w:r")
            mark.append(self._footnote_rpr())
            mark.append(el("w:footnoteRef"))
            p.append(mark)
            self.add_run(" ")
            self._note_text(footnote)

    def visit_footnote(self, node: nodes.Element) -> None:
        """A note nobody refers to stays where docutils put it, as "[1] text"; the others
        are Word footnotes (see :meth:`visit_footnote_reference`)."""
        if self.referenced_footnotes.intersection(node.get("ids", ())):
            raise nodes.SkipNode
        self.end_para()
        self.para_style.append("Kernbeleid Gegevens")
        label = node.next_node(nodes.label)
        self.new_para()
        self.add_run(f"[{label.astext()}] " if label is not None else "")
        self._note_text(node)
        self.para_style.pop()
        raise nodes.SkipNode

    visit_citation = visit_footnote

    def visit_label(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    def visit_target(self, node: nodes.Element) -> None:
        pass

    def depart_target(self, node: nodes.Element) -> None:
        pass

    def visit_problematic(self, node: nodes.Element) -> None:
        pass

    def depart_problematic(self, node: nodes.Element) -> None:
        pass

    def visit_math(self, node: nodes.Element) -> None:
        self.add_run(node.astext(), code=True)
        raise nodes.SkipNode

    def visit_math_block(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para("Code")
        self.add_run(node.astext())
        self.end_para()
        raise nodes.SkipNode

    # ------------------------------------------------------------------ invisible
    def _skip(self, node: nodes.Node) -> None:
        raise nodes.SkipNode

    visit_comment = _skip
    visit_substitution_definition = _skip
    visit_raw = _skip
    visit_meta = _skip
    visit_index = _skip
    visit_toctree = _skip
    visit_system_message = _skip
    # a kernbeleid_overview placeholder whose renderer is not installed
    visit_kernbeleid_overview = _skip

    def visit_only(self, node: nodes.Element) -> None:
        pass

    def depart_only(self, node: nodes.Element) -> None:
        pass

    # ------------------------------------------------------------------ blocks
    def visit_bullet_list(self, node: nodes.Element) -> None:
        self._start_list(numbered=False)

    def depart_bullet_list(self, node: nodes.Element) -> None:
        self.end_para()
        self.lists.pop()

    def visit_enumerated_list(self, node: nodes.Element) -> None:
        self._start_list(numbered=True)

    depart_enumerated_list = depart_bullet_list

    def _start_list(self, numbered: bool) -> None:
        self.end_para()
        level = len(self.lists)
        if self.lists and self.lists[-1].numbered == numbered:
            num_id = self.lists[-1].num_id
        else:
            num_id = self.ctx.new_num(numbered)
        self.lists.append(_ListState(numbered, num_id, min(level, 8)))

    def visit_list_item(self, node: nodes.Element) -> None:
        self.end_para()
        self.list_item_first.append(True)
        if not node.children or not isinstance(node.children[0], nodes.paragraph):
            # Text straight in the item (or a nested list first): give it its bullet.
            self.list_item_first[-1] = False
            self.visit_paragraph_for_item()

    def visit_paragraph_for_item(self) -> None:
        state = self.lists[-1]
        level = min(state.level + 1, 3)
        base = "List Number" if state.numbered else "List Bullet"
        p = self.new_para(base if level == 1 else f"{base} {level}")
        numpr = el("w:numPr")
        numpr.append(el("w:ilvl", val=str(state.level)))
        numpr.append(el("w:numId", val=str(state.num_id)))
        set_ppr(p.find(qn("w:pPr")), numpr)

    def depart_list_item(self, node: nodes.Element) -> None:
        self.end_para()
        self.list_item_first.pop()

    def visit_definition_list(self, node: nodes.Element) -> None:
        self.end_para()

    def depart_definition_list(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_definition_list_item(self, node: nodes.Element) -> None:
        pass

    def depart_definition_list_item(self, node: nodes.Element) -> None:
        pass

    def visit_term(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para()
        p = self.para
        set_ppr(p.find(qn("w:pPr")), el("w:keepNext"))
        self.run_props.append({"bold": True})

    def depart_term(self, node: nodes.Element) -> None:
        self.run_props.pop()
        self.end_para()

    def visit_classifier(self, node: nodes.Element) -> None:
        self.add_run(" : ")

    def depart_classifier(self, node: nodes.Element) -> None:
        pass

    def visit_definition(self, node: nodes.Element) -> None:
        self.end_para()
        self.para_style.append("List Continue")

    def depart_definition(self, node: nodes.Element) -> None:
        self.end_para()
        self.para_style.pop()

    def visit_field_list(self, node: nodes.Element) -> None:
        self.end_para()

    def depart_field_list(self, node: nodes.Element) -> None:
        self.end_para()

    visit_docinfo = visit_field_list
    depart_docinfo = depart_field_list

    def visit_field(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para()
        node["_kb_inline"] = True

    def depart_field(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_field_name(self, node: nodes.Element) -> None:
        self.ensure_para()
        self.run_props.append({"bold": True})

    def depart_field_name(self, node: nodes.Element) -> None:
        self.add_run(": ")
        self.run_props.pop()

    def visit_field_body(self, node: nodes.Element) -> None:
        # The first paragraph continues the "Naam: " line; later ones get their own.
        for index, child in enumerate(node.children):
            if index == 0 and isinstance(child, nodes.paragraph):
                for grandchild in child.children:
                    grandchild.walkabout(self)
                continue
            self.end_para()
            child.walkabout(self)
        raise nodes.SkipNode

    def visit_option_list(self, node: nodes.Element) -> None:
        self.end_para()

    def depart_option_list(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_option_list_item(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para()
        self.add_run(node.astext())
        self.end_para()
        raise nodes.SkipNode

    def visit_literal_block(self, node: nodes.Element) -> None:
        self.end_para()
        p = self.new_para("Code")
        for index, line in enumerate(node.astext().split("\n")):
            if index:
                p.append(el("w:r"))
                p[-1].append(el("w:br"))
            if line:
                leading = len(line) - len(line.lstrip(" "))
                self.add_run("\u00a0" * leading + line[leading:])
        self.end_para()
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block

    def visit_line_block(self, node: nodes.Element) -> None:
        if not isinstance(node.parent, nodes.line_block):
            self.end_para()
            self.new_para(self._list_continue_style())
            node["_kb_first"] = True

    def depart_line_block(self, node: nodes.Element) -> None:
        if node.get("_kb_first"):
            self.end_para()

    def visit_line(self, node: nodes.Element) -> None:
        p = self.ensure_para()
        if self._has_content(p):
            run = el("w:r")
            run.append(el("w:br"))
            p.append(run)

    def depart_line(self, node: nodes.Element) -> None:
        pass

    def visit_block_quote(self, node: nodes.Element) -> None:
        self.end_para()
        self.para_style.append("Quote")

    def depart_block_quote(self, node: nodes.Element) -> None:
        self.end_para()
        self.para_style.pop()

    def visit_attribution(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para()
        self.add_run("— ")

    def depart_attribution(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_transition(self, node: nodes.Element) -> None:
        self.end_para()
        p = self.new_para()
        set_ppr(p.find(qn("w:pPr")), el("w:jc", val="center"))
        self.add_run("* * *")
        self.end_para()
        raise nodes.SkipNode

    def _admonition(self, node: nodes.Element, label: str | None) -> None:
        self.end_para()
        self.para_style.append("Kader")
        if label:
            self.new_para()
            p = self.para
            set_ppr(p.find(qn("w:pPr")), el("w:keepNext"))
            self.add_run(label, bold=True)
            self.end_para()

    def visit_admonition(self, node: nodes.Element) -> None:
        kind = next((c for c in node["classes"] if c in ADMONITION_LABELS), None)
        has_title = bool(node.children) and isinstance(node.children[0], nodes.title)
        self._admonition(node, None if has_title else ADMONITION_LABELS.get(kind or "", None))

    def depart_admonition(self, node: nodes.Element) -> None:
        self.end_para()
        self.para_style.pop()

    def _named_admonition(self, node: nodes.Element) -> None:
        self._admonition(node, ADMONITION_LABELS.get(node.tagname, node.tagname.title()))

    for _name in ADMONITION_LABELS:
        locals()[f"visit_{_name}"] = _named_admonition
        locals()[f"depart_{_name}"] = depart_admonition
    del _name

    visit_topic = visit_admonition
    depart_topic = depart_admonition
    visit_sidebar = visit_admonition
    depart_sidebar = depart_admonition

    def visit_versionmodified(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para()

    def depart_versionmodified(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_centered(self, node: nodes.Element) -> None:
        self.end_para()
        p = self.new_para()
        set_ppr(p.find(qn("w:pPr")), el("w:jc", val="center"))

    def depart_centered(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_glossary(self, node: nodes.Element) -> None:
        pass

    def depart_glossary(self, node: nodes.Element) -> None:
        pass

    def visit_hlist(self, node: nodes.Element) -> None:
        self._start_list(numbered=False)

    def depart_hlist(self, node: nodes.Element) -> None:
        self.end_para()
        self.lists.pop()

    def visit_hlistcol(self, node: nodes.Element) -> None:
        pass

    def depart_hlistcol(self, node: nodes.Element) -> None:
        pass

    # ------------------------------------------------------------------ images
    def visit_figure(self, node: nodes.Element) -> None:
        self.end_para()

    def depart_figure(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_caption(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para("Caption")

    def depart_caption(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_legend(self, node: nodes.Element) -> None:
        self.end_para()

    def depart_legend(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_image(self, node: nodes.Element) -> None:
        uri = node.get("uri", "")
        alt = node.get("alt", "")
        if not alt and isinstance(node.parent, nodes.figure):
            caption = node.parent.next_node(nodes.caption)
            alt = caption.astext() if caption is not None else ""
        path = Path(self.builder.srcdir) / uri
        if (
            "://" in uri
            or not path.is_file()
            or path.suffix.lower()
            not in (
                ".png",
                ".jpg",
                ".jpeg",
                ".gif",
                ".bmp",
                ".tif",
                ".tiff",
            )
        ):
            self.warn_once(
                f"image:{uri}",
                f"Afbeelding '{uri}' kan niet in Word worden opgenomen (alleen lokale PNG-, "
                "JPG-, GIF- of BMP-bestanden); de alt-tekst staat nu op die plek. "
                "Zet een PNG-versie naast het bestand en verwijs daarnaar.",
                node,
            )
            self.add_run(f"[Afbeelding: {alt or uri}]", italic=True)
            raise nodes.SkipNode
        if not alt:
            self.warn_once(
                f"alt:{uri}",
                f"Afbeelding '{uri}' heeft geen alt-tekst; schrijf :alt: met een korte "
                "beschrijving (verplicht voor digitale toegankelijkheid).",
                node,
            )
        if self.para is None or isinstance(node.parent, nodes.figure):
            self.end_para()
            self.new_para(self._list_continue_style())
        try:  # i11: a damaged image is a located warning; the document is still written
            self._add_picture(path, alt, node)
        except Exception:  # python-docx raises several kinds for a broken image file
            self.warn_once(f"image:{uri}", unreadable_image(uri), node)
            self.add_run(f"[Afbeelding: {alt or uri}]", italic=True)
        if isinstance(node.parent, nodes.figure):
            self.end_para()
        raise nodes.SkipNode

    def _add_picture(self, path: Path, alt: str, node: nodes.Element) -> None:
        part = self.ctx.document.part
        max_width = self.ctx.text_width
        width = None
        if node.get("width"):
            match = re.match(r"^([\d.]+)\s*(px|cm|mm|in|%)?$", str(node["width"]))
            if match:
                value, unit = float(match.group(1)), match.group(2) or "px"
                factor = {"px": 9525, "cm": 360000, "mm": 36000, "in": 914400}
                width = int(max_width * value / 100) if unit == "%" else int(value * factor[unit])
        inline = part.new_pic_inline(str(path), Emu(width) if width else None, None)
        extent = inline.extent
        if extent.cx > max_width:
            extent.cy = int(extent.cy * max_width / extent.cx)
            extent.cx = max_width
            pic_ext = inline.find(".//" + qn("a:ext"))
            if pic_ext is not None:
                pic_ext.set("cx", str(extent.cx))
                pic_ext.set("cy", str(extent.cy))
        doc_pr = inline.docPr
        doc_pr.set("descr", clean_text(alt))
        doc_pr.set("title", clean_text(alt)[:250])
        run = el("w:r")
        drawing = el("w:drawing")
        drawing.append(inline)
        run.append(drawing)
        self.para.append(run)

    # ------------------------------------------------------------------ tables
    def visit_table(self, node: nodes.table) -> None:
        self.end_para()
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        node["_kb_caption"] = clean_text(title.astext()).strip() if title is not None else ""
        if title is not None:
            self.new_para("Caption")
            set_ppr(self.para.find(qn("w:pPr")), el("w:keepNext"))
            for child in title.children:
                child.walkabout(self)
            self.end_para()
        tgroup = next((c for c in node.children if isinstance(c, nodes.tgroup)), None)
        if tgroup is None:
            raise nodes.SkipNode
        colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
        widths = [int(c.get("colwidth", 1) or 1) for c in colspecs] or [1]
        header_rows: list[nodes.row] = []
        body_rows: list[nodes.row] = []
        for part in tgroup.children:
            if isinstance(part, nodes.thead):
                header_rows.extend(r for r in part.children if isinstance(r, nodes.row))
            elif isinstance(part, nodes.tbody):
                body_rows.extend(r for r in part.children if isinstance(r, nodes.row))
        self.write_table(widths, header_rows, body_rows, node)
        raise nodes.SkipNode

    def write_table(
        self,
        widths: list[int],
        header_rows: list[nodes.row],
        body_rows: list[nodes.row],
        node: nodes.Element,
    ) -> None:
        """Rows are appended directly; spans are flattened (no merged cells)."""
        ncols = len(widths)
        by_content, min_chars = measure_columns(header_rows + body_rows, ncols)
        if "colwidths-given" not in node.get("classes", []):
            widths = by_content or widths
        # Wide tables (the overview of maatregelen) in 8 pt, so words need not break.
        small = ncols >= 7
        if small:
            self.run_props.append({"sz": "16"})
        char_twips = CHAR_TWIPS * (8 if small else 9) // 9
        needed = sum(CELL_PADDING + char_twips * c for c in min_chars)
        width = None
        start = len(self.body)
        if (
            len(self.containers) == 1
            and self.ctx.landscape_width
            and needed > self.ctx.text_width // 635
        ):
            # Too wide for a portrait page without breaking words: a landscape page.
            width = self.ctx.landscape_width
        caption = node.get("_kb_caption") or f"Tabel – {self.last_heading_text}".rstrip(" –")
        table = self.start_table(widths, min_chars, small=small, width=width, caption=caption)
        pending: dict[int, int] = {}  # column -> rows still covered by a morerows span
        for is_header, rows in ((True, header_rows), (False, body_rows)):
            for row in rows:
                tr = self.start_row(table, is_header)
                col = 0
                entries = [e for e in row.children if isinstance(e, nodes.entry)]
                cells: list[nodes.entry | None] = []
                for entry in entries:
                    while pending.get(col):
                        pending[col] -= 1
                        cells.append(None)
                        col += 1
                    cells.append(entry)
                    span = int(entry.get("morecols", 0))
                    if entry.get("morerows"):
                        for c in range(col, col + span + 1):
                            pending[c] = int(entry["morerows"])
                    cells.extend([None] * span)
                    col += span + 1
                while col < ncols:
                    if pending.get(col):
                        pending[col] -= 1
                    cells.append(None)
                    col += 1
                if len(cells) > ncols:
                    self.warn_once(
                        "table-cols",
                        "Een tabelrij heeft meer cellen dan de tabel kolommen heeft; de "
                        "extra tekst staat in de laatste cel.",
                        node,
                    )
                    extra = cells[ncols - 1 :]
                    cells = cells[: ncols - 1] + [None]
                    self.cell(tr, widths[-1], [e for e in extra if e is not None])
                    for index, content in enumerate(cells[:-1]):
                        self.cell(tr, widths[index], [content] if content is not None else [])
                    continue
                for index, content in enumerate(cells):
                    self.cell(tr, widths[index], [content] if content is not None else [])
        self.end_table(table)
        if width is not None:
            self.wide_tables.append((start, len(self.body)))
        if small:
            self.run_props.pop()

    def start_table(
        self,
        widths: list[int],
        min_chars: list[int] | None = None,
        *,
        small: bool = False,
        width: int | None = None,
        caption: str = "",
    ) -> Any:
        """A new table; ``caption`` becomes its table caption (w:tblCaption), which a
        screen reader announces, whatever paragraph shows a caption above it."""
        self.end_para()
        target = self.containers[-1]
        if len(target) and target[-1].tag == qn("w:tbl"):
            # Two tables in a row would melt into one; Word separates them by a paragraph.
            self.container_append(el("w:p"))
        tbl = el("w:tbl")
        tblpr = el("w:tblPr")
        tblpr.append(el("w:tblStyle", val=self.ctx.style("Kernbeleid Tabel")))
        tblpr.append(el("w:tblW", w="5000", type="pct"))
        tblpr.append(el("w:tblLayout", type="fixed"))
        tblpr.append(
            el(
                "w:tblLook",
                val="04A0",
                firstRow="1",
                lastRow="0",
                firstColumn="0",
                lastColumn="0",
                noHBand="1",
                noVBand="1",
            )
        )
        if caption:
            tblpr.append(el("w:tblCaption", val=caption[:250]))
        tbl.append(tblpr)
        grid = el("w:tblGrid")
        twips = (width or self.ctx.text_width) // 635  # EMU -> twentieths of a point
        self._col_twips = fit_widths(
            widths, min_chars or [0] * len(widths), twips, CHAR_TWIPS * (8 if small else 9) // 9
        )
        for w in self._col_twips:
            grid.append(el("w:gridCol", w=str(w)))
        tbl.append(grid)
        self.container_append(tbl)
        self._col_index = 0
        return tbl

    def start_row(self, table: Any, is_header: bool) -> Any:
        tr = sub_el(table, "w:tr")
        trpr = sub_el(tr, "w:trPr")
        sub_el(trpr, "w:cantSplit")
        if is_header:
            sub_el(trpr, "w:tblHeader")
        self._col_index = 0
        return tr

    def _new_cell(self, tr: Any) -> Any:
        tc = sub_el(tr, "w:tc")
        width = self._col_twips[min(self._col_index, len(self._col_twips) - 1)]
        sub_el(sub_el(tc, "w:tcPr"), "w:tcW", w=str(width), type="dxa")
        self._col_index += 1
        return tc

    def cell(self, tr: Any, _width: int, content: list[nodes.Node] | None = None) -> Any:
        """A cell whose content is docutils nodes (or filled by the caller afterwards)."""
        tc = self._new_cell(tr)
        with self._writing_into(tc, "Tabeltekst"):
            for entry in content or []:
                for child in entry.children if isinstance(entry, nodes.entry) else [entry]:
                    child.walkabout(self)
        if tc.find(qn("w:p")) is None or tc[-1].tag == qn("w:tbl"):
            # A cell must end with a paragraph (also after a nested table).
            sub_el(sub_el(sub_el(tc, "w:p"), "w:pPr"), "w:pStyle", val=self.ctx.style("Tabeltekst"))
        return tc

    def text_cell(self, tr: Any, parts: list[tuple[str, dict[str, Any]]] | str) -> Any:
        tc = self._new_cell(tr)
        with self._writing_into(tc, "Tabeltekst"):
            self.new_para()
            for text, props in [(parts, {})] if isinstance(parts, str) else parts:
                if text == "\n":
                    self.end_para()
                    self.new_para()
                    continue
                self.add_run(text, **props)
        return tc

    def end_table(self, table: Any) -> None:
        # A paragraph after a table keeps two tables apart; Word needs it in a cell too.
        self.para = None

    def visit_tgroup(self, node: nodes.Element) -> None:  # handled in visit_table
        raise nodes.SkipNode

    # ------------------------------------------------------------------ fallback
    def unknown_visit(self, node: nodes.Node) -> None:
        """Render the text of a node we do not know, and say so once per node type."""
        name = node.__class__.__name__
        self.warn_once(
            f"unknown:{name}",
            f"Word-uitvoer kent het element '{name}' niet; alleen de tekst ervan is "
            "overgenomen. Controleer deze plek in het Word-document.",
            node,
        )

    def unknown_departure(self, node: nodes.Node) -> None:
        pass
