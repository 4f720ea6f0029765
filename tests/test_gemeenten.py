"""A joint plan (issue 23 part 1): three gemeenten, one source, each her own verdict and
documents. Built from tests/fixtures/gezamenlijk_plan (see docs/samen.md)."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import docx
import jsonschema
import pytest
from conftest import Project

from sphinxext_kernbeleid.build.gemeenten import gemeenten as gemeenten_setting
from sphinxext_kernbeleid.model.settings import SettingProblem

FIXTURE = Path(__file__).parent / "fixtures" / "gezamenlijk_plan"
GEMEENTEN = ("Beekveld", "Lindewaard", "Hoogmeer")
#: Each gemeente's own items: the shared ones and her own prioriteit.
SHARED = {"Ondermijning tegengaan", "Integrale controles met het RIEC"}
JEUGD = {"Jeugdoverlast verminderen", "Groepsaanpak jeugd"}  # Beekveld and Lindewaard
LOCAL = {
    "Beekveld": {"Woninginbraak terugdringen"},
    "Lindewaard": {"Verkeersveiligheid rond scholen"},
    "Hoogmeer": {"Drugsoverlast aanpakken"},
}
ALL_TITLES = SHARED | JEUGD | set().union(*LOCAL.values())


def own_titles(naam: str) -> set[str]:
    return SHARED | LOCAL[naam] | (JEUGD if naam != "Hoogmeer" else set())


def copy_plan(tmp_path: Path) -> Project:
    project = Project(tmp_path)
    shutil.rmtree(project.src)
    shutil.copytree(FIXTURE, project.src)
    return project


def report(project: Project) -> dict:
    result = project.build("kernbeleid-check")
    data = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    schema = resources.files("sphinxext_kernbeleid").joinpath("data/kernbeleid-rapport.schema.json")
    jsonschema.validate(data, json.loads(schema.read_text("utf-8")))
    data["_html"] = (result.outdir / "kernbeleid-rapport.html").read_text("utf-8")
    return data


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def test_each_gemeente_is_raadsrijp_and_the_shares_add_up(tmp_path):
    data = report(copy_plan(tmp_path))
    assert data["raadsrijp"], data["findings"]
    rows = {r["naam"]: r for r in data["gemeenten"]}
    assert set(rows) == set(GEMEENTEN)
    assert all(r["raadsrijp"] for r in rows.values())
    assert rows["Hoogmeer"]["prioriteiten"] == ["PRIO_ONDERMIJNING", "PRIO_DRUGS"]
    # MR_RIEC € 30.000 split as written; MR_JEUGD € 20.000 by inwoners (30.000 : 10.000);
    # each local maatregel € 8.000.
    assert rows["Beekveld"]["budget_maatregelen"] == "€ 35.000"  # 12 + 15 + 8
    assert rows["Lindewaard"]["budget_maatregelen"] == "€ 23.000"  # 10 + 5 + 8
    assert rows["Hoogmeer"]["budget_maatregelen"] == "€ 16.000"  # 8 + 8
    joint = data["gezamenlijk"]
    assert joint["raadsrijp"] and joint["budget_maatregelen"] == "€ 74.000"
    splits = {s["item"]: s for s in joint["verdelingen"]}
    assert splits["MR_JEUGD"]["wijze"] == "naar inwoners"
    assert splits["MR_JEUGD"]["delen"] == {"Beekveld": "€ 15.000", "Lindewaard": "€ 5.000"}
    assert splits["MR_RIEC"]["wijze"] == "opgegeven"
    html = data["_html"]
    assert "Oordeel per gemeente" in html and "Hoogmeer (GM9003)" in html


def test_a_split_that_does_not_add_up_is_a_located_fout(tmp_path):
    project = copy_plan(tmp_path)
    path = project.src / "uitvoeringsplan" / "gedeeld.rst"
    path.write_text(path.read_text("utf-8").replace("Hoogmeer 8.000", "Hoogmeer 7.000"), "utf-8")
    data = report(project)
    assert not data["raadsrijp"]
    found = [f for f in data["findings"] if f["rule"] == "KB-R9-samen"]
    assert len(found) == 1, found
    assert found[0]["need"] == "MR_RIEC" and found[0]["file"] == "uitvoeringsplan/gedeeld.rst"
    assert "€ 29.000" in found[0]["message"] and "€ 30.000" in found[0]["message"]
    assert not data["gezamenlijk"]["raadsrijp"]


def test_the_joint_rules_follow_kernbeleid_regels(tmp_path):
    """KB-R9 is a rule like the others: "waarschuwing" downgrades its findings."""
    project = copy_plan(tmp_path)
    path = project.src / "uitvoeringsplan" / "gedeeld.rst"
    path.write_text(path.read_text("utf-8").replace("Hoogmeer 8.000", "Hoogmeer 7.000"), "utf-8")
    conf = project.src / "conf.py"
    conf.write_text(
        conf.read_text("utf-8") + '\nkernbeleid_regels = {"KB-R9": "waarschuwing"}\n', "utf-8"
    )
    data = report(project)
    found = [f for f in data["findings"] if f["rule"] == "KB-R9-samen"]
    assert [f["severity"] for f in found] == ["waarschuwing"], found


def test_a_gemeente_without_the_doel_of_her_own_prioriteit_is_not_raadsrijp(tmp_path):
    project = copy_plan(tmp_path)
    path = project.src / "ivp" / "lokaal.rst"
    text = path.read_text("utf-8")
    path.write_text(text[: text.index(".. doel:: Minder drugsoverlast")], "utf-8")
    data = report(project)
    rows = {r["naam"]: r for r in data["gemeenten"]}
    assert not rows["Hoogmeer"]["raadsrijp"]
    assert rows["Beekveld"]["raadsrijp"] and rows["Lindewaard"]["raadsrijp"]
    mine = [f for f in data["findings"] if f["need"] == "PRIO_DRUGS" and f["severity"] == "fout"]
    assert mine and all(f["gemeenten"] == ["Hoogmeer"] for f in mine)
    assert all(f["message"].startswith("Hoogmeer: ") for f in mine)
    assert not data["raadsrijp"]


def test_an_unknown_gemeente_is_a_located_fout_with_the_nearest_name(tmp_path):
    project = copy_plan(tmp_path)
    path = project.src / "ivp" / "lokaal.rst"
    path.write_text(path.read_text("utf-8").replace(":gemeenten: GM9003", ":gemeenten: Hoogmeet"))
    data = report(project)
    found = [f for f in data["findings"] if "Hoogmeet" in f["message"]]
    assert len(found) == 1, data["findings"]
    assert found[0]["severity"] == "fout" and found[0]["need"] == "PRIO_DRUGS"
    assert found[0]["file"] == "ivp/lokaal.rst" and found[0]["line"]
    assert "Bedoelt u Hoogmeer?" in found[0]["message"]


def test_per_gemeente_documents_hold_exactly_her_items(tmp_path):
    result = copy_plan(tmp_path).build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    for naam in GEMEENTEN:
        for name in (
            f"IVP-{naam}-2026-2029.docx",
            f"Uitvoeringsplan-{naam}-2026.docx",
            f"Bijlagen-{naam}-2026-2029.docx",
        ):
            text = docx_text(result.outdir / name)
            shown = {t for t in ALL_TITLES if t.lower() in text.lower()}
            expected = own_titles(naam)
            if name.startswith("IVP-"):  # the IVP holds the prioriteiten, not the maatregelen
                expected = {t for t in expected if t in shown}
                assert LOCAL[naam] <= shown and "Ondermijning tegengaan" in shown
            assert shown == expected, (name, shown ^ expected)
            assert f"Gemeente {naam}" in text or f"gemeente {naam}" in text
    beekveld = docx_text(result.outdir / "Uitvoeringsplan-Beekveld-2026.docx")
    assert "€\xa012.000" in beekveld and "€\xa015.000" in beekveld  # her shares
    assert "€\xa030.000" not in beekveld


def test_the_joint_site_says_for_whom_an_item_holds(tmp_path):
    result = copy_plan(tmp_path).build("html", "-W")
    assert result.status == 0, result.warnings
    shared = result.html("ivp/gedeeld")
    local = result.html("ivp/lokaal")
    text = re.sub(r"<[^>]+>", "", local)
    assert "Geldt voor:Hoogmeer" in text.replace("\n", "")
    # shared by all: no line; shared by two: both named
    head = shared[: shared.index("PRIO_JEUGD")]
    assert "Geldt voor" not in head
    assert "Beekveld en Lindewaard" in shared
    maatregelen = re.sub(r"<[^>]+>", "", result.html("uitvoeringsplan/gedeeld"))
    assert "Beekveld € 15.000; Lindewaard € 5.000 (naar inwoners)" in maatregelen


class _Conf:
    def __init__(self, value: object, confdir: Path) -> None:
        self.value = value
        self.confdir = confdir
        self.problems: list[SettingProblem] = []

    def get(self, name: str, default: object) -> object:
        return self.value

    def bad(self, name: str, message: str, *, default_serves: bool = False) -> None:
        self.problems.append(SettingProblem(name, message))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Beekveld", "is geen lijst"),
        ([{"naam": "Beekveld", "code": "9001"}, {"naam": "X", "code": "GM0002"}], "GM en vier"),
        ([{"naam": "Beekveld", "code": "GM9001"}], "ten minste twee"),
        ([("Beekveld", "GM9001"), ("beekveld", "GM9002")], "staat er al"),
        ([{"naam": "A", "code": "GM0001", "inwoner": 3}, ("B", "GM0002")], "onbekende sleutel"),
    ],
)
def test_the_setting_is_checked_in_dutch(tmp_path, value, expected):
    conf = _Conf(value, tmp_path)
    gemeenten_setting(conf)
    assert any(expected in p.message for p in conf.problems), conf.problems


def test_each_gemeente_gets_her_own_voortgangsrapportage(tmp_path):
    project = copy_plan(tmp_path)
    project.write(
        "voortgang/2026-Q2.yaml",
        """\
        periode: 2026-Q2
        maatregelen:
          MR_RIEC:
            status: lopend
          MR_JEUGD:
            status: lopend
          MR_WONINGINBRAAK:
            status: vertraagd
            toelichting: Bijeenkomst uitgesteld.
          MR_VERKEER:
            status: gereed
          MR_DRUGS:
            status: lopend
        """,
    )
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    maatregelen = {"Integrale controles met het RIEC", "Groepsaanpak jeugd"} | {
        f"{t} in {n}" for n, ts in LOCAL.items() for t in ts
    }
    for naam in GEMEENTEN:
        text = docx_text(result.outdir / f"Voortgangsrapportage-{naam}-2026-Q2.docx").lower()
        shown = {t for t in maatregelen if t.lower() in text}
        expected = {t for t in maatregelen if t.endswith(f" in {naam}")}
        expected |= {"Integrale controles met het RIEC"}
        if naam != "Hoogmeer":
            expected.add("Groepsaanpak jeugd")
        assert shown == expected, (naam, shown ^ expected)


def test_the_plattegrond_jointly_and_per_gemeente(tmp_path):
    project = copy_plan(tmp_path)
    result = project.build("html", "-W")
    assert result.status == 0, result.warnings
    page = re.sub(r"<[^>]+>", "", result.html("plattegrond"))
    joint, beekveld, hoogmeer = page.split("Plattegrond: de vijf")[1:]
    assert "Jeugdoverlast verminderen (Beekveld en Lindewaard)" in joint
    assert "Drugsoverlast aanpakken (Hoogmeer)" in joint
    assert "Woninginbraak terugdringen" in beekveld and "Drugsoverlast" not in beekveld
    assert "Drugsoverlast aanpakken" in hoogmeer and "Jeugdoverlast verminderen" not in hoogmeer
    # an unknown gemeente: a located warning naming the nearest, and the whole plan shown
    page_file = project.src / "plattegrond.rst"
    page_file.write_text(page_file.read_text("utf-8").replace("GM9003", "Hoogmer"), "utf-8")
    result = project.build("html")
    assert "plattegrond.rst:" in result.warnings and "Bedoelt u Hoogmeer?" in result.warnings


@pytest.mark.parametrize(
    ("path", "old", "new", "need", "expected"),
    [
        # a shared prioriteit whose only doel holds for one of its gemeenten
        (
            "ivp/gedeeld.rst",
            "   :id: DOEL_JEUGD\n",
            "   :id: DOEL_JEUGD\n   :gemeenten: Beekveld\n",
            "PRIO_JEUGD",
            "geen doel dat voor al die gemeenten geldt",
        ),
        # a maatregel for Hoogmeer under a prioriteit of Beekveld and Lindewaard
        (
            "uitvoeringsplan/gedeeld.rst",
            "   :id: MR_JEUGD\n",
            "   :id: MR_JEUGD\n   :gemeenten: Hoogmeer\n",
            "MR_JEUGD",
            "geldt het voor geen enkele gemeente",
        ),
        # a split naming a gemeente the maatregel does not hold for
        (
            "uitvoeringsplan/gedeeld.rst",
            "   :budget: € 20.000\n",
            "   :budget: € 20.000\n   :verdeling: Beekveld 10.000; Hoogmeer 10.000\n",
            "MR_JEUGD",
            "geldt niet voor Hoogmeer",
        ),
    ],
)
def test_the_joint_rules(tmp_path, path, old, new, need, expected):
    project = copy_plan(tmp_path)
    source = project.src / path
    text = source.read_text("utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), "utf-8")
    data = report(project)
    found = [f for f in data["findings"] if f["rule"] == "KB-R9-samen"]
    assert [f["need"] for f in found] == [need], found
    assert expected in found[0]["message"] and found[0]["file"] == path
    assert not data["gezamenlijk"]["raadsrijp"]


def test_gemeenten_on_an_item_of_a_plan_of_one_gemeente_is_a_fout(project):
    project.write(
        "index.rst",
        """\
        Plan
        ====

        .. prioriteit:: Ondermijning
           :id: PRIO_A
           :gemeenten: Beekveld
        """,
    )
    result = project.build("kernbeleid-check")
    data = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    found = [
        f
        for f in data["findings"]
        if f["need"] == "PRIO_A" and "kernbeleid_gemeenten" in f["message"]
    ]
    assert found and found[0]["severity"] == "fout" and found[0]["line"]


def test_each_gemeente_keeps_her_own_adopted_documents(tmp_path, capsys):
    """An adoption of a joint plan stores every gemeente's IVP under its own key, so the
    tracked changes of one gemeente are never marked against a neighbour's text."""
    from sphinxext_kernbeleid.cli.main import main

    project = copy_plan(tmp_path)
    code = main(["vaststellen", "--datum", "2026-12-17", "--plan", str(project.src)])
    assert code == 0, capsys.readouterr()
    (manifest,) = (project.src / "vastgesteld").glob("*/manifest.json")
    documenten = json.loads(manifest.read_text("utf-8"))["documenten"]
    for naam in GEMEENTEN:
        assert documenten[f"ivp/index#{naam}"] == f"IVP-{naam}-2026-2029.docx"


