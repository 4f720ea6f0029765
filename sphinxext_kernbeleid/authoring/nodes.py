"""The package's own docutils nodes, in one place (as ``sphinx/addnodes.py`` for Sphinx).

The directives leave :class:`kernbeleid_overview` placeholders; a Word build turns the
Kernbeleid needs into :class:`kernbeleid_item` nodes, grouped into :class:`kernbeleid_group`
nodes that the Word writer draws as tables.
"""

from __future__ import annotations

from docutils import nodes


class kernbeleid_overview(nodes.General, nodes.Element):
    """Placeholder for an overview; replaced at ``doctree-resolved``."""


class kernbeleid_item(nodes.General, nodes.Element):
    """A Kernbeleid need, taken out of sphinx-needs' layout; ``item_id`` names it."""


class kernbeleid_group(nodes.General, nodes.Element):
    """Consecutive items drawn as one table: ``kind`` names the table (e.g. ``maatregelen``)."""
