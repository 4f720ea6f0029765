"""Every value's Dutch display text, in one place for HTML, Word, the report and the workbook.

A coördinator reads the same amount, percentage, planning, status and source the same way
in every output; when a wording changes, it changes here once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import catalogue as catalogue_module
from .parsing import (
    PLACEHOLDER,
    Quantity,
    Quarter,
    QuarterRange,
    YearValue,
    dutch_date,
    format_money,
    format_number,
    parse_list,
)
from .plan import (
    GEREED,
    LOPEND,
    VERTRAAGD,
    VERVALLEN,
    EffectIndicator,
    Item,
    Maatregel,
    Onderdeel,
    PrestatieIndicator,
    Prioriteit,
    Voortgang,
)

if TYPE_CHECKING:
    from .matrix import Coverage
    from .meetreeks import Meting
    from .settings import Settings


#: How a value the model could not read is marked where it is shown as written.
NOT_UNDERSTOOD = "niet begrepen"

#: How a vervallen maatregel is marked wherever it is listed (it counts for nothing).
VERVALLEN_MARK = "telt niet mee"


def money(value: Decimal | None) -> str:
    """``€ 25.000``; empty when there is no amount."""
    return format_money(value) if value is not None else ""


def number(value: Decimal) -> str:
    """``1.234,5``: a number the Dutch way."""
    return format_number(value)


def periode(years: tuple[int, int]) -> str:
    """The plan period as every output writes it: ``2026-2029``."""
    start, end = years
    return f"{start}-{end}"


def gemeente(name: str) -> str:
    """``Gemeente Lindewaard`` as a sender or author; empty when there is no name."""
    return f"Gemeente {name}" if name else ""


def afzender(settings: Settings) -> str:
    """Who a page or document is from: ``Gemeente Lindewaard``; the shared documents and
    site of a joint plan ``Gemeenten Beekveld, Lindewaard en Hoogmeer``. A gemeente's own
    documents are made from her view, whose settings name her alone."""
    if settings.gemeenten:
        return f"Gemeenten {gemeenten([d.naam for d in settings.gemeenten])}"
    return gemeente(settings.gemeente)


def datum(iso: str | None) -> str:
    """``2026-12-17`` -> ``17 december 2026``; a text that is no ISO date as it is ("" for
    none)."""
    try:
        return dutch_date(date.fromisoformat(iso or ""))
    except ValueError:
        return iso or ""


def moment(value: datetime) -> str:
    """``29 november 2026, 05:11``: when a report or workbook was made."""
    return f"{dutch_date(value.date())}, {value:%H:%M}"


#: The quarters in words, as a report names its period.
KWARTALEN = ("eerste", "tweede", "derde", "vierde")


def kwartaal(quarter: Quarter) -> str:
    """``2026-Q2`` -> ``tweede kwartaal 2026``."""
    return f"{KWARTALEN[quarter.quarter - 1]} kwartaal {quarter.year}"


def percentage(share: float) -> str:
    """``0.9166`` -> ``92%`` (Dutch readers expect whole percentages here)."""
    return f"{round(share * 100)}%"


#: Units that make a prestatie-indicator a percentage.
PERCENT_UNITS = ("%", "procent", "percent")


def percent(value: Decimal) -> str:
    """A percentage value as a councillor reads it: ``82,5 %``."""
    return f"{format_number(value)} %"


def is_percent_target(pi: PrestatieIndicator) -> bool:
    """A prestatie-indicator whose streefwaarde is a percentage (``90%``, or ``90`` with
    ``:eenheid: %``): its realisation is a percentage too, never "82,5 van 90 %"."""
    goal = pi.streefwaarde
    if goal is None or goal.value is None:
        return False
    return goal.percent or (pi.eenheid or "").strip().casefold() in PERCENT_UNITS


def budget(maatregel: Maatregel) -> str:
    """A maatregel's budget; a vervallen one's in brackets, marked as not counted
    (its status column says vervallen)."""
    text = money(maatregel.budget)
    if text and maatregel.status == VERVALLEN:
        return f"({text}, {VERVALLEN_MARK})"
    return text


def value(value: Quantity | YearValue | QuarterRange | None) -> str:
    """A parsed value as the writer's reader expects it; empty when missing."""
    return str(value) if value is not None else ""


