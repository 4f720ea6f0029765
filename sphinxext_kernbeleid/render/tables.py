"""Overview tables as docutils nodes: maatregelen and indicatoren per onderdeel, plattegrond.

Real docutils tables, so HTML and the DOCX writer render them without special cases.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..model import display, trace
from ..model.plan import Item, Onderdeel, Plan, Prioriteit
from ..model.plattegrond import Dekking, plattegrond
from .items import indicator_summary
from .links import item_ref
from .metingen import koers_cell, laatste_meting_text

logger = logging.getLogger(__name__)
_TABLE_IDS = itertools.count(1)

Cell = str | nodes.Node | list[nodes.Node]


def make_table(
    headers: list[str],
    rows: list[list[Cell]],
    *,
    widths: list[int] | None = None,
    classes: list[str] | None = None,
    title: str | None = None,
) -> nodes.table:
    """A plain table with a header row; every cell holds one paragraph."""
    table = nodes.table(classes=["kernbeleid-tabel", *(classes or [])])
    if widths:
        # Sphinx writes the relative widths only for tables that say they were given.
        table["classes"].append("colwidths-given")
    if title:
        table += nodes.title("", title)
        # Sphinx numbers titled tables and needs an id for that.
        table["ids"].append(f"{nodes.make_id(title)}-{next(_TABLE_IDS)}")
    tgroup = nodes.tgroup(cols=len(headers))
    table += tgroup
    for width in widths or [1] * len(headers):
        tgroup += nodes.colspec(colwidth=width)

    def row_node(cells: Sequence[Cell]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            para = nodes.paragraph()
            if isinstance(cell, str):
                para += nodes.Text(cell)
            elif isinstance(cell, list):
                para.extend(cell)
            else:
                para += cell
            entry += para
            row += entry
        return row

    thead = nodes.thead()
    thead += row_node(headers)
    tgroup += thead
    tbody = nodes.tbody()
    for cells in rows:
        tbody += row_node(cells)
    tgroup += tbody
    return table


def _onderdeel(plan: Plan, node: nodes.Element) -> Onderdeel | None:
    target = node["target"]
    item = plan.get(target)
    if isinstance(item, Onderdeel):
        return item
    known = ", ".join(o.id for o in plan.onderdelen) or "(geen)"
    logger.warning(
        f"kernbeleid-{node['kind']}: '{target}' is geen prioriteit of thema van dit "
        f"plan. Schrijf het id van een prioriteit of thema; bekend zijn: {known}.",
        type="kernbeleid",
        subtype="verwijzing",
        location=node,
    )
    return None


def _missing(text: str) -> nodes.paragraph:
    return nodes.paragraph("", text, classes=["kernbeleid-leeg"])


def maatregelen_table(
    app: Sphinx, plan: Plan, node: nodes.Element, fromdocname: str
) -> list[nodes.Node]:
    onderdeel = _onderdeel(plan, node)
    if onderdeel is None:
        return []
    index = trace.index(plan)
    maatregelen = index.maatregelen_of(onderdeel)
    if not maatregelen:
        return [_missing(f"Er zijn (nog) geen maatregelen voor {onderdeel.title}.")]
    rows: list[list[Cell]] = []
    for m in maatregelen:
        pis = "; ".join(indicator_summary(pi) for pi in m.prestatie_indicatoren)
        rows.append(
            [
                item_ref(app, fromdocname, m),
                m.actiepunt.title if m.actiepunt else "",
                f"{m.bestuurlijk_trekker or '–'} / {m.ambtelijk_trekker or '–'}",
                "; ".join(m.partners),
                display.text_of(m, "planning"),
                display.text_of(m, "budget"),
                display.text_of(m, "status"),
                pis,
            ]
        )
    budget = index.budget_of(onderdeel)
    rows.append(["Totaal", "", "", "", "", display.money(budget.total or None), "", ""])
    out: list[nodes.Node] = [
        make_table(
            [
                "Maatregel",
                "Actiepunt",
                "Trekker (bestuurlijk / ambtelijk)",
                "Partners",
                "Planning",
                "Budget",
                "Status",
                "Prestatie-indicatoren",
            ],
            rows,
            widths=[18, 12, 14, 14, 9, 8, 7, 18],
            classes=["kernbeleid-maatregelen"],
            title=f"Maatregelen – {onderdeel.title}",
        )
    ]
    note = budget_note(budget)
    if note:
        out.append(nodes.paragraph("", note, classes=["kernbeleid-budget-toelichting"]))
    return out


def budget_note(budget: trace.Budget) -> str:
    """Why the total is what it is, when a reader could doubt it (vervallen, over budget)."""
    parts = []
    if budget.vervallen:
        parts.append(
            f"Het totaal telt alleen maatregelen die niet vervallen zijn; vervallen "
            f"maatregelen ({display.money(budget.vervallen)}) staan erbij, maar tellen niet mee."
        )
    if budget.declared is not None:
        if budget.over:
            parts.append(
                f"De maatregelen kosten samen {display.money(budget.over)} meer dan het "
                f"budget van {display.money(budget.declared)}."
            )
        else:
            parts.append(f"Budget van dit onderdeel: {display.money(budget.declared)}.")
    return " ".join(parts)


def indicatoren_table(
    app: Sphinx, plan: Plan, node: nodes.Element, fromdocname: str
) -> list[nodes.Node]:
    onderdeel = _onderdeel(plan, node)
    if onderdeel is None:
        return []
    indicators = onderdeel.indicatoren
    if not indicators:
        return [_missing(f"Er zijn (nog) geen effectindicatoren voor {onderdeel.title}.")]
    rows: list[list[Cell]] = [
        [
            item_ref(app, fromdocname, ei),
            display.text_of(ei, "bron"),
            display.text_of(ei, "soort"),
            ei.eenheid or "",
            display.text_of(ei, "nulmeting"),
            display.text_of(ei, "streefwaarde"),
            display.text_of(ei, "richting"),
            laatste_meting_text(ei),
            koers_cell(ei),
        ]
        for ei in indicators
    ]
    return [
        make_table(
            [
                "Effectindicator",
                "Bron",
                "Soort",
                "Eenheid",
                "Nulmeting",
                "Streefwaarde",
                "Richting",
                "Laatste meting",
                "Op koers?",
            ],
            rows,
            widths=[22, 12, 8, 10, 9, 9, 7, 10, 13],
            classes=["kernbeleid-indicatoren"],
            title=f"Effectindicatoren – {onderdeel.title}",
        )
    ]


def _voor_wie(plan: Plan, item: Item) -> str | None:
    """In a joint plan: the gemeenten an onderdeel holds for, when not all of them."""
    if not plan.settings.gemeenten:
        return None
    holders = trace.gemeenten_of(plan, item)
    return None if len(holders) == len(plan.settings.gemeenten) else display.gemeenten(holders)


def plattegrond_table(
    app: Sphinx, plan: Plan, node: nodes.Element, fromdocname: str
) -> list[nodes.Node]:
    """Five columns (the fields), one row per theme position; each cell says its coverage."""
    columns = plattegrond(plan)
    depth = max(len(c.cells) for c in columns)
    rows: list[list[Cell]] = []
    for index in range(depth):
        row: list[Cell] = []
        for column in columns:
            if index >= len(column.cells):
                row.append("")
                continue
            cell = column.cells[index]
            parts: list[nodes.Node] = [nodes.strong("", cell.theme.label), nodes.Text(" – ")]
            if not cell.onderdelen:
                parts.append(
                    nodes.inline(
                        "", cell.dekking.label, classes=[f"kb-dekking-{cell.dekking.name.lower()}"]
                    )
                )
            # Each item with its own kind: a theme can be a prioriteit and an overig thema.
            for number, onderdeel in enumerate(cell.onderdelen):
                dekking = (
                    Dekking.PRIORITEIT if isinstance(onderdeel, Prioriteit) else Dekking.OVERIG
                )
                if number:
                    parts.append(nodes.Text("; "))
                label = dekking.value if number else dekking.label
                parts += [
                    nodes.inline("", label, classes=[f"kb-dekking-{dekking.name.lower()}"]),
                    nodes.Text(": "),
                    item_ref(app, fromdocname, onderdeel),
                ]
                if (voor := _voor_wie(plan, onderdeel)) is not None:  # a joint plan
                    parts.append(nodes.Text(f" ({voor})"))
            row.append(parts)
        rows.append(row)
    return [
        make_table(
            [f"{c.field.code}. {c.field.naam}" for c in columns],
            rows,
            classes=["kernbeleid-plattegrond"],
            title="Plattegrond: de vijf veiligheidsvelden en hun thema's",
        )
    ]
