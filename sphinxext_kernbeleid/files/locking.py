"""One import at a time per record file: a lock beside the file it reads, merges and writes.

Two imports of the same quarter (or of the measurements) at the same moment would each
read the file, add their values and write it back: the second write loses the first one's
values. Under the lock an import re-reads the file, merges and replaces it; a second import
waits (and says so) until the first is done. The lock is an OS lock (``filelock``): a killed
import releases it, so a stale lock file never blocks anyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import FileProblem, explain

#: How long a second import waits for the first before it gives up (seconds).
WAIT = 120.0


def lock_path(target: Path) -> Path:
    """``voortgang/.2026-Q2.yaml.lock``: hidden, so the build does not read it."""
    return target.with_name(f".{target.name}.lock")


@contextmanager
def file_lock(
    target: Path, say: Callable[[str], None], *, again: str, wait: float | None = None
) -> Iterator[None]:
    """Hold the lock of ``target`` (a record file); tell the user when we must wait."""
    wait = WAIT if wait is None else wait
    path = lock_path(target)
    lock = FileLock(str(path), is_singleton=False)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            say(
                f"Wacht: een andere import werkt {target.parent.name}/{target.name} bij; "
                "deze import gaat verder zodra die klaar is."
            )
            lock.acquire(timeout=wait)
    except Timeout:
        raise FileProblem(
            f"{target.parent.name}/{target.name} wordt al {wait:g} seconden door een "
            f"andere import bijgewerkt; wacht tot die klaar is en {again}."
        ) from None
    except OSError as err:
        raise FileProblem(explain(err, target, again=again)) from None
    try:
        yield
    finally:
        lock.release()
