"""``kernbeleid politie importeer``: a police open-data export into figures per theme.

Reads one export in the shape of the police/CBS crime tables (a region code, a period, a
*soort misdrijf* code with or without its title, and a count; ``.csv`` or ``.xlsx``),
keeps the rows of the plan's own gemeente only, counts per code and year, sums the codes
into the catalogue's themes (``data/politiecodes.yaml``) and writes the result, with
per 1.000 inwoners where ``metingen/koppeling.yaml`` knows the inwoners, to
``metingen/politiecijfers.yaml``: under a lock, atomically, and never silently changing
a figure an earlier import wrote. Codes the mapping does not know are listed as *niet
ingedeeld*. Messages are Dutch and name the file and row; never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..model import politiecodes
from ..records import politie
from ..records.politie import Politiecijfers, SoortJaren, ThemaJaar
from . import command, metingen
from .command import GEDEELTELIJK, OK, Geweigerd
from .koppeling import inwoners_of
from .metingen import Table, export_label, header_key, read_export

#: Accepted column names, compared without case, spaces or punctuation.
COLUMNS: dict[str, tuple[str, ...]] = {
    "soort misdrijf": ("soortmisdrijf", "soortmisdrijven", "misdrijf"),
    "regio": ("wijkenenbuurten", "regios", "regio", "gemeente", "gemeentecode", "regiocode"),
    "periode": ("perioden", "periode", "jaar"),
    "aantal": ("geregistreerdemisdrijven", "aantal", "aantalmisdrijven"),
}
_COUNT = re.compile(r"^geregistreerdemisdrijven(?:aantal)?\d*$")
PARTS = metingen.PARTS_PER_YEAR


def find_columns(table: Table) -> dict[str, int]:
    """The four columns' positions; refuse with the header and the names we know."""
    found: dict[str, int] = {}
    names = [header_key(h) for h in table.header]
    for role, candidates in COLUMNS.items():
        for index, name in enumerate(names):
            if name in candidates or (role == "aantal" and _COUNT.match(name)):
                found[role] = index
                break
    missing = [role for role in COLUMNS if role not in found]
    if missing:
        raise Geweigerd(
            f"{table.label}: kolom voor {' en '.join(missing)} niet gevonden. Kolommen in "
            f"het bestand: {', '.join(h for h in table.header if h) or '(geen)'}. Verwacht "
            "een export van de misdrijventabel van politie/CBS, met kolommen zoals "
            "SoortMisdrijf, WijkenEnBuurten (of Regio's), Perioden en GeregistreerdeMisdrijven."
        )
    return found


@dataclass
class Telling:
    """Counts per code and year from the gemeente's rows, and what was left out."""

    #: code -> year -> kind (JJ/KW/MM) -> part -> (row, count)
    cells: dict[str, dict[int, dict[str, dict[int, tuple[int, Decimal]]]]] = field(
        default_factory=dict
    )
    titels: dict[str, str] = field(default_factory=dict)
    starred: set[int] = field(default_factory=set)
    afgewezen: list[str] = field(default_factory=list)
    andere_regios: dict[str, int] = field(default_factory=dict)
    rijen: int = 0


def count_rows(table: Table, columns: dict[str, int], regio: str) -> Telling:
    """Read every row of ``regio`` (pure over the table); other regions are only counted."""
    telling = Telling()
    regions = table.column_text(columns["regio"])
    codes = table.column_text(columns["soort misdrijf"])
    periods = table.column_text(columns["periode"])
    wanted = regio.strip().upper()
    count_col = columns["aantal"]
    for k, (row_number, cells) in enumerate(table.rows):
        region = regions[k].upper()
        if region != wanted:
            if region:
                telling.andere_regios[region] = telling.andere_regios.get(region, 0) + 1
            continue
        telling.rijen += 1
        where = table.where(row_number)
        split = politiecodes.split_code(codes[k])
        if split is None:
            telling.afgewezen.append(
                f"{where}: soort misdrijf '{codes[k]}' begint niet met een code zoals 1.1.1."
            )
            continue
        code, titel = split
        if titel and code not in telling.titels:
            telling.titels[code] = titel
        _count_cell(telling, where, row_number, code, periods[k], cells, count_col)
    return telling


