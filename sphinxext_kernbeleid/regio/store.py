"""The regional store: one DuckDB database with every plan's rows and the catalogue.

Plans are read one at a time and their rows handed to DuckDB in batches (columns as
NumPy arrays, which DuckDB scans without a Python loop per row), so memory stays bounded
by a batch, not by the region: a district of 10 plans and the country's 342 go the same
way. The database file is left in the output folder for anyone who wants to ask more.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np

from ..model import catalogue as catalogue_module
from .exports import ExportProblem, duplicate, read_plan
from .rows import COLUMNS, Columns, add_plan, empty_tables

#: SQL type of each column; every other column is VARCHAR.
TYPES = {
    "plan": "INTEGER",
    "periode_van": "INTEGER",
    "periode_tot": "INTEGER",
    "uitvoeringsjaar": "INTEGER",
    "raadsrijp": "BOOLEAN",
    "fouten": "INTEGER",
    "rang": "INTEGER",
    "budget": "DECIMAL(18,2)",
    "volgorde": "INTEGER",
    "laatste_waarde": "DOUBLE",
    "laatste_jaar": "INTEGER",
    "actief": "BOOLEAN",
}
#: Rows held in Python before they go to DuckDB (about 60 plans of 1.000 items).
BATCH_ROWS = 200_000


@dataclass
class Loaded:
    """What :func:`load` did: the plans read and a Dutch sentence per plan refused."""

    plannen: int = 0
    problems: list[str] = field(default_factory=list)


def connect(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A new store (in memory without ``path``) with empty tables and the catalogue."""
    con = duckdb.connect(str(path) if path else ":memory:")
    for table, columns in COLUMNS.items():
        cols = ", ".join(f"{c} {TYPES.get(c, 'VARCHAR')}" for c in columns)
        con.execute(f"CREATE TABLE {table} ({cols})")
    con.execute(
        "CREATE TABLE thema (code VARCHAR, naam VARCHAR, veld VARCHAR, veld_naam VARCHAR, "
        "volgorde INTEGER)"
    )
    catalogue = catalogue_module.load()
    rows = [
        (theme.code, theme.naam, veld.code, veld.naam, order)
        for order, (veld, theme) in enumerate(
            (veld, theme) for veld in catalogue.fields for theme in veld.themes
        )
    ]
    con.executemany("INSERT INTO thema VALUES (?, ?, ?, ?, ?)", rows)
    return con


def load(con: duckdb.DuckDBPyConnection, paths: Iterable[Path]) -> Loaded:
    """Read every plan into the store; plans that cannot be used are told, not loaded."""
    result = Loaded()
    tables = empty_tables()
    seen: dict[str, Path] = {}
    for path in paths:
        try:
            plan = read_plan(path)
        except ExportProblem as problem:
            result.problems.append(str(problem))
            continue
        dubbel = duplicate(seen, plan)
        if dubbel:
            result.problems.append(dubbel)
            continue
        result.plannen += 1
        add_plan(tables, result.plannen, plan)
        del plan
        if _pending(tables) >= BATCH_ROWS:
            _flush(con, tables)
            tables = empty_tables()
    _flush(con, tables)
    return result


def _pending(tables: dict[str, Columns]) -> int:
    return sum(len(next(iter(cols.values()))) for cols in tables.values())


def _flush(con: duckdb.DuckDBPyConnection, tables: dict[str, Columns]) -> None:
    for table, columns in tables.items():
        if not next(iter(columns.values())):
            continue
        staging = {name: np.array(values, dtype=object) for name, values in columns.items()}
        con.register("staging", staging)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM staging")
        con.unregister("staging")
