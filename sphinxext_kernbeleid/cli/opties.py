"""How a ``kernbeleid`` subcommand is wired, and the options several commands share.

Every command module (:mod:`.nieuw`, :mod:`.voortgang`, :mod:`.metingen`, :mod:`.vervolg`)
has ``add_parser(tasks)``, which adds its parser with :func:`task` / :func:`action` and
names the function that runs it; :mod:`.main` only lists the modules. argparse's own
messages are English, so usage, help and errors are worded here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """An argument parser that speaks Dutch to its users."""

    def __init__(self, gebruik: str = "kernbeleid TAAK", **kwargs: Any) -> None:
        self.gebruik = gebruik  # the one-line usage shown after a mistake
        self.acties: argparse._SubParsersAction | None = None  # of a task with actions
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


_MESSAGES = (
    ("the following arguments are required:", "verplicht maar niet opgegeven:"),
    ("unrecognized arguments:", "onbekende argumenten:"),
    ("invalid choice:", "onbekende keuze:"),
    ("choose from", "kies uit"),
    ("expected one argument", "hier hoort een waarde bij"),
    ("argument ", "bij "),
)


def task(
    tasks: argparse._SubParsersAction, name: str, gebruik: str, run: Run, **kwargs: Any
) -> Parser:
    """A task (``kernbeleid NAME``) that runs ``run(args)``."""
    parser: Parser = tasks.add_parser(name, gebruik=gebruik, usage=gebruik, **kwargs)
    parser.set_defaults(run=run)
    return parser


def action(
    tasks: argparse._SubParsersAction,
    name: str,
    gebruik: str,
    run: Run,
    *,
    task_help: str,
    **kwargs: Any,
) -> Parser:
    """A task with an action (``kernbeleid NAME ACTION``) that runs ``run(args)``; the task
    without its action shows how it is used (the first action's usage). Called again with
    the same NAME, it adds another action to that task."""
    first, second = name.split()
    parent = tasks.choices.get(first)
    if isinstance(parent, Parser) and parent.acties is not None:  # a second action
        return task(parent.acties, second, gebruik, run, **kwargs)
    parent = tasks.add_parser(first, gebruik=gebruik, help=task_help)
    parent.set_defaults(run=usage(gebruik, f"{name} --help"))
    parent.acties = parent.add_subparsers(title="acties", metavar="ACTIE", parser_class=Parser)
    return task(parent.acties, second, gebruik, run, **kwargs)


def usage(gebruik: str, more: str) -> Run:
    """A run that only tells how the command is used (exit code 2)."""

    def run(_args: argparse.Namespace) -> int:
        print(f"Gebruik: {gebruik}\nMeer uitleg: kernbeleid {more}", file=sys.stderr)
        return 2

    return run


def required(parser: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """A help section for options that must be given, shown before the optional ones."""
    group = parser.add_argument_group("verplichte opties")
    parser._action_groups.insert(1, parser._action_groups.pop())
    return group


def add_plan_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plan",
        metavar="MAP",
        type=Path,
        default=Path("."),
        help="de map van het plan (met conf.py); standaard de huidige map",
    )


def add_import_options(parser: argparse.ArgumentParser, overschrijf: str) -> None:
    """``--plan``, ``--overschrijf`` (``overschrijf`` is its help text) and ``--proef``."""
    add_plan_option(parser)
    parser.add_argument("--overschrijf", action="store_true", help=overschrijf)
    parser.add_argument(
        "--proef",
        action="store_true",
        help="alleen laten zien wat er zou gebeuren; niets schrijven",
    )
