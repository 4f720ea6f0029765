"""The method's six steps with the handbook's durations, and a planning from a start date.

Read from ``data/stappen.yaml``. A planning lays the steps end to end, each with the
upper bound of the handbook's duration unless the startnotitie gives its own weeks; step
6 has no end (it runs with the plan).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from .pakket import data_yaml


@dataclass(frozen=True)
class Stap:
    nummer: int
    naam: str
    product: str
    weken: tuple[int, int] | None  # the handbook's range; None: runs on
    dagen: tuple[int, int]  # the coordinator's effort in days

    @property
    def doorlooptijd(self) -> str:
        return "doorlopend" if self.weken is None else _range(self.weken, "weken")

    @property
    def inzet(self) -> str:
        return _range(self.dagen, "dagen")


def _range(values: tuple[int, int], unit: str) -> str:
    low, high = values
    return f"{low} {unit}" if low == high else f"{low} à {high} {unit}"


@cache
def load() -> tuple[Stap, ...]:
    raw = data_yaml("stappen.yaml")
    return tuple(
        Stap(
            int(s["nummer"]),
            str(s["naam"]),
            str(s["product"]),
            tuple(s["weken"]) if s.get("weken") else None,
            tuple(s["dagen"]),
        )
        for s in raw["stappen"]
    )


@dataclass(frozen=True)
class Planning:
    stap: Stap
    weken: int | None
    begin: dt.date
    eind: dt.date | None


def planning(start: dt.date, weken: dict[int, int] | None = None) -> list[Planning]:
    """The steps end to end from ``start``; ``weken`` overrides a step's duration."""
    out: list[Planning] = []
    begin = start
    for stap in load():
        duration = (weken or {}).get(stap.nummer, stap.weken[1] if stap.weken else None)
        if duration is None:
            out.append(Planning(stap, None, begin, None))
            continue
        eind = begin + dt.timedelta(weeks=duration) - dt.timedelta(days=1)
        out.append(Planning(stap, duration, begin, eind))
        begin = eind + dt.timedelta(days=1)
    return out


def parse_weken(text: str) -> dict[int, int]:
    """``2=9, 4=10`` -> ``{2: 9, 4: 10}``; ValueError with a Dutch reason otherwise."""
    out: dict[int, int] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        step, _, weeks = part.partition("=")
        if not (step.strip().isdigit() and weeks.strip().isdigit()):
            raise ValueError(f"'{part}' is geen stap=weken; schrijf bijvoorbeeld 2=9, 4=10")
        if not 1 <= int(step) <= 5:
            raise ValueError(
                f"stap {step.strip()} bestaat niet of heeft geen doorlooptijd (1 t/m 5)"
            )
        out[int(step)] = int(weeks)
    return out