def planning(maatregel: Maatregel) -> str:
    """``2026-Q1 t/m 2026-Q4``; empty without a planning."""
    return value(maatregel.planning)


def status(maatregel: Maatregel) -> str:
    """The status with the period of its latest report (see :func:`status_with_period`)."""
    return status_with_period(maatregel.status, maatregel.laatste_voortgang)


def status_with_period(planned: str | None, report: Voortgang | None) -> str:
    """The one wording of a status and the period it was reported for.

    ``gepland`` (only the plan's status); ``lopend (stand 2026-Q2)`` when a partner
    reported the same status; ``vertraagd (stand 2026-Q2; plan: lopend)`` when the report
    differs from the plan; ``gepland`` stays ``gepland`` when progress has no status.
    """
    planned = planned or ""
    if report is None or not report.status:
        return planned
    if not planned or report.status == planned:
        return f"{report.status} (stand {report.periode})"
    return f"{report.status} (stand {report.periode}; plan: {planned})"


#: The classes of the voortgangsrapportage's dashboard, in reading order, each with the
#: symbol shown beside its words (colour or symbol never alone). Every maatregel is in
#: exactly one class per quarter.
KLASSEN: dict[str, str] = {
    GEREED: "✔",
    LOPEND: "▶",
    VERTRAAGD: "!",
    "nog niet gestart": "○",
    "geen rapportage": "?",
    VERVALLEN: "✕",
}


def klasse(name: str) -> str:
    """``▶ lopend``: a dashboard class with its symbol."""
    return f"{KLASSEN.get(name, '?')} {name}"


def onderdeel_label(onderdeel: Onderdeel) -> str:
    """``Prioriteit 1: Ondermijning tegengaan``, ``Thema: Verkeersveiligheid``."""
    return f"{onderdeel_kind(onderdeel, numbered=True)}: {onderdeel.title}"


def onderdeel_kind(onderdeel: Onderdeel, *, numbered: bool = False) -> str:
    """``Prioriteit 1`` (or ``Prioriteit`` where a link already names it) or ``Thema``: the
    words before an onderdeel's title, the same on the site and in every document."""
    if isinstance(onderdeel, Prioriteit):
        return f"Prioriteit {onderdeel.rang}" if numbered and onderdeel.rang else "Prioriteit"
    return "Thema"


def source(indicator: EffectIndicator) -> str:
    """The source as the writer wrote it (``ondernemersenquête``).

    Matching a name to the catalogue only checks its spelling; the catalogue's label
    never replaces it. A catalogue key written as such (``politieregistratie``, a code
    like a kv-code) reads as its label; an own source (``kernbeleid_extra_bronnen``) is
    followed by its description.
    """
    if indicator.bron is None:
        return ""
    written = str(indicator.raw.get("bron") or indicator.bron).strip()
    return catalogue_module.load().source_label(written)


#: How a provisional figure is marked: it covers part of a year, never the year itself.
VOORLOPIG = "voorlopig, nog geen heel jaar"


def meting(measurement: Meting) -> str:
    """``149 (2025)``; a provisional one ``35 (2026, voorlopig, nog geen heel jaar)``."""
    if measurement.voorlopig:
        return f"{measurement.quantity} ({measurement.year}, {VOORLOPIG})"
    return f"{measurement.quantity} ({measurement.year})"


def metingen(indicator: EffectIndicator) -> str:
    """Every measurement of the indicator, oldest first, provisional ones marked."""
    return "; ".join(meting(m) for m in indicator.metingen)


def laatste_meting(indicator: EffectIndicator) -> str:
    """The latest *complete* year: a provisional part-year figure is never presented as
    the latest measurement beside a nulmeting of a whole year (it stays in the list of
    measurements, marked); "" without a complete measurement."""
    complete = [m for m in indicator.metingen if not m.voorlopig]
    return meting(complete[-1]) if complete else ""


