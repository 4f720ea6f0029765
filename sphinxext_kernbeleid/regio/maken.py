"""One run of the regional view: read every plan into the store, then write site and workbook.

All or nothing: when one plan cannot be used, every reason is told and nothing is
written, so a regional view never quietly lacks a gemeente. The store is built in a
temporary file beside ``regio.duckdb`` and replaces it only when it is complete.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..files import atomic
from . import queries, store
from .bijlage import write_bijlage
from .site import AGAIN, write_site
from .werkboek import write_workbook

DATABASE = "regio.duckdb"
WORKBOOK = "regio.xlsx"
BIJLAGE = "stap-3a.docx"


class Refused(Exception):
    """The plans could not all be read; ``problems`` holds one Dutch sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Result:
    plannen: int = 0
    written: list[Path] = field(default_factory=list)


def make(paths: Sequence[Path], folder: Path, titel: str) -> Result:
    """Read ``paths`` (plan folders or export files) and write the regional view to ``folder``.

    Raises :class:`Refused` (nothing written) or :class:`~.errors.FileProblem`.
    """
    if not paths:
        raise Refused(["Geef minstens één plan op (een map of een exportbestand)."])
    result = Result()
    holder: list[queries.Regio] = []

    def build(tmp: Path) -> None:
        tmp.unlink()  # DuckDB makes its own file
        con = store.connect(tmp)
        try:
            loaded = store.load(con, paths)
            if loaded.problems:
                raise Refused(loaded.problems)
            result.plannen = loaded.plannen
            holder.append(queries.regio(con))
        finally:
            con.close()
            Path(f"{tmp}.wal").unlink(missing_ok=True)

    new_folder = not folder.exists()
    try:
        atomic.write(folder / DATABASE, build, again=AGAIN)
    except Refused:
        if new_folder and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # nothing written means no empty folder either
        raise
    regio = holder[0]
    atomic.write(folder / WORKBOOK, lambda tmp: write_workbook(regio, tmp), again=AGAIN)
    atomic.write(folder / BIJLAGE, lambda tmp: write_bijlage(regio, tmp, titel), again=AGAIN)
    result.written = [
        *write_site(regio, folder, titel),
        folder / WORKBOOK,
        folder / BIJLAGE,
        folder / DATABASE,
    ]
    return result
