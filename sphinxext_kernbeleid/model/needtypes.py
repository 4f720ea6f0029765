"""The Kernbeleid vocabulary: need types, fields and link types (data only).

These names are the public interface (see docs/onderdelen.md): extend them, never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NeedTypeSpec:
    directive: str
    title: str  # Dutch label shown to readers
    prefix: str
    color: str


NEED_TYPES: tuple[NeedTypeSpec, ...] = (
    NeedTypeSpec("prioriteit", "Prioriteit", "PRIO_", "#c0392b"),
    NeedTypeSpec("thema", "Overig thema", "THEMA_", "#d35400"),
    NeedTypeSpec("doel", "Doel", "DOEL_", "#2471a3"),
    NeedTypeSpec("effectindicator", "Effectindicator", "EI_", "#1e8449"),
    NeedTypeSpec("uitgangspunt", "Uitgangspunt", "UP_", "#7d3c98"),
    NeedTypeSpec("actiepunt", "Actiepunt", "AP_", "#b7950b"),
    NeedTypeSpec("maatregel", "Maatregel", "MR_", "#a04000"),
    NeedTypeSpec("prestatie-indicator", "Prestatie-indicator", "PI_", "#117a65"),
    NeedTypeSpec("analyse", "Analyse", "AN_", "#566573"),
)

TYPE_TITLES: dict[str, str] = {t.directive: t.title for t in NEED_TYPES}

#: Extra fields (``status`` is a sphinx-needs core field and is used as is).
FIELDS: dict[str, str] = {
    "kv": "Thema's uit de catalogus Kernbeleid Veiligheid (codes, bijv. 1.3, 5.2)",
    "rang": "Rangorde van de prioriteit (1 = hoogste)",
    "niveau": "Niveau van een doel (strategisch)",
    "bron": "Bron van de effectinformatie",
    "soort": "Objectief of subjectief",
    "eenheid": "Eenheid van de indicator",
    "nulmeting": "Nulmeting met jaar, bijv. 6,9 (2023)",
    "streefwaarde": "Streefwaarde (met jaar bij effectindicatoren)",
    "richting": "Gewenste richting: dalen of stijgen",
    "metingen": "Metingen met jaar, bijv. 7,0 (2024); 7,1 (2025)",
    "vergelijking": "Vergelijkingswaarden, bijv. Nederland 4,3 (2024)",
    "bestuurlijk_trekker": "Bestuurlijk trekker",
    "ambtelijk_trekker": "Ambtelijk trekker",
    "partners": "Betrokken partners",
    "planning": "Planning in kwartalen, bijv. 2026-Q1..2026-Q3",
    "budget": "Budget in euro",
    "intensivering": "Deel van het jaarbudget dat nieuw is (intensivering), in euro",
    "afwijking": "Bewuste afwijking van een regel van de toets, met motivering",
    # A joint plan (kernbeleid_gemeenten): see model/gemeenten.py and docs/samen.md.
    "gemeenten": "Gemeente(n) waarvoor het item geldt (namen of CBS-codes); leeg = alle",
    "verdeling": "Budget per gemeente, bijv. Lindewaard 20.000; Beekveld 10.000",
}

#: Link types: name -> (outgoing label, incoming label, allowed target types).
LINKS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "hoort_bij": (
        "Hoort bij",
        "Onderdelen",
        ("prioriteit", "thema", "doel", "actiepunt", "maatregel"),
    ),
    "draagt_bij_aan": ("Draagt bij aan", "Maatregelen die bijdragen", ("doel",)),
    "uitgangspunt": ("Uitgangspunt", "Toegepast in", ("uitgangspunt",)),
}

#: Which parent types ``hoort_bij`` may name, per child type.
PARENT_TYPES: dict[str, tuple[str, ...]] = {
    "prioriteit": ("doel",),
    "thema": ("doel",),
    "doel": ("prioriteit", "thema", "doel"),
    "actiepunt": ("prioriteit", "thema"),
    "maatregel": ("actiepunt", "prioriteit", "thema"),
    "effectindicator": ("doel",),
    "prestatie-indicator": ("maatregel",),
    "uitgangspunt": (),
    "analyse": (),
}

#: Id pattern: upper case, digits and underscore, at least two characters.
ID_REGEX = r"^[A-Z][A-Z0-9_]+$"
