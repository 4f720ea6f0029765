"""The ``kernbeleid`` command (also ``python -m sphinxext_kernbeleid``), in Dutch.

Tasks: ``kernbeleid nieuw MAP`` (start a plan, :mod:`.nieuw`) and ``kernbeleid voortgang
importeer WERKBOEK --periode 2026-Q2``. argparse's own messages are English, so usage, help
and errors are worded here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..version import __version__
from .opties import add_import_options

GEBRUIK = (
    "kernbeleid voortgang importeer WERKBOEK --periode KWARTAAL "
    "[--plan MAP] [--overschrijf] [--proef]"
)
GEBRUIK_NIEUW = (
    "kernbeleid nieuw MAP --gemeente NAAM --periode JAAR-JAAR --prioriteiten CODES "
    "[--themas CODES] [--uitvoeringsjaar JAAR] [--markdown]"
)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Dutch to its users."""

    def __init__(self, gebruik: str = GEBRUIK, **kwargs) -> None:
        self.gebruik = gebruik  # the one-line usage shown after a mistake
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(**kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, dutch in _MESSAGES:
            message = message.replace(english, dutch)
        self.exit(2, f"kernbeleid: fout: {message}\nGebruik: {self.gebruik}\n")


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        # argparse asks for prefix "" when it builds a subcommand's name from the usage:
        # only the top of a help text says "gebruik:" (once).
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


def _required(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """A help section for options that must be given, shown before the optional ones."""
    group = parser.add_argument_group("verplichte opties")
    parser._action_groups.insert(1, parser._action_groups.pop())
    return group


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
        epilog="Meer uitleg per taak: kernbeleid TAAK --help",
    )
    main.add_argument(
        "--versie",
        "--version",
        action="version",
        version=f"kernbeleid {__version__}",
        help="toon het versienummer",
    )
    tasks = main.add_subparsers(dest="taak", title="taken", metavar="TAAK", parser_class=_Parser)
    _add_nieuw(tasks)
    progress = tasks.add_parser(
        "voortgang",
        help="voortgang van partners inlezen (voortgang importeer)",
        description="Voortgang van partners verwerken.",
    )
    actions = progress.add_subparsers(
        dest="actie", title="acties", metavar="ACTIE", parser_class=_Parser
    )
    importeer = actions.add_parser(
        "importeer",
        usage=GEBRUIK,
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
    # Shown as required; the check for it stays in main() (its own message).
    _required(importeer).add_argument(
        "--periode",
        metavar="KWARTAAL",
        help="het kwartaal waarover gerapporteerd wordt, bijvoorbeeld 2026-Q2",
    )
    add_import_options(
        importeer, overschrijf="waarden van een eerdere import voor dit kwartaal vervangen"
    )
    from .metingen import add_parser as add_metingen_parser

    add_metingen_parser(tasks)
    from .vervolg import add_parser as add_vervolg_parser

    add_vervolg_parser(tasks)  # issue 14
    from . import beoordeel, vaststellen

    vaststellen.add_parser(tasks)
    beoordeel.add_parser(tasks)
    return main


def _add_nieuw(tasks: argparse._SubParsersAction) -> None:
    nieuw = tasks.add_parser(
        "nieuw",
        gebruik=GEBRUIK_NIEUW,
        usage=GEBRUIK_NIEUW,
        help="een nieuw plan beginnen, in een eigen map",
        description=(
            "Maakt een nieuw veiligheidsplan in MAP: conf.py met de gegevens van de gemeente, "
            "de hoofdstukken van het IVP en het uitvoeringsplan volgens de methode, per "
            "prioriteit een doel met effectindicatoren uit de catalogus, een actiepunt en een "
            "maatregel, en een Makefile en make.bat (make website, toets, word, excel, alles, "
            "bekijk, schoon). Wat alleen de gemeente weet, staat er als [IN TE VULLEN]. "
            "Wat ontbreekt, wordt in een terminal gevraagd. MAP moet nieuw of leeg zijn."
        ),
        epilog=(
            "Voorbeeld: kernbeleid nieuw veiligheidsplan --gemeente Voorbeeldstad "
            "--periode 2027-2030 --prioriteiten 1.3,5.2 --themas 2.3,4.1"
        ),
    )
    nieuw.add_argument("map", metavar="MAP", type=Path, help="de (nieuwe of lege) map van het plan")
    required = _required(nieuw)
    required.add_argument("--gemeente", metavar="NAAM", help="de naam van de gemeente")
    required.add_argument(
        "--periode", metavar="JAAR-JAAR", help="de looptijd van het IVP, bijvoorbeeld 2027-2030"
    )
    required.add_argument(
        "--prioriteiten",
        metavar="CODES",
        help="1 tot 4 thema's uit de catalogus als prioriteit, bijvoorbeeld 1.3,5.2",
    )
    nieuw.add_argument(
        "--themas",
        metavar="CODES",
        help="overige strategische thema's uit de catalogus, bijvoorbeeld 2.3,4.1",
    )
    nieuw.add_argument(
        "--uitvoeringsjaar",
        metavar="JAAR",
        help="het jaar van het eerste uitvoeringsplan; standaard het eerste jaar van de periode",
    )
    nieuw.add_argument(
        "--markdown",
        action="store_true",
        help="de hoofdstukken in Markdown (MyST) schrijven in plaats van reStructuredText",
    )


#: Exit code after Ctrl-C, as shells report an interrupted command (128 + SIGINT).
AFGEBROKEN = 130


def main(argv: list[str] | None = None) -> int:
    """Run the command; Ctrl-C ends it with a sentence and code 130, never a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("\nAfgebroken; er is niets geschreven.", file=sys.stderr)
        return AFGEBROKEN


def _main(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    if args.taak == "uitvoeringsplan":  # issue 14
        from .vervolg import run as run_vervolg

        return run_vervolg(args)
    if args.taak in ("vaststellen", "beoordeel"):
        from . import beoordeel, vaststellen

        return (vaststellen if args.taak == "vaststellen" else beoordeel).run(args)
    if args.taak == "metingen":
        from .metingen import run as run_metingen

        return run_metingen(args)
    if args.taak == "nieuw":
        from .nieuw import run

        return run(args)
    if args.taak != "voortgang" or getattr(args, "actie", None) != "importeer":
        print(
            f"Gebruik: {GEBRUIK}\n     of: {GEBRUIK_NIEUW}\nMeer uitleg: kernbeleid --help",
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
    from ..imports.voortgang import importeer

    return importeer(
        args.werkboek, args.periode, args.plan, overschrijf=args.overschrijf, proef=args.proef
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
