"""``kernbeleid metingen importeer``: open-data exports into the plan's measurements;
``kernbeleid metingen bekijk BESTAND``: what an export holds and the mapping it suggests."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..imports.bekijk import run_bekijk
from ..imports.metingen import importeer
from .opties import action, add_import_options, add_plan_option

GEBRUIK = "kernbeleid metingen importeer [--plan MAP] [--proef] [--overschrijf]"
GEBRUIK_BEKIJK = "kernbeleid metingen bekijk BESTAND [--plan MAP] [--blad NAAM] [--gemeente CODE]"


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

    bekijk = action(
        tasks,
        "metingen bekijk",
        GEBRUIK_BEKIJK,
        run_bekijk_args,
        task_help="metingen inlezen (metingen importeer)",
        help="laten zien wat een export bevat, met een voorstel voor koppeling.yaml",
        description=(
            "Leest een export (.xlsx of .csv) zoals de import dat doet en toont de werkbladen, "
            "de kolommen, de perioden, de codes en de gemeentecodes die erin staan. In de map "
            "van een plan (of met --plan) volgt een voorstel voor metingen/koppeling.yaml: de "
            "regels voor de effectindicatoren van het plan die het bestand kan geven. Er wordt "
            "niets geschreven."
        ),
    )
    bekijk.add_argument("bestand", metavar="BESTAND", type=Path, help="de export (.xlsx of .csv)")
    add_plan_option(bekijk)
    bekijk.add_argument(
        "--blad", metavar="NAAM", help="het werkblad; standaard het eerste (alleen bij .xlsx)"
    )
    bekijk.add_argument(
        "--gemeente",
        metavar="CODE",
        help="de gemeente in het bestand: een code als GM0758 of de naam; standaard de naam "
        "uit conf.py (kernbeleid_gemeente)",
    )


def run(args: argparse.Namespace) -> int:
    return importeer(args.plan, overschrijf=args.overschrijf, proef=args.proef)


def run_bekijk_args(args: argparse.Namespace) -> int:
    return run_bekijk(args.bestand, args.plan, args.blad, args.gemeente)
