"""The plattegrond: for each catalogue theme, how the plan addresses it.

Pure function over the plan; renderers (HTML, report, DOCX) only draw it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from . import catalogue as catalogue_module
from .plan import Onderdeel, Plan, Prioriteit


class Dekking(Enum):
    PRIORITEIT = "prioriteit"
    OVERIG = "overig thema"
    GEANALYSEERD = "geanalyseerd"
    NIET = "niet geadresseerd"

    @property
    def label(self) -> str:
        return {
            "prioriteit": "Prioriteit",
            "overig thema": "Overig thema",
            "geanalyseerd": "Geanalyseerd",
            "niet geadresseerd": "Niet geadresseerd",
        }[self.value]


@dataclass(frozen=True)
class Cell:
    theme: catalogue_module.Theme
    dekking: Dekking
    onderdelen: tuple[Onderdeel, ...] = ()
    analyses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    field: catalogue_module.Field
    cells: tuple[Cell, ...] = ()


def plattegrond(plan: Plan) -> list[Column]:
    """The five fields, each with its themes and their coverage (strongest wins)."""
    catalogue = catalogue_module.load()
    by_code: dict[str, list[Onderdeel]] = {}
    for onderdeel in plan.onderdelen:
        for code in onderdeel.kv:
            by_code.setdefault(code, []).append(onderdeel)
    analysed: dict[str, list[str]] = {}
    for analyse in plan.analyses:
        for code in analyse.kv:
            analysed.setdefault(code, []).append(analyse.id)

    def cell(theme: catalogue_module.Theme) -> Cell:
        onderdelen = tuple(by_code.get(theme.code, ()))
        if any(isinstance(o, Prioriteit) for o in onderdelen):
            dekking = Dekking.PRIORITEIT
        elif onderdelen:
            dekking = Dekking.OVERIG
        elif theme.code in analysed:
            dekking = Dekking.GEANALYSEERD
        else:
            dekking = Dekking.NIET
        return Cell(theme, dekking, onderdelen, tuple(analysed.get(theme.code, ())))

    return [Column(f, tuple(cell(t) for t in f.themes)) for f in catalogue.fields]


def fields_analysed(plan: Plan) -> set[str]:
    """Codes of the veiligheidsvelden that at least one analyse covers."""
    catalogue = catalogue_module.load()
    out = set()
    for analyse in plan.analyses:
        for code in analyse.kv:
            theme = catalogue.get(code)
            if theme is not None:
                out.add(theme.veld)
    return out
