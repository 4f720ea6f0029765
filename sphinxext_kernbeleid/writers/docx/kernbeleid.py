"""The Kernbeleid part of the Word writer: item headings and the tables of items.

Consecutive items of one kind become one table. A new kind of table is one function here,
registered with :func:`table` for the item types it draws; the builder's transform groups
those items (``GROUPS``) and :class:`KernbeleidTranslator` calls the function.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from docutils import nodes

from ...authoring.nodes import kernbeleid_group, kernbeleid_item
from ...model import display, trace
from ...model.koers import Oordeel, koers
from ...model.needtypes import TYPE_TITLES
from ...model.plan import EffectIndicator, Item, Maatregel, PrestatieIndicator
from ...render.items import indicator_summary, value_rows
from .ooxml import clean_text, el, qn, set_ppr
from .table_as_text import TableAsText, whole_words
from .tables import TableText
from .translator import DocxTranslator
from .widths import ColumnSpec, column_spec, plain_texts

TableWriter = Callable[[DocxTranslator, nodes.Element], None]

#: group kind -> the function that draws that group as a table
TABLES: dict[str, TableWriter] = {}
#: item type -> the group kind its consecutive items form (read by the builder's transform)
GROUPS: dict[str, str] = {}


def table(kind: str, *item_types: str) -> Callable[[TableWriter], TableWriter]:
    """Register a table writer for a group ``kind`` made of items of ``item_types``."""

    def register(function: TableWriter) -> TableWriter:
        TABLES[kind] = function
        for item_type in item_types:
            GROUPS[item_type] = kind
        return function

    return register


class KernbeleidTranslator(DocxTranslator):
    """The generic Word translator plus the Kernbeleid items and their tables."""

    COLLECTED: tuple[type, ...] = (*DocxTranslator.COLLECTED, kernbeleid_group)

    def visit_kernbeleid_item(self, node: nodes.Element) -> None:
        if item_heading(self, node):
            node["_kb_heading"] = True
            self.heading_offset += 1  # a rubric in its text sits below its heading

    def depart_kernbeleid_item(self, node: nodes.Element) -> None:
        self.end_para()
        if node.get("_kb_heading"):
            self.heading_offset -= 1

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        # The note under an overview of maatregelen ("Budget van dit onderdeel: …") stays
        # with its table, on the landscape page, not alone at the top of the next page.
        node["_kb_after_wide"] = (
            "kernbeleid-budget-toelichting" in node["classes"]
            and len(self.containers) == 1
            and bool(self.wide_tables)
            and self.wide_tables[-1][1] == len(self.body)
        )
        super().visit_paragraph(node)

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        super().depart_paragraph(node)
        if node.get("_kb_after_wide"):
            start, _end = self.wide_tables[-1]
            self.wide_tables[-1] = (start, len(self.body))

    def depart_document(self, node: nodes.document) -> None:
        super().depart_document(node)
        whole_words_in_table_headers(self.body)  # the tables are elements again here

    def visit_kernbeleid_group(self, node: nodes.Element) -> None:
        """Draw the group with the table writer registered for its kind."""
        self.end_para()
        TABLES[node["kind"]](self, node)
        raise nodes.SkipNode


def _item(t: DocxTranslator, node: nodes.Element) -> Item | None:
    plan = t.ctx.plan
    return plan.get(node["item_id"]) if plan is not None else None


def item_heading(t: DocxTranslator, node: nodes.Element) -> bool:
    """A Kernbeleid item outside a table: its heading and its values on one line.

    The heading is a real heading (outline level one below its section), so it is in the
    navigation pane, the PDF bookmarks and, at the TOC's levels, the table of contents.
    When the section heading right above already says the item's title, the two merge:
    the item's bookmark goes on that heading. Otherwise both stay: a title is never dropped.
    """
    item = _item(t, node)
    t.end_para()
    if item is None:  # not in the plan (e.g. a part): show the content only
        return False
    label = TYPE_TITLES.get(item.type, item.type)
    rows = value_rows(item)
    heading = t.last_heading if _title_repeats_heading(node, item) else None
    own_heading = False
    if heading is not None:
        t.bookmark(heading, [item.id])
    else:
        text = f"{label}: {item.title}"
        p = t.new_para("Kernbeleid Item")
        ppr = p.find(qn("w:pPr"))
        set_ppr(ppr, el("w:keepNext"))
        set_ppr(ppr, el("w:suppressAutoHyphens"))
        if len(t.containers) == 1:
            level = min(max(t.heading_level(), 0) + 1 + t.heading_offset, 9)
            set_ppr(ppr, el("w:outlineLvl", val=str(level - 1)))
            own_heading = True
            names = t.bookmark(p, [item.id]) or t.bookmark(p, [f"kop_{len(t.ctx.headings) + 1}"])
            if names:
                t.ctx.headings.append((level, clean_text(text).strip(), names[0]))
            t.last_heading_text = clean_text(text).strip()
        else:
            t.bookmark(p, [item.id])
        t.add_run(text)
        t.end_para()
    if rows:
        p = t.new_para("Kernbeleid Gegevens")
        set_ppr(p.find(qn("w:pPr")), el("w:keepNext"))
        for index, (label, text) in enumerate(rows):
            if index:
                t.add_run(" · ")
            t.add_run(f"{label}: ", bold=True)
            t.add_run(text)
        t.end_para()
    return own_heading


_KIND_PREFIX = re.compile(r"^\s*(?:[\w' -]+?)(?:\s+\d+)?\s*:\s*")


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").casefold().split()).rstrip(".:")


def same_title(heading: str, title: str) -> bool:
    """Does a section heading say the item's title ("Prioriteit 1: X" says "X")?"""
    heading, title = _normal(heading), _normal(title)
    return heading == title or _KIND_PREFIX.sub("", heading, count=1) == title


