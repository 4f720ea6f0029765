"""Measurements of an effect indicator: ``:metingen:`` and ``:vergelijking:`` as written.

``:metingen: 7,0 (2024); 7,1 (2025)`` follows the value rules of ``:nulmeting:`` (one
value with its year per entry); ``:vergelijking: Nederland 4,3 (2024)`` names what the
value is compared with. The model keeps one :class:`Meting` per year, whether the
writer typed it or ``kernbeleid metingen importeer`` brought it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .parsing import ParseError, Quantity, parse_list, parse_year_value


@dataclass(frozen=True)
class Meting:
    """One realisation: the value of a year, where it came from, and whether it is final."""

    year: int
    quantity: Quantity
    voorlopig: bool = False  # an incomplete year (e.g. only January-March counted)
    bron: str = "plan"  # "plan" (typed in the rst) or where the import found it

    @property
    def value(self) -> Decimal:
        return self.quantity.value

    def __str__(self) -> str:
        return f"{self.quantity} ({self.year}{', voorlopig' if self.voorlopig else ''})"


@dataclass(frozen=True)
class Vergelijking:
    """A comparison value, e.g. Nederland 4,3 (2024)."""

    naam: str
    year: int
    quantity: Quantity

    @property
    def value(self) -> Decimal:
        return self.quantity.value

    def __str__(self) -> str:
        return f"{self.naam} {self.quantity} ({self.year})"


def parse_metingen(text: str, *, hint: str = "7,0 (2024); 7,1 (2025)") -> list[Meting]:
    """``7,0 (2024); 7,1 (2025)``: values with their years, sorted by year, one per year.

    Entries are separated by ``;`` (a comma is the Dutch decimal sign, so ``,`` only
    separates when no value has a decimal comma, exactly as :func:`parse_list` reads).
    """
    entries = _entries(text)
    if not entries:
        raise ParseError("is leeg", hint)
    found: dict[int, Meting] = {}
    for entry in entries:
        try:
            year_value = parse_year_value(entry, hint=hint)
        except ParseError as err:
            raise ParseError(f"'{entry}' {err.reason}", hint) from None
        if year_value.year in found:
            raise ParseError(f"noemt {year_value.year} twee keer", hint)
        found[year_value.year] = Meting(year_value.year, year_value.quantity)
    return [found[year] for year in sorted(found)]


_COMPARISON = re.compile(r"^(?P<naam>.*?[^\d\s.,%-][^\d]*?)\s+(?P<rest>[-−+]?\d.*)$")


def parse_vergelijking(text: str, *, hint: str = "Nederland 4,3 (2024)") -> list[Vergelijking]:
    """``Nederland 4,3 (2024); Noord-Brabant 4,9 (2024)``: a name, a value and its year."""
    entries = _entries(text)
    if not entries:
        raise ParseError("is leeg", hint)
    out: list[Vergelijking] = []
    for entry in entries:
        match = _COMPARISON.match(entry)
        if not match:
            raise ParseError(f"'{entry}' mist de naam (bijvoorbeeld Nederland) of de waarde", hint)
        try:
            year_value = parse_year_value(match["rest"], hint=hint)
        except ParseError as err:
            raise ParseError(f"'{entry}' {err.reason}", hint) from None
        out.append(Vergelijking(match["naam"].strip(), year_value.year, year_value.quantity))
    return out


def _entries(text: str) -> list[str]:
    raw = text.strip()
    if ";" in raw:
        return parse_list(raw)
    # Without ';' a comma may be a decimal sign: split only after a closing bracket.
    return [part.strip() for part in re.split(r"(?<=\))\s*,\s*", raw) if part.strip()]
