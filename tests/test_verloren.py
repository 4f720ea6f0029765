"""A block that looks like ours but is not read is a located fout at that block.

``.. maatregel: Titel`` (one colon), ``..maatregel::``, ``. maatregel::``, a block indented
under a ``..`` comment: docutils reads a comment or plain text and the item is gone. The
scan names the line, the lost item and the form that would be read; a link to the lost
item says it is a consequence; a plan that lost a maatregel is never raadsrijp.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import Project

from sphinxext_kernbeleid.authoring import verloren

REALISTIC = Path(__file__).parent / "fixtures" / "realistic_plan"
CHAPTER = "uitvoeringsplan/maatregelen.rst"

#: (the lost block as written, why it is not read)
RST_FORMS = [
    (".. maatregel: Extra toezicht", "achter de naam staat ':' in plaats van '::'"),
    ("..maatregel:: Extra toezicht", "na '..' ontbreekt een spatie"),
    (". maatregel:: Extra toezicht", "het begint met '.' in plaats van '..'"),
    (".. maatregel::: Extra toezicht", "achter de naam staat ':::' in plaats van '::'"),
    (".. maatregel::Extra toezicht", "na '::' ontbreekt een spatie"),
    (".. maatregel  :: Extra toezicht", "tussen de naam en '::' staat meer dan één spatie"),
    (".. maatrgel: Extra toezicht", "achter de naam staat ':' in plaats van '::'"),
]


def _block(first: str) -> str:
    return f"{first}\n   :id: MR_EXTRA\n   :hoort_bij: PRIO_ONDERMIJNING\n"


@pytest.mark.parametrize(("first", "why"), RST_FORMS, ids=[f for f, _w in RST_FORMS])
def test_each_comment_shaped_form_is_found_with_its_cause(first, why):
    text = "Kop\n===\n\n" + _block(first)
    (lost,) = verloren.scan_rst(text)
    assert (lost.lineno, lost.name, lost.need_id) == (4, "maatregel", "MR_EXTRA")
    assert lost.message == (
        f"'{first}' lijkt op een maatregel, maar wordt niet gelezen: {why}. Daardoor ontbreekt "
        f"maatregel MR_EXTRA in het plan. Bedoelt u '.. maatregel::'? Schrijf het als "
        f"'.. maatregel:: Extra toezicht'."
    )


@pytest.mark.parametrize(
    "comment",
    ["..\n   .. maatregel:: Extra toezicht", ".. TODO later\n\n   .. maatregel:: Extra toezicht"],
    ids=["direct", "after-a-blank-line"],
)
def test_a_block_indented_under_a_comment_is_found(comment):
    text = "Kop\n===\n\n" + comment + "\n      :id: MR_EXTRA\n"
    (lost,) = verloren.scan_rst(text)
    assert (lost.lineno, lost.need_id) == (len(comment.splitlines()) + 3, "MR_EXTRA")
    assert "het staat ingesprongen onder het commentaar '..' van regel 4" in lost.message
    assert "Bedoelt u '.. maatregel::' als eigen blok?" in lost.message


def test_what_docutils_reads_as_intended_is_left_alone():
    text = """\
Kop
===

..

   .. maatregel:: Na een leeg commentaar: gewoon gelezen
      :id: MR_A

.. maatregel :: Eén spatie voor :: mag
   :id: MR_B

.. dit is gewoon commentaar

Voorbeeld::

   .. maatregel: in een codeblok

.. code-block:: rst

   ..maatregel:: ook in een codeblok

.. _doel-anker:

.. |logo| image:: logo.png

.. Maatregel:: hoofdletter: sphinx-needs meldt dit zelf
   :id: MR_C
"""
    assert verloren.scan_rst(text) == []


# --------------------------------------------------------------------------- real builds


def _plan_with(tmp_path: Path, extra: str) -> Project:
    project = Project(tmp_path)
    shutil.copytree(REALISTIC, project.src, dirs_exist_ok=True)
    chapter = project.src / CHAPTER
    chapter.write_text(chapter.read_text("utf-8") + "\n" + extra, "utf-8")
    return project


def _check(project: Project) -> tuple[int, dict, str]:
    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    return result.status, report, result.warnings


def _fouten(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["severity"] == "fout"]


def test_a_lost_maatregel_nothing_links_to_makes_the_plan_not_raadsrijp(tmp_path):
    project = _plan_with(tmp_path, _block(".. maatregel: Extra toezicht"))
    line = len((REALISTIC / CHAPTER).read_text("utf-8").splitlines()) + 2
    status, report, warnings = _check(project)
    assert status == 1 and not report["raadsrijp"]
    ((rule, file, at, need, message),) = [
        (f["rule"], f["file"], f["line"], f["need"], f["message"]) for f in _fouten(report)
    ]
    assert (rule, file, at, need) == ("KB-R0-bouw", CHAPTER, line, "MR_EXTRA")
    assert "Bedoelt u '.. maatregel::'?" in message
    assert f"{CHAPTER}:{line}: WARNING: '.. maatregel: Extra toezicht' lijkt op" in warnings


def test_a_link_to_a_lost_block_says_it_is_a_consequence(tmp_path):
    extra = _block("..maatregel:: Extra toezicht") + (
        "\n.. prestatie-indicator:: Extra controles\n   :id: PI_EXTRA\n"
        "   :hoort_bij: MR_EXTRA\n   :streefwaarde: 4 controles\n"
    )
    project = _plan_with(tmp_path, extra)
    lost_line = len((REALISTIC / CHAPTER).read_text("utf-8").splitlines()) + 2
    _status, report, _warnings = _check(project)
    by_need = {f["need"]: f for f in _fouten(report)}
    assert set(by_need) == {"MR_EXTRA", "PI_EXTRA"}
    assert (by_need["MR_EXTRA"]["file"], by_need["MR_EXTRA"]["line"]) == (CHAPTER, lost_line)
    link = by_need["PI_EXTRA"]
    assert link["file"] == CHAPTER and link["line"] == lost_line + 4
    assert link["message"] == (
        "Prestatie-indicator PI_EXTRA ('Extra controles'): ':hoort_bij: MR_EXTRA' verwijst naar "
        f"MR_EXTRA, maar dat blok ontbreekt in het plan: het wordt in {CHAPTER}:{lost_line} "
        "niet gelezen (zie de fout daar). Dit is daar een gevolg van en verdwijnt als dat blok "
        "verbeterd is."
    )


def test_markdown_code_is_code_but_markdown_in_a_directive_is_read():
    text = """\
# Kop

```{code-block} rst
.. maatregel: in een codeblok
```

```rst
..maatregel:: ook in een codeblok
```

```{note}
.. maatregel: in een notitie is dit Markdown, dus verloren
```
"""
    assert [(lost.lineno, lost.name) for lost in verloren.scan_md(text, colon_fence=True)] == [
        (12, "maatregel")
    ]


@pytest.mark.parametrize(
    "sentence", ["... doel: zie hierboven", ". Maatregel: die volgt later.", "Doel:: tekst"]
)
def test_a_sentence_is_no_lost_block(sentence):
    assert verloren.scan_rst(f"Kop\n===\n\n{sentence}\n") == []
    assert verloren.scan_md(f"# Kop\n\n{sentence}\n", colon_fence=True) == []
