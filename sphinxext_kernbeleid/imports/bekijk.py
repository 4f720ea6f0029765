"""``kernbeleid metingen bekijk BESTAND``: what an export holds, and the mapping it suggests.

Reads an export the way the import does (:func:`.metingen.read_table`: the same sheets,
separators, encodings and refusals), describes every column (periods, gemeente and area
codes, codes such as the police's *soort misdrijf*, categories, numbers, row numbers) and
proposes the ``metingen/koppeling.yaml`` lines for the plan's effect indicators that the
file can give: police-shaped files by the kind of crime in the indicator's name, other
files (the Veiligheidsmonitor) by the column whose name matches the indicator. Nothing is
written; what cannot be decided (which gemeente, which column) is said, never guessed.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..files import confpy, xlsx_rows
from ..files.errors import FileProblem
from ..model import politiecodes
from . import command
from .koppeling import MAPPING_LABEL, Bestand, PlanIndicator, plan_indicators
from .metingen import (
    Table,
    cell_number,
    cell_text,
    export_label,
    is_identifier,
    period_match,
    read_table,
)

#: Area codes of CBS/Politie open data: gemeente, wijk, buurt, Nederland, provincie, …
_GEBIED = re.compile(r"^(GM|WK|BU|NL|PV|LD|RE|CR)\d+$")
_CODE = re.compile(r"^\d+(?:\.\d+)+$")
#: The kind of crime in an indicator's name -> police codes, most precise first.
POLITIE_WOORDEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"woninginbra|inbra\w* (in|uit) (een )?woning|diefstal\w* uit (de )?woning", ("1.1.1",)),
    (r"fiets", ("1.2.3",)),
    (r"winkeldiefst", ("2.5.2",)),
    (r"zakkenrol", ("1.2.4",)),
    (r"straatroof", ("1.4.6",)),
    (r"overval", ("1.4.7",)),
    (r"mishandel", ("1.4.5",)),
    (r"bedreig", ("1.4.4",)),
    (r"zeden", ("1.4.1",)),
    (r"geweld", ("1.4",)),
    (r"inbra", ("1.1.1", "1.1")),
    (r"vernieling|vandalisme|zaakbeschadiging", ("2.2.1", "2.2")),
    (r"drugshandel", ("3.1.1",)),
    (r"drugs", ("2.1.1", "3.1.1")),
    (r"cyber|online", ("3.7.4",)),
    # A sum of several codes (catalogue indicator "Misdrijven vermogenscriminaliteit"):
    # no single code to propose, and never the total of all misdrijven.
    (r"vermogens", ()),
    (r"misdrijven|criminaliteit", ("0.0.0",)),
)
_STOP = {"aantal", "per", "van", "het", "een", "de", "in", "op", "en", "voor", "met", "dat"}


class BekijkFout(Exception):
    """The export cannot be read; the message is Dutch and says why."""


@dataclass
class Kolom:
    """One column of the export as the coordinator needs to know it."""

    index: int
    naam: str
    soort: str  # periode, gebied, code, tekst, getal, volgnummer, leeg
    waarden: list[str] = field(default_factory=list)  # distinct, in file order
    laagste: Decimal | None = None
    hoogste: Decimal | None = None

    @property
    def letter(self) -> str:
        index, letters = self.index + 1, ""
        while index:
            index, rest = divmod(index - 1, 26)
            letters = chr(65 + rest) + letters
        return letters


@dataclass
class Inhoud:
    """What one export holds."""

    label: str
    bladen: list[str]
    table: Table
    kolommen: list[Kolom]

    def of(self, soort: str) -> list[Kolom]:
        return [k for k in self.kolommen if k.soort == soort]

    @property
    def gemeentecodes(self) -> list[str]:
        return sorted({v for k in self.of("gebied") for v in k.waarden if v.startswith("GM")})

    @property
    def politie(self) -> bool:
        """Shaped like the police's open data: kinds of crime and area codes."""
        return bool(self.of("code")) and bool(self.of("gebied"))


