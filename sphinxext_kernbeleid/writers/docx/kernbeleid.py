"""The Kernbeleid part of the Word writer: item headings and the tables of items.

Consecutive items of one kind become one table. A new kind of table is one function here,
registered with :func:`table` for the item types it draws; the builder's transform groups
those items (``GROUPS``) and :class:`KernbeleidTranslator` calls the function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docutils import nodes

from ... import display
from ...model import EffectIndicator, Item, Maatregel, PrestatieIndicator
from ...needtypes import TYPE_TITLES
from ...nodes import kernbeleid_item
from ...render.items import indicator_summary, value_rows
from .ooxml import el, qn
from .translator import DocxTranslator
from .widths import column_words

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

    def visit_kernbeleid_item(self, node: nodes.Element) -> None:
        item_heading(self, node)

    def depart_kernbeleid_item(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_kernbeleid_group(self, node: nodes.Element) -> None:
        """Draw the group with the table writer registered for its kind."""
        self.end_para()
        TABLES[node["kind"]](self, node)
        raise nodes.SkipNode


def _item(t: DocxTranslator, node: nodes.Element) -> Item | None:
    plan = t.ctx.plan
    return plan.get(node["item_id"]) if plan is not None else None


def item_heading(t: DocxTranslator, node: nodes.Element) -> None:
    """A Kernbeleid item outside a table: its title line (unless the heading names it)
    and its values on one line."""
    item = _item(t, node)
    t.end_para()
    if item is None:  # not in the plan (e.g. a part): show the content only
        return
    label = TYPE_TITLES.get(item.type, item.type)
    rows = value_rows(item)
    if _title_repeats_heading(node, item):
        # The section heading already names the item: no second title line.
        if rows:
            t.bookmark(t.new_para("Kernbeleid Gegevens"), [item.id])
    else:
        p = t.new_para("Kernbeleid Item")
        t.bookmark(p, [item.id])
        t.add_run(f"{label}: ")
        t.add_run(item.title)
        t.end_para()
        if rows:
            t.new_para("Kernbeleid Gegevens")
    if rows:
        for index, (label, text) in enumerate(rows):
            if index:
                t.add_run(" · ")
            t.add_run(f"{label}: ", bold=True)
            t.add_run(text)
        t.end_para()


def _title_repeats_heading(node: nodes.Element, item: Item) -> bool:
    section = node.parent
    if not isinstance(section, nodes.section) or not section.children:
        return False
    title = section.children[0]
    if not isinstance(title, nodes.title):
        return False
    for sibling in section.children[1:]:
        if sibling is node:
            # A section opened by its prioriteit, thema or actiepunt is about that
            # item: its heading names it, a second title line would repeat it.
            return item.type in ("prioriteit", "thema", "actiepunt") or (
                item.title.lower() in title.astext().lower()
            )
        if not isinstance(sibling, (nodes.target, nodes.comment)):
            return False
    return False


def _children_items(t: DocxTranslator, node: nodes.Element) -> Iterator[tuple[nodes.Element, Item]]:
    for child in node.children:
        if isinstance(child, kernbeleid_item) and (item := _item(t, child)) is not None:
            yield child, item


def _extra_content(t: DocxTranslator, tc: Any, node: nodes.Element) -> None:
    """The prose of an item, inside its table cell (never dropped)."""
    if not node.children:
        return
    with t._writing_into(tc, "Tabeltekst"):
        for child in node.children:
            child.walkabout(t)
    if tc[-1].tag == qn("w:tbl"):
        tc.append(el("w:p"))


@table("indicatoren", "effectindicator")
def indicator_table(t: DocxTranslator, node: nodes.Element) -> None:
    headers = ["Effectindicator", "Bron", "Soort", "Nulmeting", "Streefwaarde", "Richting"]
    widths = [33, 19, 11, 13, 14, 10]
    items = [item for _child, item in _children_items(t, node)]
    columns = [[h] for h in headers]
    for item in items:
        assert isinstance(item, EffectIndicator)
        for index, text in enumerate(
            (
                item.title,
                display.text_of(item, "bron"),
                item.soort or "",
                display.text_of(item, "nulmeting"),
                display.text_of(item, "streefwaarde"),
                display.text_of(item, "richting"),
            )
        ):
            columns[index].append(text)
    table = t.start_table(widths, column_words(columns))
    tr = t.start_row(table, True)
    for header in headers:
        t.text_cell(tr, header)
    for child, item in _children_items(t, node):
        assert isinstance(item, EffectIndicator)
        tr = t.start_row(table, False)
        title: list[tuple[str, dict[str, Any]]] = [(item.title, {"bold": True})]
        if item.eenheid:
            title += [("\n", {}), (f"Eenheid: {item.eenheid}", {"italic": True})]
        tc = t.text_cell(tr, title)
        _extra_content(t, tc, child)
        t.bookmark(tc.find(qn("w:p")), [item.id])
        t.text_cell(tr, display.text_of(item, "bron"))
        t.text_cell(tr, item.soort or "")
        t.text_cell(tr, display.text_of(item, "nulmeting"))
        t.text_cell(tr, display.text_of(item, "streefwaarde"))
        t.text_cell(tr, display.text_of(item, "richting"))
    t.end_table(table)


@table("maatregelen", "maatregel", "prestatie-indicator")
def action_table(t: DocxTranslator, node: nodes.Element) -> None:
    headers = [
        "Maatregel",
        "Trekkers",
        "Partners",
        "Planning en status",
        "Budget",
        "Prestatie-indicatoren",
    ]
    widths = [28, 16, 18, 12, 11, 25]
    pi_nodes: dict[str, nodes.Element] = {}
    for child, item in _children_items(t, node):
        if isinstance(item, PrestatieIndicator):
            pi_nodes[item.id] = child
    shown: set[str] = set()
    columns = [[h] for h in headers]
    for _child, item in _children_items(t, node):
        if isinstance(item, Maatregel):
            columns[0].append(item.title)
            columns[1] += [item.bestuurlijk_trekker or "", item.ambtelijk_trekker or ""]
            columns[2] += item.partners
            columns[3] += [display.text_of(item, "planning"), display.text_of(item, "status")]
            columns[4].append(display.text_of(item, "budget"))
        elif isinstance(item, PrestatieIndicator):
            columns[5].append(indicator_summary(item))
    table = t.start_table(widths, column_words(columns))
    tr = t.start_row(table, True)
    for header in headers:
        t.text_cell(tr, header)
    for child, item in _children_items(t, node):
        if isinstance(item, PrestatieIndicator):
            if item.id in shown:
                continue
            # A prestatie-indicator whose maatregel is not in this table: own row.
            tr = t.start_row(table, False)
            tc = t.text_cell(tr, [("Prestatie-indicator: ", {}), (item.title, {"bold": True})])
            _extra_content(t, tc, child)
            for _ in range(4):
                t.text_cell(tr, "")
            t.text_cell(tr, indicator_summary(item))
            continue
        if not isinstance(item, Maatregel):
            continue
        tr = t.start_row(table, False)
        tc = t.text_cell(tr, [(item.title, {"bold": True})])
        t.bookmark(tc.find(qn("w:p")), [item.id])
        _extra_content(t, tc, child)
        note = _progress_note(item)
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
        planning, status = display.text_of(item, "planning"), display.text_of(item, "status")
        if planning:
            parts.append((planning, {}))
        if status:
            parts += [("\n", {})] if parts else []
            parts.append((status, {"italic": bool(planning)}))
        t.text_cell(tr, parts or "")
        t.text_cell(tr, display.text_of(item, "budget"))
        pi_parts: list[tuple[str, dict[str, Any]]] = []
        pi_tc_nodes = []
        for pi in item.prestatie_indicatoren:
            if pi_parts:
                pi_parts.append(("\n", {}))
            pi_parts.append((indicator_summary(pi), {}))
            shown.add(pi.id)
            if pi.id in pi_nodes and pi_nodes[pi.id].children:
                pi_tc_nodes.append(pi_nodes[pi.id])
        pi_tc = t.text_cell(tr, pi_parts or "")
        for pi_node in pi_tc_nodes:
            _extra_content(t, pi_tc, pi_node)
    t.end_table(table)


def _progress_note(item: Maatregel) -> nodes.Element | None:
    """The partner's latest comment, as a paragraph under the maatregel's own text."""
    progress = item.laatste_voortgang
    if progress is None or not progress.toelichting:
        return None
    return nodes.container(
        "",
        nodes.paragraph(
            "",
            "",
            nodes.emphasis(text=f"Stand {progress.periode}: "),
            nodes.Text(progress.toelichting),
        ),
    )