def _title_repeats_heading(node: nodes.Element, item: Item) -> bool:
    """The item opens its section and the section heading has the item's title."""
    section = node.parent
    if not isinstance(section, nodes.section) or not section.children:
        return False
    title = section.children[0]
    if not isinstance(title, nodes.title):
        return False
    for sibling in section.children[1:]:
        if sibling is node:
            return same_title(title.astext(), item.title)
        if not isinstance(sibling, (nodes.target, nodes.comment)):
            return False
    return False


def _caption(kind: str, t: DocxTranslator) -> str:
    """The table's caption for a screen reader: its kind and the heading it belongs to."""
    return f"{kind} – {t.last_heading_text}" if t.last_heading_text else kind


def _children_items(t: DocxTranslator, node: nodes.Element) -> Iterator[tuple[nodes.Element, Item]]:
    for child in node.children:
        if isinstance(child, kernbeleid_item) and (item := _item(t, child)) is not None:
            yield child, item


def _extra_content(t: DocxTranslator, tc: Any, node: nodes.Element) -> None:
    """The prose of an item, inside its table cell (never dropped)."""
    if not node.children:
        return
    saved = t._enter(tc, "Tabeltekst")
    try:
        for child in node.children:
            t.walk(child)
        t.end_para()
    finally:
        t._leave(saved)
    if tc[-1].tag == qn("w:tbl"):
        tc.append(el("w:p"))


#: group kind -> the function giving the plain text of its columns (header first), measured
#: over every table of that kind in the document so they all get the same widths
MEASURES: dict[str, Callable[[DocxTranslator, nodes.Element], list[list[str]]]] = {}


def kind_spec(t: DocxTranslator, kind: str) -> ColumnSpec | None:
    """The column widths' measure of ``kind``: every table of that kind in the document."""
    specs: dict[str, ColumnSpec] | None = getattr(t, "_kb_kind_specs", None)
    if specs is None:
        collected: dict[str, list[list[str]]] = {}
        # Collected by the first walk; taken, not kept (written parts of the tree go).
        groups = t.collected.pop(kernbeleid_group, None)
        for group in t.document.findall(kernbeleid_group) if groups is None else groups:
            measure = MEASURES.get(group["kind"])
            if measure is None:
                continue
            columns = measure(t, group)
            known = collected.setdefault(group["kind"], [[c[0]] for c in columns])
            if len(known) == len(columns):
                for mine, more in zip(known, columns, strict=True):
                    mine.extend(more[1:])
        bold = {"indicatoren": True, "maatregelen": True}
        specs = {
            k: column_spec(cols, [bold.get(k, False)] + [False] * (len(cols) - 1))
            for k, cols in collected.items()
        }
        t._kb_kind_specs = specs  # type: ignore[attr-defined]
    return specs.get(kind)


