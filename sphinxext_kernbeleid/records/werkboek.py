"""The partner workbook's layout: sheets, columns, rows — shared by export and import.

Export (``builders/xlsx.py``) writes these rows; import (``imports/voortgang.py``) reads
them back by header text, so both sides agree on one definition. Pure: no openpyxl here.

A row of the *Maatregelen* sheet is one prestatie-indicator of a maatregel (or the
maatregel alone when it has none): *Realisatie* belongs to the indicator, *Status* and
*Toelichting* to the maatregel and are filled on its first row only.

In a joint plan (``kernbeleid_gemeenten``) one workbook serves every gemeente: a locked
column *Gemeenten* (:data:`GEMEENTEN`) says for whom each row holds, after the item's title
on both sheets (:func:`sheet_columns`), and progress stays per maatregel.

Rows follow the method: the prioriteiten (by rang) first, then the overige thema's, then
maatregelen outside both. The fill-in columns start with the latest progress of *this*
Uitvoeringsplan's year only: the workbook of a new year (after ``vervolg``) starts empty,
not with last year's realisations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal

from ..files.errors import visible
from ..model import display, trace
from ..model.parsing import dutch_date, format_money, format_number
from ..model.plan import (
    STATUSES,
    Doel,
    EffectIndicator,
    Item,
    Maatregel,
    Plan,
    PrestatieIndicator,
    Voortgang,
)

FORMAT_VERSION = 1
MAATREGELEN = "Maatregelen"
INDICATOREN = "Indicatoren"
TOELICHTING = "Toelichting"
#: Very hidden sheet: what was exported, so the import can tell what a partner changed.
EXPORT = "_kernbeleid"
SHEETS = (MAATREGELEN, INDICATOREN, TOELICHTING, EXPORT)

Value = str | Decimal | int | None
Kind = Literal["vast", "invul"]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    kind: Kind = "vast"
    number: Literal["", "getal", "euro", "jaar"] = ""
    help: str = ""


MAATREGEL_COLUMNS: tuple[Column, ...] = (
    Column("maatregel_id", "ID maatregel", 22),
    Column("maatregel", "Maatregel", 38),
    Column("onderdeel", "Prioriteit / thema", 26),
    Column("actiepunt", "Actiepunt", 26),
    Column("bestuurlijk_trekker", "Bestuurlijk trekker", 20),
    Column("ambtelijk_trekker", "Ambtelijk trekker", 20),
    Column("partners", "Partners", 28),
    Column("planning", "Planning", 20),
    Column("budget", "Budget", 13, number="euro"),
    Column("status_plan", "Status volgens plan", 12),
    Column("indicator_id", "ID prestatie-indicator", 22),
    Column("indicator", "Prestatie-indicator", 34),
    Column("streefwaarde", "Streefwaarde", 12, number="getal"),
    Column("eenheid", "Eenheid", 14),
    Column("gemeld", "Laatst gemeld", 11),
    Column(
        "realisatie",
        "Realisatie",
        12,
        "invul",
        "getal",
        "Wat is tot nu toe bereikt, als getal in de eenheid van de prestatie-indicator "
        "(bijvoorbeeld 12 of 12,5).",
    ),
    Column(
        "status",
        "Status",
        13,
        "invul",
        help="Kies uit de lijst: " + ", ".join(STATUSES) + ".",
    ),
    Column(
        "toelichting",
        "Toelichting",
        50,
        "invul",
        help="Korte toelichting: wat is gedaan, wat loopt achter en waarom.",
    ),
)

#: A joint plan: for which gemeenten a row holds (locked, like every column of the plan).
GEMEENTEN = Column(
    "gemeenten",
    "Gemeenten",
    24,
    help="Voor welke gemeenten van het gezamenlijke plan deze regel geldt.",
)

#: Columns that describe the maatregel itself (repeated, greyed, on its later rows).
MAATREGEL_KEYS = tuple(
    c.key for c in MAATREGEL_COLUMNS[: [c.key for c in MAATREGEL_COLUMNS].index("indicator_id")]
) + (GEMEENTEN.key,)

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("indicator_id", "ID", 22),
    Column("indicator", "Effectindicator", 40),
    Column("onderdeel", "Prioriteit / thema", 26),
    Column("doel", "Doel", 30),
    Column("bron", "Bron", 30),
    Column("soort", "Soort", 12),
    Column("eenheid", "Eenheid", 18),
    Column("nulmeting", "Nulmeting", 11, number="getal"),
    Column("nulmeting_jaar", "Jaar nulmeting", 11, number="jaar"),
    Column("streefwaarde", "Streefwaarde", 13, number="getal"),
    Column("streefwaarde_jaar", "Jaar streefwaarde", 12, number="jaar"),
    Column("richting", "Richting", 10),
)

COLUMNS = {MAATREGELEN: MAATREGEL_COLUMNS, INDICATOREN: INDICATOR_COLUMNS}
#: The export copy's columns: the sheet's, then *Gemeenten* (empty in a plan of one), so a
#: copy written before joint plans reads the same.
EXPORT_COLUMNS = {name: (*columns, GEMEENTEN) for name, columns in COLUMNS.items()}


def sheet_columns(sheet: str, joint: bool) -> tuple[Column, ...]:
    """A sheet's columns; a joint plan's have *Gemeenten* after the item's title."""
    columns = COLUMNS[sheet]
    if not joint:
        return columns
    at = 2  # after the id and the title of the maatregel or indicator
    return (*columns[:at], GEMEENTEN, *columns[at:])


