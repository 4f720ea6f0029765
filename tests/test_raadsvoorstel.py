"""The raadsvoorstel: figures from the plan, prose from its chapter, the griffie's template."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal

import docx
import pytest
from conftest import ROOT, Project
from docx.oxml.ns import qn
from test_amendementen import A1, A2, AMENDEMENTEN
from test_vastgesteld import PLAN

from sphinxext_kernbeleid.model.parsing import parse_money

CHAPTER = """\
Raadsvoorstel
=============

Onderwerp
---------

Vaststelling veiligheidsplan Voorbeeldstad

Inleiding
---------

Het vorige plan liep af.

Argumenten
----------

De analyse wijst deze prioriteiten aan.

Kanttekeningen
--------------

De monitor verschijnt eens in de twee jaar.

Communicatie
------------

Wij publiceren het plan op de website.
"""

INDEX = """\
Plan
====

.. toctree::

   plan
   raadsvoorstel
"""

NAME = "Raadsvoorstel-Voorbeeldstad-2026-2029.docx"


def _project(project: Project, chapter: str | None = CHAPTER) -> Project:
    project.write(
        "index.rst", INDEX if chapter is not None else INDEX.replace("   raadsvoorstel\n", "")
    )
    project.write("plan.rst", PLAN)
    if chapter is not None:
        project.write("raadsvoorstel.rst", chapter)
    return project


def _texts(path) -> list[str]:
    return [_plain(p.text) for p in docx.Document(str(path)).paragraphs]


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_financien_equal_the_begroting(project):
    result = _project(project).build("kernbeleid-docx")
    assert result.status == 0 and not result.warnings, result.warnings  # a11y included
    document = docx.Document(str(result.outdir / NAME))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Onderdeel")
    rows = {_plain(r.cells[0].text): _plain(r.cells[1].text) for r in table.rows[1:]}
    # PLAN: PRIO_A 25.000 + 20.000 + 5.000; PRIO_B 10.000 (no declared budgets)
    assert rows["Prioriteit 1: Ondermijning tegengaan"] == "€ 50.000"
    assert rows["Prioriteit 2: Veilige wijken"] == "€ 10.000"
    lines = [parse_money(v) for k, v in rows.items() if k != "Totaal"]
    assert sum(lines, Decimal(0)) == parse_money(rows["Totaal"]) == Decimal(60000)
    # the check report's budget is the same figure
    check = project.build("kernbeleid-check")
    report = json.loads((check.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    assert "€ 60.000" in json.dumps(report["summary"], ensure_ascii=False)
    texts = _texts(result.outdir / NAME)
    assert "Vaststelling veiligheidsplan Voorbeeldstad" in texts  # onderwerp from prose
    assert "Het vorige plan liep af." in texts
    assert any("jaarbudget van € 60.000 beschikbaar te stellen" in t for t in texts)
    assert any(t.startswith("Uitkomst van de toets: Plan is raadsrijp") for t in texts)
    assert not any("IN TE VULLEN" in t for t in texts)


def test_missing_parts_are_placeholders_and_a_fout(project):
    _project(project, CHAPTER.split("Kanttekeningen")[0])
    result = project.build("kernbeleid-docx")
    texts = _texts(result.outdir / NAME)
    assert any(t.startswith("[IN TE VULLEN: kanttekeningen") for t in texts), texts
    assert any(t.startswith("[IN TE VULLEN: communicatie") for t in texts)
    check = project.build("kernbeleid-check")
    report = json.loads((check.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    assert not report["raadsrijp"]
    messages = [(f["file"], f["message"]) for f in report["findings"]]
    assert (
        "raadsvoorstel.rst",
        "Raadsvoorstel: het onderdeel 'Kanttekeningen' ontbreekt. Voeg "
        "een kop 'Kanttekeningen' toe met de tekst voor de raad; tot dan staat in het "
        "raadsvoorstel [IN TE VULLEN].",
    ) in messages, messages


def test_no_chapter_no_raadsvoorstel(project):
    result = _project(project, None).build("kernbeleid-docx")
    assert result.status == 0
    assert not (result.outdir / NAME).exists()


def test_the_griffie_brings_its_own_template(project):
    _project(project)
    own = docx.Document()
    own.add_paragraph("Raadsvoorstel van de griffie: {{ onderwerp }}")
    own.add_paragraph("Financiële gevolgen")
    own.add_paragraph("{{p financien }}")
    own.add_paragraph("Besluit")
    own.add_paragraph("{{p raadsbesluit }}")
    own.save(str(project.src / "griffie.docx"))
    project.conf('kernbeleid_raadsvoorstel_sjabloon = "griffie.docx"\n')
    result = project.build("kernbeleid-docx")
    texts = _texts(result.outdir / NAME)
    assert texts[0] == "Raadsvoorstel van de griffie: Vaststelling veiligheidsplan Voorbeeldstad"
    assert "Financiële gevolgen" in texts and "Inleiding" not in texts
    assert any("€ 60.000" in t for t in texts)
    # the parts this template leaves out are named, so no written text vanishes unsaid
    assert "geen plaats voor het onderdeel 'inleiding'" in result.warnings
    # a tag the builder does not know: a Dutch message, no document
    bad = docx.Document()
    bad.add_paragraph("{{ raadsvergadering }}")
    bad.save(str(project.src / "griffie.docx"))
    result = project.build("kernbeleid-docx", out="opnieuw")
    assert "onbekende tag(s): {{ raadsvergadering }}" in result.warnings
    assert not (result.outdir / NAME).exists()


def test_amendementen_are_listed(project):
    _project(project)
    project.write("index.rst", INDEX + "   amendementen/index\n")
    project.write("amendementen/index.rst", AMENDEMENTEN)
    project.write("amendementen/a1.rst", A1)
    project.write("amendementen/a2.rst", A2)
    result = project.build("kernbeleid-docx")
    assert result.status == 0 and not result.warnings, result.warnings  # a11y included
    document = docx.Document(str(result.outdir / NAME))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr.")
    rows = [[_plain(c.text) for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in rows] == ["A1", "A2"]
    assert rows[0][3] == "aangenomen op 17 december 2026"
    assert rows[1][3] == "verworpen op 17 december 2026"
    # the amended budget is in the financiën: 40.000 + 20.000 + 10.000 + 7.000
    assert any("€ 77.000" in _plain(p.text) for p in document.paragraphs)
    # the amended item is in the plan's own documents (IVP and Uitvoeringsplan)
    plans = [p for p in result.outdir.glob("*.docx") if p.name != NAME]
    body = _plain(
        "".join(
            t.text or ""
            for plan in plans
            for t in docx.Document(str(plan)).element.body.iter(qn("w:t"))
        )
    )
    assert "Zoals gewijzigd bij amendement A1 (aangenomen 17 december 2026)." in body


@pytest.mark.parametrize("folder", ["docx_templates", "sphinxext_kernbeleid/docx_templates"])
def test_committed_template_is_the_build(folder):
    spec = importlib.util.spec_from_file_location(
        "make_raadsvoorstel", ROOT / "docx_templates" / "make_raadsvoorstel.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = module.template()
    assert module.template() == data
    assert (ROOT / folder / module.NAME).read_bytes() == data, (
        "draai python docx_templates/make_raadsvoorstel.py"
    )


def test_a_new_plan_has_the_chapter_with_placeholders(tmp_path):
    from test_nieuw import make_plan, sphinx

    plan = make_plan(tmp_path)
    chapter = (plan / "raadsvoorstel.rst").read_text("utf-8")
    assert "Kanttekeningen\n--------------\n\n[IN TE VULLEN:" in chapter
    status, _warnings, out = sphinx(plan, "kernbeleid-docx")
    texts = _texts(out / "Raadsvoorstel-Voorbeeldstad-2027-2030.docx")
    assert any(t.startswith("[IN TE VULLEN: risico") for t in texts), texts
    # the verdict's appendix names the first fouten with their file, and where the rest are
    fouten = [t for t in texts if t.startswith("KB-R0-invullen (")]
    assert len(fouten) == 20 and fouten[0].startswith("KB-R0-invullen (index.rst, regel 9)")
    assert any(t.startswith("… en nog ") and "toetsrapport" in t for t in texts)
    _status, _warnings, out = sphinx(plan, "kernbeleid-check")
    report = json.loads((out / "kernbeleid-rapport.json").read_text("utf-8"))
    assert any(
        f["rule"] == "KB-R0-invullen" and f["file"] == "raadsvoorstel.rst"
        for f in report["findings"]
    )


def test_asked_for_without_a_chapter_every_part_is_a_placeholder(project):
    _project(project, None)
    project.conf('kernbeleid_docx_documents = [("kernbeleid:raadsvoorstel", "RV.docx")]\n')
    result = project.build("kernbeleid-docx")
    texts = _texts(result.outdir / "RV.docx")
    for part in ("inleiding", "argumenten", "kanttekeningen", "communicatie"):
        assert any(t.startswith(f"[IN TE VULLEN: {part}") for t in texts), part
    assert any("jaarbudget van € 60.000" in t for t in texts)  # figures still from the plan
