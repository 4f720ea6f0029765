"""Imported measurements: the plan's ``metingen/metingen.yaml``, and how the build uses it.

Written by ``kernbeleid metingen importeer`` (fine to edit by hand)::

    indicatoren:
      EI_GEWELD:
        2024:
          waarde: '4,3'
          bestand: ../data/politie.xlsx     # relative to the metingen folder
          blad: TypedDataSet
          rijen: 14-25
        2025:
          waarde: '1,2'
          voorlopig: true                   # an incomplete year
          ...

In a joint plan (``kernbeleid_gemeenten``) an indicator of several gemeenten may have a
series per gemeente, under each gemeente's CBS code::

    indicatoren:
      EI_OVERLAST:
        GM9001:
          2025: {waarde: '11,0', bestand: ../data/monitor.csv, rijen: '2'}
        GM9002:
          2025: {waarde: '12,8', bestand: ../data/monitor.csv, rijen: '4'}

Values are Dutch number text so nothing is rounded on the way. The build joins the
plain series with the ``:metingen:`` a writer typed (a year in both with different
values is a located warning; the plan's value is kept and shown); a series per gemeente
goes to :attr:`..model.plan.EffectIndicator.metingen_per_gemeente`, which each gemeente's
own plan shows as the indicator's measurements (:func:`..model.gemeenten.plan_voor`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..files.yamlnodes import compose, duplicate_keys, scalar_text
from ..model import trace
from ..model.meetreeks import Meting
from ..model.parsing import ParseError, Quantity, format_number, parse_number
from ..model.plan import EffectIndicator, Plan, Problem
from . import verouderd

DIRECTORY = verouderd.METINGEN_DIRECTORY
FILENAME = verouderd.METINGEN_FILENAME
MAPPING = "koppeling.yaml"
LABEL = f"{DIRECTORY}/{FILENAME}"
#: The years a measurement can be about; the import writes no other (the build reads no other).
YEARS = range(1990, 2101)
VALUE_KEYS = ("waarde", "voorlopig", "bestand", "blad", "rijen")


@dataclass(frozen=True)
class Waarde:
    """One imported value of one indicator in one year, with where it came from."""

    waarde: str  # Dutch number text, e.g. '4,3'
    voorlopig: bool = False
    bestand: str = ""
    blad: str = ""
    rijen: str = ""
    line: int = field(default=0, compare=False)

    def plain(self) -> dict[str, Any]:
        out: dict[str, Any] = {"waarde": self.waarde}
        if self.voorlopig:
            out["voorlopig"] = True
        for key in ("bestand", "blad", "rijen"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    @property
    def herkomst(self) -> str:
        parts = [self.bestand, f"blad {self.blad}" if self.blad else "", self.rijen_text]
        return ", ".join(p for p in parts if p)

    @property
    def rijen_text(self) -> str:
        if not self.rijen:
            return ""
        single = "-" not in self.rijen and "," not in self.rijen
        return f"{'rij' if single else 'rijen'} {self.rijen}"


#: A CBS gemeente code, the key of a gemeente's own series in a joint plan.
GEMEENTE_CODE = re.compile(r"GM\d{4}")


@dataclass(frozen=True, order=True)
class Reeks:
    """Whose values: an indicator's, or (a joint plan) one gemeente's of an indicator."""

    indicator: str
    gemeente: str = ""  # the gemeente's CBS code; "" for the indicator's one series

    def __str__(self) -> str:
        return f"{self.indicator} {self.gemeente}" if self.gemeente else self.indicator


#: series -> year -> value
Metingen = dict[Reeks, dict[int, Waarde]]


def value_text(value: Decimal) -> str:
    """Dutch number text without thousands dots, so YAML and readers agree: ``1234,5``."""
    return format_number(value).replace(".", "")


def figure(value: object, hint: str) -> Decimal:
    """A number as the figures files (police, monitor) hold it: an int or Dutch text."""
    if isinstance(value, bool):
        raise ParseError("is geen getal", hint)
    if isinstance(value, int):
        return Decimal(value)
    return parse_number(str(value))


def figures_mapping(text: str, label: str, first: str, again: str) -> tuple[dict | None, list[str]]:
    """The YAML mapping of a figures file the police and monitor imports write, or None
    and one Dutch problem naming the file (and line) and ``again``: what to do."""
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", regel {mark.line + 1}" if mark else ""
        return None, [f"{label}{where}: kan niet gelezen worden; {again}"]
    if not isinstance(raw, dict):
        return None, [f"{label}: hoort te beginnen met '{first}:'; {again}"]
    return raw, []


def file_text(path: Path, label: str, again: str) -> tuple[str | None, list[str]]:
    """A figures file's text, or None and the Dutch problem (the build's readers)."""
    try:
        return path.read_text("utf-8"), []
    except (OSError, UnicodeDecodeError):
        return None, [f"{label}: kan niet gelezen worden; {again}"]


# --------------------------------------------------------------------------- reading


def read_file(path: Path, name: str = LABEL) -> tuple[Metingen | None, list[str]]:
    """Read the measurements file; returns it (or None) and Dutch problems with file and line."""
    problems: list[str] = []

    def problem(line: int | None, text: str) -> None:
        problems.append(f"{name}{f', regel {line}' if line else ''}: {text}")

    readable, root = compose(path, problem)
    if not readable:
        return None, problems
    result: Metingen = {}
    if root is None:
        return result, problems
    if not isinstance(root, yaml.MappingNode):
        problem(root.start_mark.line + 1, "moet beginnen met 'indicatoren:'.")
        return None, problems
    for key, value in root.value:
        line = key.start_mark.line + 1
        if scalar_text(key) != "indicatoren":
            problem(
                line,
                f"onbekende sectie '{scalar_text(key)}' wordt niet gelezen; alleen "
                "'indicatoren:' hoort hier.",
            )
            continue
        if isinstance(value, yaml.ScalarNode) and not value.value:
            continue
        if not isinstance(value, yaml.MappingNode):
            problem(line, "'indicatoren' moet ids van effectindicatoren met hun jaren bevatten.")
            continue
        for _key, dup_line, message in duplicate_keys(value):
            problem(dup_line, message)
        for id_node, years in value.value:
            _read_indicator(scalar_text(id_node) or "", id_node, years, result, problem)
    return result, problems


def _read_indicator(item_id, id_node, years, result: Metingen, problem) -> None:
    if not isinstance(years, yaml.MappingNode):
        problem(
            id_node.start_mark.line + 1,
            f"{item_id}: zet de jaren eronder, bijvoorbeeld '2024:' met daaronder 'waarde: 4,3'.",
        )
        return
    for _key, dup_line, message in duplicate_keys(years):
        problem(dup_line, f"{item_id}: {message}")
    plain: list[tuple[yaml.Node, yaml.Node]] = []
    for key, body in years.value:
        code = (scalar_text(key) or "").strip().upper()
        if not GEMEENTE_CODE.fullmatch(code):
            plain.append((key, body))
        elif not isinstance(body, yaml.MappingNode):
            problem(
                key.start_mark.line + 1,
                f"{item_id} {code}: zet de jaren van deze gemeente eronder, bijvoorbeeld "
                "'2024:' met daaronder 'waarde: 4,3'.",
            )
        else:
            for _key, dup_line, message in duplicate_keys(body):
                problem(dup_line, f"{item_id} {code}: {message}")
            _read_years(Reeks(item_id, code), body.value, result, problem)
    if plain or not years.value:
        _read_years(Reeks(item_id), plain, result, problem)


def _read_years(reeks: Reeks, years, result: Metingen, problem) -> None:
    values = result.setdefault(reeks, {})
    for year_node, body in years:
        line = year_node.start_mark.line + 1
        year_text = scalar_text(year_node) or ""
        if not (year_text.isascii() and year_text.isdigit() and int(year_text) in YEARS):
            problem(
                line,
                f"{reeks}: '{year_text}' is geen jaar (en geen CBS-code van een gemeente, "
                "zoals GM0758); schrijf bijvoorbeeld 2024.",
            )
            continue
        if not isinstance(body, yaml.MappingNode):
            problem(line, f"{reeks} {year_text}: schrijf 'waarde: …' eronder.")
            continue
        fields: dict[str, str] = {}
        for k, v in body.value:
            name = scalar_text(k) or ""
            if name not in VALUE_KEYS:
                problem(
                    k.start_mark.line + 1,
                    f"{reeks} {year_text}: onbekend veld '{name}'; "
                    f"kies uit {', '.join(VALUE_KEYS)}.",
                )
                continue
            fields[name] = scalar_text(v) or ""
        waarde = fields.get("waarde", "")
        try:
            parse_number(waarde)
        except ParseError as err:
            problem(
                line,
                f"{reeks} {year_text}: waarde '{waarde}' {err.reason}; schrijf "
                f"bijvoorbeeld '{err.hint}'.",
            )
            continue
        voorlopig = fields.get("voorlopig", "").lower() in ("true", "ja", "yes", "1")
        values[int(year_text)] = Waarde(
            waarde,
            voorlopig,
            fields.get("bestand", ""),
            fields.get("blad", ""),
            fields.get("rijen", ""),
            line,
        )


# --------------------------------------------------------------------------- writing


HEADER = (
    "# Metingen van de effectindicatoren, per jaar.\n"
    "# Bijgewerkt met 'kernbeleid metingen importeer' (zie koppeling.yaml). Met de hand\n"
    "# aanpassen mag; de build controleert ids en getallen.\n"
)


def update_text(old_text: str | None, changes: Metingen) -> str:
    """The file's new text: ``old_text`` with only ``changes`` put in.

    Round-trip YAML (ruamel.yaml), as the progress files: hand-written comments, the
    order of ids and years, quoting and values the import does not touch stay as they
    were. New ids and years go in sorted order; a new file gets the short Dutch header.
    """
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 1_000_000  # never fold: a folded line would change on every import
    rt.indent(mapping=2, sequence=2, offset=0)
    rt.allow_unicode = True
    text = old_text if old_text and old_text.strip() else HEADER + "indicatoren:\n"
    data = rt.load(text)
    if not isinstance(data, CommentedMap):  # only comments
        data = rt.load(text.rstrip("\n") + "\nindicatoren:\n")
    section = data.get("indicatoren")
    if not isinstance(section, CommentedMap):
        section = CommentedMap()
        data["indicatoren"] = section
    ids_sorted = [str(k) for k in section] == sorted(str(k) for k in section)
    for reeks in sorted(changes):
        years = _series_map(section, reeks.indicator)
        if reeks.gemeente:
            years = _series_map(years, reeks.gemeente)
        years_sorted = list(years) == sorted(years, key=str)
        for year, waarde in sorted(changes[reeks].items()):
            plain = waarde.plain()
            entry = years.get(year)
            if not isinstance(entry, CommentedMap):
                years[year] = CommentedMap(plain)
                continue
            for key in VALUE_KEYS:
                if key in plain:
                    entry[key] = plain[key]
                elif key in entry:
                    del entry[key]
        if years_sorted:
            for key in sorted(years, key=str):
                years.move_to_end(key)
    if ids_sorted:
        for key in sorted(section, key=str):
            section.move_to_end(key)
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def _series_map(parent: CommentedMap, key: str) -> CommentedMap:
    found = parent.get(key)
    if not isinstance(found, CommentedMap):
        found = parent[key] = CommentedMap()
    return found


def dump(data: Metingen) -> str:
    """A fresh file with ``data`` (the same layout :func:`update_text` keeps)."""
    return update_text(None, data)


# --------------------------------------------------------------------------- the build


def attach(plan: Plan, srcdir: Path) -> list[Problem]:
    """Join ``metingen/metingen.yaml`` with the typed ``:metingen:``; return problems."""
    path = srcdir / DIRECTORY / FILENAME
    if not path.exists():  # a folder in its place is told by read_file, not skipped
        return []
    data, messages = read_file(path)
    problems = [Problem("metingen", "", None, None, m) for m in messages]
    per_gemeente: dict[str, dict[str, dict[int, Waarde]]] = {}
    for reeks, years in (data or {}).items():
        item = plan.items.get(reeks.indicator)
        first = min((w.line for w in years.values()), default=0)
        if not isinstance(item, EffectIndicator):
            what = "bestaat niet in het plan" if item is None else f"is een {item.type}"
            problems.append(
                Problem(
                    "metingen",
                    reeks.indicator,
                    None,
                    None,
                    f"{LABEL}, regel {first}: {reeks.indicator} {what}, geen effectindicator; "
                    "verbeter de id in koppeling.yaml en importeer opnieuw, of haal de regels "
                    "weg.",
                )
            )
        elif reeks.gemeente:
            problem = _gemeente_problem(plan, item, reeks.gemeente, first)
            if problem is not None:
                problems.append(problem)
            else:
                per_gemeente.setdefault(item.id, {})[reeks.gemeente] = years
        else:
            problems += _join(item, years)
    for item_id, series in per_gemeente.items():
        _join_per_gemeente(plan, plan.items[item_id], series)  # type: ignore[arg-type]
    return problems


def _gemeente_problem(plan: Plan, item: EffectIndicator, code: str, line: int) -> Problem | None:
    """Why a series of gemeente ``code`` cannot be shown with ``item``; None when it can."""
    where = f"{LABEL}, regel {line}: {item.id} {code}"
    naam = next((d.naam for d in plan.settings.gemeenten if d.code == code), None)
    if not plan.settings.gemeenten:
        text = (
            f"{where}: waarden per gemeente horen bij een plan van meer gemeenten "
            "(kernbeleid_gemeenten); zet de jaren direct onder de indicator."
        )
    elif naam is None:
        codes = ", ".join(f"{d.naam} ({d.code})" for d in plan.settings.gemeenten)
        text = (
            f"{where}: {code} doet niet mee aan dit plan (wel: {codes}). Verbeter de code of "
            "haal de regels weg."
        )
    elif naam not in trace.gemeenten_of(plan, item):
        from ..model.display import gemeenten

        text = (
            f"{where}: {item.id} geldt niet voor {naam} (wel voor "
            f"{gemeenten(trace.gemeenten_of(plan, item))}); haal de waarden van {naam} weg."
        )
    else:
        return None
    return Problem("metingen", item.id, None, None, text)


def _join_per_gemeente(
    plan: Plan, item: EffectIndicator, series: dict[str, dict[int, Waarde]]
) -> None:
    """Each gemeente the indicator holds for gets her own series (empty when the file has
    none for her: her documents then say so, not the others' values)."""
    codes = {d.naam: d.code for d in plan.settings.gemeenten}
    item.metingen_per_gemeente = {
        naam: [
            _meting(item, year, waarde)
            for year, waarde in sorted(series.get(codes[naam], {}).items())
        ]
        for naam in trace.gemeenten_of(plan, item)
    }


def _meting(item: EffectIndicator, year: int, waarde: Waarde) -> Meting:
    """An imported value as a measurement, a percentage when the nulmeting is one."""
    quantity = Quantity(parse_number(waarde.waarde))
    percent = item.nulmeting.quantity.percent if item.nulmeting else False
    return Meting(
        year, replace(quantity, percent=percent), waarde.voorlopig, waarde.herkomst or LABEL
    )


def _join(item: EffectIndicator, years: dict[int, Waarde]) -> list[Problem]:
    problems = []
    typed = {m.year: m for m in item.metingen}
    for year, waarde in years.items():
        imported = _meting(item, year, waarde)
        mine = typed.get(year)
        if mine is None:
            typed[year] = imported
        elif mine.value != imported.value:
            problems.append(
                Problem(
                    "metingen",
                    item.id,
                    item.docname,
                    item.lineno,
                    f"{item.id}: :metingen: noemt {mine.quantity} voor {year}, maar {LABEL} "
                    f"(regel {waarde.line}) {value_text(imported.value)}. De waarde uit het plan "
                    "wordt getoond; verbeter de ene of haal de andere weg.",
                    "metingen",
                )
            )
    item.metingen = [typed[year] for year in sorted(typed)]
    return problems