def _count_cell(telling, where, row_number, code, period, cells, count_col) -> None:
    period = period.replace(" ", "")
    match = metingen.period_match(period)
    if not match or (
        match["kind"] and match["kind"] != "JJ" and not 1 <= int(match["n"]) <= PARTS[match["kind"]]
    ):
        telling.afgewezen.append(
            f"{where}: periode '{period}' niet herkend; verwacht 2024JJ00, 2024MM03, "
            "2024KW02 of 2024."
        )
        return
    raw = cells[count_col] if count_col < len(cells) else None
    number = metingen.cell_number(raw)
    if isinstance(number, str):
        telling.afgewezen.append(
            f"{where}: aantal '{metingen.cell_text(raw)}' {number}; verwacht een geheel "
            "getal (of leeg of '.' voor geen gegevens)."
        )
        return
    if number is None:
        return  # geen gegevens
    year, kind = int(match["year"]), match["kind"] or "JJ"
    part = int(match["n"]) if kind != "JJ" else 0
    if match["star"]:
        telling.starred.add(year)
    parts = telling.cells.setdefault(code, {}).setdefault(year, {}).setdefault(kind, {})
    if part in parts:
        telling.afgewezen.append(
            f"{where}: soort {code}, periode {period} staat er al (rij {parts[part][0]}); "
            "deze rij is niet meegeteld. Haal de dubbele rij weg."
        )
        return
    parts[part] = (row_number, number)


def per_code(telling: Telling) -> dict[str, dict[int, politiecodes.Jaarcijfer]]:
    """One count per code and year: the year figure, else the sum of quarters or months."""
    out: dict[str, dict[int, politiecodes.Jaarcijfer]] = {}
    for code, years in telling.cells.items():
        for year, kinds in years.items():
            kind = "JJ" if "JJ" in kinds else ("KW" if "KW" in kinds else "MM")
            parts = kinds[kind]
            total = sum((n for _row, n in parts.values()), Decimal(0))
            incomplete = kind != "JJ" and len(parts) < PARTS[kind]
            out.setdefault(code, {})[year] = politiecodes.Jaarcijfer(
                total, incomplete or year in telling.starred
            )
    return out


def read_inwoners(plan: Path, regio: str) -> dict[int, Decimal]:
    """The inwoners per year koppeling.yaml gives for ``regio`` (:func:`.koppeling.inwoners_of`)."""
    inwoners, problems = inwoners_of(plan, regio)
    if problems:
        raise Geweigerd(
            "metingen/koppeling.yaml kan niet gelezen worden (voor de inwoners per jaar):\n  "
            + "\n  ".join(problems)
            + "\nHerstel het bestand, bijvoorbeeld met 'kernbeleid metingen importeer --proef'."
        )
    return inwoners


def figures(
    telling: Telling, regio: str, label: str, inwoners: dict[int, Decimal]
) -> Politiecijfers:
    """The records for this export: themes, codes (known and not) and per 1.000 inwoners."""
    indeling = politiecodes.load()
    codes = per_code(telling)
    themas, _left = politiecodes.per_thema(codes, indeling)
    out = Politiecijfers(regio.strip().upper(), label)
    for thema, years in themas.items():
        out.themas[thema] = {}
        for year, cijfer in years.items():
            per = None
            if year in inwoners:
                per = (cijfer.aantal / inwoners[year] * 1000).quantize(
                    Decimal("0.1"), rounding=ROUND_HALF_UP
                )
            out.themas[thema][year] = ThemaJaar(cijfer.aantal, per, cijfer.voorlopig)
    for code, years in codes.items():
        known = indeling.codes.get(code)
        titel = known.titel if known else telling.titels.get(code, "")
        out.soorten[code] = SoortJaren(
            titel, known.thema if known else None, {y: c.aantal for y, c in years.items()}
        )
    return out


# --------------------------------------------------------------------------- merging