def shows_koers(t: DocxTranslator) -> bool:
    """The "Op koers?" column only once the plan has a measurement to judge, from a year of
    its period: an IVP put before the raad has none yet, and a column of dashes (or of
    verdicts on figures from before the plan) tells the raad nothing about the plan."""
    known: bool | None = getattr(t, "_kb_koers", None)
    if known is None:
        plan = t.ctx.plan
        start = plan.settings.periode[0] if plan is not None else 0
        # A measurement of the plan: one the verdict rests on, from the plan's own period.
        known = plan is not None and any(
            (verdict := koers(ei)).oordeel is not Oordeel.GEEN_METING
            and verdict.meting is not None
            and verdict.meting.year >= start
            for ei in plan.of_type(EffectIndicator)
        )
        t._kb_koers = known  # type: ignore[attr-defined]
    return known


INDICATOR_HEADERS = ["Effectindicator", "Bron", "Soort", "Nulmeting", "Streefwaarde", "Richting"]


def _indicator_values(item: EffectIndicator, with_koers: bool) -> list[str]:
    values = [
        display.text_of(item, "bron"),
        display.text_of(item, "soort"),
        display.text_of(item, "nulmeting"),
        display.text_of(item, "streefwaarde"),
        display.text_of(item, "richting"),
    ]
    return values + [koers(item).label] if with_koers else values


def _indicator_columns(t: DocxTranslator, node: nodes.Element) -> list[list[str]]:
    with_koers = shows_koers(t)
    columns = [[h] for h in INDICATOR_HEADERS + (["Op koers?"] if with_koers else [])]
    for child, item in _children_items(t, node):
        assert isinstance(item, EffectIndicator)
        title = "\n".join(
            [item.title]
            + ([f"Eenheid: {item.eenheid}"] if item.eenheid else [])
            + ([child.astext()] if child.children else [])
        )
        for column, text in zip(
            columns, [title, *_indicator_values(item, with_koers)], strict=True
        ):
            column.append(text)
    return columns


@table("indicatoren", "effectindicator")
def indicator_table(t: DocxTranslator, node: nodes.Element) -> None:
    with_koers = shows_koers(t)
    headers = INDICATOR_HEADERS + (["Op koers?"] if with_koers else [])
    table = t.start_table(
        [1] * len(headers),
        caption=_caption("Effectindicatoren", t),
        spec=kind_spec(t, "indicatoren"),
    )
    tr = t.start_row(table, True)
    for header in headers:
        t.text_cell(tr, header)
    for child, item in _children_items(t, node):
        assert isinstance(item, EffectIndicator)
        tr = t.start_row(table, False)
        title: list[tuple[str, dict[str, Any]]] = [(item.title, {"bold": True})]
        if item.eenheid:
            title += [("\n", {}), (f"Eenheid: {item.eenheid}", {"italic": True})]
        tc = t.text_cell(tr, title, element=True)
        _extra_content(t, tc, child)
        t.bookmark(tc.find(qn("w:p")), [item.id])
        for text in _indicator_values(item, with_koers):
            t.text_cell(tr, text)
    t.end_table(table)


MEASURES["indicatoren"] = _indicator_columns

ACTION_HEADERS = [
    "Maatregel",
    "Trekkers",
    "Partners",
    "Planning en status",
    "Budget",
    "Prestatie-indicatoren",
]


def _action_columns(t: DocxTranslator, node: nodes.Element) -> list[list[str]]:
    columns = [[h] for h in ACTION_HEADERS]
    pi_text = {
        item.id: child.astext()
        for child, item in _children_items(t, node)
        if isinstance(item, PrestatieIndicator)
    }
    for child, item in _children_items(t, node):
        if not isinstance(item, Maatregel):
            continue
        note = item.laatste_voortgang
        description = [item.title]
        description += [f"{label}: {text}" for label, text in _context(t, item)]
        description += [child.astext()] if child.children else []
        if note is not None and note.toelichting:
            description.append(f"Stand {note.periode}: " + " ".join(_note_lines(note.toelichting)))
        trekkers = [
            f"{label}: {name}"
            for label, name in (
                ("Bestuurlijk", item.bestuurlijk_trekker),
                ("Ambtelijk", item.ambtelijk_trekker),
            )
            if name
        ]
        pis = [indicator_summary(pi) for pi in item.prestatie_indicatoren]
        pis += [pi_text[pi.id] for pi in item.prestatie_indicatoren if pi_text.get(pi.id)]
        for column, text in zip(
            columns,
            [
                "\n".join(description),
                "\n".join(trekkers),
                "; ".join(item.partners),
                f"{_planning(item)}\n{display.text_of(item, 'status')}",
                display.text_of(item, "budget"),
                "\n".join(pis),
            ],
            strict=True,
        ):
            column.append(text)
    return columns


