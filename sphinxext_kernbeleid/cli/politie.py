"""The ``kernbeleid politie importeer`` subcommand (wired into :mod:`.main`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .opties import add_import_options

GEBRUIK = "kernbeleid politie importeer EXPORT --regio CODE [--plan MAP] [--proef] [--overschrijf]"


def add_parser(tasks: argparse._SubParsersAction) -> None:
    police = tasks.add_parser(
        "politie", help="politiecijfers per thema inlezen (politie importeer)"
    )
    police.set_defaults(run=run)
    actions = police.add_subparsers(
        dest="actie", title="acties", metavar="ACTIE", parser_class=type(police)
    )
    importeer = actions.add_parser(
        "importeer",
        usage=GEBRUIK,
        help="een export van de misdrijventabel van politie/CBS omzetten naar thema's",
        description=(
            "Leest een export van de geregistreerde misdrijven (open data van politie/CBS, "
            ".csv of .xlsx), neemt alleen de rijen van de eigen gemeente, telt de soorten "
            "misdrijf per thema van de catalogus op en zet de aantallen per jaar (en per "
            "1.000 inwoners als metingen/koppeling.yaml de inwoners noemt) in "
            "metingen/politiecijfers.yaml. Soorten die bij geen thema horen, worden als "
            "'niet ingedeeld' gemeld."
        ),
    )
    importeer.add_argument("export", metavar="EXPORT", type=Path, help="de export (.csv of .xlsx)")
    importeer.add_argument(
        "--regio",
        metavar="CODE",
        help="de regiocode van de gemeente in de export, bijvoorbeeld GM0758",
    )
    add_import_options(
        importeer,
        overschrijf="cijfers van een eerdere import vervangen als de politie ze herzien heeft",
    )


def run(args: argparse.Namespace) -> int:
    if getattr(args, "actie", None) != "importeer":
        print(
            f"Gebruik: {GEBRUIK}\nMeer uitleg: kernbeleid politie importeer --help", file=sys.stderr
        )
        return 2
    if not args.regio:
        print(
            "kernbeleid: fout: geef de regiocode van de gemeente met --regio, bijvoorbeeld "
            f"--regio GM0758.\nGebruik: {GEBRUIK}",
            file=sys.stderr,
        )
        return 2
    from ..imports.politie import importeer

    return importeer(
        args.export, args.regio, args.plan, overschrijf=args.overschrijf, proef=args.proef
    )
