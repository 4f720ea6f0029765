"""``metingen/koppeling.yaml``: which export, sheet, columns and filters give which indicator.

Read as YAML nodes (:mod:`..files.yamlnodes`) so every problem names its line: unknown
sections, settings, files and indicators (with the nearest id), a key written twice
anywhere and an indicator mapped twice. The plan's indicator ids are read from the sources
without building (:func:`plan_indicator_ids`); so are, in a joint plan, the gemeenten each
indicator holds for (:func:`indicator_gemeenten`), for a file whose ``gemeente:`` column
gives a value per gemeente.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from ..files.yamlnodes import compose, duplicates_anywhere, line_of, pairs, scalar_text
from ..model.parsing import ParseError, parse_number
from ..records import metingen
from .command import Gemeente

MAPPING_LABEL = f"{metingen.DIRECTORY}/{metingen.MAPPING}"


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class PlanIndicator:
    """An item as its source writes it (no build): id, title, options and directive."""

    id: str
    title: str
    opties: dict[str, str]
    type: str = "effectindicator"


_DIRECTIVE_TITLE = re.compile(
    r"^\s*(?:\.\.\s+(?P<rst>[\w-]+)::|[`:]{3,}\{(?P<myst>[\w-]+)\})\s*(?P<title>.*?)\s*$"
)
_OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):\s*(?P<value>.*?)\s*$")


def plan_indicators(plan: Path) -> list[PlanIndicator]:
    """The plan's effect indicators, read from the sources without building."""
    return [item for item in plan_items(plan) if item.type == "effectindicator"]


def plan_items(plan: Path) -> list[PlanIndicator]:
    """The plan's items (every directive with an ``:id:``), read without building.

    The import must not need a Sphinx build (seconds to minutes on a large plan), so it
    scans every ``.rst``/``.md`` file for a directive and the options after it (rst
    ``.. effectindicator::`` and MyST ``{effectindicator}``). Build
    output and hidden folders are skipped; an indicator without ``:id:`` is not counted.
    """
    found: list[PlanIndicator] = []
    for path in sorted(plan.rglob("*")):
        relative = path.relative_to(plan).parts
        if path.suffix not in (".rst", ".md") or any(
            p.startswith((".", "_")) for p in relative[:-1]
        ):
            continue
        try:
            lines = path.read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for index, line in enumerate(lines):
            if not (match := _DIRECTIVE_TITLE.match(line)):
                continue
            opties: dict[str, str] = {}
            for option in lines[index + 1 : index + 40]:
                if not option.strip():
                    break
                if found_option := _OPTION.match(option):  # else: a value's next line
                    opties.setdefault(found_option["name"], found_option["value"])
            if opties.get("id"):
                kind = match["rst"] or match["myst"]
                found.append(PlanIndicator(opties["id"], match["title"], opties, kind))
    return found


def plan_indicator_ids(plan: Path) -> set[str]:
    """The ids of the plan's effect indicators (:func:`plan_indicators`)."""
    return {indicator.id for indicator in plan_indicators(plan)}


def indicator_gemeenten(plan: Path, gemeenten: list[Gemeente]) -> dict[str, list[Gemeente]]:
    """For every effect indicator: the gemeenten it holds for, as the build reads
    ``:gemeenten:`` (absent = all; narrowed along ``:hoort_bij:`` by its parents)."""
    items = {item.id: item for item in plan_items(plan)}
    known = {key: g for g in gemeenten for key in (g.naam.casefold(), g.code.casefold())}
    circles: dict[str, list[Gemeente]] = {}

    def circle(item_id: str, seen: frozenset[str]) -> list[Gemeente]:
        if item_id in circles:
            return circles[item_id]
        item = items.get(item_id)
        if item is None or item_id in seen:
            return list(gemeenten)
        own = list(gemeenten)
        if written := item.opties.get("gemeenten", "").strip():
            named = {known.get(part.strip().casefold()) for part in written.split(",")}
            own = [g for g in gemeenten if g in named]
        parent = re.split(r"[,\s]+", item.opties.get("hoort_bij", "").strip())[0]
        if parent:
            above = circle(parent, seen | {item_id})
            own = [g for g in own if g in above]
        circles[item_id] = own
        return own

    return {
        i: circle(i, frozenset()) for i, item in items.items() if item.type == "effectindicator"
    }


