"""The check report as an Excel workbook: verdict, findings, matrix grid, plattegrond, indicators.

The matrix is a real grid here (goals down, maatregelen across with rotated headers),
which Excel handles well at 50+ maatregelen thanks to frozen panes and filters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sphinx.util import logging

from ..files.errors import visible
from ..files.xlsx_cells import put, write
from ..model import display
from ..model.plattegrond import Dekking

logger = logging.getLogger(__name__)

#: Excel's column limit (XFD); a grid wider than this cannot be saved.
MAX_COLUMNS = 16_384
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="EEF2F5")
GROUP_FILL = PatternFill("solid", fgColor="DDE4EA")
RED_FILL = PatternFill("solid", fgColor="FDECEA")
GREEN_FILL = PatternFill("solid", fgColor="D5F5E3")
GREY_FONT = Font(color="7B8A97", italic=True)
RED_FONT = Font(color="C0392B", bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
ROTATED = Alignment(text_rotation=90, vertical="bottom")
CENTER = Alignment(horizontal="center")
DEKKING_FILL = {
    Dekking.PRIORITEIT.value: PatternFill("solid", fgColor="F5B7B1"),
    Dekking.OVERIG.value: PatternFill("solid", fgColor="FAD7A0"),
    Dekking.GEANALYSEERD.value: PatternFill("solid", fgColor="D6EAF8"),
}


def _header(ws: Worksheet, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = write(ws, row, col, value)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = WRAP


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _oordeel(ws: Worksheet, report: dict[str, Any]) -> None:
    ws.title = "Oordeel"
    s = report["summary"]
    start, end = report["periode"]
    afzender = report.get("afzender") or display.gemeente(report["gemeente"])
    put(ws["A1"], f"Toetsrapport Kernbeleid Veiligheid – {afzender[:1].lower()}{afzender[1:]}")
    ws["A1"].font = Font(bold=True, size=14)
    put(
        ws["A2"],
        f"IVP {display.periode((start, end))} · uitvoeringsplan {report['uitvoeringsjaar']}",
    )
    put(ws["A3"], report["verdict"])
    ws["A3"].font = Font(bold=True, size=16, color="FFFFFF")
    ws["A3"].fill = PatternFill("solid", fgColor="1E8449" if report["raadsrijp"] else "C0392B")
    ws.merge_cells("A3:C3")
    rows = [
        ("Fouten", s["fouten"]),
        ("Waarschuwingen", s["waarschuwingen"]),
        ("Gemotiveerde afwijkingen", s["afwijkingen"]),
        # The report's tiles: one definition and label per count (report.data._tiles).
        *(
            (t["label"][:1].upper() + t["label"][1:], int(v) if v.isdigit() else v)
            for t in s["tegels"]
            for v in [t["waarde"]]
        ),
    ]
    for offset, (label, value) in enumerate(rows, start=5):
        write(ws, offset, 1, label)
        write(ws, offset, 2, value)
    row = 6 + len(rows)
    _header(ws, row, ["Regel", "Wat wordt getoetst", "Uitkomst"])
    for r in s["rules"]:
        row += 1
        _kind, outcome, waived = display.rule_outcome(r)  # the HTML report's words
        outcome += f"; {waived}" if waived else ""
        write(ws, row, 1, r["rule"])
        write(ws, row, 2, f"{r['titel']}: {r['uitleg']}").alignment = WRAP
        cell = write(ws, row, 3, outcome)
        cell.fill = RED_FILL if r["fouten"] else GREEN_FILL if r["enabled"] else PatternFill()
    _widths(ws, [28, 80, 26])


def _bevindingen(ws: Worksheet, report: dict[str, Any]) -> None:
    headers = [
        "Regel",
        "Ernst",
        "Item",
        "Titel",
        "Bestand",
        "Regel in bestand",
        "Melding",
        "Afwijking",
    ]
    _header(ws, 1, headers)
    for row, f in enumerate(report["findings"], start=2):
        values = [
            f["rule"],
            f["severity"],
            f["need"],
            f["title"],
            f["file"],
            f["line"],
            f["message"],
            f["waiver"],
        ]
        _finding_row(ws, row, values, f, severity_col=2)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = (
        f"A1:{get_column_letter(len(headers))}{max(1, len(report['findings']) + 1)}"
    )
    _widths(ws, [20, 13, 26, 30, 24, 9, 80, 30])


def _finding_row(
    ws: Worksheet, row: int, values: list[Any], f: dict[str, Any], severity_col: int
) -> None:
    """One finding's row: wrapped, grey when waived, its severity red when a fout."""
    for col, value in enumerate(values, start=1):
        cell = write(ws, row, col, value)
        cell.alignment = WRAP
        if f["waived"]:
            cell.font = GREY_FONT
        elif col == severity_col and f["severity"] == "fout":
            cell.font = RED_FONT


