"""The ``kernbeleid metingen importeer`` subcommand (wired into :mod:`.cli`)."""

from __future__ import annotations

import argparse
import sys

from .opties import add_import_options

GEBRUIK = "kernbeleid metingen importeer [--plan MAP] [--proef] [--overschrijf]"


def add_parser(tasks: argparse._SubParsersAction) -> None:
    measurements = tasks.add_parser("metingen", help="metingen inlezen (metingen importeer)")
    actions = measurements.add_subparsers(
        dest="actie", title="acties", metavar="ACTIE", parser_class=type(measurements)
    )
    importeer = actions.add_parser(
        "importeer",
        help="cijfers uit open data en de Veiligheidsmonitor inlezen",
        description=(
            "Leest metingen/koppeling.yaml van het plan, haalt per effectindicator de waarden "
            "per jaar uit de genoemde bestanden (.xlsx of .csv) en zet ze in "
            "metingen/metingen.yaml. De rst en de bestanden zelf worden nooit gewijzigd."
        ),
    )
    add_import_options(
        importeer,
        overschrijf="waarden van een eerdere import vervangen als de bron ze herzien heeft",
    )


def run(args: argparse.Namespace) -> int:
    if getattr(args, "actie", None) != "importeer":
        print(
            f"Gebruik: {GEBRUIK}\nMeer uitleg: kernbeleid metingen importeer --help",
            file=sys.stderr,
        )
        return 2
    from ..imports.metingen import importeer

    return importeer(args.plan, overschrijf=args.overschrijf, proef=args.proef)
