"""The overview directives' content: placeholders filled from the plan in the write phase.

The directives (:mod:`..authoring.directives`) only record what to show; once every
document has been read the plan is complete, and each placeholder is replaced by what
its renderer makes of it.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx

from .. import events
from ..authoring.nodes import kernbeleid_overview
from ..build.plan_cache import get_plan
from ..model.plan import Plan

#: kind -> function(app, plan, node, fromdocname) returning the nodes to show.
Renderer = Callable[[Sphinx, Plan, kernbeleid_overview, str], list[nodes.Node]]
RENDERERS: dict[str, Renderer] = {}


def fill_overviews(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    placeholders = list(doctree.findall(kernbeleid_overview))
    if not placeholders:
        return
    plan = get_plan(app)
    for node in placeholders:
        renderer = RENDERERS.get(node["kind"])
        if renderer is None:  # a kind whose renderer is not installed
            node.replace_self([])
            continue
        node.replace_self(renderer(app, plan, node, fromdocname))


def setup(app: Sphinx) -> None:
    from . import analyse, begroting, matrix, startnotitie, tables, voortgang

    tables.register(RENDERERS)
    begroting.register(RENDERERS)
    matrix.register(RENDERERS)
    voortgang.register(RENDERERS)  # voortgangsrapportage and terugblik
    analyse.register(RENDERERS)  # the veiligheidsanalyse
    startnotitie.register(RENDERERS)  # the startnotitie's planning
    app.connect("doctree-resolved", fill_overviews, priority=events.OVERVIEWS)
