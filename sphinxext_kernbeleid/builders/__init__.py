"""One builder per output, as Sphinx does in ``sphinx/builders/``."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import check, docx, wijzigingen, xlsx

    for module in (check, docx, xlsx, wijzigingen):
        module.setup(app)