def _per_gemeente(ws: Worksheet, report: dict[str, Any]) -> None:
    """A joint plan: each gemeente's verdict in one row, and the joint verdict below."""
    headers = [
        "Gemeente",
        "CBS-code",
        "Oordeel",
        "Fouten",
        "Waarschuwingen",
        "Prioriteiten",
        "Budget maatregelen",
    ]
    _header(ws, 1, headers)
    rows = report["gemeenten"]
    for row, r in enumerate(rows, start=2):
        values = [
            r["naam"],
            r["code"],
            r["oordeel"],
            r["fouten"],
            r["waarschuwingen"],
            ", ".join(r.get("prioriteiten", [])),
            r.get("budget_maatregelen", ""),
        ]
        for col, value in enumerate(values, start=1):
            write(ws, row, col, value).alignment = WRAP
        ws.cell(row, 3).fill = GREEN_FILL if r["raadsrijp"] else RED_FILL
    joint = report.get("gezamenlijk") or {}
    row = len(rows) + 3
    write(ws, row, 1, "Gezamenlijk").font = BOLD
    cell = write(ws, row, 3, joint.get("verdict", ""))
    cell.fill = GREEN_FILL if joint.get("raadsrijp") else RED_FILL
    write(ws, row, 4, joint.get("fouten_samenwerking", 0))
    write(ws, row, 7, joint.get("budget_maatregelen", ""))
    write(
        ws,
        row + 1,
        1,
        "Gezamenlijk raadsrijp: elke gemeente raadsrijp en de regels voor de samenwerking "
        "(KB-R9) in orde; de fouten in deze rij zijn die van KB-R9.",
    )
    ws.freeze_panes = "A2"
    _widths(ws, [22, 12, 36, 9, 15, 40, 18])


def _bevindingen_per_gemeente(ws: Worksheet, report: dict[str, Any]) -> None:
    """One row per gemeente and finding that holds for her: filter on the first column
    for one gemeente's own list (a finding of all gemeenten is in each one's rows)."""
    headers = ["Gemeente", "Regel", "Ernst", "Item", "Bestand", "Regel in bestand", "Melding"]
    _header(ws, 1, headers)
    row = 1
    for r in report["gemeenten"]:
        for n in r.get("findings", []):
            f = report["findings"][n]
            row += 1
            values = [
                r["naam"],
                f["rule"],
                "afwijking" if f["waived"] else f["severity"],
                f["need"],
                f["file"],
                f["line"],
                f["message"],
            ]
            _finding_row(ws, row, values, f, severity_col=3)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{row}"
    _widths(ws, [18, 20, 13, 26, 24, 9, 80])


def _matrix(ws: Worksheet, report: dict[str, Any]) -> None:
    groups = report["matrix"]["groups"]
    items = report["items"]
    # An insertion-ordered dict: the first place a maatregel appears decides its column,
    # and membership is a hash lookup (a list made this quadratic in the maatregelen).
    columns: dict[str, None] = {}
    for group in groups:
        columns.update(dict.fromkeys(group["maatregelen"]))
    for group in groups:
        for doel in group["doelen"]:
            columns.update(dict.fromkeys(mark["id"] for mark in doel["maatregelen"]))
    orphans = set(report["matrix"]["maatregelen_zonder_doel"])
    columns.update(dict.fromkeys(report["matrix"]["maatregelen_zonder_doel"]))
    first = 4
    if first - 1 + len(columns) > MAX_COLUMNS:
        _matrix_as_list(ws, report)
        return
    _header(ws, 1, ["Prioriteit / thema", "Doel", "Aantal"])
    for offset, mid in enumerate(columns):
        cell = write(ws, 1, first + offset, f"{mid} – {items.get(mid, {}).get('title', '')}")
        cell.font = BOLD
        cell.alignment = ROTATED
        ws.column_dimensions[get_column_letter(first + offset)].width = 4
    ws.row_dimensions[1].height = 230
    col_of = {mid: first + n for n, mid in enumerate(columns)}
    row = 1
    for group in groups:
        row += 1
        o = group["onderdeel"]
        write(ws, row, 1, f"{o['id']} – {o['title']}" if o else "Doelen zonder prioriteit of thema")
        write(ws, row, 3, len(group["maatregelen"]))
        for col in range(1, first):
            ws.cell(row, col).fill = GROUP_FILL
            ws.cell(row, col).font = BOLD
        for mid in group["maatregelen"]:  # which maatregelen belong to this onderdeel
            write(ws, row, col_of[mid], "▪")
        if not group["doelen"]:
            row += 1
            write(ws, row, 2, "⚠ geen doel").font = RED_FONT
            for col in range(1, 4):
                ws.cell(row, col).fill = RED_FILL
        for doel in group["doelen"]:
            row += 1
            write(
                ws, row, 2, f"{'  ' * doel['depth']}{doel['id']} – {doel['title']}"
            ).alignment = WRAP
            write(ws, row, 3, len(doel["maatregelen"]))
            for mark in doel["maatregelen"]:
                write(ws, row, col_of[mark["id"]], "●" if mark["explicit"] else "○")
            if not doel["maatregelen"]:
                write(ws, row, 1, "⚠ geen maatregel").font = RED_FONT
                for col in range(1, first):
                    ws.cell(row, col).fill = RED_FILL
    row += 2
    write(ws, row, 2, "Draagt bij aan een doel?").font = BOLD
    for mid in columns:
        cell = write(ws, row, col_of[mid], "⚠" if mid in orphans else "✔")
        cell.alignment = CENTER
        if mid in orphans:
            cell.fill = RED_FILL
            cell.font = RED_FONT
            ws.cell(1, col_of[mid]).fill = RED_FILL
    row += 2
    write(
        ws,
        row,
        1,
        "● de maatregel draagt bij aan dit doel · ○ de maatregel hoort bij de prioriteit of het "
        "thema, maar noemt geen eigen doel · ▪ hoort bij dit onderdeel · ⚠ ontbrekende koppeling",
    )
    ws.cell(row, 1).font = GREY_FONT
    ws.freeze_panes = ws.cell(2, first)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 48
    ws.column_dimensions["C"].width = 8