def _without_drugs_doel(project: Project) -> None:
    path = project.src / "ivp" / "lokaal.rst"
    text = path.read_text("utf-8")
    path.write_text(text[: text.index(".. doel:: Minder drugsoverlast")], "utf-8")


def test_every_output_of_the_check_gives_each_gemeente_her_verdict(tmp_path):
    """JSON, HTML, XLSX and the screen: Hoogmeer (no doel for her own prioriteit) is not
    raadsrijp, with her own findings; Beekveld and Lindewaard are."""
    import openpyxl

    project = copy_plan(tmp_path)
    _without_drugs_doel(project)
    data = report(project)
    rows = {r["naam"]: r for r in data["gemeenten"]}
    hers = [data["findings"][n] for n in rows["Hoogmeer"]["findings"]]
    assert any(f["need"] == "PRIO_DRUGS" and f["severity"] == "fout" for f in hers)
    for naam in ("Beekveld", "Lindewaard"):
        theirs = [data["findings"][n] for n in rows[naam]["findings"]]
        assert not any(f["need"] == "PRIO_DRUGS" for f in theirs), naam
    html = data["_html"]
    section = html[html.index("Oordeel per gemeente") : html.index("Kerncijfers")]
    assert "Hoogmeer: plan is niet raadsrijp" in section
    assert "PRIO_DRUGS" not in section.split("Hoogmeer: plan is niet raadsrijp")[0]
    own = section.split("Hoogmeer: plan is niet raadsrijp")[1]
    assert "ivp/lokaal.rst:" in own and "Hoogmeer: Prioriteit" not in own  # her own words

    outdir = tmp_path / "_build" / "kernbeleid-check"
    wb = openpyxl.load_workbook(outdir / "kernbeleid-rapport.xlsx")
    assert wb.sheetnames[:3] == ["Oordeel", "Per gemeente", "Bevindingen"]
    verdicts = {r[0]: r[2] for r in wb["Per gemeente"].iter_rows(min_row=2, values_only=True)}
    assert verdicts["Hoogmeer"].startswith("Plan is niet raadsrijp")
    assert verdicts["Beekveld"] == verdicts["Lindewaard"] == "Plan is raadsrijp"
    assert verdicts["Gezamenlijk"] == "Plan is niet raadsrijp"
    long = list(wb["Bevindingen per gemeente"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in long if r[3] == "PRIO_DRUGS"} == {"Hoogmeer"}
    assert wb["Bevindingen per gemeente"].auto_filter.ref.startswith("A1:G")

    screen = project.run("kernbeleid-check", out="scherm")
    assert screen.returncode == 1
    tail = screen.stdout.strip().splitlines()[-5:]
    assert any(line.endswith("Beekveld: plan is raadsrijp") for line in tail), tail
    assert any("Hoogmeer: plan is niet raadsrijp" in line for line in tail), tail


def test_a_joint_rule_can_be_waived_with_a_reason(tmp_path):
    """KB-R9 takes ':afwijking:' like every rule: the finding stays, struck through, and
    the plan is raadsrijp; a KB-R9 waiver nothing needs is a waarschuwing, once."""
    project = copy_plan(tmp_path)
    path = project.src / "uitvoeringsplan" / "gedeeld.rst"
    text = path.read_text("utf-8").replace("Hoogmeer 8.000", "Hoogmeer 7.000")
    text = text.replace(
        "   :id: MR_RIEC\n",
        "   :id: MR_RIEC\n   :afwijking: KB-R9 — Hoogmeer betaalt € 1.000 in natura\n",
    )
    text = text.replace(
        "   :id: MR_JEUGD\n", "   :id: MR_JEUGD\n   :afwijking: KB-R9 — voor de zekerheid\n"
    )
    path.write_text(text, "utf-8")
    data = report(project)
    found = [f for f in data["findings"] if f["rule"] == "KB-R9-samen"]
    assert [(f["need"], f["waived"]) for f in found] == [("MR_RIEC", True)], found
    assert "in natura" in found[0]["waiver"]
    unneeded = [f for f in data["findings"] if f["rule"] == "KB-R0-afwijking"]
    assert [(f["need"], f["severity"]) for f in unneeded] == [("MR_JEUGD", "waarschuwing")]
    assert "niet (meer) nodig" in unneeded[0]["message"]
    assert data["raadsrijp"] and data["gezamenlijk"]["raadsrijp"]


def test_each_gemeente_s_documents_say_what_they_leave_out(tmp_path):
    """One line per document of a gemeente: the sections and items that are not hers."""
    result = copy_plan(tmp_path).run("kernbeleid-docx")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "weggelaten" in line]
    ivp = [line for line in lines if line.startswith("Word voor Hoogmeer (ivp/index)")]
    assert ivp == [
        "Word voor Hoogmeer (ivp/index): weggelaten wat niet voor Hoogmeer geldt: "
        "3 paragrafen ('Jeugdoverlast', 'Beekveld: woninginbraak terugdringen', "
        "'Lindewaard: verkeersveiligheid rond scholen') met 12 onderdelen."
    ], lines
    beekveld = [line for line in lines if line.startswith("Word voor Beekveld (ivp/index)")]
    assert len(beekveld) == 1 and "'Jeugdoverlast'" not in beekveld[0]


