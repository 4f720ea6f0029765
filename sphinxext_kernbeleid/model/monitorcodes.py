"""The Veiligheidsmonitor's indicators and the catalogue's survey indicators they measure.

Shipped as ``data/monitorcodes.yaml`` beside the catalogue and the police codes: each
subject (column) of the CBS table with its official title, the theme(s) and suggested
effect indicator(s) of the catalogue it belongs to, and why. A survey figure is a share
or a score, never summed, so one subject may serve several themes. A column the data
does not know, or whose name the table uses for several crimes (``Slachtoffers_68``), is
reported as *niet ingedeeld*, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .pakket import data_yaml

#: ``RapportcijferVeiligheidInBuurt_60``: StatLine's key, with the table version's number.
_SUFFIX = re.compile(r"_\d+$")


@dataclass(frozen=True)
class Plaats:
    """Where a subject counts: a catalogue theme and its suggested indicator (or none)."""

    thema: str
    indicator: str | None


@dataclass(frozen=True)
class Onderwerp:
    """One subject of the Veiligheidsmonitor as CBS publishes it."""

    sleutel: str  # the key without its number: RapportcijferVeiligheidInBuurt
    titel: str
    eenheid: str
    themas: tuple[Plaats, ...]  # empty: deliberately not assigned
    grond: str  # why these themes (or why none)


@dataclass(frozen=True)
class Indeling:
    bron: str
    onderwerpen: dict[str, Onderwerp]  # by normalized key
    dubbelzinnig: frozenset[str]  # normalized keys that name several crimes

    def find(self, column: str) -> Onderwerp | None:
        """The subject a column of an export holds, or None (unknown or ambiguous)."""
        return self.onderwerpen.get(normalize(column))

    def ambiguous(self, column: str) -> bool:
        return normalize(column) in self.dubbelzinnig


def key(column: str) -> str:
    """``'RapportcijferVeiligheidInBuurt_60 '`` -> ``'RapportcijferVeiligheidInBuurt'``."""
    return _SUFFIX.sub("", column.strip())


def normalize(column: str) -> str:
    """The key compared without case, spaces or punctuation (and without its number)."""
    return re.sub(r"[^a-z0-9]", "", key(column).lower())


@cache
def load() -> Indeling:
    """The mapping shipped with the package (read once per process)."""
    raw = data_yaml("monitorcodes.yaml")
    onderwerpen = {
        normalize(str(name)): Onderwerp(
            str(name),
            str(body["titel"]),
            str(body.get("eenheid") or ""),
            tuple(
                Plaats(str(p["thema"]), None if p.get("indicator") is None else str(p["indicator"]))
                for p in body.get("themas") or ()
            ),
            str(body.get("grond") or ""),
        )
        for name, body in raw["onderwerpen"].items()
    }
    ambiguous = frozenset(normalize(str(n)) for n in raw.get("dubbelzinnig") or ())
    return Indeling(str(raw["bron"]), onderwerpen, ambiguous)
