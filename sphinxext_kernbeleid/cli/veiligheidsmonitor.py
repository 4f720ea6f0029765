"""The ``kernbeleid monitor importeer`` subcommand (wired into :mod:`.main`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .opties import action, add_import_options

GEBRUIK = (
    "kernbeleid monitor importeer EXPORT --regio GEMEENTE [--plan MAP] [--proef] [--overschrijf]"
)


def add_parser(tasks: argparse._SubParsersAction) -> None:
    parser = action(
        tasks,
        "monitor importeer",
        GEBRUIK,
        run,
        task_help="Veiligheidsmonitor inlezen (monitor importeer)",
        help="een export van de Veiligheidsmonitor van CBS indelen bij de thema's",
        description=(
            "Leest een export van de Veiligheidsmonitor (open data van CBS, .csv of .xlsx), "
            "neemt alleen de rijen van de eigen gemeente, deelt elk onderwerp in bij de "
            "enquête-indicatoren en thema's van de catalogus en zet de waarden per jaar in "
            "metingen/monitorcijfers.yaml. Onderwerpen die bij geen thema horen, worden als "
            "'niet ingedeeld' gemeld."
        ),
    )
    parser.add_argument("export", metavar="EXPORT", type=Path, help="de export (.csv of .xlsx)")
    parser.add_argument(
        "--regio",
        metavar="GEMEENTE",
        help="de gemeente zoals de kolom RegioS haar noemt: de code (GM0758) of de naam",
    )
    add_import_options(
        parser,
        overschrijf="cijfers van een eerdere import vervangen als CBS ze herzien heeft",
    )


def run(args: argparse.Namespace) -> int:
    if not args.regio:
        print(
            "kernbeleid: fout: geef de gemeente met --regio, bijvoorbeeld --regio GM0758.\n"
            f"Gebruik: {GEBRUIK}",
            file=sys.stderr,
        )
        return 2
    from ..imports.veiligheidsmonitor import importeer

    return importeer(
        args.export, args.regio, args.plan, overschrijf=args.overschrijf, proef=args.proef
    )
