"""``sphinx-build -b kernbeleid-xlsx SRC OUT``: the action list partners fill in, in Excel.

Writes ``OUT/uitvoeringsplan-<jaar>.xlsx`` with the sheets of :mod:`..werkboek`. Plan
columns are locked, fill-in columns open; a very hidden sheet keeps what was exported so
``kernbeleid voortgang importeer`` can tell what a partner changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .. import werkboek

logger = logging.getLogger(__name__)


class KernbeleidXlsxBuilder(Builder):
    """Reads the plan, writes one workbook; no per-document output."""

    name = "kernbeleid-xlsx"
    format = "kernbeleid-xlsx"
    epilog = "Het Excel-werkboek voor partners staat in %(outdir)s/."
    allow_parallel = True

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self._sphinx = app  # Builder.app is deprecated in Sphinx 9

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> Iterable[str]:
        return "het hele plan"  # the workbook always covers every maatregel

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        pass  # the plan comes from sphinx-needs' data, not from doctrees

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        from ..plan_cache import get_plan

        plan = get_plan(self._sphinx)
        path = Path(self.outdir) / werkboek.file_name(plan)
        from ..werkboek_xlsx import write_workbook

        write_workbook(plan, path)
        logger.info(f"Werkboek geschreven: {path}")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the builder."""
    app.add_builder(KernbeleidXlsxBuilder)
    return {}
