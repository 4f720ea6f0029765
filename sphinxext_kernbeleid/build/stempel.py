"""The version stamp every output carries: versie, status, datum, and the sources' hash.

Versie and status come from ``conf.py``, the datum is the document date (``build/datum.py``),
the hash is the one ``kernbeleid vaststellen`` records in its manifest (SHA-256 over every
source file, ``records/vastgesteld.source_hash``), so a document can be traced to the exact
sources it was made from. The texts show versie, status and datum; the hash goes in the
metadata: Word's document properties, a ``<meta>`` of every HTML page, the check report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx

from .datum import date_text
from .settings import settings_of


@dataclass(frozen=True)
class Stamp:
    versie: str
    status: str  # as shown: "Concept", "Vastgesteld"
    datum: str  # "5 december 2026"
    bronhash: str  # SHA-256 hex of the sources

    @property
    def text(self) -> str:
        """``versie 1.0 · Concept · 5 december 2026``"""
        return f"versie {self.versie} · {self.status} · {self.datum}"


_STAMPS: WeakKeyDictionary[Sphinx, Stamp] = WeakKeyDictionary()


def stamp(app: Sphinx) -> Stamp:
    """This build's stamp (the sources hashed once per build)."""
    found = _STAMPS.get(app)
    if found is None:
        # Here: the records of adoptions load the model, which a page needs no more of.
        from ..records.vastgesteld import source_hash

        settings = settings_of(app)

        status = (settings.status or "concept").strip()
        found = Stamp(
            versie=settings.versie,
            status=status[:1].upper() + status[1:],
            datum=date_text(app),
            bronhash=source_hash(Path(app.srcdir)),
        )
        _STAMPS[app] = found
    return found


def word_properties(core: Any, found: Stamp) -> None:
    """Versie, status and the sources' hash in a Word (or PowerPoint) document's properties."""
    core.version = found.versie
    core.content_status = found.status
    core.identifier = f"sha256:{found.bronhash}"


def _html_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    found = stamp(app)
    context["metatags"] = context.get("metatags", "") + (
        f'\n    <meta name="kernbeleid-versie" content="{found.versie}" />'
        f'\n    <meta name="kernbeleid-status" content="{found.status}" />'
        f'\n    <meta name="kernbeleid-datum" content="{found.datum}" />'
        f'\n    <meta name="kernbeleid-bronhash" content="sha256:{found.bronhash}" />'
    )


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _html_meta)
