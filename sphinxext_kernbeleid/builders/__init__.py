"""One builder per output, as Sphinx does in ``sphinx/builders/``.

Every build registers every builder (Sphinx needs the class before it knows which one
runs), so what ``setup`` imports here is paid by each ``make html`` too, also when nothing
changed. The plan-wide builders keep their modules light (their work imports what it
needs); the Word builder, whose module loads the plan, the overviews and every document
kind, is registered by a stand-in class that imports it only when Sphinx makes a Word
builder (``tests/test_import_cost.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.builders import Builder

from .. import events
from . import check, pptx, wijzigingen, xlsx

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: The Word builder's name (``DocxBuilder.name``; tests/test_import_cost.py checks both).
DOCX = "kernbeleid-docx"


class DeferredDocxBuilder(Builder):
    """Registered as ``kernbeleid-docx``; making it makes the real :class:`DocxBuilder`.

    Sphinx creates its builder by calling the registered class; ``__new__`` returns the
    Word builder itself (so ``__init__`` here never runs and the instance Sphinx holds is
    a complete ``DocxBuilder``)."""

    name = DOCX

    def __new__(cls, app: Sphinx, env: BuildEnvironment) -> Any:
        from .docx import DocxBuilder

        return DocxBuilder(app, env)


def _word_handler(name: str) -> Callable[..., None]:
    """A handler of ``builders.docx``, imported only when the build is a Word build."""

    def handler(app: Sphinx, *args: Any) -> None:
        if app.builder.name != DOCX:
            return
        from . import docx

        getattr(docx, name)(app, *args)

    handler.__name__ = handler.__qualname__ = f"word_{name.lstrip('_')}"
    return handler


def _setup_docx(app: Sphinx) -> None:
    """The Word builder's settings and handlers: registered here, without importing the
    Word builder, which only a Word build loads."""
    app.add_config_value("kernbeleid_docx_documents", None, "", (list, tuple, type(None)))
    app.add_config_value("kernbeleid_docx_sjabloon", "", "", str)
    app.add_config_value("kernbeleid_docx_pdf", False, "", bool)
    app.add_config_value("kernbeleid_docx_odt", False, "", bool)
    app.add_config_value("kernbeleid_raadsvoorstel_sjabloon", "", "", str)
    app.add_config_value("kernbeleid_docx_wijzigingen", False, "", bool)
    app.add_config_value("kernbeleid_docx_wijzigingen_auteur", "", "", str)
    app.add_builder(DeferredDocxBuilder)
    app.connect(
        "write-started", _word_handler("_release_read_doctrees"), priority=events.WORD_MEMORY
    )
    app.connect("build-finished", _word_handler("_thaw"))
    app.connect("doctree-resolved", _word_handler("_prepare_items"), priority=events.WORD_ITEMS)


def setup(app: Sphinx) -> None:
    check.setup(app)
    _setup_docx(app)
    for module in (xlsx, pptx, wijzigingen):
        module.setup(app)
