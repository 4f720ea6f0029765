"""File errors told as Dutch sentences: which file, what is wrong, what to do.

What the operating system refuses (a file open in Word, a read-only file or folder, a full
disk, a folder where a file should be) arrives here as an ``OSError`` and leaves as one
sentence for a safety coordinator (:func:`explain`). :func:`refusal` is the package's one
check whether a file or folder may be written. Writing itself is :func:`.atomic.write`.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

#: What the builds tell a user to do afterwards; the imports say "importeer opnieuw".
BOUW_OPNIEUW = "bouw opnieuw"


class FileProblem(Exception):
    """A file could not be read or written; the message is a Dutch sentence."""


def refusal(path: Path) -> OSError | None:
    """Why the existing file or folder ``path`` may not be written, or ``None``.

    Its own write bits count, also for root (who may write anything): someone made it
    read-only on purpose, so it is refused on every platform, as Windows does.
    """
    mode = path.stat().st_mode
    if mode & 0o222 and os.access(path, os.W_OK):
        return None
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


def nearest_existing(path: Path) -> Path:
    """``path`` or the nearest of its parents that exists."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


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
    if path.exists() and not path.is_dir() and refusal(path) is not None:
        return None  # the file itself is read-only: say that
    folder = nearest_existing(path if path.is_dir() else path.parent)
    if folder.is_dir() and refusal(folder) is not None:
        return folder
    return None


def _file_in_the_way(path: Path) -> Path | None:
    """An ancestor of ``path`` (or the path itself) that is a file where a folder belongs."""
    for candidate in [path.parent, *path.parent.parents]:
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return None


def unreadable(err: OSError, path: Path, label: str | None = None) -> str:
    """One Dutch sentence for a file that could not be read (``label`` names it shorter)."""
    return f"{label or path} {why_unreadable(err, path)}"


def why_unreadable(err: OSError, path: Path) -> str:
    """What :func:`unreadable` says after the file's name."""
    if err.errno == errno.EISDIR or path.is_dir():
        return "is een map, maar daar hoort een bestand; hernoem of verplaats die map."
    if err.errno == errno.ENOENT:
        return "bestaat niet (meer); controleer het pad."
    if err.errno in (errno.EACCES, errno.EPERM):
        return "mag niet gelezen worden; geef leesrechten op het bestand."
    return f"kan niet gelezen worden ({err.strerror or err.__class__.__name__})."


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


def unreadable_image(uri: str) -> str:
    return (
        f"Afbeelding '{uri}' kan niet worden gelezen (het bestand is beschadigd of niet "
        "volledig); de alt-tekst staat nu op die plek. Sla de afbeelding opnieuw op en bouw "
        "opnieuw."
    )


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
