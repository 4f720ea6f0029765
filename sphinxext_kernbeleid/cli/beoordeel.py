"""``kernbeleid beoordeel MR_ID [--plan MAP]``: record that a maatregel was looked at again.

A maatregel whose prioriteit, doel or effectindicator changed since the adoption is
*te herbeoordelen* (:mod:`..check.herbeoordeling`). This command stores the fingerprint of
what changed in ``vastgesteld/beoordelingen.json``; the warning stays away until what the
maatregel serves changes again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..files.errors import FileProblem
from ..files.locking import file_lock
from ..records import vastgesteld
from .opties import add_plan_option
from .vaststellen import Stop, built

GEBRUIK = "kernbeleid beoordeel MAATREGEL [--plan MAP]"


def add_parser(tasks: argparse._SubParsersAction) -> None:
    parser = tasks.add_parser(
        "beoordeel",
        gebruik=GEBRUIK,
        usage=GEBRUIK,
        help="een herbeoordeelde maatregel vastleggen",
        description=(
            "Legt vast dat een maatregel opnieuw is bekeken nadat een prioriteit, doel of "
            "effectindicator waaraan hij bijdraagt na de vaststelling is gewijzigd. De "
            "waarschuwing 'te herbeoordelen' verdwijnt dan, tot er opnieuw iets wijzigt."
        ),
        epilog="Voorbeeld: kernbeleid beoordeel MR_CONTROLES",
    )
    parser.set_defaults(run=run)
    parser.add_argument("maatregel", metavar="MAATREGEL", help="het id van de maatregel")
    add_plan_option(parser)


def run(args: argparse.Namespace) -> int:
    try:
        print(beoordeel(args))
    except (Stop, vastgesteld.VastgesteldFout, FileProblem) as err:
        print(f"kernbeleid: fout: {err}", file=sys.stderr)
        return 1
    return 0


def beoordeel(args: argparse.Namespace) -> str:
    """Record the review; returns what was done, in Dutch."""
    from ..build.plan_cache import get_plan
    from ..check.herbeoordeling import review_entry, suspects

    plan_dir = args.plan.resolve()
    wanted = args.maatregel.strip()
    with built(plan_dir) as app:
        plan = get_plan(app)
        baseline = vastgesteld.baseline_of(plan)
        if baseline is None:
            raise Stop(
                "er is nog geen vastgestelde versie; een maatregel is pas te herbeoordelen na "
                "'kernbeleid vaststellen'."
            )
        found = {s.maatregel.id: s for s in suspects(plan)}
        open_ = sorted(i for i, s in found.items() if not s.reviewed)
        item = plan.get(wanted)
        if item is not None and item.type == "prestatie-indicator" and item.parents:
            raise Stop(
                f"{wanted} is een prestatie-indicator; die wordt samen met zijn maatregel "
                f"beoordeeld: kernbeleid beoordeel {item.parents[0].id}"
            )
        if wanted not in found:
            if item is None:
                raise Stop(
                    f"'{wanted}' is geen item van het plan. Te herbeoordelen: "
                    f"{', '.join(open_) or 'geen'}."
                )
            return f"{wanted} hoeft niet herbeoordeeld te worden; er is niets vastgelegd."
        suspect = found[wanted]
        if suspect.reviewed:
            return f"{wanted} is al herbeoordeeld; er is niets vastgelegd."
        entry = review_entry(suspect, baseline, dt.date.today())
    with file_lock(
        vastgesteld.reviews_path(plan_dir), lambda s: print(s), again="probeer het opnieuw"
    ):
        vastgesteld.record_review(plan_dir, wanted, entry)
    return (
        f"Vastgelegd: {wanted} is herbeoordeeld. De waarschuwing komt terug als "
        f"{', '.join(entry['gewijzigd'])} opnieuw wijzigt."
    )
