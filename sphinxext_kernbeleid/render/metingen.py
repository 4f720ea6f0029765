"""Measurements, "op koers?" and the chart of an effect indicator, for the HTML item and tables.

The value rows are plain (label, text) pairs so the Word writer can show the same; the
verdict's text always carries a symbol and words (colour is only an extra).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..model import display
from ..model.koers import Oordeel, koers
from ..model.plan import EffectIndicator, Item
from . import chart_prefetch
from .charts import alt_text, cached_path, chart_data, has_chart

IMAGE_DIR = "_images/kernbeleid"


def koers_text(ei: EffectIndicator) -> str:
    """``✔ op koers – 7,1 (2025) ligt op of voor het pad``."""
    verdict = koers(ei)
    if verdict.oordeel is Oordeel.ONBEKEND:
        return verdict.label
    return f"{verdict.label} – {verdict.toelichting}"


def laatste_meting_text(ei: EffectIndicator) -> str:
    return display.laatste_meting(ei)


def value_rows(item: Item) -> list[tuple[str, str]]:
    """Metingen, Vergelijking and Op koers? of an effect indicator (nothing for others)."""
    if not isinstance(item, EffectIndicator):
        return []
    rows = []
    if item.metingen:
        rows.append(("Metingen", display.metingen(item)))
    if item.vergelijking:
        rows.append(("Vergelijking", "; ".join(str(v) for v in item.vergelijking)))
    rows.append(("Op koers", koers_text(item)))
    return rows


def koers_cell(ei: EffectIndicator) -> nodes.inline:
    """The verdict for a table cell: symbol and words, with a class for colour."""
    verdict = koers(ei)
    return nodes.inline("", verdict.label, classes=["kb-koers", verdict.oordeel.css])


def chart_node(app: Sphinx, item: Item, fromdocname: str) -> nodes.Node | None:
    """The indicator's chart as an image with its text alternative (HTML builders only)."""
    if not isinstance(item, EffectIndicator) or not has_chart(item):
        return None
    if getattr(app.builder, "format", "") != "html":
        return None
    data = chart_data(item)
    cached = cached_path(data, chart_prefetch.cache_dir(app))
    chart_prefetch.deliver(data, cached, Path(app.outdir) / IMAGE_DIR / cached.name)
    alt = alt_text(item)
    page = app.builder.get_target_uri(fromdocname)
    uri = posixpath.relpath(f"{IMAGE_DIR}/{cached.name}", posixpath.dirname(page) or ".")
    # candidates '?': Sphinx leaves the URI alone (the file is already in the output).
    image = nodes.image(uri=uri, alt=alt, candidates={"?": uri}, classes=["kernbeleid-grafiek"])
    return nodes.paragraph("", "", image, classes=["kernbeleid-grafiek"])
