"""The compact Dutch details block of each Kernbeleid item, with its links both ways.

Inserted into the need before sphinx-needs draws its one-line head, so a reader sees
the values as written (Nulmeting 6,9 (2023)) and where the item sits in the chains.

The site is for the public: an item's id (``MR_CONTROLES``) stays the anchor of its
block and of every link to it, but is shown only when ``kernbeleid_toon_ids`` is set
(for the plan's writers). A title the writer already gave as the section heading right
above the item is not repeated in the item's head line. A maatregel's block starts with
the prioriteit or thema and the doelen it serves (:func:`..model.trace.maatregel_context`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx_needs.nodes import Need

from .. import events
from ..authoring.invullen import placeholder_rows
from ..authoring.registration import KERNBELEID_LAYOUT_NAME
from ..build.settings import settings_of
from ..model import display, trace
from ..model.display import as_written, target_text
from ..model.needtypes import TYPE_TITLES
from ..model.parsing import format_number
from ..model.plan import (
    Analyse,
    Doel,
    EffectIndicator,
    Item,
    Maatregel,
    Onderdeel,
    PrestatieIndicator,
    Prioriteit,
    Uitgangspunt,
    Voortgang,
)
from . import metingen as render_metingen

PLURAL = {
    "doel": "Doelen",
    "effectindicator": "Effectindicatoren",
    "actiepunt": "Actiepunten",
    "maatregel": "Maatregelen",
    "prestatie-indicator": "Prestatie-indicatoren",
}


def _field(label: str, body: nodes.Node | str) -> nodes.field:
    field = nodes.field()
    field += nodes.field_name("", label)
    if isinstance(body, str):
        body = nodes.paragraph("", body)
    field += nodes.field_body("", body)
    return field


def with_unit(value: Decimal, eenheid: str | None) -> str:
    """``3,5 avonden``: a Dutch number and its unit."""
    return f"{format_number(value)} {eenheid or ''}".strip()


def unit_of(pi: PrestatieIndicator) -> str | None:
    """The unit a realisation is read in: ``%`` for a percentage target (``90%``)."""
    return "%" if display.is_percent_target(pi) else pi.eenheid


def indicator_summary(pi: PrestatieIndicator) -> str:
    """One line for overview tables: title, target and the latest reported realisation."""
    target = target_text(pi)
    text = f"{pi.title}: {target}" if target else pi.title
    progress = pi.laatste_voortgang
    if progress is not None and progress.realisatie is not None:
        text += f" (stand {progress.periode}: {with_unit(progress.realisatie, unit_of(pi))})"
    return text


def _progress_rows(
    progress: Voortgang | None, eenheid: str | None = None
) -> list[tuple[str, str | None]]:
    if progress is None:
        return []
    realisatie = None
    if progress.realisatie is not None:
        realisatie = with_unit(progress.realisatie, eenheid)
    return [
        (f"Status {progress.periode}", progress.status),
        (f"Realisatie {progress.periode}", realisatie),
        (f"Toelichting {progress.periode}", display.toelichting(progress.toelichting)),
    ]


def value_rows(item: Item) -> list[tuple[str, str]]:
    """The item's own values as (Dutch label, text); shared with the DOCX writer."""
    rows: list[tuple[str, str | None]] = []

    def shown(name: str, text: str | None) -> str | None:
        return as_written(item, name, text)

    if isinstance(item, Onderdeel):
        if isinstance(item, Prioriteit):
            rows.append(("Rang", shown("rang", str(item.rang) if item.rang is not None else None)))
        rows.append(("Thema's (catalogus)", display.text_of(item, "kv") or None))
        rows.append(("Budget", shown("budget", display.money(item.budget) or None)))
    elif isinstance(item, Analyse):
        rows.append(("Thema's (catalogus)", display.text_of(item, "kv") or None))
    elif isinstance(item, Doel):
        if item.is_strategisch:
            rows.append(("Niveau", "strategisch doel"))
        else:
            rows.append(("Niveau", shown("niveau", None)))
    elif isinstance(item, EffectIndicator):
        rows += [
            ("Bron", display.text_of(item, "bron") or None),
            ("Soort", display.text_of(item, "soort") or None),
            ("Eenheid", item.eenheid),
            ("Nulmeting", shown("nulmeting", str(item.nulmeting) if item.nulmeting else None)),
            (
                "Streefwaarde",
                shown("streefwaarde", str(item.streefwaarde) if item.streefwaarde else None),
            ),
            ("Richting", shown("richting", item.richting)),
        ]
        rows += render_metingen.value_rows(item)
    elif isinstance(item, Maatregel):
        rows += [
            ("Bestuurlijk trekker", item.bestuurlijk_trekker),
            ("Ambtelijk trekker", item.ambtelijk_trekker),
            ("Partners", "; ".join(item.partners) or None),
            ("Planning", display.text_of(item, "planning") or None),
            ("Budget", display.text_of(item, "budget") or None),
            ("Status", shown("status", item.status)),
        ]
        rows += _progress_rows(item.laatste_voortgang)
    elif isinstance(item, PrestatieIndicator):
        rows.append(("Streefwaarde", target_text(item)))
        rows += _progress_rows(item.laatste_voortgang, unit_of(item))
    # "[IN TE VULLEN]" shown as written (kernbeleid nieuw), once: a field whose row above
    # already shows the placeholder is not listed again.
    shown_labels = {label for label, text in rows if text}
    rows += [
        (label, text) for label, text in placeholder_rows(item.raw) if label not in shown_labels
    ]
    return [(label, text) for label, text in rows if text]


