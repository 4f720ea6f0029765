"""One plan's exports as rows of the regional store's tables (column lists, no sums).

Only reading and normalising happens here, one pass over each plan's items: values are
parsed by the model's own parsers (``€ 25.000``, ``21 (2025)``), texts the check already
wrote (``laatste_meting``, ``koers_label``) are kept as the check wrote them. Every count
and total is left to SQL in :mod:`.queries`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..model.parsing import (
    ParseError,
    normalize_choice,
    parse_int,
    parse_list,
    parse_money,
    parse_year_value,
)
from ..model.trace import VERVALLEN
from .exports import PlanExport

#: The store's tables and their columns, in order; :mod:`.store` creates them from this.
COLUMNS: dict[str, tuple[str, ...]] = {
    "plannen": (
        "plan",
        "gemeente",
        "bron",
        "periode_van",
        "periode_tot",
        "uitvoeringsjaar",
        "versie",
        "status",
        "raadsrijp",
        "fouten",
    ),
    "onderdelen": ("plan", "id", "soort", "titel", "rang", "budget"),
    "onderdeel_themas": ("plan", "onderdeel", "code", "volgorde"),
    "dekking": ("plan", "code", "dekking"),
    "indicatoren": (
        "plan",
        "id",
        "titel",
        "sleutel",
        "onderdeel",
        "bron",
        "soort",
        "eenheid",
        "nulmeting",
        "streefwaarde",
        "laatste_meting",
        "laatste_waarde",
        "laatste_jaar",
        "koers",
    ),
    "maatregelen": ("plan", "id", "titel", "onderdeel", "budget", "actief"),
    "partners": ("plan", "maatregel", "partner", "sleutel"),
}

Columns = dict[str, list[Any]]


def empty_tables() -> dict[str, Columns]:
    return {table: {c: [] for c in cols} for table, cols in COLUMNS.items()}


def key(text: str) -> str:
    """How two gemeenten's spellings of one name are matched: case and spacing ignored."""
    return " ".join(text.split()).casefold().rstrip(".")


def add_plan(tables: dict[str, Columns], number: int, plan: PlanExport) -> None:
    """Append one plan's rows to ``tables``."""
    r = plan.rapport
    fouten = (r.get("summary") or {}).get("fouten")
    periode = list(r.get("periode") or [None, None]) + [None, None]
    _row(
        tables["plannen"],
        (
            number,
            plan.gemeente,
            str(plan.bron),
            periode[0],
            periode[1],
            r.get("uitvoeringsjaar"),
            r.get("versie"),
            r.get("status"),
            bool(r.get("raadsrijp")),
            fouten if isinstance(fouten, int) else None,
        ),
    )
    for column in r["plattegrond"]:
        for theme in column.get("themes", []):
            _row(tables["dekking"], (number, theme.get("code"), theme.get("dekking")))
    onderdeel_of = _onderdelen(tables, number, plan)
    _indicatoren(tables["indicatoren"], number, r)
    _maatregelen(tables, number, plan, onderdeel_of)


def _row(table: Columns, values: tuple[Any, ...]) -> None:
    for column, value in zip(table, values, strict=True):
        table[column].append(value)


def _parsed(text: Any, parse: Callable[[str], Any]) -> Any:
    """A parsed value, or None when it is missing or unreadable (the check reported it)."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return parse(text)
    except ParseError:
        return None


def _text(value: Any) -> str:
    """A field as text; some sphinx-needs versions write list fields as JSON lists."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value or "")


def _money(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _onderdelen(tables: dict[str, Columns], number: int, plan: PlanExport) -> dict[str, str]:
    """Prioriteiten and thema's with their catalogue codes; maatregel id -> onderdeel id."""
    onderdeel_of: dict[str, str] = {}
    for group in plan.rapport["matrix"].get("groups", []):
        ref = group.get("onderdeel") or {}
        oid = ref.get("id")
        if not oid:
            continue
        need = plan.needs.get(oid, {})
        rang = _parsed(str(group.get("rang") or ""), parse_int)
        budget = _parsed(group.get("budget"), parse_money)
        soort = ref.get("type") or need.get("type")
        _row(tables["onderdelen"], (number, oid, soort, ref.get("title"), rang, _money(budget)))
        for order, code in enumerate(parse_list(_text(need.get("kv")))):
            _row(tables["onderdeel_themas"], (number, oid, code, order))
        for maatregel in group.get("maatregelen", []):
            onderdeel_of.setdefault(maatregel, oid)
    return onderdeel_of


def _indicatoren(table: Columns, number: int, rapport: dict[str, Any]) -> None:
    groups = list(rapport.get("indicatoren", []))
    groups += [{"onderdeel": None, **d} for d in rapport.get("strategische_doelen", [])]
    for group in groups:
        onderdeel = (group.get("onderdeel") or {}).get("id")
        for ei in group.get("indicatoren", []):
            laatste = ei.get("laatste_meting")
            measured = _parsed(laatste, parse_year_value)
            _row(
                table,
                (
                    number,
                    ei.get("id"),
                    ei.get("title") or "",
                    key(ei.get("title") or ""),
                    onderdeel,
                    ei.get("bron"),
                    ei.get("soort"),
                    ei.get("eenheid"),
                    ei.get("nulmeting"),
                    ei.get("streefwaarde"),
                    laatste,
                    float(measured.value) if measured is not None else None,
                    measured.year if measured is not None else None,
                    ei.get("koers_label") or ei.get("koers"),
                ),
            )


def _maatregelen(
    tables: dict[str, Columns], number: int, plan: PlanExport, onderdeel_of: dict[str, str]
) -> None:
    for mid, need in plan.needs.items():
        if need.get("type") != "maatregel" or need.get("is_part"):
            continue
        status = normalize_choice(str(need.get("status") or ""))
        budget = _parsed(need.get("budget"), parse_money)
        _row(
            tables["maatregelen"],
            (
                number,
                mid,
                need.get("title") or "",
                onderdeel_of.get(mid),
                _money(budget),
                status != VERVALLEN,
            ),
        )
        for partner in parse_list(_text(need.get("partners"))):
            _row(tables["partners"], (number, mid, partner, key(partner)))
