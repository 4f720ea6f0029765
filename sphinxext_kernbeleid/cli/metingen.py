"""``kernbeleid metingen importeer``: open-data exports into the plan's measurements."""

from __future__ import annotations

import argparse

from ..imports.metingen import importeer
from .opties import action, add_import_options

GEBRUIK = "kernbeleid metingen importeer [--plan MAP] [--proef] [--overschrijf]"


def add_parser(tasks: argparse._SubParsersAction) -> None:
    parser = action(
        tasks,
        "metingen importeer",
        GEBRUIK,
        run,
        task_help="metingen inlezen (metingen importeer)",
        help="cijfers uit open data en de Veiligheidsmonitor inlezen",
        description=(
            "Leest metingen/koppeling.yaml van het plan, haalt per effectindicator de waarden "
            "per jaar uit de genoemde bestanden (.xlsx of .csv) en zet ze in "
            "metingen/metingen.yaml. De rst en de bestanden zelf worden nooit gewijzigd."
        ),
    )
    add_import_options(
        parser,
        overschrijf="waarden van een eerdere import vervangen als de bron ze herzien heeft",
    )


def run(args: argparse.Namespace) -> int:
    return importeer(args.plan, overschrijf=args.overschrijf, proef=args.proef)
