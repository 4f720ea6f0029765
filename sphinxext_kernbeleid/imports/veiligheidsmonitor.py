"""``kernbeleid monitor importeer``: a Veiligheidsmonitor export into figures.

Reads one export in the shape of the CBS Veiligheidsmonitor tables (StatLine's
TypedDataSet: a region column, a period column, optionally the *Marges* of the
confidence intervals, and one column per subject such as
``RapportcijferVeiligheidInBuurt_60``; ``.csv`` or ``.xlsx``), keeps the rows of the
plan's own gemeente only, takes each subject's value per year and writes them, with the
catalogue themes and suggested indicators they measure (``data/monitorcodes.yaml``), to
``metingen/monitorcijfers.yaml``: under a lock, in one step, and never silently changing
a value an earlier import wrote. Subjects the mapping does not know are listed as *niet
ingedeeld*. Messages are Dutch and name the file, row and column; never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..model import monitorcodes
from ..records import metingen as metingen_records
from ..records import monitor
from ..records.monitor import Monitorcijfers, Plaats, Reeks
from . import command, metingen
from .command import GEDEELTELIJK, OK, Geweigerd, Verschil
from .metingen import Table, column_letter, export_label, header_key, read_export

#: Columns that are no subject, compared without case, spaces or punctuation.
REGIO = ("regios", "regio", "wijkenenbuurten", "gemeente", "gemeentecode", "regiocode")
PERIODE = ("perioden", "periode", "jaar")
MARGES = ("marges", "betrouwbaarheidsmarges")
IGNORED = ("id",)
#: The value rows of a table with confidence intervals (the others are its bounds).
WAARDE = ("mw00000", "waarde")


@dataclass
class Kolommen:
    regio: int
    periode: int
    marges: int | None
    onderwerpen: dict[int, str]  # column index -> header as written
    naamloos: list[int]  # columns without a header


def find_columns(table: Table) -> Kolommen:
    """Region, period, margins and the subject columns; refuse with the header otherwise."""
    roles: dict[str, int] = {}
    subjects: dict[int, str] = {}
    nameless: list[int] = []
    seen: dict[str, list[int]] = {}
    for index, header in enumerate(table.header):
        name = header_key(header)
        if not name:
            nameless.append(index)
            continue
        seen.setdefault(name, []).append(index)
        for role, names in (("regio", REGIO), ("periode", PERIODE), ("marges", MARGES)):
            if name in names and role not in roles:
                roles[role] = index
                break
        else:
            if name not in IGNORED:
                subjects[index] = header.strip()
    doubles = [(table.header[i[0]], i) for i in seen.values() if len(i) > 1]
    if doubles:
        header, indexes = doubles[0]
        raise Geweigerd(
            f"{table.label}: kolom '{header.strip()}' staat {len(indexes)} keer in het bestand "
            f"(kolommen {' en '.join(map(column_letter, indexes))}); welke bedoeld is, is "
            "niet te zeggen. Hernoem of verwijder de andere en importeer opnieuw."
        )
    # Two columns of one subject (``X_1`` and ``X_2``) would be one record: one value lost.
    indeling = monitorcodes.load()
    by_subject: dict[str, list[int]] = {}
    for index, header in subjects.items():
        known = indeling.find(header)
        by_subject.setdefault(known.sleutel if known else header, []).append(index)
    same = [indexes for indexes in by_subject.values() if len(indexes) > 1]
    if same:
        columns = " en ".join(f"'{subjects[i]}' ({column_letter(i)})" for i in same[0])
        raise Geweigerd(
            f"{table.label}: de kolommen {columns} zijn hetzelfde onderwerp van de "
            "Veiligheidsmonitor; welke bedoeld is, is niet te zeggen. Verwijder de andere "
            "kolom en importeer opnieuw."
        )
    missing = [role for role in ("regio", "periode") if role not in roles]
    if missing or not subjects:
        what = " en ".join(missing) if missing else "de onderwerpen"
        raise Geweigerd(
            f"{table.label}: kolom voor {what} niet gevonden. Kolommen in het bestand: "
            f"{', '.join(h for h in table.header if h) or '(geen)'}. Verwacht een export van "
            "de Veiligheidsmonitor van CBS, met kolommen zoals RegioS, Perioden en per "
            "onderwerp een kolom zoals RapportcijferVeiligheidInBuurt_60."
        )
    return Kolommen(roles["regio"], roles["periode"], roles.get("marges"), subjects, nameless)


@dataclass
class Lezing:
    """Values per column and year from the gemeente's rows, and what was left out."""

    #: column index -> year -> (row, value)
    waarden: dict[int, dict[int, tuple[int, Decimal]]] = field(default_factory=dict)
    voorlopig: set[int] = field(default_factory=set)
    afgewezen: list[str] = field(default_factory=list)
    andere_regios: dict[str, int] = field(default_factory=dict)
    marges: int = 0
    rijen: int = 0
    regio: str = ""


