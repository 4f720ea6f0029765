"""Every problem of the build is a finding, told in Dutch.

docutils, Sphinx and sphinx-needs report what they drop (a misspelt directive, an
unknown or repeated option, a duplicate or invalid id, a missing file) as English
warnings, and the item or value is gone from every output. Here each such warning is
rewritten, before Sphinx prints it, into a located Dutch message naming the cause and
what to do, and kept in the environment per document, so the check can count it as a
``fout`` of rule ``KB-R0-bouw`` and a plan that lost content is never raadsrijp.

How: a :class:`logging.Filter` on Sphinx's warning handler (public ``logging`` API, no
patching). It runs in the main process: warnings of parallel readers are replayed
there, and warnings of the reading phase are flushed after reading, before the
environment is pickled. Problems are stored per document and purged when a document is
read again (``env-purge-doc``), so an incremental build keeps those of unchanged
documents. Problems found in reader processes (a missing ``:id:``, a file that is not
UTF-8: :mod:`.bronbestanden`) come back through ``env-merge-info``.
"""

from __future__ import annotations

import difflib
import logging as std_logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.logging import NAMESPACE, WarningStreamHandler, WarningSuppressor

from ..model.needtypes import FIELDS, LINKS, NEED_TYPES, TYPE_TITLES

logger = logging.getLogger(__name__)

ENV_KEY = "kernbeleid_bouwmeldingen"

OUR_DIRECTIVES = tuple(t.directive for t in NEED_TYPES) + (
    "kernbeleid-plattegrond",
    "kernbeleid-maatregelen",
    "kernbeleid-indicatoren",
    "kernbeleid-matrix",
)
#: Directives a plan commonly uses besides ours, for "bedoelt u …?".
COMMON_DIRECTIVES = (
    "toctree",
    "note",
    "warning",
    "tip",
    "important",
    "admonition",
    "image",
    "figure",
    "table",
    "list-table",
    "csv-table",
    "include",
    "contents",
    "topic",
    "sidebar",
    "rubric",
    "glossary",
    "only",
    "raw",
    "code-block",
    "needtable",
    "needlist",
    "needflow",
)
#: Options every Kernbeleid item accepts besides its fields and links.
CORE_OPTIONS = ("id", "status", "tags", "collapse", "hide", "layout", "style", "afwijking")


@dataclass(frozen=True)
class BuildProblem:
    """A located Dutch message about something the build dropped or could not read."""

    docname: str | None
    lineno: int | None
    message: str
    need: str | None = None
    kind: str = "bouw"


# --------------------------------------------------------------------------- env storage


def _store(env: BuildEnvironment) -> dict[str, list[BuildProblem]]:
    store = getattr(env, ENV_KEY, None)
    if store is None:
        store = {}
        setattr(env, ENV_KEY, store)
    return store


def remember(env: BuildEnvironment, problem: BuildProblem) -> None:
    """Keep ``problem`` with its document until that document is read again."""
    mine = _store(env).setdefault(problem.docname or "", [])
    if problem not in mine:
        mine.append(problem)


