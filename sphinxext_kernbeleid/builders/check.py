"""``sphinx-build -b kernbeleid-check SRC OUT``: the pre-decision check as one command.

Writes ``kernbeleid-rapport.json``, ``.html`` and ``.xlsx`` to OUT and makes the
process exit 1 when any ``fout`` remains, with or without ``-W`` (Sphinx returns
``app.statuscode``). Findings are also printed as located warnings, like in an html build.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.console import bold, darkgreen, red

from ..build import stempel, uitvoermap
from ..build.huisstijl import huisstijl
from ..build.plan_cache import collector_paused, get_findings, get_plan
from ..check.rapport import build_report
from ..files import atomic
from ..files.errors import FileProblem
from ..writers.rapport_html import render_html
from .plan_output import PlanOutputBuilder

logger = logging.getLogger(__name__)

REPORT_NAME = "kernbeleid-rapport"


class KernbeleidCheckBuilder(PlanOutputBuilder):
    """Reads the plan, runs the rules, writes the report; no per-document output."""

    name = "kernbeleid-check"
    format = "kernbeleid-check"
    epilog = "Het toetsrapport staat in %(outdir)s/" + REPORT_NAME + ".html (ook .json en .xlsx)."

    def _file_of(self, docname: str) -> str:
        if docname not in self.env.all_docs:  # e.g. a progress file, voortgang/2026-Q2.yaml
            return docname
        try:
            return str(self.env.doc2path(docname, base=False)).replace("\\", "/")
        except Exception:  # an unknown docname still gets a name the writer recognises
            return docname

    def finish(self) -> None:
        with collector_paused():
            self._write_report()

    def _write_report(self) -> None:
        # Imported here: every build loads this module, and an html build need not pay
        # for openpyxl.
        from ..writers.rapport_xlsx import xlsx_writer

        app = self._sphinx
        plan = get_plan(app)
        findings = get_findings(app, plan)  # the same run that gave the build's warnings
        report = build_report(plan, findings, file_of=self._file_of)
        report["bronhash"] = stempel.stamp(app).bronhash  # the sources it was made from
        outdir = Path(self.outdir)
        outputs: list[tuple[Path, Callable[[Path], None]]] = [
            (
                outdir / f"{REPORT_NAME}.json",
                atomic.text_writer(json.dumps(report, ensure_ascii=False, indent=2) + "\n"),
            ),
            (
                outdir / f"{REPORT_NAME}.html",
                atomic.text_writer(render_html(report, huisstijl(app))),
            ),
            (outdir / f"{REPORT_NAME}.xlsx", xlsx_writer(report)),
        ]
        for target, writer in outputs:
            # One file that cannot be replaced (open in Excel, read-only) is told; the
            # others are still written, and each keeps its old version until replaced.
            try:
                atomic.write(target, writer)
            except FileProblem as problem:
                uitvoermap.record_failure(app, problem)
            else:
                uitvoermap.record_written(app, target)
        fouten = report["summary"]["fouten"]
        if fouten:
            app.statuscode = 1
            logger.info(bold(red(report["verdict"])))
            # Sphinx shows the epilog (where the report is) only after a passing build.
            logger.info(self.epilog % {"outdir": self.outdir})
        else:
            logger.info(bold(darkgreen(report["verdict"])))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the builder and its config values."""
    # Rules run in the write phase: changing thresholds needs no re-reading.
    app.add_config_value("kernbeleid_regels", {}, "", dict)
    app.add_builder(KernbeleidCheckBuilder)
    return {}
