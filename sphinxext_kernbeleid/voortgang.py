"""Progress reported by partners (stub: filled in by the Excel issue)."""

from __future__ import annotations

from pathlib import Path

from .model import Plan, Problem


def attach(plan: Plan, srcdir: Path) -> list[Problem]:
    """Read ``srcdir/voortgang/*.yaml`` into the plan's maatregelen; return problems."""
    return []
