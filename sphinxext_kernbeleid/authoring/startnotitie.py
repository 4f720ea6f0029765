"""``.. kernbeleid-planning::``: the startnotitie's planning of the method's six steps.

Options: ``:start: 2026-09-01`` (the first day of step 1; without it the table gives
durations only) and ``:weken: 2=9, 4=10`` (own durations instead of the handbook's).
A wrong value is a located Dutch warning; the table is then made without it.
"""

from __future__ import annotations

import datetime as dt

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..model.stappen import parse_weken
from .nodes import kernbeleid_overview

logger = logging.getLogger(__name__)


class PlanningDirective(SphinxDirective):
    has_content = False
    option_spec = {"start": directives.unchanged, "weken": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        start = self.options.get("start", "").strip()
        weken = self.options.get("weken", "").strip()
        if start:
            try:
                dt.date.fromisoformat(start)
            except ValueError:
                self._warn(f":start: '{start}' is geen datum; schrijf bijvoorbeeld 2026-09-01.")
                start = ""
        if weken:
            try:
                parse_weken(weken)
            except ValueError as err:
                self._warn(f":weken: {err}.")
                weken = ""
        node = kernbeleid_overview(kind="planning", target=start, weken=weken)
        self.set_source_info(node)
        return [node]

    def _warn(self, text: str) -> None:
        logger.warning(
            f"kernbeleid-planning: {text}",
            location=self.get_location(),
            type="kernbeleid",
            subtype="planning",
        )


def setup(app: Sphinx) -> None:
    app.add_directive("kernbeleid-planning", PlanningDirective)
