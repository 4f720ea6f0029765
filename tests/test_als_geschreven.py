"""A value the check refuses is still shown as written, on the site and in Word.

``:kv: 1.1, 9.9`` keeps "9.9" (marked as not understood) beside the theme it knows;
``:soort: objectief en subjectief`` is shown as written in Word too, not as an empty cell.
"""

from __future__ import annotations

import docx
import pytest
from voortgang_plan import PLAN

REFUSED = PLAN.replace("   :kv: 1.1\n", "   :kv: 1.1, 9.9\n", 1).replace(
    ":soort: objectief", ":soort: objectief en subjectief"
)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("geschreven"))
    project.write("index.rst", REFUSED)
    return project


def _word_text(outdir) -> str:
    texts = []
    for path in sorted(outdir.glob("*.docx")):
        document = docx.Document(str(path))
        texts += [p.text for p in document.paragraphs]
        texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(texts)


def test_refused_kv_code_is_shown_on_the_site(project):
    page = project.build("html").html()
    assert "9.9 (niet begrepen)" in page
    assert "objectief en subjectief (niet begrepen)" in page


def test_refused_values_are_shown_in_word(project):
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    text = _word_text(result.outdir)
    assert "9.9 (niet begrepen)" in text
    assert "objectief en subjectief (niet begrepen)" in text


def test_the_check_still_refuses_them(project):
    import json

    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    messages = " ".join(f["message"] for f in report["findings"])
    assert "kv-code '9.9'" in messages and "objectief en subjectief" in messages


def test_themes_keep_the_written_order_and_mark_unknown_codes():
    from sphinxext_kernbeleid.model import display
    from sphinxext_kernbeleid.model.plan import build_plan
    from sphinxext_kernbeleid.model.settings import Settings

    plan = build_plan([{"id": "PRIO_A", "type": "prioriteit", "kv": "9.9, 1.1"}], Settings())
    shown = display.text_of(plan.items["PRIO_A"], "kv")
    assert shown.startswith("9.9 (niet begrepen); ")
    assert "(niet begrepen)" not in shown.split("; ")[1]


def test_an_unreadable_soort_is_shown_as_written_in_the_report_and_the_workbook(project):
    import json

    from openpyxl import load_workbook

    check = project.build("kernbeleid-check")
    report = json.loads((check.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    soorten = [i["soort"] for block in report["indicatoren"] for i in block["indicatoren"]]
    assert soorten == ["objectief en subjectief (niet begrepen)"]
    workbook = project.build("kernbeleid-xlsx")
    (path,) = workbook.outdir.glob("*.xlsx")
    values = {c.value for row in load_workbook(path)["Indicatoren"].iter_rows() for c in row}
    assert "objectief en subjectief (niet begrepen)" in values
