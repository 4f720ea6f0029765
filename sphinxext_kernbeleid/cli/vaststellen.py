"""``kernbeleid vaststellen --datum 2026-12-17 [--besluit 2026/123] [--plan MAP]``.

Records the version the raad adopted in ``vastgesteld/<datum>/`` of the plan: the needs
export, the check report and a manifest (source hash, version, date, besluit). Only a
raadsrijp plan can be adopted, and an adoption is never overwritten: it is the reference
every later change is shown against.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from ..authoring.bronbestanden import source_file
from ..files.errors import FileProblem
from ..files.locking import file_lock
from ..records import vastgesteld
from ..version import __version__
from .opties import add_plan_option

GEBRUIK = "kernbeleid vaststellen --datum JJJJ-MM-DD [--besluit NUMMER] [--plan MAP]"


class Stop(Exception):
    """The command stops; the message says why and what to do (Dutch)."""


def word_overrides(datum: dt.date) -> dict[str, Any]:
    """The adopted documents are stored as the raad adopted them: status "vastgesteld" and
    the date of the decision on the title page, without revisions, and without the ODT
    copies (Word and, when the plan makes them, PDF are the documents of record)."""
    return {
        "kernbeleid_status": "vastgesteld",
        "kernbeleid_datum": datum.isoformat(),
        "kernbeleid_docx_wijzigingen": False,
        "kernbeleid_docx_odt": False,
    }


@contextmanager
def built(
    plan_dir: Path, builder: str = "dummy", overrides: dict[str, Any] | None = None
) -> Iterator[Any]:
    """The plan built quietly (nothing written into the plan); yields the Sphinx app.

    With ``builder="kernbeleid-docx"`` the Word documents are in ``app.outdir`` until the
    context ends."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    if not (plan_dir / "conf.py").is_file():
        raise Stop(f"in '{plan_dir}' staat geen conf.py; geef met --plan de map van het plan.")
    # docutils_namespace: directives registered by this build are gone afterwards, so a
    # later build in the same process (tests, a GUI) does not warn about them.
    with tempfile.TemporaryDirectory(prefix="kernbeleid-") as tmp, docutils_namespace():
        app = Sphinx(
            str(plan_dir),
            str(plan_dir),
            f"{tmp}/out",
            f"{tmp}/doctrees",
            builder,
            status=None,
            warning=io.StringIO(),
            freshenv=True,
            confoverrides=overrides,
        )
        app.build()
        yield app


def add_parser(tasks: argparse._SubParsersAction) -> None:
    parser = tasks.add_parser(
        "vaststellen",
        gebruik=GEBRUIK,
        usage=GEBRUIK,
        help="de door de raad vastgestelde versie vastleggen",
        description=(
            "Legt de versie van het plan vast die de raad heeft vastgesteld, in "
            "vastgesteld/DATUM/ van het plan: alle items, het toetsrapport en een manifest "
            "met versie, datum, besluitnummer en een vingerafdruk van de bronbestanden. "
            "Alleen een raadsrijp plan kan worden vastgesteld; een eerdere vaststelling "
            "wordt nooit overschreven. Daarna toont sphinx-build -b kernbeleid-wijzigingen "
            "wat er sindsdien is gewijzigd."
        ),
        epilog="Voorbeeld: kernbeleid vaststellen --datum 2026-12-17 --besluit 2026/123",
    )
    parser.set_defaults(run=run)
    parser.add_argument(
        "--datum", metavar="JJJJ-MM-DD", help="de datum van het raadsbesluit (verplicht)"
    )
    parser.add_argument("--besluit", metavar="NUMMER", help="het nummer van het raadsbesluit")
    add_plan_option(parser)


def _datum(text: str | None) -> dt.date:
    if not text:
        raise Stop(f"geef de datum van het raadsbesluit op met --datum.\nGebruik: {GEBRUIK}")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise Stop(
            f"--datum '{text}' is geen datum; schrijf jaar-maand-dag, bijvoorbeeld "
            "--datum 2026-12-17."
        ) from None


def _where(finding: Any, file_of: Any) -> str:
    if not finding.docname:
        return ""
    line = f":{finding.lineno}" if finding.lineno else ""
    return f"{file_of(finding.docname)}{line}: "


