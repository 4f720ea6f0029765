"""The police's *soort misdrijf* codes and the catalogue theme each one counts for.

Shipped as ``data/politiecodes.yaml`` beside the catalogue: each code with the police's
own title, its theme (or none) and why. The VNG-INP model does this conversion for the
police; here it is data a coordinator can read, and a code the data does not know is
reported as *niet ingedeeld*, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from .pakket import data_yaml

#: ``1.1.1``, ``2.6.10``: the code at the start of a SoortMisdrijf cell.
_CODE = re.compile(r"^\s*(?P<code>\d+(?:\.\d+){2})\b\s*(?P<titel>.*?)\s*$")


@dataclass(frozen=True)
class Soort:
    """One kind of crime as the police register it."""

    code: str
    titel: str
    thema: str | None  # a catalogue theme code, or None: deliberately not assigned
    grond: str  # why this theme (or why none)


@dataclass(frozen=True)
class Indeling:
    """The whole mapping: the source of the codes and every known code."""

    bron: str
    codes: dict[str, Soort]

    def thema(self, code: str) -> str | None:
        soort = self.codes.get(code)
        return soort.thema if soort else None

    def codes_of(self, thema: str) -> list[str]:
        return [c for c, s in self.codes.items() if s.thema == thema]


def split_code(cell: str) -> tuple[str, str] | None:
    """``'1.1.1 Diefstal/inbraak woning'`` -> ``('1.1.1', 'Diefstal/inbraak woning')``.

    Open-data exports pad the key (``'1.1.1 '``) or put code and title in one cell;
    both read the same. None when the cell does not start with a code.
    """
    match = _CODE.match(cell)
    if not match:
        return None
    return match["code"], match["titel"]


@cache
def load() -> Indeling:
    """The mapping shipped with the package (read once per process)."""
    raw = data_yaml("politiecodes.yaml")
    codes = {
        str(code): Soort(
            str(code), str(body["titel"]), body.get("thema"), str(body.get("grond", ""))
        )
        for code, body in raw["codes"].items()
    }
    return Indeling(str(raw["bron"]), codes)


@dataclass
class Jaarcijfer:
    """A theme's (or code's) count in one year, and whether the year is still incomplete."""

    aantal: Decimal = Decimal(0)
    voorlopig: bool = False
    codes: list[str] = field(default_factory=list)


def per_thema(
    per_code: dict[str, dict[int, Jaarcijfer]], indeling: Indeling
) -> tuple[dict[str, dict[int, Jaarcijfer]], list[str]]:
    """Sum the codes' counts per theme and year; return them and the codes left out.

    A theme's count is exactly the sum of its codes (each code belongs to one theme),
    so a reader can check it against the export. Codes without a theme come back
    sorted, to be listed as *niet ingedeeld*.
    """
    themas: dict[str, dict[int, Jaarcijfer]] = {}
    left: list[str] = []
    for code in sorted(per_code, key=code_key):
        thema = indeling.thema(code)
        if thema is None:
            left.append(code)
            continue
        years = themas.setdefault(thema, {})
        for year, cijfer in per_code[code].items():
            total = years.setdefault(year, Jaarcijfer())
            total.aantal += cijfer.aantal
            total.voorlopig = total.voorlopig or cijfer.voorlopig
            total.codes.append(code)
    return themas, left


def code_key(code: str) -> tuple[int, ...]:
    """Sort ``2.6.10`` after ``2.6.9``."""
    return tuple(int(p) for p in code.split(".") if p.isdigit())