def test_joint_outputs_name_all_gemeenten_and_her_own_name_hers(tmp_path):
    """Not "Gemeente Basisteam Beekdal": the joint site and check report name the three
    gemeenten; each gemeente's own Word documents carry her name in the header."""
    project = copy_plan(tmp_path)
    joint = "Gemeenten Beekveld, Lindewaard en Hoogmeer"
    site = project.build("html")
    assert f'<span class="kb-gemeente">{joint}</span>' in site.html("index")
    assert "Gemeente Basisteam Beekdal" not in site.html("index")
    data = report(project)
    assert data["afzender"] == joint
    assert (
        "<h1>Toetsrapport Kernbeleid Veiligheid – gemeenten Beekveld, Lindewaard en "
        in (data["_html"])
    )
    words = project.build("kernbeleid-docx")
    document = docx.Document(str(words.outdir / "IVP-Hoogmeer-2026-2029.docx"))
    header = document.sections[-1].header.paragraphs[0].text
    assert header.startswith("Gemeente Hoogmeer · "), header


RAADSVOORSTEL = """\
Raadsvoorstel
=============

Onderwerp
---------

Vaststelling Integraal Veiligheidsplan 2026-2029

Inleiding
---------

De gemeenten in basisteam Beekdal schreven samen één plan.

Argumenten
----------

De analyses wijzen deze prioriteiten aan.

Kanttekeningen
--------------

Elke raad stelt haar eigen plan vast.

Communicatie
------------

Wij publiceren het plan op de website.
"""


