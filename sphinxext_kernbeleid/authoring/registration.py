"""Register our need types, fields and layout with sphinx-needs' public API."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx_needs.api import add_field, add_need_layout, add_need_type

from .. import events
from ..model.needtypes import FIELDS, NEED_TYPES

KERNBELEID_LAYOUT_NAME = "kernbeleid"

#: The lightest sphinx-needs layout: only the content cell. The head line (type, title,
#: id) and the details block are drawn by :mod:`.render.items` as plain docutils nodes;
#: sphinx-needs' layout functions parse each head line as rst, which made the default
#: head cost about a quarter of a large build (see bench/run.py). sphinx-needs still
#: owns the need: its node, id anchor, needs.json, filters and tables.
KERNBELEID_LAYOUT = {
    "grid": "content",
    "layout": {},
}


def _add_types_and_layout(app: Sphinx, _config: Config) -> None:
    for spec in NEED_TYPES:
        add_need_type(app, spec.directive, spec.title, spec.prefix, spec.color)
    add_need_layout(app, KERNBELEID_LAYOUT_NAME, KERNBELEID_LAYOUT)


def register(app: Sphinx) -> None:
    # Fields go in now, right after sphinx-needs cleared its per-process registry.
    for name, description in FIELDS.items():
        add_field(name, description, schema={"type": "string"}, nullable=True)
    app.connect("config-inited", _add_types_and_layout, priority=events.NEED_TYPES)
