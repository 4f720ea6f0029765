"""Which documents of a project are the IVP, the Uitvoeringsplan and the annex: decided by
what they hold, not by their folder names.

The IVP is the part of the plan that defines the prioriteiten and thema's; the
Uitvoeringsplan the part with the actiepunten and maatregelen (and no prioriteit or thema
of its own); the annex a part whose title says "Bijlage(n)". A part is one entry of the
start page's table of contents with everything below it: ``ivp/index`` in a plan kept in
folders, ``ivp`` in a plan kept in single files (``ivp.rst`` + ``uitvoeringsplan.rst``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...model.plan import Plan

#: Item types that make a part the IVP: it defines the prioriteiten and thema's.
IVP_TYPES = frozenset({"prioriteit", "thema"})
#: Item types that make a part the Uitvoeringsplan (when it defines no prioriteit or thema).
UITVOERING_TYPES = frozenset({"actiepunt", "maatregel"})


@dataclass(frozen=True)
class Delen:
    """The start documents found (``None``: not found as exactly one part)."""

    ivp: str | None
    uitvoeringsplan: str | None
    bijlagen: str | None


def _subtree(env: Any, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        docname = todo.pop()
        if docname in seen:
            continue
        seen.add(docname)
        todo.extend(env.toctree_includes.get(docname, []))
    return seen


def find(env: Any, plan: Plan, root: str) -> Delen:
    """The parts of the plan among the entries of ``root``'s table of contents."""
    types_in: dict[str, set[str]] = {}
    for item in plan.items.values():
        if item.docname:
            types_in.setdefault(item.docname, set()).add(item.type)
    ivp: list[str] = []
    uitvoering: list[str] = []
    bijlagen: list[str] = []
    for part in env.toctree_includes.get(root, []):
        types: set[str] = set()
        for docname in _subtree(env, part):
            types |= types_in.get(docname, set())
        title = env.titles.get(part)
        if types & IVP_TYPES:
            ivp.append(part)
        elif types & UITVOERING_TYPES:
            uitvoering.append(part)
        elif title is not None and title.astext().strip().lower().startswith("bijlage"):
            bijlagen.append(part)
    annex = bijlagen[0] if len(bijlagen) == 1 else None
    # Each part the plan has must be found once, or its items would be missing from the
    # documents: then none is taken (the builder falls back to one document of it all).
    has_ivp = any(item.type in IVP_TYPES for item in plan.items.values())
    has_uitvoering = any(item.type in UITVOERING_TYPES for item in plan.items.values())
    if (has_ivp and len(ivp) != 1) or (has_uitvoering and len(uitvoering) != 1):
        return Delen(None, None, annex)
    return Delen(ivp[0] if ivp else None, uitvoering[0] if uitvoering else None, annex)


def annex_description(chapters: list[str], plan: Plan, ivp: str, uitvoeringsplan: str) -> str:
    """The annex's cover line: what it belongs to and what it holds, from its chapters
    ("Plattegrond integrale veiligheid; …; effectindicatoren en maatregelen per prioriteit
    en thema"). A chapter per prioriteit or thema is named once, as a kind."""
    from ...writers.docx.kernbeleid import same_title

    kinds: list[str] = []
    named: list[str] = []
    for chapter in chapters:
        onderdeel = next((o for o in plan.onderdelen if same_title(chapter, o.title)), None)
        if onderdeel is None:
            if chapter not in named:
                named.append(chapter)
            continue
        kind = "prioriteit" if onderdeel.type == "prioriteit" else "thema"
        if kind not in kinds:
            kinds.append(kind)
    if kinds:
        named.append("overzichten per " + " en ".join(sorted(kinds)))
    contents = "; ".join(named)
    return f"Bij het {ivp} en het {uitvoeringsplan}." + (
        f" Inhoud: {contents}." if contents else ""
    )
