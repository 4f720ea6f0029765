"""Write the example's made-up police export per soort misdrijf (run: python maak_politiecijfers.py).

``misdrijven.csv`` has the shape of the CBS/Politie open-data crime table ("Geregistreerde
misdrijven; soort misdrijf, wijk en buurt"), as a CSV download: ``;`` separated, an ``ID``
column, codes and region codes padded with spaces, years ``2021JJ00`` … ``2025JJ00`` and
the months of 2026 so far. It holds every soort misdrijf of Lindewaard (GM9999), one code
the police added later (not in the mapping: reported as niet ingedeeld) and the rows of
the neighbour ’s-Heerenbeek (GM9998) that the import must leave out. Figures are invented.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"]
YEARS = [f"{y}JJ00" for y in range(2021, 2026)]
MONTHS = [f"2026MM{m:02d}" for m in range(1, 4)]
#: Invented yearly levels for Lindewaard (about 62.000 inwoners) and a trend per year.
LEVELS = {
    "0.0.0": (3100, -0.01), "1.1.1": (190, -0.05), "1.1.2": (60, -0.03), "1.2.1": (140, -0.04),
    "1.2.2": (35, 0.0), "1.2.3": (420, -0.02), "1.2.4": (45, 0.03), "1.2.5": (30, 0.0),
    "1.3.1": (160, 0.02), "1.4.1": (38, 0.04), "1.4.2": (2, 0.0), "1.4.3": (20, 0.05),
    "1.4.4": (95, 0.06), "1.4.5": (170, 0.05), "1.4.6": (12, -0.05), "1.4.7": (6, -0.05),
    "1.5.2": (8, 0.0), "1.6.1": (25, 0.02), "1.6.2": (310, 0.0), "1.6.3": (3, 0.2),
    "2.1.1": (55, 0.06), "2.2.1": (260, -0.01), "2.4.1": (18, 0.0), "2.4.2": (22, 0.0),
    "2.5.1": (70, -0.03), "2.5.2": (150, 0.05), "2.6.1": (4, 0.0), "2.6.4": (9, 0.0),
    "2.6.8": (2, 0.0), "2.6.9": (14, 0.1), "2.7.2": (11, 0.1), "2.7.3": (5, 0.0),
    "3.1.1": (42, 0.12), "3.1.2": (1, 0.0), "3.1.3": (16, 0.05), "3.5.2": (85, -0.02),
    "3.5.5": (40, 0.0), "3.6.4": (60, 0.02), "3.7.1": (9, 0.08), "3.7.4": (70, 0.15),
    "3.9.1": (120, 0.1), "3.9.3": (210, 0.08),
    "4.1.1": (5, 0.0),  # a code the police added after the mapping was made
}  # fmt: skip


def rows() -> list[list[object]]:
    random.seed(2026)
    out: list[list[object]] = []
    for region, factor in (("GM9999", 1.0), ("GM9998", 3.0)):
        for code, (level, growth) in LEVELS.items():
            for index, period in enumerate(YEARS):
                value = level * factor * (1 + growth) ** index * random.uniform(0.95, 1.05)
                out.append([code, region, period, round(value)])
            for period in MONTHS:
                value = level * factor * (1 + growth) ** 5 / 12 * random.uniform(0.8, 1.2)
                out.append([code, region, period, round(value)])
    return [[n, f"{c} ", f"{r}    ", p, v] for n, (c, r, p, v) in enumerate(out)]


def main() -> None:
    with (HERE / "misdrijven.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(HEADER)
        writer.writerows(rows())


if __name__ == "__main__":
    main()
