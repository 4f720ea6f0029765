"""One builder per output, as Sphinx does in ``sphinx/builders/``."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import check, docx, pptx, wijzigingen, xlsx


def setup(app: Sphinx) -> None:
    for module in (check, docx, xlsx, pptx, wijzigingen):
        module.setup(app)