def read_rows(table: Table, kolommen: Kolommen, regio: str) -> Lezing:
    """Read every row of ``regio`` (pure over the table); other regions are only counted."""
    lezing = Lezing()
    regions = table.column_text(kolommen.regio)
    periods = table.column_text(kolommen.periode)
    margins = table.column_text(kolommen.marges) if kolommen.marges is not None else None
    wanted = regio.strip().casefold()
    for k, (row_number, cells) in enumerate(table.rows):
        region = regions[k]
        if region.casefold() != wanted:
            if region:
                lezing.andere_regios[region] = lezing.andere_regios.get(region, 0) + 1
            continue
        if margins is not None and header_key(margins[k]) not in WAARDE:
            lezing.marges += 1  # a bound of the confidence interval, not the value
            continue
        lezing.regio = lezing.regio or region
        lezing.rijen += 1
        where = table.where(row_number)
        wide = table.too_wide(cells)
        if wide is not None:
            lezing.afgewezen.append(f"{where}: {wide}")
            continue
        year = _year(periods[k], where, lezing)
        if year is None:
            continue
        for index in kolommen.onderwerpen:
            _value(table, kolommen, lezing, where, row_number, cells, index, year)
        for index in kolommen.naamloos:
            raw = cells[index] if index < len(cells) else None
            if metingen.cell_text(raw):
                lezing.afgewezen.append(
                    f"{where}, kolom {column_letter(index)}: '{metingen.cell_text(raw)}' staat "
                    "in een kolom zonder naam en is niet ingelezen; geef de kolom de naam van het "
                    "onderwerp of haal de waarde weg."
                )
    return lezing


def _year(period: str, where: str, lezing: Lezing) -> int | None:
    period = period.replace(" ", "")
    match = metingen.period_match(period)
    if not match or (match["kind"] and match["kind"] != "JJ"):
        lezing.afgewezen.append(
            f"{where}: periode '{period}' niet herkend; de Veiligheidsmonitor geeft cijfers per "
            "jaar, zoals 2023JJ00 of 2023."
        )
        return None
    year = int(match["year"])
    if year not in metingen_records.YEARS:
        lezing.afgewezen.append(
            f"{where}: periode '{period}': het jaar {year} ligt niet tussen "
            f"{metingen_records.YEARS[0]} en {metingen_records.YEARS[-1]}."
        )
        return None
    if match["star"]:
        lezing.voorlopig.add(year)
    return year


def _value(table, kolommen, lezing, where, row_number, cells, index, year) -> None:
    raw = cells[index] if index < len(cells) else None
    number = metingen.cell_number(raw)
    column = f"kolom {column_letter(index)} ({kolommen.onderwerpen[index]})"
    if isinstance(number, str):
        lezing.afgewezen.append(
            f"{where}, {column}: waarde '{metingen.cell_text(raw)}' {number}; verwacht een getal "
            "zoals 6,9 (of leeg of '.' voor geen gegevens)."
        )
        return
    if number is None:
        return  # geen gegevens
    years = lezing.waarden.setdefault(index, {})
    if year in years:
        lezing.afgewezen.append(
            f"{where}, {column}: het jaar {year} staat er al (rij {years[year][0]}); deze waarde "
            "is niet ingelezen. Haal de dubbele rij weg."
        )
        return
    years[year] = (row_number, number)


def figures(lezing: Lezing, kolommen: Kolommen, label: str) -> Monitorcijfers:
    """The records for this export: every subject column, known or not."""
    indeling = monitorcodes.load()
    out = Monitorcijfers(lezing.regio, label, indeling.bron)
    for index, header in kolommen.onderwerpen.items():
        years = lezing.waarden.get(index, {})
        known = indeling.find(header)
        if known is not None:
            name = known.sleutel
            reeks = Reeks(
                known.titel,
                header,
                known.eenheid,
                tuple(Plaats(p.thema, p.indicator) for p in known.themas),
                known.grond,
            )
        else:
            name = header
            grond = (
                "deze naam staat in de tabel bij meer delicten; alleen het volgnummer zegt welk, "
                "dus het onderwerp wordt niet ingedeeld"
                if indeling.ambiguous(header)
                else "dit onderwerp staat niet in de indeling (data/monitorcodes.yaml)"
            )
            reeks = Reeks("", header, "", (), grond)
        reeks.jaren = {year: value for year, (_row, value) in years.items()}
        reeks.voorlopig = {year for year in years if year in lezing.voorlopig}
        out.onderwerpen[name] = reeks
    return out


# --------------------------------------------------------------------------- merging


