"""Progress reported by partners: the plan's ``voortgang/<kwartaal>.yaml`` files.

One file per quarter, written by ``kernbeleid voortgang importeer`` (and fine to edit by
hand)::

    periode: 2026-Q2
    maatregelen:
      MR_CONTROLES:
        status: lopend
        toelichting: Twee van de vier controles gedaan.
    prestatie-indicatoren:
      PI_CONTROLES:
        realisatie: '2'

Realisations are written as Dutch number text so no value is rounded on the way. The
build attaches every file's entries to the model (oldest quarter first); the import
merges a workbook into one file. Both live here so they agree on the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .model import STATUSES, Maatregel, Plan, PrestatieIndicator, Problem, Voortgang
from .parsing import ParseError, Quarter, format_number, parse_number, parse_quarter

DIRECTORY = "voortgang"
MAATREGELEN = "maatregelen"
INDICATOREN = "prestatie-indicatoren"
TOP_KEYS = ("periode", MAATREGELEN, INDICATOREN, "bronnen")
#: libyaml's loader when present (ten times faster on large files); same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FIELDS = {MAATREGELEN: ("status", "toelichting"), INDICATOREN: ("realisatie",)}


class VoortgangError(Exception):
    """A progress file that cannot be read at all (message in Dutch, names the file)."""


@dataclass
class Entry:
    """One reported value, with where it stands, for messages."""

    value: str
    line: int


@dataclass
class PeriodFile:
    """One quarter's progress: item id -> field -> entry."""

    periode: Quarter
    items: dict[str, dict[str, dict[str, Entry]]] = field(
        default_factory=lambda: {MAATREGELEN: {}, INDICATOREN: {}}
    )
    bronnen: list[dict[str, str]] = field(default_factory=list)

    def values(self) -> dict[str, dict[str, dict[str, str]]]:
        """Plain values, for comparing and writing."""
        return {
            section: {
                item: {name: entry.value for name, entry in fields.items()}
                for item, fields in entries.items()
            }
            for section, entries in self.items.items()
        }


# --------------------------------------------------------------------------- reading


def _scalar_text(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value).strip()
    return None


def read_file(path: Path, name: str) -> tuple[PeriodFile | None, list[str]]:
    """Read one progress file; returns it (or None) and Dutch problems naming file and line.

    ``name`` is how messages name the file (e.g. ``voortgang/2026-Q2.yaml``).
    """
    problems: list[str] = []

    def problem(line: int | None, text: str) -> None:
        problems.append(f"{name}{f', regel {line}' if line else ''}: {text}")

    try:
        root = yaml.compose(path.read_text("utf-8"), Loader=_LOADER)
    except UnicodeDecodeError:
        problem(None, "is geen tekstbestand (UTF-8); sla het op als UTF-8.")
        return None, problems
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem(
            mark.line + 1 if mark else None,
            "is geen geldige YAML; kijk op of vlak boven deze regel naar inspringing, dubbele "
            "punten en haakjes of aanhalingstekens die niet gesloten zijn.",
        )
        return None, problems
    if root is None:
        problem(None, "is leeg; verwijder het of importeer een werkboek opnieuw.")
        return None, problems
    if not isinstance(root, yaml.MappingNode):
        problem(root.start_mark.line + 1, "moet beginnen met 'periode:' en de secties.")
        return None, problems
    top = {(_scalar_text(k) or ""): (k, v) for k, v in root.value}
    stem = path.stem
    if "periode" not in top:
        problem(1, f"mist 'periode:'; schrijf bovenaan 'periode: {stem}'.")
        return None, problems
    key, value = top["periode"]
    try:
        periode = parse_quarter(_scalar_text(value) or "")
    except ParseError as err:
        problem(key.start_mark.line + 1, f"periode {err.reason}; schrijf bijvoorbeeld 2026-Q2.")
        return None, problems
    if str(periode) != stem:
        problem(
            key.start_mark.line + 1,
            f"periode {periode} hoort niet bij de bestandsnaam; noem het bestand "
            f"'{periode}.yaml' of zet de periode op {stem}.",
        )
        return None, problems
    result = PeriodFile(periode)
    for name_, (key, value) in top.items():
        line = key.start_mark.line + 1
        if name_ not in TOP_KEYS:
            known = ", ".join(TOP_KEYS)
            problem(line, f"onbekende sectie '{name_}' wordt niet gelezen; kies uit {known}.")
        elif name_ in FIELDS:
            _read_section(result, name_, value, problem)
        elif name_ == "bronnen" and isinstance(value, yaml.SequenceNode):
            for entry in value.value:
                if isinstance(entry, yaml.MappingNode):
                    result.bronnen.append(
                        {_scalar_text(k) or "": _scalar_text(v) or "" for k, v in entry.value}
                    )
    return result, problems


def _read_section(result: PeriodFile, section: str, node: yaml.Node, problem: Any) -> None:
    if isinstance(node, yaml.ScalarNode) and not node.value:
        return  # an empty section
    if not isinstance(node, yaml.MappingNode):
        problem(node.start_mark.line + 1, f"'{section}' moet een lijst van ids met waarden zijn.")
        return
    allowed = FIELDS[section]
    for key, value in node.value:
        item_id = _scalar_text(key) or ""
        line = key.start_mark.line + 1
        if not isinstance(value, yaml.MappingNode):
            problem(line, f"{item_id}: schrijf de waarden eronder, bijvoorbeeld '{allowed[0]}: …'.")
            continue
        fields = result.items[section].setdefault(item_id, {})
        for field_key, field_value in value.value:
            name = _scalar_text(field_key) or ""
            field_line = field_key.start_mark.line + 1
            text = _scalar_text(field_value)
            if name not in allowed:
                problem(
                    field_line,
                    f"{item_id}: onbekend veld '{name}'; bij {section} horen "
                    + ", ".join(allowed)
                    + ".",
                )
            elif text is None:
                problem(field_line, f"{item_id}: {name} moet één waarde zijn.")
            elif text:
                fields[name] = Entry(text, field_line)


