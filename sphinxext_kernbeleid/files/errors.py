"""File errors told as Dutch sentences: which file, what is wrong, what to do.

The import and every builder of the package write through :mod:`.atomic`; what the
operating system refuses (a file open in Word, a read-only folder, a full disk, a folder
where a file should be) arrives here as an ``OSError`` and leaves as one sentence for a
safety coordinator, never as a traceback. The previous file is always left as it was.
"""

from __future__ import annotations

import errno
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: What the builds tell a user to do afterwards; the import says "importeer opnieuw".
BOUW_OPNIEUW = "bouw opnieuw"


class FileProblem(Exception):
    """A file could not be read or written; the message is a Dutch sentence."""


def explain(err: OSError, path: Path, *, again: str = BOUW_OPNIEUW) -> str:
    """One Dutch sentence for an ``OSError`` about ``path`` (the file we meant to write)."""
    code = err.errno
    if code in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        folder = _unwritable_folder(path)
        if folder is not None:
            return (
                f"De map {folder} is alleen-lezen of u mag er niet in schrijven, dus {path.name} "
                f"kon niet worden geschreven. Geef schrijfrechten op de map of kies een andere "
                f"map, en {again}."
            )
        return (
            f"Het bestand {path} is geopend in een ander programma of alleen-lezen; sluit het "
            f"(of zet 'alleen-lezen' uit) en {again}."
        )
    if code == errno.EROFS:
        return (
            f"{path} staat op een schijf of share die alleen gelezen kan worden; kies een "
            f"andere map en {again}."
        )
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"De schijf is vol: {path} kon niet worden geschreven. Maak ruimte vrij en {again}."
    if code in (errno.ENOTDIR, errno.EEXIST):
        blocker = _file_in_the_way(path)
        if blocker is not None:
            return (
                f"{blocker} is een bestand, maar daar hoort een map; hernoem of verplaats dat "
                f"bestand en {again}."
            )
    if code == errno.EISDIR or path.is_dir():
        return (
            f"{path} is een map, maar daar hoort een bestand; hernoem of verplaats die map en "
            f"{again}."
        )
    if code == errno.ENOENT:
        return f"{path} of de map erboven bestaat niet (meer); controleer het pad en {again}."
    if code == errno.ENAMETOOLONG:
        return f"De naam {path} is te lang voor het bestandssysteem; kies een kortere naam."
    reason = err.strerror or err.__class__.__name__
    return f"{path} kon niet worden geschreven ({reason}); {again}."


def _unwritable_folder(path: Path) -> Path | None:
    """The nearest existing folder of ``path`` when we may not create files in it."""
    if path.exists() and not path.is_dir():
        mode = path.stat().st_mode
        if not mode & 0o222 or not os.access(path, os.W_OK):
            return None  # the file itself is read-only: say that
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return folder
    return None


def _file_in_the_way(path: Path) -> Path | None:
    """An ancestor of ``path`` (or the path itself) that is a file where a folder belongs."""
    for candidate in [path.parent, *path.parent.parents]:
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return None


def write(target: Path, writer: Callable[[Path], None], *, again: str = BOUW_OPNIEUW) -> None:
    """:func:`.atomic.replace_atomically`, with every OS refusal as a :class:`FileProblem`."""
    from .atomic import replace_atomically

    try:
        replace_atomically(target, writer)
    except OSError as err:
        raise FileProblem(explain(err, target, again=again)) from None


def write_text(target: Path, text: str, *, again: str = BOUW_OPNIEUW) -> None:
    from .atomic import write_text_atomically

    try:
        write_text_atomically(target, text)
    except OSError as err:
        raise FileProblem(explain(err, target, again=again)) from None


# --------------------------------------------------------------------------- output names


def inside(outdir: Path, name: str, setting: str) -> Path:
    """``outdir / name``, refused when the name leaves the output folder (``../../x.docx``)."""
    candidate = Path(name)
    resolved_out = outdir.resolve()
    target = (outdir / candidate).resolve()
    if candidate.is_absolute() or resolved_out not in target.parents:
        raise FileProblem(
            f"{setting}: de bestandsnaam '{name}' valt buiten de uitvoermap {outdir}; "
            "geef alleen een naam, zonder map ervoor en zonder '..', bijvoorbeeld 'IVP.docx'."
        )
    return outdir / candidate


# --------------------------------------------------------------------------- the build


def check_output_folders(app: Any, _config: object) -> None:
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
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return (
            f"{existing} is een bestand, maar daar hoort de uitvoermap {folder}; hernoem of "
            "verplaats dat bestand, of kies een andere uitvoermap, en bouw opnieuw. Er is "
            "niets geschreven."
        )
    try:
        fd, name = tempfile.mkstemp(prefix=".kernbeleid-schrijftest.", dir=existing)
    except OSError as err:
        sentence = explain(err, folder / "x")
        return sentence.replace(" x kon", " de uitvoer kon") + " Er is niets geschreven."
    os.close(fd)
    os.unlink(name)
    return None


# --------------------------------------------------------------------------- per build

_WRITTEN: dict[int, list[Path]] = {}
_FAILED: dict[int, list[str]] = {}


def record_written(app: Any, path: Path) -> None:
    _WRITTEN.setdefault(id(app), []).append(path)


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


def remove_leftovers(folder: Path) -> None:
    """Temporary files of an earlier, killed build (``.NAME.docx.k3x9q_ab.tmp``)."""
    if not folder.is_dir():
        return
    for path in folder.glob(".*.tmp"):
        if LEFTOVER.match(path.name) and path.is_file():
            path.unlink(missing_ok=True)


#: What :func:`tempfile.mkstemp` in :mod:`.atomic` names its files: '.' NAME '.' 8 chars.
LEFTOVER = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def unreadable_image(uri: str) -> str:
    return (
        f"Afbeelding '{uri}' kan niet worden gelezen (het bestand is beschadigd of niet "
        "volledig); de alt-tekst staat nu op die plek. Sla de afbeelding opnieuw op en bouw "
        "opnieuw."
    )


def setup(app: Any) -> None:
    # Now, while extensions are set up: Sphinx makes the output folder right after (with
    # an English traceback if it may not) and sphinx-needs writes into it at config-inited.
    check_output_folders(app, None)
    app.connect("build-finished", _set_status)


# --------------------------------------------------------------------------- text


#: Characters Word and Excel cannot store (XML 1.0 forbids them): C0 controls but tab,
#: line feed and carriage return.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


CONTROL_NAMES = {
    "\x00": "nulteken",
    "\x07": "bel",
    "\x08": "backspace",
    "\x0b": "verticale tab",
    "\x0c": "pagina-einde",
    "\x1b": "escape",
}


def visible(text: str) -> tuple[str, list[str]]:
    """``text`` with each illegal control character replaced by its visible picture
    (U+000B → ``␋``), and the names of what was replaced, for a warning."""
    found: list[str] = []

    def picture(match: re.Match[str]) -> str:
        char = match.group()
        name = CONTROL_NAMES.get(char, "stuurteken")
        found.append(f"U+{ord(char):04X} ({name})")
        return chr(0x2400 + ord(char))

    return ILLEGAL.sub(picture, text), found
