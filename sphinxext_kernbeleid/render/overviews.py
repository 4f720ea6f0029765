"""The overview directives' content: placeholders filled from the plan in the write phase.

The directives (:mod:`..authoring.directives`) only record what to show; once every
document has been read the plan is complete, and each placeholder is replaced by what
its renderer makes of it.

A builder that puts several documents together from the same sources (Word: the plan,
then the annex with the same tables per onderdeel), whose links do not depend on the
document they are in, and which finishes one document before it resolves the next says
so with ``reuses_overviews``: then each overview is rendered once per build
and a later document asking for the same thing gets those nodes (copying a large table
the docutils way costs more than rendering it again); only a repeat within one document
gets a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx

from .. import events
from ..authoring.nodes import kernbeleid_overview
from ..build.plan_cache import get_plan
from ..model.plan import Plan

#: kind -> function(app, plan, node, fromdocname) returning the nodes to show.
Renderer = Callable[[Sphinx, Plan, kernbeleid_overview, str], list[nodes.Node]]
RENDERERS: dict[str, Renderer] = {}

#: What a placeholder asks for: its attributes.
Key = tuple[tuple[str, str], ...]
#: Per plan (one per build): the overviews rendered so far, with the id of the document
#: that shows them now.
_RENDERED: WeakKeyDictionary[Plan, dict[Key, tuple[int, list[nodes.Node]]]] = WeakKeyDictionary()


def _key(node: kernbeleid_overview) -> Key:
    return tuple(sorted((name, repr(value)) for name, value in node.attributes.items()))


def fill_overviews(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    placeholders = list(doctree.findall(kernbeleid_overview))
    if not placeholders:
        return
    plan = get_plan(app)
    reuse = getattr(app.builder, "reuses_overviews", False)
    rendered = _RENDERED.setdefault(plan, {}) if reuse else {}
    for node in placeholders:
        renderer = RENDERERS.get(node["kind"])
        if renderer is None:  # a kind whose renderer is not installed
            node.replace_self([])
            continue
        if not reuse:
            node.replace_self(renderer(app, plan, node, fromdocname))
            continue
        key = _key(node)
        shown_in, content = rendered.get(key, (0, []))
        if not shown_in:
            content = renderer(app, plan, node, fromdocname)
        elif shown_in == id(doctree):
            content = [child.deepcopy() for child in content]
        rendered[key] = (id(doctree), content)
        node.replace_self(content)


def setup(app: Sphinx) -> None:
    from . import amendementen, analyse, begroting, matrix, startnotitie, tables, voortgang

    tables.register(RENDERERS)
    begroting.register(RENDERERS)
    matrix.register(RENDERERS)
    voortgang.register(RENDERERS)  # voortgangsrapportage and terugblik
    analyse.register(RENDERERS)  # the veiligheidsanalyse
    startnotitie.register(RENDERERS)  # the startnotitie's planning
    amendementen.register(RENDERERS)  # the amendementen and what they change
    app.connect("doctree-resolved", fill_overviews, priority=events.OVERVIEWS)
