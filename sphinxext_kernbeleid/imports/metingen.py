"""``kernbeleid metingen importeer``: open-data exports into the plan's ``metingen.yaml``.

Reads ``<plan>/metingen/koppeling.yaml`` (which file, sheet, columns and filters give
which effect indicator), reads the exports (police/CBS open data ``.xlsx``,
Veiligheidsmonitor ``.csv``) and merges one value per indicator and year into
``<plan>/metingen/metingen.yaml``: atomically, under a lock, never silently changing
a value an earlier import wrote. Every message is Dutch and names the mapping's line or
the export's file, sheet and row; the command never shows a traceback.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..files import xlsx_rows
from ..files.errors import unreadable
from ..files.xlsx_archive import UnsafeArchive, check_archive
from ..model.parsing import ParseError, parse_number
from ..records import metingen
from . import command
from .command import GEDEELTELIJK, OK, Gemeente, Geweigerd, plan_gemeenten
from .koppeling import (
    MAPPING_LABEL,
    Bestand,
    Koppeling,
    Mapping,
    indicator_gemeenten,
    plan_indicator_ids,
    read_mapping,
)

#: ``2024JJ00`` (year), ``2024MM03`` (month), ``2024KW02`` (quarter) or ``2024``.
#: A trailing ``*`` is how CBS marks a provisional figure ("2025*"): it makes the year voorlopig.
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>JJ|MM|KW)(?P<n>\d{2}))?(?P<star>\*)?$", re.ASCII)
PARTS_PER_YEAR = {"MM": 12, "KW": 4}


# --------------------------------------------------------------------------- the exports


@dataclass
class Table:
    """An export as rows of text, with the header and where each row stands."""

    label: str  # the file as the mapping names it
    sheet: str | None  # None for csv
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as Excel/an editor shows it, cells)

    _texts: dict[int, list[str]] = field(default_factory=dict, repr=False)

    def column_text(self, index: int) -> list[str]:
        """Every row's trimmed text in one column (computed once: indicators share a file)."""
        if index not in self._texts:
            self._texts[index] = [
                _text(cells[index]) if index < len(cells) else "" for _n, cells in self.rows
            ]
        return self._texts[index]

    def where(self, row: int) -> str:
        sheet = f", blad {self.sheet}" if self.sheet else ""
        return f"{self.label}{sheet}, rij {row}"

    def columns(self, names: list[tuple[str, int]], error) -> dict[str, int] | None:
        """Each wanted column's index; ``None`` after telling every name (with the mapping's
        line) that the header lacks or holds twice (one of the two would be taken silently)."""
        found: dict[str, list[int]] = {}
        for index, name in enumerate(self.header):
            if name:
                found.setdefault(name, []).append(index)
        file = self.where(1).rsplit(",", 1)[0]
        usable = True
        for name, line in names:
            if name not in found:
                error(
                    line,
                    f"kolom '{name}' staat niet in {file}; "
                    f"wel: {', '.join(c for c in self.header if c)}.",
                )
                usable = False
            elif len(found[name]) > 1:
                letters = " en ".join(column_letter(i) for i in found[name])
                error(
                    line,
                    f"kolom '{name}' staat {len(found[name])} keer in {file} (kolommen "
                    f"{letters}); welke bedoeld is, is niet te zeggen. Hernoem of verwijder de "
                    "andere in het bestand.",
                )
                usable = False
        return {name: found[name][0] for name, _line in names} if usable else None

    def too_wide(self, row: list[Any]) -> str | None:
        """Why a CSV row with more fields than its header is refused (``…,6,8`` would
        otherwise import 6), or ``None``."""
        width = len(self.header)
        if self.sheet is not None or len(row) <= width:
            return None
        if not any(str(cell).strip() for cell in row[width:]):
            return None  # empty fields at the end: nothing shifted
        return (
            f"de rij heeft {len(row)} velden, de kopregel {width}. Staat er een getal met een "
            "decimaalkomma zonder aanhalingstekens, zoals 6,8? Zet zulke getallen tussen "
            'aanhalingstekens ("6,8") of sla het bestand op met ; als scheidingsteken.'
        )


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA: how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_key(name: str) -> str:
    """A column header compared without case, spaces or punctuation (``Regio's`` -> ``regios``)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def export_label(export: Path, plan: Path) -> str:
    """An export as a record file names it: relative to the plan's metingen folder."""
    try:
        return Path(
            os.path.relpath(export.resolve(), (plan / metingen.DIRECTORY).resolve())
        ).as_posix()
    except ValueError:  # another drive on Windows
        return str(export)