# --------------------------------------------------------------------------- the mapping


@dataclass
class Bestand:
    name: str
    path: Path  # resolved
    text: str  # as written in the mapping (relative to the mapping file)
    line: int
    blad: str | None = None
    blad_line: int = 0
    periode: str = ""
    periode_line: int = 0
    waarde: str | None = None
    waarde_line: int = 0
    filter: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: The column that says whose row it is (a joint plan: a value per gemeente).
    gemeente: str | None = None
    gemeente_line: int = 0


@dataclass
class Koppeling:
    indicator: str
    line: int
    bestand: Bestand
    waarde: str = ""
    waarde_line: int = 0
    filter: dict[str, tuple[str, int]] = field(default_factory=dict)
    per_inwoners: int | None = None
    per_line: int = 0


@dataclass
class Mapping:
    bestanden: dict[str, Bestand]
    inwoners: dict[int, Decimal]
    inwoners_line: int
    koppelingen: list[Koppeling]
    #: A joint plan: inwoners per year of each gemeente, by CBS code.
    inwoners_per_gemeente: dict[str, dict[int, Decimal]] = field(default_factory=dict)


def read_mapping(path: Path, known_ids: set[str]) -> tuple[Mapping | None, list[str]]:
    """The mapping (its usable part) and every located problem; ``None`` only when the YAML
    cannot be read or a section is missing. The mapping may be used only without problems."""
    errors: list[str] = []

    def error(line: int | None, text: str) -> None:
        where = f", regel {line}" if line else ""
        errors.append(f"{MAPPING_LABEL}{where}: {text}")

    readable, root = compose(path, error)
    if not readable:
        return None, errors
    if not isinstance(root, yaml.MappingNode):
        return None, [f"{MAPPING_LABEL}: moet de secties 'bestanden:' en 'indicatoren:' bevatten."]
    _duplicates(root, error)
    top = {(scalar_text(k) or ""): (k, v) for k, v in root.value}
    for name, (key, _value) in top.items():
        if name not in ("bestanden", "inwoners", "indicatoren"):
            error(
                line_of(key),
                f"onbekende sectie '{name}'; kies uit bestanden, inwoners, indicatoren.",
            )
    missing = [needed for needed in ("bestanden", "indicatoren") if needed not in top]
    for needed in missing:
        errors.append(f"{MAPPING_LABEL}: de sectie '{needed}:' ontbreekt.")
    if missing:
        return None, errors
    # Everything that can be read is read, so one run names every mistake: the caller also
    # checks the files and columns of the usable part before it refuses.
    bestanden = _read_bestanden(path.parent, top["bestanden"][1], error)
    inwoners, inwoners_line, per_gemeente = _read_inwoners(top.get("inwoners"), error)
    koppelingen = _read_indicatoren(top["indicatoren"][1], bestanden, known_ids, error)
    return Mapping(bestanden, inwoners, inwoners_line, koppelingen, per_gemeente), errors


def _duplicates(root: yaml.MappingNode, error) -> None:
    """A key written twice anywhere in the mapping: YAML would keep the last one without a
    word, and an indicator mapped twice would take its values from whichever came last."""
    indicatoren = next((v for k, v in root.value if scalar_text(k) == "indicatoren"), None)
    first_line: dict[str, int] = {}
    mapped_twice: dict[int, str] = {}
    for key, _value in pairs(indicatoren) or []:
        name = scalar_text(key) or ""
        if name in first_line:
            mapped_twice[line_of(key)] = (
                f"effectindicator '{name}' is hier voor de tweede keer gekoppeld (ook op regel "
                f"{first_line[name]}); alleen de laatste koppeling zou tellen. Houd er één over."
            )
        first_line.setdefault(name, line_of(key))
    for _key, line, text in duplicates_anywhere(root):
        error(line, mapped_twice.get(line, text))


