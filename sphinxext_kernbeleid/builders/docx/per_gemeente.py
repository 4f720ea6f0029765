"""A joint plan in Word: per gemeente its own IVP, Uitvoeringsplan and Bijlagen.

Each raad decides on its own IVP, so a plan with ``kernbeleid_gemeenten`` gets the
plan's documents once per gemeente (``IVP-Beekveld-2026-2029.docx``, …), each written
while that gemeente's own plan is shown (:func:`..build.plan_cache.showing`): its name
and logo on the title page, its shares of the shared budgets in every table, and only
the items that hold for it. :func:`drop_foreign` takes the other items out of the text
in the transforms step: an item that does not hold, and a section whose items all do
not hold (a local prioriteit of a neighbour, with its prose). Documents that are the
same for every gemeente (startnotitie, veiligheidsanalyse, raadsvoorstel) stay one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.nodes import Need

from ...build.plan_cache import get_plan, showing, whole_plan
from ...model.gemeenten import plan_voor

if TYPE_CHECKING:
    from . import DocxBuilder, DocxDocument

#: The documents each gemeente gets of her own (by the default file names).
PER_GEMEENTE = (
    "IVP-",
    "Uitvoeringsplan-",
    "Bijlagen-",
    "Voortgangsrapportage-",
    "Veiligheidsplan-",
)
#: Which gemeente a document is written for: builder id -> file name -> gemeente.
_FOR: dict[int, dict[str, str]] = {}


def is_joint(app: Sphinx) -> bool:
    return bool(whole_plan(app).settings.gemeenten)


@contextmanager
def voor(app: Sphinx, naam: str) -> Iterator[None]:
    """Everything made inside is gemeente ``naam``'s own."""
    with showing(app, plan_voor(whole_plan(app), naam)):
        yield


def documents(builder: DocxBuilder) -> list[DocxDocument]:
    """The documents of a joint plan: the shared ones once, the plan's own per gemeente."""
    from dataclasses import replace

    app = builder._sphinx
    plan = whole_plan(app)
    shared = [d for d in builder.configured_documents() if not _own(d)]
    mine = _FOR[id(builder)] = {}
    out: list[DocxDocument] = []
    for deelnemer in plan.settings.gemeenten:
        with voor(app, deelnemer.naam):
            for doc in builder.configured_documents():
                if not _own(doc):
                    continue
                if doc.explicit:  # a configured name: the gemeente's name is added
                    stem = doc.filename.removesuffix(".docx")
                    doc = replace(doc, filename=f"{stem}-{deelnemer.naam}.docx")
                mine[doc.filename] = deelnemer.naam
                out.append(doc)
    return out + shared


def _own(doc: DocxDocument) -> bool:
    return doc.explicit or doc.filename.startswith(PER_GEMEENTE)


def gemeente_of(builder: DocxBuilder, doc: DocxDocument) -> str | None:
    """The gemeente a document of a joint plan is written for; None for a shared one."""
    return _FOR.get(id(builder), {}).get(doc.filename)


def writing(builder: DocxBuilder, doc: DocxDocument) -> Any:
    """The context a document is written in: its gemeente's own plan, if it has one."""
    naam = gemeente_of(builder, doc)
    return voor(builder._sphinx, naam) if naam else nullcontext()


# --------------------------------------------------------------------------- the text


def drop_foreign(app: Sphinx, doctree: nodes.document) -> None:
    """In one gemeente's document: take out what does not hold for her (see module doc)."""
    view = get_plan(app)
    if not view.settings.gemeente or view.settings.gemeenten:
        return  # not a gemeente's view
    whole = whole_plan(app)
    if whole is view or not whole.settings.gemeenten:
        return

    def foreign(need: Need) -> bool:
        ids = need.get("ids") or []
        return bool(ids) and ids[0] in whole.items and ids[0] not in view.items

    def prune(parent: nodes.Element) -> None:
        for child in list(parent.children):
            if not isinstance(child, nodes.Element) or isinstance(child, Need):
                continue
            if isinstance(child, nodes.section):
                known = [n for n in child.findall(Need) if (n.get("ids") or [""])[0] in whole.items]
                if known and all(foreign(n) for n in known):
                    parent.remove(child)
                    continue
            prune(child)

    prune(doctree)
    for need in list(doctree.findall(Need)):
        if foreign(need) and need.parent is not None:
            need.parent.remove(need)
