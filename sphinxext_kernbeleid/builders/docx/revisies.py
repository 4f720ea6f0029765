"""The Word documents' changes against the adopted version, as tracked revisions.

With ``kernbeleid_docx_wijzigingen = True`` each Word document written from the plan's own
chapters (the IVP, the Uitvoeringsplan; not the generated annex, voortgangsrapportage or
veiligheidsanalyse) is compared with the same document as ``kernbeleid vaststellen`` stored
it in ``vastgesteld/<datum>/`` (the adoption ``kernbeleid_vastgesteld`` names, else the
latest); :mod:`...writers.docx.revisies` marks the differences. The revisions' date is the
sources' last change (``build/datum.py``), so a rebuild of the same sources gives the same
file.

Loaded with the builder; python-docx only when the setting is on.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ...build.datum import source_date
from ...build.plan_cache import get_plan
from ...model import display
from ...records import vastgesteld
from ...version import __version__

if TYPE_CHECKING:
    from . import DocxBuilder, DocxDocument

logger = logging.getLogger(__name__)


def compared(builder: DocxBuilder, start: str) -> bool:
    """Whether a document gets revisions: one written from the plan's own chapters (its start
    is a source document), not one the builder puts together itself."""
    return start in builder.env.found_docs


def compares(builder: DocxBuilder, doc: DocxDocument) -> bool:
    """Whether :func:`mark` compares ``doc`` with the adopted version (it needs the whole
    body in the document, not written in parts)."""
    return bool(builder.settings.docx.wijzigingen) and compared(builder, doc.start)


def author(builder: DocxBuilder) -> str:
    settings = builder.settings
    return settings.docx.wijzigingen_auteur or display.gemeente(settings.gemeente) or "kernbeleid"


def mark(builder: DocxBuilder, doc: DocxDocument, document: Any) -> int:
    """Mark in ``document`` what changed since the adoption; the number of revisions."""
    if not builder.settings.docx.wijzigingen or not compared(builder, doc.start):
        return 0
    app = builder._sphinx
    baseline = vastgesteld.baseline_of(get_plan(app))
    if baseline is None:
        _warn_once(
            builder,
            "kernbeleid_docx_wijzigingen staat aan, maar er is nog geen vastgestelde versie "
            "in vastgesteld/; de Word-documenten komen zonder revisies. Leg het raadsbesluit "
            "vast met 'kernbeleid vaststellen --datum JJJJ-MM-DD'.",
        )
        return 0
    adoption = baseline.adoption
    when = display.datum(adoption.datum)
    path = vastgesteld.adopted_document(adoption, doc.start, doc.gemeente)
    if path is None:
        logger.warning(
            f"'{doc.filename}' komt zonder revisies: in {vastgesteld.FOLDER}/"
            f"{adoption.datum}/ staat geen Word-document van '{doc.start}' (de vaststelling "
            "van " + when + " is vastgelegd zonder Word-documenten of zonder dit document). "
            "Het overzicht van sphinx-build -b kernbeleid-wijzigingen toont de wijzigingen wel.",
            type="kernbeleid",
            subtype="docx",
        )
        return 0
    from docx import Document

    from ...writers.docx.revisies import mark_revisions

    try:
        old = Document(str(path))
    except Exception as err:  # a damaged or replaced file
        logger.warning(
            f"'{doc.filename}' komt zonder revisies: {_relative(path, Path(app.srcdir))} is "
            f"geen leesbaar Word-document ({err.__class__.__name__}). Zet het bestand terug "
            "zoals 'kernbeleid vaststellen' het schreef.",
            type="kernbeleid",
            subtype="docx",
        )
        return 0
    day = _change_date(builder)
    body = document.element.body
    backup = copy.deepcopy(body)
    try:
        result = mark_revisions(
            old, document, author=author(builder), date=f"{day.isoformat()}T00:00:00Z"
        )
    except Exception as err:  # a document this comparison does not know: never half marked
        body.getparent().replace(body, backup)
        logger.warning(
            f"'{doc.filename}' komt zonder revisies: het vergelijken met de vastgestelde "
            f"versie lukte niet ({err.__class__.__name__}: {err}). Het overzicht van "
            "sphinx-build -b kernbeleid-wijzigingen toont de wijzigingen wel; meld dit "
            "document bij de beheerder van kernbeleid.",
            type="kernbeleid",
            subtype="docx",
        )
        return 0
    made_with = adoption.manifest.get("kernbeleid")
    if made_with and made_with != __version__ and result.revisions:
        logger.info(
            f"kernbeleid-docx: de vaststelling van {when} is gemaakt met kernbeleid "
            f"{made_with}, deze bouw met {__version__}; ook wat deze versie anders opmaakt in "
            "tekst, staat als revisie in het document."
        )
    if result.revisions:
        logger.info(
            f"kernbeleid-docx: '{doc.filename}' toont {result.revisions} "
            f"{'revisie' if result.revisions == 1 else 'revisies'} ten opzichte van de versie "
            f"die is vastgesteld op {when}."
        )
    else:
        logger.info(
            f"kernbeleid-docx: '{doc.filename}' is niet gewijzigd sinds de vaststelling op "
            f"{when}; het heeft geen revisies."
        )
    return result.revisions


def _change_date(builder: Any) -> Any:
    """The revisions' date: the last change of the sources (``build/datum.py``; not
    ``kernbeleid_datum``, which after the decision names the decision), once per build."""
    day = getattr(builder, "_kb_revisies_date", None)
    if day is None:
        day = builder._kb_revisies_date = source_date(builder._sphinx)
    return day


def _relative(path: Path, srcdir: Path) -> str:
    try:
        return path.relative_to(srcdir).as_posix()
    except ValueError:
        return str(path)


def _warn_once(builder: Any, message: str) -> None:
    if getattr(builder, "_kb_revisies_warned", False):
        return
    builder._kb_revisies_warned = True
    logger.warning(message, type="kernbeleid", subtype="docx")