def read_export(export: Path) -> Table:
    """One export given on the command line (csv or xlsx) as a table, or refused in Dutch
    (the police and monitor imports)."""
    errors: list[str] = []
    bestand = Bestand("export", export.resolve(), str(export), 0)
    table = read_table(bestand, lambda _line, text: errors.append(text))
    if table is None:
        raise Geweigerd(" ".join(errors).replace(" Paden zijn relatief aan de map metingen/.", ""))
    return table


def read_table(bestand: Bestand, error: Callable[[int, str], None]) -> Table | None:
    path, label = bestand.path, bestand.text
    if not path.exists():
        error(
            bestand.line,
            f"bestand '{label}' bestaat niet (gezocht in {path}). Paden zijn "
            "relatief aan de map metingen/.",
        )
        return None
    try:
        data = path.read_bytes()
    except OSError as err:
        error(bestand.line, f"bestand {unreadable(err, path, repr(label))}")
        return None
    if not data:
        error(bestand.line, f"bestand '{label}' is leeg (0 bytes). Download het opnieuw.")
        return None
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(bestand, data, error)
    if suffix == ".csv":
        if bestand.blad:
            error(
                bestand.blad_line,
                f"bestand '{label}' is een CSV-bestand en heeft geen werkbladen; haal 'blad:' weg.",
            )
            return None
        return _read_csv(bestand, data, error)
    error(
        bestand.line,
        f"bestand '{label}' is geen .xlsx of .csv; sla de download op als "
        "Excel-werkmap (.xlsx) of als CSV.",
    )
    return None


def _read_xlsx(bestand: Bestand, data: bytes, error) -> Table | None:
    label = bestand.text
    if not data.startswith(b"PK"):
        error(
            bestand.line,
            f"bestand '{label}' is geen Excel-werkmap, al eindigt de naam op .xlsx. Open het in "
            "Excel of LibreOffice en sla het op als Excel-werkmap (.xlsx).",
        )
        return None
    try:
        check_archive(label, data)
        title, found = xlsx_rows.rows(data, bestand.blad)
        header = [_text(c) for c in next(found, (1, []))[1]]
        return Table(label, title, header, list(found))
    except UnsafeArchive as err:
        error(bestand.line, str(err))
    except KeyError as err:
        error(
            bestand.blad_line,
            f"bestand '{label}' heeft geen werkblad '{bestand.blad}'; wel: {err.args[0]}.",
        )
    except Exception:  # a damaged archive or XML: many kinds of errors
        error(
            bestand.line,
            f"bestand '{label}' kan niet als Excel-werkmap worden gelezen; het is beschadigd. "
            "Download het opnieuw.",
        )
    return None


