"""What changed between two versions of the plan, as data: items, fields, words, budgets.

Pure and without Sphinx: it compares two sets of needs (the adopted version's export and
the current build), so the change report, the suspect links and any later output read the
same differences. Values are compared as the writer wrote them, never as parsed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from . import trace
from .needtypes import FIELDS, LINKS
from .plan import Need, Plan

#: The fields compared, in the order a reader sees them; title and text first.
COMPARED: tuple[str, ...] = ("title", "status", *FIELDS, *LINKS, "content")

#: How a field is named to a reader of the change report.
FIELD_LABELS: dict[str, str] = {
    "title": "titel",
    "content": "tekst",
    "status": "status",
    **{name: name.replace("_", " ") for name in (*FIELDS, *LINKS)},
}


def field_text(need: Need, name: str) -> str:
    """One field as written: lists joined with ``, ``, nothing as ``""``."""
    value = need.get(name)
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value).split()) if name != "content" else str(value).strip()


def fields_of(need: Need) -> dict[str, str]:
    """The compared fields of one need; empty ones left out."""
    out = {}
    for name in COMPARED:
        text = field_text(need, name)
        if text:
            out[name] = text
    return out


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    def words(self) -> list[tuple[str, str]]:
        """Word-level differences: ``("=", …)``, ``("-", …)`` and ``("+", …)`` pieces."""
        return word_diff(self.old, self.new)


@dataclass(frozen=True)
class ItemChange:
    """One item in both versions (possibly under a new id) and what differs."""

    id: str
    type: str
    title: str
    docname: str | None
    lineno: int | None
    changes: tuple[FieldChange, ...]
    old_id: str | None = None  # set when the id was renamed


@dataclass(frozen=True)
class ItemRef:
    """An item that is only in one of the two versions."""

    id: str
    type: str
    title: str
    docname: str | None
    lineno: int | None


@dataclass
class Changes:
    added: list[ItemRef] = field(default_factory=list)
    removed: list[ItemRef] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The two texts as runs of kept, removed and added words (difflib on words)."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


def _ref(need: Need) -> ItemRef:
    return ItemRef(
        str(need["id"]),
        str(need.get("type") or ""),
        str(need.get("title") or need["id"]),
        need.get("docname"),
        need.get("lineno"),
    )


def _field_changes(old: Need, new: Need) -> tuple[FieldChange, ...]:
    a, b = fields_of(old), fields_of(new)
    return tuple(
        FieldChange(name, a.get(name, ""), b.get(name, ""))
        for name in COMPARED
        if a.get(name, "") != b.get(name, "")
    )


def _items(needs: Iterable[Need]) -> dict[str, Need]:
    return {str(n["id"]): n for n in needs if n.get("type") in _TYPES and not n.get("is_part")}


_TYPES = frozenset(
    (
        "prioriteit",
        "thema",
        "doel",
        "effectindicator",
        "uitgangspunt",
        "actiepunt",
        "maatregel",
        "prestatie-indicator",
        "analyse",
    )
)


def diff(old_needs: Iterable[Need], new_needs: Iterable[Need]) -> Changes:
    """Added, removed and changed items; an id renamed (same type, title and text) is one
    change of its id, not a removal and an addition."""
    old, new = _items(old_needs), _items(new_needs)
    out = Changes()
    gone = [i for i in old if i not in new]
    fresh = [i for i in new if i not in old]
    renamed: dict[str, str] = {}
    by_key = {_rename_key(old[i]): i for i in gone}
    for new_id in fresh:
        old_id = by_key.pop(_rename_key(new[new_id]), None)
        if old_id is not None:
            renamed[new_id] = old_id
    taken = set(renamed.values())
    out.removed = [_ref(old[i]) for i in gone if i not in taken]
    out.added = [_ref(new[i]) for i in fresh if i not in renamed]
    for new_id, need in new.items():
        old_id = renamed.get(new_id, new_id)
        if old_id not in old:
            continue
        changes = _field_changes(old[old_id], need)
        if changes or old_id != new_id:
            ref = _ref(need)
            out.changed.append(
                ItemChange(
                    ref.id,
                    ref.type,
                    ref.title,
                    ref.docname,
                    ref.lineno,
                    changes,
                    old_id if old_id != new_id else None,
                )
            )
    return out


def _rename_key(need: Need) -> tuple[str, str, str]:
    return (str(need.get("type")), field_text(need, "title"), field_text(need, "content"))


# --------------------------------------------------------------------------- budgets


@dataclass(frozen=True)
class BudgetChange:
    """The maatregelen's budget of one prioriteit/thema (or the whole plan) in both versions."""

    id: str  # "" for the plan as a whole
    title: str
    old: Decimal
    new: Decimal

    @property
    def verschil(self) -> Decimal:
        return self.new - self.old


def budget_changes(old: Plan, new: Plan) -> tuple[list[BudgetChange], BudgetChange]:
    """Per prioriteit/thema the active maatregelen's budget before and now (as
    :mod:`.trace` counts it), and the plan's total; rows in the current plan's order,
    then those that are gone."""
    old_index, new_index = trace.index(old), trace.index(new)
    old_totals = {o.id: (o.title, old_index.budget_of(o).total) for o in old.onderdelen}
    rows = []
    for onderdeel in new.onderdelen:
        _, before = old_totals.pop(onderdeel.id, ("", Decimal(0)))
        rows.append(
            BudgetChange(
                onderdeel.id, onderdeel.title, before, new_index.budget_of(onderdeel).total
            )
        )
    for onderdeel_id, (title, before) in old_totals.items():
        rows.append(BudgetChange(onderdeel_id, title, before, Decimal(0)))
    total = BudgetChange("", "Totaal", trace.plan_budget(old), trace.plan_budget(new))
    return rows, total
