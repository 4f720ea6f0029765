"""Knock-on findings: what follows from a block the build could not read says so.

A misspelt ``.. maatregelen::`` loses the maatregel ``MR_X``. The build reports that
once, located (``KB-R0-bouw``). Everything that then misses ``MR_X`` would point at the
wrong cause: a progress file whose ``MR_X`` "bestaat niet in het plan", a prioriteit
"zonder maatregel", a maatregel "zonder prestatie-indicator" whose indicator was the
lost block. Such a finding keeps its place (where the writer reads it) and gets one
sentence naming the real cause: *waarschijnlijk gevolg van de fout op regel N*.

Pure: the lost blocks come from the build (:mod:`..authoring.bouwmeldingen`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .ruleset import Finding

#: The link options whose targets miss a lost block.
LINK_OPTIONS = ("hoort_bij", "draagt_bij_aan", "uitgangspunt")
#: Per type of lost block: the rule whose finding about the item it linked to it can
#: cause, and a word that finding's message then has ("heeft geen maatregel").
CAUSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "maatregel": ("KB-R4-uitvoering", ("maatregel",)),
    "actiepunt": ("KB-R4-uitvoering", ("maatregel",)),
    "prestatie-indicator": ("KB-R5-maatregelen", ("prestatie-indicator",)),
    "doel": ("KB-R2-indicatoren", ("doel", "effectindicator")),
    "effectindicator": ("KB-R2-indicatoren", ("effectindicator", "objectie", "subjectie")),
}
_OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):\s*(?P<value>.*)$")
_ALREADY = "niet gelezen"  # the KB-R6 link finding already names the lost block


@dataclass(frozen=True)
class LostBlock:
    """A block of the plan the build did not read, with what it would have linked to."""

    need: str  # the id written in it
    file: str  # as the writer knows it: ``uitvoeringsplan/prioriteiten.rst``
    lineno: int | None
    links: tuple[str, ...] = ()  # ids named in its link options
    kind: str | None = None  # the item type the block was probably meant to be

    @property
    def place(self) -> str:
        return f"regel {self.lineno} van {self.file}" if self.lineno else self.file


def links_in_block(lines: Sequence[str], lineno: int | None) -> tuple[str, ...]:
    """The ids in the link options of the directive block at line ``lineno`` (1-based)."""
    if not lineno or lineno > len(lines):
        return ()
    found: list[str] = []
    for line in lines[lineno:]:
        if not line.strip():
            break  # the options end at the first empty line
        match = _OPTION.match(line)
        if match is None:
            break
        if match["name"] in LINK_OPTIONS:
            found += [v for v in re.split(r"[,;\s]+", match["value"]) if v]
    return tuple(found)


def note(block: LostBlock) -> str:
    return (
        f" Waarschijnlijk gevolg van de fout op {block.place}: daar wordt het blok met id "
        f"{block.need} niet gelezen. Verbeter eerst dat blok; dan verdwijnt deze melding "
        "waarschijnlijk ook."
    )


def cause_of(
    message: str,
    rule: str,
    need: str | None,
    lost: Sequence[LostBlock],
    parents: Mapping[str, Sequence[str]],
) -> LostBlock | None:
    """The lost block that probably caused this finding, or ``None``.

    A finding naming a lost id (``MR_X bestaat niet``), or a rule finding about an item
    that a lost block linked to (directly or through the item's children, e.g. a lost
    effectindicator under a doel of the prioriteit that now has too few).
    """
    if rule == "KB-R0-bouw" or _ALREADY in message:
        return None
    for block in lost:
        if re.search(rf"(?<![\w]){re.escape(block.need)}(?![\w])", message):
            return block
    if not need:
        return None
    for block in lost:
        causes = [CAUSES[block.kind]] if block.kind in CAUSES else list(CAUSES.values())
        if not any(rule == r and any(w in message for w in words) for r, words in causes):
            continue
        if need in _with_ancestors(block.links, parents):
            return block
    return None


def _with_ancestors(ids: Iterable[str], parents: Mapping[str, Sequence[str]]) -> set[str]:
    out: set[str] = set()
    todo = list(ids)
    while todo:
        current = todo.pop()
        if current in out:
            continue
        out.add(current)
        todo += list(parents.get(current, ()))
    return out


def mark(
    findings: list[Finding], lost: Sequence[LostBlock], parents: Mapping[str, Sequence[str]]
) -> list[Finding]:
    """Each knock-on finding with the sentence that names its probable cause."""
    if not lost:
        return findings
    out = []
    for finding in findings:
        block = cause_of(finding.message, finding.rule, finding.need, lost, parents)
        if block is not None:
            finding = replace(finding, message=finding.message.rstrip() + note(block))
        out.append(finding)
    return out
