"""The veiligheidsanalyse in the method's shape, as data (no Sphinx).

Per theme of the five veiligheidsvelden the method asks three questions: *problematiek?*,
*huidige aanpak?* and *extra?*; for veld 1 the last two are answered per the six
aspects instead of per theme. An ``analyse`` item carries the three parts as labelled
paragraphs (``**Problematiek.**``, ``**Huidige aanpak.**``, ``**Extra?**``, the shape
``kernbeleid nieuw`` writes); this module splits them, joins each theme with its police
figures and summarises size and trend for the plattegrond and the prioriteringssessie.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from .catalogue import Catalogue, Field, Theme
from .parsing import format_number
from .plan import Analyse, EffectIndicator, Plan, Prioriteit

PROBLEMATIEK, AANPAK, EXTRA = "problematiek", "aanpak", "extra"
PART_LABELS = {PROBLEMATIEK: "Problematiek", AANPAK: "Huidige aanpak", EXTRA: "Extra inzet"}
#: The questions the method asks, as headings in the documents.
PART_QUESTIONS = {
    PROBLEMATIEK: "Problematiek?",
    AANPAK: "Huidige aanpak?",
    EXTRA: "Extra?",
}
_LABEL = re.compile(
    r"^\s*(?:\*\*(?P<label>[^*\n]+?)\*\*[.:?]?[ \t]*|\.\.\s+rubric::\s*(?P<rubric>.+)$)",
    re.MULTILINE,
)
_BULLET = re.compile(r"^\s*[*+-]\s+")
_MARKUP = re.compile(r"\*\*|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|``|`|:\w+:")
PLACEHOLDER = "[IN TE VULLEN"
#: A change of more than this share between the first and the last whole year is a trend.
TREND_DREMPEL = Decimal("0.10")
TREND_JAREN = 4


def _part_of(label: str) -> str | None:
    """``Problematiek.``, ``Huidige aanpak.``, ``Extra?``, ``Wat extra nodig is.``, …"""
    text = label.strip().rstrip(".:?").lower()
    if "problematiek" in text:
        return PROBLEMATIEK
    if "aanpak" in text:
        return AANPAK
    if "extra" in text:
        return EXTRA
    return None


def split_parts(content: str) -> dict[str, str]:
    """The three parts of an analysis' text (markup removed), by their bold labels.

    Text before the first label, or under a label that is none of the three, goes to
    ``"overig"`` so nothing the writer wrote is lost.
    """
    parts: dict[str, list[str]] = {}
    current = "overig"
    position = 0
    for match in _LABEL.finditer(content):
        part = _part_of(match["label"] or match["rubric"])
        if part is None:
            continue
        parts.setdefault(current, []).append(content[position : match.start()])
        current, position = part, match.end()
    parts.setdefault(current, []).append(content[position:])
    out = {}
    for key, chunks in parts.items():
        text = plain("".join(chunks))
        if text:
            out[key] = text
    return out


def plain(text: str) -> str:
    """Paragraphs of plain text: markup removed, lines joined, a list item per paragraph."""
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = paragraph.splitlines()
        if any(_BULLET.match(line) for line in lines):
            items: list[list[str]] = []
            for line in lines:
                if _BULLET.match(line) or not items:
                    items.append([_BULLET.sub("", line)])
                else:
                    items[-1].append(line)
            out += ["– " + " ".join(" ".join(i).split()) for i in items]
        elif paragraph.strip():
            out.append(" ".join(paragraph.split()))
    return "\n\n".join(t for p in out if (t := _MARKUP.sub("", p).strip()))


def filled(text: str) -> bool:
    return bool(text) and PLACEHOLDER not in text


class Cijfer(Protocol):
    """One theme's police figure in one year (``records.politie.ThemaJaar``)."""

    @property
    def aantal(self) -> Decimal: ...

    @property
    def per_1000(self) -> Decimal | None: ...

    @property
    def voorlopig(self) -> bool: ...


@dataclass(frozen=True)
class Trend:
    richting: str  # "stijgend", "dalend", "stabiel" or "onbekend"
    symbool: str
    van: int | None = None
    tot: int | None = None

    @property
    def tekst(self) -> str:
        if self.richting == "geen cijfers":
            return "–"
        if self.van is None:
            return "onbekend (te weinig jaren)"
        return f"{self.symbool} {self.richting} ({self.van}–{self.tot})"


