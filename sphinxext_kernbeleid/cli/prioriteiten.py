"""The ``kernbeleid prioriteiten vastleggen`` subcommand (wired into :mod:`.main`)."""

from __future__ import annotations

import argparse
import sys

from .opties import add_import_options

GEBRUIK = (
    "kernbeleid prioriteiten vastleggen CODES [--themas CODES] [--plan MAP] [--proef] "
    "[--overschrijf]"
)


def add_parser(tasks: argparse._SubParsersAction) -> None:
    task = tasks.add_parser("prioriteiten", help="de keuze uit de prioriteringssessie vastleggen")
    task.set_defaults(run=run)
    actions = task.add_subparsers(
        dest="actie", title="acties", metavar="ACTIE", parser_class=type(task)
    )
    vastleggen = actions.add_parser(
        "vastleggen",
        usage=GEBRUIK,
        help="verslag schrijven en de hoofdstukken van het IVP aanvullen",
        description=(
            "Schrijft prioritering/verslag.rst (gekozen prioriteiten, de overige thema's die "
            "daaruit volgen en de inhoudsopgave van het IVP) en voegt aan ivp/prioriteiten en "
            "ivp/overige_themas een blok toe voor elk gekozen thema dat er nog niet staat, "
            "gevuld uit de analyse. Wat er al staat, wordt nooit gewijzigd."
        ),
        epilog="Voorbeeld: kernbeleid prioriteiten vastleggen 1.3,5.2,3.1 --themas 1.1,2.1",
    )
    vastleggen.add_argument(
        "codes", metavar="CODES", help="de gekozen prioriteiten (1 tot 4), bijvoorbeeld 1.3,5.2"
    )
    vastleggen.add_argument(
        "--themas",
        metavar="CODES",
        help="de overige thema's; standaard elk ander thema met een analyse",
    )
    add_import_options(vastleggen, overschrijf="een bestaand verslag vervangen")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "actie", None) != "vastleggen":
        print(f"Gebruik: {GEBRUIK}", file=sys.stderr)
        return 2
    from ..imports.prioriteiten import vastleggen

    return vastleggen(
        args.plan, args.codes, args.themas, overschrijf=args.overschrijf, proef=args.proef
    )
