"""``.. kernbeleid-veiligheidsanalyse::``: the veiligheidsanalyse, filled in the write phase.

Without argument it shows the plattegrond and every field; ``plattegrond``,
``zonder-analyse``, ``veld 2`` or a theme/aspect code (``1.3``, ``A5``) show one part.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .nodes import kernbeleid_overview


class VeiligheidsanalyseDirective(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = kernbeleid_overview(
            kind="veiligheidsanalyse", target=self.arguments[0] if self.arguments else ""
        )
        self.set_source_info(node)
        return [node]


def setup(app: Sphinx) -> None:
    app.add_directive("kernbeleid-veiligheidsanalyse", VeiligheidsanalyseDirective)
