"""Read values the way a Dutch writer writes them.

``6,9``, ``28,8%``, ``€ 1.234.567,89``, ``1.000``, ``6,9 (2023)``, ``2026-Q1..2026-Q3``,
``Politie; RIEC``. Each parser returns a value or raises :class:`ParseError` whose
message says, in Dutch, what was expected; the model adds item, field and location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


class ParseError(ValueError):
    """A value a writer wrote that we cannot read; ``hint`` is an example of a good value."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


_NUMBER = re.compile(
    r"""^(?P<sign>[-−+])?\s*
    (?P<int>\d{1,3}(?:\.\d{3})+|\d+)      # 1.234.567 or 1234567
    (?:,(?P<frac>\d+))?$""",
    re.VERBOSE,
)


def parse_number(text: str, *, hint: str = "7,2") -> Decimal:
    """A Dutch number: comma for decimals, dots (or spaces) for thousands.

    ``1.000`` is a thousand, never one; ``7.2`` is refused because a Dutch reader
    would not know whether it means 7,2 or 72.
    """
    raw = text.strip().replace("\u00a0", " ").replace(" ", "")
    if not raw:
        raise ParseError("is leeg", hint)
    match = _NUMBER.match(raw)
    if not match:
        if re.fullmatch(r"[-+]?\d+\.\d{1,2}", raw) or re.fullmatch(r"[-+]?\d+\.\d{4,}", raw):
            raise ParseError("gebruikt een punt als decimaalteken; schrijf een komma", hint)
        raise ParseError("is geen getal", hint)
    digits = match["int"].replace(".", "")
    frac = match["frac"]
    value = Decimal(f"{digits}.{frac}" if frac else digits)
    if match["sign"] in ("-", "−"):
        value = -value
    return value


def parse_percentage(text: str, *, hint: str = "28,8%") -> Decimal:
    """``28,8%`` or ``28,8 %`` → 28.8 (the number of percent, not a fraction)."""
    raw = text.strip()
    if not raw.endswith("%"):
        raise ParseError("mist het procentteken", hint)
    return parse_number(raw[:-1], hint=hint)


def parse_money(text: str, *, hint: str = "€ 25.000") -> Decimal:
    """``€ 25.000``, ``€25.000,50``, ``EUR 1.000``, ``€ 1.000,-`` or ``25.000`` (euro)."""
    raw = text.strip()
    raw = re.sub(r"^(€|EUR|eur|euro)\s*", "", raw)
    raw = re.sub(r"\s*(€|EUR|eur|euro)$", "", raw)
    raw = re.sub(r",[-–]$", "", raw)
    try:
        value = parse_number(raw, hint=hint)
    except ParseError as err:
        raise ParseError(err.reason, hint) from None
    if value < 0:
        raise ParseError("is negatief", hint)
    return value


@dataclass(frozen=True)
class Quantity:
    """A number as written, with the kind of value it is."""

    value: Decimal
    percent: bool = False
    text: str = ""

    def __str__(self) -> str:
        return self.text or format_number(self.value) + ("%" if self.percent else "")


def parse_quantity(text: str, *, hint: str = "6,9") -> Quantity:
    """A number or a percentage: ``6,9``, ``34%``, ``1.250``."""
    raw = text.strip()
    if raw.endswith("%"):
        return Quantity(parse_percentage(raw, hint=hint), True, raw)
    return Quantity(parse_number(raw, hint=hint), False, raw)


@dataclass(frozen=True)
class Target:
    """A prestatie-indicator's streefwaarde, as real Uitvoeringsplannen write it.

    ``12`` or ``34%`` (a number), ``15 groepen`` or ``5.000 huishoudens`` (a number
    with its unit word) or ``6 controles en 2 hercontroles`` / ``vastgesteld
    beleidskader`` (a text target: ``value`` is None). ``str()`` is what a reader sees:
    the number, or the whole text as written; the unit word joins ``eenheid``.
    """

    text: str  # exactly as written
    value: Decimal | None = None
    percent: bool = False
    unit: str = ""  # the unit word after the number, e.g. "groepen"
    shown: str = ""  # the number as shown beside the eenheid, e.g. "15"

    @property
    def is_number(self) -> bool:
        return self.value is not None

    def __str__(self) -> str:
        return self.shown or self.text


