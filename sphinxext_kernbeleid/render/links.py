"""References to items, usable by any builder that can resolve document URIs."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri

from ..build.settings import settings_of
from ..model.plan import Item


def item_ref(app: Sphinx, fromdocname: str, item: Item, *, with_id: bool = False) -> nodes.Node:
    """The item's title, linked to where it is defined (the id is the anchor; as a tooltip
    only for writers, ``kernbeleid_toon_ids``)."""
    label = f"{item.title} ({item.id})" if with_id else item.title
    text = nodes.Text(label)
    if not item.docname:
        return text
    try:
        uri = app.builder.get_relative_uri(fromdocname, item.docname)
    except NoUri:
        return text
    ref = nodes.reference("", "", internal=True, refuri=f"{uri}#{item.id}")
    if settings_of(app).toon_ids:
        ref["reftitle"] = item.id
    ref += text
    return ref
