"""Tables of the guide made from the catalogue at build time, so they can never disagree.

``{catalogus-tabel} themas`` lists the 22 themes with their field and sources,
``{catalogus-tabel} aspecten`` the six aspects of field 1, ``{catalogus-tabel} bronnen`` the
sources of effect information. The data is ``sphinxext_kernbeleid/data/catalogus.yaml``,
read through ``sphinxext_kernbeleid.model.catalogue`` as the extension itself reads it.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import sphinxext_kernbeleid
from sphinxext_kernbeleid.model import catalogue


def _literal(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.literal(text, text))


def _cell(content: str | nodes.Node) -> nodes.entry:
    node = nodes.paragraph(content, content) if isinstance(content, str) else content
    return nodes.entry("", node)


def _table(header: list[str], rows: list[list[str | nodes.Node]], name: str) -> nodes.table:
    table = nodes.table(classes=["kb-catalogus", f"kb-catalogus-{name}"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in header)
    head = nodes.thead()
    head += nodes.row("", *(_cell(h) for h in header))
    body = nodes.tbody()
    body.extend(nodes.row("", *(_cell(c) for c in row)) for row in rows)
    group += head
    group += body
    return table


def themes_table() -> nodes.table:
    cat = catalogue.load()
    rows: list[list[str | nodes.Node]] = []
    for veld in cat.fields:
        for theme in veld.themes:
            bronnen = nodes.paragraph()
            for i, bron in enumerate(theme.bronnen):
                if i:
                    bronnen += nodes.Text(", ")
                bronnen += nodes.literal(bron, bron)
            rows.append([_literal(theme.code), theme.naam, f"{veld.code} {veld.naam}", bronnen])
    return _table(
        ["code", "thema", "veiligheidsveld", "bronnen van effectinformatie"], rows, "themas"
    )


def aspects_table() -> nodes.table:
    cat = catalogue.load()
    rows: list[list[str | nodes.Node]] = [[_literal(a.code), a.naam] for a in cat.aspects]
    return _table(["code", "aspect van de aanpak (veld 1)"], rows, "aspecten")


def sources_table() -> nodes.table:
    cat = catalogue.load()
    rows: list[list[str | nodes.Node]] = [
        [_literal(bron), naam] for bron, naam in cat.sources.items()
    ]
    return _table(["bron (schrijf dit)", "betekenis"], rows, "bronnen")


CATALOGUE_FILE = Path(sphinxext_kernbeleid.__file__).parent / "data" / "catalogus.yaml"

TABLES = {"themas": themes_table, "aspecten": aspects_table, "bronnen": sources_table}


class CatalogusTabel(SphinxDirective):
    """``{catalogus-tabel} themas|aspecten|bronnen``: one table from the catalogue."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        which = self.arguments[0]
        if which not in TABLES:
            raise self.error(f"catalogus-tabel: kies uit {', '.join(TABLES)}, niet {which!r}")
        # The page is rebuilt when the catalogue changes.
        self.env.note_dependency(str(CATALOGUE_FILE))
        return [TABLES[which]()]


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("catalogus-tabel", CatalogusTabel)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