def _read_csv(bestand: Bestand, data: bytes, error) -> Table | None:
    label = bestand.text
    if data.startswith(b"PK") or b"\x00" in data[:4096]:
        error(
            bestand.line,
            f"bestand '{label}' is geen tekstbestand (CSV), al eindigt de naam op .csv.",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Windows-1252, as Excel saves CSV
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [c.strip() for c in next(reader, [])]
    return Table(label, None, header, [(n, row) for n, row in enumerate(reader, 2) if row])


# --------------------------------------------------------------------------- values


@dataclass
class Uitkomst:
    """What one mapping gives: values per year and refused rows."""

    values: dict[int, metingen.Waarde] = field(default_factory=dict)
    afgewezen: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value else "0"
    return str(value).strip()


def _number(value: Any) -> Decimal | None | str:
    """A cell's number; None for "geen gegevens" (empty, ``.``); a reason when unreadable."""
    if isinstance(value, bool):
        return "is geen getal"
    if isinstance(value, Decimal):
        return value if value.is_finite() else "is geen getal"
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return number if number.is_finite() else "is geen getal"
    text = _text(value)
    if text in ("", ".", "-", "x"):
        return None
    try:
        return parse_number(text)
    except ParseError as err:
        return err.reason


def cell_text(value: Any) -> str:
    """A cell as trimmed text (whole floats without ``.0``); shared with the police import."""
    return _text(value)


def cell_number(value: Any) -> Decimal | None | str:
    """A cell's number, None for "geen gegevens", or why it is not a number (shared)."""
    return _number(value)


def period_match(text: str) -> re.Match[str] | None:
    """``2024JJ00``, ``2024MM03``, ``2024KW02``, ``2024`` (``*``: provisional), or None."""
    return _PERIOD.match(text)


def _rows_text(rows: list[int]) -> str:
    """``14-25`` for a run of rows, ``4, 9`` otherwise."""
    rows = sorted(rows)
    if len(rows) > 1 and rows[-1] - rows[0] == len(rows) - 1:
        return f"{rows[0]}-{rows[-1]}"
    return ", ".join(str(r) for r in rows)


def collect(
    koppeling: Koppeling,
    table: Table,
    inwoners: dict[int, Decimal],
    error,
    gemeente: Gemeente | None = None,
) -> Uitkomst:
    """The indicator's values per year from one export (pure over the table); with
    ``gemeente``, from her rows only (the file's ``gemeente:`` column has her code or name)."""
    uitkomst = Uitkomst()
    bestand = koppeling.bestand
    checks = [
        (bestand.periode, bestand.periode_line),
        (koppeling.waarde, koppeling.waarde_line),
    ]
    checks += [(name, line) for name, (_v, line) in koppeling.filter.items()]
    if gemeente is not None and bestand.gemeente:
        checks.append((bestand.gemeente, bestand.gemeente_line))
    columns = table.columns(checks, error)
    if columns is None:
        return uitkomst
    wanted = [(columns[name], value) for name, (value, _line) in koppeling.filter.items()]
    whose = columns[bestand.gemeente] if gemeente is not None and bestand.gemeente else None
    wie = koppeling.indicator if gemeente is None else f"{koppeling.indicator} ({gemeente.naam})"
    period_col, value_col = columns[koppeling.bestand.periode], columns[koppeling.waarde]
    years: dict[int, dict[str, list[tuple[int, int, Decimal | None]]]] = {}
    starred: set[int] = set()
    filtered = [i for i, _v in wanted] + ([] if whose is None else [whose])
    width = max([period_col, value_col, *filtered]) + 1
    selected: list[int] = list(range(len(table.rows)))
    for index, value in wanted:  # other gemeenten, other kinds of crime: not ours
        texts = table.column_text(index)
        selected = [k for k in selected if texts[k] == value]
    if whose is not None and gemeente is not None:  # her rows, by code or by name
        hers = {gemeente.naam.casefold(), gemeente.code.casefold()}
        texts = table.column_text(whose)
        selected = [k for k in selected if texts[k].casefold() in hers]
    for k in selected:
        row_number, row = table.rows[k]
        wide = table.too_wide(row)
        if wide is not None:
            uitkomst.afgewezen.append(f"{table.where(row_number)}: {wide}")
            continue
        cells = row if len(row) >= width else [*row, *([None] * (width - len(row)))]
        period = _text(cells[period_col]).replace(" ", "")
        match = _PERIOD.match(period)
        if not match or (
            match["kind"]
            and match["kind"] != "JJ"
            and not 1 <= int(match["n"]) <= PARTS_PER_YEAR[match["kind"]]
        ):
            uitkomst.afgewezen.append(
                f"{table.where(row_number)}: periode '{period}' niet "
                "herkend; verwacht 2024JJ00, 2024MM03, 2024KW02 of 2024."
            )
            continue
        if int(match["year"]) not in metingen.YEARS:
            uitkomst.afgewezen.append(
                f"{table.where(row_number)}: periode '{period}': het jaar {match['year']} ligt "
                f"niet tussen {metingen.YEARS[0]} en {metingen.YEARS[-1]}; controleer de "
                "periode in het bestand."
            )
            continue
        number = _number(cells[value_col])
        if isinstance(number, str):
            uitkomst.afgewezen.append(
                f"{table.where(row_number)}: waarde '{_text(cells[value_col])}' {number}; "
                "verwacht een getal zoals 6,9 (of leeg of '.' voor geen gegevens)."
            )
            continue
        kind = match["kind"] or "JJ"
        part = int(match["n"]) if kind != "JJ" else 0
        if match["star"]:
            starred.add(int(match["year"]))
        years.setdefault(int(match["year"]), {}).setdefault(kind, []).append(
            (row_number, part, number)
        )
    used = {period_col, value_col, *filtered}
    for year in sorted(years):
        waarde = _year_value(
            koppeling, (wie, gemeente), table, year, years[year], inwoners, uitkomst, used
        )
        if waarde is not None:
            uitkomst.values[year] = replace(waarde, voorlopig=True) if year in starred else waarde
    return uitkomst


def is_identifier(table: Table, index: int) -> bool:
    """``ID``: named so, or numbering the rows (whole numbers counting up by one)."""
    if table.header[index].strip().lower() in ("id", "rij", "rijnummer", "volgnummer"):
        return True
    column = table.column_text(index)
    if len(column) < 2 or not all(v.isdigit() for v in column):
        return False
    numbers = [int(v) for v in column]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def differing_columns(table: Table, rows: list[int], used: set[int]) -> list[tuple[str, list[str]]]:
    """The columns (other than ``used``) in which ``rows`` differ, with their values: what
    would tell them apart in a filter. A column that differs on every row of the file (an
    ``ID``, a row number: :func:`is_identifier`) tells nothing and is left out."""
    by_number = dict(table.rows)
    out: list[tuple[str, list[str]]] = []
    for index, name in enumerate(table.header):
        if index in used or not name:
            continue
        values = [_text(by_number[r][index]) if index < len(by_number[r]) else "" for r in rows]
        if len(set(values)) < 2:
            continue
        if is_identifier(table, index):
            continue
        out.append((name, list(dict.fromkeys(values))))
    return out


def _double_rows_hint(table: Table, rows: list[int], used: set[int]) -> str:
    differ = differing_columns(table, rows, used)
    if not differ:
        return (
            "ze zijn gelijk op de waarde na. Haal de dubbele rij uit het bestand (of download "
            "het opnieuw)."
        )
    named = " en ".join(f"{name} ({', '.join(values)})" for name, values in differ)
    name, values = differ[0]
    kolom = "kolom" if len(differ) == 1 else "kolommen"
    return (
        f"ze verschillen in {kolom} {named}. Zet die kolom in het filter in koppeling.yaml, "
        f"bijvoorbeeld {{{name}: {_yaml_scalar(values[0])}}}; dan is er één rij per periode."
    )


def _yaml_scalar(text: str) -> str:
    """``GM0758`` as is, ``1.4`` or ``ja`` quoted, as YAML must read them back as text."""
    if re.fullmatch(r"[A-Za-z][\w-]*", text) and text.lower() not in (
        "ja",
        "nee",
        "yes",
        "no",
        "true",
        "false",
        "on",
        "off",
        "null",
        "y",
        "n",
    ):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _year_value(
    koppeling, whose, table, year, kinds, inwoners, uitkomst, used: set[int]
) -> metingen.Waarde | None:
    wie, gemeente = whose
    kind = "JJ" if "JJ" in kinds else ("KW" if "KW" in kinds else "MM")
    entries = kinds[kind]
    parts: dict[int, list[int]] = {}
    for row, part, _n in entries:
        parts.setdefault(part, []).append(row)
    doubles = [rows for rows in parts.values() if len(rows) > 1]
    if doubles:
        rows = ", ".join(str(r) for r in doubles[0])
        uitkomst.afgewezen.append(
            f"{table.where(doubles[0][0])}: {wie} {year}: rijen {rows} passen "
            f"allebei bij het filter; {_double_rows_hint(table, doubles[0], used)}"
        )
        return None
    known = [(row, part, n) for row, part, n in entries if n is not None]
    if not known:
        return None  # only "geen gegevens"
    total = sum((n for _r, _p, n in known), Decimal(0))
    voorlopig = kind != "JJ" and len(known) < PARTS_PER_YEAR[kind]
    if koppeling.per_inwoners:
        count = inwoners.get(year)
        if count is None:
            uitkomst.afgewezen.append(
                f"{table.where(known[0][0])}: {wie} {year}: geen inwonertal voor "
                f"{year} onder 'inwoners:' in koppeling.yaml (nodig voor per_inwoners, regel "
                f"{koppeling.per_line}); vul het aan"
                + (f" onder de code {gemeente.code}." if gemeente is not None else ".")
            )
            return None
        total = (total / count * koppeling.per_inwoners).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    try:
        text = metingen.value_text(total.normalize() if total % 1 else total.quantize(1))
    except InvalidOperation:  # pragma: no cover - finite by construction
        return None
    return metingen.Waarde(
        text,
        voorlopig,
        koppeling.bestand.text,
        table.sheet or "",
        _rows_text([r for r, _p, _n in known]),
    )


# --------------------------------------------------------------------------- merging


@dataclass
class Samenvoeging:
    result: metingen.Metingen
    nieuw: list[tuple[metingen.Reeks, int]] = field(default_factory=list)
    bijgewerkt: list[tuple[metingen.Reeks, int, metingen.Waarde]] = field(default_factory=list)
    gewijzigd: list[tuple[metingen.Reeks, int, metingen.Waarde, metingen.Waarde]] = field(
        default_factory=list
    )  # series, year, old, new
    gelijk: int = 0


def merge(existing: metingen.Metingen, new: metingen.Metingen) -> Samenvoeging:
    """Existing values stay; a provisional value may become final; other changes conflict."""
    result = {item: dict(years) for item, years in existing.items()}
    merged = Samenvoeging(result)
    for item, years in sorted(new.items()):
        for year, waarde in sorted(years.items()):
            old = result.setdefault(item, {}).get(year)
            if old is None:
                merged.nieuw.append((item, year))
            elif old == waarde:
                merged.gelijk += 1
                continue
            elif old.voorlopig or old.waarde == waarde.waarde:
                merged.bijgewerkt.append((item, year, old))
            else:
                merged.gewijzigd.append((item, year, old, waarde))
            result[item][year] = waarde
    return merged


# --------------------------------------------------------------------------- the command


def importeer(
    plan: Path,
    *,
    overschrijf: bool = False,
    proef: bool = False,
    say: Callable[[str], None] = print,
) -> int:
    """Import the plan's measurements; returns the exit code of :func:`.command.run`."""
    return command.run(
        lambda written: _importeer(plan, overschrijf, proef, say, written),
        say,
        record=metingen.LABEL,
    )


def _importeer(plan: Path, overschrijf: bool, proef: bool, say, written: list[Path]) -> int:
    command.plan_conf(plan)
    directory = plan / metingen.DIRECTORY
    mapping_path = directory / metingen.MAPPING
    if not mapping_path.exists():
        raise Geweigerd(
            f"{MAPPING_LABEL} ontbreekt. Leg daarin vast welk bestand, welke kolom en welk "
            "filter bij welke effectindicator horen (zie 'Metingen' in de README)."
        )
    target = directory / metingen.FILENAME
    command.check_places(
        target,
        folder_is="de map metingen",
        file_is="het bestand met de metingen",
        writing=not proef,
    )
    gelezen = _read_everything(plan, mapping_path, say)
    if proef:
        return _merge_and_write(target, gelezen, overschrijf, proef, say, written)
    with command.locked(target, say):
        return _merge_and_write(target, gelezen, overschrijf, proef, say, written)


@dataclass
class Gelezen:
    """What the exports give: values per series and year, refused rows, missing values."""

    new: metingen.Metingen = field(default_factory=dict)
    afgewezen: list[str] = field(default_factory=list)
    #: A joint plan: values one gemeente lacks that the others have (or all her rows).
    ontbreekt: list[str] = field(default_factory=list)
    #: A joint plan: CBS code -> name, for the messages.
    namen: dict[str, str] = field(default_factory=dict)

    def wie(self, reeks: metingen.Reeks) -> str:
        """``EI_OVERLAST (Beekveld)`` for a gemeente's series, else the indicator."""
        if not reeks.gemeente:
            return reeks.indicator
        return f"{reeks.indicator} ({self.namen.get(reeks.gemeente, reeks.gemeente)})"


def _read_everything(plan: Path, mapping_path: Path, say) -> Gelezen:
    """The values per indicator (and gemeente) and year the exports give, and the rows
    refused."""
    mapping, errors = read_mapping(mapping_path, plan_indicator_ids(plan))
    gemeenten = plan_gemeenten(plan)
    tables: dict[str, Table] = {}
    uitkomsten: list[tuple[Koppeling, metingen.Reeks, Uitkomst]] = []
    per_gemeente: list[tuple[Koppeling, dict[Gemeente, Uitkomst]]] = []
    if mapping is not None:

        def error(line: int, text: str) -> None:
            errors.append(f"{MAPPING_LABEL}, regel {line}: {text}")

        _check_gemeenten(mapping, gemeenten, error)
        used = {k.bestand.name for k in mapping.koppelingen}
        for name in sorted(used):
            table = read_table(mapping.bestanden[name], error)
            if table is not None:
                tables[name] = table
        circles = indicator_gemeenten(plan, gemeenten) if gemeenten else {}
        for koppeling in mapping.koppelingen:
            table = tables.get(koppeling.bestand.name)
            if table is None:
                continue
            if not (gemeenten and koppeling.bestand.gemeente):
                uitkomst = collect(koppeling, table, mapping.inwoners, error)
                uitkomsten.append((koppeling, metingen.Reeks(koppeling.indicator), uitkomst))
                continue
            circle = circles.get(koppeling.indicator, [])
            found = {
                g: collect(
                    koppeling, table, mapping.inwoners_per_gemeente.get(g.code, {}), error, g
                )
                for g in circle
            }
            for g, uitkomst in found.items():  # one gemeente: the indicator's one series
                reeks = metingen.Reeks(koppeling.indicator, g.code if len(circle) > 1 else "")
                uitkomsten.append((koppeling, reeks, uitkomst))
            if len(circle) > 1:
                per_gemeente.append((koppeling, found))
    if errors or mapping is None:
        errors = list(dict.fromkeys(errors))  # a file's mistake is told once, not per indicator
        raise Geweigerd(
            f"{MAPPING_LABEL} klopt niet ({len(errors)} "
            f"{'fout' if len(errors) == 1 else 'fouten'}):\n  "
            + "\n  ".join(errors)
            + "\nHerstel de koppeling en importeer opnieuw."
        )
    gelezen = Gelezen(namen={g.code: g.naam for g in gemeenten})
    gelezen.afgewezen = [line for _k, _r, u in uitkomsten for line in u.afgewezen]
    for koppeling, reeks, uitkomst in uitkomsten:
        gelezen.new.setdefault(reeks, {}).update(uitkomst.values)
        if not uitkomst.values and not uitkomst.afgewezen and not reeks.gemeente:
            say(
                f"Let op     {koppeling.indicator}: geen enkele rij van "
                f"{koppeling.bestand.text} past bij het filter (regel {koppeling.line})."
            )
    for koppeling, found in per_gemeente:
        gelezen.ontbreekt += _missing(koppeling, found)
    return gelezen


def _check_gemeenten(mapping: Mapping, gemeenten: list[Gemeente], error) -> None:
    """``gemeente:`` and inwoners per gemeente belong to a joint plan, with its codes."""
    codes = {g.code for g in gemeenten}
    for bestand in mapping.bestanden.values():
        if bestand.gemeente and not gemeenten:
            error(
                bestand.gemeente_line,
                f"bestand '{bestand.name}': 'gemeente:' geeft een waarde per gemeente, en hoort "
                "bij een plan van meer gemeenten (kernbeleid_gemeenten in conf.py). Kies in een "
                "plan van één gemeente haar rijen met een filter, bijvoorbeeld "
                f"filter: {{{bestand.gemeente}: GM0758}}.",
            )
    for code in mapping.inwoners_per_gemeente:
        if code not in codes:
            known = ", ".join(str(g) for g in gemeenten) or "geen: dit plan is van één gemeente"
            error(
                mapping.inwoners_line,
                f"inwoners: {code} doet niet mee aan dit plan (deelnemers: {known}).",
            )


def _missing(koppeling: Koppeling, found: dict[Gemeente, Uitkomst]) -> list[str]:
    """Dutch lines naming each gemeente without the values the others have."""
    file = f"{koppeling.bestand.text} (kolom {koppeling.bestand.gemeente})"
    out: list[str] = []
    with_values = [g for g, u in found.items() if u.values]
    if not with_values:
        out.append(
            f"{koppeling.indicator}: geen enkele gemeente heeft een waarde in {file}; "
            f"controleer de codes of namen in die kolom en het filter (regel {koppeling.line})."
        )
        return out
    years = sorted({year for u in found.values() for year in u.values})
    for gemeente, uitkomst in found.items():
        lacking = [y for y in years if y not in uitkomst.values]
        if not lacking:
            continue
        others = [g.naam for g in with_values if g is not gemeente]
        if not uitkomst.values and not uitkomst.afgewezen:
            what = f"geen enkele rij van {gemeente} in {file}"
        else:
            what = f"geen waarde voor {', '.join(map(str, lacking))} in {file}"
        out.append(
            f"{koppeling.indicator} ({gemeente.naam}): {what}, wel voor "
            f"{_names(others)}. Haal de cijfers van {gemeente.naam} erbij en importeer opnieuw; "
            f"tot dan zeggen de documenten van {gemeente.naam} 'geen meting'."
        )
    return out


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def _merge_and_write(target: Path, gelezen: Gelezen, overschrijf, proef, say, written) -> int:
    new, afgewezen, wie = gelezen.new, gelezen.afgewezen, gelezen.wie
    existing: metingen.Metingen = {}
    old_text: str | None = None
    if target.exists():
        read, problems = metingen.read_file(target)
        if read is None or problems:
            raise command.unreadable_record(metingen.LABEL, problems)
        existing = read
        old_text = command.read_text(target, metingen.LABEL)
    merged = merge(existing, new)
    if merged.gewijzigd and not overschrijf:
        lines = [
            f"  {wie(item)} {year}: staat als {old.waarde} in {metingen.LABEL} (regel {old.line}); "
            f"{new_.herkomst} zegt {new_.waarde}."
            for item, year, old, new_ in merged.gewijzigd
        ]
        raise Geweigerd(
            "de bestanden spreken een eerdere import tegen:\n"
            + "\n".join(lines)
            + "\nControleer welke waarde klopt (is het cijfer bij de bron herzien?). Wilt u de "
            "nieuwe waarden gebruiken, importeer dan opnieuw met --overschrijf."
        )
    for line in afgewezen:
        say(f"Afgewezen  {line}")
    for line in gelezen.ontbreekt:
        say(f"Ontbreekt  {line}")
    for item, year, old in merged.bijgewerkt:
        say(
            f"Bijgewerkt {wie(item)} {year}: {old.waarde}{' (voorlopig)' if old.voorlopig else ''} "
            f"→ {merged.result[item][year].waarde}"
        )
    for item, year, old, new_ in merged.gewijzigd:
        say(f"Overschreven {wie(item)} {year}: {old.waarde} → {new_.waarde}")
    changed = len(merged.bijgewerkt) + len(merged.gewijzigd)
    say(
        f"Verwerkt: {len(merged.nieuw)} waarde{'n' if len(merged.nieuw) != 1 else ''} nieuw, "
        f"{changed} bijgewerkt, {merged.gelijk} stond(en) er al."
    )
    if afgewezen:
        say(
            f"Afgewezen: {len(afgewezen)} rij(en); die zijn niet verwerkt. Herstel ze in het "
            "bestand (of het filter) en importeer opnieuw – wat al verwerkt is, verandert dan "
            "niet."
        )
    if gelezen.ontbreekt:
        say(
            f"Ontbreekt: {len(gelezen.ontbreekt)} keer heeft een gemeente geen waarde die de "
            "andere wel hebben; wat er wel is, is verwerkt."
        )
    if not merged.nieuw and not changed:
        say(f"Niets veranderd: {metingen.LABEL} is niet aangepast.")
    elif proef:
        say(f"Proef: {metingen.LABEL} zou worden bijgewerkt; er is niets geschreven.")
    else:
        changes: metingen.Metingen = {}
        for item, year in merged.nieuw:
            changes.setdefault(item, {})[year] = merged.result[item][year]
        updated = [(i, y) for i, y, _o in merged.bijgewerkt]
        updated += [(i, y) for i, y, _o, _n in merged.gewijzigd]
        for item, year in updated:
            changes.setdefault(item, {})[year] = merged.result[item][year]
        command.write_record(target, metingen.update_text(old_text, changes), written, say)
    return GEDEELTELIJK if afgewezen or gelezen.ontbreekt else OK