def link_rows(
    item: Item, index: trace.TraceIndex | None = None
) -> list[tuple[str, Sequence[Item]]]:
    """The item's links both ways as (Dutch label, items); an onderdeel's maatregelen are
    :mod:`..model.trace`'s (``index``), the one owner of membership."""
    rows: list[tuple[str, Sequence[Item]]] = []
    if isinstance(item, Maatregel):
        # The prioriteit/thema, actiepunt and doelen are named first (trace_rows).
        named = set(map(id, [*item.draagt_bij_aan, item.actiepunt]))
        if index is not None and (onderdeel := index.onderdeel_of(item)) is not None:
            named.add(id(onderdeel))
        parents = [p for p in item.parents if id(p) not in named]
        if parents:
            rows.append(("Hoort bij", parents))
        rows.append(("Uitgangspunten", list(item.uitgangspunten)))
    elif item.parents:
        rows.append(("Hoort bij", list(item.parents)))
    by_type: dict[str, list[Item]] = {}
    for child in item.children:
        by_type.setdefault(child.type, []).append(child)
    for type_name, children in by_type.items():
        rows.append((PLURAL.get(type_name, TYPE_TITLES.get(type_name, type_name)), children))
    if isinstance(item, Onderdeel) and index is not None:
        direct = set(map(id, item.children))
        via: list[Item] = [m for m in index.maatregelen_of(item) if id(m) not in direct]
        rows.append(("Maatregelen via actiepunten en doelen", via))
    if isinstance(item, Doel):
        rows.append(("Bijdragende maatregelen", list(item.bijdragende_maatregelen)))
    if isinstance(item, Uitgangspunt):
        rows.append(("Toegepast in", list(item.toegepast_in)))
    return [(label, items) for label, items in rows if items]


class _Refs:
    """Links to items from one document, as :func:`.links.item_ref` makes them.

    A page of a large plan links to the same few documents thousands of times; the
    relative URI of each target document is computed once per page.
    """

    def __init__(self, app: Sphinx, fromdocname: str) -> None:
        self.builder = app.builder
        self.fromdocname = fromdocname
        self.uris: dict[str, str | None] = {}
        self.show_ids = settings_of(app).toon_ids

    def uri(self, docname: str) -> str | None:
        try:
            return self.uris[docname]
        except KeyError:
            try:
                uri: str | None = self.builder.get_relative_uri(self.fromdocname, docname)
            except NoUri:
                uri = None
            self.uris[docname] = uri
            return uri

    def paragraph(self, items: Sequence[Item]) -> nodes.paragraph:
        para = nodes.paragraph()
        for index, item in enumerate(items):
            if index:
                para += nodes.Text("; ")
            uri = self.uri(item.docname) if item.docname else None
            if uri is None:
                para += nodes.Text(item.title)
                continue
            ref = nodes.reference("", item.title, internal=True, refuri=f"{uri}#{item.id}")
            if self.show_ids:
                ref["reftitle"] = item.id
            para += ref
        return para


def head_line(item: Item, *, show_id: bool = False, titled: bool = True) -> nodes.paragraph:
    """The item's one-line head: type, title in bold, and (for writers) its id as a permalink.

    ``titled=False`` when the heading above already names the item: the head keeps the
    type only, so the title is read once. Drawn by us rather than by a sphinx-needs
    layout function: the layout engine parses every head line as rst, which cost about
    a quarter of a large build.
    """
    para = nodes.paragraph(classes=["kernbeleid-kop"])
    para += nodes.inline("", TYPE_TITLES.get(item.type, item.type), classes=["kb-soort"])
    if titled:
        para += nodes.Text(": ")
        para += nodes.strong("", item.title)
    if show_id:
        para += nodes.Text(" ")
        para += nodes.reference(
            "", item.id, internal=True, refid=item.id, reftitle=item.id, classes=["kb-id"]
        )
    return para


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def named_by_heading(node: nodes.Element, item: Item) -> bool:
    """Whether the section heading right above ``node`` names the item (``Actiepunt:
    aanpak De Hooge Akker`` above the actiepunt *Aanpak De Hooge Akker*), and the item
    is the first one in that section."""
    section = node.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return False
    heading, title = _words(section[0].astext()), _words(item.title)
    if not title or not (heading == title or heading.endswith(" " + title)):
        return False
    return next(iter(section.findall(Need)), None) is node


