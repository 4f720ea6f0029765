"""Options several ``kernbeleid`` commands share, written once so their help reads alike."""

from __future__ import annotations

import argparse
from pathlib import Path


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
