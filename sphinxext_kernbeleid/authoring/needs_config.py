"""Plan settings in conf.py, and the sphinx-needs settings our vocabulary needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.needtypes import ID_REGEX, LINKS

SPHINX_NEEDS_DEFAULT_ID_REGEX = "^[A-Z0-9_]{5,}"


def add_config_values(app: Sphinx) -> None:
    app.add_config_value("kernbeleid_gemeente", "", "env", str)
    app.add_config_value("kernbeleid_periode", (2026, 2029), "env", (tuple, list))
    app.add_config_value("kernbeleid_uitvoeringsjaar", 2026, "env", int)
    app.add_config_value("kernbeleid_versie", "1.0", "env", str)
    app.add_config_value("kernbeleid_status", "concept", "env", str)
    app.add_config_value("kernbeleid_datum", "", "env", str)
    # The adopted version the changes are shown against ("2026-12-17"); "" = the latest.
    app.add_config_value("kernbeleid_vastgesteld", "", "env", str)
    # Extra sources of effect information: id -> label, on top of the catalogue's.
    app.add_config_value("kernbeleid_extra_bronnen", {}, "env", dict)
    # A joint plan: the participating gemeenten (build/gemeenten.py, docs/samen.md).
    app.add_config_value("kernbeleid_gemeenten", [], "env", (list, tuple))


def configure_sphinx_needs(app: Sphinx, config: Config) -> None:
    """Give sphinx-needs our link types and an id pattern writers can live with.

    Runs in ``config-inited`` before sphinx-needs reads ``needs_links`` (priority 500);
    a project's own settings for the same names win.
    """
    links: dict[str, Any] = dict(config.needs_links or {})
    for name, (outgoing, incoming, _targets) in LINKS.items():
        links.setdefault(name, {"outgoing": outgoing, "incoming": incoming})
    config.needs_links = links
    if config.needs_id_regex == SPHINX_NEEDS_DEFAULT_ID_REGEX:
        config.needs_id_regex = ID_REGEX
    # Dead links are reported by the check (KB-R6) in Dutch, with what to do; sphinx-needs'
    # English warning for the same link would only repeat it.
    if "needs.link_outgoing" not in config.suppress_warnings:
        config.suppress_warnings = [*config.suppress_warnings, "needs.link_outgoing"]
    if config.needs_default_layout == "clean":
        config.needs_default_layout = "kernbeleid"
    if not _has_own_schemas(config):
        # sphinx-needs checks every item against the JSON schema of its fields when
        # writing starts (0.4 s of a Word build at 10,000 items). Our fields are strings
        # our directives parse and the plan check reports on in Dutch, so that check could
        # only repeat it, and its report (schema_violations.json) is not published anyway.
        # A project's own schemas keep it; their findings are in Dutch (bouwcatalogus).
        config.needs_schema_validation_enabled = False


def _has_own_schemas(config: Config) -> bool:
    """Whether the project gives sphinx-needs fields or schemas of its own to check."""
    return bool(
        config.needs_schema_definitions
        or config.needs_schema_definitions_from_json
        or config.needs_fields
        or config.needs_extra_options
    )


TEMPLATES = Path(__file__).parent.parent / "templates"


def add_templates(app: Sphinx, config: Config) -> None:
    """Our theme template fixes (a Dutch search placeholder) after the project's own."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
