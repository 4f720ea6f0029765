"""``.. kernbeleid-amendementen::``: every amendement of the plan in one table.

Aangenomen and verworpen alike (a verworpen one changed nothing, but the raad voted on it),
with its indieners, status and what it changes; the item titles come from the plan.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..authoring import amendementen
from ..authoring.nodes import kernbeleid_overview
from ..model.plan import Plan
from .tables import Cell, make_table


def change_cells(plan: Plan, amendement: dict) -> str:
    """What an amendement changes, item by item, with the item's title."""
    parts = []
    for change in amendement["wijzigingen"]:
        item = plan.get(change["target"])
        if item is not None:
            title = f" ('{item.title}')"
        else:  # a proposed item of a verworpen amendement was never added
            title = "" if change.get("soort") == "voeg-toe" else " (bestaat niet)"
        parts.append(amendementen.change_text(change).replace(":", title + ":", 1))
    return "; ".join(parts) or "geen wijzigingen"


def rows(app: Sphinx, plan: Plan) -> list[list[Cell]]:
    return [
        [
            a["nummer"],
            a["titel"],
            a["indieners"] or "niet vermeld",
            amendementen.status_text(a),
            change_cells(plan, a),
        ]
        for a in amendementen.all_amendementen(app.env)
        if not a.get("los")
    ]


def amendementen_table(
    app: Sphinx, plan: Plan, node: kernbeleid_overview, fromdocname: str
) -> list[nodes.Node]:
    found = rows(app, plan)
    if not found:
        return [nodes.paragraph("", "Er zijn geen amendementen.")]
    return [
        make_table(
            ["Nr.", "Titel", "Indieners", "Status", "Wijzigt"],
            found,
            widths=[8, 24, 20, 16, 32],
            classes=["kernbeleid-amendementen"],
            title="Amendementen",
        )
    ]
