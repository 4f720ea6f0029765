"""``sphinx-build -b kernbeleid-xlsx SRC OUT``: the action list partners fill in, in Excel.

Writes ``OUT/uitvoeringsplan-<jaar>.xlsx`` with the sheets of :mod:`..werkboek`. Plan
columns are locked, fill-in columns open; a very hidden sheet keeps what was exported so
``kernbeleid voortgang importeer`` can tell what a partner changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .plan_output import PlanOutputBuilder

logger = logging.getLogger(__name__)


class KernbeleidXlsxBuilder(PlanOutputBuilder):
    """Reads the plan, writes one workbook; no per-document output."""

    name = "kernbeleid-xlsx"
    format = "kernbeleid-xlsx"
    epilog = "Het Excel-werkboek voor partners staat in %(outdir)s/."

    def finish(self) -> None:
        # Imported here: every build registers this builder (tests/test_import_cost.py).
        from ..build import uitvoermap
        from ..build.plan_cache import collector_paused, get_plan
        from ..files.errors import FileProblem
        from ..records import werkboek
        from ..writers.werkboek_xlsx import write_workbook  # openpyxl: only for this builder

        app = self._sphinx
        plan = get_plan(app)
        path = Path(self.outdir) / werkboek.file_name(plan)
        try:
            with collector_paused():  # as the check does: many small objects, no cycles
                warnings = write_workbook(plan, path)
        except FileProblem as problem:
            uitvoermap.record_failure(app, problem)
            return
        for warning in warnings:
            logger.warning(warning, type="kernbeleid", subtype="werkboek")
        uitvoermap.record_written(app, path)
        uitvoermap.report_written(app)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the builder."""
    app.add_builder(KernbeleidXlsxBuilder)
    return {}
