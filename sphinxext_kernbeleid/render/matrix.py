"""The traceability matrix as docutils nodes (``.. kernbeleid-matrix::``).

Nested rows read best at 50+ maatregelen: per prioriteit/thema a header row, then one row
per goal listing the maatregelen that serve it. The matrix goes into the plan the raad
reads (site and Word): it states facts in plain words ("geen maatregel in dit plan") and
never tells the writer what to do; judging gaps is the check report's business, and the
method's rules decide what is one (an overig thema need not have doelen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx

from ..model import display
from ..model.plan import Maatregel, Plan, Prioriteit
from .links import item_ref
from .tables import Cell, make_table

if TYPE_CHECKING:  # the matrix is built when the page has one (tests/test_import_cost.py)
    from ..model.matrix import Group, Mark

EXPLICIT = "●"
IMPLICIT = "○"


def onderdeel_label(group: Group) -> str:
    onderdeel = group.onderdeel
    if onderdeel is None:
        return "Doelen zonder prioriteit of thema"
    if isinstance(onderdeel, Prioriteit):
        rang = f" {onderdeel.rang}" if onderdeel.rang is not None else ""
        return f"Prioriteit{rang}: {onderdeel.title}"
    return f"Thema: {onderdeel.title}"


def _gap(text: str) -> nodes.Node:
    """A plain fact (no warning sign): marked for the site's styling only."""
    return nodes.emphasis("", text, classes=["kb-gat"])


def _marks(app: Sphinx, fromdocname: str, marks: list[Mark]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, mark in enumerate(marks):
        if index:
            out.append(nodes.Text("; "))
        out.append(nodes.Text(f"{EXPLICIT if mark.explicit else IMPLICIT} "))
        out.append(item_ref(app, fromdocname, mark.maatregel))
    return out


def _refs(app: Sphinx, fromdocname: str, maatregelen: list[Maatregel]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, m in enumerate(maatregelen):
        if index:
            out.append(nodes.Text("; "))
        out.append(item_ref(app, fromdocname, m))
        if m.actiepunt is None and m.parent is not None:
            out.append(nodes.Text(f" (hoort bij {m.parent.title})"))
    return out


def matrix_nodes(
    app: Sphinx, plan: Plan, node: nodes.Element | None, fromdocname: str
) -> list[nodes.Node]:
    from ..model.matrix import build_matrix

    matrix = build_matrix(plan)

    cov = matrix.coverage
    rows: list[list[Cell]] = []
    row_classes: list[str] = []
    for group in matrix.groups:
        head: list[nodes.Node] = [nodes.strong("", onderdeel_label(group))]
        if group.onderdeel is not None:
            kind = onderdeel_label(group).split(":")[0]
            ref = item_ref(app, fromdocname, group.onderdeel)
            head = [nodes.Text(f"{kind}: "), nodes.strong("", "", ref)]
        summary = display.count(len(group.maatregelen), "maatregel", "maatregelen")
        if group.gaps:
            summary += f"; {display.count(group.gaps, 'doel', 'doelen')} zonder maatregel"
        rows.append([head, summary, str(len(group.maatregelen))])
        row_classes.append("kb-matrix-groep")
        if not group.rows and isinstance(group.onderdeel, Prioriteit):
            # A prioriteit has doelen by the method; an overig thema need not: no row.
            rows.append([_gap("geen doelen in dit plan"), "", "0"])
            row_classes.append("kb-matrix-gat")
        for row in group.rows:
            indent = "↳ " * (row.depth + 1)
            label: list[nodes.Node] = [nodes.Text(indent), item_ref(app, fromdocname, row.doel)]
            if row.covered:
                rows.append([label, _marks(app, fromdocname, row.marks), str(len(row.marks))])
                row_classes.append("")
            else:
                rows.append([label, [_gap("geen maatregel in dit plan")], "0"])
                row_classes.append("kb-matrix-gat")
    if matrix.zonder_doel:
        rows.append(
            [
                [_gap("Maatregelen die geen doel noemen")],
                _refs(app, fromdocname, matrix.zonder_doel),
                str(len(matrix.zonder_doel)),
            ]
        )
        row_classes.append("kb-matrix-gat")
    table = make_table(
        ["Prioriteit / thema en doel", "Maatregelen die bijdragen", "Aantal"],
        rows,
        widths=[30, 62, 8],
        classes=["kernbeleid-matrix"],
        title="Samenhang doelen en maatregelen",
    )
    tbody = next(iter(table.findall(nodes.tbody)))
    for row_node, cls in zip(tbody.children, row_classes, strict=True):
        if cls and isinstance(row_node, nodes.Element):
            row_node["classes"].append(cls)
    figures = nodes.bullet_list(classes=["kb-dekking"])
    for text in display.coverage_lines(cov):
        figures += nodes.list_item("", nodes.paragraph("", text))
    # Read by the council too: plain words, not the option names of the rst source.
    legend = nodes.paragraph(
        "",
        f"{EXPLICIT} de maatregel draagt bij aan dit doel · {IMPLICIT} de maatregel hoort bij "
        f"de prioriteit of het thema, maar noemt geen eigen doel",
        classes=["kb-legenda"],
    )
    return [figures, legend, table]
