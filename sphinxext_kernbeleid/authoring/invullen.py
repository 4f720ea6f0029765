"""Placeholders a writer still has to fill in: ``[IN TE VULLEN]`` and ``[IN TE VULLEN: hint]``.

``kernbeleid nieuw`` writes them wherever only the gemeente knows the answer (a nulmeting, a
trekker, a paragraph of prose). They must never make it to the raad unnoticed, yet a
half-finished plan must still build as a web site:

* the model reads a placeholder value as *not yet filled* (no parse warning), see
  :func:`is_placeholder`;
* every placeholder in a source file (rst or Markdown) is remembered with its line while
  reading, and the check reports each one as a located ``fout`` (:data:`RULE_ID`), so an
  unfinished plan is never raadsrijp;
* the rules' findings about an item whose options still hold a placeholder are left out:
  "nulmeting ontbreekt" next to "nulmeting is nog in te vullen" only repeats it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Set
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..check.ruleset import FOUT, UIT, WAARSCHUWING, Finding, settings_from
from ..model.needtypes import FIELDS
from ..model.parsing import PLACEHOLDER, is_placeholder

if TYPE_CHECKING:
    from ..model.plan import Need, Plan

RULE_ID = "KB-R0-invullen"
MARKER = "[IN TE VULLEN]"

PATTERN = PLACEHOLDER
#: An rst comment line (``.. tekst``) that is not a directive (``.. naam::``).
_RST_COMMENT = re.compile(r"^\s*\.\.(\s+(?!\S+::)|$)")
#: An rst directive line (``.. doel:: title``): its title belongs to the item.
_RST_DIRECTIVE = re.compile(r"^\.\.\s+[\w-]+::")
#: A MyST comment line.
_MD_COMMENT = re.compile(r"^\s*%")

_ENV_KEY = "kernbeleid_invullen"

#: (line, the placeholder's hint or the line's text, whether the line is inside a directive)
Location = tuple[int, str, bool]


def placeholders(text: str) -> list[Location]:
    """Every line of a source text that holds a placeholder, outside comments.

    An rst comment runs from its ``..`` line over the indented (and blank) lines below
    it; a MyST comment is a line starting with ``%``.
    """
    out: list[Location] = []
    if PATTERN.search(text) is None:  # the usual case once a plan is filled in
        return out
    in_comment = in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):  # a MyST directive (or code) fence opens or closes
            in_fence = not in_fence
        if in_comment and (not line.strip() or line[:1].isspace()):
            continue
        in_comment = bool(_RST_COMMENT.match(line)) and not line[:1].isspace()
        match = PATTERN.search(line)
        if match is None or in_comment or _MD_COMMENT.match(line):
            continue
        hint = match["hint"].strip().lstrip(":").strip()
        option = re.match(r"^\s*:([\w-]+):", line)
        if option and hint:
            hint = f"{option[1]}, {hint}"
        inside = in_fence or line[:1].isspace() or _RST_DIRECTIVE.match(line) is not None
        out.append((number, hint or _context(line, match), inside))
    return out


def _context(line: str, match: re.Match[str]) -> str:
    """What surrounds a bare placeholder, e.g. ``:nulmeting:`` or the paragraph's start."""
    before = line[: match.start()].strip()
    option = re.match(r"^:([\w-]+):", before)
    if option:
        return option[1]
    return (before[:60] + "…") if len(before) > 60 else before


#: Dutch labels of the options a placeholder may stand in, as the item tables show them.
LABELS = {
    "bron": "Bron",
    "soort": "Soort",
    "eenheid": "Eenheid",
    "nulmeting": "Nulmeting",
    "streefwaarde": "Streefwaarde",
    "richting": "Richting",
    "bestuurlijk_trekker": "Bestuurlijk trekker",
    "ambtelijk_trekker": "Ambtelijk trekker",
    "partners": "Partners",
    "planning": "Planning",
    "budget": "Budget",
    "kv": "Thema's (catalogus)",
    "rang": "Rang",
}