def merge(old: Politiecijfers, new: Politiecijfers) -> tuple[Politiecijfers, command.Verschil]:
    """Years already there stay; a provisional year may change; other changes conflict."""
    verschil = command.Verschil()
    result = Politiecijfers(
        new.regio,
        new.bestand,
        {t: dict(y) for t, y in old.themas.items()},
        {c: SoortJaren(s.titel, s.thema, dict(s.jaren)) for c, s in old.soorten.items()},
    )
    for thema, years in new.themas.items():
        target = result.themas.setdefault(thema, {})
        for year, cijfer in years.items():
            before = target.get(year)
            if before is None:
                verschil.nieuw += 1
            elif before == cijfer:
                verschil.gelijk += 1
            elif before.voorlopig or before.aantal == cijfer.aantal:
                verschil.bijgewerkt += 1
            else:
                verschil.bijgewerkt += 1
                verschil.tegenstrijdig.append(
                    f"thema {thema} {year}: staat als {before.aantal} in {politie.LABEL}; "
                    f"{new.bestand} zegt {cijfer.aantal}."
                )
            target[year] = cijfer
    for code, soort in new.soorten.items():
        target_soort = result.soorten.setdefault(code, SoortJaren(soort.titel, soort.thema))
        target_soort.titel, target_soort.thema = soort.titel, soort.thema
        target_soort.jaren.update(soort.jaren)
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
    """Import one police export; returns the exit code of :func:`.command.run`."""
    return command.run(
        lambda written: _importeer(export, regio, plan, overschrijf, proef, say, written),
        say,
        record=politie.LABEL,
    )


def _importeer(export, regio, plan, overschrijf, proef, say, written: list[Path]) -> int:
    command.plan_conf(plan)
    if not (regio or "").strip():
        raise Geweigerd("geef de regiocode van de gemeente met --regio, bijvoorbeeld GM0758.")
    target = politie.path_of(plan)
    command.check_places(
        target,
        folder_is="de map metingen",
        file_is="het bestand met de politiecijfers",
        writing=not proef,
    )
    table = read_export(export)
    telling = count_rows(table, find_columns(table), regio)
    if telling.rijen == 0:
        seen = ", ".join(sorted(telling.andere_regios)[:8]) or "(geen)"
        raise Geweigerd(
            f"{export}: geen enkele rij is van regio '{regio.strip().upper()}'. In het bestand "
            f"staan onder meer: {seen}. Controleer --regio (de code uit de kolom "
            "WijkenEnBuurten of Regio's, zoals GM0758)."
        )
    new = figures(telling, regio, export_label(export, plan), read_inwoners(plan, regio))
    if proef:
        return _merge_and_write(target, new, telling, overschrijf, proef, say, written)
    with command.locked(target, say):
        return _merge_and_write(target, new, telling, overschrijf, proef, say, written)


def _merge_and_write(
    target, new: Politiecijfers, telling: Telling, overschrijf, proef, say, written
) -> int:
    found = command.read_record(target, politie.parse, politie.LABEL)
    old_text, old = found if found is not None else (None, Politiecijfers())
    command.same_area(politie.LABEL, old.regio, new.regio)
    result, verschil = merge(old, new)
    if verschil.tegenstrijdig and not overschrijf:
        raise Geweigerd(
            "het bestand spreekt een eerdere import tegen:\n  "
            + "\n  ".join(verschil.tegenstrijdig)
            + "\nControleer welk cijfer klopt (heeft de politie het herzien?). Wilt u de "
            "nieuwe cijfers gebruiken, importeer dan opnieuw met --overschrijf."
        )
    for line in telling.afgewezen:
        say(f"Afgewezen  {line}")
    _say_left_out(new, telling, say)
    say(
        f"Verwerkt: {telling.rijen} rijen van {new.regio}; {verschil.nieuw} thema-jaren nieuw, "
        f"{verschil.bijgewerkt} bijgewerkt, {verschil.gelijk} stond(en) er al."
    )
    text = politie.dump(result)
    if old_text == text:
        say(f"Niets veranderd: {politie.LABEL} is niet aangepast.")
    elif proef:
        say(f"Proef: {politie.LABEL} zou worden bijgewerkt; er is niets geschreven.")
    else:
        command.write_record(target, text, written, say)
    return GEDEELTELIJK if telling.afgewezen else OK


def _say_left_out(new: Politiecijfers, telling: Telling, say) -> None:
    indeling = politiecodes.load()
    others = sum(telling.andere_regios.values())
    if others:
        say(
            f"Overgeslagen: {others} rijen van {len(telling.andere_regios)} andere "
            "gebied(en); alleen de rijen van de eigen gemeente tellen."
        )
    for code, soort in new.niet_ingedeeld.items():
        years = ", ".join(f"{y}: {n}" for y, n in sorted(soort.jaren.items()))
        known = indeling.codes.get(code)
        reason = known.grond if known else "deze code staat niet in de indeling"
        say(f"Niet ingedeeld {code} {soort.titel or '(zonder titel)'} ({years}) – {reason}.")
