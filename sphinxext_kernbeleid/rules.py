"""The pre-decision check (stub: filled in by the check issue)."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Plan


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "fout" or "waarschuwing"
    need: str | None
    docname: str | None
    lineno: int | None
    message: str
    waived: str | None = None  # the writer's justification, when waived


def check(plan: Plan, config: object = None) -> list[Finding]:
    return []
