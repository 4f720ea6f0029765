"""Time ``kernbeleid politie importeer`` on a 100.000-row police export (target ≤ 5 s).

The export has the police/CBS open-data shape: padded codes, years and months, every
known *soort misdrijf* plus an unknown one, and many gemeenten of which one is ours.
Measured twice: as ``.xlsx`` and as ``.csv``; each time the first import (writes the
file) and the second (finds nothing changed).

Usage::

    .venv/bin/python bench/politie_bench.py                 # 100.000 rows
    .venv/bin/python bench/politie_bench.py --rijen 20000
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

HEADER = ["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"]


def rows(count: int):
    from sphinxext_kernbeleid.model import politiecodes

    codes = [f"{c} " for c in politiecodes.load().codes] + ["9.9.9 "]
    periods = [f"{y}JJ00" for y in range(2016, 2026)] + [f"2026MM{m:02d}" for m in range(1, 4)]
    number, gemeente = 0, 9000
    while number < count:
        for code in codes:
            for period in periods:
                if number >= count:
                    return
                yield [number, code, f"GM{gemeente:04d}    ", period, 100 + number % 97]
                number += 1
        gemeente = 9999 if gemeente == 9000 else (gemeente + 1 if gemeente < 9998 else 9001)


def write_exports(folder: Path, count: int) -> tuple[Path, Path]:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("TypedDataSet")
    sheet.append(HEADER)
    with (folder / "politie.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for row in rows(count):
            sheet.append(row)
            writer.writerow(row)
    workbook.save(folder / "politie.xlsx")
    return folder / "politie.xlsx", folder / "politie.csv"


def time_one(export: Path, work: Path) -> tuple[float, float, float]:
    from sphinxext_kernbeleid.imports.politie import importeer

    plan = work / export.suffix.lstrip(".")
    (plan / "metingen").mkdir(parents=True)
    (plan / "conf.py").write_text('extensions = ["sphinxext_kernbeleid"]\n', "utf-8")
    (plan / "metingen" / "koppeling.yaml").write_text("inwoners:\n  2025: 185500\n", "utf-8")
    times = []
    cpu = time.process_time()
    for _ in range(2):
        start = time.perf_counter()
        code = importeer(export, "GM9999", plan, say=lambda _text: None)
        times.append(time.perf_counter() - start)
        assert code == 0, code
        if len(times) == 1:
            cpu = time.process_time() - cpu
    return times[0], times[1], cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rijen", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        xlsx, csv_path = write_exports(work, args.rijen)
        for export in (xlsx, csv_path):
            first, second, cpu = time_one(export, work)
            verdict = "OK" if first <= 5 else "TE TRAAG"
            print(
                f"{export.suffix} {args.rijen} rijen: eerste import {first:.2f} s "
                f"(processortijd {cpu:.2f} s), tweede {second:.2f} s (doel ≤ 5 s: {verdict})"
            )


if __name__ == "__main__":
    main()