def purge(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def merge(
    _app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    """Problems a parallel reader found in its documents join the main environment."""
    theirs = getattr(other, ENV_KEY, {})
    for docname in docnames:
        for problem in theirs.get(docname, []):
            remember(env, problem)


def stored(env: BuildEnvironment) -> list[BuildProblem]:
    return [p for problems in _store(env).values() for p in problems]


def _forget_global(_app: Sphinx, env: BuildEnvironment, *_args: object) -> None:
    """Problems without a document belong to one build only."""
    _store(env).pop("", None)


# --------------------------------------------------------------------------- names


def nearest(name: str, candidates: Iterable[str], n: int = 2) -> list[str]:
    """Valid names that look like ``name``: close spellings, or names ending in it."""
    candidates = list(dict.fromkeys(candidates))
    low = name.lower()
    parts = [c for c in candidates if low and (c.split("_")[-1] == low or c.endswith("_" + low))]
    close = difflib.get_close_matches(low, candidates, n=n, cutoff=0.7)
    return list(dict.fromkeys([*parts, *close]))[: max(n, len(parts))]


def _or(names: list[str], fmt: str = "'{}'") -> str:
    shown = [fmt.format(n) for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " of " + shown[-1]


def options_of(directive: str) -> list[str]:
    return [*CORE_OPTIONS, *FIELDS, *LINKS] if directive in TYPE_TITLES else list(CORE_OPTIONS)


_SCRIPTS = {"CYRILLIC": "Cyrillische", "GREEK": "Griekse"}


def id_problem(need_id: str) -> str:
    """Why an id is refused, naming a look-alike letter (Cyrillic О for Latin O)."""
    for char in need_id:
        if char.isascii():
            continue
        try:
            name = unicodedata.name(char)
        except ValueError:
            name = ""
        script = next((dutch for key, dutch in _SCRIPTS.items() if name.startswith(key)), None)
        look = name.rsplit(" ", 1)[-1] if name else ""
        if script and len(look) == 1:
            return (
                f"bevat de {script} letter '{char}', die lijkt op de Latijnse '{look}' maar "
                f"een ander teken is. Typ de letter opnieuw als gewone '{look}'"
            )
        return f"bevat het teken '{char}', dat niet in een id mag. Gebruik alleen A-Z, 0-9 en _"
    if need_id != need_id.upper():
        return (
            f"bevat kleine letters; een id bestaat uit hoofdletters, cijfers en _. "
            f"Schrijf '{need_id.upper()}'"
        )
    if need_id[:1].isdigit() or need_id[:1] == "_":
        return "begint niet met een letter. Laat het id met een hoofdletter beginnen, bijv. MR_"
    return "mag alleen hoofdletters A-Z, cijfers en _ bevatten"


# --------------------------------------------------------------------------- locations


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return []


_DIRECTIVE_LINE = re.compile(r"^\s*\.\.\s+([\w-]+)::\s*(.*)$")


def _directive_at(path: Path | None, lineno: int | None) -> tuple[str, str, str]:
    """(directive, title, id) of the directive starting at ``lineno`` in ``path``."""
    if path is None or not lineno:
        return "", "", ""
    lines = _lines(path)
    if not 0 < lineno <= len(lines):
        return "", "", ""
    match = _DIRECTIVE_LINE.match(lines[lineno - 1])
    if not match:
        return "", "", ""
    need_id = ""
    for line in lines[lineno:]:
        if not line.strip() or not line[:1].isspace():
            break
        option = re.match(r"\s+:id:\s*(\S+)", line)
        if option:
            need_id = option[1]
    return match[1], match[2].strip(), need_id


class _Where:
    """A warning's location as (docname, lineno, path), whatever form Sphinx gave it."""

    def __init__(self, env: BuildEnvironment, location: Any) -> None:
        self.docname: str | None = None
        self.lineno: int | None = None
        self.path: Path | None = None
        if isinstance(location, tuple) and len(location) == 2:
            self.docname, self.lineno = location[0] or None, location[1] or None
        elif isinstance(location, nodes.Node):
            source, node_line = get_source_line(location)
            self._from_path(env, source)
            self.lineno = node_line
        elif isinstance(location, str) and location:
            path, sep, line = location.rpartition(":")
            if sep and line.isdigit():
                self._from_path(env, path)
                self.lineno = int(line)
            elif sep and not line:
                self._from_path(env, path)
            else:
                self.docname = location
        if self.docname and self.path is None:
            try:
                self.path = Path(env.doc2path(self.docname))
            except Exception:
                self.path = None

    def _from_path(self, env: BuildEnvironment, source: str | None) -> None:
        if not source:
            return
        source = source.split(":<", 1)[0]  # "file.rst:<included …>"
        self.path = Path(source)
        try:
            self.docname = env.path2doc(source)
        except Exception:
            self.docname = None


# --------------------------------------------------------------------------- translation


def _label(directive: str, title: str, need_id: str) -> str:
    kind = TYPE_TITLES.get(directive, f"'.. {directive}::'" if directive else "het item")
    if directive in TYPE_TITLES:
        kind = kind.lower() if kind != "Prestatie-indicator" else "prestatie-indicator"
    if need_id:
        return f"{kind} {need_id}"
    if title:
        return f"{kind} '{title}'"
    return kind


def translate(env: BuildEnvironment, record: std_logging.LogRecord) -> BuildProblem | None:
    """The Dutch finding for an English warning, or None when it is not about the plan."""
    kind = getattr(record, "type", "") or ""
    subtype = getattr(record, "subtype", "") or ""
    if kind == "kernbeleid":
        return None
    try:
        text = record.getMessage()
    except Exception:
        text = str(record.msg)
    where = _Where(env, getattr(record, "location", None))
    first, _, rest = text.partition("\n")
    directive, title, need_id = _directive_at(where.path, where.lineno)
    label = _label(directive, title, need_id)
    need = need_id or None

    def found(message: str, found_need: str | None = need) -> BuildProblem:
        return BuildProblem(where.docname, where.lineno, message, found_need, kind or "bouw")

    if m := re.match(r'Unknown directive type "([^"]+)"', first):
        name = m[1]
        near = nearest(name, [*OUR_DIRECTIVES, *COMMON_DIRECTIVES], n=1)
        hint = f"; bedoelt u '{near[0]}'?" if near else "."
        what = f" (met id {need_id})" if need_id else ""
        return found(
            f"'{name}' is geen onderdeel{hint} Het blok '.. {name}::'{what} ontbreekt daardoor "
            f"in het plan. Verbeter de naam."
        )
    if m := re.match(r"Unknown option '([^']+)'", first):
        option = m[1]
        near = nearest(option, options_of(directive))
        hint = f"; bedoelt u {_or(near, ':{}:')}?" if near else "."
        return found(
            f"onbekende optie ':{option}:' bij {label}{hint} De waarde ontbreekt daardoor in het "
            f"plan. Verbeter de naam van de optie."
        )
    if m := re.match(r'Error in "([^"]+)" directive:', first):
        name = m[1]
        detail = rest.split("\n\n", 1)[0].strip()
        if d := re.search(r'duplicate option "([^"]+)"', detail):
            return found(
                f"optie ':{d[1]}:' staat twee keer bij {label}; daardoor ontbreekt de hele "
                f"{label} in het plan. Laat één ':{d[1]}:' staan."
            )
        if d := re.search(r'unknown option: "([^"]+)"', detail):
            near = nearest(d[1], options_of(name))
            hint = f"; bedoelt u {_or(near, ':{}:')}?" if near else "."
            return found(
                f"onbekende optie ':{d[1]}:' bij {label}{hint} Het blok ontbreekt daardoor in "
                f"het plan. Verbeter de naam van de optie."
            )
        if re.search(r"argument\(s\) required, 0 supplied", detail):
            return found(
                f"bij '.. {name}::' ontbreekt wat erachter hoort (bijv. een titel of naam); het "
                f"blok ontbreekt daardoor in het plan. Schrijf het achter '.. {name}::'."
            )
        if "no content permitted" in detail:
            return found(
                f"'.. {name}::' mag geen tekst eronder hebben; het blok ontbreekt daardoor in "
                f"het plan. Haal de ingesprongen tekst weg of zet er een lege regel voor."
            )
        return found(
            f"'.. {name}::' kon niet worden gelezen ({detail}); het blok ontbreekt daardoor in "
            f"het plan. Controleer de opties en de inspringing."
        )
    if m := re.match(r"Need could not be created: (.*)", first):
        reason = m[1]
        if d := re.match(
            r"A need with ID '([^']+)' already exists(?: \(defined at ([^)]+)\))?", reason
        ):
            return found(_duplicate_message(env, d[1], d[2], label), d[1])
        if d := re.match(r"Given ID '([^']*)' does not match", reason):
            return found(
                f"id '{d[1]}' van {_label(directive, title, '')} {id_problem(d[1])}. Het item "
                f"ontbreekt tot dan in het plan."
            )
        if "No ID defined" in reason:
            return found(missing_id_message(directive, title))
        return found(
            f"{label} kon niet worden gemaakt en ontbreekt in het plan ({reason}). Controleer "
            f"de opties."
        )
    if m := re.match(r"A need with ID (\S+) already exists", first):
        return found(_duplicate_message(env, m[1], None, label), m[1])
    if first.startswith("No title given"):
        return found(
            f"{label} heeft geen titel. Schrijf de titel achter '.. {directive or 'maatregel'}::'."
        )
    if m := re.match(r'Problems with "include" directive path', first):
        file = re.search(r"'([^']+)'", rest)
        name = Path(file[1]).name if file else "het bestand"
        return found(
            f"'{name}' uit '.. include::' bestaat niet of is niet te lezen; die tekst ontbreekt "
            f"in het plan. Controleer de bestandsnaam en of het bestand bestaat."
        )
    if subtype == "not_included" or first.startswith("document isn't included in any toctree"):
        return found(not_in_toctree_message(where.path))
    if m := re.match(r"toctree contains reference to nonexisting document '([^']+)'", first):
        return found(
            f"de inhoudsopgave (toctree) noemt '{m[1]}', maar dat document bestaat niet; dat "
            f"hoofdstuk ontbreekt in het plan. Controleer de naam (zonder .rst)."
        )
    if m := re.match(r"Unknown interpreted text role \"([^\"]+)\"", first):
        return found(
            f"':{m[1]}:' is geen bekende rol; die tekst wordt niet goed getoond. Verbeter de "
            f"naam of haal de rol weg."
        )
    english = " ".join(first.split())
    return found(
        f'de bouw meldt een probleem dat de toets niet kan vertalen: "{english}". Los het op; '
        f"tot dan kan er tekst ontbreken in het plan."
    )


def _duplicate_message(
    env: BuildEnvironment, need_id: str, defined_at: str | None, label: str
) -> str:
    where = ""
    if defined_at:
        docname, _, line = defined_at.rpartition(":")
        if not line.isdigit():
            docname, line = defined_at, ""
        try:
            file = Path(env.doc2path(docname, base=False)).as_posix()
        except Exception:
            file = docname
        where = f" in {file}" + (f":{line}" if line else "")
    return (
        f"id {need_id} bestaat al{where}; dit tweede item met hetzelfde id ontbreekt daardoor "
        f"in het plan. Geef het een eigen id."
    )


def missing_id_message(directive: str, title: str) -> str:
    prefix = next((t.prefix for t in NEED_TYPES if t.directive == directive), "MR_")
    kind = TYPE_TITLES.get(directive, directive).lower()
    return (
        f"{kind} '{title}' heeft geen ':id:'. Geef elk item een vast id, bijv. ':id: "
        f"{prefix}…'; zonder id verzint de bouw er een dat verandert als de titel verandert, "
        f"zodat voortgang en koppelingen loslaten."
    )


def not_in_toctree_message(path: Path | None) -> str:
    name = path.name if path else "het document"
    return (
        f"{name} staat in geen enkele inhoudsopgave (toctree); lezers van de site vinden het "
        f"niet en de Word-documenten missen het. Neem het op in een toctree (bijv. in "
        f"index.rst) of zet ':orphan:' bovenaan het bestand als dat zo bedoeld is."
    )


# --------------------------------------------------------------------------- the filter


class DutchWarnings(std_logging.Filter):
    """Rewrites each warning of the build into Dutch and remembers it as a finding."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: std_logging.LogRecord) -> bool:
        if getattr(record, "_kernbeleid_done", False):
            return True
        env = getattr(self.app, "env", None)
        if env is None:
            return True
        try:
            problem = translate(env, record)
        except Exception:  # never let a message about a problem become a crash
            return True
        if problem is None:
            return True
        record._kernbeleid_done = True
        record.msg, record.args = problem.message, ()
        # Kept only while reading: a document's problems then live until it is read
        # again. Later warnings (consistency, writing) are told, not kept: they come
        # back in every build, and a kept one could outlive its cause in another file.
        if self.app.phase == BuildPhase.READING:
            remember(env, problem)
        return True


def install(app: Sphinx) -> None:
    """Put the Dutch filter on Sphinx's warning handler, after its suppression filter.

    After ``WarningSuppressor``, so ``suppress_warnings`` still silences a warning
    entirely; before the translator that turns the location into a path and adds the
    ``[type.subtype]`` tag, so we see the location as given.
    """
    for handler in std_logging.getLogger(NAMESPACE).handlers:
        if not isinstance(handler, WarningStreamHandler):
            continue
        if any(isinstance(f, DutchWarnings) for f in handler.filters):
            continue
        position = next(
            (i + 1 for i, f in enumerate(handler.filters) if isinstance(f, WarningSuppressor)), 0
        )
        handler.filters.insert(position, DutchWarnings(app))


def not_in_toctree(env: BuildEnvironment, root_doc: str) -> list[BuildProblem]:
    """Documents no toctree includes (Sphinx's own consistency check, as findings)."""
    included: set[str] = set().union(*env.included.values())
    out = []
    for docname in sorted(env.found_docs):
        if docname == root_doc or docname in included or docname in env.files_to_rebuild:
            continue
        if "orphan" in env.metadata.get(docname, {}):
            continue
        out.append(BuildProblem(docname, None, not_in_toctree_message(Path(env.doc2path(docname)))))
    return out


def all_problems(app: Sphinx, plan: Any = None) -> list[BuildProblem]:
    """What the build lost, for the check: stored problems and unlisted documents.

    A duplicate id found while merging parallel readers is reported by sphinx-needs
    without the place of the item that stayed; the plan knows it.
    """
    problems = stored(app.env)
    if plan is not None:
        problems = [_with_place_of_duplicate(app.env, p, plan) for p in problems]
    return [*problems, *not_in_toctree(app.env, app.config.root_doc)]


def _with_place_of_duplicate(
    env: BuildEnvironment, problem: BuildProblem, plan: Any
) -> BuildProblem:
    if problem.need is None or f"id {problem.need} bestaat al;" not in problem.message:
        return problem
    kept = plan.items.get(problem.need)
    if kept is None or not kept.docname:
        return problem
    where = f"{kept.docname}:{kept.lineno}" if kept.lineno else kept.docname
    message = _duplicate_message(env, problem.need, where, "")
    return BuildProblem(problem.docname, problem.lineno, message, problem.need, problem.kind)


def setup(app: Sphinx) -> None:
    install(app)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-before-read-docs", _forget_global)
