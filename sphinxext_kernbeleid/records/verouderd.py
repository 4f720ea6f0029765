"""When the progress or measurement files change, every page is outdated.

Items show their latest progress and measurements, so an import (``kernbeleid voortgang
importeer``, ``kernbeleid metingen importeer``) re-renders the pages although no source
changed. Kept apart from :mod:`.voortgang` and :mod:`.metingen`, which read and write the
files with PyYAML and ruamel.yaml: every build asks this (``env-get-outdated``), only a
build that reads needs those (tests/test_import_cost.py).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: The progress files' folder: ``voortgang/<kwartaal>.yaml``.
VOORTGANG_DIRECTORY = "voortgang"
#: The measurements' folder and file: ``metingen/metingen.yaml``.
METINGEN_DIRECTORY = "metingen"
METINGEN_FILENAME = "metingen.yaml"


def progress_fingerprint(srcdir: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the progress files: changes when an import happened."""
    directory = srcdir / VOORTGANG_DIRECTORY
    if not directory.is_dir():
        return ()
    return tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(directory.iterdir())
        if p.suffix.lower() in (".yaml", ".yml")
    )


def measurements_fingerprint(srcdir: Path) -> tuple[int, int] | None:
    """Size and time of the measurements file: changes when an import happened."""
    path = srcdir / METINGEN_DIRECTORY / METINGEN_FILENAME
    if not path.is_file():
        return None
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns)


def outdated_when_progress_changes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Items show their latest progress, so a new import re-renders the pages."""
    current = progress_fingerprint(Path(app.srcdir))
    previous = getattr(env, "kernbeleid_voortgang", None)
    env.kernbeleid_voortgang = current  # type: ignore[attr-defined]
    if previous is None or previous == current:
        return []
    return sorted(env.found_docs - added - removed)


def outdated_when_measurements_change(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Items show their measurements and verdict, so a new import re-renders the pages."""
    current = measurements_fingerprint(Path(app.srcdir))
    previous = getattr(env, "kernbeleid_metingen", "eerste")
    env.kernbeleid_metingen = current  # type: ignore[attr-defined]
    if previous == "eerste" or previous == current:
        return []
    return sorted(env.found_docs - added - removed)


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated_when_progress_changes)
    app.connect("env-get-outdated", outdated_when_measurements_change)
