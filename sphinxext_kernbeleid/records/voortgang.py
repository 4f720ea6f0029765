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

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..files.errors import visible
from ..files.yamlnodes import compose, duplicate_keys, scalar_text
from ..model.parsing import ParseError, Quarter, format_number, parse_number, parse_quarter
from ..model.plan import STATUSES, Maatregel, Plan, PrestatieIndicator, Problem, Voortgang
from . import verouderd

DIRECTORY = verouderd.VOORTGANG_DIRECTORY
MAATREGELEN = "maatregelen"
INDICATOREN = "prestatie-indicatoren"
TOP_KEYS = ("periode", MAATREGELEN, INDICATOREN, "bronnen")
#: libyaml's loader when present (ten times faster on large files); same nodes and marks.
FIELDS = {MAATREGELEN: ("status", "toelichting"), INDICATOREN: ("realisatie",)}


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
    line: int = 1  # where 'periode:' stands

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


@dataclass(frozen=True)
class Remark:
    """Something wrong in a progress file: which file, which line, what to do (Dutch)."""

    file: str  # e.g. "voortgang/2026-Q2.yaml"
    line: int | None
    text: str
    item: str = ""

    def __str__(self) -> str:
        return f"{self.file}{f', regel {self.line}' if self.line else ''}: {self.text}"


def _pairs(node: yaml.MappingNode, name: str, problems: list[Remark]) -> list[tuple[Any, Any]]:
    """The key/value nodes of a mapping; a key written twice is told (YAML would keep
    the last one without a word)."""
    for key, line, message in duplicate_keys(node):
        problems.append(Remark(name, line, message, key))
    return list(node.value)


def read_file(path: Path, name: str) -> tuple[PeriodFile | None, list[Remark]]:
    """Read one progress file; returns it (or None) and Dutch problems naming file and line.

    ``name`` is how messages name the file (e.g. ``voortgang/2026-Q2.yaml``). Uses
    libyaml's fast composer (builds read every quarter every time); duplicate keys,
    which a YAML loader would silently resolve, are found on the node tree.
    """
    problems: list[Remark] = []

    def problem(line: int | None, text: str, item: str = "") -> None:
        problems.append(Remark(name, line, text, item))

    readable, root = compose(path, problem)
    if not readable:
        return None, problems
    if root is None:
        problem(None, "is leeg; verwijder het of importeer een werkboek opnieuw.")
        return None, problems
    if not isinstance(root, yaml.MappingNode):
        problem(root.start_mark.line + 1, "moet beginnen met 'periode:' en de secties.")
        return None, problems
    top = {(scalar_text(k) or ""): (k, v) for k, v in _pairs(root, name, problems)}
    stem = path.stem
    if "periode" not in top:
        problem(1, f"mist 'periode:'; schrijf bovenaan 'periode: {stem}'.")
        return None, problems
    key, value = top["periode"]
    try:
        periode = parse_quarter(scalar_text(value) or "")
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
    result = PeriodFile(periode, line=key.start_mark.line + 1)
    for name_, (key, value) in top.items():
        line = key.start_mark.line + 1
        if name_ not in TOP_KEYS:
            known = ", ".join(TOP_KEYS)
            problem(line, f"onbekende sectie '{name_}' wordt niet gelezen; kies uit {known}.")
        elif name_ in FIELDS:
            _read_section(result, name_, value, name, problems)
        elif name_ == "bronnen" and isinstance(value, yaml.SequenceNode):
            for entry in value.value:
                if isinstance(entry, yaml.MappingNode):
                    result.bronnen.append(
                        {scalar_text(k) or "": scalar_text(v) or "" for k, v in entry.value}
                    )
    return result, problems


def _read_section(
    result: PeriodFile, section: str, node: yaml.Node, name: str, problems: list[Remark]
) -> None:
    def problem(line: int, text: str, item: str) -> None:
        problems.append(Remark(name, line, text, item))

    if isinstance(node, yaml.ScalarNode) and not node.value:
        return  # an empty section
    if not isinstance(node, yaml.MappingNode):
        problem(
            node.start_mark.line + 1, f"'{section}' moet een lijst van ids met waarden zijn.", ""
        )
        return
    allowed = FIELDS[section]
    for key, value in _pairs(node, name, problems):
        item_id = scalar_text(key) or ""
        line = key.start_mark.line + 1
        if not isinstance(value, yaml.MappingNode):
            problem(
                line,
                f"{item_id}: schrijf de waarden eronder, bijvoorbeeld '{allowed[0]}: …'.",
                item_id,
            )
            continue
        fields = result.items[section].setdefault(item_id, {})
        for field_key, field_value in _pairs(value, name, problems):
            field_name = scalar_text(field_key) or ""
            field_line = field_key.start_mark.line + 1
            text = scalar_text(field_value)
            if field_name not in allowed:
                problem(
                    field_line,
                    f"{item_id}: onbekend veld '{field_name}'; bij {section} horen "
                    + ", ".join(allowed)
                    + ".",
                    item_id,
                )
            elif text is None:
                problem(field_line, f"{item_id}: {field_name} moet één waarde zijn.", item_id)
            elif text:
                shown, replaced = visible(text)
                if replaced:
                    problem(
                        field_line,
                        f"{item_id}: {field_name} bevat een onzichtbaar stuurteken "
                        f"({', '.join(replaced)}) dat Word en Excel niet kunnen bewaren; het "
                        "staat er nu als zichtbaar teken. Haal het weg uit het bestand.",
                        item_id,
                    )
                fields[field_name] = Entry(shown, field_line)


