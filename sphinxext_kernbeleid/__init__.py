"""sphinxext-kernbeleid: the VNG method Kernbeleid Veiligheid on Sphinx and sphinx-needs."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from . import (
        bouwmeldingen,
        bronbestanden,
        builders,
        chart_prefetch,
        config,
        directives,
        file_errors,
        huisstijl,
        invullen,
        metingen,
        plan_cache,
        registration,
        settings,
        substituties,
        uitvoermap,
        voortgang,
        website,
    )
    from .render import items as render_items

    app.setup_extension("sphinx_needs")
    config.add_config_values(app)
    registration.register(app)
    # Settings first: every later config-inited handler and builder sees safe values.
    app.connect("config-inited", settings.on_config_inited, priority=5)
    bouwmeldingen.setup(app)
    bronbestanden.setup(app)
    app.connect("config-inited", config.configure_sphinx_needs, priority=20)
    app.connect("config-inited", config.add_templates)
    directives.setup(app)
    render_items.setup(app)
    builders.setup(app)
    voortgang.setup(app)
    for module in (huisstijl, website, substituties, uitvoermap):  # issue 13: site
        module.setup(app)
    metingen.setup(app)  # issue 14: measurements
    chart_prefetch.setup(app)  # charts drawn beside the write phase
    invullen.setup(app)
    file_errors.setup(app)
    app.connect("env-before-read-docs", plan_cache.forget_plan)
    app.connect("write-started", plan_cache.on_write_started, priority=800)
    return {
        "version": __version__,
        # Directives only create nodes; all cross-document work happens in the write
        # phase from sphinx-needs' merged data, so both phases are parallel safe.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
