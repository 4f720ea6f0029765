"""The check report as plain data: what the JSON holds and what HTML and XLSX draw.

One dict, built once from the plan and the findings, so the three formats never
disagree. Keys are English, texts Dutch (for the reader); the shape is fixed by
``data/kernbeleid-rapport.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..model import catalogue as catalogue_module
from ..model import display, koers, trace
from ..model.matrix import Matrix, build_matrix
from ..model.needtypes import TYPE_TITLES
from ..model.plan import ITEM_CLASSES, Actiepunt, Doel, EffectIndicator, Item, Plan, Prioriteit
from ..model.plattegrond import plattegrond
from . import gemeenten as samen
from . import rules, ruleset
from . import wijzigingen as changes_module
from .ruleset import verdict_text

SCHEMA_VERSION = 1


def _item_ref(item: Item | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"id": item.id, "title": item.title, "type": item.type}


def _indicator(ei: EffectIndicator) -> dict[str, Any]:
    return {
        "id": ei.id,
        "title": ei.title,
        "doel": ei.parent.id if ei.parent else None,
        "bron": display.text_of(ei, "bron") or None,
        "soort": display.text_of(ei, "soort") or None,
        "eenheid": ei.eenheid,
        "nulmeting": display.text_of(ei, "nulmeting") or None,
        "streefwaarde": display.text_of(ei, "streefwaarde") or None,
        "richting": ei.richting,
        "consistent": ei.richting_klopt,
        **koers.report_fields(ei),
    }


def _tiles(plan: Plan, matrix: Matrix, budget_total: Decimal) -> list[dict[str, str]]:
    """The figures at the top of the report, each with one definition and its Dutch label.

    The counts are the matrix's (goals of prioriteiten and thema's; active maatregelen),
    so the tiles and the matrix below them never disagree.
    """
    cov = matrix.coverage
    strategisch = sum(1 for d in plan.of_type(Doel) if d.is_strategisch)
    vervallen = sum(1 for m in plan.maatregelen if not trace.active(m))
    tiles = [
        (len(plan.prioriteiten), "prioriteiten"),
        (len(plan.themas), "overige thema's"),
        (strategisch, "strategische doelen"),
        (cov.doelen, "doelen van prioriteiten en thema's"),
        (len(plan.of_type(EffectIndicator)), "effectindicatoren"),
        (len(plan.of_type(Actiepunt)), "actiepunten"),
        (cov.maatregelen, "maatregelen (niet vervallen)"),
        (vervallen, "vervallen maatregelen (tellen niet mee)"),
        (
            display.money(budget_total),
            "budget maatregelen (alle maatregelen die niet vervallen zijn)",
        ),
        (
            display.money(trace.begroting(plan).jaarbudget),
            "jaarbudget (prioriteiten, thema's en posten daarbuiten; het verschil met de "
            "maatregelen is nog niet toegewezen)",
        ),
        (
            f"{cov.doelen_gedekt} van {cov.doelen}",
            "doelen van prioriteiten en thema's met een maatregel",
        ),
        (
            f"{cov.maatregelen_met_doel} van {cov.maatregelen}",
            "maatregelen die bijdragen aan een doel (zelf genoemd of via hun prioriteit of thema)",
        ),
        (
            f"{cov.maatregelen_met_eigen_doel} van {cov.maatregelen}",
            "maatregelen die zelf een doel noemen",
        ),
    ]
    return [
        {"waarde": str(value), "label": label}
        for value, label in tiles
        if not (label.startswith("vervallen") and value == 0)
    ]


def _finding(plan: Plan, f: rules.Finding, file_of: Callable[[str], str] | None) -> dict[str, Any]:
    item = plan.items.get(f.need or "")
    rule = ruleset.RULES_BY_ID.get(f.rule)
    return {
        "rule": f.rule,
        "rule_title": rule.titel if rule else f.rule,
        "severity": f.severity,
        "need": f.need,
        "title": item.title if item else None,
        "type": item.type if item else None,
        "file": (file_of(f.docname) if file_of else f.docname) if f.docname else None,
        "line": f.lineno,
        "message": f.message,
        "waived": f.waived is not None,
        "waiver": f.waived,
        "source": f.source,
        **({"gemeenten": list(f.gemeenten)} if f.gemeenten else {}),  # a joint plan
    }


def _matrix_groups(matrix: Matrix, index: trace.TraceIndex) -> list[dict[str, Any]]:
    """Per prioriteit/thema its budget figures (trace's) and its goals × maatregelen."""
    groups = []
    for group in matrix.groups:
        onderdeel = group.onderdeel
        budget = index.budget_of(onderdeel) if onderdeel is not None else None
        groups.append(
            {
                "onderdeel": _item_ref(onderdeel),
                "rang": onderdeel.rang if isinstance(onderdeel, Prioriteit) else None,
                "budget": display.money(budget.declared) or None if budget else None,
                "budget_maatregelen": display.money(budget.total) or None
                if budget and budget.total
                else None,
                "budget_overschreden": bool(budget and budget.over),
                "maatregelen": [m.id for m in group.maatregelen],
                "doelen": [
                    {
                        "id": row.doel.id,
                        "title": row.doel.title,
                        "depth": row.depth,
                        "maatregelen": [
                            {"id": mark.maatregel.id, "explicit": mark.explicit}
                            for mark in row.marks
                        ],
                    }
                    for row in group.rows
                ],
            }
        )
    return groups


def _indicator_groups(plan: Plan, index: trace.TraceIndex) -> list[dict[str, Any]]:
    return [
        {
            "onderdeel": _item_ref(onderdeel),
            "indicatoren": [
                _indicator(i)
                for d in index.doelen.get(onderdeel.id, [])
                for i in d.children_of_type(EffectIndicator)
            ],
        }
        for onderdeel in plan.onderdelen
    ]


def _strategic_goals(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "id": d.id,
            "title": d.title,
            "indicatoren": [_indicator(i) for i in d.children_of_type(EffectIndicator)],
        }
        for d in plan.of_type(Doel)
        if d.is_strategisch
    ]