_NUMBER_WITH_UNIT = re.compile(r"^(?P<number>[-−+]?[\d.,]+\s*%?)\s+(?P<unit>[^\d]+)$")


def parse_target(text: str, *, eenheid: str | None = None, hint: str = "12") -> Target:
    """``12``, ``34%``, ``15 groepen`` or a text target; ``7.3`` stays refused.

    A number followed by words without digits is that number in that unit (when
    ``:eenheid:`` names another unit the whole is shown as written). Anything else
    that is not a number is a text target, kept as written. A value that starts with
    an ambiguous number (``7.3``, ``7.3 groepen``) is refused: we cannot know what the
    writer meant.
    """
    raw = " ".join(text.split())
    if not raw:
        raise ParseError("is leeg", hint)
    try:
        quantity = parse_quantity(raw, hint=hint)
        return Target(raw, quantity.value, quantity.percent, "", raw)
    except ParseError as err:
        if err.reason.startswith("gebruikt een punt"):
            raise
    match = _NUMBER_WITH_UNIT.match(raw)
    if match:
        number = match["number"].strip()
        unit = match["unit"].strip()
        quantity = parse_quantity(number, hint=f"{number.replace('.', ',')} {unit}")
        same = eenheid is None or eenheid.strip().lower() == unit.lower()
        return Target(raw, quantity.value, quantity.percent, unit, number if same else raw)
    first = raw.split()[0]
    if re.fullmatch(r"[-+]?\d+\.\d{1,2}|[-+]?\d+\.\d{4,}", first):
        raise ParseError("gebruikt een punt als decimaalteken; schrijf een komma", hint)
    return Target(raw)


@dataclass(frozen=True)
class YearValue:
    """A measurement with its year: ``6,9 (2023)``."""

    quantity: Quantity
    year: int

    @property
    def value(self) -> Decimal:
        return self.quantity.value

    def __str__(self) -> str:
        return f"{self.quantity} ({self.year})"


_YEAR_VALUE = re.compile(r"^(?P<value>.+?)\s*\((?P<year>\d{4})\)$")


def parse_year_value(text: str, *, hint: str = "6,9 (2023)") -> YearValue:
    """``6,9 (2023)`` or ``34% (2023)``: a value followed by its year in brackets."""
    raw = text.strip()
    match = _YEAR_VALUE.match(raw)
    if not match:
        if re.search(r"\b(19|20)\d{2}\b", raw):
            raise ParseError("zet het jaar tussen haakjes achter de waarde", hint)
        raise ParseError("mist het jaar", hint)
    year = int(match["year"])
    if not 1990 <= year <= 2100:
        raise ParseError(f"heeft een onwaarschijnlijk jaar {year}", hint)
    try:
        quantity = parse_quantity(match["value"], hint=hint)
    except ParseError as err:
        raise ParseError(f"waarde '{match['value']}' {err.reason}", hint) from None
    return YearValue(quantity, year)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"


@dataclass(frozen=True)
class QuarterRange:
    """An inclusive range of quarters, ``2026-Q1..2026-Q3``; one quarter is a range too."""

    start: Quarter
    end: Quarter

    def __str__(self) -> str:
        if self.start == self.end:
            return str(self.start)
        return f"{self.start} t/m {self.end}"

    def quarters(self) -> list[Quarter]:
        """Every quarter in the range, in order."""
        out: list[Quarter] = []
        year, quarter = self.start.year, self.start.quarter
        while (year, quarter) <= (self.end.year, self.end.quarter):
            out.append(Quarter(year, quarter))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return out


_QUARTER = re.compile(r"^(?P<year>\d{4})\s*-?\s*[Qq](?P<q>\d)$")
#: ``Q1 2026`` (quarter first), as many plans write it: the same quarter, unambiguous.
_QUARTER_FIRST = re.compile(r"^[Qq](?P<q>\d)\s*-?\s*(?P<year>\d{4})$")
#: ``Q1..Q3 2026`` or ``Q1 t/m Q3 2026``: one year for both ends.
_QUARTERS_OF_YEAR = re.compile(
    r"^[Qq](?P<a>\d)\s*(?:\.\.|t/m|–|—|-)\s*[Qq](?P<b>\d)\s+(?P<year>\d{4})$"
)