MEASURES["maatregelen"] = _action_columns


@table("maatregelen", "maatregel", "prestatie-indicator")
def action_table(t: DocxTranslator, node: nodes.Element) -> None:
    headers = ACTION_HEADERS
    pi_nodes: dict[str, nodes.Element] = {}
    for child, item in _children_items(t, node):
        if isinstance(item, PrestatieIndicator):
            pi_nodes[item.id] = child
    shown: set[str] = set()
    table = t.start_table(
        [1] * len(headers),
        caption=_caption("Maatregelen", t),
        spec=kind_spec(t, "maatregelen"),
    )
    tr = t.start_row(table, True)
    for header in headers:
        t.text_cell(tr, header)
    for child, item in _children_items(t, node):
        if isinstance(item, PrestatieIndicator):
            if item.id in shown:
                continue
            # A prestatie-indicator whose maatregel is not in this table: own row.
            tr = t.start_row(table, False)
            tc = t.text_cell(
                tr, [("Prestatie-indicator: ", {}), (item.title, {"bold": True})], element=True
            )
            _extra_content(t, tc, child)
            for _ in range(4):
                t.text_cell(tr, "")
            t.text_cell(tr, indicator_summary(item))
            continue
        if isinstance(item, Maatregel):
            shown.update(_action_row(t, table, child, item, pi_nodes))
    t.end_table(table)


def _context(t: DocxTranslator, item: Maatregel) -> list[tuple[str, str]]:
    """The prioriteit or thema and the doelen the maatregel serves (model/trace owns it)."""
    plan = t.ctx.plan
    if plan is None:
        return []
    context = trace.maatregel_context(plan, item)
    return display.bijdrage(
        context.onderdeel, context.doelen, doelen_van_onderdeel=context.doelen_van_onderdeel
    )


def _action_row(
    t: DocxTranslator,
    table: Any,
    child: nodes.Element,
    item: Maatregel,
    pi_nodes: dict[str, nodes.Element],
) -> list[str]:
    """One maatregel's row; returns the ids of the prestatie-indicatoren it shows."""
    tr = t.start_row(table, False)
    context = _context(t, item)
    note = _progress_note(item)
    prose = _plain_paragraphs(child)
    if tr.__class__ is TableText and note is None and prose is not None:
        _first_cell_text(t, tr, item, context, prose)
    else:
        tc = t.text_cell(tr, [(item.title, {"bold": True})], element=True)
        t.bookmark(tc.find(qn("w:p")), [item.id])
        if context:
            # Under the title: which prioriteit/thema and doel this maatregel serves.
            with t._writing_into(tc, "Tabeltekst"):
                for label, text in context:
                    t.new_para()
                    t.add_run(f"{label}: ", italic=True)
                    t.add_run(text)
                    t.end_para()
        _extra_content(t, tc, child)
        if note is not None:
            _extra_content(t, tc, note)
    trekkers: list[tuple[str, dict[str, Any]]] = []
    if item.bestuurlijk_trekker:
        trekkers += [("Bestuurlijk: ", {"italic": True}), (item.bestuurlijk_trekker, {})]
    if item.ambtelijk_trekker:
        if trekkers:
            trekkers.append(("\n", {}))
        trekkers += [("Ambtelijk: ", {"italic": True}), (item.ambtelijk_trekker, {})]
    t.text_cell(tr, trekkers or "")
    t.text_cell(tr, "; ".join(item.partners))
    # The planning, and below it in italics the status with its period.
    parts: list[tuple[str, dict[str, Any]]] = []
    planning, status = _planning(item), display.text_of(item, "status")
    if planning:
        parts.append((planning, {}))
    if status:
        parts += [("\n", {})] if parts else []
        parts.append((status, {"italic": bool(planning)}))
    t.text_cell(tr, parts or "")
    t.text_cell(tr, display.text_of(item, "budget"))
    pi_parts: list[tuple[str, dict[str, Any]]] = []
    pi_tc_nodes = []
    shown = []
    for pi in item.prestatie_indicatoren:
        if pi_parts:
            pi_parts.append(("\n", {}))
        pi_parts.append((indicator_summary(pi), {}))
        shown.append(pi.id)
        if pi.id in pi_nodes and pi_nodes[pi.id].children:
            pi_tc_nodes.append(pi_nodes[pi.id])
    pi_tc = t.text_cell(tr, pi_parts or "", element=bool(pi_tc_nodes))
    for pi_node in pi_tc_nodes:
        _extra_content(t, pi_tc, pi_node)
    return shown


