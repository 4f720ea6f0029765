"""A Word document written in parts (builders/docx/stukken) is the same document, byte for
byte, as one written whole; the accessibility check says the same about it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from sphinxext_kernbeleid.builders.docx import stukken


def _plan() -> str:
    parts = ["Plan\n====\n\nInleiding van het plan, kort.\n"]
    for number in range(1, 31):
        parts.append(f"\nHoofdstuk {number}\n" + "-" * (10 + len(str(number))) + "\n")
        parts.append(
            ""
            if number > 26
            else f"\nDe tekst van hoofdstuk {number} beschrijft de aanpak in de periode 2026-2029 "
            "met genoeg woorden om een paar regels te vullen.\n"
        )
        if number == 2:
            # Early in the document: a bold line that is no heading, a table whose first
            # row is not marked as header row (accessibility findings) and a footnote
            # that is referenced much later.
            parts.append("\n**Alleen vet**\n")
            parts.append("\n.. list-table::\n\n   * - een\n     - twee\n   * - drie\n     - vier\n")
            parts.append("\n.. [#later] Een voetnoot die verderop wordt gebruikt.\n")
        if number == 25:
            parts.append("\nHier staat de verwijzing naar de voetnoot [#later]_.\n")
        if number % 5 == 0 or number > 26:  # the last four: one landscape section
            columns = 9
            header = "\n".join(
                f"     - Kolomkop{index} met een-lang-woord-zonder-afbreking"
                for index in range(1, columns)
            )
            row = "\n".join(
                f"     - waarde-{number}-{index}-met-veel-tekens" for index in range(1, columns)
            )
            parts.append(
                f"\n.. list-table:: Brede tabel {number}\n   :header-rows: 1\n\n"
                f"   * - Kolomkop0\n{header}\n   * - eerste\n{row}\n"
            )
        if number in (7, 12):
            # A long table (it may break between rows: only its header row keeps with
            # the first) with one row longer than a third of a page (that row may break).
            rows = "".join(
                f"   * - Rij {row}\n     - "
                + ("een lange cel met heel veel woorden " * (60 if row == 3 else 1))
                + "\n"
                for row in range(1, 31)
            )
            parts.append(
                f"\n.. list-table:: Lange tabel {number}\n   :header-rows: 1\n\n"
                f"   * - Rij\n     - Tekst\n{rows}"
            )
        if number > 26:
            continue  # a chapter ending in a wide table, the next starting with one
        for paragraph in range(4):
            parts.append(
                f"\nAlinea {paragraph} van hoofdstuk {number}: nog wat tekst om de pagina "
                "te vullen.\n"
            )
        parts.append(
            "\n.. list-table:: Gegevens\n   :header-rows: 1\n\n"
            "   * - Naam\n     - Waarde\n"
            f"   * - Hoofdstuk\n     - {number}\n"
        )
    return "".join(parts)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name != "docProps/core.xml"  # the time of writing
        }


def test_a_document_written_in_parts_is_the_same_document(project, monkeypatch) -> None:
    project.write("index.rst", _plan())
    project.conf('\nkernbeleid_docx_pdf = False\nsuppress_warnings = ["kernbeleid.regel"]\n')
    monkeypatch.setattr(stukken, "IN_PARTS", False)
    whole = project.build("kernbeleid-docx", out="heel")
    cuts: list[int] = []
    finish = stukken.Parts._finish_before

    def counted(self: stukken.Parts, cut: int) -> None:
        cuts.append(cut)
        finish(self, cut)

    monkeypatch.setattr(stukken, "IN_PARTS", True)
    monkeypatch.setattr(stukken, "SMALLEST", 8)
    monkeypatch.setattr(stukken.Parts, "_finish_before", counted)
    from sphinxext_kernbeleid.writers.docx import table_as_text

    as_text: list[table_as_text.TableAsText] = []
    xml = table_as_text.TableAsText.xml

    def written(self: table_as_text.TableAsText, openings: dict) -> str:
        as_text.append(self)
        return xml(self, openings)

    monkeypatch.setattr(table_as_text.TableAsText, "xml", written)
    in_parts = project.build("kernbeleid-docx", out="delen")
    assert whole.status == in_parts.status == 0
    documents = sorted(whole.outdir.glob("*.docx"))
    assert documents
    for document in documents:
        assert _parts(document) == _parts(in_parts.outdir / document.name), document.name
    assert len([cut for cut in cuts if cut]) >= 5  # really written in several parts
    # Tables kept as text until their part was written out, changed by every page rule:
    # kept whole, kept by the header row, a row let break, header rows in whole words.
    assert len(as_text) >= 20
    assert any(table._breaks for table in as_text)
    assert sum(1 for table in as_text if len(table.rows) > 20 and table._flags) >= 2
    # The check over the whole document still reports what was in an early part.
    assert whole.warnings.replace("heel", "delen") == in_parts.warnings
    assert "'Alleen vet' ziet eruit als een kop" in in_parts.warnings
    assert "('eentwee') is de eerste rij niet als kopregel" in in_parts.warnings


def test_a_table_written_in_an_early_part_is_let_go_of_before_the_document_ends(
    project, monkeypatch
) -> None:
    """What measures the tables before the walk (their widths per kind) does not keep them:
    a table in a written part is freed then, by reference counting alone (the collector
    waits while a document is written), not only when the whole document is done."""
    import weakref

    from docutils import nodes

    project.write("index.rst", _plan())
    project.conf('\nkernbeleid_docx_pdf = False\nsuppress_warnings = ["kernbeleid.regel"]\n')
    monkeypatch.setattr(stukken, "SMALLEST", 8)
    released: list[weakref.ref[nodes.table]] = []
    alive_at_saving: list[int] = []
    release = stukken.release
    saving = stukken.Parts.saving

    def recorded(node: nodes.Element, keep: frozenset[int] = frozenset()) -> None:
        stack: list[nodes.Node] = [node]  # (a part released before has no children left)
        while stack:
            child = stack.pop()
            if isinstance(child, nodes.table) and id(child) not in keep:
                released.append(weakref.ref(child))
            stack.extend(getattr(child, "children", ()))
        release(node, keep=keep)

    def checked(self: stukken.Parts, document: object, offsets: list[int]) -> None:
        alive_at_saving.append(sum(1 for ref in released if ref() is not None))
        saving(self, document, offsets)

    monkeypatch.setattr(stukken, "release", recorded)
    monkeypatch.setattr(stukken.Parts, "saving", checked)
    result = project.build("kernbeleid-docx", out="delen")
    assert result.status == 0, result.warnings
    assert len(released) >= 20  # the tables of the written chapters
    assert alive_at_saving == [0]