def parse_quarter(text: str, *, hint: str = "2026-Q2") -> Quarter:
    raw = text.strip()
    match = _QUARTER.match(raw) or _QUARTER_FIRST.match(raw)
    if not match:
        raise ParseError(f"'{raw}' is geen kwartaal", hint)
    quarter = int(match["q"])
    if not 1 <= quarter <= 4:
        raise ParseError(f"kwartaal Q{quarter} bestaat niet (Q1 t/m Q4)", hint)
    return Quarter(int(match["year"]), quarter)


def parse_quarter_range(text: str, *, hint: str = "2026-Q1..2026-Q3") -> QuarterRange:
    """``2026-Q1..2026-Q3`` (also ``t/m`` or a dash between), or a single ``2026-Q2``."""
    raw = text.strip()
    if not raw:
        raise ParseError("is leeg", hint)
    if re.fullmatch(r"\d{4}", raw):  # a whole year: Q1 to Q4
        return QuarterRange(Quarter(int(raw), 1), Quarter(int(raw), 4))
    if match := _QUARTERS_OF_YEAR.match(raw):
        raw = f"{match['year']}-Q{match['a']}..{match['year']}-Q{match['b']}"
    parts = re.split(r"\s*(?:\.\.|t/m|–|—|\s-\s)\s*", raw)
    if len(parts) == 1:
        quarter = parse_quarter(parts[0], hint=hint)
        return QuarterRange(quarter, quarter)
    if len(parts) != 2:
        raise ParseError("is geen reeks van twee kwartalen", hint)
    start, end = (parse_quarter(p, hint=hint) for p in parts)
    if end < start:
        raise ParseError(f"eindigt ({end}) vóór het begint ({start})", hint)
    return QuarterRange(start, end)


def parse_list(text: str) -> list[str]:
    """Items separated by ``;`` or, when there is no ``;``, by ``,``."""
    raw = text.strip()
    if not raw:
        return []
    separator = ";" if ";" in raw else ","
    return [part.strip() for part in raw.split(separator) if part.strip()]


#: Other forms of a choice that mean the same, without doubt.
CHOICE_FORMS: dict[str, str] = {
    "daalt": "dalen",
    "dalend": "dalen",
    "stijgt": "stijgen",
    "stijgend": "stijgen",
}


def normalize_choice(text: str) -> str:
    """``Dalend.`` → ``dalen``: case, stray punctuation and verb forms do not matter."""
    value = " ".join(text.strip().rstrip(".;,").split()).lower()
    return CHOICE_FORMS.get(value, value)


def parse_int(text: str, *, hint: str = "1") -> int:
    raw = text.strip()
    if not re.fullmatch(r"\d+", raw):
        raise ParseError("is geen heel getal", hint)
    return int(raw)


def format_number(value: Decimal, decimals: int | None = None) -> str:
    """Write a number the Dutch way: ``1.234,5``; ``decimals`` fixes the digits shown."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if decimals is not None:
        text = f"{value:.{decimals}f}"
    elif value == value.to_integral_value():
        text = str(int(value))
    else:
        text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


def format_money(value: Decimal) -> str:
    """``€ 25.000`` or ``€ 1.250,50``."""
    whole = value == value.to_integral_value()
    return "€ " + format_number(value, 0 if whole else 2)


MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(day: date) -> str:
    """``29 november 2026``: how a date reads in a Dutch document."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --------------------------------------------------------------------------- placeholders

#: ``[IN TE VULLEN]`` or ``[IN TE VULLEN: bijv. 6,9 (2025)]``, any case; the closing
#: bracket may be on a later line (a writer's editor wraps long lines). Written by
#: ``kernbeleid nieuw``; the check reports each one (:mod:`.invullen`).
PLACEHOLDER = re.compile(r"\[\s*IN\s+TE\s+VULLEN\b(?P<hint>[^\]]*)\]?", re.IGNORECASE)


def is_placeholder(value: object) -> bool:
    """True when a value still holds a placeholder: it is not filled in yet."""
    return isinstance(value, str) and PLACEHOLDER.search(value) is not None