def load(directory: Path, label: str = DIRECTORY) -> tuple[list[PeriodFile], list[str]]:
    """Every quarter file in ``directory``, oldest first, and the problems found."""
    files: list[PeriodFile] = []
    problems: list[str] = []
    if not directory.is_dir():
        return files, problems
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
            period_file, found = read_file(path, f"{label}/{path.name}")
            problems += found
            if period_file is not None:
                files.append(period_file)
    files.sort(key=lambda f: f.periode)
    return files, problems


# --------------------------------------------------------------------------- the build


def attach(plan: Plan, srcdir: Path) -> list[Problem]:
    """Read ``srcdir/voortgang/*.yaml`` into the plan's maatregelen; return problems."""
    files, messages = load(srcdir / DIRECTORY)
    problems = [Problem("voortgang", "", None, None, m) for m in messages]
    for period_file in files:
        name = f"{DIRECTORY}/{period_file.periode}.yaml"
        for section, expected in ((MAATREGELEN, Maatregel), (INDICATOREN, PrestatieIndicator)):
            for item_id, fields in period_file.items[section].items():
                progress, found = _progress(plan, period_file, section, expected, item_id, fields)
                problems += [
                    Problem("voortgang", item_id, None, None, f"{name}, regel {line}: {text}")
                    for line, text in found
                ]
                if progress is not None:
                    item = plan.items[item_id]
                    item.voortgang.append(progress)  # type: ignore[attr-defined]
    return problems


def _progress(
    plan: Plan,
    period_file: PeriodFile,
    section: str,
    expected: type,
    item_id: str,
    fields: dict[str, Entry],
) -> tuple[Voortgang | None, list[tuple[int, str]]]:
    first_line = min((e.line for e in fields.values()), default=0)
    item = plan.items.get(item_id)
    kind = "maatregel" if expected is Maatregel else "prestatie-indicator"
    if item is None:
        return None, [
            (
                first_line,
                f"{kind} {item_id} bestaat niet in het plan; verbeter de id of haal de regels weg.",
            )
        ]
    if not isinstance(item, expected):
        return None, [
            (
                first_line,
                f"{item_id} is een {item.type}, geen {kind}; zet het onder de juiste sectie.",
            )
        ]
    found: list[tuple[int, str]] = []
    status = fields.get("status")
    status_value = None
    if status is not None:
        status_value = status.value.lower()
        if status_value not in STATUSES:
            found.append(
                (
                    status.line,
                    f"{item_id}: status '{status.value}' bestaat niet; kies uit "
                    + ", ".join(STATUSES)
                    + ".",
                )
            )
            status_value = None
    realisatie = fields.get("realisatie")
    realisatie_value: Decimal | None = None
    if realisatie is not None:
        try:
            realisatie_value = parse_number(realisatie.value)
        except ParseError as err:
            found.append(
                (
                    realisatie.line,
                    f"{item_id}: realisatie '{realisatie.value}' {err.reason}; schrijf "
                    f"bijvoorbeeld '{err.hint}'.",
                )
            )
    toelichting = fields.get("toelichting")
    progress = Voortgang(
        str(period_file.periode),
        status=status_value,
        realisatie=realisatie_value,
        toelichting=toelichting.value if toelichting else None,
    )
    if progress.status is None and progress.realisatie is None and progress.toelichting is None:
        return None, found
    return progress, found


def fingerprint(srcdir: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and times of the progress files: changes when an import happened."""
    directory = srcdir / DIRECTORY
    if not directory.is_dir():
        return ()
    return tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(directory.iterdir())
        if p.suffix.lower() in (".yaml", ".yml")
    )


def outdated_when_progress_changes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Items show their latest progress, so a new import re-renders the pages."""
    current = fingerprint(Path(app.srcdir))
    previous = getattr(env, "kernbeleid_voortgang", None)
    env.kernbeleid_voortgang = current  # type: ignore[attr-defined]
    if previous is None or previous == current:
        return []
    return sorted(env.found_docs - added - removed)


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", outdated_when_progress_changes)


# --------------------------------------------------------------------------- writing


def realisatie_text(value: Decimal) -> str:
    """Dutch number text without thousands dots, so YAML and readers agree: ``1234,5``."""
    return format_number(value).replace(".", "")


def dump(period_file: PeriodFile) -> str:
    """The file's text: a short Dutch header, then the data in a stable order."""
    data: dict[str, Any] = {"periode": str(period_file.periode)}
    values = period_file.values()
    for section in (MAATREGELEN, INDICATOREN):
        if values[section]:
            data[section] = {
                item: {name: fields[name] for name in FIELDS[section] if name in fields}
                for item, fields in sorted(values[section].items())
            }
    if period_file.bronnen:
        data["bronnen"] = period_file.bronnen
    header = (
        f"# Voortgang van de maatregelen, kwartaal {period_file.periode}.\n"
        "# Bijgewerkt met 'kernbeleid voortgang importeer'. Met de hand aanpassen mag;\n"
        "# de build controleert ids, statussen en getallen.\n"
    )
    return header + yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
