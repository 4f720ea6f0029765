"""Fill in a partner workbook the way a partner would: open it, type in the yellow cells, save.

Used by the tests and to make the example's filled-in workbook
(``python tests/werkboek_invullen.py`` rewrites it; see ``VOORBEELD``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import load_workbook

HEADERS = {"realisatie": "Realisatie", "status": "Status", "toelichting": "Toelichting"}


def column_of(sheet, header: str) -> int:
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column
    raise KeyError(header)


def row_of(sheet, maatregel: str, indicator: str = "") -> int:
    mr, pi = column_of(sheet, "ID maatregel"), column_of(sheet, "ID prestatie-indicator")
    for row in range(2, sheet.max_row + 1):
        if (
            sheet.cell(row, mr).value == maatregel
            and (sheet.cell(row, pi).value or "") == indicator
        ):
            return row
    raise KeyError((maatregel, indicator))


def fill(source: Path, target: Path, answers: dict[tuple[str, str], dict[str, object]]) -> None:
    """Write ``answers`` {(maatregel, indicator): {"status": …, "realisatie": …}} and save."""
    workbook = load_workbook(source)
    sheet = workbook["Maatregelen"]
    for (maatregel, indicator), values in answers.items():
        row = row_of(sheet, maatregel, indicator)
        for name, value in values.items():
            sheet.cell(row, column_of(sheet, HEADERS[name])).value = value
    workbook.save(target)


#: The example's partners' report over the second quarter of 2026 (stand 30 juni).
VOORBEELD: dict[tuple[str, str], dict[str, object]] = {
    ("MR_ZV_COORDINATOR", "PI_ZV_CASUSSEN"): {
        "realisatie": 17,
        "status": "lopend",
        "toelichting": "Coördinator sinds 1 februari in dienst; 17 casussen met één regisseur.",
    },
    ("MR_MELDPUNT_ZORG", "PI_MELDINGEN_OPGEPAKT"): {
        "realisatie": 82.5,
        "status": "vertraagd",
        "toelichting": "Inkoop van de bereikbaarheid buiten kantoortijd loopt een kwartaal "
        "achter; overdag 82,5% binnen drie werkdagen opgepakt.",
    },
    ("MR_BUURTBEMIDDELING", "PI_BEMIDDELINGEN"): {"realisatie": 26, "status": "lopend"},
    ("MR_KVO_CENTRUM", "PI_KVO_CENTRUM"): {
        "realisatie": 1,
        "status": "gereed",
        "toelichting": "Certificaat behaald op 12 mei.",
    },
    ("MR_SNELHEID", "PI_SNELHEIDSLOCATIES"): {"realisatie": 6, "status": "lopend"},
    ("MR_BRANDVEILIG_THUIS", "PI_HUISBEZOEKEN"): {
        "realisatie": 104,
        "status": "lopend",
        "toelichting": "Samen met de brandweer en de thuiszorg; in de zomer minder bezoeken.",
    },
    ("MR_CRISISOEFENING", "PI_OEFENINGEN"): {
        "realisatie": 1,
        "status": "lopend",
        "toelichting": "Eerste oefening (wateroverlast) op 4 juni gehouden.",
    },
    ("MR_CRISISOEFENING", "PI_PIKET_GETRAIND"): {"realisatie": "62,5"},
    ("MR_INTEGRALE_CONTROLES", "PI_CONTROLES"): {
        "realisatie": 5,
        "status": "lopend",
        "toelichting": "- vijf controles met politie, Belastingdienst en brandweer; "
        "twee panden gesloten.",
    },
    ("MR_INTEGRALE_CONTROLES", "PI_PANDEN_GECONTROLEERD"): {"realisatie": 37},
    ("MR_BIBOB", "PI_BIBOB_BELEIDSLIJN"): {"realisatie": 0, "status": "lopend"},
    ("MR_BIBOB", "PI_BIBOB_TOETSEN"): {"realisatie": 18},
    ("MR_SLUITINGSBELEID", "PI_BELEIDSREGEL_SLUITING"): {
        "realisatie": 1,
        "status": "gereed",
        "toelichting": "Vastgesteld door de burgemeester op 2 april.",
    },
    ("MR_BUITENGEBIED", "PI_AGRARIERS"): {
        "realisatie": 31,
        "status": "vertraagd",
        "toelichting": "Minder bezoeken door ziekte bij de wijkagenten buitengebied.",
    },
    ("MR_GROEPSAANPAK", "PI_GROEPSPLANNEN"): {"realisatie": 3, "status": "lopend"},
    ("MR_JONGERENWERK_AVOND", "PI_STRAATWERK_UREN"): {"realisatie": 588, "status": "lopend"},
    ("MR_NAZORG_HUISVERBOD", "PI_NAZORG"): {"realisatie": 100, "status": "lopend"},
    ("MR_PGA_HIC", "PI_PGA_HIC"): {"realisatie": 11, "status": "lopend"},
}

if __name__ == "__main__":
    # python tests/werkboek_invullen.py EXPORT.xlsx DOEL.xlsx
    fill(Path(sys.argv[1]), Path(sys.argv[2]), VOORBEELD)
