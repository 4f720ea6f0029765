"""The one way the package writes a file: whole or not at all, and in Dutch when it cannot.

:func:`write` lets the caller fill a temporary file beside the target, then renames it
over the target in one step: a reader never sees half a file, and a write that fails
leaves the previous file byte for byte as it was. Whatever the operating system refuses (a
read-only file or folder, a file open elsewhere, a full disk, a folder where the file
belongs) leaves as a :class:`~.errors.FileProblem` with one Dutch sentence, never as a
traceback; the temporary file is removed in every case, also after Ctrl-C. Every writer of
the package goes through here: the builders' reports, Word documents and workbooks, the
chart cache, the imports, ``kernbeleid nieuw`` and ``kernbeleid uitvoeringsplan vervolg``.

A run killed before it could clean up leaves ``.NAME.XXXXXXXX.tmp`` beside the target; the
next write of that target removes it (and every build removes those in its output folder,
:func:`remove_leftovers`).
"""

from __future__ import annotations

import errno
import glob
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import BOUW_OPNIEUW, FileProblem, explain, nearest_existing, refusal

#: What :func:`tempfile.mkstemp` below names its files: '.' NAME '.' 8 characters '.tmp'.
LEFTOVER = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def write(target: Path, writer: Callable[[Path], None], *, again: str = BOUW_OPNIEUW) -> None:
    """Replace ``target`` by what ``writer(tmp)`` writes into a temporary file beside it.

    Raises :class:`~.errors.FileProblem` (the Dutch sentence ends with ``again``, what to
    do next: "bouw opnieuw", "importeer opnieuw") when the file cannot be written.
    """
    try:
        _replace(target, writer)
    except OSError as err:
        raise FileProblem(explain(err, target, again=again)) from None


def write_text(target: Path, text: str, *, again: str = BOUW_OPNIEUW, newline: str = "\n") -> None:
    """:func:`write` of text in UTF-8 with ``newline`` line ends, flushed to disk."""
    write(target, text_writer(text, newline), again=again)


def text_writer(text: str, newline: str = "\n") -> Callable[[Path], None]:
    """A writer for :func:`write`: ``text`` in UTF-8, flushed to disk before the rename."""

    def fill(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    return fill


def check_writable(target: Path) -> None:
    """Raise the ``OSError`` a write of ``target`` would meet, before anything is written.

    A folder where the file belongs, a file where a folder belongs, a read-only file or
    (the nearest existing) folder; see :func:`.errors.refusal`.
    """
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    folder = nearest_existing(target.parent)
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target))
    for place in (target, folder) if target.exists() else (folder,):
        problem = refusal(place)
        if problem is not None:
            raise problem


def _replace(target: Path, writer: Callable[[Path], None]) -> None:
    check_writable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target.parent, target.name)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        writer(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; an output is not
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Temporary files interrupted writes left in ``folder`` (of the file ``name`` only)."""
    if not folder.is_dir():
        return []
    if name is None:
        found = [path for path in folder.glob(".*.tmp") if LEFTOVER.match(path.name)]
    else:
        found = list(folder.glob(f".{glob.escape(name)}.*.tmp"))
    return sorted(path for path in found if path.is_file())


def remove_leftovers(folder: Path, name: str | None = None) -> None:
    """Remove :func:`leftovers`; one that cannot be removed stays (the write goes on)."""
    for path in leftovers(folder, name):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
