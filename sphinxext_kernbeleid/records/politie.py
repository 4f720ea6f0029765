"""Police figures per theme and year: the plan's ``metingen/politiecijfers.yaml``.

Written by ``kernbeleid politie importeer`` from one open-data export; read by the
veiligheidsanalyse and the prioriteringssessie::

    regio: GM0758
    bestand: ../data/misdrijven.csv
    themas:
      '1.3':
        2024: {aantal: 1234, per_1000_inwoners: '6,7'}
        2025: {aantal: 310, voorlopig: true}
    soorten:
      '1.1.1': {titel: Diefstal/inbraak woning, thema: '1.3', jaren: {2024: 321}}
      '9.9.9': {titel: Nieuwe soort, thema: null, jaren: {2024: 4}}   # niet ingedeeld

Every theme count is the sum of its ``soorten`` in that year, so a reader can check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from ..model.parsing import ParseError, format_number
from .metingen import figure, figures_mapping, file_text, value_text

FILENAME = "politiecijfers.yaml"
LABEL = f"metingen/{FILENAME}"

HEADER = (
    "# Politiecijfers per thema en jaar, geschreven door 'kernbeleid politie importeer'.\n"
    "# Een thema telt de soorten misdrijf die erbij horen (zie 'soorten'); een soort met\n"
    "# 'thema: null' is niet ingedeeld. Importeer opnieuw in plaats van hier te wijzigen.\n"
)


@dataclass(frozen=True)
class ThemaJaar:
    aantal: Decimal
    per_1000: Decimal | None = None  # per 1.000 inwoners, when the number of inwoners is known
    voorlopig: bool = False


@dataclass
class SoortJaren:
    titel: str
    thema: str | None
    jaren: dict[int, Decimal] = field(default_factory=dict)


@dataclass
class Politiecijfers:
    regio: str = ""
    bestand: str = ""
    themas: dict[str, dict[int, ThemaJaar]] = field(default_factory=dict)
    soorten: dict[str, SoortJaren] = field(default_factory=dict)

    @property
    def niet_ingedeeld(self) -> dict[str, SoortJaren]:
        return {c: s for c, s in self.soorten.items() if s.thema is None}


#: What to do with a record file that cannot be read (the import refuses to merge it).
AGAIN = "herstel het bestand, of verwijder het en importeer de export opnieuw."


def path_of(plan: Path) -> Path:
    return plan / "metingen" / FILENAME


def _number(value: object) -> Decimal:
    return figure(value, "12")


def _text(value: Decimal) -> int | str:
    return int(value) if value == value.to_integral_value() else value_text(value)


def read_file(path: Path) -> tuple[Politiecijfers | None, list[str]]:
    """The figures, or None and Dutch problems naming the file (a damaged file is not merged)."""
    text, problems = file_text(path, LABEL, AGAIN)
    return (None, problems) if text is None else parse(text)


def parse(text: str) -> tuple[Politiecijfers | None, list[str]]:
    """The figures in the file's ``text`` (see :func:`read_file`)."""
    raw, problems = figures_mapping(text, LABEL, "regio", AGAIN)
    if raw is None:
        return None, problems
    out = Politiecijfers(str(raw.get("regio") or ""), str(raw.get("bestand") or ""))
    try:
        for code, years in (raw.get("themas") or {}).items():
            out.themas[str(code)] = {
                int(year): ThemaJaar(
                    _number(body["aantal"]),
                    _number(body["per_1000_inwoners"]) if "per_1000_inwoners" in body else None,
                    bool(body.get("voorlopig", False)),
                )
                for year, body in (years or {}).items()
            }
        for code, body in (raw.get("soorten") or {}).items():
            out.soorten[str(code)] = SoortJaren(
                str(body.get("titel") or ""),
                None if body.get("thema") is None else str(body["thema"]),
                {int(y): _number(n) for y, n in (body.get("jaren") or {}).items()},
            )
    except (KeyError, TypeError, ValueError, AttributeError, ParseError) as err:
        return None, [f"{LABEL}: onverwachte inhoud ({err}); " + AGAIN]
    return out, []


def dump(cijfers: Politiecijfers) -> str:
    """The file's text: themes and codes in code order, years ascending."""
    from ..model.politiecodes import code_key

    themas = {}
    for code in sorted(cijfers.themas, key=code_key):
        years = {}
        for year, cijfer in sorted(cijfers.themas[code].items()):
            body: dict[str, object] = {"aantal": _text(cijfer.aantal)}
            if cijfer.per_1000 is not None:
                body["per_1000_inwoners"] = format_number(cijfer.per_1000, 1).replace(".", "")
            if cijfer.voorlopig:
                body["voorlopig"] = True
            years[year] = body
        themas[code] = years
    soorten = {
        code: {
            "titel": s.titel,
            "thema": s.thema,
            "jaren": {y: _text(n) for y, n in sorted(s.jaren.items())},
        }
        for code, s in sorted(cijfers.soorten.items(), key=lambda kv: code_key(kv[0]))
    }
    data = {
        "regio": cijfers.regio,
        "bestand": cijfers.bestand,
        "themas": themas,
        "soorten": soorten,
    }
    body_text = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1_000
    )
    return HEADER + body_text
