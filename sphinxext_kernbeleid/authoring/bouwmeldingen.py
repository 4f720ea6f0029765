"""Every problem of the build is a finding, told in Dutch.

docutils, Sphinx and sphinx-needs report what they drop (a misspelt directive, an
unknown or repeated option, a duplicate or invalid id, a missing file) as English
warnings, and the item or value is gone from every output. Here each such warning is
rewritten, before Sphinx prints it, into a located Dutch message naming the cause and
what to do (the sentences: :mod:`.bouwcatalogus`), and kept in the environment per
document, so the check can count it as a ``fout`` of rule ``KB-R0-bouw`` and a plan that
lost content is never raadsrijp. A rule's finding about a link to a lost item names the
lost block as its cause (:func:`with_consequences`).

How: a :class:`logging.Filter` on Sphinx's warning handler (public ``logging`` API, no
patching). It runs in the main process: warnings of parallel readers are replayed
there, and warnings of the reading phase are flushed after reading, before the
environment is pickled. Problems are stored per document and purged when a document is
read again (``env-purge-doc``), so an incremental build keeps those of unchanged
documents. Problems found in reader processes (a missing ``:id:``, a file that is not
UTF-8: :mod:`.bronbestanden`) come back through ``env-merge-info``.
"""

from __future__ import annotations

import logging as std_logging
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.logging import NAMESPACE, WarningStreamHandler, WarningSuppressor

if TYPE_CHECKING:
    from ..check.gevolgen import LostBlock
    from ..check.ruleset import Finding

# The sentences (bouwcatalogus, tekstmeldingen, mystbron) are imported where a warning is
# translated: every build sets this module up, most builds have nothing to translate
# (tests/test_import_cost.py).

