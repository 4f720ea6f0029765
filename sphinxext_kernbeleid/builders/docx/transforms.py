"""Kernbeleid needs become Kernbeleid nodes, grouped into the tables the writer draws.

Runs at ``doctree-resolved`` of a Word build only (the builder connects it).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.nodes import Need

from ...authoring.nodes import kernbeleid_group, kernbeleid_item
from ...build.plan_cache import get_plan
from ...writers.docx.kernbeleid import GROUPS
from . import per_gemeente


def prepare_items(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Take the Kernbeleid needs out of sphinx-needs' layout before it formats them.

    Runs at ``doctree-resolved`` priority 390, before the HTML details block (400) and
    sphinx-needs (500): we replace each Need node of a Kernbeleid type by our own node
    holding the same content. This relies only on the Need node and its id (stable
    across sphinx-needs layouts and themes), not on the rendered table's classes.
    """
    per_gemeente.drop_foreign(app, doctree, fromdocname)  # a joint plan: one gemeente's
    plan = get_plan(app)
    touched: list[nodes.Element] = []
    for need in list(doctree.findall(Need)):
        ids = need.get("ids") or []
        item = plan.get(ids[0]) if ids else None
        if item is None:
            continue
        replacement = kernbeleid_item(item_id=item.id, item_type=item.type)
        replacement.source, replacement.line = need.source, need.line
        replacement.extend(need.children)
        need.replace_self(replacement)
        if replacement.parent is not None:
            touched.append(replacement.parent)
    seen: set[int] = set()
    for parent in touched:
        if id(parent) not in seen:
            seen.add(id(parent))
            _group_children(parent)


def _group_children(parent: nodes.Element) -> None:
    """Consecutive indicators / maatregelen (with their PIs) become one table group."""

    new_children: list[nodes.Node] = []
    group: kernbeleid_group | None = None
    for child in list(parent.children):
        kind = (
            GROUPS.get(child.get("item_type", "")) if isinstance(child, kernbeleid_item) else None
        )
        if kind is not None:
            if group is None or group["kind"] != kind:
                group = kernbeleid_group(kind=kind)
                group.source, group.line = child.source, child.line
                new_children.append(group)
            group.append(child)
            continue
        if isinstance(child, (nodes.target, nodes.comment)) and group is not None:
            group.append(child)
            continue
        group = None
        new_children.append(child)
    parent.children = []
    parent.extend(new_children)
