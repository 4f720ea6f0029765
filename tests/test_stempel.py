"""Every output carries its version stamp: versie, status, datum, and the sources' hash."""

from __future__ import annotations

import json

import docx
from conftest import Project
from test_raadsvoorstel import CHAPTER, INDEX, NAME
from test_vastgesteld import PLAN

from sphinxext_kernbeleid.records.vastgesteld import source_hash


def _project(project: Project) -> Project:
    project.write("index.rst", INDEX)
    project.write("plan.rst", PLAN)
    project.write("raadsvoorstel.rst", CHAPTER)
    project.conf('kernbeleid_versie = "2.1"\nkernbeleid_datum = "2026-11-20"\n')
    return project


def test_word_html_and_report_carry_the_stamp(project):
    _project(project)
    expected = source_hash(project.src)
    word = project.build("kernbeleid-docx")
    for name in (NAME, "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"):
        core = docx.Document(str(word.outdir / name)).core_properties
        assert (core.version, core.content_status) == ("2.1", "Concept"), name
        assert core.identifier == f"sha256:{expected}", name
    texts = [p.text for p in docx.Document(str(word.outdir / NAME)).paragraphs]
    assert "Versie: 2.1 (Concept)" in texts and "Datum: 20 november 2026" in texts
    html = project.build("html").html("plan")
    assert f'<meta name="kernbeleid-bronhash" content="sha256:{expected}" />' in html
    assert '<meta name="kernbeleid-datum" content="20 november 2026" />' in html
    check = project.build("kernbeleid-check")
    report = json.loads((check.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    # the report keeps the date as written in conf.py
    assert (report["bronhash"], report["versie"], report["datum"]) == (
        expected,
        "2.1",
        "2026-11-20",
    )
