"""The Word voortgangsrapportage: a document the builder assembles from the plan itself.

Start name ``kernbeleid:voortgang`` (the latest reported quarter) or
``kernbeleid:voortgang:2026-Q1`` (that quarter) in ``kernbeleid_docx_documents``; without
that setting the builder makes it once the plan's year has a reported quarter. The
content is the same as ``.. kernbeleid-voortgang::`` (``render/voortgang.py``), split into
real sections so the dashboard stands on its own page and every prioriteit/thema is in
the navigation pane and the table of contents.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import new_document

from ...authoring.nodes import kernbeleid_overview
from ...model import display
from ...model.parsing import Quarter, dutch_date
from ...model.plan import Doel, Plan
from ...records.voortgangsrapport import choose_period, no_progress_text, periods_of_plan_year
from ...render.voortgang import STRATEGISCH_LABEL

if TYPE_CHECKING:
    from . import DocxBuilder

logger = logging.getLogger(__name__)

#: Start "document" of the voortgangsrapportage (optionally ``:<periode>``).
GENERATED = "kernbeleid:voortgang"


def is_generated(start: str) -> bool:
    return start == GENERATED or start.startswith(GENERATED + ":")


def period_of(start: str) -> str:
    """``kernbeleid:voortgang:2026-Q1`` -> ``2026-Q1``; "" for the latest."""
    return start[len(GENERATED) + 1 :] if start.startswith(GENERATED + ":") else ""


def default_entry(plan: Plan, gemeente: str, outdir: Path) -> tuple[str, str, None, None] | None:
    """The document made without ``kernbeleid_docx_documents``: only when the plan's year
    has a progress record. Without one the builder says why and what to do, and removes a
    rapportage of this year without a quarter in its name that an older version wrote
    (nothing but "nog geen voortgang"); earlier years' rapportages carry their quarter
    (``...-2026-Q4.docx``) and stay."""
    known = periods_of_plan_year(plan)
    if not known:
        stale = [
            outdir / f"Voortgangsrapportage-{gemeente}-{plan.settings.uitvoeringsjaar}.{ext}"
            for ext in ("docx", "pdf", "odt")
        ]
        for path in stale:
            path.unlink(missing_ok=True)
        if any(p.is_file() for p in outdir.glob(f"Voortgangsrapportage-{gemeente}-*.docx")):
            older = " De rapportages in deze map gaan over eerdere kwartalen (zie de naam)."
        else:
            older = ""
        logger.info(f"kernbeleid-docx: {no_progress_text(plan)}{older}")
        return None
    return (GENERATED, f"Voortgangsrapportage-{gemeente}-{known[-1]}.docx", None, None)


def _period(plan: Plan, start: str) -> Quarter | None:
    try:
        return choose_period(plan, period_of(start) or None)
    except Exception:  # the renderer warns with the reason
        return None


def title(plan: Plan, start: str) -> str:
    periode = _period(plan, start)
    return (
        f"Voortgangsrapportage {display.kwartaal(periode)}" if periode else "Voortgangsrapportage"
    )


def date_text(plan: Plan, start: str) -> str | None:
    """The title page's date: the last day of the quarter it reports on, ``30 juni 2026
    (peildatum)``, not the plan's date; None without a reported quarter."""
    periode = _period(plan, start)
    if periode is None:
        return None
    end_month = 3 * periode.quarter
    last_day = date(periode.year + end_month // 12, end_month % 12 + 1, 1) - timedelta(days=1)
    return f"{dutch_date(last_day)} (peildatum)"


def assemble(builder: DocxBuilder, plan: Plan, start: str) -> nodes.document:
    """The document tree: dashboard, one section per prioriteit/thema, attention list."""
    root = builder.config.root_doc
    tree = new_document("<kernbeleid-voortgang>")
    tree["docname"] = root
    periode = period_of(start)

    def section(heading: str, parent: nodes.Element) -> nodes.section:
        node = nodes.section(ids=[nodes.make_id(f"voortgang {heading}")])
        node += nodes.title("", heading)
        parent += node
        return node

    def part(target: str) -> kernbeleid_overview:
        node = kernbeleid_overview(kind="voortgang-deel", target=target, periode=periode)
        node.source, node.line = str(builder.env.doc2path(root)), 1
        return node

    # The document's own title (the title page shows it; the writer skips it here), then
    # chapters: the dashboard on a page of its own, one per prioriteit/thema, the list.
    top = section(title(plan, start), tree)
    section("Dashboard", top).append(part("dashboard"))
    if any(d.is_strategisch and d.all_indicatoren for d in plan.of_type(Doel)):
        section(STRATEGISCH_LABEL, top).append(part("strategisch"))
    for onderdeel in plan.onderdelen:
        section(display.onderdeel_label(onderdeel), top).append(part(onderdeel.id))
    section("Aandachtspunten: vertraagd of zonder rapportage", top).append(part("aandacht"))
    builder.env.resolve_references(tree, root, builder)
    return tree