def test_each_raad_gets_her_own_raadsvoorstel(tmp_path):
    """Her name, her share of the budget, her prioriteiten, her documents as bijlagen and
    her own verdict: Hoogmeer's raadsvoorstel says niet raadsrijp, Beekveld's raadsrijp."""
    project = copy_plan(tmp_path)
    _without_drugs_doel(project)
    index = project.src / "index.rst"
    index.write_text(index.read_text("utf-8") + "   raadsvoorstel\n", "utf-8")
    (project.src / "raadsvoorstel.rst").write_text(RAADSVOORSTEL, "utf-8")
    result = project.build("kernbeleid-docx")
    assert not list(result.outdir.glob("Raadsvoorstel-Basisteam*"))
    texts = {}
    for naam in GEMEENTEN:
        path = result.outdir / f"Raadsvoorstel-{naam}-2026-2029.docx"
        texts[naam] = docx_text(path).replace("\xa0", " ")
    beekveld, hoogmeer = texts["Beekveld"], texts["Hoogmeer"]
    assert "De raad van de gemeente Beekveld;" in beekveld
    assert "jaarbudget van € 35.000" in beekveld  # 12.000 + 15.000 + 8.000
    assert "jaarbudget van € 16.000" in hoogmeer  # 8.000 + 8.000
    assert "Woninginbraak terugdringen" in beekveld and "Drugsoverlast" not in beekveld
    assert "Drugsoverlast aanpakken" in hoogmeer and "Woninginbraak" not in hoogmeer
    assert "Uitkomst van de toets: Plan is raadsrijp" in beekveld
    assert "Uitkomst van de toets: Plan is niet raadsrijp: 2 fouten" in hoogmeer
    assert "KB-R2-indicatoren (ivp/lokaal.rst, regel " in hoogmeer
    assert "Hoogmeer: Prioriteit" not in hoogmeer  # her own document: no name before it
    assert "IVP-Hoogmeer-2026-2029.docx" in hoogmeer and "IVP-Beekveld" not in hoogmeer
