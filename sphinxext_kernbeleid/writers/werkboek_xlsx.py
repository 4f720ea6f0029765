"""The partner workbook as an openpyxl workbook: styles, protection, drop-downs, export copy.

Imported only when an xlsx is written, so other builds do not load openpyxl.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from ..files import atomic
from ..files.xlsx_cells import put
from ..model import display
from ..model.plan import STATUSES, Plan
from ..records import werkboek
from ..records.werkboek import Column, Row


def write_workbook(plan: Plan, path: Path, *, now: datetime | None = None) -> list[str]:
    """Write the partner workbook atomically: a reader never sees half a file.

    Returns Dutch warnings about plan text Excel cannot hold as it is (see
    :func:`.werkboek.fit_for_excel`); raises :class:`~..files.errors.FileProblem` (a Dutch
    sentence) when the file cannot be written.
    """
    maatregelen = werkboek.maatregel_rows(plan)
    indicatoren = werkboek.indicator_rows(plan)
    warnings = werkboek.fit_for_excel(maatregelen, werkboek.MAATREGELEN)
    warnings += werkboek.fit_for_excel(indicatoren, werkboek.INDICATOREN)
    workbook = build_workbook(
        plan, maatregelen, indicatoren, now or datetime.now().replace(microsecond=0)
    )
    atomic.write(path, workbook.save)
    return list(dict.fromkeys(warnings))


FONT = "Calibri"  # named, or LibreOffice falls back to a serif font
HEAD_FONT = Font(name=FONT, bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="2E4057")
FILL_HEAD_FILL = PatternFill("solid", fgColor="B7950B")
FILL_FILL = PatternFill("solid", fgColor="FEF9E7")
CLOSED_FILL = PatternFill("solid", fgColor="E5E7E9")
REPEAT_FONT = Font(name=FONT, color="7B8A97")
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_ALIGN = Alignment(wrap_text=True, vertical="center")
THIN = Side(style="thin", color="C8CED3")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
OPEN = Protection(locked=False)
NUMBER_FORMATS = {
    "": "General",
    "getal": "General",
    "jaar": "0",
    "euro": '"€" #,##0;"€" -#,##0',
    "centen": '"€" #,##0.00;"€" -#,##0.00',
}


def build_workbook(
    plan: Plan, maatregelen: list[Row], indicatoren: list[Row], now: datetime
) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = werkboek.MAATREGELEN
    joint = werkboek.is_joint(plan)
    _table(sheet, werkboek.sheet_columns(werkboek.MAATREGELEN, joint), maatregelen, fill_in=True)
    _table(
        workbook.create_sheet(werkboek.INDICATOREN),
        werkboek.sheet_columns(werkboek.INDICATOREN, joint),
        indicatoren,
    )
    _instructions(workbook.create_sheet(werkboek.TOELICHTING), plan, now)
    _export_copy(workbook.create_sheet(werkboek.EXPORT), plan, maatregelen, indicatoren, now)
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.active = 0
    return workbook


def _table(sheet: Worksheet, columns: tuple[Column, ...], rows: list[Row], *, fill_in=False):
    widths = {column.key: _width(column, rows) for column in columns}
    for col, column in enumerate(columns, start=1):
        cell = sheet.cell(1, col)
        put(cell, column.header)
        cell.font = HEAD_FONT
        cell.fill = FILL_HEAD_FILL if column.kind == "invul" else HEAD_FILL
        cell.alignment = HEAD_ALIGN
        cell.border = BORDER
        if column.help:
            cell.comment = Comment(column.help, "Kernbeleid", width=260, height=90)
        sheet.column_dimensions[get_column_letter(col)].width = widths[column.key]
    sheet.row_dimensions[1].height = 32
    styles = _Styles(sheet.parent)
    for r, row in enumerate(rows, start=2):
        sheet.row_dimensions[r].height = _height(columns, widths, row)
        for col, column in enumerate(columns, start=1):
            value = row.values.get(column.key)
            number: str = column.number
            if column.key in ("streefwaarde", "realisatie") and werkboek.is_euro(
                row.values.get("eenheid")
            ):
                number = "euro"
            if number == "euro" and isinstance(value, Decimal):
                number = "centen"
            if column.kind == "invul":
                kind = "invul" if row.fillable(column) else "dicht"
            elif not row.first_of_maatregel and column.key in werkboek.MAATREGEL_KEYS[1:]:
                kind = "herhaald"
            else:
                kind = "vast"
            put(sheet.cell(r, col), value, style=styles.name(kind, number))
    last = get_column_letter(len(columns))
    end = max(len(rows) + 1, 2)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{last}{end}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    # Protected without a password: it guards against slips, not against intent; the
    # import compares every locked cell with what was exported.
    sheet.protection = SheetProtection(
        sheet=True,
        autoFilter=False,
        sort=False,
        formatColumns=False,
        formatRows=False,
        selectLockedCells=False,
        selectUnlockedCells=False,
    )
    if fill_in and rows:
        _validation(sheet, columns, rows)


class _Styles:
    """Named cell styles, made on first use: one lookup per cell instead of four."""

    LOOKS = {
        "vast": {},
        "herhaald": {"font": REPEAT_FONT},
        "invul": {"fill": FILL_FILL, "protection": OPEN},
        "dicht": {"fill": CLOSED_FILL},
    }

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.made: set[str] = set(workbook.named_styles)

    def name(self, kind: str, number: str) -> str:
        name = f"Kernbeleid {kind}{' ' + number if number else ''}"
        if name not in self.made:
            style = NamedStyle(
                name,
                alignment=WRAP,
                border=BORDER,
                number_format=NUMBER_FORMATS[number],
                **self.LOOKS[kind],
            )
            if "font" not in self.LOOKS[kind]:
                style.font = Font(name=FONT)
            self.workbook.add_named_style(style)
            self.made.add(name)
        return name


def _width(column: Column, rows: list[Row]) -> float:
    """Ids never wrap (a reader scans them); other columns keep their set width."""
    if column.key.endswith("_id"):
        longest = max((len(str(r.values.get(column.key) or "")) for r in rows), default=0)
        return max(column.width, longest + 3)
    return column.width


def _height(columns: tuple[Column, ...], widths: dict[str, float], row: Row) -> float:
    """Row height for wrapped text: Excel does not grow rows itself when it opens a file."""
    lines = 1
    for column in columns:
        value = row.values.get(column.key)
        if isinstance(value, str) and value:
            per_line = max(int(widths[column.key] * 1.1) - 2, 4)
            needed = sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
            lines = max(lines, needed)
    return min(15.0 * lines + 2, 409.0)  # Excel's highest row


def _validation(sheet: Worksheet, columns: tuple[Column, ...], rows: list[Row]) -> None:
    letters = {c.key: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Onbekende status",
        error="Kies een status uit de lijst: " + ", ".join(STATUSES) + ".",
        showInputMessage=True,
        promptTitle="Status",
        prompt="Kies uit de lijst.",
    )
    number = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000",
        formula2="1000000000000",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Geen getal",
        error="Vul een getal in, in de eenheid van de prestatie-indicator (bijvoorbeeld 12,5).",
    )
    for validation, key in ((status, "status"), (number, "realisatie")):
        cells = [
            f"{letters[key]}{r}"
            for r, row in enumerate(rows, start=2)
            if row.fillable(next(c for c in columns if c.key == key))
        ]
        if cells:
            validation.sqref = MultiCellRange(" ".join(cells))
            sheet.add_data_validation(validation)


def _instruction_lines(plan: Plan, now: datetime) -> list[tuple[str, str]]:
    """The instruction sheet as (kind, text): kind is "titel", "kop" or "" (a paragraph)."""
    s = plan.settings
    fill = [c.header for c in werkboek.MAATREGEL_COLUMNS if c.kind == "invul"]
    names = display.gemeenten([d.naam for d in s.gemeenten])
    whose = f"{s.gemeente} ({names})" if s.gemeenten else f"gemeente {s.gemeente}"
    joint: list[tuple[str, str]] = []
    if s.gemeenten:
        joint = [
            ("", ""),
            ("kop", "Eén werkboek voor alle gemeenten"),
            (
                "",
                f"Dit werkboek hoort bij het gezamenlijke plan van {names}. De kolom "
                "'Gemeenten' zegt voor welke gemeenten een maatregel geldt; filter erop als u "
                "alleen die van één gemeente wilt zien. Een gezamenlijke maatregel meldt u één "
                "keer: de stand van zaken geldt voor alle gemeenten die erbij staan.",
            ),
        ]
    return [
        ("titel", f"Uitvoeringsplan {s.uitvoeringsjaar} – {whose}"),
        (
            "",
            f"Voortgang van de maatregelen. Werkboek gemaakt op {display.moment(now)}.",
        ),
        ("", ""),
        ("kop", "Wat wordt er van u gevraagd?"),
        (
            "",
            "Vul per maatregel waarvoor u (mede) verantwoordelijk bent de stand van zaken in, "
            "op het werkblad 'Maatregelen'. Alleen de gele kolommen kunt u invullen: "
            + ", ".join(fill)
            + ".",
        ),
        (
            "",
            "Stuur het werkboek daarna terug aan de coördinator integrale veiligheid. "
            "Bewaar het als Excel-werkmap (.xlsx); verander de bestandsnaam gerust.",
        ),
        ("", ""),
        ("kop", "De gele kolommen"),
        (
            "",
            "Realisatie: wat tot nu toe is bereikt, als getal in de eenheid van de "
            "prestatie-indicator (kolom 'Eenheid'). Bijvoorbeeld 12 of 12,5. Bij een "
            "percentage vult u het getal in: 25 voor 25%.",
        ),
        (
            "",
            "Status: kies uit de lijst. gepland = nog niet begonnen; lopend = in uitvoering; "
            "gereed = afgerond; vertraagd = loopt achter op de planning; vervallen = gaat "
            "niet door (licht dit toe).",
        ),
        ("", "Toelichting: kort wat er is gedaan, wat achterloopt en waarom."),
        (
            "",
            "Heeft een maatregel meer prestatie-indicatoren, dan staat hij op meer regels. "
            "Status en toelichting vult u in op de eerste regel; op de volgende regels "
            "alleen de realisatie. Grijze cellen hoeven niet te worden ingevuld.",
        ),
        ("", ""),
        ("kop", "Wat er al staat"),
        (
            "",
            "In de gele kolommen staat de laatst gemelde stand (kolom 'Laatst gemeld' zegt "
            "van welk kwartaal). Pas aan wat veranderd is; wat u niet verandert, blijft "
            "zoals het was. Een cel leegmaken wist niets.",
        ),
        ("", ""),
        ("kop", "Wat u niet kunt wijzigen"),
        (
            "",
            "De andere kolommen komen uit het vastgestelde plan en zijn beveiligd. Ziet u "
            "een fout in een titel, trekker of planning, meld dat dan in de toelichting. "
            "Regels toevoegen of werkbladen toevoegen heeft geen zin: alleen de "
            "maatregelen uit het plan worden verwerkt.",
        ),
        (
            "",
            "Filteren en sorteren mag. Het werkblad 'Indicatoren' is ter informatie: de "
            "effectindicatoren van het plan met nulmeting en streefwaarde.",
        ),
        *joint,
    ]


def _instructions(sheet: Worksheet, plan: Plan, now: datetime) -> None:
    width = 80
    sheet.column_dimensions["A"].width = width
    for r, (kind, text) in enumerate(_instruction_lines(plan, now), start=1):
        cell = sheet.cell(r, 1)
        put(cell, text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        size = 14 if kind == "titel" else 12 if kind == "kop" else 11
        needed = max(1, -(-len(text) // width)) if text else 1
        sheet.row_dimensions[r].height = size * 1.35 * needed + 3
        if kind == "titel":
            cell.font = Font(name=FONT, bold=True, size=14)
        elif kind == "kop":
            cell.font = Font(name=FONT, bold=True, size=12)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.protection = SheetProtection(sheet=True, selectLockedCells=False)


def _export_copy(
    sheet: Worksheet, plan: Plan, maatregelen: list[Row], indicatoren: list[Row], now: datetime
) -> None:
    """What was exported, for the import: metadata, then every row of both sheets."""
    s = plan.settings
    meta = [
        ("formaat", werkboek.FORMAT_VERSION),
        ("gemeente", s.gemeente),
        *([("gemeenten", "; ".join(d.naam for d in s.gemeenten))] if s.gemeenten else []),
        ("uitvoeringsjaar", s.uitvoeringsjaar),
        ("gemaakt", now.isoformat(sep=" ")),
    ]
    r = 0
    for key, value in meta:
        r += 1
        put(sheet.cell(r, 1), key)
        put(sheet.cell(r, 2), value)
    for name, rows in ((werkboek.MAATREGELEN, maatregelen), (werkboek.INDICATOREN, indicatoren)):
        columns = werkboek.EXPORT_COLUMNS[name]
        for row in rows:
            r += 1
            put(sheet.cell(r, 1), name)
            put(sheet.cell(r, 2), "eerste" if row.first_of_maatregel else "vervolg")
            for col, column in enumerate(columns, start=3):
                put(sheet.cell(r, col), row.values.get(column.key))
    sheet.sheet_state = "veryHidden"
    sheet.protection = SheetProtection(sheet=True)
