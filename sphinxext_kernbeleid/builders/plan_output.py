"""Base for builders that write one output from the whole plan, not one file per document.

The check report and the partner workbook read the plan (sphinx-needs' data) in
``finish``; Sphinx's per-document writing has nothing to do for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment


class PlanOutputBuilder(Builder):
    """No per-document output; subclasses write theirs in :meth:`finish`."""

    allow_parallel = True

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        self._sphinx = app  # Builder.app is deprecated in Sphinx 9

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> Iterable[str]:
        return "het hele plan"  # the output always covers every document

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        pass  # the plan comes from sphinx-needs' data, not from doctrees

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass
