"""A joint plan in Word: per gemeente its own IVP, Uitvoeringsplan and Bijlagen.

Each raad decides on its own IVP, so a plan with ``kernbeleid_gemeenten`` gets the
plan's documents once per gemeente (``IVP-Beekveld-2026-2029.docx``, …), each written
while that gemeente's own plan is shown (:func:`..build.plan_cache.showing`): its name
and logo on the title page, its shares of the shared budgets in every table, and only
the items that hold for it. :func:`drop_foreign` takes the other items out of the text
in the transforms step: an item that does not hold, and a section whose items all do
not hold (a local prioriteit of a neighbour, with its prose), and says per document in
one line what it left out. A document knows its gemeente (``DocxDocument.gemeente``).
Each raad also gets her own
raadsvoorstel (her budget, her verdict). Documents that are the same for every gemeente
(startnotitie, veiligheidsanalyse) stay one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx_needs.nodes import Need

from ...build.plan_cache import get_plan, showing, whole_plan
from ...model import display
from ...model.gemeenten import plan_voor
from ...model.plan import Plan

if TYPE_CHECKING:
    from . import DocxBuilder, DocxDocument

logger = logging.getLogger(__name__)

#: The documents each gemeente gets of her own (by the default file names).
PER_GEMEENTE = (
    "IVP-",
    "Uitvoeringsplan-",
    "Bijlagen-",
    "Voortgangsrapportage-",
    "Veiligheidsplan-",
    "Raadsvoorstel-",
)


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
    out: list[DocxDocument] = []
    for deelnemer in plan.settings.gemeenten:
        with voor(app, deelnemer.naam):
            for doc in builder.configured_documents():
                if not _own(doc):
                    continue
                if doc.explicit:  # a configured name: the gemeente's name is added
                    stem = doc.filename.removesuffix(".docx")
                    doc = replace(doc, filename=f"{stem}-{deelnemer.naam}.docx")
                out.append(replace(doc, gemeente=deelnemer.naam))
    return out + shared


def _own(doc: DocxDocument) -> bool:
    return doc.explicit or doc.filename.startswith(PER_GEMEENTE)


def writing(builder: DocxBuilder, doc: DocxDocument) -> Any:
    """The context a document is written in: its gemeente's own plan, if it has one."""
    return voor(builder._sphinx, doc.gemeente) if doc.gemeente else nullcontext()


# --------------------------------------------------------------------------- the text


def drop_foreign(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In one gemeente's document (started at ``docname``): take out what does not hold
    for her (see module doc), and say in one line what was left out."""
    view = get_plan(app)
    if not view.settings.gemeente or view.settings.gemeenten:
        return  # not a gemeente's view
    whole = whole_plan(app)
    if whole is view or not whole.settings.gemeenten:
        return
    dropped = _drop(doctree, whole, view)
    if dropped.sections or dropped.items:
        logger.info(dropped.summary(view.settings.gemeente, docname))


@dataclass
class Dropped:
    """What :func:`drop_foreign` took out of one document."""

    sections: list[str] = field(default_factory=list)  # their titles
    items: list[str] = field(default_factory=list)  # ids, those in the sections included

    def summary(self, naam: str, docname: str) -> str:
        """``Word voor Hoogmeer (ivp/index): weggelaten wat niet voor Hoogmeer geldt: …``"""
        parts = []
        if self.sections:
            titles = ", ".join(f"'{t}'" for t in self.sections)
            parts.append(
                f"{display.count(len(self.sections), 'paragraaf', 'paragrafen')} ({titles})"
            )
        parts.append(display.count(len(self.items), "onderdeel", "onderdelen"))
        return (
            f"Word voor {naam} ({docname}): weggelaten wat niet voor {naam} geldt: "
            + " met ".join(parts)
            + "."
        )


def _drop(doctree: nodes.document, whole: Plan, view: Plan) -> Dropped:
    dropped = Dropped()

    def item_id(need: Need) -> str:
        return str((need.get("ids") or [""])[0])

    def foreign(need: Need) -> bool:
        return item_id(need) in whole.items and item_id(need) not in view.items

    def prune(parent: nodes.Element) -> None:
        for child in list(parent.children):
            if not isinstance(child, nodes.Element) or isinstance(child, Need):
                continue
            if isinstance(child, nodes.section):
                known = [n for n in child.findall(Need) if item_id(n) in whole.items]
                if known and all(foreign(n) for n in known):
                    title = next(iter(child.findall(nodes.title)), None)
                    dropped.sections.append(title.astext() if title else "(zonder titel)")
                    dropped.items += [item_id(n) for n in known]
                    parent.remove(child)
                    continue
            prune(child)

    prune(doctree)
    for need in list(doctree.findall(Need)):
        if foreign(need) and need.parent is not None:
            dropped.items.append(item_id(need))
            need.parent.remove(need)
    return dropped
