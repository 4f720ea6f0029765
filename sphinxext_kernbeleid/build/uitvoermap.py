"""The output folder of a build: checked before anything is written, tidied afterwards.

Before the build writes (while the extension is set up) a folder the build may not write
stops it at once with one Dutch sentence and exit code 2; temporary files an earlier,
killed build left are removed. Each builder tells here what it wrote and what it could
not write (:func:`record_written`, :func:`record_failure`): a build that could write
nothing ends with exit code 2, one that wrote part of its files with 1.

sphinx-needs writes ``permalink.html``, ``schema_violations.json`` and ``_static/`` (its
stylesheets, scripts and jQuery) into the output folder of every builder, with no setting
to turn that off for non-HTML builders. In our own builders' folders they are noise that
gets mailed out with the documents, so they are removed when the build finishes --
unless the folder is also an HTML site (``searchindex.js``), which needs them.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import events
from ..files.atomic import check_writable, remove_leftovers
from ..files.errors import FileProblem, explain

logger = logging.getLogger(__name__)

#: Our builders; any other builder's output is left alone.
OUR_BUILDERS_PREFIX = "kernbeleid-"
#: What sphinx-needs and sphinxcontrib-jquery put into ``_static/``.
STATIC_ENTRIES = ("sphinx-needs", "jquery.js", "_sphinx_javascript_frameworks_compat.js")


def stray_files(app: Sphinx) -> list[Path]:
    outdir = Path(app.outdir)
    permalink = Path(getattr(app.config, "needs_permalink_file", "permalink.html")).name
    files = [outdir / permalink, outdir / "schema_violations.json"]
    files += [outdir / "_static" / name for name in STATIC_ENTRIES]
    return files


def remove_stray_files(app: Sphinx, exception: BaseException | None) -> None:
    if app.builder.format == "html":
        # sphinx-needs' internal schema report is for developers, not for the public site;
        # its permalink page only works beside a published needs.json.
        outdir = Path(app.outdir)
        (outdir / "schema_violations.json").unlink(missing_ok=True)
        if not (outdir / "needs.json").exists():
            stray_files(app)[0].unlink(missing_ok=True)
        sources = outdir / "_sources"  # left empty when html_copy_source is off
        if sources.is_dir() and not any(sources.iterdir()):
            sources.rmdir()
    if not app.builder.name.startswith(OUR_BUILDERS_PREFIX):
        return
    outdir = Path(app.outdir)
    if (outdir / "searchindex.js").exists():
        return  # shared with an HTML site: these files belong to it
    for path in stray_files(app):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file():
            path.unlink(missing_ok=True)
    static = outdir / "_static"
    if static.is_dir() and not any(static.iterdir()):
        static.rmdir()


# --------------------------------------------------------------------------- before the build


def check_output_folders(app: Any) -> None:
    """Stop at once, in Dutch, when the build may not write its output folders.

    Runs while the extension is set up: without it, the first writer (Sphinx making the
    output folder, sphinx-needs' jQuery copy, the doctrees) stops the build with an English
    traceback. ``SystemExit(2)`` is how ``sphinx-build`` ends without a traceback (a
    ``SphinxError`` would ask the user to report a bug to Sphinx); nothing has been
    written yet.
    """
    for folder in dict.fromkeys([Path(app.outdir), Path(app.doctreedir)]):
        problem = _cannot_write_in(folder)
        if problem is not None:
            with logging.prefixed_warnings(""):  # not "while setting up extension …:"
                logger.error(problem, type="kernbeleid", subtype="bestand")
            sys.exit(2)
    remove_leftovers(Path(app.outdir))


def _cannot_write_in(folder: Path) -> str | None:
    """Why no file can be written in ``folder`` (made when missing), or ``None``."""
    probe = folder / "x"
    try:
        check_writable(probe)
    except NotADirectoryError:
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        return (
            f"{existing} is een bestand, maar daar hoort de uitvoermap {folder}; hernoem of "
            "verplaats dat bestand, of kies een andere uitvoermap, en bouw opnieuw. Er is "
            "niets geschreven."
        )
    except OSError as err:
        sentence = explain(err, probe)
        return sentence.replace(" x kon", " de uitvoer kon") + " Er is niets geschreven."
    return None


# --------------------------------------------------------------------------- per build

_WRITTEN: dict[int, list[Path]] = {}
_FAILED: dict[int, list[str]] = {}


def record_written(app: Any, path: Path) -> None:
    _WRITTEN.setdefault(id(app), []).append(path)


def record_written_after(app: Any, path: Path, after: Path) -> None:
    """``path`` written, listed right after ``after`` (a PDF after its Word document, also
    when it is made once every document is saved)."""
    written = _WRITTEN.setdefault(id(app), [])
    position = next((n for n, p in enumerate(written) if p == after), None)
    if position is None:
        written.append(path)
    else:
        written.insert(position + 1, path)


def written_lines(app: Any) -> list[str]:
    """What this build wrote so far, as the screen shows it: the output folder, then each
    file (relative to it) on its own line; nothing when nothing was written."""
    written = list(dict.fromkeys(_WRITTEN.get(id(app), [])))
    if not written:
        return []
    outdir = Path(app.outdir).resolve()
    names = []
    for path in written:
        try:
            names.append(str(Path(path).resolve().relative_to(outdir)))
        except ValueError:
            names.append(str(path))
    return [f"Geschreven in {outdir}:"] + [f"  {name}" for name in names]


def say(app: Any, line: str) -> None:
    """A line the user must see even with ``sphinx-build -q`` (the plan's Makefile builds
    quietly): which files were written, the check's findings and verdict."""
    if getattr(app, "quiet", False):
        print(line, file=sys.stdout, flush=True)
    else:
        logger.info(line)


def report_written(app: Any) -> None:
    """End a builder's output with the list of files it wrote (one call at the end of
    ``finish``), so the user knows where each document, PDF or workbook is."""
    for line in written_lines(app):
        say(app, line)


def record_failure(app: Any, problem: FileProblem) -> None:
    """Tell a file that could not be written as an error; the build goes on with the
    other files and ends with exit code 2 if nothing could be written, else 1."""
    _FAILED.setdefault(id(app), []).append(str(problem))
    logger.error(str(problem), type="kernbeleid", subtype="bestand")


def _set_status(app: Any, _exception: BaseException | None) -> None:
    written = _WRITTEN.pop(id(app), [])
    failed = _FAILED.pop(id(app), [])
    if failed:
        app.statuscode = 1 if written else 2


def setup(app: Sphinx) -> None:
    # Now, while extensions are set up: Sphinx makes the output folder right after (with
    # an English traceback if it may not) and sphinx-needs writes into it at config-inited.
    check_output_folders(app)
    app.connect("build-finished", _set_status)
    app.connect("build-finished", remove_stray_files, priority=events.STRAY_FILES_REMOVED)