#: ``2026-Q2.yaml``: the only name the build reads (and the import writes).
FILE_NAME = re.compile(r"^(\d{4})-Q([1-4])\.yaml$")


def load(directory: Path, label: str = DIRECTORY) -> tuple[list[PeriodFile], list[Remark]]:
    """Every quarter file in ``directory``, oldest first, and the problems found.

    Only ``JJJJ-Kn.yaml`` files are read. A file that looks meant as progress but is named
    otherwise (``2026-Q2.yml``, ``2026-q2.yaml``, ``notities.yaml``) is told, not skipped
    without a word; hidden files (the import's lock) and sub-folders are left alone.
    """
    files: list[PeriodFile] = []
    problems: list[Remark] = []
    if not directory.is_dir():
        if directory.exists():
            problems.append(
                Remark(
                    label,
                    None,
                    "is een bestand, maar hier hoort de map met voortgangsbestanden "
                    "(2026-Q2.yaml, …); hernoem of verplaats het bestand.",
                )
            )
        return files, problems
    for path in sorted(directory.iterdir()):
        name = f"{label}/{path.name}"
        if path.name.startswith(".") or (path.is_dir() and not FILE_NAME.match(path.name)):
            continue
        if FILE_NAME.match(path.name):
            period_file, found = read_file(path, name)
            problems += found
            if period_file is not None:
                files.append(period_file)
        elif _meant_as_progress(path.name):
            problems.append(Remark(name, None, _rename_hint(path.name)))
    files.sort(key=lambda f: f.periode)
    return files, problems


def _meant_as_progress(file_name: str) -> bool:
    stem, _, suffix = file_name.partition(".")
    return suffix.lower() in ("yaml", "yml") or bool(
        re.fullmatch(r"\d{4}-[qQkK]\d", stem) and suffix
    )


def _rename_hint(file_name: str) -> str:
    stem = file_name.partition(".")[0]
    match = re.fullmatch(r"(\d{4})-[qQkK]([1-4])", stem)
    if match:
        good = f"{match[1]}-Q{match[2]}.yaml"
        return f"wordt niet gelezen: de build leest alleen bestanden als {good}. Noem het {good}."
    return (
        "wordt niet gelezen: in deze map horen alleen voortgangsbestanden met het kwartaal "
        "als naam, zoals 2026-Q2.yaml. Hernoem het of zet het in een andere map."
    )


# --------------------------------------------------------------------------- the build


def attach(plan: Plan, srcdir: Path) -> list[Problem]:
    """Read ``srcdir/voortgang/*.yaml`` into the plan's maatregelen; return problems.

    Each problem carries the progress file as ``docname`` and its line as ``lineno``, so
    the check report shows them in its file and line columns like any other finding.
    """
    files, remarks = load(srcdir / DIRECTORY)
    problems = [_problem(r) for r in remarks]
    for period_file in files:
        name = f"{DIRECTORY}/{period_file.periode}.yaml"
        outside = _outside(plan, period_file.periode)
        if outside:
            problems.append(_problem(Remark(name, period_file.line, outside)))
            continue
        for section, expected in ((MAATREGELEN, Maatregel), (INDICATOREN, PrestatieIndicator)):
            for item_id, fields in period_file.items[section].items():
                progress, found = _progress(plan, period_file, section, expected, item_id, fields)
                problems += [_problem(Remark(name, line, text, item_id)) for line, text in found]
                if progress is not None:
                    item = plan.items[item_id]
                    item.voortgang.append(progress)  # type: ignore[attr-defined]
    return problems


def _problem(remark: Remark) -> Problem:
    # Sphinx needs a line to show a file that is not a document; a remark about the
    # whole file (empty, wrongly named) points at its first line.
    return Problem("voortgang", remark.item, remark.file, remark.line or 1, remark.text)


def is_progress_file(docname: str | None) -> bool:
    """Whether a problem's ``docname`` is a progress file rather than a document."""
    return docname == DIRECTORY or str(docname).startswith(f"{DIRECTORY}/")