def trace_rows(item: Item, index: trace.TraceIndex | None) -> list[tuple[str, Sequence[Item]]]:
    """A maatregel's place in the plan, first in its block: the prioriteit or thema it
    belongs to and the doelen it contributes to (:mod:`..model.trace`)."""
    if not isinstance(item, Maatregel) or index is None:
        return []
    rows: list[tuple[str, Sequence[Item]]] = []
    context = trace.context_in(index, item)
    onderdeel = context.onderdeel
    if onderdeel is not None:
        rows.append((display.onderdeel_kind(onderdeel), [onderdeel]))
    if item.actiepunt is not None:
        rows.append(("Actiepunt", [item.actiepunt]))
    label = display.doelen_label(
        onderdeel, len(context.doelen), doelen_van_onderdeel=context.doelen_van_onderdeel
    )
    rows.append((label, list(context.doelen)))
    return [(label, items) for label, items in rows if items]


def details_block(
    app: Sphinx,
    item: Item,
    fromdocname: str,
    refs: _Refs | None = None,
    index: trace.TraceIndex | None = None,
) -> nodes.field_list | None:
    refs = refs or _Refs(app, fromdocname)
    field_list = nodes.field_list(classes=["kernbeleid-details"])
    if (holders := _geldt_voor(app, item)) is not None:  # a joint plan, not for all
        field_list += _field("Geldt voor", holders)
    if (split := _verdeling(app, item)) is not None:  # a joint plan's shared budget
        field_list += _field("Verdeling", split)
    for label, items in trace_rows(item, index):
        field_list += _field(label, refs.paragraph(items))
    for label, text in value_rows(item):
        field_list += _field(label, text)
    for label, items in link_rows(item, index):
        field_list += _field(label, refs.paragraph(items))
    return field_list if len(field_list) else None


def _geldt_voor(app: Sphinx, item: Item) -> str | None:
    """In a joint plan: for which gemeenten the item holds, when that is not all of them."""
    from ..build.plan_cache import get_plan

    plan = get_plan(app)
    if not plan.settings.gemeenten:
        return None
    holders = trace.gemeenten_of(plan, item)
    if len(holders) == len(plan.settings.gemeenten):
        return None
    return display.gemeenten(holders)


def _verdeling(app: Sphinx, item: Item) -> str | None:
    """In a joint plan: how the item's budget is split over its gemeenten."""
    from ..build.plan_cache import get_plan
    from ..model.gemeenten import verdeling

    plan = get_plan(app)
    if not plan.settings.gemeenten:
        return None
    split = verdeling(plan, item)
    if split is None or not split.shares:
        return None
    parts = "; ".join(f"{n} {display.money(v)}" for n, v in split.shares.items())
    return f"{parts} ({split.wijze})"


def add_details(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Put the head line and the details block at the top of each Kernbeleid need.

    The head line only where the need is drawn with our layout (which leaves the head
    to us); a project that chose another sphinx-needs layout keeps that layout's head.
    """
    from ..build.plan_cache import get_plan

    need_nodes = list(doctree.findall(Need))
    if not need_nodes:
        return
    plan = get_plan(app)
    refs = _Refs(app, fromdocname)
    default_layout = app.config.needs_default_layout
    for node in need_nodes:
        ids = node.get("ids") or []
        item = plan.get(ids[0]) if ids else None
        if item is None:
            continue
        block = details_block(app, item, fromdocname, refs, trace.index(plan))
        if (chart := render_metingen.chart_node(app, item, fromdocname)) is not None:
            node.insert(0, chart)
        if block is not None:
            node.insert(0, block)
        if (item.raw.get("layout") or default_layout) == KERNBELEID_LAYOUT_NAME:
            titled = not named_by_heading(node, item)
            node.insert(0, head_line(item, show_id=refs.show_ids, titled=titled))


def setup(app: Sphinx) -> None:
    app.add_css_file("kernbeleid.css")
    app.connect("doctree-resolved", add_details, priority=events.ITEM_DETAILS)
    app.connect("builder-inited", _add_static_path)


def _add_static_path(app: Sphinx) -> None:
    from pathlib import Path

    static = str(Path(__file__).parent.parent / "static")
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
