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

The renderers are imported when an overview of their kind is first filled: a rebuild
without change fills none, and imports none of them (nor the gemeenten' plans).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary, ref

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .. import events
from ..authoring.nodes import kernbeleid_overview
from ..build.plan_cache import get_plan, whole_plan

if TYPE_CHECKING:
    from ..model.plan import Plan

logger = logging.getLogger(__name__)

#: kind -> function(app, plan, node, fromdocname) returning the nodes to show.
Renderer = Callable[[Sphinx, "Plan", kernbeleid_overview, str], list[nodes.Node]]

#: The one table of the overview kinds: which function of which module of this package
#: renders each.
RENDERER_MODULES: dict[str, tuple[str, str]] = {
    "maatregelen": ("tables", "maatregelen_table"),
    "indicatoren": ("tables", "indicatoren_table"),
    "plattegrond": ("tables", "plattegrond_table"),
    "begroting": ("begroting", "begroting_tables"),
    "matrix": ("matrix", "matrix_nodes"),
    "voortgang": ("voortgang", "voortgang_renderer"),  # the voortgangsrapportage
    "voortgang-deel": ("voortgang", "part_renderer"),
    "terugblik": ("voortgang", "terugblik_renderer"),
    "veiligheidsanalyse": ("analyse", "render"),
    "planning": ("startnotitie", "render"),  # the startnotitie's planning
    "amendementen": ("amendementen", "amendementen_table"),  # and what they change
}


class Renderers(dict[str, Renderer]):
    """The renderers by kind, each module imported when one of its kinds is first asked
    for: a build that fills no overview imports none of them."""

    def __missing__(self, kind: str) -> Renderer:
        module, function = RENDERER_MODULES[kind]  # KeyError: no such kind
        renderer: Renderer = getattr(import_module(f"{__package__}.{module}"), function)
        self[kind] = renderer
        return renderer

    def get(self, kind: str, default: Renderer | None = None) -> Renderer | None:  # type: ignore[override]
        return self[kind] if kind in RENDERER_MODULES else default

    def __contains__(self, kind: object) -> bool:
        return kind in RENDERER_MODULES


RENDERERS: dict[str, Renderer] = Renderers()

#: What a placeholder asks for: its attributes.
Key = tuple[tuple[str, str], ...]
#: Per plan (one per build): the overviews rendered so far, with the document that shows
#: them now (weakly: a written document is let go; an id could come back for the next).
_RENDERED: WeakKeyDictionary[Plan, dict[Key, tuple[ref[nodes.document], list[nodes.Node]]]] = (
    WeakKeyDictionary()
)


def _key(node: kernbeleid_overview) -> Key:
    return tuple(sorted((name, repr(value)) for name, value in node.attributes.items()))


def fill_overviews(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    placeholders = list(doctree.findall(kernbeleid_overview))
    if not placeholders:
        return
    plan = get_plan(app)
    reuse = getattr(app.builder, "reuses_overviews", False)
    whole = plan
    for node in placeholders:
        plan = _plan_for(app, whole, node)  # a joint plan: one gemeente's, if asked
        rendered = _RENDERED.setdefault(plan, {}) if reuse else {}
        renderer = RENDERERS.get(node["kind"])
        if renderer is None:  # a kind whose renderer is not installed
            node.replace_self([])
            continue
        if not reuse:
            node.replace_self(renderer(app, plan, node, fromdocname))
            continue
        key = _key(node)
        shown_in, content = rendered.get(key, (None, []))
        if shown_in is None:
            content = renderer(app, plan, node, fromdocname)
        elif shown_in() is doctree:
            content = [child.deepcopy() for child in content]
        rendered[key] = (ref(doctree), content)
        node.replace_self(content)


def kept_for_reuse() -> set[int]:
    """The ids of the nodes kept for a later document (the top node of each rendered
    overview): a builder that takes apart a written tree leaves them whole."""
    return {
        id(node)
        for rendered in _RENDERED.values()
        for _shown_in, content in rendered.values()
        for node in content
    }


def _plan_for(app: Sphinx, plan: Plan, node: kernbeleid_overview) -> Plan:
    """The plan an overview shows: ``:gemeente: Beekveld`` in a joint plan picks hers."""
    asked = node.get("gemeente")
    if not asked:
        return plan
    from ..model import gemeenten

    joint = whole_plan(app)  # also while one gemeente's Word document is written
    found = gemeenten.find(joint.settings, asked)
    if found is None:
        names = [d.naam for d in joint.settings.gemeenten]
        near = difflib.get_close_matches(asked, names, n=1, cutoff=0.5)
        hint = f" Bedoelt u {near[0]}?" if near else ""
        what = (
            f"doet niet mee aan dit plan.{hint} Deelnemers: {', '.join(names)}."
            if names
            else "kan niet: conf.py noemt geen gemeenten (kernbeleid_gemeenten)."
        )
        logger.warning(
            f":gemeente: {asked} {what} Het overzicht toont nu het hele plan.",
            location=node,
            type="kernbeleid",
            subtype="gemeente",
        )
        return plan
    if plan is not joint and plan.settings.gemeente == found:
        return plan  # her own document: her plan already
    return gemeenten.plan_voor(joint, found)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_overviews, priority=events.OVERVIEWS)
