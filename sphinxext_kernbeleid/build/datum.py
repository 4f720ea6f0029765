"""The document date: the same on every rebuild of the same sources.

A council document that changes date on every build cannot be cited. The date is
``kernbeleid_datum`` when conf.py gives one; otherwise ``SOURCE_DATE_EPOCH`` (for
reproducible builds); otherwise the date of the last change of the sources: the last
commit that touched them in git (or the newest file among uncommitted changes); without
git, the newest source file. Never the moment of the build.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.util import logging

from ..model.parsing import dutch_date
from .settings import settings_of

logger = logging.getLogger(__name__)


_DATES: WeakKeyDictionary[Sphinx, tuple[dt.date, str]] = WeakKeyDictionary()


def stable_date(app: Sphinx) -> dt.date:
    """The document date as a date (see the module docstring for where it comes from)."""
    return _resolve(app)[0]


def date_text(app: Sphinx) -> str:
    """The document date as a Dutch reader sees it: ``15 december 2026``."""
    return _resolve(app)[1]


def _resolve(app: Sphinx) -> tuple[dt.date, str]:
    try:
        return _DATES[app]
    except KeyError:
        pass
    # kernbeleid_datum is checked (once, in Dutch) by the settings; a value that is no
    # date was reported there and the stable date of the sources is used instead.
    written = settings_of(app).datum
    day = written if written is not None else source_date(app)
    result = (day, dutch_date(day))
    _DATES[app] = result
    return result


def source_date(app: Sphinx) -> dt.date:
    """``SOURCE_DATE_EPOCH``, else the sources' last change (git, else file times)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            logger.warning(
                f"SOURCE_DATE_EPOCH '{epoch}' is geen aantal seconden sinds 1970; de datum "
                "van de laatste wijziging van de bronnen wordt gebruikt.",
                type="kernbeleid",
                subtype="datum",
            )
    srcdir = Path(app.srcdir)
    excluded = _excluded(app)
    stamp = _git_date(srcdir, excluded)
    if stamp is None:
        stamp = _newest_mtime(srcdir, excluded)
    if stamp is None:  # an empty project: nothing has changed yet
        return dt.date(1970, 1, 1)
    return dt.datetime.fromtimestamp(stamp).date()


#: The record of the raad's decisions (``kernbeleid vaststellen``, ``beoordeel``): no source,
#: so recording an adoption does not change the date of the documents adopted.
ADOPTIONS = "vastgesteld"


def _excluded(app: Sphinx) -> list[Path]:
    """Build output is no source: the output folders, and ``_build`` anywhere; nor are the
    adoptions in ``vastgesteld/``."""
    srcdir = Path(app.srcdir).resolve()
    return [Path(app.outdir).resolve(), Path(app.doctreedir).resolve(), srcdir / ADOPTIONS]


def _is_output(path: Path, excluded: list[Path]) -> bool:
    return "_build" in path.parts or any(path.is_relative_to(ex) for ex in excluded)


def _git(srcdir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(srcdir), *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _git_date(srcdir: Path, excluded: list[Path]) -> float | None:
    """Last commit touching the sources; uncommitted changes count with their file time."""
    out = _git(srcdir, "log", "-1", "--format=%ct", "--", ".", f":(exclude){ADOPTIONS}")
    if not out or not out.strip():
        return None
    stamp = float(out.strip())
    status = _git(srcdir, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
    top = _git(srcdir, "rev-parse", "--show-toplevel")
    if status and top:
        root = Path(top.strip())
        for entry in status.split("\0"):
            if len(entry) < 4:
                continue
            path = (root / entry[3:]).resolve()
            if _is_output(path, excluded) or not path.is_file():
                continue
            stamp = max(stamp, path.stat().st_mtime)
    return stamp


def _newest_mtime(srcdir: Path, excluded: list[Path]) -> float | None:
    newest: float | None = None
    for folder, dirs, files in os.walk(srcdir):
        base = Path(folder)
        dirs[:] = [
            d
            for d in dirs
            if not d.startswith((".", "_build", "__pycache__"))
            and (base / d).resolve() not in excluded
        ]
        for name in files:
            if not name.startswith("."):
                mtime = (base / name).stat().st_mtime
                newest = mtime if newest is None else max(newest, mtime)
    return newest