def _mapping_items(node: yaml.Node, what: str, error) -> list[tuple[yaml.Node, yaml.Node]]:
    found = pairs(node)
    if found is None:
        error(line_of(node), f"onder '{what}' hoort een lijst van namen met hun instellingen.")
        return []
    return found


def _read_filter(node: yaml.Node, error) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for key, value in _mapping_items(node, "filter", error):
        text = scalar_text(value)
        if text is None or text == "":
            error(
                line_of(key),
                f"filter '{scalar_text(key)}' heeft geen waarde; schrijf bijvoorbeeld "
                "{WijkenEnBuurten: GM0758}.",
            )
            continue
        out[scalar_text(key) or ""] = (text, line_of(key))
    return out


def _read_bestanden(base: Path, node: yaml.Node, error) -> dict[str, Bestand]:
    out: dict[str, Bestand] = {}
    for key, body in _mapping_items(node, "bestanden", error):
        name = scalar_text(key) or ""
        fields = {(scalar_text(k) or ""): (k, v) for k, v in _mapping_items(body, name, error)}
        for field_name, (k, _v) in fields.items():
            if field_name not in ("bestand", "blad", "periode", "waarde", "filter", "gemeente"):
                error(
                    line_of(k),
                    f"bestand '{name}': onbekende instelling '{field_name}'; kies uit "
                    "bestand, blad, periode, waarde, filter, gemeente.",
                )
        if "bestand" not in fields or "periode" not in fields:
            missing = " en ".join(f"'{f}:'" for f in ("bestand", "periode") if f not in fields)
            error(line_of(key), f"bestand '{name}' mist {missing}.")
            continue
        text = scalar_text(fields["bestand"][1]) or ""
        bestand = Bestand(name, (base / text).resolve(), text, line_of(fields["bestand"][0]))
        bestand.periode = scalar_text(fields["periode"][1]) or ""
        bestand.periode_line = line_of(fields["periode"][0])
        if "blad" in fields:
            bestand.blad = scalar_text(fields["blad"][1])
            bestand.blad_line = line_of(fields["blad"][0])
        if "waarde" in fields:
            bestand.waarde = scalar_text(fields["waarde"][1])
            bestand.waarde_line = line_of(fields["waarde"][0])
        if "filter" in fields:
            bestand.filter = _read_filter(fields["filter"][1], error)
        if "gemeente" in fields:
            bestand.gemeente = scalar_text(fields["gemeente"][1]) or None
            bestand.gemeente_line = line_of(fields["gemeente"][0])
            if not bestand.gemeente:
                error(
                    bestand.gemeente_line,
                    f"bestand '{name}': 'gemeente:' noemt de kolom met de gemeente (code of "
                    "naam), bijvoorbeeld 'gemeente: WijkenEnBuurten'.",
                )
        out[name] = bestand
    return out


def inwoners_of(plan: Path, regio: str) -> tuple[dict[int, Decimal], list[str]]:
    """The inwoners per year under ``inwoners:`` in the plan's koppeling.yaml (for the
    police import's per 1.000 inwoners): those of gemeente ``regio`` when they are given per
    CBS code, else the plan's; with Dutch problems of that section (or of the YAML)."""
    path = plan / metingen.DIRECTORY / metingen.MAPPING
    if not path.is_file():
        return {}, []
    errors: list[str] = []

    def error(line: int | None, text: str) -> None:
        errors.append(f"{MAPPING_LABEL}{f', regel {line}' if line else ''}: {text}")

    readable, root = compose(path, error)
    entry = (
        next(((k, v) for k, v in pairs(root) or [] if scalar_text(k) == "inwoners"), None)
        if readable and isinstance(root, yaml.MappingNode)
        else None
    )
    plain, _line, per_gemeente = _read_inwoners(entry, error)
    code = regio.strip().upper()
    return per_gemeente.get(code, plain if not per_gemeente else {}), errors


