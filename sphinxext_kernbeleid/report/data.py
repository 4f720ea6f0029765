"""The check report as plain data: what the JSON holds and what HTML and XLSX draw.

One dict, built once from the plan and the findings, so the three formats never
disagree. Keys are English, texts Dutch (PRODUCT.md); the shape is fixed by
``data/kernbeleid-rapport.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .. import catalogue as catalogue_module
from .. import koers, rules, trace
from ..matrix import build_matrix
from ..model import ITEM_CLASSES, Doel, EffectIndicator, Item, Plan, Prioriteit
from ..needtypes import TYPE_TITLES
from ..parsing import format_money
from ..plattegrond import plattegrond

SCHEMA_VERSION = 1


def verdict_text(fouten: int) -> str:
    if fouten == 0:
        return "Plan is raadsrijp"
    return f"Plan is niet raadsrijp: {fouten} {'fout' if fouten == 1 else 'fouten'}"


def _item_ref(item: Item | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"id": item.id, "title": item.title, "type": item.type}


def _indicator(ei: EffectIndicator) -> dict[str, Any]:
    catalogue = catalogue_module.load()
    consistent: bool | None = None
    if ei.nulmeting and ei.streefwaarde and ei.richting:
        if ei.richting == "stijgen":
            consistent = ei.streefwaarde.value > ei.nulmeting.value
        else:
            consistent = ei.streefwaarde.value < ei.nulmeting.value
    return {
        "id": ei.id,
        "title": ei.title,
        "doel": ei.parent.id if ei.parent else None,
        "bron": catalogue.source_label(ei.bron) if ei.bron else None,
        "soort": ei.soort,
        "eenheid": ei.eenheid,
        "nulmeting": str(ei.nulmeting) if ei.nulmeting else None,
        "streefwaarde": str(ei.streefwaarde) if ei.streefwaarde else None,
        "richting": ei.richting,
        "consistent": consistent,
        **koers.report_fields(ei),
    }


def build_report(
    plan: Plan,
    findings: list[rules.Finding],
    *,
    config: Any = None,
    file_of: Callable[[str], str] | None = None,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The whole report; ``file_of(docname)`` gives the source file a writer edits."""
    index = trace.index(plan)
    matrix = build_matrix(plan, index)
    catalogue = catalogue_module.load()

    def finding(f: rules.Finding) -> dict[str, Any]:
        item = plan.items.get(f.need or "")
        rule = rules.RULES_BY_ID.get(f.rule)
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
        }

    out_findings = [finding(f) for f in findings]
    fouten = sum(1 for f in findings if f.severity == rules.FOUT and f.waived is None)
    waarschuwingen = sum(
        1 for f in findings if f.severity == rules.WAARSCHUWING and f.waived is None
    )
    maatregelen = [m for m in plan.maatregelen if trace.active(m)]
    budget_total = sum((m.budget for m in maatregelen if m.budget is not None), start=Decimal(0))

    groups = []
    for group in matrix.groups:
        onderdeel = group.onderdeel
        spent = sum((m.budget for m in group.maatregelen if m.budget is not None), start=Decimal(0))
        groups.append(
            {
                "onderdeel": _item_ref(onderdeel),
                "rang": onderdeel.rang if isinstance(onderdeel, Prioriteit) else None,
                "budget": format_money(onderdeel.budget)
                if onderdeel is not None and onderdeel.budget is not None
                else None,
                "budget_maatregelen": format_money(spent) if spent else None,
                "budget_overschreden": bool(
                    onderdeel is not None
                    and onderdeel.budget is not None
                    and spent > onderdeel.budget
                ),
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

    indicatoren = []
    for onderdeel in plan.onderdelen:
        items = [
            i
            for d in index.doelen.get(onderdeel.id, [])
            for i in d.children_of_type(EffectIndicator)
        ]
        indicatoren.append(
            {
                "onderdeel": _item_ref(onderdeel),
                "indicatoren": [_indicator(i) for i in items],
            }
        )
    strategisch = [
        {
            "id": d.id,
            "title": d.title,
            "indicatoren": [_indicator(i) for i in d.children_of_type(EffectIndicator)],
        }
        for d in plan.of_type(Doel)
        if d.is_strategisch
    ]

    kaart = [
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

    s = plan.settings
    return {
        "schema_version": SCHEMA_VERSION,
        "gemeente": s.gemeente,
        "periode": list(s.periode),
        "uitvoeringsjaar": s.uitvoeringsjaar,
        **(meta or {}),
        "gemaakt_op": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "raadsrijp": fouten == 0,
        "verdict": verdict_text(fouten),
        "findings": out_findings,
        "summary": {
            "fouten": fouten,
            "waarschuwingen": waarschuwingen,
            "afwijkingen": sum(1 for f in findings if f.waived is not None),
            "aantallen": {
                TYPE_TITLES[t]: len(plan.of_type(cls)) for t, cls in ITEM_CLASSES.items()
            },
            "budget_maatregelen": format_money(budget_total),
            "coverage": matrix.coverage.as_dict(),
            "rules": rules.rule_summary(findings, config),
        },
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
            "groups": groups,
            "maatregelen_zonder_doel": [m.id for m in matrix.zonder_doel],
        },
        "plattegrond": kaart,
        "indicatoren": indicatoren,
        "strategische_doelen": strategisch,
        "catalogus_velden": {f.code: f.naam for f in catalogue.fields},
    }
