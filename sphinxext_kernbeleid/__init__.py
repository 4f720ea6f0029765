"""sphinxext-kernbeleid: the VNG method Kernbeleid Veiligheid on Sphinx and sphinx-needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here, not at the top: ``kernbeleid`` (the CLI) imports this package for
    # nothing but its version and must not load Sphinx's whole extension.
    from .build import geheugen

    # First: a rebuild loads the saved environment with the collector paused (geheugen.py).
    geheugen.pause_collector(app)

    from . import builders, events
    from .authoring import (
        amendementen,
        bedragen,
        bouwmeldingen,
        bronbestanden,
        directives,
        invullen,
        registration,
    )
    from .authoring import analyse as analyse_directive
    from .authoring import needs_config as config
    from .authoring import startnotitie as planning_directive
    from .build import (
        huisstijl,
        plan_cache,
        settings,
        stempel,
        substituties,
        uitvoermap,
        website,
    )
    from .records import verouderd
    from .render import chart_prefetch, overviews
    from .render import items as render_items

    app.setup_extension("sphinx_needs")
    config.add_config_values(app)
    registration.register(app)
    # Settings first: every later config-inited handler and builder sees safe values.
    app.connect("config-inited", settings.on_config_inited, priority=events.SETTINGS_CHECKED)
    bouwmeldingen.setup(app)
    bronbestanden.setup(app)
    app.connect("config-inited", config.configure_sphinx_needs, priority=events.NEEDS_CONFIGURED)
    app.connect("config-inited", config.add_templates)
    directives.setup(app)
    analyse_directive.setup(app)
    planning_directive.setup(app)
    overviews.setup(app)
    render_items.setup(app)
    builders.setup(app)
    verouderd.setup(app)  # progress or measurements imported: every page outdated
    for module in (huisstijl, website, substituties, uitvoermap, stempel):  # the site
        module.setup(app)
    chart_prefetch.setup(app)  # charts drawn beside the write phase
    invullen.setup(app)
    bedragen.setup(app)  # amounts the writer typed, for the check's arithmetic
    amendementen.setup(app)  # amendementen applied (needextend) and listed
    app.connect("env-before-read-docs", plan_cache.forget_plan)
    app.connect("write-started", plan_cache.on_write_started, priority=events.PLAN_BUILT)
    geheugen.setup(app)  # html: no full garbage collections over the environment

    return {
        "version": __version__,
        # Directives only create nodes; all cross-document work happens in the write
        # phase from sphinx-needs' merged data, so both phases are parallel safe.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