def is_joint(plan: Plan) -> bool:
    return bool(plan.settings.gemeenten)


def gemeenten_text(plan: Plan, item: Item) -> str | None:
    """For whom a row holds in a joint plan ("Beekveld en Lindewaard"); None otherwise."""
    return display.gemeenten(trace.gemeenten_of(plan, item)) if is_joint(plan) else None


KEY_COLUMNS = {MAATREGELEN: ("maatregel_id", "indicator_id"), INDICATOREN: ("indicator_id",)}


@dataclass
class Row:
    """One row of a sheet: values by column key, and which fill-in cells apply."""

    values: dict[str, Value]
    #: False on a maatregel's second and later rows: status/toelichting live on the first.
    first_of_maatregel: bool = True

    def key(self, sheet: str) -> tuple[str, ...]:
        return tuple(str(self.values.get(k) or "") for k in KEY_COLUMNS[sheet])

    def fillable(self, column: Column) -> bool:
        """Whether a partner may fill this cell (fill-in column that applies to this row)."""
        if column.kind != "invul":
            return False
        if column.key == "realisatie":
            return bool(self.values.get("indicator_id"))
        return self.first_of_maatregel


#: Excel keeps 15 significant digits of a number; more would come back changed.
EXCEL_DIGITS = 15
#: Excel's limit on the text in one cell.
MAX_CELL_TEXT = 32_767
SHORTENED = " … [ingekort: de volledige tekst staat in het plan]"


def too_precise(value: Decimal) -> bool:
    """More significant digits than Excel stores (``99.999.999.999.999,99`` has 16)."""
    digits = value.normalize().as_tuple().digits
    return len(digits) > EXCEL_DIGITS


def _number(value: Decimal | None, euro: bool = False) -> Decimal | int | str | None:
    """A number for a cell; one Excel cannot hold exactly is written as Dutch text, so
    ``€ 99.999.999.999.999,99`` comes back as written, not as ``…,98``."""
    if value is None:
        return None
    if too_precise(value):
        return format_money(value) if euro else format_number(value)
    return int(value) if value == value.to_integral_value() else value


def fit_for_excel(rows: list[Row], sheet: str) -> list[str]:
    """Make every text storable in a cell; returns Dutch warnings naming item and column.

    Control characters (a vertical tab) become their visible picture (``␋``); a text
    longer than Excel's 32.767 characters is shortened with a visible note. Both the
    sheet and the export copy get the same value, so the import still matches them.
    """
    warnings: list[str] = []
    headers = {c.key: c.header for c in EXPORT_COLUMNS[sheet]}
    for row in rows:
        for key, value in list(row.values.items()):
            if not isinstance(value, str):
                continue
            # A maatregel's own columns repeat on each of its rows: name it once.
            own = sheet == MAATREGELEN and key in MAATREGEL_KEYS
            item = row.key(sheet)[0] if own else " / ".join(k for k in row.key(sheet) if k)
            shown, replaced = visible(value)
            if replaced:
                warnings.append(
                    f"{item}: {headers.get(key, key)} bevat een onzichtbaar stuurteken "
                    f"({', '.join(replaced)}) dat Excel niet kan bewaren; in het werkboek staat "
                    "het als zichtbaar teken. Haal het weg uit het plan."
                )
            if len(shown) > MAX_CELL_TEXT:
                warnings.append(
                    f"{item}: {headers.get(key, key)} is {format_number(Decimal(len(shown)))} "
                    f"tekens lang; een Excel-cel houdt er {format_number(Decimal(MAX_CELL_TEXT))} "
                    "en in het werkboek staat de tekst daarom ingekort (met een aantekening). "
                    "Maak de tekst in het plan korter."
                )
                shown = shown[: MAX_CELL_TEXT - len(SHORTENED)] + SHORTENED
            row.values[key] = shown
    return warnings


def _latest(*progress: Voortgang | None) -> str | None:
    periods = [p.periode for p in progress if p is not None]
    return max(periods) if periods else None


def in_method_order(plan: Plan) -> list[Maatregel]:
    """The maatregelen as the method orders them: per prioriteit (by rang), then per overig
    thema, then those of neither; plan order within each."""
    tracing = trace.index(plan)
    ordered: list[Maatregel] = []
    seen: set[str] = set()
    for onderdeel in plan.onderdelen:  # prioriteiten by rang, then the overige thema's
        for maatregel in tracing.maatregelen_of(onderdeel):
            if maatregel.id not in seen:
                seen.add(maatregel.id)
                ordered.append(maatregel)
    return ordered + [m for m in plan.maatregelen if m.id not in seen]


