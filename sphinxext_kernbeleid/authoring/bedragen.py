"""Amounts the writer typed: hand-written tables and sentences with euros, for the check.

Collected while reading (``doctree-read``), before the overview directives are filled, so
only what a writer wrote is seen, never a computed table. Kept per document in the
environment (purged and merged like every per-document store), then judged by
:mod:`..check.rekenwerk` once the plan is complete.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

if TYPE_CHECKING:  # every build sets this module up; the rules load when reading or checking
    from ..check.rekenwerk import WrittenTable, WrittenText
    from ..check.ruleset import Finding
    from ..model.plan import Plan

_ENV_KEY = "kernbeleid_bedragen"

Store = dict[str, tuple[list["WrittenTable"], list["WrittenText"]]]


def _store(env: BuildEnvironment) -> Store:
    store: Store | None = getattr(env, _ENV_KEY, None)
    if store is None:
        store = {}
        setattr(env, _ENV_KEY, store)
    return store


def _line(node: nodes.Node) -> int | None:
    """The node's source line, or its nearest ancestor's (list-table cells have none)."""
    current: nodes.Node | None = node
    while current is not None:
        if getattr(current, "line", None):
            return current.line
        current = current.parent
    return None


def _first_line(node: nodes.Element) -> int | None:
    """The line of the first paragraph inside ``node`` (a row's or a table's cells have
    no line of their own; their paragraphs do)."""
    for para in node.findall(nodes.paragraph):
        if para.line:
            return para.line
    return None


def _table(docname: str, table: nodes.table) -> WrittenTable | None:
    from ..check.rekenwerk import AMOUNT, WrittenRow, WrittenTable

    title_node = next((t for t in table.children if isinstance(t, nodes.title)), None)
    title = title_node.astext() if title_node is not None else ""
    header: tuple[str, ...] = ()
    rows: list[WrittenRow] = []
    for part in table.findall(lambda n: isinstance(n, (nodes.thead, nodes.tbody))):
        for row in part.children:
            if not isinstance(row, nodes.row):
                continue
            cells = tuple(entry.astext().strip() for entry in row.children)
            if isinstance(part, nodes.thead):
                header = header or cells
            else:
                rows.append(WrittenRow(_first_line(row), cells))
    if not any(AMOUNT.search(c) or c[:1].isdigit() for r in rows for c in r.cells):
        return None
    line = (title_node.line if title_node is not None else None) or _first_line(table)
    return WrittenTable(docname, line, title, header, tuple(rows))


def collect(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the document's tables with figures and its sentences with amounts."""
    from ..check.rekenwerk import AMOUNT, WrittenText

    docname = app.env.docname
    tables = [
        t for node in doctree.findall(nodes.table) if (t := _table(docname, node)) is not None
    ]
    texts = [
        WrittenText(docname, _line(para), para.astext())
        for para in doctree.findall(nodes.paragraph)
        if not _in_table(para) and AMOUNT.search(para.astext())
    ]
    store = _store(app.env)
    if tables or texts:
        store[docname] = (tables, texts)
    else:
        store.pop(docname, None)


def _in_table(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.table):
            return True
        parent = parent.parent
    return False


def purge(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)


def merge(_app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    mine, theirs = _store(env), _store(other)
    for docname in docnames:
        if docname in theirs:
            mine[docname] = theirs[docname]


def check(env: BuildEnvironment, plan: Plan) -> list[Finding]:
    """The arithmetic findings of every document (KB-R8-budget)."""
    from ..check.rekenwerk import findings

    store = _store(env)

    tables = [t for docname in sorted(store) for t in store[docname][0]]
    texts = [t for docname in sorted(store) for t in store[docname][1]]
    return findings(plan, tables, texts)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", collect)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
