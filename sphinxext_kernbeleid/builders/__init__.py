"""One builder per output, as Sphinx does in ``sphinx/builders/``."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import check, docx, xlsx


def setup(app: Sphinx) -> None:
    from . import pptx

    for module in (check, docx, xlsx, pptx):
        module.setup(app)