# --------------------------------------------------------------------------- reading


def lees(path: Path, blad: str | None = None) -> Inhoud:
    """Read and describe the export at ``path`` (refusals as :class:`BekijkFout`)."""
    problems: list[str] = []
    label = path.as_posix()
    bestand = Bestand("bestand", path.resolve(), label, 0, blad=blad)
    table = read_table(bestand, lambda _line, text: problems.append(text))
    if table is None:
        raise BekijkFout(" ".join(problems) or f"bestand '{label}' kan niet worden gelezen.")
    bladen = _sheets(path) if path.suffix.lower() == ".xlsx" else []
    kolommen = [_describe(table, index, name) for index, name in enumerate(table.header)]
    return Inhoud(label, bladen, table, kolommen)


def _sheets(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            return list(xlsx_rows.sheet_names(archive))
    except (OSError, zipfile.BadZipFile, xlsx_rows.XlsxError):
        return []


def _describe(table: Table, index: int, name: str) -> Kolom:
    texts = table.column_text(index)
    values = [v for v in dict.fromkeys(texts) if v not in ("", ".")]
    kolom = Kolom(index, name, "leeg", values)
    if not values:
        return kolom
    if is_identifier(table, index):
        kolom.soort = "volgnummer"
    elif all(period_match(v.replace(" ", "")) for v in values):
        kolom.soort = "periode"
    elif all(_GEBIED.match(v) for v in values):
        kolom.soort = "gebied"
    elif all(_CODE.match(v) for v in values) and _looks_like_codes(table, index, name, values):
        kolom.soort = "code"
    else:
        numbers = [cell_number(v) for v in values]
        if all(isinstance(n, Decimal) or n is None for n in numbers):
            found = [n for n in numbers if isinstance(n, Decimal)]
            kolom.soort = "getal"
            kolom.laagste, kolom.hoogste = min(found), max(found)
        else:
            kolom.soort = "tekst"
    return kolom


def _looks_like_codes(table: Table, index: int, name: str, values: list[str]) -> bool:
    """``1.4`` is a code, not one and four tenths: two dots somewhere, text cells padded
    with spaces (as the open data pads its keys), or a name that says so."""
    if any(v.count(".") > 1 for v in values) or re.search(r"soort|code", name, re.I):
        return True
    return any(
        isinstance(cells[index], str) and cells[index] != cells[index].strip()
        for _n, cells in table.rows[:200]
        if index < len(cells)
    )


# --------------------------------------------------------------------------- showing


def _list(values: list[str], most: int = 12) -> str:
    shown = ", ".join(values[:most])
    return shown + (f" … ({len(values)} verschillende)" if len(values) > most else "")


def periods_text(values: list[str]) -> list[str]:
    """Per year what the file has: a whole year, months or quarters, provisional or not."""
    years: dict[int, dict[str, set[int]]] = {}
    starred: set[int] = set()
    for value in values:
        match = period_match(value.replace(" ", ""))
        if match is None:
            continue
        year = int(match["year"])
        kind = match["kind"] or "JJ"
        years.setdefault(year, {}).setdefault(kind, set()).add(int(match["n"] or 0))
        if match["star"]:
            starred.add(year)
    out = []
    for year in sorted(years):
        kinds = years[year]
        if "JJ" in kinds:
            text = "heel jaar"
        elif "KW" in kinds:
            got = sorted(kinds["KW"])
            text = f"kwartalen {_range(got)}" + ("" if len(got) == 4 else ", nog geen heel jaar")
        else:
            got = sorted(kinds.get("MM", set()))
            text = f"maanden {_range(got)}" + ("" if len(got) == 12 else ", nog geen heel jaar")
        out.append(f"{year} ({text}{', voorlopig' if year in starred else ''})")
    return out


def _range(numbers: list[int]) -> str:
    if numbers and numbers[-1] - numbers[0] == len(numbers) - 1 and len(numbers) > 2:
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(str(n) for n in numbers)


def beschrijving(inhoud: Inhoud) -> list[str]:
    """The lines that tell what the export holds."""
    t = inhoud.table
    lines = [f"Bestand: {inhoud.label}"]
    if inhoud.bladen:
        others = [b for b in inhoud.bladen if b != t.sheet]
        lines.append(
            f"Werkbladen: {t.sheet} (gelezen)" + (f", {', '.join(others)}" if others else "")
        )
    where = f"blad {t.sheet}, " if t.sheet else ""
    lines.append(f"Kolommen ({where}{len(t.rows)} rijen onder de kopregel):")
    width = max((len(k.naam) for k in inhoud.kolommen), default=0)
    for k in inhoud.kolommen:
        lines.append(f"  {k.letter:<3}{k.naam:<{width}}  {_kolom_text(k)}")
    periodes = [v for k in inhoud.of("periode") for v in k.waarden]
    if periodes:
        lines.append("Perioden: " + "; ".join(periods_text(periodes)))
    for k in inhoud.of("code"):
        lines.append(f"Codes in {k.naam}: {_list(_named_codes(k.waarden), 40)}")
    codes = inhoud.gemeentecodes
    lines.append(
        f"Gemeentecodes: {_list(codes, 40)}"
        if codes
        else "Gemeentecodes: geen (geen kolom met GM-codes)"
    )
    return lines


def _kolom_text(k: Kolom) -> str:
    if k.soort == "periode":
        ordered = sorted(k.waarden)
        return f"perioden: {ordered[0]} … {ordered[-1]} ({len(ordered)} verschillende)"
    if k.soort == "gebied":
        return f"gebiedscodes: {_list(k.waarden)}"
    if k.soort == "code":
        return f"codes: {_list(k.waarden)}"
    if k.soort == "getal":
        low = cell_text(k.laagste).replace(".", ",")
        high = cell_text(k.hoogste).replace(".", ",")
        return f"getallen van {low} tot {high}"
    if k.soort == "volgnummer":
        return "volgnummer van de rij (geen waarde)"
    if k.soort == "leeg":
        return "leeg"
    return f"tekst: {_list(k.waarden)}"


def _named_codes(codes: list[str]) -> list[str]:
    known = politiecodes.load().codes
    return [f"{c} {known[c].titel}" if c in known else c for c in codes]


# --------------------------------------------------------------------------- proposing


def _words(text: str) -> list[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    words = re.findall(r"[a-zà-ÿ]+", spaced.lower())
    return [w for w in words if len(w) >= 3 and w not in _STOP]


def _alike(a: str, b: str) -> bool:
    if a == b:
        return True
    common = os.path.commonprefix([a, b])
    return len(common) >= 5 or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def columns_for(indicators: list[PlanIndicator], kolommen: list[Kolom]) -> dict[str, Kolom]:
    """Indicator id -> the number column whose name it matches best, one column per
    indicator and one indicator per column. A column matches when more than half of the
    words of its name (``OnveiligCentrum_12``: onveilig, centrum) are in the indicator's
    name; the closest pairs are taken first (a survey's indicator before a registration's)."""
    pairs = []
    for indicator in indicators:
        wanted = _words(indicator.title)
        for kolom in kolommen:
            have = _words(re.sub(r"_\d+$", "", kolom.naam))
            if not wanted or not have:
                continue
            of_column = sum(any(_alike(h, w) for w in wanted) for h in have) / len(have)
            of_title = sum(any(_alike(w, h) for h in have) for w in wanted) / len(wanted)
            # More than half: a column of two words needs both ("SlachtofferOnline" is
            # not "Slachtofferschap vermogensdelicten"; one shared word is a guess).
            if of_column > 0.5:
                survey = indicator.opties.get("soort") == "subjectief"
                pairs.append((of_column, of_title, survey, indicator.id, kolom))
    chosen: dict[str, Kolom] = {}
    taken: set[int] = set()
    for _c, _t, _s, indicator_id, kolom in sorted(
        pairs, key=lambda p: (p[0], p[1], p[2]), reverse=True
    ):
        if indicator_id not in chosen and kolom.index not in taken:
            chosen[indicator_id] = kolom
            taken.add(kolom.index)
    return chosen


def code_for(indicator: PlanIndicator, codes: list[str]) -> str | None:
    """The police code (present in the file) for the kind of crime the indicator names."""
    title = indicator.title.lower()
    for pattern, wanted in POLITIE_WOORDEN:
        if re.search(pattern, title):
            return next((c for c in wanted if c in codes), None)
    return None


def _enquete(indicator: PlanIndicator) -> bool:
    """A survey's figure (what inwoners say), never a count of the police."""
    bron = indicator.opties.get("bron", "").lower()
    return indicator.opties.get("soort") == "subjectief" or "monitor" in bron or "enqu" in bron


def _registratie(indicator: PlanIndicator) -> bool:
    """A count from a register (the police's), never a survey's column."""
    return "politie" in indicator.opties.get("bron", "").lower()


def _per_inwoners(indicator: PlanIndicator) -> int | None:
    text = f"{indicator.title} {indicator.opties.get('eenheid', '')}".lower()
    match = re.search(r"per\s+(1[.\s]?000|10[.\s]?000|100[.\s]?000)\s+inwoners", text)
    return int(re.sub(r"\D", "", match[1])) if match else None


def _scalar(text: str) -> str:
    if re.fullmatch(r"[A-Za-z][\w-]*", text) and text.lower() not in ("ja", "nee", "yes", "no"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _naam(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "_", path.stem.lower()).strip("_") or "bestand"


def voorstel(
    inhoud: Inhoud, path: Path, plan: Path, indicators: list[PlanIndicator], gemeente: str | None
) -> list[str]:
    """The ``koppeling.yaml`` lines for the indicators this export can give."""
    relative = export_label(path, plan)
    t = inhoud.table
    naam = _naam(path)
    periode = inhoud.of("periode")
    getallen = inhoud.of("getal")
    lines = ["bestanden:", f"  {naam}:", f"    bestand: {relative}"]
    if t.sheet:
        lines.append(f"    blad: {t.sheet}")
    if periode:
        lines.append(f"    periode: {periode[0].naam}")
    else:
        lines.append("    periode: KOLOM   # geen kolom met perioden gevonden; kies de juiste")
    filters, notes = _area_filter(inhoud, gemeente)
    chosen: list[tuple[PlanIndicator, list[str]]] = []
    missing: list[PlanIndicator] = []
    if inhoud.politie:
        waarde = getallen[0].naam if getallen else "KOLOM"
        others = f"   # of: {', '.join(k.naam for k in getallen[1:])}" if len(getallen) > 1 else ""
        lines.append(f"    waarde: {waarde}{others}")
        codes = inhoud.of("code")[0]
        for indicator in indicators:
            code = None if _enquete(indicator) else code_for(indicator, codes.waarden)
            if code is None:
                missing.append(indicator)
                continue
            body = [f"    filter: {{{codes.naam}: {_scalar(code)}}}"]
            if (per := _per_inwoners(indicator)) is not None:
                body.append(f"    per_inwoners: {per}")
            chosen.append((indicator, body))
    else:
        usable = [i for i in indicators if not _registratie(i)]
        matched = columns_for(usable, getallen)
        for indicator in indicators:
            if indicator.id in matched:
                chosen.append((indicator, [f"    waarde: {matched[indicator.id].naam}"]))
            else:
                missing.append(indicator)
    if filters:
        lines.append(
            "    filter: {" + ", ".join(filters) + "}" + (f"   # {notes}" if notes else "")
        )
    if any("per_inwoners" in line for _i, body in chosen for line in body):
        years = sorted({int(p[:4]) for k in periode for p in k.waarden if p[:4].isdigit()})
        example = ", ".join(f"{y}: …" for y in years[-3:]) or "2024: …"
        lines.append(f"inwoners: {{{example}}}   # het inwonertal per jaar (CBS); vul het in")
    lines.append("indicatoren:")
    for indicator, body in chosen:
        lines += [f"  {indicator.id}:   # {indicator.title}", f"    bestand: {naam}", *body]
    if not chosen:
        lines.append("  # geen effectindicator van het plan past bij dit bestand")
    for indicator in missing:
        lines.append(f"  # {indicator.id} ({indicator.title}): niet in dit bestand gevonden")
    return lines


def _area_filter(inhoud: Inhoud, gemeente: str | None) -> tuple[list[str], str]:
    """The filter that keeps only the gemeente's rows, and what the coordinator must check."""
    for kolom in inhoud.of("gebied"):
        codes = [v for v in kolom.waarden if v.startswith("GM")] or kolom.waarden
        if gemeente and gemeente.upper() in kolom.waarden:
            return [f"{kolom.naam}: {gemeente.upper()}"], ""
        if len(codes) == 1:
            return [f"{kolom.naam}: {codes[0]}"], ""
        return (
            [f'{kolom.naam}: "[IN TE VULLEN: code van de gemeente]"'],
            f"kies uit {_list(codes, 20)}; of geef --gemeente GMxxxx",
        )
    for kolom in inhoud.of("tekst"):
        if gemeente and gemeente in kolom.waarden:
            return [f"{kolom.naam}: {_scalar(gemeente)}"], ""
    teksten = [k for k in inhoud.of("tekst") if len(k.waarden) <= 50]
    if len(teksten) == 1:
        kolom = teksten[0]
        if len(kolom.waarden) == 1:
            return [f"{kolom.naam}: {_scalar(kolom.waarden[0])}"], ""
        return (
            [f'{kolom.naam}: "[IN TE VULLEN: naam van de gemeente]"'],
            f"kies uit {_list(kolom.waarden, 20)}",
        )
    return [], ""


# --------------------------------------------------------------------------- the command


def bekijk(
    bestand: Path,
    plan: Path,
    *,
    blad: str | None = None,
    gemeente: str | None = None,
    say: Callable[[str], None] = print,
) -> int:
    """Tell what ``bestand`` holds and propose the mapping; exit code 0, or 2 when the file
    cannot be read (nothing is ever written)."""
    try:
        inhoud = lees(bestand, blad)
    except BekijkFout as err:
        say(f"Niet gelukt – {err}")
        return command.GEWEIGERD
    for line in beschrijving(inhoud):
        say(line)
    has_plan = (plan / "conf.py").is_file()
    if not has_plan:
        say(
            "\nGeen voorstel voor koppeling.yaml: hier staat geen plan (conf.py). Geef de map "
            "van het plan met --plan MAP, of draai de opdracht in die map."
        )
        return command.OK
    if gemeente is None:
        named = confpy.literal(plan, "kernbeleid_gemeente")
        gemeente = named if isinstance(named, str) and named else None
    indicators = plan_indicators(plan)
    say(
        f"\nVoorstel voor {MAPPING_LABEL} (controleer het; er is niets geschreven). Zet de "
        "regels in het bestand, naast wat er al staat:"
    )
    for line in voorstel(inhoud, bestand, plan, indicators, gemeente):
        say(line)
    return command.OK


def run_bekijk(bestand: Path, plan: Path, blad: str | None, gemeente: str | None) -> int:
    try:
        return bekijk(bestand, plan, blad=blad, gemeente=gemeente)
    except FileProblem as err:
        print(f"Niet gelukt – {err}")
        return command.GEWEIGERD
