"""The head line of an item (type, title, id) is ours; sphinx-needs keeps the need."""

from __future__ import annotations

import re

PLAN = """\
Plan
====

.. prioriteit:: Ondermijning tegengaan
   :id: PRIO_ONDERMIJNING
   :kv: 5.2

.. actiepunt:: Bedrijventerreinen
   :id: AP_TERREINEN
   :hoort_bij: PRIO_ONDERMIJNING

.. maatregel:: Integrale controles
   :id: MR_CONTROLES
   :hoort_bij: AP_TERREINEN
   :bestuurlijk_trekker: Burgemeester
   :planning: 2026-Q1..2026-Q4
   :layout: {layout}

   Uitleg van de maatregel.
"""


def _head(html: str, need_id: str) -> str:
    """The item's markup: up to the end of its table or the start of the next item."""
    block = html[html.index(f'id="{need_id}"') :]
    ends = [i for i in (block.find("</table>"), block.find('class="need_container')) if i > 0]
    return block[: min(ends)] if ends else block


def test_head_line_names_type_title_and_id(project):
    project.write("index.rst", PLAN.replace("   :layout: {layout}\n", ""))
    # The id in the head is for writers (issue 19: the public sees titles only).
    project.conf('suppress_warnings = ["kernbeleid.regel"]\nkernbeleid_toon_ids = True\n')
    result = project.build("html")
    assert result.status == 0, result.warnings
    block = _head(result.html(), "MR_CONTROLES")
    head = re.search(r'<p class="kernbeleid-kop">(.*?)</p>', block, re.S)
    assert head, block[:500]
    text = re.sub(r"<[^>]+>", "", head.group(1))
    assert text == "Maatregel: Integrale controles MR_CONTROLES"
    assert 'href="#MR_CONTROLES"' in head.group(1)
    # The details block follows the head, with the links up (its prioriteit first), before
    # the writer's prose.
    assert block.index("kernbeleid-kop") < block.index("Prioriteit") < block.index("Uitleg")
    assert block.index("Actiepunt") < block.index("Uitleg")
    # ... and the parent links back down.
    parent = _head(result.html(), "AP_TERREINEN")
    assert 'href="#MR_CONTROLES"' in parent and "Maatregelen" in parent


def test_other_layout_keeps_its_own_head(project):
    project.write("index.rst", PLAN.format(layout="clean"))
    project.conf('suppress_warnings = ["kernbeleid.regel"]\n')
    result = project.build("html")
    assert result.status == 0, result.warnings
    block = _head(result.html(), "MR_CONTROLES")
    assert "kernbeleid-kop" not in block
    assert "needs_title" in block  # sphinx-needs' own head
    assert "Bestuurlijk trekker" in block  # our details block is still there
    # The other items keep our compact head.
    assert "kernbeleid-kop" in _head(result.html(), "AP_TERREINEN")