def run(args: argparse.Namespace) -> int:
    if not args.datum:
        print(
            "kernbeleid: fout: geef de datum van het raadsbesluit op met --datum, bijvoorbeeld "
            f"--datum 2026-12-17.\nGebruik: {GEBRUIK}",
            file=sys.stderr,
        )
        return 2
    try:
        folder = vaststellen(args.plan, _datum(args.datum), args.besluit)
    except (Stop, vastgesteld.VastgesteldFout, FileProblem) as err:
        print(f"kernbeleid: fout: {err}", file=sys.stderr)
        return 1
    documents = len(list(folder.glob("*.docx")))
    print(
        f"Vastgelegd in {folder} (met {documents} Word-"
        f"{'document' if documents == 1 else 'documenten'}). Wat hierna wijzigt, toont: "
        "sphinx-build -b kernbeleid-wijzigingen . _build/wijzigingen; als revisies in Word "
        "met kernbeleid_docx_wijzigingen = True in conf.py."
    )
    return 0


def vaststellen(plan_dir: Path, datum: dt.date, besluit: str | None) -> Path:
    """Build, check and record; raises :class:`Stop` with the findings when not raadsrijp."""
    from sphinx_needs.api import get_needs_view

    from ..authoring import amendementen
    from ..build.plan_cache import get_findings, get_plan
    from ..check.rapport import build_report

    plan_dir = plan_dir.resolve()
    if datum.isoformat() in vastgesteld.adoptions(plan_dir):
        raise Stop(
            f"er is al een vastgestelde versie van {datum.isoformat()} "
            f"(vastgesteld/{datum.isoformat()}/); die wordt nooit overschreven."
        )
    with built(plan_dir, "kernbeleid-docx", word_overrides(datum)) as app:
        plan = get_plan(app)
        findings = get_findings(app, plan)

        file_of = partial(source_file, app.env)
        fouten = [f for f in findings if f.severity == "fout" and f.waived is None]
        if fouten:
            lines = "\n".join(f"  {_where(f, file_of)}[{f.rule}] {f.message}" for f in fouten)
            raise Stop(
                f"het plan is niet raadsrijp ({len(fouten)} "
                f"{'fout' if len(fouten) == 1 else 'fouten'}); er is niets vastgelegd. "
                f"Los eerst op:\n{lines}"
            )
        report = build_report(plan, findings, file_of=file_of)
        # the amended plan: the texts of aangenomen amendementen included
        needs = vastgesteld.export(amendementen.amended(app.env, get_needs_view(app).values()))
        settings = plan.settings
        manifest: dict[str, Any] = {
            "datum": datum.isoformat(),
            "besluit": besluit or None,
            "gemeente": settings.gemeente,
            "periode": list(settings.periode),
            "uitvoeringsjaar": settings.uitvoeringsjaar,
            "versie": settings.versie,
            "status": settings.status,
            "bronhash": vastgesteld.source_hash(plan_dir),
            "items": len(needs["versions"][""]["needs"]),
            "kernbeleid": __version__,
            "vastgelegd_op": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        documents, files = word_documents(app)
        manifest[vastgesteld.DOCUMENTS] = documents
        with file_lock(
            plan_dir / vastgesteld.FOLDER, lambda s: print(s), again="probeer het opnieuw"
        ):
            return vastgesteld.write_adoption(plan_dir, datum, manifest, needs, report, files)


def word_documents(app: Any) -> tuple[dict[str, str], list[Path]]:
    """The Word documents (and PDFs) the build wrote: start document -> file name, files."""
    outdir = Path(app.outdir)
    names: dict[str, str] = {}
    files: list[Path] = []
    from ..builders.docx import wijzigingen as wijzigingen_doc

    for doc in getattr(app.builder, "documents", []):
        if wijzigingen_doc.is_generated(doc.start):
            continue  # the changes against an earlier adoption are not part of this one
        path = outdir / doc.filename
        if path.parent != outdir or not path.is_file():
            continue  # not written (a template problem) or in a sub-folder
        names[vastgesteld.document_key(doc.start, doc.gemeente)] = path.name
        files.append(path)
        if path.with_suffix(".pdf").is_file():
            files.append(path.with_suffix(".pdf"))
    return names, files
