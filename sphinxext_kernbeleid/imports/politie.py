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

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

from ..files import atomic
from ..files.errors import FileProblem
from ..files.locking import file_lock
from ..model import politiecodes
from ..model.parsing import ParseError, parse_number
from ..records import politie
from ..records.politie import Politiecijfers, SoortJaren, ThemaJaar
from . import metingen
from .command import GEDEELTELIJK, GEWEIGERD, OK, Geweigerd
from .metingen import Bestand, Table

#: Accepted column names, compared without case, spaces or punctuation.
COLUMNS: dict[str, tuple[str, ...]] = {
    "soort misdrijf": ("soortmisdrijf", "soortmisdrijven", "misdrijf"),
    "regio": ("wijkenenbuurten", "regios", "regio", "gemeente", "gemeentecode", "regiocode"),
    "periode": ("perioden", "periode", "jaar"),
    "aantal": ("geregistreerdemisdrijven", "aantal", "aantalmisdrijven"),
}
_COUNT = re.compile(r"^geregistreerdemisdrijven(?:aantal)?\d*$")
PARTS = metingen.PARTS_PER_YEAR
AGAIN = "importeer opnieuw"


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def find_columns(table: Table) -> dict[str, int]:
    """The four columns' positions; refuse with the header and the names we know."""
    found: dict[str, int] = {}
    names = [_norm(h) for h in table.header]
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


def read_inwoners(plan: Path) -> dict[int, Decimal]:
    """``inwoners:`` of ``metingen/koppeling.yaml`` (the measurement import's), if any."""
    path = plan / "metingen" / "koppeling.yaml"
    if not path.is_file():
        return {}
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        raise Geweigerd(
            "metingen/koppeling.yaml kan niet gelezen worden (voor de inwoners per jaar); "
            "herstel het bestand, bijvoorbeeld met 'kernbeleid metingen importeer --proef'."
        ) from None
    section = raw.get("inwoners") if isinstance(raw, dict) else None
    out: dict[int, Decimal] = {}
    for year, value in (section or {}).items() if isinstance(section, dict) else ():
        try:
            number = parse_number(str(value))
        except ParseError:
            number = Decimal(0)
        if not (str(year).isdigit() and len(str(year)) == 4) or number <= 0:
            raise Geweigerd(
                f"metingen/koppeling.yaml, inwoners: '{year}: {value}' is geen jaar met een "
                "inwonertal; schrijf bijvoorbeeld {2024: 185500}."
            )
        out[int(year)] = number
    return out


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


@dataclass
class Verschil:
    nieuw: int = 0
    bijgewerkt: int = 0
    gelijk: int = 0
    tegenstrijdig: list[str] = field(default_factory=list)


def merge(old: Politiecijfers, new: Politiecijfers) -> tuple[Politiecijfers, Verschil]:
    """Years already there stay; a provisional year may change; other changes conflict."""
    verschil = Verschil()
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
    """Import one police export; returns 0 (all done), 1 (rows refused) or 2 (nothing)."""
    try:
        return _importeer(export, regio, plan, overschrijf, proef, say)
    except (Geweigerd, FileProblem) as err:
        say(f"Geweigerd – {err}")
        say("Er is niets geïmporteerd.")
        return GEWEIGERD


def read_export(export: Path) -> Table:
    """The export as a table (csv or xlsx), through the measurement import's readers."""
    errors: list[str] = []
    bestand = Bestand("politie", export.resolve(), str(export), 0)
    table = metingen.read_table(bestand, lambda _line, text: errors.append(text))
    if table is None:
        raise Geweigerd(" ".join(errors).replace("Paden zijn relatief aan de map metingen/.", ""))
    return table


def _importeer(export: Path, regio: str, plan: Path, overschrijf: bool, proef: bool, say) -> int:
    if not (plan / "conf.py").is_file():
        raise Geweigerd(
            f"{plan}: hier staat geen conf.py, dus dit is niet de map van een plan. Geef de map "
            "van het plan met --plan, of voer de opdracht uit in die map."
        )
    if not (regio or "").strip():
        raise Geweigerd("geef de regiocode van de gemeente met --regio, bijvoorbeeld GM0758.")
    table = read_export(export)
    telling = count_rows(table, find_columns(table), regio)
    if telling.rijen == 0:
        seen = ", ".join(sorted(telling.andere_regios)[:8]) or "(geen)"
        raise Geweigerd(
            f"{export}: geen enkele rij is van regio '{regio.strip().upper()}'. In het bestand "
            f"staan onder meer: {seen}. Controleer --regio (de code uit de kolom "
            "WijkenEnBuurten of Regio's, zoals GM0758)."
        )
    label = _label(export, plan)
    new = figures(telling, regio, label, read_inwoners(plan))
    target = politie.path_of(plan)
    if proef:
        return _report(target, new, telling, overschrijf, proef, say)
    with file_lock(target, say, again=AGAIN):
        return _report(target, new, telling, overschrijf, proef, say)


def _label(export: Path, plan: Path) -> str:
    try:
        return Path(os.path.relpath(export.resolve(), (plan / "metingen").resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(export)


def _existing(target: Path, regio: str) -> Politiecijfers:
    if not target.exists():
        return Politiecijfers()
    old, problems = politie.read_file(target)
    if old is None:
        raise Geweigerd(
            f"{politie.LABEL} kan niet goed gelezen worden, dus wordt het niet aangevuld:\n  "
            + "\n  ".join(problems)
            + "\nHerstel of verwijder het bestand en importeer opnieuw."
        )
    if old.regio and old.regio != regio:
        raise Geweigerd(
            f"{politie.LABEL} bevat cijfers van regio {old.regio}, deze import is voor "
            f"{regio}. Cijfers van twee gebieden worden nooit gemengd; controleer --regio."
        )
    return old


def _report(target: Path, new: Politiecijfers, telling: Telling, overschrijf, proef, say) -> int:
    old = _existing(target, new.regio)
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
    if target.exists() and target.read_text("utf-8") == text:
        say(f"Niets veranderd: {politie.LABEL} is niet aangepast.")
    elif proef:
        say(f"Proef: {politie.LABEL} zou worden bijgewerkt; er is niets geschreven.")
    else:
        atomic.write_text(target, text, again=AGAIN)
        say(f"Geschreven: {target}")
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