def _matrix_as_list(ws: Worksheet, report: dict[str, Any]) -> None:
    """More maatregelen than Excel has columns: one row per link instead of a grid."""
    items = report["items"]
    put(
        ws["A1"],
        "Dit plan heeft meer maatregelen dan een werkblad kolommen heeft; de samenhang staat "
        "daarom als lijst: één regel per koppeling tussen doel en maatregel.",
    )
    ws["A1"].font = GREY_FONT
    _header(ws, 2, ["Prioriteit / thema", "Doel", "Maatregel", "Titel", "Koppeling"])
    row = 2
    for group in report["matrix"]["groups"]:
        o = group["onderdeel"]
        owner = f"{o['id']} – {o['title']}" if o else "Doelen zonder prioriteit of thema"
        if not group["doelen"]:
            row += 1
            write(ws, row, 1, owner)
            write(ws, row, 2, "⚠ geen doel").font = RED_FONT
        for doel in group["doelen"]:
            if not doel["maatregelen"]:
                row += 1
                write(ws, row, 1, owner)
                write(ws, row, 2, f"{doel['id']} – {doel['title']}")
                write(ws, row, 3, "⚠ geen maatregel").font = RED_FONT
            for mark in doel["maatregelen"]:
                row += 1
                values = [
                    owner,
                    f"{doel['id']} – {doel['title']}",
                    mark["id"],
                    items.get(mark["id"], {}).get("title", ""),
                    "draagt bij aan dit doel" if mark["explicit"] else "hoort bij het onderdeel",
                ]
                for col, value in enumerate(values, start=1):
                    write(ws, row, col, value)
    for mid in report["matrix"]["maatregelen_zonder_doel"]:
        row += 1
        write(ws, row, 3, mid)
        write(ws, row, 4, items.get(mid, {}).get("title", ""))
        write(ws, row, 5, "⚠ draagt aan geen enkel doel bij").font = RED_FONT
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:E{max(row, 3)}"
    _widths(ws, [34, 48, 24, 48, 30])


def _plattegrond(ws: Worksheet, report: dict[str, Any]) -> None:
    labels = {d.value: d.label for d in Dekking}
    _header(ws, 1, ["Veld", "Code", "Thema", "Dekking", "Prioriteit / thema", "Analyses"])
    row = 1
    for column in report["plattegrond"]:
        for t in column["themes"]:
            row += 1
            values = [
                f"{column['veld']}. {column['naam']}",
                t["code"],
                t["naam"],
                labels[t["dekking"]],
                ", ".join(t["onderdelen"]),
                ", ".join(t["analyses"]),
            ]
            for col, value in enumerate(values, start=1):
                write(ws, row, col, value)
            fill = DEKKING_FILL.get(t["dekking"])
            if fill:
                ws.cell(row, 4).fill = fill
    ws.freeze_panes = "A2"
    _widths(ws, [32, 7, 44, 18, 36, 30])


