"""Register our need types, fields and layout with sphinx-needs' public API."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx_needs.api import add_field, add_need_layout, add_need_type

from .needtypes import FIELDS, NEED_TYPES

#: A compact layout: one line with type, title and id; the details block comes from
#: :mod:`.render.items`, which knows our fields and the links both ways.
KERNBELEID_LAYOUT = {
    "grid": "simple",
    "layout": {
        "head": ['<<meta("type_name")>>: **<<meta("title")>>** <<meta_id()>>'],
    },
}


def _add_types_and_layout(app: Sphinx, _config: Config) -> None:
    for spec in NEED_TYPES:
        add_need_type(app, spec.directive, spec.title, spec.prefix, spec.color)
    add_need_layout(app, "kernbeleid", KERNBELEID_LAYOUT)


def register(app: Sphinx) -> None:
    # Fields go in now, right after sphinx-needs cleared its per-process registry.
    for name, description in FIELDS.items():
        add_field(name, description, schema={"type": "string"}, nullable=True)
    # Types must be added after sphinx-needs resolved needs_types (priority 12).
    app.connect("config-inited", _add_types_and_layout, priority=15)
