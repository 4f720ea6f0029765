"""The Word builder lets go of a written tree without a pass of the garbage collector."""

from __future__ import annotations

import gc
import weakref

from docutils import nodes
from docutils.core import publish_doctree

from sphinxext_kernbeleid.build.geheugen import release

SOURCE = """
Hoofdstuk
=========

Een alinea met een verwijzing naar doel_ en een voetnoot [#v]_.

.. _doel:

Paragraaf
---------

.. list-table::

   * - cel
     - nog een cel

Tekst met een *nadruk*.

.. _niet-gebruikt:

.. [#v] De voetnoot.
"""


def test_release_frees_the_tree_by_reference_counting_and_keeps_what_is_reused() -> None:
    tree = publish_doctree(SOURCE)
    table = next(iter(tree.findall(nodes.table)))
    emphasis = next(iter(tree.findall(nodes.emphasis)))
    messages = [weakref.ref(m) for m in tree.transform_messages]
    assert messages  # the unreferenced target: a message the doctree keeps beside its nodes
    section = next(iter(tree.findall(nodes.section)))
    gone = [weakref.ref(n) for n in (section, emphasis, emphasis.parent)]
    del section
    del emphasis
    entry = next(iter(table.findall(nodes.entry)))
    collecting = gc.isenabled()
    gc.disable()  # only reference counting may free it
    try:
        release(tree, keep={id(table)})
        del tree  # (the parser's states still hold the root: the nodes go)
        assert all(ref() is None for ref in gone)
        assert all(ref() is None for ref in messages)
    finally:
        if collecting:
            gc.enable()
    # What a later document shows again stays whole, only taken out of the old tree.
    assert table.parent is None
    assert entry.astext() == "cel"
    ancestors = []
    node = entry.parent
    while node is not None:
        ancestors.append(node)
        node = node.parent
    assert ancestors[-1] is table  # row, tbody, tgroup, table: still linked
