"""Docutils doctree -> WordprocessingML body elements (python-docx oxml), Sphinx style.

The translator appends lxml elements to the current container (body, table cell) and
never asks python-docx for cells or paragraphs by index, so building is linear in the
size of the document (python-docx's cell access is O(table size) per call).

Generic: it knows docutils and Sphinx nodes only. :mod:`.kernbeleid` extends it with the
Kernbeleid items and tables (``KernbeleidTranslator``), the class the builder uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from .base import DocxContext, DocxWriterBase, ListState
from .images import ImageWriting
from .notes import NoteWriting
from .ooxml import clean_text, el, qn, set_ppr
from .paginering import lead_style_ids, paginate
from .tables import TableWriting

__all__ = ["DocxContext", "DocxTranslator", "DocxWriterBase"]

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


#: Inline classes drawn as run properties (the change annex's struck and underlined words).
INLINE_CLASSES: dict[str, dict[str, Any]] = {
    "kernbeleid-verwijderd": {"strike": True},
    "kernbeleid-toegevoegd": {"underline": True},
}


class DocxTranslator(TableWriting, NoteWriting, ImageWriting, DocxWriterBase):
    """Visits one assembled doctree and fills ``self.body`` with w:p / w:tbl elements."""

    #: Called with each part of the tree (a section, an included document) once it is
    #: written into the body itself (not into a table cell): nothing later reads it again,
    #: so the builder can let go of it before the document ends (builders/docx/stukken).
    part_done: Callable[[nodes.Element], None] | None = None
    #: Elements at the start of the body already paginated (the one kept from a part).
    paginated = 0

    # ------------------------------------------------------------------ structure
    def visit_document(self, node: nodes.document) -> None:
        # The tree is walked by :meth:`walk` (what ``walkabout`` does, cheaper per node);
        # docutils then calls depart_document.
        for child in node.children[:]:
            if self.walk(child):
                break
        raise nodes.SkipChildren

    def depart_document(self, node: nodes.document) -> None:
        self.end_para()
        self.tables_to_elements()
        paginate(
            self.body,
            self.ctx.text_width // 635,
            lead_style_ids(self.ctx.styles),
            self.paginated,
            self.row_heights,
        )
        self._landscape_sections()

    def visit_start_of_file(self, node: nodes.Element) -> None:
        base, depth = self.docs[-1]
        # An included document becomes a chapter of the document that includes it.
        self.docs.append([base + 1, 0])

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.docs.pop()
        if self.part_done is not None and len(self.containers) == 1:
            self.part_done(node)

    def visit_section(self, node: nodes.section) -> None:
        self.end_para()
        self.docs[-1][1] += 1

    def depart_section(self, node: nodes.section) -> None:
        self.end_para()
        self.docs[-1][1] -= 1
        if self.part_done is not None and len(self.containers) == 1:
            self.part_done(node)

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
        # astext() unescapes docutils' null-escapes; most text has none to undo.
        text = str(node)
        self.add_run(node.astext() if "\x00" in text else text)

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
        props: dict[str, Any] = {}
        classes: list[str] = node.get("classes", [])
        for name in classes:
            props.update(INLINE_CLASSES.get(name, {}))
        self._inline(props)

    depart_inline = _pop_inline
    visit_abbreviation = visit_inline
    depart_abbreviation = _pop_inline
    visit_manpage = visit_literal
    depart_manpage = _pop_inline

    def visit_reference(self, node: nodes.reference) -> None:
        self.ensure_para()
        target = self.link_of(node)
        if target is None:
            node["_kb_link"] = False
            return
        kind, where = target
        if kind == "anchor":
            link = el("w:hyperlink", anchor=where)
        else:
            rid = self.ctx.document.part.relate_to(where, RT.HYPERLINK, is_external=True)
            link = el("w:hyperlink")
            link.set(qn("r:id"), rid)
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
        self.lists.append(ListState(numbered, num_id, min(level, 8)))

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
                    self.walk(grandchild)
                continue
            self.end_para()
            self.walk(child)
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
