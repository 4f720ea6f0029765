"""The regional workbook: the same figures as the site, one sheet per view, for filtering.

Amounts and counts are real numbers (so a region can sum and sort), texts are texts:
every text goes through :func:`tekstcel`, so a partner name such as ``=Politie`` or
``-Wijkteam`` stays what it is instead of becoming a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import stap3a
from .queries import Regio

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="EEF2F5")
PRIO_FILL = PatternFill("solid", fgColor="F5B7B1")
EURO = '"€" #,##0.00'
PERCENT = "0%"
#: First characters that make a spreadsheet read a text as a formula.
FORMULA_START = ("=", "+", "-", "@")


def tekstcel(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write one cell; a text stays text even when it starts like a formula.

    The one place this workbook writes a cell, so the shared cell writer can replace it.
    """
    if isinstance(value, Decimal):
        value = float(value)
    cell = ws.cell(row, col, value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text when someone edits the cell
    return cell


def _sheet(
    wb: Workbook,
    title: str,
    head: list[str],
    rows: Iterable[list[Any]],
    formats: dict[int, str] | None = None,
    widths: dict[int, int] | None = None,
) -> Worksheet:
    ws = wb.create_sheet(title)
    for col, text in enumerate(head, start=1):
        cell = tekstcel(ws, 1, col, text)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    count = 1
    for r, values in enumerate(rows, start=2):
        count = r
        for c, value in enumerate(values, start=1):
            cell = tekstcel(ws, r, c, value)
            if formats and c in formats and value is not None:
                cell.number_format = formats[c]
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{count}"
    for col in range(1, len(head) + 1):
        width = (widths or {}).get(col, 16)
        ws.column_dimensions[get_column_letter(col)].width = width
    return ws


def _plannen(wb: Workbook, regio: Regio) -> None:
    _sheet(
        wb,
        "Plannen",
        [
            "Gemeente",
            "Periode van",
            "Periode tot",
            "Versie",
            "Status",
            "Raadsrijp",
            "Fouten",
            "Prioriteiten",
            "Overige thema's",
            "Maatregelen",
            "Budget maatregelen",
            "Bestand",
        ],
        (
            [
                p["gemeente"],
                p["periode_van"],
                p["periode_tot"],
                p["versie"],
                p["status"],
                "ja" if p["raadsrijp"] else "nee",
                p["fouten"],
                p["prioriteiten"],
                p["themas"],
                p["maatregelen"],
                p["budget"],
                p["bron"],
            ]
            for p in regio.plannen
        ),
        formats={11: EURO},
        widths={1: 24, 12: 50},
    )


def _plattegrond(wb: Workbook, regio: Regio) -> None:
    totaal = len(regio.plannen)
    ws = _sheet(
        wb,
        "Plattegrond",
        ["Veld", "Code", "Thema", "Prioriteit in", "Overig thema in", "Plannen"],
        (
            [
                f"{t['veld']}. {t['veld_naam']}",
                t["code"],
                t["naam"],
                t["prioriteit"],
                t["overig"],
                totaal,
            ]
            for t in regio.plattegrond
        ),
        widths={1: 34, 3: 40},
    )
    for r, t in enumerate(regio.plattegrond, start=2):
        if t["prioriteit"]:
            ws.cell(r, 4).fill = PRIO_FILL


def _matrix(wb: Workbook, regio: Regio) -> None:
    kolommen = regio.matrix_kolommen
    head = ["Gemeente"] + [f"{k['code']} {k['naam']} ({k['gemeenten']})" for k in kolommen]
    _sheet(
        wb,
        "Prioriteiten per gemeente",
        head,
        (
            [p["gemeente"]]
            + [regio.matrix_cellen.get((p["plan"], k["code"]), None) for k in kolommen]
            for p in regio.plannen
        ),
        widths={1: 24, **{c: 28 for c in range(2, len(head) + 1)}},
    )


def _stap_3a(wb: Workbook, regio: Regio) -> None:
    gemeenten = len(regio.plannen)
    _sheet(
        wb,
        "Stap 3a",
        stap3a.KOLOMMEN,
        (stap3a.row_values(r, gemeenten) for r in regio.stap_3a),
        widths={1: 40, 3: 40, 4: 30, 5: 30, 6: 40},
    )


def _indicatoren(wb: Workbook, regio: Regio) -> None:
    _sheet(
        wb,
        "Gedeelde indicatoren",
        [
            "Effectindicator",
            "Gedeeld door (gemeenten)",
            "Gemeente",
            "Naam in het plan",
            "Bron",
            "Eenheid",
            "Nulmeting",
            "Laatste meting",
            "Laatste waarde",
            "Jaar",
            "Streefwaarde",
            "Op koers?",
        ],
        (
            [
                i["naam"],
                i["gemeenten"],
                i["gemeente"],
                i["titel"],
                i["bron"],
                i["eenheid"],
                i["nulmeting"],
                i["laatste_meting"],
                i["laatste_waarde"],
                i["laatste_jaar"],
                i["streefwaarde"],
                i["koers"],
            ]
            for i in regio.indicatoren
        ),
        widths={1: 40, 3: 22, 4: 40},
    )


def _partners(wb: Workbook, regio: Regio) -> None:
    _sheet(
        wb,
        "Partners",
        ["Partner", "Maatregelen", "Aandeel in de maatregelen", "Gemeenten"],
        ([p["partner"], p["maatregelen"], p["aandeel"], p["gemeenten"]] for p in regio.partners),
        formats={3: PERCENT},
        widths={1: 34},
    )


def _budgetten(wb: Workbook, regio: Regio) -> None:
    rows = [
        [b["veld"], b["code"], b["naam"], b["gemeenten"], b["maatregelen"], b["budget"]]
        + [b["begroot"]]
        for b in regio.budgetten
    ]
    rest = regio.zonder_thema
    rows.append(["", "", "Zonder thema uit de catalogus", None, rest["maatregelen"]])
    rows[-1] += [rest["budget"], None]
    rows.append(["", "", "Totaal", None, regio.totaal["maatregelen"], regio.totaal["budget"]])
    _sheet(
        wb,
        "Budget per thema",
        ["Veld", "Code", "Thema", "Gemeenten", "Maatregelen", "Budget maatregelen", "Begroot"],
        rows,
        formats={6: EURO, 7: EURO},
        widths={3: 40, 6: 20, 7: 20},
    )


def write_workbook(regio: Regio, target: Path) -> None:
    """Write the workbook to ``target`` (the caller makes the write atomic)."""
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    for sheet in (_plannen, _plattegrond, _matrix, _stap_3a, _indicatoren, _partners, _budgetten):
        sheet(wb, regio)
    wb.save(target)
