"""The check of a joint plan: each gemeente raadsrijp on its own, plus the joint rules.

Every rule runs on each gemeente's own plan (:func:`..model.gemeenten.plan_voor`): a raad
decides on its own IVP, so "one to four prioriteiten" or "each prioriteit has a doel"
is judged per gemeente. A finding that holds for some gemeenten only names them at the
start of its message and in ``Finding.gemeenten``; one that holds for all is shown once.
The joint rules (``KB-R9-samen``) are judged on the whole plan: every item holds for at
least one gemeente, a shared prioriteit has a shared doel, and split budgets add up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from ..model import display, gemeenten, trace
from ..model.needtypes import TYPE_TITLES
from ..model.plan import Doel, Item, Plan, Prioriteit
from . import rules
from .ruleset import FOUT, SAMEN_ID, Finding, verdict_text, verdict_word


def _label(item: Item) -> str:
    return f"{TYPE_TITLES.get(item.type, item.type)} {item.id} ('{item.title}')"


def _finding(item: Item, message: str, names: Iterable[str] = ()) -> Finding:
    return Finding(
        SAMEN_ID, FOUT, item.id, item.docname, item.lineno, message, gemeenten=tuple(names)
    )


def joint_findings(plan: Plan) -> list[Finding]:
    """The rules of working together, over the whole plan."""
    out: list[Finding] = []
    for item in plan.items.values():
        if item.gemeenten is not None and not trace.gemeenten_of(plan, item):
            parent = item.parent
            above = display.gemeenten(trace.gemeenten_of(plan, parent) if parent else [])
            out.append(
                _finding(
                    item,
                    f"{_label(item)} geldt voor {display.gemeenten(item.gemeenten)}, maar hoort "
                    f"bij {_label(parent) if parent else 'een onderdeel'}, dat alleen geldt voor "
                    f"{above}. Zo geldt "
                    f"het voor geen enkele gemeente; pas ':gemeenten:' aan.",
                )
            )
    for prio in plan.of_type(Prioriteit):
        holders = trace.gemeenten_of(plan, prio)
        if len(holders) < 2:
            continue
        doelen = [c for c in prio.children if isinstance(c, Doel)]
        if doelen and not any(trace.gemeenten_of(plan, d) == holders for d in doelen):
            out.append(
                _finding(
                    prio,
                    f"{_label(prio)} is een gedeelde prioriteit van {', '.join(holders)}, maar "
                    f"heeft geen doel dat voor al die gemeenten geldt. Geef de gedeelde "
                    f"prioriteit een gedeeld doel (zonder ':gemeenten:').",
                    holders,
                )
            )
    for split in gemeenten.verdelingen(plan):
        for message in split.problems:
            out.append(_finding(split.item, message, trace.gemeenten_of(plan, split.item)))
    return out


def check(plan: Plan, config: object = None, *, extra: Iterable[Finding] = ()) -> list[Finding]:
    """All findings of a joint plan: the rules per gemeente (merged), the joint rules and
    ``extra`` (what the build lost, conf.py), in the rules' order."""
    names = [d.naam for d in plan.settings.gemeenten]
    seen: dict[tuple[Any, ...], list[str]] = {}
    first: dict[tuple[Any, ...], Finding] = {}
    for naam in names:
        view = gemeenten.plan_voor(plan, naam)
        for finding in rules.check(view, config, with_problems=True, elsewhere=(SAMEN_ID,)):
            key = (finding.rule, finding.need, finding.severity, finding.message, finding.waived)
            seen.setdefault(key, []).append(naam)
            first.setdefault(key, finding)
    merged: list[Finding] = []
    for key, holders in seen.items():
        finding = first[key]
        if len(holders) < len(names):
            finding = replace(
                finding,
                message=f"{', '.join(holders)}: {finding.message}",
                gemeenten=tuple(holders),
            )
        merged.append(finding)
    # The whole plan's own problems (an unknown gemeente: items that hold for no view).
    whole = rules.problem_findings(plan)
    known = {(need, message) for _rule, need, _severity, message, _waived in seen}
    merged += [f for f in whole if (f.need, f.message) not in known]
    # The joint rules follow kernbeleid_regels and ':afwijking: KB-R9 — …' like every rule.
    # A waiver is "used" by a joint finding or by a KB-R9 problem found per gemeente.
    settings = rules.settings_from(config)
    done = len(merged)
    waived = rules.waive(plan, merged + joint_findings(plan), SAMEN_ID, settings)
    merged = waived[:done] + rules.apply_settings(waived[done:], settings)
    merged += list(extra)
    order = {r.id: n for n, r in enumerate(rules.RULES)}
    merged.sort(key=lambda f: (order.get(f.rule, 99), f.docname or "", f.lineno or 0))
    return merged