def maatregel_rows(plan: Plan) -> list[Row]:
    """The *Maatregelen* sheet, in the method's order; prefilled with the latest progress
    reported for this year."""
    rows: list[Row] = []
    tracing = trace.index(plan)
    for maatregel in in_method_order(plan):
        onderdeel = tracing.onderdeel_of(maatregel)  # also through draagt_bij_aan
        actiepunt = maatregel.actiepunt
        common: dict[str, Value] = {
            "maatregel_id": maatregel.id,
            "maatregel": maatregel.title,
            "gemeenten": gemeenten_text(plan, maatregel),
            "onderdeel": onderdeel.title if onderdeel else None,
            "actiepunt": actiepunt.title if actiepunt else None,
            "bestuurlijk_trekker": maatregel.bestuurlijk_trekker,
            "ambtelijk_trekker": maatregel.ambtelijk_trekker,
            "partners": "; ".join(maatregel.partners) or None,
            "planning": display.text_of(maatregel, "planning") or None,
            "budget": _number(maatregel.budget, euro=True)
            if maatregel.budget is not None
            else (display.text_of(maatregel, "budget") or None),
            "status_plan": maatregel.status or (display.text_of(maatregel, "status") or None),
        }
        progress = maatregel.laatste_voortgang  # only the plan year's (model/plan.py)
        indicators: list[PrestatieIndicator | None] = list(maatregel.prestatie_indicatoren)
        for index, indicator in enumerate(indicators or [None]):
            values = dict(common)
            first = index == 0
            indicator_progress = indicator.laatste_voortgang if indicator else None
            if indicator is not None:
                values |= {
                    "indicator_id": indicator.id,
                    "indicator": indicator.title,
                    "streefwaarde": _number(
                        indicator.streefwaarde.value, is_euro(indicator.eenheid)
                    )
                    if indicator.streefwaarde and indicator.streefwaarde.value is not None
                    else (display.text_of(indicator, "streefwaarde") or None),
                    "eenheid": indicator.eenheid
                    or ("%" if indicator.streefwaarde and indicator.streefwaarde.percent else None),
                    "realisatie": _number(indicator_progress.realisatie, is_euro(indicator.eenheid))
                    if indicator_progress
                    else None,
                }
            if first and progress is not None:
                values["status"] = progress.status
                values["toelichting"] = progress.toelichting
            values["gemeld"] = _latest(progress if first else None, indicator_progress)
            rows.append(Row(values, first_of_maatregel=first))
    return rows


def indicator_rows(plan: Plan) -> list[Row]:
    """The *Indicatoren* sheet: every effect indicator, read-only for partners; those of the
    prioriteiten first (by rang), then of the overige thema's."""
    rows: list[Row] = []
    order = {id(o): i for i, o in enumerate(plan.onderdelen)}
    indicators = sorted(
        plan.of_type(EffectIndicator),
        key=lambda e: order.get(id(e.onderdeel), len(order)),  # stable: plan order within
    )
    for indicator in indicators:
        onderdeel = indicator.onderdeel
        doel = next((a for a in indicator.ancestors() if isinstance(a, Doel)), None)
        nul, streef = indicator.nulmeting, indicator.streefwaarde
        rows.append(
            Row(
                {
                    "indicator_id": indicator.id,
                    "indicator": indicator.title,
                    "gemeenten": gemeenten_text(plan, indicator),
                    "onderdeel": onderdeel.title if onderdeel else None,
                    "doel": doel.title if doel else None,
                    "bron": display.source(indicator) or None,
                    "soort": display.text_of(indicator, "soort") or None,
                    "eenheid": indicator.eenheid,
                    "nulmeting": _number(nul.value) if nul else None,
                    "nulmeting_jaar": nul.year if nul else None,
                    "streefwaarde": _number(streef.value) if streef else None,
                    "streefwaarde_jaar": streef.year if streef else None,
                    "richting": indicator.richting,
                }
            )
        )
    return rows


def is_euro(unit: object) -> bool:
    return isinstance(unit, str) and unit.strip().lower() in ("euro", "€", "eur", "euro's")


def file_name(plan: Plan) -> str:
    return f"uitvoeringsplan-{plan.settings.uitvoeringsjaar}.xlsx"


def normalise(value: object) -> str:
    """A cell value as comparable text: numbers by value, text stripped, empty as ''.

    A date (Excel turns '1-5-2026' typed in a text column into one) reads as a Dutch
    writer would write it: ``1 mei 2026`` (with the time when it has one)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        day = dutch_date(value.date())
        return display.moment(value) if value.time() != time() else day
    if isinstance(value, date):
        return dutch_date(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        return format(number.normalize(), "f") if number else "0"
    return str(value).strip()
