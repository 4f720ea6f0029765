"""``kernbeleid voortgang importeer WERKBOEK --periode 2026-Q2``: a partner's workbook in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..imports.voortgang import importeer
from .opties import action, add_import_options, required

GEBRUIK = (
    "kernbeleid voortgang importeer WERKBOEK --periode KWARTAAL "
    "[--plan MAP] [--overschrijf] [--proef]"
)


def add_parser(tasks: argparse._SubParsersAction) -> None:
    parser = action(
        tasks,
        "voortgang importeer",
        GEBRUIK,
        run,
        task_help="voortgang van partners inlezen (voortgang importeer)",
        help="een ingevuld werkboek inlezen in het plan",
        description=(
            "Leest een door een partner ingevuld werkboek (gemaakt met sphinx-build -b "
            "kernbeleid-xlsx) en zet de geaccepteerde voortgang in voortgang/KWARTAAL.yaml "
            "van het plan. Het werkboek zelf wordt nooit gewijzigd; de rst ook niet."
        ),
    )
    parser.add_argument(
        "werkboek", metavar="WERKBOEK", type=Path, help="het ingevulde werkboek (.xlsx)"
    )
    # Shown as required; the check for it stays in run() (its own message).
    required(parser).add_argument(
        "--periode",
        metavar="KWARTAAL",
        help="het kwartaal waarover gerapporteerd wordt, bijvoorbeeld 2026-Q2",
    )
    add_import_options(
        parser, overschrijf="waarden van een eerdere import voor dit kwartaal vervangen"
    )


def run(args: argparse.Namespace) -> int:
    if not args.periode:
        print(
            "kernbeleid: fout: geef het kwartaal op met --periode, bijvoorbeeld --periode "
            f"2026-Q2.\nGebruik: {GEBRUIK}",
            file=sys.stderr,
        )
        return 2
    return importeer(
        args.werkboek, args.periode, args.plan, overschrijf=args.overschrijf, proef=args.proef
    )
