"""``sphinx-build -b kernbeleid-wijzigingen SRC OUT``: what changed since the raad adopted the plan.

Compares the current plan with the adopted version (``vastgesteld/<datum>/``, the one
``kernbeleid_vastgesteld`` names, else the latest) and writes ``kernbeleid-wijzigingen.json``
and ``.html``: items added, removed and changed field by field with the text changes word
by word, the budgets per prioriteit/thema and in total, and the maatregelen that are
te herbeoordelen.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..check.wijzigingen import REPORT_NAME
from .plan_output import PlanOutputBuilder

logger = logging.getLogger(__name__)


def write_report(app: Sphinx, outdir: Path, report: dict[str, Any]) -> None:
    """``kernbeleid-wijzigingen.json`` and ``.html`` in ``outdir`` (also next to the check
    report, whose section links to it)."""
    from ..build import uitvoermap
    from ..build.huisstijl import huisstijl
    from ..files import atomic
    from ..files.errors import FileProblem
    from ..writers.wijzigingen_html import render_html

    outputs = [
        (f"{REPORT_NAME}.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n"),
        (f"{REPORT_NAME}.html", render_html(report, huisstijl(app))),
    ]
    for name, text in outputs:
        target = outdir / name
        try:
            atomic.write_text(target, text)
        except FileProblem as problem:
            uitvoermap.record_failure(app, problem)
        else:
            uitvoermap.record_written(app, target)


class KernbeleidWijzigingenBuilder(PlanOutputBuilder):
    """Writes the change report against the adopted version; no per-document output."""

    name = "kernbeleid-wijzigingen"
    format = "kernbeleid-wijzigingen"
    epilog = "Het wijzigingsoverzicht staat in %(outdir)s/" + REPORT_NAME + ".html (ook .json)."

    def finish(self) -> None:
        from ..build.plan_cache import collector_paused

        with collector_paused():
            self._write_report()

    def _write_report(self) -> None:
        from ..build.plan_cache import get_plan
        from ..check.wijzigingen import report_of

        app = self._sphinx
        plan = get_plan(app)
        report = report_of(plan, self._file_of)
        if report["vastgesteld"] is None:
            logger.warning(
                "Er is nog geen vastgestelde versie om mee te vergelijken; leg het besluit van "
                "de raad eerst vast met: kernbeleid vaststellen --datum JJJJ-MM-DD",
                type="kernbeleid",
                subtype="vastgesteld",
            )
        write_report(app, Path(self.outdir), report)

    def _file_of(self, docname: str | None) -> str | None:
        from ..authoring.bronbestanden import source_file

        return source_file(self.env, docname) if docname else docname


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the builder and the setting that names the adopted version to compare with."""
    app.add_builder(KernbeleidWijzigingenBuilder)
    return {}
