"""Replace an output or data file in one step: a reader never sees half a file.

Every writer of the package (reports, Word, workbooks, progress files) goes through here,
so a failed or interrupted run leaves the old file, never a broken one. A run that was
killed before it could clean up leaves ``.NAME.XXXX.tmp`` beside the target; the next
write of that target removes it.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def leftovers(target: Path) -> list[Path]:
    """Temporary files an interrupted write of ``target`` left behind."""
    directory = target.parent
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f".{glob_escape(target.name)}.*.tmp"))


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def replace_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``target``, then rename it over.

    An existing target that is read-only is refused (``PermissionError``) on every
    platform, as Windows does: someone made it read-only on purpose.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if target.exists() and not _writable(target):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
    for old in leftovers(target):
        old.unlink(missing_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; an output is not
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _writable(path: Path) -> bool:
    """The file's own write bits, also for root (who may write anything)."""
    mode = path.stat().st_mode
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def write_text_atomically(target: Path, text: str) -> None:
    """Text in UTF-8 with ``\\n`` line ends, flushed to disk before it replaces the file."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    replace_atomically(target, write)
