"""Veiligheidsmonitor figures per subject and year: the plan's ``metingen/monitorcijfers.yaml``.

Written by ``kernbeleid monitor importeer`` from one CBS export; each subject
with the catalogue themes and suggested indicators it measures (``data/monitorcodes.yaml``)::

    regio: Lindewaard
    bestand: ../data/veiligheidsmonitor-cbs.csv
    bron: CBS StatLine, Veiligheidsmonitor; kerncijfers, regio (85146NED), …
    onderwerpen:
      RapportcijferVeiligheidInBuurt:
        titel: Rapportcijfer veiligheid in buurt
        kolom: RapportcijferVeiligheidInBuurt_60
        eenheid: rapportcijfer (1-10)
        themas: [{thema: '1.4', indicator: Rapportcijfer veiligheid van de buurt}]
        jaren: {2023: '6,9', 2025: '7,1'}
        voorlopig: [2025]
      OnveiligCentrum_12: {titel: '', kolom: OnveiligCentrum_12, themas: [], grond: …}

A subject with ``themas: []`` is *niet ingedeeld*; ``grond`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from ..model.parsing import ParseError
from .metingen import figure, figures_mapping, file_text, value_text

FILENAME = "monitorcijfers.yaml"
LABEL = f"metingen/{FILENAME}"

HEADER = (
    "# Cijfers van de Veiligheidsmonitor per onderwerp en jaar, geschreven door\n"
    "# 'kernbeleid monitor importeer'. 'themas' noemt de thema's en indicatoren\n"
    "# van de catalogus waar een onderwerp bij hoort; 'themas: []' is niet ingedeeld (zie\n"
    "# 'grond'). Importeer opnieuw in plaats van hier te wijzigen.\n"
)


@dataclass(frozen=True)
class Plaats:
    thema: str
    indicator: str | None


@dataclass
class Reeks:
    """One subject's values per year, and where it belongs in the catalogue."""

    titel: str
    kolom: str  # the column as the export names it
    eenheid: str = ""
    themas: tuple[Plaats, ...] = ()
    grond: str = ""
    jaren: dict[int, Decimal] = field(default_factory=dict)
    voorlopig: set[int] = field(default_factory=set)


@dataclass
class Monitorcijfers:
    regio: str = ""
    bestand: str = ""
    bron: str = ""
    onderwerpen: dict[str, Reeks] = field(default_factory=dict)

    @property
    def niet_ingedeeld(self) -> dict[str, Reeks]:
        return {k: r for k, r in self.onderwerpen.items() if not r.themas}

    def van_thema(self, thema: str) -> dict[str, Reeks]:
        """The subjects that count for ``thema`` (a catalogue code such as ``1.4``)."""
        return {
            k: r for k, r in self.onderwerpen.items() if any(p.thema == thema for p in r.themas)
        }


#: What to do with a record file that cannot be read (the import refuses to merge it).
AGAIN = "herstel het bestand, of verwijder het en importeer de export opnieuw."


def path_of(plan: Path) -> Path:
    return plan / "metingen" / FILENAME


def _number(value: object) -> Decimal:
    return figure(value, "6,9")


def read_file(path: Path) -> tuple[Monitorcijfers | None, list[str]]:
    """The figures, or None and Dutch problems naming the file (a damaged file is not merged)."""
    text, problems = file_text(path, LABEL, AGAIN)
    return (None, problems) if text is None else parse(text)


def parse(text: str) -> tuple[Monitorcijfers | None, list[str]]:
    """The figures in the file's ``text`` (see :func:`read_file`)."""
    raw, problems = figures_mapping(text, LABEL, "regio", AGAIN)
    if raw is None:
        return None, problems
    out = Monitorcijfers(
        str(raw.get("regio") or ""), str(raw.get("bestand") or ""), str(raw.get("bron") or "")
    )
    try:
        for name, body in (raw.get("onderwerpen") or {}).items():
            out.onderwerpen[str(name)] = Reeks(
                str(body.get("titel") or ""),
                str(body.get("kolom") or name),
                str(body.get("eenheid") or ""),
                tuple(
                    Plaats(
                        str(p["thema"]), None if p.get("indicator") is None else str(p["indicator"])
                    )
                    for p in body.get("themas") or ()
                ),
                str(body.get("grond") or ""),
                {int(y): _number(v) for y, v in (body.get("jaren") or {}).items()},
                {int(y) for y in body.get("voorlopig") or ()},
            )
    except (KeyError, TypeError, ValueError, AttributeError, ParseError) as err:
        return None, [f"{LABEL}: onverwachte inhoud ({err}); " + AGAIN]
    return out, []


def dump(cijfers: Monitorcijfers) -> str:
    """The file's text: subjects in the order of the first theme they count for, then name."""

    def order(item: tuple[str, Reeks]) -> tuple:
        name, reeks = item
        first = reeks.themas[0].thema if reeks.themas else "9.9"
        return (tuple(int(p) for p in first.split(".")), name.lower())

    onderwerpen: dict[str, dict[str, object]] = {}
    for name, reeks in sorted(cijfers.onderwerpen.items(), key=order):
        body: dict[str, object] = {"titel": reeks.titel, "kolom": reeks.kolom}
        if reeks.eenheid:
            body["eenheid"] = reeks.eenheid
        body["themas"] = [{"thema": p.thema, "indicator": p.indicator} for p in reeks.themas]
        if reeks.grond:
            body["grond"] = reeks.grond
        body["jaren"] = {y: value_text(v) for y, v in sorted(reeks.jaren.items())}
        if reeks.voorlopig:
            body["voorlopig"] = sorted(reeks.voorlopig)
        onderwerpen[name] = body
    data = {
        "regio": cijfers.regio,
        "bestand": cijfers.bestand,
        "bron": cijfers.bron,
        "onderwerpen": onderwerpen,
    }
    text = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1_000
    )
    return HEADER + text
