"""Markdown (MyST) is no second-class syntax: every lost-content check of rst holds for .md.

Each case is written twice, as rst and as its Markdown twin, and built for real; the
finding must be a located Dutch ``fout`` in the file that was written, at the block.
"""

from __future__ import annotations

import json
import textwrap

import pytest
from conftest import Project

MYST_CONF = 'extensions = ["myst_parser", "sphinxext_kernbeleid"]\n'

#: name -> (rst, Markdown, line in rst, line in Markdown, need, start of the message)
CASES = {
    "optie twee keer": (
        """\
        .. maatregel:: Controles
           :id: MR_X
           :budget: € 1.000
           :budget: € 2.000
        """,
        """\
        ```{maatregel} Controles
        :id: MR_X
        :budget: € 1.000
        :budget: € 2.000
        ```
        """,
        4,
        6,
        "MR_X",
        "optie ':budget:' staat twee keer bij maatregel MR_X; ",
    ),
    "dubbel id": (
        """\
        .. maatregel:: Controles
           :id: MR_X

        .. maatregel:: Nog meer controles
           :id: MR_X
        """,
        """\
        ```{maatregel} Controles
        :id: MR_X
        ```

        ```{maatregel} Nog meer controles
        :id: MR_X
        ```
        """,
        7,
        7,
        "MR_X",
        "id MR_X bestaat al in index.",
    ),
    "onbekend onderdeel": (
        """\
        .. maatrgel:: Controles
           :id: MR_X
        """,
        """\
        ```{maatrgel} Controles
        :id: MR_X
        ```
        """,
        4,
        3,
        "MR_X",
        "'maatrgel' is geen onderdeel; bedoelt u 'maatregel'? Het blok ",
    ),
    "verkeerd gespelde optie": (
        """\
        .. maatregel:: Controles
           :id: MR_X
           :budgett: € 1.000
        """,
        """\
        ```{maatregel} Controles
        :id: MR_X
        :budgett: € 1.000
        ```
        """,
        4,
        3,
        "MR_X",
        "onbekende optie ':budgett:' bij maatregel MR_X; bedoelt u :budget:?",
    ),
    "prestatie-indicator zonder id": (
        """\
        .. prestatie-indicator:: Controles
           :streefwaarde: 4
        """,
        """\
        ```{prestatie-indicator} Controles
        :streefwaarde: 4
        ```
        """,
        4,
        3,
        None,
        "prestatie-indicator 'Controles' heeft geen ':id:'.",
    ),
    "hoofdletter": (
        """\
        .. Maatregel:: Controles
           :id: MR_X
        """,
        """\
        ```{Maatregel} Controles
        :id: MR_X
        ```
        """,
        4,
        3,
        "MR_X",
        "is met een hoofdletter geschreven; bedoelt u ",
    ),
    "niet gelezen vorm": (
        """\
        .. maatregel: Controles
           :id: MR_X
        """,
        """\
        ```maatregel Controles
        :id: MR_X
        ```
        """,
        4,
        3,
        "MR_X",
        "lijkt op een maatregel, maar wordt niet gelezen: ",
    ),
    "include bestaat niet": (
        """\
        .. include:: nergens.rst
        """,
        """\
        ```{include} nergens.md
        ```
        """,
        4,
        3,
        None,
        "' bestaat niet of is niet te lezen; die tekst ontbreekt in het plan.",
    ),
    "overzicht zonder argument": (
        """\
        .. kernbeleid-maatregelen::
        """,
        """\
        ```{kernbeleid-maatregelen}
        ```
        """,
        4,
        3,
        None,
        "ontbreekt wat erachter hoort (bijv. een titel of naam)",
    ),
}


def _build(tmp_path, syntax: str, body: str, conf: str = "") -> dict:
    project = Project(tmp_path)
    project.conf(MYST_CONF + conf)
    if syntax == "rst":
        project.write("index.rst", "Plan\n====\n\n" + textwrap.dedent(body))
    else:
        project.write("index.md", "# Plan\n\n" + textwrap.dedent(body))
    result = project.build("kernbeleid-check")
    assert "Traceback" not in result.warnings
    return json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))


def _bouw(report: dict) -> list[tuple]:
    return [
        (f["file"], f["line"], f["need"], f["message"])
        for f in report["findings"]
        if f["rule"] == "KB-R0-bouw"
    ]


@pytest.mark.parametrize("syntax", ["rst", "md"])
@pytest.mark.parametrize("case", list(CASES))
def test_lost_content_is_a_located_fout_in_both_syntaxes(tmp_path, case, syntax):
    rst, md, rst_line, md_line, need, start = CASES[case]
    report = _build(tmp_path, syntax, rst if syntax == "rst" else md)
    line = rst_line if syntax == "rst" else md_line
    found = [b for b in _bouw(report) if start in b[3]]
    assert [(f, at, n) for f, at, n, _m in found] == [(f"index.{syntax}", line, need)], _bouw(
        report
    )
    assert not report["raadsrijp"]
    message = found[0][3]
    assert "de bouw meldt hier een probleem" not in message
    if syntax == "md":
        assert ".. maatregel::" not in message  # told in the syntax the writer uses


def test_a_colon_fence_is_located_at_its_block(tmp_path):
    body = """\
    Tekst.

    :::{maatregel} Controles
    :id: MR_X
    :budgett: € 1.000
    :::
    """
    report = _build(tmp_path, "md", body, 'myst_enable_extensions = ["colon_fence"]\n')
    assert [(f, at, n) for f, at, n, _m in _bouw(report)] == [("index.md", 5, "MR_X")]


def test_a_colon_fence_without_the_extension_is_a_lost_block(tmp_path):
    body = """\
    :::{maatregel} Controles
    :id: MR_X
    :::
    """
    report = _build(tmp_path, "md", body)
    ((file, line, need, message),) = _bouw(report)
    assert (file, line, need) == ("index.md", 3, "MR_X")
    assert "':::' wordt alleen gelezen met de extensie colon_fence" in message


def test_an_option_written_twice_keeps_the_last_value_and_says_so(tmp_path):
    rst, md, *_rest = CASES["optie twee keer"]
    report = _build(tmp_path, "md", md)
    ((_f, _l, _n, message),) = _bouw(report)
    assert message == (
        "optie ':budget:' staat twee keer bij maatregel MR_X; alleen de laatste waarde "
        "('€ 2.000') wordt gelezen, '€ 1.000' ontbreekt daardoor in het plan. Laat één "
        "':budget:' staan."
    )


def test_a_block_in_an_html_comment_is_a_lost_block(tmp_path):
    body = """\
    <!--
    ```{maatregel} Controles
    :id: MR_X
    ```
    -->
    """
    report = _build(tmp_path, "md", body)
    ((file, line, need, message),) = _bouw(report)
    assert (file, line, need) == ("index.md", 4, "MR_X")
    assert "het staat in commentaar (<!-- … -->, regel 3)" in message