def _indicatoren(ws: Worksheet, report: dict[str, Any]) -> None:
    headers = [
        "Prioriteit / thema",
        "Effectindicator",
        "Titel",
        "Bron",
        "Soort",
        "Eenheid",
        "Nulmeting",
        "Streefwaarde",
        "Richting",
        "Richting klopt",
        "Laatste meting",
        "Op koers?",
    ]
    _header(ws, 1, headers)
    row = 1
    blocks = [
        ({"id": d["id"], "title": d["title"]}, d["indicatoren"])
        for d in report["strategische_doelen"]
    ]
    blocks += [(b["onderdeel"], b["indicatoren"]) for b in report["indicatoren"]]
    for owner, indicators in blocks:
        for i in indicators:
            row += 1
            consistent = {True: "ja", False: "nee", None: ""}[i["consistent"]]
            values = [
                owner["id"],
                i["id"],
                i["title"],
                i["bron"],
                i["soort"],
                i["eenheid"],
                i["nulmeting"],
                i["streefwaarde"],
                i["richting"],
                consistent,
                i.get("laatste_meting"),
                i.get("koers_label"),
            ]
            for col, value in enumerate(values, start=1):
                write(ws, row, col, value)
            if i["consistent"] is False:
                ws.cell(row, 10).font = RED_FONT
    ws.freeze_panes = "A2"
    _widths(ws, [24, 26, 44, 30, 11, 18, 13, 13, 10, 12, 16, 22])


def _wijzigingen(ws: Worksheet, report: dict[str, Any]) -> None:
    """ "Wijzigingen sinds de vaststelling": counts, budget changes, maatregelen to look at
    again (the full change report is kernbeleid-wijzigingen.html next to this workbook)."""
    w = report["wijzigingen"]
    adopted = w["vastgesteld"]
    lines = [
        ("Vastgesteld op", adopted.get("datum")),
        ("Besluit", adopted.get("besluit")),
        ("Versie", adopted.get("versie")),
        ("Items toegevoegd", w["toegevoegd"]),
        ("Items verwijderd", w["verwijderd"]),
        ("Items gewijzigd", w["gewijzigd"]),
        ("Volledig overzicht", w["overzicht"]),
    ]
    row = 0
    for label, value in lines:
        row += 1
        write(ws, row, 1, label).font = BOLD
        write(ws, row, 2, value)
    row += 2
    _header(ws, row, ["Budget: prioriteit of thema", "Id", "Vastgesteld", "Nu", "Verschil"])
    for r in [*w["budget"]["per_onderdeel"], w["budget"]["totaal"]]:
        row += 1
        for col, value in enumerate(
            [r["titel"], r["id"], float(r["was"]), float(r["nu"]), float(r["verschil"])],
            start=1,
        ):
            cell = write(ws, row, col, value)
            if col >= 3:
                cell.number_format = '"€" #,##0;"€" -#,##0'
    row += 2
    _header(ws, row, ["Te herbeoordelen maatregel", "Id", "Bron", "Wat is gewijzigd"])
    for s in w["herbeoordelen"]:
        row += 1
        wat = "\n".join(f"{u['id']}: {u['wat']}" for u in s["gewijzigd"])
        for col, value in enumerate([s["titel"], s["id"], s["plaats"], wat], start=1):
            write(ws, row, col, value).alignment = WRAP
    _widths(ws, [34, 20, 26, 80, 14])


def xlsx_writer(report: dict[str, Any]) -> Callable[[Path], None]:
    """The report workbook, built now, saved by the returned function (into a temporary
    file that then replaces the old one, so a failed run never leaves a corrupt workbook).

    Control characters Excel cannot store (a vertical tab in a title) are shown as their
    visible picture, with a warning naming the item, instead of crashing openpyxl.
    """
    report = _visible(report, "")
    wb = Workbook()
    _oordeel(wb.active, report)
    if report.get("gemeenten"):  # a joint plan: each raad decides on her own verdict
        _per_gemeente(wb.create_sheet("Per gemeente"), report)
    _bevindingen(wb.create_sheet("Bevindingen"), report)
    if report.get("gemeenten"):
        _bevindingen_per_gemeente(wb.create_sheet("Bevindingen per gemeente"), report)
    _matrix(wb.create_sheet("Matrix"), report)
    _plattegrond(wb.create_sheet("Plattegrond"), report)
    _indicatoren(wb.create_sheet("Indicatoren"), report)
    if report.get("wijzigingen"):
        _wijzigingen(wb.create_sheet("Wijzigingen"), report)
    return wb.save


def _visible(value: Any, item: str) -> Any:
    if isinstance(value, str):
        shown, replaced = visible(value)
        if replaced:
            logger.warning(
                f"{item or 'het toetsrapport'}: de tekst bevat een onzichtbaar stuurteken "
                f"({', '.join(replaced)}) dat Excel niet kan bewaren; in "
                "kernbeleid-rapport.xlsx staat het als zichtbaar teken. Haal het weg uit het "
                "plan.",
                type="kernbeleid",
                subtype="stuurteken",
            )
        return shown
    if isinstance(value, dict):
        here = str(value.get("need") or value.get("id") or item)
        return {key: _visible(v, here) for key, v in value.items()}
    if isinstance(value, list):
        return [_visible(v, item) for v in value]
    return value
