"""A Word document's tree let go of part by part while it is written (issue 25: memory).

The whole assembled doctree of a large plan (10.000 maatregelen) and the Word body made
from it were alive at once until the document was saved. The translator says when a part
of the tree (a section, an included document) is written into the body itself
(``DocxTranslator.part_done``); nothing later reads that part again, so it is taken apart
(:func:`...build.geheugen.release`, the one owner of that) and reference counting frees it
while the rest is still being written.

What would read a written part later is taken before the walk instead:

* the column widths per kind of table ("every table of one kind gets the same widths")
  measure all tables of a kind: measured once over the whole tree before the walk
  (``TableWriting.measure_kinds``, ``kernbeleid.kind_spec``), not when the first table of
  the kind is written;
* footnotes are written where they are referenced, possibly after the part that holds
  them: they are kept whole, as are the overviews a later document shows again.

``IN_PARTS`` switches it off (the tests compare both: the document is the same byte for
byte).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from docutils import nodes

from ...build.geheugen import release
from ...render.overviews import kept_for_reuse

#: Let go of each written part of the tree (False: the whole tree lives until the end).
IN_PARTS = True


class Parts:
    """The parts of one document's tree already written and let go of."""

    def __init__(self, keep: Set[int]) -> None:
        self.keep = keep
        self.released = 0

    def done(self, node: nodes.Element) -> None:
        """Take a written part apart, unless it (or what holds it) is kept for later."""
        ancestor: Any = node
        while ancestor is not None:
            if id(ancestor) in self.keep:
                return
            ancestor = ancestor.parent
        release(node, keep=self.keep)  # type: ignore[arg-type]
        self.released += 1


def start(translator: Any) -> Parts | None:
    """Prepare ``translator`` to be walked in parts: what needs the whole tree is measured
    now, and each written part is released from then on."""
    if not IN_PARTS:
        return None
    from ...writers.docx.kernbeleid import kind_spec

    translator.measure_kinds()
    kind_spec(translator, "")  # every kind's widths, measured over the whole tree
    keep = kept_for_reuse() | {id(note) for note in translator.footnote_nodes.values()}
    parts = Parts(keep)
    translator.part_done = parts.done
    return parts