def location(problem: Problem) -> str | tuple[str, int | None] | None:
    """Where a problem is, for Sphinx's logger: ``voortgang/2026-Q2.yaml:4`` for a
    progress file (not a document, so Sphinx must not turn it into a path), else
    ``(docname, line)``."""
    if is_progress_file(problem.docname):
        return f"{problem.docname}:{problem.lineno or 1}"
    return (problem.docname, problem.lineno) if problem.docname else None


def _outside(plan: Plan, periode: Quarter) -> str:
    """Why a quarter does not belong to this plan ('' when it does).

    Progress belongs to the Uitvoeringsplan's year (with Q1 of the next year for the final
    state) or at least to a year of the IVP; anything else would show on the site as the
    latest state of every item ("Status 2031-Q1").
    """
    settings = plan.settings
    jaar = settings.uitvoeringsjaar
    start, end = settings.periode
    if periode.year == jaar or (periode.year == jaar + 1 and periode.quarter == 1):
        return ""
    if start <= periode.year <= end:
        return ""
    return (
        f"kwartaal {periode} valt buiten het uitvoeringsjaar {jaar} en buiten de looptijd van "
        f"het IVP ({start}-{end}); de voortgang erin wordt niet getoond. Hernoem het bestand "
        "naar het juiste kwartaal, of verplaats het als het bij een ander plan hoort."
    )


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
    if item is None and period_file.periode.year < plan.settings.uitvoeringsjaar:
        # reported under an earlier Uitvoeringsplan (see vervolg.py); not an error.
        return None, []
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


# --------------------------------------------------------------------------- writing


def realisatie_text(value: Decimal) -> str:
    """Dutch number text without thousands dots, so YAML and readers agree: ``1234,5``."""
    return format_number(value).replace(".", "")


HEADER = (
    "# Voortgang van de maatregelen, kwartaal {periode}.\n"
    "# Bijgewerkt met 'kernbeleid voortgang importeer'. Met de hand aanpassen mag;\n"
    "# de build controleert ids, statussen en getallen.\n"
    "periode: {periode}\n"
)


def _round_trip() -> YAML:
    """ruamel.yaml in round-trip mode, laid out as the files have always been written:
    comments, order, quotes and blank lines of what an import does not change survive.
    Lines are never folded (a folded text would be rewritten on every import)."""
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 1_000_000
    rt.indent(mapping=2, sequence=2, offset=0)
    rt.allow_unicode = True
    return rt


@dataclass(frozen=True)
class Change:
    """One value an import puts into a quarter file."""

    section: str  # MAATREGELEN or INDICATOREN
    item: str
    name: str  # status, toelichting, realisatie
    value: str


def update_text(
    old_text: str | None, periode: Quarter, changes: list[Change], bron: dict[str, str]
) -> str:
    """The quarter file's new text: ``old_text`` with only ``changes`` and ``bron`` put in.

    Everything else (hand-written comments, the order of items, quoting, values the
    import does not touch) stays as it was. New items go in id order; a new file gets
    the short Dutch header.
    """
    rt = _round_trip()
    text = old_text if old_text is not None else HEADER.format(periode=periode)
    data = rt.load(text)
    in_order = {}  # section -> were its ids sorted before this import?
    for change in changes:
        section = _section(data, change.section)
        if change.section not in in_order:
            keys = [str(k) for k in section]
            in_order[change.section] = keys == sorted(keys)
        fields = section.get(change.item)
        if not isinstance(fields, CommentedMap):
            fields = CommentedMap()
            section[change.item] = fields
        if change.name in fields:
            fields[change.name] = change.value
        else:
            order = FIELDS[change.section]
            later = [k for k in fields if k in order and order.index(k) > order.index(change.name)]
            position = list(fields).index(later[0]) if later else len(fields)
            fields.insert(position, change.name, change.value)
    for name, was_sorted in in_order.items():
        if was_sorted:  # new ids go where a reader looks for them; comments move along
            section = data[name]
            for key in sorted(section, key=str):
                section.move_to_end(key)
    bronnen = data.get("bronnen")
    if not isinstance(bronnen, CommentedSeq):
        bronnen = CommentedSeq()
        data["bronnen"] = bronnen
    bronnen.append(CommentedMap(bron))
    out = io.StringIO()
    rt.dump(data, out)
    return out.getvalue()


def _section(data: CommentedMap, name: str) -> CommentedMap:
    section = data.get(name)
    if isinstance(section, CommentedMap):
        return section
    section = CommentedMap()
    if name in data:  # an empty section ('maatregelen:' with nothing under it)
        data[name] = section
        return section
    order = ["periode", MAATREGELEN, INDICATOREN]
    keys = list(data)
    position = len(keys)
    for index, key in enumerate(keys):
        if key not in order[: order.index(name) + 1]:
            position = index
            break
    data.insert(position, name, section)
    return section
