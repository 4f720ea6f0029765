"""``kernbeleid voortgang importeer``: a partner's filled-in workbook into the plan's YAML.

Reads the workbook (never writes it), compares every row with the very hidden export
copy, validates what the partner changed, and merges the accepted values into
``<plan>/voortgang/<periode>.yaml`` atomically. Every rejected cell is told as
``sheet!cell: what is wrong``; a conflict with an earlier import for the same quarter
refuses the whole import unless ``overschrijf``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ..files.errors import visible
from ..files.xlsx_archive import UnsafeArchive, check_archive, looks_like_text
from ..model import display
from ..model.parsing import (
    ParseError,
    Quarter,
    format_number,
    parse_money,
    parse_number,
    parse_quarter,
)
from ..model.plan import STATUSES
from ..records import voortgang, werkboek
from ..records.werkboek import Column
from . import command
from .command import GEDEELTELIJK, OK, Geweigerd

MAX_BYTES = 50 * 1024 * 1024  # a progress workbook is far below this


@dataclass(frozen=True)
class Melding:
    where: str  # "Maatregelen!P7", or the file name
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


@dataclass(frozen=True)
class Update:
    section: str  # voortgang.MAATREGELEN or voortgang.INDICATOREN
    item: str
    name: str  # status, toelichting, realisatie
    value: str
    where: str


@dataclass
class Lezing:
    """What a workbook says: accepted updates, rejected cells, and notices."""

    meta: dict[str, str] = field(default_factory=dict)
    updates: list[Update] = field(default_factory=list)
    afgewezen: list[Melding] = field(default_factory=list)
    opmerkingen: list[Melding] = field(default_factory=list)
    rijen_verwerkt: int = 0  # rows whose new values were taken
    rijen_afgewezen: int = 0

    @property
    def joint(self) -> bool:
        """A joint plan's workbook: its sheets have the column *Gemeenten*."""
        return bool(self.meta.get("gemeenten"))


# --------------------------------------------------------------------------- the file