def trend(figures: Mapping[int, Cijfer]) -> Trend:
    """Rising, falling or stable over the last whole years (provisional years left out)."""
    years = sorted(y for y, c in figures.items() if not c.voorlopig)[-TREND_JAREN:]
    if not figures:
        return Trend("geen cijfers", "–")
    if len(years) < 2:
        return Trend("onbekend", "?")
    first, last = figures[years[0]], figures[years[-1]]
    both = first.per_1000 is not None and last.per_1000 is not None
    a = first.per_1000 if both and first.per_1000 is not None else first.aantal
    b = last.per_1000 if both and last.per_1000 is not None else last.aantal
    if a == 0:
        richting = "stabiel" if b == 0 else "stijgend"
    else:
        change = (b - a) / a
        richting = (
            "stijgend"
            if change > TREND_DREMPEL
            else ("dalend" if change < -TREND_DREMPEL else "stabiel")
        )
    symbol = {"stijgend": "▲", "dalend": "▼", "stabiel": "►"}[richting]
    return Trend(richting, symbol, years[0], years[-1])


def omvang(figures: Mapping[int, Cijfer]) -> str:
    """The size of the problem in words: the last whole year, per 1.000 inwoners if known."""
    years = sorted(y for y, c in figures.items() if not c.voorlopig)
    if not years:
        return "geen cijfers"
    cijfer = figures[years[-1]]
    text = f"{format_number(cijfer.aantal)} misdrijven ({years[-1]})"
    if cijfer.per_1000 is not None:
        text += f"; {format_number(cijfer.per_1000, 1)} per 1.000 inwoners"
    return text


@dataclass
class ThemaAnalyse:
    """One theme (or aspect of veld 1) with its analyses, parts and figures."""

    thema: Theme
    analyses: list[Analyse] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)
    cijfers: Mapping[int, Cijfer] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    indicatoren: list[EffectIndicator] = field(default_factory=list)
    gekozen: bool = False  # already a prioriteit of the plan

    @property
    def trend(self) -> Trend:
        return trend(self.cijfers)

    @property
    def omvang(self) -> str:
        return omvang(self.cijfers)

    @property
    def kandidaat(self) -> bool:
        """A candidate prioriteit: chosen already, or the analysis answers *extra?* with yes."""
        return self.gekozen or self.parts.get(EXTRA, "").lower().startswith("ja")

    @property
    def has_analysis(self) -> bool:
        return bool(self.analyses)


@dataclass
class VeldAnalyse:
    veld: Field
    themas: list[ThemaAnalyse]
    aspecten: list[ThemaAnalyse] = field(default_factory=list)  # veld 1 only


def build(
    plan: Plan,
    catalogue: Catalogue,
    figures: Mapping[str, Mapping[int, Cijfer]],
    codes: Mapping[str, list[str]] | None = None,
) -> list[VeldAnalyse]:
    """The whole analysis: every field and theme, with or without an analysis written."""
    by_code: dict[str, list[Analyse]] = {}
    for item in plan.of_type(Analyse):
        for code in item.kv:
            by_code.setdefault(code, []).append(item)
    chosen = {code for p in plan.of_type(Prioriteit) for code in p.kv}
    indicators: dict[str, list[EffectIndicator]] = {}
    for ei in plan.of_type(EffectIndicator):
        onderdeel = ei.onderdeel
        for code in getattr(onderdeel, "kv", []) or []:
            indicators.setdefault(code, []).append(ei)

    def one(theme: Theme) -> ThemaAnalyse:
        analyses = by_code.get(theme.code, [])
        parts: dict[str, str] = {}
        for item in analyses:
            for key, text in split_parts(item.content).items():
                parts[key] = f"{parts[key]}\n\n{text}" if key in parts else text
        return ThemaAnalyse(
            theme,
            analyses,
            parts,
            figures.get(theme.code, {}),
            list((codes or {}).get(theme.code, [])),
            indicators.get(theme.code, []),
            theme.code in chosen,
        )

    out = []
    for veld in catalogue.fields:
        aspects = [one(a) for a in catalogue.aspects] if veld.code == "1" else []
        out.append(VeldAnalyse(veld, [one(t) for t in veld.themes], aspects))
    return out


def analysejaar(plan: Plan) -> int:
    """The analysis is made in the year before the IVP's period starts."""
    return plan.settings.periode[0] - 1


def kandidaten(velden: list[VeldAnalyse]) -> list[ThemaAnalyse]:
    """The candidate prioriteiten, in catalogue order."""
    return [t for v in velden for t in v.themas if t.kandidaat]


def zonder_analyse(velden: list[VeldAnalyse]) -> list[ThemaAnalyse]:
    """Themes (and veld-1 aspects) nobody wrote an analysis for: listed, not hidden."""
    return [t for v in velden for t in (*v.themas, *v.aspecten) if not t.has_analysis]
