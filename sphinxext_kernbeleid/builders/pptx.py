"""``sphinx-build -b kernbeleid-pptx SRC OUT``: the presentation for the prioriteringssessie.

Writes ``OUT/Prioriteringssessie-<gemeente>-<jaar>.pptx`` from the plan's analyses and
police figures (the same data as the veiligheidsanalyse), for the raad's session of step 3.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .plan_output import PlanOutputBuilder

logger = logging.getLogger(__name__)


def file_name(gemeente: str, jaar: int) -> str:
    safe = re.sub(r"[^\w.-]+", "-", gemeente or "gemeente").strip("-")
    return f"Prioriteringssessie-{safe}-{jaar}.pptx"


class KernbeleidPptxBuilder(PlanOutputBuilder):
    """Reads the plan, writes one presentation; no per-document output."""

    name = "kernbeleid-pptx"
    format = "kernbeleid-pptx"
    epilog = "De presentatie voor de prioriteringssessie staat in %(outdir)s/."

    def finish(self) -> None:
        # Imported here: every build registers this builder (tests/test_import_cost.py).
        from ..build import stempel, uitvoermap
        from ..build.plan_cache import get_plan
        from ..files.errors import FileProblem
        from ..model import display, prioritering
        from ..model.analyse import analysejaar
        from ..render.analyse import CACHE_DIR, velden
        from ..writers import pptx_sessie

        app = self._sphinx
        plan = get_plan(app)
        settings = plan.settings
        start = time.perf_counter()
        analysed = velden(app, plan)
        prs = pptx_sessie.presentation(
            analysed,
            prioritering.voorstel(analysed),
            settings.gemeente,
            display.periode(settings.periode),
            Path(app.doctreedir) / CACHE_DIR,
        )
        stempel.word_properties(prs.core_properties, stempel.stamp(app))
        path = Path(self.outdir) / file_name(settings.gemeente, analysejaar(plan))
        try:
            pptx_sessie.write(prs, path)
        except FileProblem as problem:
            uitvoermap.record_failure(app, problem)
            return
        uitvoermap.record_written(app, path)
        logger.info(f"Presentatie geschreven: {path} ({time.perf_counter() - start:.1f} s)")
        uitvoermap.report_written(app)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(KernbeleidPptxBuilder)
    return {}