def _map(plan: Plan) -> list[dict[str, Any]]:
    """The plattegrond: per field its themes, their coverage and analyses."""
    return [
        {
            "veld": column.field.code,
            "naam": column.field.naam,
            "themes": [
                {
                    "code": cell.theme.code,
                    "naam": cell.theme.naam,
                    "dekking": cell.dekking.value,
                    "onderdelen": [o.id for o in cell.onderdelen],
                    "analyses": list(cell.analyses),
                }
                for cell in column.cells
            ],
        }
        for column in plattegrond(plan)
    ]


def _summary(plan: Plan, findings: list[rules.Finding], matrix: Matrix) -> dict[str, Any]:
    """The counts at the top: fouten, waarschuwingen, items, budget, coverage, tiles."""
    budget_total = trace.plan_budget(plan)
    return {
        "fouten": _count(findings, rules.FOUT),
        "waarschuwingen": _count(findings, rules.WAARSCHUWING),
        "afwijkingen": sum(1 for f in findings if f.waived is not None),
        "aantallen": {TYPE_TITLES[t]: len(plan.of_type(cls)) for t, cls in ITEM_CLASSES.items()},
        "budget_maatregelen": display.money(budget_total),
        "coverage": matrix.coverage.as_dict(),
        "dekking": display.coverage_lines(matrix.coverage),
        "tegels": _tiles(plan, matrix, budget_total),
        "rules": rules.rule_summary(findings, plan.settings.regels),
    }


def _count(findings: list[rules.Finding], severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity and f.waived is None)


def build_report(
    plan: Plan,
    findings: list[rules.Finding],
    *,
    file_of: Callable[[str], str] | None = None,
    wijzigingen: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole report; ``file_of(docname)`` gives the source file a writer edits;
    ``wijzigingen`` the change report when the caller has it already
    (:func:`.wijzigingen.report_of`), for the section "Wijzigingen sinds de vaststelling"."""
    if wijzigingen is None:
        wijzigingen = changes_module.report_of(plan, file_of)
    index = trace.index(plan)
    matrix = build_matrix(plan, index)
    fouten = _count(findings, rules.FOUT)
    s = plan.settings
    return {
        "schema_version": SCHEMA_VERSION,
        "gemeente": s.gemeente,
        "afzender": display.afzender(s),
        "periode": list(s.periode),
        "uitvoeringsjaar": s.uitvoeringsjaar,
        "versie": s.versie,
        "status": s.status,
        "datum": s.datum_tekst,
        "gemaakt_op": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "raadsrijp": fouten == 0,
        "verdict": verdict_text(fouten),
        "findings": [_finding(plan, f, file_of) for f in findings],
        "summary": _summary(plan, findings, matrix),
        "items": {
            item.id: {
                "title": item.title,
                "type": item.type,
                "parent": item.parent.id if item.parent else None,
            }
            for item in plan.items.values()
            if item.type in ("maatregel", "doel", "prioriteit", "thema", "actiepunt")
        },
        "matrix": {
            "groups": _matrix_groups(matrix, index),
            "maatregelen_zonder_doel": [m.id for m in matrix.zonder_doel],
        },
        "plattegrond": _map(plan),
        "indicatoren": _indicator_groups(plan, index),
        "strategische_doelen": _strategic_goals(plan),
        "catalogus_velden": {f.code: f.naam for f in catalogue_module.load().fields},
        "wijzigingen": changes_module.section_of(wijzigingen),
        # A joint plan: the verdict per gemeente and jointly (check/gemeenten.py).
        **(samen.verdicts(plan, findings) if s.gemeenten else {}),
    }
