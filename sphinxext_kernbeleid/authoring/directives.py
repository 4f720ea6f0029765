"""Overview directives (plattegrond, tables, matrix): placeholders filled in the write phase.

A directive only records what to show; the content comes from the plan once every
document has been read, so the tables are complete and parallel reading stays safe.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .nodes import kernbeleid_overview

logger = logging.getLogger(__name__)


def overview_directive(kind: str, *, needs_argument: bool) -> type[SphinxDirective]:
    class OverviewDirective(SphinxDirective):
        required_arguments = 1 if needs_argument else 0
        optional_arguments = 0
        has_content = False
        #: A joint plan: ``:gemeente: Beekveld`` shows that gemeente's own plan only.
        option_spec = {"gemeente": directives.unchanged}

        def run(self) -> list[nodes.Node]:
            node = kernbeleid_overview(
                kind=kind, target=self.arguments[0] if self.arguments else ""
            )
            if self.options.get("gemeente", "").strip():
                node["gemeente"] = self.options["gemeente"].strip()
            self.set_source_info(node)
            return [node]

    OverviewDirective.__name__ = f"Kernbeleid{kind.title()}Directive"
    return OverviewDirective


class VoortgangDirective(SphinxDirective):
    """``.. kernbeleid-voortgang::`` with an optional ``:periode: 2026-Q2``."""

    has_content = False
    option_spec = {"periode": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        node = kernbeleid_overview(
            kind="voortgang", target="", periode=self.options.get("periode", "").strip()
        )
        self.set_source_info(node)
        return [node]


class TerugblikDirective(SphinxDirective):
    """``.. kernbeleid-terugblik:: 2026``: the year's end state, for chapter 2."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = kernbeleid_overview(kind="terugblik", target=self.arguments[0])
        self.set_source_info(node)
        return [node]


def setup(app: Sphinx) -> None:
    app.add_node(kernbeleid_overview)
    app.add_directive(
        "kernbeleid-plattegrond", overview_directive("plattegrond", needs_argument=False)
    )
    app.add_directive(
        "kernbeleid-maatregelen", overview_directive("maatregelen", needs_argument=True)
    )
    app.add_directive(
        "kernbeleid-indicatoren", overview_directive("indicatoren", needs_argument=True)
    )
    app.add_directive("kernbeleid-matrix", overview_directive("matrix", needs_argument=False))
    app.add_directive("kernbeleid-voortgang", VoortgangDirective)
    app.add_directive("kernbeleid-terugblik", TerugblikDirective)
    # ivp | uitvoeringsplan: the budget tables, computed (render/begroting.py)
    app.add_directive("kernbeleid-begroting", overview_directive("begroting", needs_argument=True))
