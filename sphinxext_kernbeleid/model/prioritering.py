"""Step 3 of the method, as data: the proposal for the raad and what a choice implies.

The method asks for at most three or four prioriteiten, chosen from the analysis; every
other theme with an analysis becomes an *overig thema* (going concern). The proposal
orders the candidates: themes already chosen first, then rising problems, then the
catalogue's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analyse import ThemaAnalyse, VeldAnalyse

MAX_PRIORITEITEN = 4


@dataclass(frozen=True)
class Voorstel:
    prioriteiten: tuple[ThemaAnalyse, ...]
    overige: tuple[ThemaAnalyse, ...]


def _rank(t: ThemaAnalyse) -> tuple[int, int]:
    return (0 if t.gekozen else 1, 0 if t.trend.richting == "stijgend" else 1)


def voorstel(velden: list[VeldAnalyse]) -> Voorstel:
    """At most four prioriteiten from the candidates; the other analysed themes follow."""
    themas = [t for v in velden for t in v.themas]
    kandidaten = sorted((t for t in themas if t.kandidaat), key=_rank)  # stable: catalogue order
    chosen = tuple(kandidaten[:MAX_PRIORITEITEN])
    return keuze(velden, [t.thema.code for t in chosen])


def keuze(velden: list[VeldAnalyse], codes: list[str]) -> Voorstel:
    """What choosing ``codes`` implies: those themes, and the other analysed themes."""
    themas = {t.thema.code: t for v in velden for t in v.themas}
    chosen = tuple(themas[c] for c in codes if c in themas)
    rest = tuple(t for t in themas.values() if t.thema.code not in codes and t.has_analysis)
    return Voorstel(chosen, rest)