def placeholder_rows(raw: Need | Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, placeholder as written) for an item's options still to fill in.

    The model reads them as empty; the site and the Word tables show them as written,
    so a reader sees what is still open instead of a row that is simply missing.
    """
    return [
        (LABELS.get(name, name), str(raw[name]).strip())
        for name in FIELDS
        if is_placeholder(raw.get(name))
    ]


# --------------------------------------------------------------------------- Sphinx events


def _store(env: BuildEnvironment) -> dict[str, list[Location]]:
    store: dict[str, list[Location]] | None = getattr(env, _ENV_KEY, None)
    if store is None:
        store = {}
        setattr(env, _ENV_KEY, store)
    return store


def on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    found = placeholders(source[0])
    store = _store(app.env)
    if found:
        store[docname] = found
    else:
        store.pop(docname, None)


def on_purge_doc(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def on_merge_info(
    _app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
) -> None:
    mine = _store(env)
    theirs = _store(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def setup(app: Sphinx) -> None:
    app.connect("source-read", on_source_read)
    app.connect("env-purge-doc", on_purge_doc)
    app.connect("env-merge-info", on_merge_info)


# --------------------------------------------------------------------------- findings


def _items_with_placeholders(plan: Plan) -> set[str]:
    """Ids of items with a placeholder in an option (title and prose do not count)."""
    out = set()
    for item in plan.items.values():
        raw: dict[str, Any] = getattr(item, "raw", None) or {}
        for name in FIELDS:
            if is_placeholder(raw.get(name)):
                out.add(item.id)
                break
    return out


def _items_by_line(plan: Plan) -> dict[str, list[tuple[int, str]]]:
    """Per document, the items' first lines in order (to find the item a line belongs to)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for item in plan.items.values():
        if item.docname is not None and item.lineno is not None:
            out.setdefault(item.docname, []).append((item.lineno, item.id))
    for starts in out.values():
        starts.sort()
    return out


def _item_at(starts: list[tuple[int, str]], line: int) -> str | None:
    """The item whose directive a line belongs to: the nearest one starting above it."""
    at = bisect_right(starts, (line, "\uffff"))
    return starts[at - 1][1] if at else None


def findings(env: BuildEnvironment, plan: Plan) -> list[Finding]:
    """One located ``fout`` per placeholder line, in file and line order."""

    out = []
    store = _store(env)
    by_line = _items_by_line(plan) if store else {}
    for docname, found in sorted(store.items()):
        for line, what, inside in found:
            subject = f" ({what})" if what else ""
            out.append(
                Finding(
                    RULE_ID,
                    FOUT,
                    _item_at(by_line.get(docname, []), line) if inside else None,
                    docname,
                    line,
                    f"Nog in te vullen{subject}: vervang '{MARKER}' door de echte tekst of "
                    f"waarde. Zolang er iets in te vullen is, is het plan niet raadsrijp.",
                    source="invoer",
                )
            )
    return out


def apply(
    env: BuildEnvironment, plan: Plan, found: Iterable[Finding], config: object = None
) -> list[Finding]:
    """The check's findings with the placeholders added and their echoes left out.

    Placeholder findings carry ``source="invoer"``: document builds leave those out (the
    site of an unfinished plan builds cleanly), the check reports them all.
    ``kernbeleid_regels = {"KB-R0-invullen": "waarschuwing"}`` (or ``"uit"``) is honoured
    like for every other rule, e.g. while a first draft circulates.
    """

    unfinished = _items_with_placeholders(plan)
    kept = [
        f
        for f in found
        if not (f.need in unfinished and f.source == "regel" and f.rule != "KB-R0-afwijking")
    ]
    severity = settings_from(config).severity.get(RULE_ID)
    if severity == UIT:
        return kept
    own = findings(env, plan)
    if severity == WAARSCHUWING:
        own = [replace(f, severity=WAARSCHUWING) for f in own]
    return kept + own
