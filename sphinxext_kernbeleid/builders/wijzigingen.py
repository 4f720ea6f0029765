"""``sphinx-build -b kernbeleid-wijzigingen SRC OUT``: what changed since the raad adopted the plan.

Compares the current plan with the adopted version (``vastgesteld/<datum>/``, the one
``kernbeleid_vastgesteld`` names, else the latest) and writes ``kernbeleid-wijzigingen.json``
and ``.html``: items added, removed and changed field by field with the text changes word
by word, the budgets per prioriteit/thema and in total, and the maatregelen that are
te herbeoordelen.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from ..build import uitvoermap
from ..files import atomic
from ..files.errors import FileProblem
from .plan_output import PlanOutputBuilder

logger = logging.getLogger(__name__)

REPORT_NAME = "kernbeleid-wijzigingen"


class KernbeleidWijzigingenBuilder(PlanOutputBuilder):
    """Writes the change report against the adopted version; no per-document output."""

    name = "kernbeleid-wijzigingen"
    format = "kernbeleid-wijzigingen"
    epilog = "Het wijzigingsoverzicht staat in %(outdir)s/" + REPORT_NAME + ".html (ook .json)."

    def finish(self) -> None:
        from ..build.plan_cache import collector_paused

        with collector_paused():
            self._write_report()

    def _write_report(self) -> None:
        from ..build.huisstijl import huisstijl
        from ..build.plan_cache import get_plan
        from ..writers.wijzigingen_html import render_html

        app = self._sphinx
        plan = get_plan(app)
        report = report_of(plan, self._file_of)
        if report["vastgesteld"] is None:
            logger.warning(
                "Er is nog geen vastgestelde versie om mee te vergelijken; leg het besluit van "
                "de raad eerst vast met: kernbeleid vaststellen --datum JJJJ-MM-DD",
                type="kernbeleid",
                subtype="vastgesteld",
            )
        outdir = Path(self.outdir)
        outputs = [
            (f"{REPORT_NAME}.json", json.dumps(report, ensure_ascii=False, indent=2) + "\n"),
            (f"{REPORT_NAME}.html", render_html(report, huisstijl(app))),
        ]
        for name, text in outputs:
            target = outdir / name
            try:
                atomic.write_text(target, text)
            except FileProblem as problem:
                uitvoermap.record_failure(app, problem)
            else:
                uitvoermap.record_written(app, target)

    def _file_of(self, docname: str | None) -> str | None:
        if not docname or docname not in self.env.all_docs:
            return docname
        return str(self.env.doc2path(docname, base=False)).replace("\\", "/")


def _money(value: Decimal) -> str:
    from ..model.display import money

    return money(value)


def _verschil(value: Decimal) -> str:
    if value == 0:
        return "–"
    return ("+ " if value > 0 else "− ") + _money(abs(value))


def report_of(plan: Any, file_of: Any = lambda d: d) -> dict[str, Any]:
    """The change report as one JSON-ready dict (the HTML is written from it)."""
    from ..check.herbeoordeling import suspects
    from ..model.plan import build_plan
    from ..model.wijzigingen import budget_changes, diff
    from ..records.vastgesteld import baseline_of, source_hash

    baseline = baseline_of(plan)
    head = {
        "gemeente": plan.settings.gemeente,
        "versie": plan.settings.versie,
        "status": plan.settings.status,
    }
    if baseline is None:
        return {**head, "vastgesteld": None}
    adoption = baseline.adoption
    changes = diff(adoption.needs.values(), (i.raw for i in plan.items.values()))
    old_plan = build_plan(adoption.needs.values(), plan.settings)
    rows, total = budget_changes(old_plan, plan)
    current = source_hash(adoption.folder.parent.parent)

    def where(ref: Any) -> str | None:
        if not ref.docname:
            return None
        return f"{file_of(ref.docname)}:{ref.lineno}" if ref.lineno else file_of(ref.docname)

    def item(ref: Any) -> dict[str, Any]:
        return {"id": ref.id, "type": ref.type, "titel": ref.title, "plaats": where(ref)}

    def budget(row: Any) -> dict[str, Any]:
        return {
            "id": row.id,
            "titel": row.title,
            "was": str(row.old),
            "nu": str(row.new),
            "verschil": str(row.verschil),
            "was_tekst": _money(row.old),
            "nu_tekst": _money(row.new),
            "verschil_tekst": _verschil(row.verschil),
        }

    return {
        **head,
        "vastgesteld": dict(adoption.manifest),
        "gemaakt": dt.date.today().isoformat(),
        "bronhash": current,
        "bron_ongewijzigd": current == adoption.manifest.get("bronhash"),
        "toegevoegd": [item(r) for r in changes.added],
        "verwijderd": [item(r) for r in changes.removed],
        "gewijzigd": [
            {
                **item(c),
                "oud_id": c.old_id,
                "velden": [
                    {"veld": f.label, "was": f.old, "nu": f.new, "woorden": f.words()}
                    for f in c.changes
                ],
            }
            for c in changes.changed
        ],
        "budget": {"per_onderdeel": [budget(r) for r in rows], "totaal": budget(total)},
        "herbeoordelen": [
            {
                **item(s.maatregel),
                "gewijzigd": [{"id": u.item.id, "wat": u.wat} for u in s.changed],
                "beoordeeld": s.reviewed,
            }
            for s in suspects(plan)
        ],
    }


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the builder and the setting that names the adopted version to compare with."""
    app.add_builder(KernbeleidWijzigingenBuilder)
    return {}
