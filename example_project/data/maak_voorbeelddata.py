"""Write the example's made-up open-data exports (run: python maak_voorbeelddata.py).

``politie.xlsx`` has the shape of CBS/Politie open data (table "Geregistreerde
misdrijven; soort misdrijf, wijk en buurt"): sheet ``TypedDataSet``, an ``ID`` column,
codes padded with spaces, periods ``2024JJ00`` and ``2026MM03``. ``veiligheidsmonitor.csv``
has the shape of a Veiligheidsmonitor download: ``;`` separated, Windows-1252, Dutch
decimal text, ``.`` for "geen gegevens". Both hold rows of a neighbouring gemeente
(’s-Heerenbeek, GM9998) that the import must leave out. All figures are invented.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (SoortMisdrijf code, {period: count}) for Lindewaard (GM9999); 2026: January-March only.
POLITIE = {
    "0.0.0 ": {
        "2024JJ00": 2011,
        "2025JJ00": 1930,
        "2026MM01": 158,
        "2026MM02": 149,
        "2026MM03": 171,
    },
    "1.1.1 ": {"2024JJ00": 164, "2025JJ00": 149, "2026MM01": 12, "2026MM02": 9, "2026MM03": 14},
    "1.4 ": {"2024JJ00": 198, "2025JJ00": 201, "2026MM01": 15, "2026MM02": 17, "2026MM03": 18},
}
BEEKHOVEN_FACTOR = 3  # the neighbour is bigger: its rows must never be counted with ours

# Regio -> (Perioden, rapportcijfer, % onveilig centrum, % te hard rijden, % drugshandel,
#           % overlast jongeren, % online slachtoffer, % zorgen inbraak)
MONITOR = [
    ("Lindewaard", "2023JJ00", "6,9", "24,5", "31,2", "8,1", "9,8", "14,8", "21,6"),
    ("Lindewaard", "2025JJ00", "7,1", "23,9", "29,5", "7,4", "9,9", "15,1", "19,8"),
    ("’s-Heerenbeek", "2023JJ00", "6,5", "30,1", "35,0", "12,4", "13,0", "16,2", "25,0"),
    ("’s-Heerenbeek", "2025JJ00", "6,4", ".", "", "12,9", "13,8", "16,0", "24,1"),
    ("Nederland", "2023JJ00", "7,0", "22,0", "33,4", "9,0", "9,5", "15,5", "20,3"),
    ("Nederland", "2025JJ00", "7,0", "21,8", "32,9", "8,8", "9,7", "15,9", "19,9"),
]
MONITOR_HEADER = [
    "ID",
    "Regio",
    "Perioden",
    "RapportcijferVeiligheidInBuurt_60",
    "OnveiligCentrum_12",
    "TeHardRijden_31",
    "Drugshandel_20",
    "OverlastJongeren_22",
    "SlachtofferOnline_71",
    "ZorgenInbraak_40",
]


def politie_rows() -> list[list[object]]:
    rows: list[list[object]] = []
    for gemeente, factor in (("GM9999    ", 1), ("GM9998    ", BEEKHOVEN_FACTOR)):
        for code, counts in POLITIE.items():
            for period, count in counts.items():
                rows.append([len(rows), code, gemeente, period, count * factor])
    return rows


def write_politie(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "TypedDataSet"
    sheet.append(
        ["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"]
    )
    for row in politie_rows():
        sheet.append(row)
    info = workbook.create_sheet("TableInfos")
    info.append(["Titel", "Geregistreerde misdrijven; soort misdrijf, wijk en buurt (fictief)"])
    # A fixed creation time keeps the file byte-stable between runs.
    from datetime import datetime

    workbook.properties.created = workbook.properties.modified = datetime(2026, 4, 1)
    workbook.save(path)


def monitor_text() -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(MONITOR_HEADER)
    for number, row in enumerate(MONITOR):
        writer.writerow([number, *row])
    return out.getvalue()


def main(target: Path = HERE) -> None:
    write_politie(target / "politie.xlsx")
    (target / "veiligheidsmonitor.csv").write_bytes(monitor_text().encode("cp1252"))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
