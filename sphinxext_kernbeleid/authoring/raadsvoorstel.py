"""The ``raadsvoorstel`` chapter: the prose parts of the raadsvoorstel, written in the plan.

The chapter is the document ``raadsvoorstel`` (``raadsvoorstel.rst`` or ``.md``): one title,
then one section per part, its heading the part's name (``Inleiding``, ``Argumenten``,
``Kanttekeningen``, ``Communicatie``; optionally ``Onderwerp``, ``Financiën``, ``Vervolg``
and ``Bijlagen``). The Word builder (``builders/docx/raadsvoorstel.py``) puts each part's
text in the raadsvoorstel beside what it computes itself (beslispunten, financiën, the
cycle, the draft raadsbesluit); figures never come from this prose.

The check reports a missing part and a heading that is no part (its text would not reach
the raadsvoorstel) as ``KB-R0-invullen`` findings, located in the chapter.
"""

from __future__ import annotations

import unicodedata

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..check.ruleset import FOUT, Finding

#: The chapter's document name.
DOCNAME = "raadsvoorstel"

#: Part key -> its heading as the writer writes it.
PARTS: dict[str, str] = {
    "onderwerp": "Onderwerp",
    "inleiding": "Inleiding",
    "argumenten": "Argumenten",
    "kanttekeningen": "Kanttekeningen",
    "financien": "Financiën",
    "communicatie": "Communicatie",
    "vervolg": "Vervolg",
    "bijlagen": "Bijlagen",
}

#: The parts only the writer can write: without them the raadsvoorstel is not complete.
REQUIRED = ("inleiding", "argumenten", "kanttekeningen", "communicatie")

RULE_ID = "KB-R0-invullen"


def key_of(heading: str) -> str | None:
    """``Financiën``, ``financien``, `` Kanttekeningen:`` -> the part's key; None if none."""
    plain = unicodedata.normalize("NFKD", heading)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).strip().rstrip(":")
    plain = plain.strip().lower()
    return plain if plain in PARTS else None


def parts_of(doctree: nodes.document) -> tuple[dict[str, nodes.section], list[nodes.section]]:
    """The chapter's parts by key, and the sections whose heading is no part."""
    top = next(iter(doctree.findall(nodes.section)), None)
    found: dict[str, nodes.section] = {}
    unknown: list[nodes.section] = []
    if top is None:
        return found, unknown
    for section in top.children:
        if not isinstance(section, nodes.section) or not section.children:
            continue
        title = section[0].astext() if isinstance(section[0], nodes.title) else ""
        key = key_of(title)
        if key is None or key in found:
            unknown.append(section)
        else:
            found[key] = section
    return found, unknown


def has_chapter(env: BuildEnvironment) -> bool:
    return DOCNAME in env.found_docs


def findings(env: BuildEnvironment) -> list[Finding]:
    """Missing parts and headings that are no part, located in the chapter."""
    if not has_chapter(env):
        return []
    doctree = env.get_doctree(DOCNAME)
    found, unknown = parts_of(doctree)
    out: list[Finding] = []
    for section in unknown:
        heading = section[0].astext()
        out.append(
            Finding(
                RULE_ID,
                FOUT,
                None,
                DOCNAME,
                section.line or (section[0].line if section[0].line else None),
                f"Raadsvoorstel: de kop '{heading}' is geen onderdeel van het raadsvoorstel "
                f"(of staat er twee keer), dus de tekst eronder komt niet in het "
                f"raadsvoorstel. Kies een van deze koppen: {', '.join(PARTS.values())}.",
                source="invoer",
            )
        )
    for key in REQUIRED:
        if key not in found:
            out.append(
                Finding(
                    RULE_ID,
                    FOUT,
                    None,
                    DOCNAME,
                    1,
                    f"Raadsvoorstel: het onderdeel '{PARTS[key]}' ontbreekt. Voeg een kop "
                    f"'{PARTS[key]}' toe met de tekst voor de raad; tot dan staat in het "
                    f"raadsvoorstel [IN TE VULLEN].",
                    source="invoer",
                )
            )
    return out