def holds_for(finding: Finding, naam: str) -> bool:
    """Whether a finding of a joint plan is gemeente ``naam``'s: one naming no gemeenten
    holds for all (a shared item, the plan as a whole)."""
    return not finding.gemeenten or naam in finding.gemeenten


def findings_of(findings: Iterable[Finding], naam: str) -> list[Finding]:
    """Gemeente ``naam``'s findings: what her verdict counts and her raadsvoorstel lists."""
    return [f for f in findings if holds_for(f, naam)]


def own_message(finding: Finding) -> str:
    """The message without the gemeenten it starts with (for a gemeente's own document)."""
    return without_gemeenten(finding.message, finding.gemeenten)


def without_gemeenten(message: str, gemeenten: Sequence[str]) -> str:
    """A finding's message without the ``Beekveld, Hoogmeer: `` it starts with (the report's
    JSON keeps both, so its writers strip the same way)."""
    return message.removeprefix(f"{', '.join(gemeenten)}: ") if gemeenten else message


def verdicts(plan: Plan, findings: list[Finding]) -> dict[str, Any]:
    """Per gemeente and jointly: raadsrijp or not, with the counts (the report's section)."""

    def count(found: list[Finding], severity: str) -> int:
        return sum(1 for f in found if f.severity == severity and f.waived is None)

    rows = []
    for deelnemer in plan.settings.gemeenten:
        numbers = [n for n, f in enumerate(findings) if holds_for(f, deelnemer.naam)]
        mine = [findings[n] for n in numbers]
        fouten = count(mine, rules.FOUT)
        view = gemeenten.plan_voor(plan, deelnemer.naam)
        rows.append(
            {
                "naam": deelnemer.naam,
                "code": deelnemer.code,
                "raadsrijp": fouten == 0,
                "verdict": _verdict(deelnemer.naam, fouten),
                "oordeel": verdict_text(fouten),
                "fouten": fouten,
                "waarschuwingen": count(mine, rules.WAARSCHUWING),
                "prioriteiten": [p.id for p in view.prioriteiten],
                "budget_maatregelen": display.money(trace.plan_budget(view)),
                "findings": numbers,
            }
        )
    joint = [f for f in findings if f.rule == SAMEN_ID]
    fouten = count(joint, rules.FOUT)
    joint_ok = fouten == 0 and all(r["raadsrijp"] for r in rows)
    return {
        "gemeenten": rows,
        "gezamenlijk": {
            "raadsrijp": joint_ok,
            "verdict": verdict_word(joint_ok),
            "fouten_samenwerking": fouten,
            "budget_maatregelen": display.money(trace.plan_budget(plan)),
            "verdelingen": [
                {
                    "item": split.item.id,
                    "budget": display.money(split.budget),
                    "wijze": split.wijze,
                    "delen": {n: display.money(v) for n, v in split.shares.items()},
                }
                for split in gemeenten.verdelingen(plan)
            ],
        },
    }


def _verdict(naam: str, fouten: int) -> str:
    """``Hoogmeer: plan is niet raadsrijp: 2 fouten`` (the words of :func:`verdict_text`)."""
    text = verdict_text(fouten)
    return f"{naam}: {text[0].lower()}{text[1:]}"