def merge(old: Monitorcijfers, new: Monitorcijfers) -> tuple[Monitorcijfers, Verschil]:
    """Years already there stay; a provisional year may change; other changes conflict."""
    verschil = Verschil()
    result = Monitorcijfers(new.regio or old.regio, new.bestand, new.bron)
    for name, reeks in old.onderwerpen.items():
        result.onderwerpen[name] = Reeks(
            reeks.titel,
            reeks.kolom,
            reeks.eenheid,
            reeks.themas,
            reeks.grond,
            dict(reeks.jaren),
            set(reeks.voorlopig),
        )
    for name, reeks in new.onderwerpen.items():
        target = result.onderwerpen.get(name)
        if target is None:
            target = result.onderwerpen[name] = Reeks(reeks.titel, reeks.kolom)
        target.titel, target.kolom, target.eenheid = reeks.titel, reeks.kolom, reeks.eenheid
        target.themas, target.grond = reeks.themas, reeks.grond
        for year, value in reeks.jaren.items():
            before = target.jaren.get(year)
            provisional = year in reeks.voorlopig
            if before is None:
                verschil.nieuw += 1
            elif before == value and (year in target.voorlopig) == provisional:
                verschil.gelijk += 1
                continue
            else:
                verschil.bijgewerkt += 1
                if before != value and year not in target.voorlopig:
                    verschil.tegenstrijdig.append(
                        f"{name} {year}: staat als {metingen_records.value_text(before)} in "
                        f"{monitor.LABEL}; {new.bestand} zegt "
                        f"{metingen_records.value_text(value)}."
                    )
            target.jaren[year] = value
            if provisional:
                target.voorlopig.add(year)
            else:
                target.voorlopig.discard(year)
    return result, verschil


# --------------------------------------------------------------------------- the command


def importeer(
    export: Path,
    regio: str,
    plan: Path,
    *,
    overschrijf: bool = False,
    proef: bool = False,
    say: Callable[[str], None] = print,
) -> int:
    """Import one Veiligheidsmonitor export; returns the exit code of :func:`.command.run`."""
    return command.run(
        lambda written: _importeer(export, regio, plan, overschrijf, proef, say, written),
        say,
        record=monitor.LABEL,
    )


def _importeer(export, regio, plan, overschrijf, proef, say, written: list[Path]) -> int:
    command.plan_conf(plan)
    if not (regio or "").strip():
        raise Geweigerd(
            "geef de gemeente met --regio, zoals die in de kolom RegioS van de export staat "
            "(de code, zoals GM0758, of de naam)."
        )
    target = monitor.path_of(plan)
    command.check_places(
        target,
        folder_is="de map metingen",
        file_is="het bestand met de cijfers van de Veiligheidsmonitor",
        writing=not proef,
    )
    table = read_export(export)
    kolommen = find_columns(table)
    lezing = read_rows(table, kolommen, regio)
    if lezing.rijen == 0:
        seen = ", ".join(sorted(lezing.andere_regios)[:8]) or "(geen)"
        raise Geweigerd(
            f"{export}: geen enkele rij is van regio '{regio.strip()}'. In het bestand staan "
            f"onder meer: {seen}. Controleer --regio (de code of naam uit de kolom RegioS)."
        )
    new = figures(lezing, kolommen, export_label(export, plan))
    if proef:
        return _merge_and_write(target, new, lezing, overschrijf, proef, say, written)
    with command.locked(target, say):
        return _merge_and_write(target, new, lezing, overschrijf, proef, say, written)


def _merge_and_write(target, new, lezing: Lezing, overschrijf, proef, say, written) -> int:
    found = command.read_record(target, monitor.parse, monitor.LABEL)
    old_text, old = found if found is not None else (None, Monitorcijfers())
    command.same_area(monitor.LABEL, old.regio, new.regio)
    result, verschil = merge(old, new)
    if verschil.tegenstrijdig and not overschrijf:
        raise Geweigerd(
            "het bestand spreekt een eerdere import tegen:\n  "
            + "\n  ".join(verschil.tegenstrijdig)
            + "\nControleer welk cijfer klopt (heeft CBS het herzien?). Wilt u de nieuwe "
            "cijfers gebruiken, importeer dan opnieuw met --overschrijf."
        )
    for line in lezing.afgewezen:
        say(f"Afgewezen  {line}")
    others = sum(lezing.andere_regios.values())
    if others:
        say(
            f"Overgeslagen: {others} rijen van {len(lezing.andere_regios)} andere gebied(en); "
            "alleen de rijen van de eigen gemeente tellen."
        )
    if lezing.marges:
        say(
            f"Overgeslagen: {lezing.marges} rijen met de grenzen van de betrouwbaarheidsmarge "
            "(kolom Marges); alleen de waarden tellen."
        )
    for name, reeks in new.niet_ingedeeld.items():
        years = ", ".join(
            f"{y}: {metingen_records.value_text(v)}" for y, v in sorted(reeks.jaren.items())
        )
        say(f"Niet ingedeeld {name} ({years or 'geen waarden'}) – {reeks.grond}.")
    say(
        f"Verwerkt: {lezing.rijen} rijen van {new.regio}; {verschil.nieuw} waarden nieuw, "
        f"{verschil.bijgewerkt} bijgewerkt, {verschil.gelijk} stond(en) er al."
    )
    text = monitor.dump(result)
    if old_text == text:
        say(f"Niets veranderd: {monitor.LABEL} is niet aangepast.")
    elif proef:
        say(f"Proef: {monitor.LABEL} zou worden bijgewerkt; er is niets geschreven.")
    else:
        command.write_record(target, text, written, say)
    return GEDEELTELIJK if lezing.afgewezen else OK