def richting(indicator: EffectIndicator) -> str:
    return indicator.richting or ""


def coverage_lines(coverage: Coverage) -> list[str]:
    """The coverage counts as the matrix and the check report both state them.

    One definition each: the goals are those of prioriteiten and thema's (strategic goals
    are served through them); the maatregelen are the active ones (vervallen ones count
    for nothing); a maatregel serves a goal it names (●) or, naming none, every goal of
    its prioriteit or thema (○).
    """
    c = coverage
    return [
        f"Doelen van prioriteiten en thema's met ten minste één maatregel: {c.doelen_gedekt} "
        f"van {c.doelen} ({percentage(c.doelen_share)}).",
        f"Maatregelen die bijdragen aan een doel (zelf genoemd ● of via hun prioriteit of "
        f"thema ○): {c.maatregelen_met_doel} van {c.maatregelen} "
        f"({percentage(c.maatregelen_share)}).",
        f"Maatregelen die zelf een doel noemen (●): {c.maatregelen_met_eigen_doel} van "
        f"{c.maatregelen}.",
    ]


# --------------------------------------------------------------------------- rule outcomes


def count(number: int, one: str, many: str) -> str:
    """``1 fout``, ``2 fouten``."""
    return f"{number} {one if number == 1 else many}"


def rule_outcome(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """A rule's outcome in the check report, the same words in HTML and XLSX.

    ``row`` is one entry of the report's rule summary. Returns the kind (``off``,
    ``nok``, ``warn``, ``ok``; for styling), the outcome (``✘ 2 fouten``, ``✔ in orde``)
    and the waived findings (``1 gemotiveerde afwijking``, or "").
    """
    if not row["enabled"]:
        kind, text = "off", "uitgeschakeld in conf.py"
    elif row["fouten"]:
        kind, text = "nok", "✘ " + count(row["fouten"], "fout", "fouten")
    elif row["waarschuwingen"]:
        kind, text = "warn", "! " + count(row["waarschuwingen"], "waarschuwing", "waarschuwingen")
    else:
        kind, text = "ok", "✔ in orde"
    waived = row["afwijkingen"]
    extra = count(waived, "gemotiveerde afwijking", "gemotiveerde afwijkingen") if waived else ""
    return kind, text, extra


# --------------------------------------------------------------------------- as written


def as_written(item: Item, name: str, shown: str | None) -> str | None:
    """``shown`` when the value was understood; else the raw text, marked as not understood.

    Nothing a writer wrote may vanish from an output: a value the model could not read
    (``7.3``, ``voorjaar``) is shown exactly as written, with "(niet begrepen)".
    """
    if shown:
        return shown
    raw = item.raw.get(name)
    if isinstance(raw, (list, tuple)):
        raw = ", ".join(str(v) for v in raw)
    text = str(raw).strip() if raw is not None else ""
    if PLACEHOLDER.fullmatch(text):
        return text  # "[IN TE VULLEN: …]" is still to be written, not misunderstood
    return f"{text} ({NOT_UNDERSTOOD})" if text else None


def themes(item: Item) -> str:
    """``:kv:`` as catalogue labels, in the order written; a code the catalogue does not
    know stays as written, marked (the check reports it), so no code vanishes."""
    raw = item.raw.get("kv")
    written = ", ".join(str(v) for v in raw) if isinstance(raw, (list, tuple)) else raw
    catalogue = catalogue_module.load()
    return "; ".join(
        theme.label if (theme := catalogue.get(code)) else f"{code} ({NOT_UNDERSTOOD})"
        for code in parse_list(str(written or ""))
    )


def target_text(pi: PrestatieIndicator) -> str | None:
    """A prestatie-indicator's streefwaarde as a reader sees it: ``15 groepen``."""
    target = str(pi.streefwaarde) if pi.streefwaarde else None
    if target and pi.eenheid and pi.streefwaarde and pi.streefwaarde.is_number:
        if pi.streefwaarde.unit and str(pi.streefwaarde) == pi.streefwaarde.text:
            return target  # "15 groepen" while :eenheid: names another unit: as written
        target = f"{target} {pi.eenheid}"
    return as_written(pi, "streefwaarde", target)


def text_of(item: Item, name: str) -> str:
    """Field ``name`` of ``item`` as a reader sees it, in any output; "" when not written.

    An understood value in its Dutch form (``€ 25.000``, ``2026-Q1 t/m 2026-Q3``, status
    with the period of its latest report); a value not understood as written, with
    "(niet begrepen)".
    """
    if isinstance(item, PrestatieIndicator) and name == "streefwaarde":
        return target_text(item) or ""
    if name == "kv":
        return themes(item)
    shown: str | None
    if isinstance(item, Maatregel) and name == "budget":
        shown = budget(item)
    elif isinstance(item, Maatregel) and name == "planning":
        shown = planning(item)
    elif isinstance(item, Maatregel) and name == "status":
        # A status the model could not read is shown as written, not hidden by a report.
        shown = status(item) if item.status is not None or not item.raw.get("status") else None
    elif isinstance(item, EffectIndicator) and name == "bron":
        shown = source(item)
    else:
        value_ = getattr(item, name, None)
        if value_ is None or value_ == []:
            shown = None
        elif name == "budget":
            shown = money(value_)
        else:
            shown = str(value_)
    return as_written(item, name, shown or None) or ""


def bijdrage(
    onderdeel: Onderdeel | None, doelen: Sequence[Item], *, doelen_van_onderdeel: bool = False
) -> list[tuple[str, str]]:
    """What a maatregel serves, as (label, text) pairs for its block in the Uitvoeringsplan:
    ``("Prioriteit 1", "Ondermijning tegengaan")`` or ``("Thema", "Verkeersveiligheid")``,
    then ``("Draagt bij aan", "<doel>; <doel>")``. Doelen the maatregel does not name itself
    (those of its prioriteit or thema) are labelled so."""
    out: list[tuple[str, str]] = []
    if onderdeel is not None:
        out.append((onderdeel_kind(onderdeel, numbered=True), onderdeel.title))
    if doelen:
        label = doelen_label(onderdeel, len(doelen), doelen_van_onderdeel=doelen_van_onderdeel)
        out.append((label, "; ".join(d.title for d in doelen)))
    return out


def doelen_label(onderdeel: Onderdeel | None, count: int, *, doelen_van_onderdeel: bool) -> str:
    """The label of the doelen a maatregel serves: its own ("Draagt bij aan"), or those of
    its prioriteit/thema ("Doel van deze prioriteit", "Doelen van dit thema")."""
    if not doelen_van_onderdeel:
        return "Draagt bij aan"
    word = "Doel" if count == 1 else "Doelen"
    of = "deze prioriteit" if isinstance(onderdeel, Prioriteit) else "dit thema"
    return f"{word} van {of}"


#: A list marker a partner typed at the start of a line ("- ", "• ", "* ", "– ").
LIST_MARKER = re.compile(r"^\s*[-*•–—]\s+")


def toelichting_regels(text: str) -> list[str]:
    """A partner's progress comment as lines without the list markers typed in the cell:
    "- vijf controles…" reads "vijf controles…" (the words are kept as written)."""
    lines = [LIST_MARKER.sub("", line).strip() for line in text.splitlines()]
    return [line for line in lines if line]


def toelichting(text: str | None) -> str | None:
    """A partner's progress comment on one line, for a table cell or a field on the site:
    its lines without typed list markers, joined with "; "."""
    if not text:
        return text
    return "; ".join(toelichting_regels(text)) or text


def gemeenten(names: Sequence[str]) -> str:
    """The gemeenten an item of a joint plan holds for: "Beekveld en Lindewaard"."""
    if not names:
        return "geen enkele gemeente"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " en " + names[-1]
