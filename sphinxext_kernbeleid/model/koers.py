"""Op koers? Per effect indicator, the latest final measurement against the straight path.

The path runs from the nulmeting (value, year) to the streefwaarde (value, year). The
latest measurement after the nulmeting that is not ``voorlopig`` decides:

* *streefwaarde gehaald* – it is at or beyond the target (in the wanted direction),
  also before the target year;
* *op koers* – it is on the path of its year or better;
* *niet op koers* – it is worse than the path, or the target year has passed;
* *geen nieuwe meting* – there is no final measurement after the nulmeting.

Pure functions over the model; the words always come with a symbol, so colour is never
the only carrier of the verdict (HTML, Word and Excel show the same text).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from .display import laatste_meting
from .meetreeks import Meting
from .plan import EffectIndicator


class Oordeel(Enum):
    GEHAALD = ("streefwaarde gehaald", "★")
    OP_KOERS = ("op koers", "✔")
    NIET_OP_KOERS = ("niet op koers", "✘")
    GEEN_METING = ("geen nieuwe meting", "–")
    ONBEKEND = ("niet te bepalen", "?")

    @property
    def woorden(self) -> str:
        return self.value[0]

    @property
    def symbool(self) -> str:
        return self.value[1]

    @property
    def label(self) -> str:
        """Symbol and words: ``✔ op koers``."""
        return f"{self.symbool} {self.woorden}"

    @property
    def css(self) -> str:
        return "kb-koers-" + self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class Koers:
    oordeel: Oordeel
    meting: Meting | None = None  # the measurement that decided
    pad: Decimal | None = None  # the path's value in the measurement's year
    toelichting: str = ""  # why, in Dutch, for readers and tooltips

    @property
    def label(self) -> str:
        return self.oordeel.label


def path_value(ei: EffectIndicator, year: int) -> Decimal | None:
    """The straight path's value in ``year`` (clamped to the streefwaarde after its year)."""
    nul, streef = ei.nulmeting, ei.streefwaarde
    if nul is None or streef is None or streef.year <= nul.year:
        return None
    if year >= streef.year:
        return streef.value
    if year <= nul.year:
        return nul.value
    return nul.value + (streef.value - nul.value) * (year - nul.year) / (streef.year - nul.year)


def _better_or_equal(value: Decimal, than: Decimal, richting: str) -> bool:
    return value <= than if richting == "dalen" else value >= than


def decimals(*values: Decimal) -> int:
    """The most decimals written among ``values`` (``20`` -> 0, ``6,9`` -> 1)."""
    return max((max(0, -int(v.as_tuple().exponent)) for v in values), default=0)


def path_at_precision(ei: EffectIndicator, meting: Meting) -> Decimal | None:
    """The path's value in the measurement's year, rounded to the precision the indicator
    is written in: a count path of 20,8 is 21, as a reader of the chart sees it."""
    nul, streef = ei.nulmeting, ei.streefwaarde
    pad = path_value(ei, meting.year)
    if pad is None or nul is None or streef is None:
        return None
    places = decimals(nul.value, streef.value, meting.value)
    return pad.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _on_or_better_than_path(ei: EffectIndicator, meting: Meting) -> bool:
    """The measurement against the path at the indicator's own precision."""
    assert ei.richting is not None
    pad = path_at_precision(ei, meting)
    assert pad is not None
    return _better_or_equal(meting.value, pad, ei.richting)


def new_measurements(ei: EffectIndicator) -> list[Meting]:
    """Measurements after the nulmeting's year (provisional ones included), oldest first."""
    after = ei.nulmeting.year if ei.nulmeting else None
    return [m for m in ei.metingen if after is None or m.year > after]


def koers(ei: EffectIndicator) -> Koers:
    """The verdict for one indicator (see the module docstring)."""
    nul, streef = ei.nulmeting, ei.streefwaarde
    if nul is None or streef is None or ei.richting is None or streef.year <= nul.year:
        return Koers(
            Oordeel.ONBEKEND,
            toelichting="nulmeting, streefwaarde (met jaren) en richting zijn nodig",
        )
    new = new_measurements(ei)
    final = [m for m in new if not m.voorlopig]
    if not final:
        why = (
            "alleen voorlopige cijfers sinds de nulmeting"
            if new
            else f"geen meting na de nulmeting van {nul.year}"
        )
        return Koers(Oordeel.GEEN_METING, new[-1] if new else None, toelichting=why)
    latest = final[-1]
    pad = path_at_precision(ei, latest)
    if _better_or_equal(latest.value, streef.value, ei.richting):
        return Koers(Oordeel.GEHAALD, latest, pad, f"{latest} haalt de streefwaarde {streef}")
    if latest.year >= streef.year:
        return Koers(
            Oordeel.NIET_OP_KOERS,
            latest,
            pad,
            f"het streefjaar {streef.year} is bereikt zonder de streefwaarde {streef.quantity}",
        )
    if _on_or_better_than_path(ei, latest):
        return Koers(Oordeel.OP_KOERS, latest, pad, f"{latest} ligt op of voor het pad")
    return Koers(Oordeel.NIET_OP_KOERS, latest, pad, f"{latest} ligt achter het pad")


def per_gemeente(ei: EffectIndicator) -> list[tuple[str, EffectIndicator]]:
    """A joint plan's indicator with values per gemeente: each gemeente (in conf.py's
    order) with the indicator as her own plan sees it (her series as ``metingen``), so
    every verdict and text above works per gemeente; ``[]`` for any other indicator."""
    out = []
    for naam, series in ei.metingen_per_gemeente.items():
        own = copy.copy(ei)
        own.metingen, own.metingen_per_gemeente = list(series), {}
        out.append((naam, own))
    return out


def report_fields(ei: EffectIndicator) -> dict[str, str | None]:
    """The verdict for the check report (JSON, HTML, XLSX): words, label, latest measurement."""
    verdict = koers(ei)
    return {
        "laatste_meting": laatste_meting(ei) or None,
        "koers": verdict.oordeel.woorden,
        "koers_label": verdict.label,
    }