def _plain_paragraphs(node: nodes.Element) -> list[list[str]] | None:
    """The texts of each paragraph of an item's prose when it is only paragraphs of plain
    text (no classes, no inline markup), else None."""
    found = []
    for child in node.children:
        if child.__class__ is not nodes.paragraph or child["classes"]:
            return None
        texts = plain_texts(child.children)
        if texts is None:
            return None
        found.append(texts)
    return found


def _first_cell_text(
    t: DocxTranslator,
    tr: TableText,
    item: Maatregel,
    context: list[tuple[str, str]],
    prose: list[list[str]],
) -> None:
    """The maatregel's cell as text, as the element path above writes it: its title in
    bold with its bookmark, the prioriteit or thema and doelen it serves, its prose (only
    paragraphs of plain text: anything else is walked)."""
    t._text_cell_open(tr)
    parts = tr.parts
    start = t._para_text()
    tr.open_para(start)
    names = t.bookmark_names([item.id])
    for number in reversed(names):  # each right after the w:pPr, as bookmark() puts it
        parts.append(f'<w:bookmarkStart w:id="{number}" w:name="{names[number]}"/>')
    t._runs_text(tr, item.title, {"bold": True})
    for number in names:
        parts.append(f'<w:bookmarkEnd w:id="{number}"/>')
    parts.append("</w:p>")
    for label, text in context:
        tr.open_para(start)
        t._runs_text(tr, f"{label}: ", {"italic": True})
        t._runs_text(tr, text, None)
        parts.append("</w:p>")
    for texts in prose:
        tr.open_para(start)
        for text in texts:
            t._runs_text(tr, text, None)
        parts.append("</w:p>")
    parts.append("</w:tc>")


def _planning(item: Maatregel) -> str:
    """ "2026-Q1 t/m 2026-Q4" on two lines at most: "t/m" stays with the first quarter."""
    return display.text_of(item, "planning").replace(" t/m ", "\u00a0t/m ")


def _note_lines(text: str) -> list[str]:
    return display.toelichting_regels(text) or [text]


def _progress_note(item: Maatregel) -> nodes.Element | None:
    """The partner's latest comment, as a paragraph under the maatregel's own text (a list
    marker the partner typed in the cell, "- vijf controles", is not repeated)."""
    progress = item.laatste_voortgang
    if progress is None or not progress.toelichting:
        return None
    lines = _note_lines(progress.toelichting)
    note = nodes.container("")
    for number, line in enumerate(lines):
        paragraph = nodes.paragraph("", "")
        if not number:
            paragraph += nodes.emphasis(text=f"Stand {progress.periode}: ")
        paragraph += nodes.Text(line)
        note += paragraph
    return note


def whole_words_in_table_headers(
    body: list[Any], text_tables: Mapping[Any, TableAsText] | None = None
) -> None:
    """Column headers in whole words: a header row is never hyphenated ("geen rap-portage").

    The header rows are found by their mark (one search in lxml), not by reading every row
    of a table of thousands; a table kept as text (``text_tables``, by its shell) marks
    them in its text."""
    tbl, tr, p = qn("w:tbl"), qn("w:tr"), qn("w:p")
    mark, trpr_tag = qn("w:tblHeader"), qn("w:trPr")
    for element in body:
        if element.tag != tbl:
            continue
        as_text = text_tables.get(element) if text_tables else None
        if as_text is not None:
            as_text.whole_words_in_header()
            continue
        for header in list(element.iter(mark)):  # collected before the rows change
            trpr = header.getparent()
            row = trpr.getparent()
            if trpr.tag != trpr_tag or row.tag != tr:
                continue
            for para in row.iter(p):
                whole_words(para)
