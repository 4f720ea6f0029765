"""The ``kernbeleid`` command (also ``python -m sphinxext_kernbeleid``), in Dutch.

Each task is a module with ``add_parser(tasks)`` (see :mod:`.opties`): ``kernbeleid nieuw``
(:mod:`.nieuw`), ``voortgang importeer`` (:mod:`.voortgang`), ``metingen importeer``
(:mod:`.metingen`) and ``uitvoeringsplan vervolg`` (:mod:`.vervolg`).
"""

from __future__ import annotations

import argparse
import sys

from ..version import __version__
from . import (
    beoordeel,
    metingen,
    nieuw,
    politie,
    prioriteiten,
    regio,
    vaststellen,
    veiligheidsmonitor,
    vervolg,
    voortgang,
)
from .opties import Parser

#: The tasks in the order ``kernbeleid --help`` lists them: the method's steps.
COMMANDS = (
    nieuw,
    politie,
    veiligheidsmonitor,
    prioriteiten,
    vaststellen,
    beoordeel,
    voortgang,
    metingen,
    vervolg,
    regio,
)


def parser() -> argparse.ArgumentParser:
    main = Parser(
        prog="kernbeleid",
        description="Hulpmiddelen bij een veiligheidsplan volgens Kernbeleid Veiligheid.",
        epilog="Meer uitleg per taak: kernbeleid TAAK --help",
    )
    main.add_argument(
        "--versie",
        "--version",
        action="version",
        version=f"kernbeleid {__version__}",
        help="toon het versienummer",
    )
    tasks = main.add_subparsers(dest="taak", title="taken", metavar="TAAK", parser_class=Parser)
    for command in COMMANDS:
        command.add_parser(tasks)
    return main


#: Exit code after Ctrl-C, as shells report an interrupted command (128 + SIGINT).
AFGEBROKEN = 130


def main(argv: list[str] | None = None) -> int:
    """Run the command; Ctrl-C ends it with a sentence and code 130, never a traceback."""
    try:
        args = parser().parse_args(argv)
        run = getattr(args, "run", None)
        if run is None:
            print(
                f"Gebruik: {voortgang.GEBRUIK}\n     of: {nieuw.GEBRUIK}\n"
                "Meer uitleg: kernbeleid --help",
                file=sys.stderr,
            )
            return 2
        code: int = run(args)
        return code
    except KeyboardInterrupt:
        print("\nAfgebroken; er is niets geschreven.", file=sys.stderr)
        return AFGEBROKEN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