def _read_inwoners(entry, error) -> tuple[dict[int, Decimal], int, dict[str, dict[int, Decimal]]]:
    """``{2024: 185500}``, or in a joint plan per gemeente ``{GM9001: {2024: 30000}}``."""
    if entry is None:
        return {}, 0, {}
    key, node = entry
    plain: list[tuple[yaml.Node, yaml.Node]] = []
    per_gemeente: dict[str, dict[int, Decimal]] = {}
    for year_node, value in _mapping_items(node, "inwoners", error):
        code = (scalar_text(year_node) or "").strip().upper()
        if metingen.GEMEENTE_CODE.fullmatch(code):
            items = _mapping_items(value, f"inwoners: {code}", error)
            per_gemeente[code] = _inwoners_years(items, error)
        else:
            plain.append((year_node, value))
    return _inwoners_years(plain, error), line_of(key), per_gemeente


def _inwoners_years(items: list[tuple[yaml.Node, yaml.Node]], error) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for year_node, value in items:
        year, text = scalar_text(year_node) or "", scalar_text(value) or ""
        try:
            number = parse_number(text)
        except ParseError:
            number = Decimal(0)
        if not (year.isdigit() and len(year) == 4) or number <= 0:
            error(
                line_of(year_node),
                f"inwoners: '{year}: {text}' is geen jaar met een inwonertal; "
                "schrijf bijvoorbeeld {2024: 185500}, of per gemeente "
                "{GM0758: {2024: 185500}}.",
            )
            continue
        out[int(year)] = number
    return out


def _read_indicatoren(node, bestanden, known_ids: set[str], error) -> list[Koppeling]:
    out: list[Koppeling] = []
    for key, body in _mapping_items(node, "indicatoren", error):
        indicator, line = scalar_text(key) or "", line_of(key)
        if indicator not in known_ids:
            near = difflib.get_close_matches(indicator, sorted(known_ids), n=2, cutoff=0.6)
            hint = f" Bedoelt u {' of '.join(near)}?" if near else ""
            error(line, f"effectindicator '{indicator}' bestaat niet in het plan.{hint}")
        fields = {(scalar_text(k) or ""): (k, v) for k, v in _mapping_items(body, indicator, error)}
        for field_name, (k, _v) in fields.items():
            if field_name not in ("bestand", "waarde", "filter", "per_inwoners"):
                error(
                    line_of(k),
                    f"{indicator}: onbekende instelling '{field_name}'; kies uit "
                    "bestand, waarde, filter, per_inwoners.",
                )
        if "bestand" not in fields:
            error(
                line, f"{indicator} mist 'bestand:' (de naam van een bestand onder 'bestanden:')."
            )
            continue
        bestand_key, bestand_node = fields["bestand"]
        name = scalar_text(bestand_node) or ""
        if name not in bestanden:
            known = ", ".join(bestanden) or "(geen)"
            error(
                line_of(bestand_key),
                f"{indicator}: bestand '{name}' staat niet onder "
                f"'bestanden:'; bekend zijn: {known}.",
            )
            continue
        bestand = bestanden[name]
        koppeling = Koppeling(indicator, line, bestand)
        if "waarde" in fields:
            koppeling.waarde = scalar_text(fields["waarde"][1]) or ""
            koppeling.waarde_line = line_of(fields["waarde"][0])
        elif bestand.waarde:
            koppeling.waarde, koppeling.waarde_line = bestand.waarde, bestand.waarde_line
        else:
            error(
                line,
                f"{indicator}: welke kolom is de waarde? Schrijf 'waarde: KOLOM' bij de "
                f"indicator of bij bestand '{name}'.",
            )
            continue
        koppeling.filter = dict(bestand.filter)
        if "filter" in fields:
            koppeling.filter.update(_read_filter(fields["filter"][1], error))
        if "per_inwoners" in fields:
            k, v = fields["per_inwoners"]
            text = scalar_text(v) or ""
            if not text.isdigit() or int(text) <= 0:
                error(
                    line_of(k),
                    f"{indicator}: per_inwoners '{text}' is geen positief geheel "
                    "getal; schrijf bijvoorbeeld 1000.",
                )
            else:
                koppeling.per_inwoners, koppeling.per_line = int(text), line_of(k)
        out.append(koppeling)
    return out
