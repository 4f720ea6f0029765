"""The ``kernbeleid regio MAP…`` subcommand: the regional view over many plans."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

GEBRUIK = "kernbeleid regio MAP [MAP ...] [--uit UITMAP] [--titel TEKST]"


def add_parser(tasks: argparse._SubParsersAction) -> None:
    regio = tasks.add_parser(
        "regio",
        gebruik=GEBRUIK,
        usage=GEBRUIK,
        help="een regionaal beeld over de plannen van meer gemeenten",
        description=(
            "Leest de exports van de plannen van meer gemeenten (per gemeente de map van het "
            "plan, of het toetsrapport kernbeleid-rapport.json of needs.json zelf) en maakt "
            "een regionaal beeld: een website, een werkboek (regio.xlsx), de afstemming van de "
            "lokale prioriteiten (stap 3a) als Word-bijlage (stap-3a.docx) en de gegevens in "
            "een DuckDB-database (regio.duckdb). Kan één plan niet gelezen worden, dan wordt "
            "niets geschreven en staat erbij waarom."
        ),
        epilog=(
            'Voorbeeld: kernbeleid regio plannen/* --uit regio --titel "Basisteam Lindewaard-Oost"'
        ),
    )
    regio.set_defaults(run=run)
    regio.add_argument(
        "plannen",
        metavar="MAP",
        nargs="+",
        type=Path,
        help="de map van een plan (met _build/), of een exportbestand; één per gemeente",
    )
    regio.add_argument(
        "--uit",
        metavar="UITMAP",
        type=Path,
        default=Path("regio"),
        help="de map voor website, werkboek en database (standaard: regio)",
    )
    regio.add_argument(
        "--titel",
        metavar="TEKST",
        default="Regionaal beeld veiligheidsplannen",
        help="de naam van de regio boven elke pagina",
    )


def run(args: argparse.Namespace) -> int:
    from ..files.errors import FileProblem
    from ..regio.maken import Refused, make

    try:
        result = make(args.plannen, args.uit, args.titel)
    except Refused as refused:
        for problem in refused.problems:
            print(f"kernbeleid regio: fout: {problem}", file=sys.stderr)
        print("Er is niets geschreven.", file=sys.stderr)
        return 1
    except FileProblem as problem:
        print(f"kernbeleid regio: fout: {problem}", file=sys.stderr)
        return 1
    plannen = "1 plan" if result.plannen == 1 else f"{result.plannen} plannen"
    print(f"Regionaal beeld van {plannen} geschreven in {args.uit}:")
    print(f"  website:  {args.uit / 'index.html'}")
    print(f"  werkboek: {args.uit / 'regio.xlsx'}")
    print(f"  stap 3a:  {args.uit / 'stap-3a.docx'} (Word-bijlage)")
    print(f"  database: {args.uit / 'regio.duckdb'}")
    return 0
