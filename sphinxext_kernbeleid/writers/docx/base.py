"""The Word writer's state and the helpers every part of it uses.

:class:`DocxWriterBase` holds where the writer is (the container, the open paragraph,
list and run formatting) and makes paragraphs, runs and bookmarks. The parts of the
translator (:mod:`.notes`, :mod:`.images`, :mod:`.tables`, :mod:`.translator`) build on it;
:class:`.translator.DocxTranslator` puts them together.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from docx.oxml import OxmlElement
from lxml import etree
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

from ...model.plan import Plan
from .ooxml import XML_SPACE, bookmark_name, clean_text, el, qn, set_ppr, sub_el
from .widths import NO_BREAK_HYPHEN

#: What makes a paragraph more than empty (looked up once, not per paragraph).
_T = qn("w:t")
_CONTENT_TAGS = (_T, qn("w:drawing"), qn("w:br"), qn("w:fldChar"), qn("w:footnoteReference"))
_R, _TBL, _NO_BREAK = qn("w:r"), qn("w:tbl"), qn("w:noBreakHyphen")
_PRESERVE = {XML_SPACE: "preserve"}
#: Addresses a reference links to outside the document.
_EXTERNAL = re.compile(r"^(https?|mailto|ftp):")
_SubElement = etree.SubElement

logger = logging.getLogger(__name__)


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
RUN_PROPS = ("style", "code", "bold", "italic", "strike", "sz", "underline", "vert")


@dataclass
class ListState:
    numbered: bool
    num_id: int
    level: int


class DocxWriterBase(SphinxTranslator):
    """The writer's state and the helpers that make paragraphs, runs and bookmarks."""

    #: Node classes whose nodes the first walk over the tree collects (:attr:`collected`).
    COLLECTED: tuple[type, ...] = ()

    def __init__(self, document: nodes.document, builder: Any, context: DocxContext) -> None:
        super().__init__(document, builder)
        self.ctx = context
        self.body: list[Any] = []
        self.containers: list[Any] = [self.body]
        self.para: Any = None
        self.para_style: list[str] = []
        self.run_props: list[dict[str, Any]] = []
        self.link_stack: list[Any] = []
        self.lists: list[ListState] = []
        self.list_item_first: list[bool] = []
        self.docs: list[list[int]] = [[0, 0]]  # per included document: [base, depth]
        self.skip_title = True  # the start document's title is on the title page
        self.warned: set[str] = set()
        #: Every id in the document (links only to those), the ids of footnotes that a
        #: footnote_reference points to (those become Word footnotes) and the footnotes.
        self.anchors: set[str] = set()
        self.referenced_footnotes: set[str] = set()
        self.footnote_nodes: dict[str, nodes.Element] = {}
        #: Per class in :attr:`COLLECTED` its nodes in the document, in document order.
        self.collected: dict[type, list[nodes.Element]] = {cls: [] for cls in self.COLLECTED}
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
        #: Node class -> its visit and depart method (looked up once, not per node).
        self._methods: dict[type, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {}
        #: Prebuilt elements, copied whole (one lxml call instead of one per element):
        #: per paragraph style its w:p with w:pPr, per run formatting its w:r with w:rPr.
        self._para_templates: dict[str | None, Any] = {}
        self._run_templates: dict[tuple[Any, ...], Any] = {}

    # ------------------------------------------------------------------ walking
    def walk(self, node: nodes.Node) -> bool:
        """``node.walkabout(self)`` without its per-node cost (a debug message formatted
        and the visit and depart methods looked up along the class's MRO, per node): the
        same order, the same Skip*/StopTraversal handling. Returns True to stop."""
        methods = self._methods.get(node.__class__)
        if methods is None:
            methods = self._lookup(node.__class__)
        stop = False
        call_depart = True
        try:
            try:
                methods[0](node)
            except nodes.SkipNode:
                return stop
            except nodes.SkipDeparture:
                call_depart = False
            try:
                for child in node.children[:]:
                    if self.walk(child):
                        stop = True
                        break
            except nodes.SkipSiblings:
                pass
        except nodes.SkipChildren:
            pass
        except nodes.StopTraversal:
            stop = True
        if call_depart:
            methods[1](node)
        return stop

    def _lookup(self, cls: type) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
        """As SphinxTranslator.dispatch_visit/dispatch_departure find them."""
        found = []
        for kind, fallback in (("visit", self.unknown_visit), ("depart", self.unknown_departure)):
            method = None
            for node_class in cls.__mro__:
                method = getattr(self, f"{kind}_{node_class.__name__}", None)
                if method:
                    break
            found.append(method or fallback)
        methods = (found[0], found[1])
        self._methods[cls] = methods
        return methods

    # ------------------------------------------------------------------ helpers
    def _collect_targets(self, document: nodes.document) -> None:
        """One walk over the tree for what links and footnotes need to know in advance,
        and for the nodes the table widths are measured over (:attr:`COLLECTED`): a walk
        of a large plan's tree costs a few tenths of a second, one per purpose more."""
        # A stack instead of findall (a generator per level, for every node).
        stack: list[nodes.Node] = [document]
        text = nodes.Text
        collected = tuple(self.collected.items())
        while stack:
            node = stack.pop()
            if node.__class__ is text or not isinstance(node, nodes.Element):
                continue
            for cls, found in collected:
                if isinstance(node, cls):
                    found.append(node)
            ids = node.attributes.get("ids")
            if ids:
                self.anchors.update(ids)
                if isinstance(node, nodes.footnote):
                    for anchor in ids:
                        self.footnote_nodes[anchor] = node
            if isinstance(node, nodes.footnote_reference) and "refid" in node:
                self.referenced_footnotes.add(node["refid"])
            stack.extend(reversed(node.children))  # document order, as findall

    def link_of(self, node: nodes.Element) -> tuple[str, str] | None:
        """Where a reference links to in Word: ("anchor", bookmark name) for a place in
        this document, ("uri", address) for a web or mail address, None for no link (its
        target is not in this document: its text stays, unlinked)."""
        refuri = node.get("refuri", "")
        if node.get("refid"):
            anchor = node["refid"]
            return ("anchor", bookmark_name(anchor)) if anchor in self.anchors else None
        if refuri and not node.get("internal") and _EXTERNAL.match(refuri):
            return ("uri", refuri)
        if "#" in refuri:
            anchor = refuri.rsplit("#", 1)[1]
            return ("anchor", bookmark_name(anchor)) if anchor in self.anchors else None
        return None

    def container_append(self, element: Any) -> None:
        self.containers[-1].append(element)  # the body (a list), a cell or a note

    def new_para(self, style: str | None = None) -> Any:
        target = self.containers[-1]
        after_table = len(target) and target[-1].tag == _TBL
        style = style or (self.para_style[-1] if self.para_style else None)
        p = self._para_template(style).__copy__()  # the body is a list, a cell an element
        target.append(p)
        if after_table or (self.first_block and len(self.containers) == 1):
            ppr = p[0]
            if after_table:
                # Air between a table and the text under it (Word adds none).
                set_ppr(ppr, el("w:spacing", before="160"))
            if self.first_block and len(self.containers) == 1:
                set_ppr(ppr, el("w:pageBreakBefore"))
                self.first_block = False
        self.para = p
        return p

    def _para_template(self, style: str | None) -> Any:
        """The prebuilt w:p of a paragraph in ``style``, copied whole per paragraph."""
        template = self._para_templates.get(style)
        if template is None:
            template = el("w:p")
            ppr = sub_el(template, "w:pPr")
            if style:
                sub_el(ppr, "w:pStyle", val=self.ctx.style(style))
            self._para_templates[style] = template
        return template

    def ensure_para(self) -> Any:
        if self.para is None:
            self.new_para(self._list_continue_style())
        return self.para

    def end_para(self) -> None:
        p = self.para
        self.para = None
        if p is None:
            return
        if len(self.containers) == 1 and not self._has_content(p):
            # No empty paragraphs in the body (they read as blank lines in a screen reader).
            if self.body and self.body[-1] is p:
                self.body.pop()  # the usual case; remove() would search the whole body
            else:
                self.body.remove(p)

    @staticmethod
    def _has_content(p: Any) -> bool:
        for child in p.iter(*_CONTENT_TAGS):
            if child.tag != _T or (child.text or "").strip():
                return True
        return False

    def add_run(self, text: str, **extra: Any) -> Any:
        text = clean_text(text)
        if not text:
            return None
        p = self.para if self.para is not None else self.ensure_para()
        parent = self.link_stack[-1] if self.link_stack else p
        if self.run_props or extra:  # most runs are plain text: no w:rPr
            run = self._run_template(extra).__copy__()
            parent.append(run)
        else:
            run = _SubElement(parent, _R)
        # "2026-Q1 t/m 2026-Q4": the hyphens of periods and quarters never end a line.
        if "-" in text:
            for index, piece in enumerate(NO_BREAK_HYPHEN.split(text)):
                if index:
                    _SubElement(run, _NO_BREAK)
                if piece:
                    _SubElement(run, _T, _PRESERVE).text = piece
        else:
            _SubElement(run, _T, _PRESERVE).text = text
        return run

    def _run_template(self, extra: dict[str, Any] | None) -> Any:
        """The prebuilt w:r (with its w:rPr) for the current formatting plus ``extra``."""
        if extra or len(self.run_props) > 1:
            props: dict[str, Any] = {}
            for layer in self.run_props:
                props.update(layer)
            if extra:
                props.update(extra)
        else:
            props = self.run_props[0]  # only read
        key = tuple(map(props.get, RUN_PROPS))
        template = self._run_templates.get(key)
        if template is None:
            template = el("w:r")
            self._rpr(template, props)
            self._run_templates[key] = template
        return template

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
        if props.get("strike"):
            sub_el(rpr, "w:strike")
        if props.get("sz"):
            sub_el(rpr, "w:sz", val=props["sz"])
            sub_el(rpr, "w:szCs", val=props["sz"])
        if props.get("underline"):
            sub_el(rpr, "w:u", val="single")
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
        new = self.bookmark_names(ids)
        for number, name in new.items():
            start = el("w:bookmarkStart", id=number, name=name)
            end = el("w:bookmarkEnd", id=number)
            ppr = p.find(qn("w:pPr"))
            if ppr is not None:
                ppr.addnext(start)
            else:
                p.insert(0, start)
            p.append(end)
        return list(new.values())

    def bookmark_names(self, ids: list[str]) -> dict[str, str]:
        """The bookmarks to set for ``ids``, by their number (a name set before is not set
        again); a paragraph written as text writes them itself (:meth:`bookmark`)."""
        new: dict[str, str] = {}
        for anchor in ids:
            name = bookmark_name(anchor)
            if name in self.bookmarks:
                continue
            self.bookmarks.add(name)
            self.bookmark_id += 1
            new[str(self.bookmark_id)] = name
        return new

    def _list_continue_style(self) -> str | None:
        if self.para_style:
            return self.para_style[-1]
        if self.lists:
            level = min(len(self.lists), 3)
            return "List Continue" if level == 1 else f"List Continue {level}"
        return None

    def heading_level(self) -> int:
        base, depth = self.docs[-1]
        return base + depth - 1

    def _enter(self, container: Any, style: str, fresh_runs: bool = False) -> tuple[Any, ...]:
        """Start writing into another container (a table cell, a footnote); returns what
        :meth:`_leave` restores. Paragraph and list state start fresh inside. Run
        formatting (a wide table's small type) carries into cells; a footnote starts
        without it (``fresh_runs``)."""
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
        return saved

    def _leave(self, saved: tuple[Any, ...]) -> None:
        """Back to where :meth:`_enter` left off."""
        self.containers.pop()
        (
            self.para,
            self.lists,
            self.list_item_first,
            self.para_style,
            self.run_props,
            self.link_stack,
        ) = saved

    @contextlib.contextmanager
    def _writing_into(
        self, container: Any, style: str, *, fresh_runs: bool = False
    ) -> Iterator[None]:
        """Write into another container (a table cell, a footnote), then carry on here
        (:meth:`_enter` and :meth:`_leave`; the hot paths call those directly)."""
        saved = self._enter(container, style, fresh_runs)
        try:
            yield
            self.end_para()
        finally:
            self._leave(saved)
