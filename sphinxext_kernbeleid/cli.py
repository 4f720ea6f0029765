"""The ``kernbeleid`` command (also ``python -m sphinxext_kernbeleid``), in Dutch.

Today it has one task: ``kernbeleid voortgang importeer WERKBOEK --periode 2026-Q2``.
argparse's own messages are English, so usage, help and errors are worded here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__

GEBRUIK = (
    "kernbeleid voortgang importeer WERKBOEK --periode KWARTAAL "
    "[--plan MAP] [--overschrijf] [--proef]"
)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Dutch to its users."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(**kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, dutch in _MESSAGES:
            message = message.replace(english, dutch)
        self.exit(2, f"kernbeleid: fout: {message}\nGebruik: {GEBRUIK}\n")


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix="gebruik: ")


_MESSAGES = (
    ("the following arguments are required:", "verplicht maar niet opgegeven:"),
    ("unrecognized arguments:", "onbekende argumenten:"),
    ("invalid choice:", "onbekende keuze:"),
    ("choose from", "kies uit"),
    ("expected one argument", "hier hoort een waarde bij"),
    ("argument ", "bij "),
)


def parser() -> argparse.ArgumentParser:
    main = _Parser(
        prog="kernbeleid",
        description="Hulpmiddelen bij een veiligheidsplan volgens Kernbeleid Veiligheid.",
    )
    main.add_argument(
        "--versie",
        action="version",
        version=f"kernbeleid {__version__}",
        help="toon het versienummer",
    )
    tasks = main.add_subparsers(dest="taak", title="taken", metavar="TAAK", parser_class=_Parser)
    progress = tasks.add_parser("voortgang", help="voortgang van partners verwerken")
    actions = progress.add_subparsers(
        dest="actie", title="acties", metavar="ACTIE", parser_class=_Parser
    )
    importeer = actions.add_parser(
        "importeer",
        help="een ingevuld werkboek inlezen in het plan",
        description=(
            "Leest een door een partner ingevuld werkboek (gemaakt met sphinx-build -b "
            "kernbeleid-xlsx) en zet de geaccepteerde voortgang in voortgang/KWARTAAL.yaml "
            "van het plan. Het werkboek zelf wordt nooit gewijzigd; de rst ook niet."
        ),
    )
    importeer.add_argument(
        "werkboek", metavar="WERKBOEK", type=Path, help="het ingevulde werkboek (.xlsx)"
    )
    importeer.add_argument(
        "--periode",
        metavar="KWARTAAL",
        help="het kwartaal waarover gerapporteerd wordt, bijvoorbeeld 2026-Q2",
    )
    importeer.add_argument(
        "--plan",
        metavar="MAP",
        type=Path,
        default=Path("."),
        help="de map van het plan (met conf.py); standaard de huidige map",
    )
    importeer.add_argument(
        "--overschrijf",
        action="store_true",
        help="waarden van een eerdere import voor dit kwartaal vervangen",
    )
    importeer.add_argument(
        "--proef",
        action="store_true",
        help="alleen laten zien wat er zou gebeuren; niets schrijven",
    )
    from .metingen_cli import add_parser as add_metingen_parser

    add_metingen_parser(tasks)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.taak == "metingen":
        from .metingen_cli import run as run_metingen

        return run_metingen(args)
    if args.taak != "voortgang" or getattr(args, "actie", None) != "importeer":
        print(
            f"Gebruik: {GEBRUIK}\nMeer uitleg: kernbeleid voortgang importeer --help",
            file=sys.stderr,
        )
        return 2
    if not args.periode:
        print(
            "kernbeleid: fout: geef het kwartaal op met --periode, bijvoorbeeld --periode "
            f"2026-Q2.\nGebruik: {GEBRUIK}",
            file=sys.stderr,
        )
        return 2
    from .importeer import importeer

    return importeer(
        args.werkboek, args.periode, args.plan, overschrijf=args.overschrijf, proef=args.proef
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