def open_workbook(path: Path):  # -> openpyxl Workbook
    """Open a workbook from an untrusted sender, or refuse it with a clear Dutch message."""
    name = path.name
    if not path.is_file():
        raise Geweigerd(f"{path}: bestand niet gevonden.")
    suffix = path.suffix.lower()
    if suffix != ".xlsx":
        raise Geweigerd(
            f"{name}: is geen Excel-werkmap (.xlsx) maar '{suffix or 'zonder extensie'}'. "
            "Open het in Excel of LibreOffice en sla het op als Excel-werkmap (.xlsx)."
        )
    size = path.stat().st_size
    if size == 0:
        raise Geweigerd(
            f"{name}: het bestand is leeg (0 bytes). Vraag de afzender het opnieuw te sturen."
        )
    if size > MAX_BYTES:
        raise Geweigerd(
            f"{name}: het bestand is te groot ({size // 1_000_000} MB) voor een voortgangswerkboek."
        )
    data = command.read_bytes(path, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Geweigerd(
            f"{name}: dit is een versleuteld werkboek of een oud .xls-bestand. Sla het op als "
            "Excel-werkmap (.xlsx) zonder wachtwoord."
        )
    if not data.startswith(b"PK"):
        kind = "een tekstbestand (bijvoorbeeld CSV)" if looks_like_text(data) else "geen werkboek"
        raise Geweigerd(
            f"{name}: is {kind}, al eindigt de naam op .xlsx. Open het werkboek dat u kreeg in "
            "Excel of LibreOffice en sla het op als Excel-werkmap (.xlsx)."
        )
    try:
        check_archive(name, data)
    except UnsafeArchive as err:
        raise Geweigerd(str(err)) from None
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise Geweigerd("defusedxml ontbreekt; installeer het pakket opnieuw.")
    try:
        return load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
    except Exception as err:
        if _caused_by(err, DefusedXmlException):
            raise Geweigerd(
                f"{name}: bevat verdachte XML (zelfgedefinieerde entiteiten, een bekende "
                "aanval). Het bestand is geweigerd; vraag de afzender het werkboek opnieuw op "
                "te slaan."
            ) from None
        # openpyxl raises many kinds of errors for damaged files
        raise Geweigerd(
            f"{name}: kan niet als Excel-werkmap worden gelezen; het is beschadigd of in een "
            "ander formaat opgeslagen. Open het in Excel of LibreOffice en sla het opnieuw op "
            "als Excel-werkmap (.xlsx)."
        ) from None


def _caused_by(err: BaseException, kind: type) -> bool:
    """openpyxl wraps parser errors; look down the chain for the one that matters."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


# --------------------------------------------------------------------------- reading


@dataclass
class _Original:
    first: bool
    values: dict[str, str]  # column key -> normalised exported value


def _export_copy(workbook, name: str) -> tuple[dict[str, str], dict[str, dict[tuple, _Original]]]:
    if werkboek.EXPORT not in workbook.sheetnames:
        raise Geweigerd(
            f"{name}: dit werkboek is niet gemaakt met 'sphinx-build -b kernbeleid-xlsx' (het "
            f"verborgen werkblad '{werkboek.EXPORT}' ontbreekt). Stuur partners het werkboek uit "
            "de build en importeer dat."
        )
    sheet = workbook[werkboek.EXPORT]
    meta: dict[str, str] = {}
    rows: dict[str, dict[tuple, _Original]] = {werkboek.MAATREGELEN: {}, werkboek.INDICATOREN: {}}
    for values in sheet.iter_rows(values_only=True):
        if not values or values[0] is None:
            continue
        kind = str(values[0])
        if kind in rows:
            columns = werkboek.EXPORT_COLUMNS[kind]
            cells = list(values[2:]) + [None] * len(columns)
            original = _Original(
                values[1] != "vervolg",
                {c.key: werkboek.normalise(v) for c, v in zip(columns, cells, strict=False)},
            )
            key = tuple(original.values[k] for k in werkboek.KEY_COLUMNS[kind])
            rows[kind][key] = original
        else:
            meta[kind] = werkboek.normalise(values[1] if len(values) > 1 else None)
    if meta.get("formaat") != str(werkboek.FORMAT_VERSION):
        raise Geweigerd(
            f"{name}: komt uit een andere versie van kernbeleid (formaat {meta.get('formaat')!r}). "
            "Maak een nieuw werkboek met de huidige versie."
        )
    return meta, rows


def _header_map(sheet, columns: tuple[Column, ...], lezing: Lezing) -> dict[str, int]:
    """Column key -> column index, found by header text (partners may move columns)."""
    wanted = {c.header.casefold(): c for c in columns}
    found: dict[str, int] = {}
    for cell in sheet[1] if sheet.max_row >= 1 else ():
        header = werkboek.normalise(cell.value)
        column = wanted.get(header.casefold())
        if column is not None and column.key not in found:
            found[column.key] = cell.column
        elif header:
            lezing.afgewezen.append(
                Melding(
                    f"{sheet.title}!{cell.coordinate}",
                    f"onbekende kolom '{header}'; wat erin staat wordt niet geïmporteerd. "
                    "Zet opmerkingen in de kolom Toelichting.",
                )
            )
    missing = [c.header for c in columns if c.key not in found]
    if missing:
        raise Geweigerd(
            f"{sheet.title}!1: kolom{'men' if len(missing) > 1 else ''} "
            + ", ".join(f"'{m}'" for m in missing)
            + " ontbreekt. Gebruik het werkboek zoals het is verstuurd, zonder kolommen te "
            "verwijderen of kopjes te wijzigen."
        )
    return found


def read(path: Path) -> Lezing:
    """Everything a workbook says, checked; raises :class:`Geweigerd` when unusable."""
    workbook = open_workbook(path)
    name = path.name
    meta, originals = _export_copy(workbook, name)
    lezing = Lezing(meta=meta)
    if werkboek.MAATREGELEN not in workbook.sheetnames:
        raise Geweigerd(
            f"{name}: het werkblad '{werkboek.MAATREGELEN}' ontbreekt. Gebruik het werkboek zoals "
            "het is verstuurd."
        )
    for sheet_name in workbook.sheetnames:
        if sheet_name not in werkboek.SHEETS:
            lezing.afgewezen.append(
                Melding(
                    f"{name}",
                    f"werkblad '{sheet_name}' is onbekend; wat erop staat wordt niet "
                    "geïmporteerd. Zet de voortgang op het werkblad Maatregelen.",
                )
            )
    for sheet_name in (werkboek.INDICATOREN, werkboek.TOELICHTING):
        if sheet_name not in workbook.sheetnames:
            lezing.opmerkingen.append(
                Melding(name, f"werkblad '{sheet_name}' ontbreekt (er stond niets in te vullen).")
            )
    _read_maatregelen(workbook[werkboek.MAATREGELEN], originals[werkboek.MAATREGELEN], lezing)
    if werkboek.INDICATOREN in workbook.sheetnames:
        _read_locked_sheet(workbook[werkboek.INDICATOREN], originals[werkboek.INDICATOREN], lezing)
    return lezing


def _rows(sheet, columns: tuple[Column, ...], lezing: Lezing):
    """(row number, {key: cell}) of every non-empty row; stray cells are reported."""
    header = _header_map(sheet, columns, lezing)
    known = set(header.values())
    for row in sheet.iter_rows(min_row=2):
        cells = {key: row[index - 1] for key, index in header.items() if index - 1 < len(row)}
        stray = [c for c in row if c.column not in known and c.value not in (None, "")]
        for cell in stray:
            lezing.afgewezen.append(
                Melding(
                    f"{sheet.title}!{cell.coordinate}",
                    "staat buiten de kolommen van het werkboek en wordt niet geïmporteerd.",
                )
            )
        if any(c.value not in (None, "") for c in cells.values()):
            yield row[0].row, cells


def _where(sheet, cell) -> str:
    return f"{sheet.title}!{cell.coordinate}"


def _key_of(sheet_name: str, cells: dict) -> tuple[str, ...]:
    return tuple(werkboek.normalise(cells[k].value) for k in werkboek.KEY_COLUMNS[sheet_name])


def _unknown_row(sheet, cells, key: tuple[str, ...]) -> Melding:
    first = cells[werkboek.KEY_COLUMNS[sheet.title][0]]
    what = " / ".join(k for k in key if k) or "(lege id)"
    return Melding(
        _where(sheet, first),
        f"onbekende regel '{what}': staat niet in het werkboek zoals het is verstuurd. Regels "
        "toevoegen of ids wijzigen kan niet; nieuwe maatregelen komen in het plan zelf.",
    )


def _duplicates(sheet, rows: list[tuple[int, dict]]) -> dict[tuple, list[int]]:
    seen: dict[tuple, list[int]] = {}
    for number, cells in rows:
        seen.setdefault(_key_of(sheet.title, cells), []).append(number)
    return {key: numbers for key, numbers in seen.items() if len(numbers) > 1}


def _locked_problems(sheet, columns, cells, original: _Original) -> list[Melding]:
    out = []
    for column in columns:
        if column.kind != "vast":
            continue
        cell = cells[column.key]
        now, was = werkboek.normalise(cell.value), original.values.get(column.key, "")
        if now != was:
            out.append(
                Melding(
                    _where(sheet, cell),
                    f"kolom '{column.header}' is vergrendeld en is gewijzigd (was "
                    f"'{was or 'leeg'}', nu '{now or 'leeg'}'). Zet de oorspronkelijke waarde "
                    "terug; meld een fout in het plan in de Toelichting.",
                )
            )
    return out


def _read_locked_sheet(sheet, originals: dict[tuple, _Original], lezing: Lezing) -> None:
    columns = werkboek.sheet_columns(werkboek.INDICATOREN, lezing.joint)
    for _number, cells in _rows(sheet, columns, lezing):
        key = _key_of(sheet.title, cells)
        original = originals.get(key)
        if original is None:
            lezing.afgewezen.append(_unknown_row(sheet, cells, key))
        else:
            for melding in _locked_problems(sheet, columns, cells, original):
                lezing.afgewezen.append(
                    Melding(
                        melding.where, melding.text + " (Dit werkblad is alleen ter informatie.)"
                    )
                )


def _read_maatregelen(sheet, originals: dict[tuple, _Original], lezing: Lezing) -> None:
    columns = werkboek.sheet_columns(werkboek.MAATREGELEN, lezing.joint)
    rows = list(_rows(sheet, columns, lezing))
    duplicates = _duplicates(sheet, rows)
    for number, cells in rows:
        key = _key_of(sheet.title, cells)
        original = originals.get(key)
        problems: list[Melding] = []
        updates: list[Update] = []
        if key in duplicates:
            others = ", ".join(str(n) for n in duplicates[key] if n != number)
            problems.append(
                Melding(
                    _where(sheet, cells["maatregel_id"]),
                    f"dubbele regel: {' / '.join(k for k in key if k)} staat ook in rij {others}. "
                    "Houd één regel over.",
                )
            )
        elif original is None:
            problems.append(_unknown_row(sheet, cells, key))
        else:
            problems += _locked_problems(sheet, columns, cells, original)
            for column in columns:
                if column.kind == "invul":
                    _fill_cell(sheet, column, cells, key, original, problems, updates, lezing)
        if problems:  # the whole row waits: its values belong together
            lezing.afgewezen += problems
            lezing.rijen_afgewezen += 1
        elif updates:
            lezing.updates += updates
            lezing.rijen_verwerkt += 1


def _fill_cell(sheet, column, cells, key, original, problems, updates, lezing) -> None:
    cell = cells[column.key]
    where = _where(sheet, cell)
    now, was = werkboek.normalise(cell.value), original.values.get(column.key, "")
    # Only a real formula is one: text that begins with '=' and that Excel stored as text
    # (typed as '=…, or in a text-formatted cell) is text and stays text.
    if cell.data_type == "f":
        problems.append(Melding(where, "bevat een formule; vul de waarde zelf in."))
        return
    if now == was:
        return  # unchanged since the export: nothing new reported
    maatregel_id, indicator_id = key
    if not now:
        lezing.opmerkingen.append(
            Melding(
                where,
                f"de eerder gemelde {column.header.lower()} '{was}' is leeggemaakt; een lege cel "
                "wist niets, de eerdere melding blijft staan.",
            )
        )
        return
    if column.key == "realisatie":
        if not indicator_id:
            problems.append(
                Melding(
                    where,
                    f"{maatregel_id} heeft geen prestatie-indicator; laat Realisatie leeg en "
                    "beschrijf de stand in de Toelichting.",
                )
            )
            return
        value = _realisatie(cell, original.values.get("eenheid", ""), where, problems)
        if value is not None:
            updates.append(Update(voortgang.INDICATOREN, indicator_id, "realisatie", value, where))
        return
    if not original.first:
        problems.append(
            Melding(
                where,
                f"{column.header.lower()} van {maatregel_id} hoort op de eerste regel van deze "
                "maatregel; laat deze cel leeg.",
            )
        )
        return
    if column.key == "status":
        status = now.lower()
        if status not in STATUSES:
            problems.append(
                Melding(
                    where,
                    f"status '{now}' bestaat niet; kies uit de lijst: " + ", ".join(STATUSES) + ".",
                )
            )
            return
        updates.append(Update(voortgang.MAATREGELEN, maatregel_id, "status", status, where))
    elif len(now) > werkboek.MAX_CELL_TEXT:
        problems.append(
            Melding(
                where,
                f"de toelichting is {format_number(Decimal(len(now)))} tekens lang, meer dan de "
                f"{format_number(Decimal(werkboek.MAX_CELL_TEXT))} die in een Excel-cel passen; "
                "maak haar korter.",
            )
        )
    else:
        shown, replaced = visible(now)
        if replaced:
            lezing.opmerkingen.append(
                Melding(
                    where,
                    f"de toelichting bevat een onzichtbaar stuurteken ({', '.join(replaced)}); "
                    "het is als zichtbaar teken overgenomen.",
                )
            )
        updates.append(Update(voortgang.MAATREGELEN, maatregel_id, "toelichting", shown, where))


def _realisatie(cell, eenheid: str, where: str, problems: list[Melding]) -> str | None:
    """The realisation in a cell as Dutch number text, or None with the reason told.

    Never reinterpreted: a fraction in a percentage column without percent formatting, a
    number Excel cannot hold exactly, a negative or absurdly large number are refused.
    """
    read = _cell_number(cell, eenheid, where, problems)
    if read is None:
        return None
    number, explicit_percent = read
    return _plausible(number, explicit_percent, cell.value, eenheid, where, problems)


def _cell_number(
    cell, eenheid: str, where: str, problems: list[Melding]
) -> tuple[Decimal, bool] | None:
    """(the number a cell holds, whether it was given as a percentage), or None, told."""
    percent_unit = eenheid.startswith("%")
    value = cell.value
    unit = f" (eenheid: {eenheid})" if eenheid else ""
    if isinstance(value, bool) or isinstance(value, datetime):
        problems.append(
            Melding(
                where,
                f"is geen getal maar {'een datum' if isinstance(value, datetime) else 'ja/nee'}; "
                f"vul een getal in{unit}.",
            )
        )
        return None
    explicit_percent = False
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number.is_finite() and werkboek.too_precise(number):
            problems.append(
                Melding(
                    where,
                    f"{_shown(number)} heeft meer dan {werkboek.EXCEL_DIGITS} cijfers; zo "
                    "precies bewaart Excel een getal niet. Typ het als tekst met een "
                    "apostrof ervoor, bijvoorbeeld '€ 99.999.999.999.999,99.",
                )
            )
            return None
        if "%" in (cell.number_format or ""):
            if not percent_unit:
                problems.append(
                    Melding(
                        where,
                        f"is als percentage ingevuld, maar de eenheid is '{eenheid}'; "
                        "vul het aantal in.",
                    )
                )
                return None
            number *= 100
            explicit_percent = True
    else:
        text = str(value).strip()
        lowered = text.lower()
        if eenheid and lowered.endswith(eenheid.lower()):
            explicit_percent = percent_unit
            text = text[: -len(eenheid)].strip()
        elif percent_unit and text.endswith("%"):
            explicit_percent = True
            text = text[:-1].strip()
        try:
            if werkboek.is_euro(eenheid):
                number = parse_money(str(value), hint="€ 1.250,50")
            else:
                number = parse_number(text, hint="12,5")
        except ParseError as err:
            problems.append(
                Melding(
                    where,
                    f"'{value}' {err.reason}; vul een getal in{unit}, bijvoorbeeld 12 of 12,5.",
                )
            )
            return None
    return number, explicit_percent


def _plausible(
    number: Decimal,
    explicit_percent: bool,
    value: object,
    eenheid: str,
    where: str,
    problems: list[Melding],
) -> str | None:
    """The number as Dutch text when a partner can mean it, or None with the reason told."""
    percent_unit = eenheid.startswith("%")
    unit = f" (eenheid: {eenheid})" if eenheid else ""
    if not number.is_finite():  # a crafted file can hold NaN or infinity
        problems.append(Melding(where, f"'{value}' is geen getal{unit}."))
        return None
    if abs(number) >= MAX_REALISATIE:
        problems.append(
            Melding(
                where,
                f"{_shown(number)} is te groot voor een realisatie{unit}; controleer het getal.",
            )
        )
        return None
    if number < 0:
        problems.append(
            Melding(
                where,
                f"{_shown(number)} is negatief; een realisatie is wat er tot nu toe is bereikt"
                f"{unit}, 0 of meer.",
            )
        )
        return None
    if percent_unit and not explicit_percent and 0 < number < 1:
        percent = _shown(number * 100)
        problems.append(
            Melding(
                where,
                f"{_shown(number)} in een kolom met eenheid %: bedoelt u {percent} %? Vul dan "
                f"{percent} in. Bedoelt u echt {_shown(number)} %, typ dan "
                f"'{_shown(number)} %'.",
            )
        )
        return None
    return voortgang.realisatie_text(number.normalize())


#: Larger than any count, percentage or amount a partner reports (and than Excel's
#: validation of the column allows): ``1e308`` is refused, not stored as 309 digits.
MAX_REALISATIE = Decimal(10) ** 15


def _shown(number: Decimal) -> str:
    """A number as a Dutch reader writes it, for messages (huge ones in E-notation)."""
    if abs(number) >= MAX_REALISATIE * 1000:
        return f"{number:.3E}".replace(".", ",")
    return format_number(number.normalize())


# --------------------------------------------------------------------------- merging


@dataclass
class Samenvoeging:
    result: voortgang.PeriodFile
    nieuw: list[Update] = field(default_factory=list)
    gewijzigd: list[tuple[Update, str]] = field(default_factory=list)  # update, old value
    gelijk: list[Update] = field(default_factory=list)


def merge(
    existing: voortgang.PeriodFile | None, periode: Quarter, updates: list[Update]
) -> Samenvoeging:
    """The quarter's file with the updates in; nothing already there is dropped."""
    result = voortgang.PeriodFile(periode)
    if existing is not None:
        result.items = {s: {i: dict(f) for i, f in e.items()} for s, e in existing.items.items()}
        result.bronnen = list(existing.bronnen)
    merged = Samenvoeging(result)
    for update in updates:
        fields = result.items[update.section].setdefault(update.item, {})
        old = fields.get(update.name)
        if old is None:
            merged.nieuw.append(update)
        elif _same(update.name, old.value, update.value):
            merged.gelijk.append(update)
            continue
        else:
            merged.gewijzigd.append((update, old.value))
        fields[update.name] = voortgang.Entry(update.value, 0)
    return merged


def _same(name: str, old: str, new: str) -> bool:
    """A hand-written ``1.037`` is the workbook's ``1037``; ``Lopend`` is ``lopend``."""
    if name == "realisatie":
        try:
            return parse_number(old) == parse_number(new)
        except ParseError:
            return old == new
    if name == "status":
        return old.lower() == new.lower()
    return old == new


# --------------------------------------------------------------------------- the command


def _datum(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp)
        return display.moment(moment)
    except ValueError:
        return stamp or "?"


def importeer(
    workbook: Path,
    periode_text: str,
    plan: Path,
    *,
    overschrijf: bool = False,
    proef: bool = False,
    say: Callable[[str], None] = print,
    now: datetime | None = None,
) -> int:
    """Import one workbook; returns the exit code of :func:`.command.run`."""
    return command.run(
        lambda written: _importeer(
            workbook, periode_text, plan, overschrijf, proef, say, now, written
        ),
        say,
        record="het voortgangsbestand",
    )


def _importeer(workbook, periode_text, plan, overschrijf, proef, say, now, written) -> int:
    try:
        periode = parse_quarter(periode_text)
    except ParseError as err:
        raise Geweigerd(
            f"--periode {err.reason}; schrijf bijvoorbeeld --periode 2026-Q2."
        ) from None
    command.plan_conf(plan)
    lezing = read(workbook)
    meta = lezing.meta
    jaar = int(meta.get("uitvoeringsjaar") or 0)
    if jaar and not (periode.year == jaar or (periode.year == jaar + 1 and periode.quarter == 1)):
        raise Geweigerd(
            f"periode {periode} past niet bij dit werkboek van uitvoeringsplan {jaar}; kies "
            f"{jaar}-Q1 t/m {jaar}-Q4 (of {jaar + 1}-Q1 voor de eindstand)."
        )
    gemeente = command.setting(plan, "kernbeleid_gemeente")
    if gemeente and meta.get("gemeente") and meta["gemeente"] != gemeente:
        raise Geweigerd(
            f"{workbook.name}: dit werkboek hoort bij gemeente {meta['gemeente']}, het plan in "
            f"{plan} bij gemeente {gemeente}."
        )
    say(
        f"Werkboek {workbook.name}: gemeente {meta.get('gemeente', '?')}, uitvoeringsplan "
        f"{jaar or '?'}, gemaakt {_datum(meta.get('gemaakt', ''))}. Periode {periode}."
    )
    _compare_gemeenten(meta.get("gemeenten", ""), plan, workbook.name, lezing)
    target = plan / voortgang.DIRECTORY / f"{periode}.yaml"
    command.check_places(
        target,
        folder_is="de map met voortgangsbestanden",
        file_is=f"het voortgangsbestand van {target.stem}",
        writing=not proef,
    )
    if proef:
        return _merge_and_write(target, periode, lezing, workbook, overschrijf, True, say, now, [])
    # Two imports of one quarter at once: the second waits here, then reads what the
    # first wrote, so both partners' values end up in the file.
    with command.locked(target, say):
        return _merge_and_write(
            target, periode, lezing, workbook, overschrijf, False, say, now, written
        )


def _compare_gemeenten(written: str, plan: Path, name: str, lezing: Lezing) -> None:
    """A joint plan's workbook names its gemeenten; when the plan now names others, the
    progress (kept per maatregel) still counts, and the import says so."""
    then = [n.strip() for n in written.split(";") if n.strip()]
    now = [g.naam for g in command.plan_gemeenten(plan)]
    if then == now:
        return
    was = ", ".join(then) or "één gemeente"
    lezing.opmerkingen.append(
        Melding(
            name,
            f"het werkboek is gemaakt voor {was}; het plan noemt nu "
            f"{', '.join(now) or 'één gemeente'}. De voortgang geldt per maatregel en is "
            "verwerkt; voor welke gemeenten een maatregel geldt, zegt het plan.",
        )
    )


def _read_existing(target: Path) -> tuple[str | None, voortgang.PeriodFile | None]:
    label = f"{voortgang.DIRECTORY}/{target.name}"
    if not target.exists():
        return None, None
    existing, problems = voortgang.read_file(target, label)
    if existing is None or problems:
        raise command.unreadable_record(label, [str(p) for p in problems])
    return command.read_text(target, label), existing


def _merge_and_write(
    target, periode, lezing, workbook, overschrijf, proef, say, now, written
) -> int:
    label = f"{voortgang.DIRECTORY}/{target.name}"
    old_text, existing = _read_existing(target)
    merged = merge(existing, periode, lezing.updates)
    if merged.gewijzigd and not overschrijf:
        lines = [
            f"  {u.where}: {u.item} {u.name} staat al als '{old}' in {label}; "
            f"het werkboek zegt '{u.value}'."
            for u, old in merged.gewijzigd
        ]
        raise Geweigerd(
            f"dit werkboek spreekt een eerdere import voor {periode} tegen:\n"
            + "\n".join(lines)
            + "\nControleer welke waarde klopt. Wilt u de waarden uit dit werkboek gebruiken, "
            "importeer dan opnieuw met --overschrijf."
        )
    for melding in lezing.afgewezen:
        say(f"Afgewezen  {melding}")
    for melding in lezing.opmerkingen:
        say(f"Let op     {melding}")
    for update, old in merged.gewijzigd:
        say(f"Overschreven {update.where}: {update.item} {update.name} '{old}' → '{update.value}'")
    accepted = lezing.rijen_verwerkt
    say(
        f"Verwerkt: {accepted} regel{'s' if accepted != 1 else ''} met een nieuwe stand; "
        f"{len(merged.nieuw)} waarde{'n' if len(merged.nieuw) != 1 else ''} nieuw, "
        f"{len(merged.gewijzigd)} overschreven, {len(merged.gelijk)} stond(en) er al."
    )
    if lezing.afgewezen:
        say(
            f"Afgewezen: {len(lezing.afgewezen)} cel(len) in {lezing.rijen_afgewezen} "
            "regel(s); die regels zijn niet verwerkt. Herstel ze in het werkboek en "
            "importeer het opnieuw – wat al verwerkt is, verandert dan niet."
        )
    if not merged.nieuw and not merged.gewijzigd:
        say(f"Niets veranderd: {label} is niet aangepast.")
    elif proef:
        say(f"Proef: {label} zou worden bijgewerkt; er is niets geschreven.")
    else:
        stamp = (now or datetime.now()).replace(microsecond=0)
        changes = [
            voortgang.Change(u.section, u.item, u.name, u.value)
            for u in [*merged.nieuw, *(u for u, _old in merged.gewijzigd)]
        ]
        bron = {
            "werkboek": workbook.name,
            "geimporteerd": stamp.isoformat(sep=" "),
            "nieuw": str(len(merged.nieuw)),
            "overschreven": str(len(merged.gewijzigd)),
        }
        text = voortgang.update_text(old_text, periode, changes, bron)
        command.write_record(target, text, written, say)
    return GEDEELTELIJK if lezing.afgewezen else OK
