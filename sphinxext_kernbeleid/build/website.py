"""The plan as a web site: the kernbeleid theme by default, Dutch titles and footer, and
the accessibility fixes Sphinx and sphinx-needs leave to us.

- A project that sets no ``html_theme`` gets the ``kernbeleid`` theme (a plain Dutch
  government publication on Sphinx's ``basic`` theme, in the gemeente's house style).
- Page titles name the plan (``html_title``), the copyright names the gemeente, no
  "Powered by Sphinx", no copies of the rst sources (``_sources/``, with the writers'
  comments) -- unless conf.py says otherwise.
- ``kernbeleid_toon_ids`` (off by default): the items' ids shown for the plan's writers;
  the public site shows titles only (:mod:`..render.items`).
- Sphinx writes the toctree caption as ``role="heading"`` without ``aria-level`` (axe:
  critical); we add the level the caption has in its page.
- sphinx-needs draws every need as a one-cell layout table; for our layout, whose head
  and details we draw ourselves, the table becomes a plain ``div`` (tables for data only).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .. import events
from ..authoring.registration import KERNBELEID_LAYOUT_NAME
from ..files import confpy
from ..model import display
from ..model.settings import Settings
from . import datum
from .huisstijl import huisstijl
from .settings import settings_of

logger = logging.getLogger(__name__)

THEME = "kernbeleid"
THEME_DIR = Path(__file__).parent.parent / "themes" / THEME
SPHINX_DEFAULT_THEME = "alabaster"
_CAPTION = '<p class="caption" role="heading">'
_HEADING = re.compile(r"<h([1-6])[\s>]")


def plan_title(settings: Settings) -> str:
    """``Integraal Veiligheidsplan Lindewaard 2026-2029``: what the site is."""
    start, end = settings.periode
    gemeente = f" {settings.gemeente}" if settings.gemeente else ""
    return f"Integraal Veiligheidsplan{gemeente} {start}-{end}"


def _defaults(app: Sphinx, config: Config) -> None:
    """Site settings a kernbeleid project gets unless its conf.py chose them."""
    settings = settings_of(app)
    if not confpy.is_set(app, "html_theme") and config.html_theme == SPHINX_DEFAULT_THEME:
        config.html_theme = THEME
    if not confpy.is_set(app, "html_title"):
        project = config.project
        named = project and project != "Project name not set"
        config.html_title = project if named else plan_title(settings)
    if not confpy.is_set(app, "copyright") and not confpy.is_set(app, "project_copyright"):
        if settings.gemeente:
            afzender = display.afzender(settings)
            config.copyright = afzender[:1].lower() + afzender[1:]
    if not confpy.is_set(app, "html_show_sphinx"):
        config.html_show_sphinx = False
    if not confpy.is_set(app, "html_show_sourcelink"):
        config.html_show_sourcelink = False
    if not confpy.is_set(app, "html_copy_source"):
        config.html_copy_source = False  # the rst files are the writers', not the public's


def _footer_lines(app: Sphinx, settings: Settings) -> list[str]:
    lines = [plan_title(settings).replace(f" {settings.gemeente}", "", 1)]
    lines.append(f"Uitvoeringsplan {settings.uitvoeringsjaar}")
    if settings.versie:
        lines.append(f"versie {settings.versie}")
    if settings.status:
        lines.append(settings.status[:1].upper() + settings.status[1:])
    lines.append(datum.date_text(app))
    return lines


def _with_levels(html: str, outer: int = 1) -> str:
    """Give each toctree caption the level after the heading before it."""
    if _CAPTION not in html:
        return html
    parts = html.split(_CAPTION)
    out = [parts[0]]
    level = outer
    for before, part in zip(parts, parts[1:], strict=False):
        levels = _HEADING.findall(before)
        if levels:
            level = int(levels[-1])
        out.append(f'<p class="caption" role="heading" aria-level="{min(level + 1, 6)}">')
        out.append(part)
    return "".join(out)


def _page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if isinstance(context.get("body"), str):
        context["body"] = _with_levels(context["body"])
    toctree = context.get("toctree")
    if callable(toctree):
        context["toctree"] = _captions_in_navigation(toctree)
    stijl = huisstijl(app)
    settings = settings_of(app)
    context["kernbeleid"] = {
        "css_variables": stijl.css_variables(),
        "afzender": display.afzender(settings),
        "status": settings.status[:1].upper() + settings.status[1:],
        "versie": settings.versie,
        "regels": _footer_lines(app, settings),
    }


def _captions_in_navigation(toctree: Callable[..., str]) -> Callable[..., str]:
    """The theme's navigation: captions are headings of level 2 in their ``nav``."""

    def render(*args: Any, **kwargs: Any) -> str:
        return _with_levels(toctree(*args, **kwargs), outer=1)

    return render


def _items_without_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """sphinx-needs' one-cell table around our items becomes a ``div`` (HTML only)."""
    if app.builder.format != "html":
        return
    for table in list(doctree.findall(nodes.table)):
        if f"needs_layout_{KERNBELEID_LAYOUT_NAME}" not in table["classes"]:
            continue
        rows = [
            row
            for group in table.children
            if isinstance(group, nodes.tgroup)
            for body in group.children
            if isinstance(body, nodes.tbody)
            for row in body.children
            if isinstance(row, nodes.Element)
        ]
        content = [row for row in rows if "content" in row.get("classes", [])]
        others = [row for row in rows if row not in content and row.astext().strip()]
        if len(content) != 1 or len(content[0].children) != 1 or others:
            continue  # not the one-cell grid we registered: leave sphinx-needs' layout
        cell = content[0].children[0]
        div = nodes.container(
            classes=[*table["classes"], "kb-item"],
            ids=list(table["ids"]),
        )
        div.extend(list(cell.children))
        table.replace_self(div)


def setup(app: Sphinx) -> None:
    app.add_config_value("kernbeleid_toon_ids", False, "html", bool)
    app.add_html_theme(THEME, str(THEME_DIR))
    app.connect("config-inited", _defaults, priority=events.SITE_DEFAULTS)
    app.connect("html-page-context", _page_context)
    app.connect("doctree-resolved", _items_without_tables, priority=events.ITEMS_WITHOUT_TABLES)
