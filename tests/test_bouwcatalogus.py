"""Every message a writer can cause by typing reaches them in Dutch.

The catalogue (:mod:`sphinxext_kernbeleid.authoring.bouwcatalogus`) holds an example of the
English each entry matches; every example is fed through it and no English may remain. A
real build full of typing mistakes then shows only Dutch, and a message the catalogue
does not know is still a Dutch fout, with the original quoted after it.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import Project

from sphinxext_kernbeleid.authoring import bouwcatalogus, bouwmeldingen  # noqa: F401 (all entries)
from sphinxext_kernbeleid.authoring.bouwcatalogus import CATALOGUE, About, translate_text

#: Words of the English messages that never occur in a Dutch one.
ENGLISH = {
    "the", "without", "found", "unknown", "invalid", "error", "reference", "references",
    "expected", "could", "not", "ends", "unexpected", "blank", "line", "duplicate",
    "duplicated", "option", "options", "directive", "must", "given", "title", "too", "short",
    "missing", "contains", "excluded", "nonexisting", "inline", "start-string", "end-string",
    "undefined", "substitution", "target", "name", "block", "level", "inconsistent",
    "mismatch", "allowed", "supplied", "readable", "file", "other", "instance", "lexer",
    "known", "header", "headings", "bad", "field", "need", "created", "already", "exists",
    "isn", "included", "explicit", "markup", "unindent", "indentation", "underline",
    "overline", "list", "table", "malformed", "role", "interpreted", "text", "content",
    "permitted", "required", "label", "glossary", "term", "doesn", "have",
    "with", "for", "and", "but", "was", "has",
}  # fmt: skip
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\([^)]*\)")


def english_left(message: str) -> list[str]:
    """English words of ``message`` outside quotes and brackets (names, examples)."""
    bare = QUOTED.sub(" ", message)
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]*", bare) if w.lower() in ENGLISH]


EXAMPLES = [(index, example) for index, e in enumerate(CATALOGUE) for example in e.examples]


def test_every_entry_has_an_example():
    assert all(entry.examples for entry in CATALOGUE)
    assert len(EXAMPLES) >= 80


@pytest.mark.parametrize(("index", "english"), EXAMPLES, ids=[e for _i, e in EXAMPLES])
def test_each_message_reads_in_dutch(index, english):
    first = english.partition("\n")[0]
    matched = next(e for e in CATALOGUE if e.pattern.match(first))
    assert matched is CATALOGUE[index]  # no earlier entry takes its message
    for about in (About("maatregel", "Controles", "MR_X"), About(markdown=True)):
        message = translate_text(english, about).message
        assert "oorspronkelijke melding" not in message, message
        assert english_left(message) == [], message
        assert message == message.strip() and message[-1] in ".?", message


def test_an_unknown_message_stays_a_dutch_fout_with_the_original_quoted_after_it():
    message = translate_text("Something entirely new happened.", About()).message
    assert message == (
        "de bouw meldt hier een probleem waarvoor nog geen Nederlandse uitleg is; er kan "
        "daardoor tekst ontbreken in het plan. Kijk op deze plek in het bestand of de opmaak "
        'klopt en bouw opnieuw. De oorspronkelijke melding: "Something entirely new happened."'
    )
    assert english_left(message) == []


def test_the_detector_sees_english():
    assert english_left("Explicit markup ends without a blank line") != []
    assert english_left(bouwcatalogus.unknown_message("x")) == []


# --------------------------------------------------------------------------- a real build

TYPED = """\
Plan
====

.. toctree::

   concept
   hoofdstuk

.. Doel:: Minder inbraken
   :id: DOEL_X

.. note::
   Let op.
Direct erna, zonder lege regel.

- een opsomming
  die doorloopt
 en te weinig inspringt

Dit is *nadruk zonder einde.

Zie |onbekend| en `de bijlage`_.

Een alinea
met twee regels
   en een regel die zomaar inspringt.

.. maatregel:: Controles
   :id: MR_X
    :budget: 5

Een kop
----

Tekst.
"""


def test_a_plan_full_of_typing_mistakes_is_told_only_in_dutch(tmp_path):
    project = Project(tmp_path)
    project.conf('exclude_patterns = ["concept.rst"]\n')
    project.write("index.rst", TYPED)
    project.write("concept.rst", "Concept\n=======\n\nTekst.\n")
    project.write("hoofdstuk.rst", "Hoofdstuk\n=========\n\nTekst.\n")
    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    bouw = [f["message"] for f in report["findings"] if f["rule"] == "KB-R0-bouw"]
    assert len(bouw) >= 9, bouw
    for message in bouw:
        assert "oorspronkelijke melding" not in message, message
        assert english_left(message) == [], message
    for line in result.warnings.splitlines():
        if ": WARNING: " in line or ": ERROR: " in line:
            told = line.split(": ", 2)[2].rsplit(" [", 1)[0]
            assert english_left(told) == [], line
