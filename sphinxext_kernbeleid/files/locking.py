"""One import at a time per record file: a lock beside the file it reads, merges and writes.

Two imports of the same quarter (or of the measurements) at the same moment would each
read the file, add their values and write it back: the second write loses the first one's
values. Under the lock an import re-reads the file, merges and replaces it; a second import
waits (and says so) until the first is done. The lock is an OS lock (``filelock``): a killed
import releases it, so a stale lock file never blocks anyone.

The lock file is removed when the import is done, so the plan folder keeps no
``.2026-Q2.yaml.lock``. Removing a lock file is only safe in one order: the holder unlinks
it *while it still holds the lock*, and whoever acquires a lock afterwards checks that the
path still names the file it locked. A second import that was waiting on the old file
then gets a lock on a file that no longer exists; the check sees that (the path is gone or
names a new file) and it locks again on the path, where a third import that arrived
meanwhile may hold the new file's lock: never two holders at once. (Unlinking *after*
releasing, or without that check, lets a waiter and a newcomer each lock a different file
of the same name.) A killed import leaves its file behind; the next import locks and
removes it. On Windows a file that is open cannot be removed: there ``filelock`` removes it
itself after release, and the check works the same way. ``.*.lock`` stays in the plan's
``.gitignore`` for the file a killed import leaves.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import FileProblem, explain

#: How long a second import waits for the first before it gives up (seconds).
WAIT = 120.0


def lock_path(target: Path) -> Path:
    """``voortgang/.2026-Q2.yaml.lock``: hidden, so the build does not read it."""
    return target.with_name(f".{target.name}.lock")


class _Replaced(Exception):
    """The file we locked is no longer the lock file at its path (an earlier holder removed it)."""


def _same_file(path: Path) -> Callable[[int], None]:
    """filelock's ``on_acquired`` check: the locked descriptor is still the file at ``path``."""

    def check(fd: int) -> None:
        try:
            current = os.stat(path)
        except FileNotFoundError:
            raise _Replaced from None
        if not os.path.samestat(current, os.fstat(fd)):
            raise _Replaced

    return check


def _acquire(lock: FileLock, timeout: float) -> None:
    """Acquire, again on the path while what we locked was removed by the previous holder."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            lock.acquire(timeout=max(0.0, deadline - time.monotonic()))
            return
        except _Replaced:
            if time.monotonic() >= deadline:
                raise Timeout(str(lock.lock_file)) from None


@contextmanager
def file_lock(
    target: Path, say: Callable[[str], None], *, again: str, wait: float | None = None
) -> Iterator[None]:
    """Hold the lock of ``target`` (a record file); tell the user when we must wait.

    The lock file is removed before the lock is released (see the module's text)."""
    wait = WAIT if wait is None else wait
    path = lock_path(target)
    lock = FileLock(str(path), is_singleton=False, on_acquired=_same_file(path))
    try:
        try:
            _acquire(lock, 0)
        except Timeout:
            say(
                f"Wacht: een andere import werkt {target.parent.name}/{target.name} bij; "
                "deze import gaat verder zodra die klaar is."
            )
            _acquire(lock, wait)
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
        # Unlinked while held: a waiter on this file sees it is gone and locks the path anew.
        # Windows refuses to remove an open file; filelock removes it there after release.
        with suppress(OSError):
            path.unlink()
        lock.release()