#: Still importable from here, where they lived before the catalogue had its own module.
_MOVED = ("id_problem", "missing_id_message", "nearest", "options_of")


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        from . import bouwcatalogus

        return getattr(bouwcatalogus, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


logger = logging.getLogger(__name__)

ENV_KEY = "kernbeleid_bouwmeldingen"


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


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return []


_RST_DIRECTIVE_LINE = re.compile(r"^\s*\.\.\s+([\w-]+)::\s*(.*)$")
_RST_ID = re.compile(r"\s+:id:\s*(\S+)")


def _directive_at(path: Path | None, lineno: int | None) -> tuple[str, str, str]:
    """(directive, title, id) of the directive starting at ``lineno`` in ``path`` (rst or MyST)."""
    if path is None or not lineno:
        return "", "", ""
    lines = _lines(path)
    if not 0 < lineno <= len(lines):
        return "", "", ""
    if path.suffix.lower() == ".md":
        from . import mystbron

        fence = mystbron.FENCE.match(lines[lineno - 1])
        info = mystbron.DIRECTIVE_INFO.match(fence["info"]) if fence else None
        if info is None:
            return "", "", ""
        options = {k: v for _l, k, v in mystbron.options_below(lines, lineno - 1)}
        return info["name"], info["title"].strip(), options.get("id", "")
    match = _RST_DIRECTIVE_LINE.match(lines[lineno - 1])
    if not match:
        return "", "", ""
    need_id = ""
    for line in lines[lineno:]:
        if not line.strip() or not line[:1].isspace():
            break
        if option := _RST_ID.match(line):
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


def translate(env: BuildEnvironment, record: std_logging.LogRecord) -> BuildProblem | None:
    """The Dutch finding for an English warning, or None when it is not about the plan."""
    kind = getattr(record, "type", "") or ""
    if kind == "kernbeleid":
        return None
    from . import bouwcatalogus  # with every entry (tekstmeldingen registers its own)

    try:
        text = record.getMessage()
    except Exception:
        text = str(record.msg)
    where = _Where(env, getattr(record, "location", None))
    directive, title, need_id = _directive_at(where.path, where.lineno)
    about = bouwcatalogus.About(
        directive,
        title,
        need_id,
        file=where.path.name if where.path else "",
        markdown=bool(where.path and where.path.suffix.lower() == ".md"),
        place=lambda defined_at: _place(env, defined_at),
    )
    if getattr(record, "subtype", "") == "not_included":
        text = "document isn't included in any toctree"
    dutch = bouwcatalogus.translate_text(text, about)
    need = dutch.need if dutch.need is not None else need_id or None
    return BuildProblem(where.docname, where.lineno, dutch.message, need, kind or "bouw")


def _place(env: BuildEnvironment, defined_at: str) -> str:
    """``verloren.rst:22`` for sphinx-needs' ``verloren:22`` (a docname and a line)."""
    docname, _, line = defined_at.rpartition(":")
    if not line.isdigit():
        docname, line = defined_at, ""
    try:
        file = Path(env.doc2path(docname, base=False)).as_posix()
    except Exception:
        file = docname
    return file + (f":{line}" if line else "")


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
        if problem.docname is None and problem.need and self.app in _NEEDS_RESOLVED:
            # A message about an item that names no place (sphinx-needs' schema check):
            # the item's own file and line, in the message as in the finding.
            problem = _at_item(self.app, problem)
            if problem.docname is not None:
                record.location = (problem.docname, problem.lineno)
        record._kernbeleid_done = True
        record.msg, record.args = problem.message, ()
        # Kept only while reading: a document's problems then live until it is read
        # again. Later warnings (consistency, writing) are told, not kept: they come
        # back in every build, and a kept one could outlive its cause in another file.
        if self.app.phase == BuildPhase.READING:
            remember(env, problem)
        return True


#: The builds whose needs sphinx-needs has resolved. Only then is an item looked up for a
#: message: asked for earlier, sphinx-needs would start resolving them from inside a
#: message it gave while resolving them (its flag is set only when it is done).
_NEEDS_RESOLVED: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def _needs_resolved(app: Sphinx, _needs: object) -> None:
    _NEEDS_RESOLVED.add(app)


def _build_finished(app: Sphinx, _exception: BaseException | None) -> None:
    _NEEDS_RESOLVED.discard(app)  # sphinx-needs resolves them again in the next build


def _at_item(app: Sphinx, problem: BuildProblem) -> BuildProblem:
    """``problem`` placed where its item is written (its needs are resolved by now)."""
    from sphinx_needs.api import get_needs_view

    try:
        need = get_needs_view(app)[problem.need or ""]
        docname, lineno = need["docname"], need["lineno"]
    except Exception:  # no such item, or no place: the message stays as it is
        return problem
    return replace(problem, docname=docname or None, lineno=lineno or None)


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
    from . import bouwcatalogus

    included: set[str] = set().union(*env.included.values())
    out = []
    for docname in sorted(env.found_docs):
        if docname == root_doc or docname in included or docname in env.files_to_rebuild:
            continue
        if "orphan" in env.metadata.get(docname, {}):
            continue
        out.append(
            BuildProblem(
                docname,
                None,
                bouwcatalogus.not_in_toctree_message(Path(env.doc2path(docname)).name),
            )
        )
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
    from . import bouwcatalogus

    message = bouwcatalogus.duplicate_message(problem.need, _place(env, where))
    return BuildProblem(problem.docname, problem.lineno, message, problem.need, problem.kind)


def lost_blocks(env: BuildEnvironment, plan: Any) -> list[LostBlock]:
    """The blocks with an id that the build did not read, with the ids they link to and
    the item type their (misspelt) directive name is nearest to (for :mod:`..check.gevolgen`)."""
    import difflib

    from ..check.gevolgen import LostBlock, links_in_block
    from ..model.needtypes import TYPE_TITLES

    out = []
    for problem in stored(env):
        if not problem.need or problem.need in plan.items or not problem.docname:
            continue
        try:
            path: Path | None = Path(env.doc2path(problem.docname))
        except Exception:
            path = None
        lines = _lines(path) if path is not None else []
        directive = _directive_at(path, problem.lineno)[0]
        near = difflib.get_close_matches(directive, list(TYPE_TITLES), n=1, cutoff=0.6)
        file = _place(env, problem.docname)
        out.append(
            LostBlock(
                problem.need,
                file,
                problem.lineno,
                links_in_block(lines, problem.lineno),
                near[0] if near else None,
            )
        )
    return out


#: A rule's finding about a link whose target does not exist (KB-R6).
_LINK_TO_NOTHING = re.compile(
    r"^(?P<head>.*':[\w-]+: (?P<target>[^']+)' )verwijst naar een id dat niet bestaat\.", re.S
)


def with_consequences(env: BuildEnvironment, plan: Any, findings: list[Finding]) -> list[Finding]:
    """A link to an item the build lost says so and names the lost block.

    The fout stays at the link (it is where the writer reads it), but points at its cause:
    fixing the lost block fixes both.
    """
    lost = {p.need: p for p in stored(env) if p.need and p.need not in plan.items}
    if not lost:
        return findings
    out = []
    for finding in findings:
        match = _LINK_TO_NOTHING.match(finding.message)
        problem = lost.get(match["target"]) if match else None
        if match and problem is not None:
            where = _place(env, f"{problem.docname}:{problem.lineno or ''}".rstrip(":"))
            finding = replace(
                finding,
                message=(
                    f"{match['head']}verwijst naar {match['target']}, maar dat blok ontbreekt "
                    f"in het plan: het wordt in {where} niet gelezen (zie de fout daar). Dit is "
                    f"daar een gevolg van en verdwijnt als dat blok verbeterd is."
                ),
            )
        out.append(finding)
    return out


def setup(app: Sphinx) -> None:
    install(app)
    # sphinx-needs' last step before it marks its needs resolved (registered by it, set up
    # before us).
    app.connect("needs-before-sealing", _needs_resolved)
    app.connect("build-finished", _build_finished)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-before-read-docs", _forget_global)
