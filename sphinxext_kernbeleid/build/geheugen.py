"""Builds without full garbage collections over the whole environment: one owner of
taking a doctree apart (:func:`release`), for the HTML pages here and the Word documents.

After reading, the heap holds the environment: sphinx-needs' data, the plan, every
doctree not yet written; hundreds of thousands of long-lived objects. While the pages are
written, Python's cyclic garbage collector walks all of them again and again (at 1.000
maatregelen about 20 full collections, 3 of the 7 cpu seconds of writing), only to free
each written page's doctree, which is garbage in cycles (every node points at its parent
and its document).

So, once the plan is built (``write-started``), the heap is frozen (``gc.freeze``: the
collector no longer walks it), and each page's doctree is taken apart when Sphinx is
done with it (``html-page-context`` is the last thing that sees it: the page is rendered
from its context), so reference counting frees it at once, frozen or not. Freezing alone
was measured and rejected for memory (the doctrees Sphinx releases while writing stayed
until the end, peak 159 → 252 MB at 1.000); with the doctrees taken apart the peak stays
as it was. At ``build-finished`` the heap is unfrozen.

Before that, a rebuild starts by unpickling the environment saved last time: hundreds of
thousands of objects at once, for which the collector runs collections (at 1.000
maatregelen two full ones and some twenty of the middle generation) that free nothing:
loading takes 0.11-0.22 s with the collector, 0.07 s without. So on a rebuild the
collector is paused from the extension's ``setup()`` (before Sphinx and sphinx-needs
import the rest, and load the environment) until the heap is frozen (``write-started``;
after sphinx-needs resolved its needs; other builders there too): resumed earlier, at
``builder-inited``, it walked the whole environment once more, and again during
sphinx-needs' work, for nothing.
Documents to read make garbage in cycles, so then it is resumed before reading
(``env-before-read-docs``). ``build-finished`` resumes it too, and so does the next
``setup()`` in the same process, should a build fail before it wrote.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from .. import events

_FROZEN: list[bool] = []
#: Set while the collector is off because :func:`pause_collector` turned it off.
_PAUSED: list[bool] = []

#: The file Sphinx saves the environment in, in the doctree folder.
ENVIRONMENT_PICKLE = "environment.pickle"


def pause_collector(app: Sphinx) -> None:
    """A rebuild: no collections while the saved environment is loaded (see above).

    A first build has nothing to load, and a collector the user turned off stays off.
    """
    resume_collector()  # an earlier build in this process that failed before its builder
    rebuild = os.path.exists(os.path.join(app.doctreedir, ENVIRONMENT_PICKLE))
    if rebuild and gc.isenabled():
        gc.disable()
        _PAUSED.append(True)


def resume_to_read(app: Sphinx, env: object, docnames: list[str]) -> None:
    """Documents to read: their parsing makes garbage in cycles, so the collector is back."""
    if docnames:
        resume_collector()


def resume_collector(*_args: object) -> None:
    """The collector on again, if :func:`pause_collector` turned it off; idempotent."""
    if _PAUSED:
        _PAUSED.clear()
        gc.enable()


def _writes_html(builder: Builder) -> bool:
    return getattr(builder, "format", "") == "html"


def freeze(app: Sphinx, builder: Builder) -> None:
    if _writes_html(builder) and not _FROZEN:
        gc.freeze()
        _FROZEN.append(True)


def release_doctree(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Nothing uses a page's doctree after this event: taken apart, it is freed without
    the collector."""
    if _FROZEN and isinstance(doctree, nodes.document):
        release(doctree)


def release(tree: nodes.document, keep: Set[int] = frozenset()) -> None:
    """Take a doctree nobody reads any more apart, so reference counting frees it.

    A doctree is one big reference cycle (every node points to its parent and to its
    document), which only a pass of the garbage collector over the whole heap frees. This
    drops those back references: what a node holds stays as it was. The nodes whose id is
    in ``keep`` (overviews a later document shows again) lose their parent only; what is
    below them stays whole.
    """
    stack: list[nodes.Node] = [tree, *_messages(tree)]
    while stack:
        node = stack.pop()
        state = node.__dict__
        parent = state.pop("parent", None)
        if isinstance(parent, nodes.document) and parent.__dict__.pop("_document", None):
            # An included document's own root, met the first time: its messages too.
            parent.__dict__.pop("transformer", None)
            stack += _messages(parent)
        state.pop("_document", None)
        children = state.get("children")
        if children:
            for child in children:
                if id(child) in keep:
                    child.__dict__.pop("parent", None)
                    child.__dict__.pop("_document", None)
                else:
                    stack.append(child)
    tree.__dict__.clear()  # its ids, transformer and children: everything goes now


def _messages(document: nodes.document) -> list[nodes.Node]:
    """The system messages a doctree keeps beside its nodes (from reading it)."""
    state = document.__dict__
    return [*state.get("transform_messages", ()), *state.get("parse_messages", ())]


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    if _FROZEN:
        _FROZEN.clear()
        gc.unfreeze()


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", resume_to_read, priority=events.COLLECTOR_RESUMED_TO_READ)
    app.connect("write-started", resume_collector, priority=events.COLLECTOR_RESUMED)
    app.connect("write-started", freeze, priority=events.HEAP_FROZEN)
    app.connect("html-page-context", release_doctree, priority=events.DOCTREE_RELEASED)
    app.connect("build-finished", unfreeze, priority=events.HEAP_UNFROZEN)
    app.connect("build-finished", resume_collector, priority=events.HEAP_UNFROZEN)
