"""The HTML write phase without full garbage collections over the whole environment.

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
"""

from __future__ import annotations

import gc
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from .. import events

_FROZEN: list[bool] = []


def _writes_html(builder: Builder) -> bool:
    return getattr(builder, "format", "") == "html"


def freeze(app: Sphinx, builder: Builder) -> None:
    if _writes_html(builder) and not _FROZEN:
        gc.freeze()
        _FROZEN.append(True)


def release_doctree(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Break the doctree's cycles (parent, document, transformer, reporter): nothing uses
    it after this event, and without cycles it is freed without the collector."""
    if not _FROZEN or not isinstance(doctree, nodes.document):
        return
    for node in doctree.findall():
        node.parent = None
        node.__dict__.pop("_document", None)
    doctree.transformer = None  # type: ignore[assignment]
    doctree.reporter = None  # type: ignore[assignment]


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    if _FROZEN:
        _FROZEN.clear()
        gc.unfreeze()


def setup(app: Sphinx) -> None:
    app.connect("write-started", freeze, priority=events.HEAP_FROZEN)
    app.connect("html-page-context", release_doctree, priority=events.DOCTREE_RELEASED)
    app.connect("build-finished", unfreeze, priority=events.HEAP_UNFROZEN)
