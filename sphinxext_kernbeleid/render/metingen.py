"""Measurements, "op koers?" and the chart of an effect indicator, for the HTML item and tables.

The value rows are plain (label, text) pairs so the Word writer can show the same; the
verdict's text always carries a symbol and words (colour is only an extra). An indicator
of a joint plan with values per gemeente shows each gemeente's measurements, verdict and
chart side by side (:func:`..model.koers.per_gemeente`); each gemeente's own documents
show only hers.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..model import display
from ..model.koers import Oordeel, koers, per_gemeente
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


#: What a gemeente's row says when the file has no value of hers.
GEEN_METING = "geen meting"


def laatste_meting_text(ei: EffectIndicator) -> str:
    """The latest complete measurement; per gemeente ``Beekveld: 11,0% (2025); …``."""
    own = per_gemeente(ei)
    if not own:
        return display.laatste_meting(ei)
    return "; ".join(f"{naam}: {display.laatste_meting(v) or GEEN_METING}" for naam, v in own)


def value_rows(item: Item) -> list[tuple[str, str]]:
    """Metingen, Vergelijking and Op koers? of an effect indicator (nothing for others)."""
    if not isinstance(item, EffectIndicator):
        return []
    rows = []
    own = per_gemeente(item)
    if item.metingen:
        rows.append(("Metingen (samen)" if own else "Metingen", display.metingen(item)))
    for naam, view in own:
        rows.append((f"Metingen {naam}", display.metingen(view) or GEEN_METING))
    if item.vergelijking:
        rows.append(("Vergelijking", "; ".join(str(v) for v in item.vergelijking)))
    if not own or item.metingen:
        rows.append(("Op koers (samen)" if own else "Op koers", koers_text(item)))
    for naam, view in own:
        rows.append((f"Op koers {naam}", koers_text(view)))
    return rows


def koers_cell(ei: EffectIndicator) -> nodes.inline:
    """The verdict for a table cell: symbol and words, with a class for colour; per
    gemeente each with her name (``Beekveld: ✔ op koers; Lindewaard: ✘ niet op koers``)."""
    own = per_gemeente(ei)
    if not own:
        verdict = koers(ei)
        return nodes.inline("", verdict.label, classes=["kb-koers", verdict.oordeel.css])
    cell = nodes.inline("", "", classes=["kb-koers-per-gemeente"])
    for index, (naam, view) in enumerate(own):
        verdict = koers(view)
        cell += nodes.Text(("; " if index else "") + f"{naam}: ")
        cell += nodes.inline("", verdict.label, classes=["kb-koers", verdict.oordeel.css])
    return cell


def chart_node(app: Sphinx, item: Item, fromdocname: str) -> nodes.Node | None:
    """The indicator's chart as an image with its text alternative (HTML builders only);
    per gemeente one chart each, titled with her name."""
    if not isinstance(item, EffectIndicator):
        return None
    if getattr(app.builder, "format", "") != "html":
        return None
    own = per_gemeente(item)
    if not own:
        return _chart(app, item, fromdocname)
    charts = []
    for naam, view in own:
        view.title = f"{item.title} – {naam}"
        charts.append(_chart(app, view, fromdocname))
    found = [c for c in charts if c is not None]
    return nodes.container("", *found, classes=["kernbeleid-grafieken"]) if found else None


def _chart(app: Sphinx, item: EffectIndicator, fromdocname: str) -> nodes.Element | None:
    if not has_chart(item):
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
