"""A small plan folder with open-data exports, for the measurement import tests."""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path

INDEX = """\
Plan
====

.. effectindicator:: Geweldsmisdrijven per 1.000 inwoners
   :id: EI_GEWELD
   :eenheid: misdrijven per 1.000 inwoners
   :nulmeting: 4,8 (2024)
   :streefwaarde: 4,2 (2029)
   :richting: dalen

.. effectindicator:: Woninginbraken
   :id: EI_INBRAAK
   :nulmeting: 164 (2024)
   :streefwaarde: 125 (2029)
   :richting: dalen

.. effectindicator:: Rapportcijfer veiligheid
   :id: EI_RAPPORTCIJFER
   :nulmeting: 6,9 (2023)
   :streefwaarde: 7,3 (2029)
   :richting: stijgen
"""

POLITIE_HEADER = [
    "ID",
    "SoortMisdrijf",
    "WijkenEnBuurten",
    "Perioden",
    "GeregistreerdeMisdrijven_1",
]
#: Rows as the CBS/Politie open data gives them: padded codes, years and months.
POLITIE_ROWS = [
    [0, "1.4 ", "GM9999    ", "2024JJ00", 198],
    [1, "1.4 ", "GM9999    ", "2025JJ00", 201],
    [2, "1.4 ", "GM9999    ", "2026MM01", 15],
    [3, "1.4 ", "GM9999    ", "2026MM02", 17],
    [4, "1.4 ", "GM9998    ", "2024JJ00", 900],  # another gemeente
    [5, "1.1.1 ", "GM9999    ", "2024JJ00", 164],
    [6, "1.1.1 ", "GM9999    ", "2025JJ00", 149],
    [7, "1.1.1 ", "GM9998    ", "2025JJ00", 555],  # another gemeente
]
MONITOR_HEADER = ["ID", "Regio", "Perioden", "RapportcijferVeiligheidInBuurt_60"]
MONITOR_ROWS = [
    ["0", "Lindewaard", "2023JJ00", "6,9"],
    ["1", "Lindewaard", "2025JJ00", "7,1"],
    ["2", "’s-Heerenbeek", "2025JJ00", "6,4"],  # another gemeente, a Windows-1252 quote
    ["3", "Lindewaard", "2021JJ00", "."],  # geen gegevens
]

MAPPING = """\
bestanden:
  politie:
    bestand: ../data/politie.xlsx
    blad: TypedDataSet
    periode: Perioden
    waarde: GeregistreerdeMisdrijven_1
    filter: {WijkenEnBuurten: GM9999}
  monitor:
    bestand: ../data/monitor.csv
    periode: Perioden
    filter: {Regio: Lindewaard}
inwoners: {2024: 41200, 2025: 41500, 2026: 41700}
indicatoren:
  EI_GEWELD:
    bestand: politie
    filter: {SoortMisdrijf: "1.4"}
    per_inwoners: 1000
  EI_INBRAAK:
    bestand: politie
    filter: {SoortMisdrijf: "1.1.1"}
  EI_RAPPORTCIJFER:
    bestand: monitor
    waarde: RapportcijferVeiligheidInBuurt_60
"""


def write_xlsx(path: Path, header: list, rows: list[list], sheet: str = "TypedDataSet") -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def write_csv(
    path: Path, header: list, rows: list[list], *, delimiter: str = ";", encoding: str = "cp1252"
) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def make_plan(root: Path, mapping: str = MAPPING) -> Path:
    """conf.py, index.rst, data/politie.xlsx, data/monitor.csv and metingen/koppeling.yaml."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text('extensions = ["sphinxext_kernbeleid"]\n', "utf-8")
    (root / "index.rst").write_text(INDEX, "utf-8")
    write_xlsx(root / "data" / "politie.xlsx", POLITIE_HEADER, POLITIE_ROWS)
    write_csv(root / "data" / "monitor.csv", MONITOR_HEADER, MONITOR_ROWS)
    write_mapping(root, mapping)
    return root


def write_mapping(root: Path, mapping: str) -> Path:
    target = root / "metingen" / "koppeling.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(mapping), "utf-8")
    return target
