"""The raad's decision: adopting a version, the change report against it, suspect links.

A plan is adopted with ``kernbeleid vaststellen``, then changed in seven planted ways (a
doel reworded, a streefwaarde changed, a maatregel added, one removed, budget moved between
prioriteiten, an item text edited, an id renamed). Each appears in the change report
(``-b kernbeleid-wijzigingen``) and, where it touches what a maatregel serves, in the
suspect list with file and line; ``kernbeleid beoordeel`` clears exactly one.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import Project

from sphinxext_kernbeleid.cli.main import main

PLAN = """\
Plan
====

.. prioriteit:: Ondermijning tegengaan
   :id: PRIO_A
   :kv: 5.2
   :rang: 1

   Ondermijning raakt de hele stad.

.. doel:: Minder ondermijning
   :id: DOEL_A
   :hoort_bij: PRIO_A

.. effectindicator:: Panden met signalen
   :id: EI_A1
   :hoort_bij: DOEL_A
   :bron: gemeentelijke-registratie
   :soort: objectief
   :eenheid: panden
   :nulmeting: 23 (2024)
   :streefwaarde: 12 (2029)
   :richting: dalen
   :metingen: 20 (2025)

.. effectindicator:: Rapportcijfer veiligheid
   :id: EI_A2
   :hoort_bij: DOEL_A
   :bron: veiligheidsmonitor
   :soort: subjectief
   :eenheid: rapportcijfer
   :nulmeting: 6,9 (2023)
   :streefwaarde: 7,3 (2029)
   :richting: stijgen
   :metingen: 7,0 (2025)

.. maatregel:: Integrale controles
   :id: MR_A1
   :hoort_bij: PRIO_A
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :planning: 2026-Q1..2026-Q4
   :budget: € 25.000

   Controles op bedrijventerreinen.

.. prestatie-indicator:: Controles
   :id: PI_A1
   :hoort_bij: MR_A1
   :streefwaarde: 12
   :eenheid: controles

.. maatregel:: Bestuurlijke rapportages
   :id: MR_A2
   :hoort_bij: PRIO_A
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :planning: 2026-Q1..2026-Q4
   :budget: € 20.000

.. prestatie-indicator:: Rapportages
   :id: PI_A2
   :hoort_bij: MR_A2
   :streefwaarde: 4
   :eenheid: rapportages

.. maatregel:: Folders
   :id: MR_WEG
   :hoort_bij: PRIO_A
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :planning: 2026-Q1..2026-Q2
   :budget: € 5.000

.. prestatie-indicator:: Verspreide folders
   :id: PI_WEG
   :hoort_bij: MR_WEG
   :streefwaarde: 1000
   :eenheid: folders

.. prioriteit:: Veilige wijken
   :id: PRIO_B
   :kv: 1.1
   :rang: 2

.. doel:: Minder woninginbraken
   :id: DOEL_B
   :hoort_bij: PRIO_B

.. effectindicator:: Woninginbraken
   :id: EI_B1
   :hoort_bij: DOEL_B
   :bron: politieregistratie
   :soort: objectief
   :eenheid: inbraken
   :nulmeting: 120 (2024)
   :streefwaarde: 90 (2029)
   :richting: dalen
   :metingen: 110 (2025)

.. effectindicator:: Gevoel van veiligheid in de buurt
   :id: EI_B2
   :hoort_bij: DOEL_B
   :bron: veiligheidsmonitor
   :soort: subjectief
   :eenheid: procent
   :nulmeting: 70 (2023)
   :streefwaarde: 75 (2029)
   :richting: stijgen
   :metingen: 71 (2025)

.. maatregel:: Buurtpreventie
   :id: MR_B1
   :hoort_bij: PRIO_B
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :planning: 2026-Q1..2026-Q4
   :budget: € 10.000

.. prestatie-indicator:: Bereikte huishoudens
   :id: PI_B1
   :hoort_bij: MR_B1
   :streefwaarde: 500
   :eenheid: huishoudens
"""

NEW_MR = """
.. maatregel:: Inbraakpreventie-avonden
   :id: MR_NIEUW
   :hoort_bij: PRIO_B
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :planning: 2026-Q2..2026-Q4
   :budget: € 3.000

.. prestatie-indicator:: Avonden
   :id: PI_NIEUW
   :hoort_bij: MR_NIEUW
   :streefwaarde: 6
   :eenheid: avonden
"""


def _without(text: str, start: str, end: str) -> str:
    """``text`` without the block from the line ``start`` up to (not including) ``end``."""
    a, b = text.index(start), text.index(end)
    return text[:a] + text[b:]


def changed_plan() -> str:
    text = PLAN
    text = text.replace(":: Minder woninginbraken", ":: Minder inbraken in woningen")  # 1
    text = text.replace(":streefwaarde: 12 (2029)", ":streefwaarde: 10 (2029)")  # 2
    text += NEW_MR  # 3
    text = _without(text, ".. maatregel:: Folders", ".. prioriteit:: Veilige wijken")  # 4
    text = text.replace(":budget: € 20.000", ":budget: € 15.000")  # 5 (A -5.000)
    text = text.replace(":budget: € 10.000", ":budget: € 15.000")  # 5 (B +5.000)
    text = text.replace(
        "Controles op bedrijventerreinen.",
        "Controles op bedrijventerreinen en in het buitengebied.",
    )  # 6
    return text.replace(":id: PI_B1", ":id: PI_B_BEREIK")  # 7


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def adopted(project: Project, capsys) -> Project:
    project.write("index.rst", PLAN)
    code = main(
        [
            "vaststellen",
            "--datum",
            "2026-12-17",
            "--besluit",
            "2026/123",
            "--plan",
            str(project.src),
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    return project


def suspect_warnings(project: Project) -> list[str]:
    result = project.build("kernbeleid-check", out="check")
    return [w for w in result.warnings.splitlines() if "KB-R6-herbeoordeling" in w]


def test_vaststellen_records_manifest_export_and_report(adopted: Project) -> None:
    folder = adopted.src / "vastgesteld" / "2026-12-17"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["datum"] == "2026-12-17" and manifest["besluit"] == "2026/123"
    assert manifest["versie"] == "1.0" and re.fullmatch(r"[0-9a-f]{64}", manifest["bronhash"])
    needs = json.loads((folder / "needs.json").read_text("utf-8"))["versions"][""]["needs"]
    assert needs["EI_A1"]["streefwaarde"] == "12 (2029)" and needs["MR_A1"]["lineno"]
    assert json.loads((folder / "kernbeleid-rapport.json").read_text("utf-8"))["raadsrijp"]
    # Unchanged since adoption: nothing to report, nothing to look at again.
    assert suspect_warnings(adopted) == []
    report = json.loads(
        (adopted.build("kernbeleid-wijzigingen").outdir / "kernbeleid-wijzigingen.json").read_text(
            "utf-8"
        )
    )
    assert report["toegevoegd"] == report["verwijderd"] == report["gewijzigd"] == []
    assert report["bron_ongewijzigd"] is True


def test_vaststellen_never_overwrites(adopted: Project, capsys) -> None:
    manifest = adopted.src / "vastgesteld" / "2026-12-17" / "manifest.json"
    before = manifest.read_bytes()
    adopted.write("index.rst", changed_plan())
    code = main(["vaststellen", "--datum", "2026-12-17", "--plan", str(adopted.src)])
    err = capsys.readouterr().err
    assert code == 1 and "nooit overschreven" in err and "Traceback" not in err
    assert manifest.read_bytes() == before


def test_vaststellen_refuses_a_plan_that_is_not_raadsrijp(project: Project, capsys) -> None:
    text = _without(PLAN, ".. effectindicator:: Rapportcijfer", ".. maatregel:: Integrale")
    project.write("index.rst", text)
    code = main(["vaststellen", "--datum", "2026-12-17", "--plan", str(project.src)])
    err = capsys.readouterr().err
    assert code == 1 and "niet raadsrijp" in err and "er is niets vastgelegd" in err
    assert f"index.rst:{line_of(text, '.. prioriteit:: Ondermijning')}" in err
    assert "KB-R2-indicatoren" in err
    assert not (project.src / "vastgesteld").exists()


def test_bad_date_is_a_dutch_message(project: Project, capsys) -> None:
    project.write("index.rst", PLAN)
    assert main(["vaststellen", "--datum", "17-12-2026", "--plan", str(project.src)]) == 1
    assert "jaar-maand-dag" in capsys.readouterr().err


def test_seven_changes_in_the_change_report(adopted: Project) -> None:
    adopted.write("index.rst", changed_plan())
    result = adopted.build("kernbeleid-wijzigingen")
    assert result.status == 0, result.warnings
    report = json.loads((result.outdir / "kernbeleid-wijzigingen.json").read_text("utf-8"))
    assert report["bron_ongewijzigd"] is False
    changed = {c["id"]: c for c in report["gewijzigd"]}
    fields = {i: {f["veld"]: f for f in c["velden"]} for i, c in changed.items()}
    assert fields["DOEL_B"]["titel"]["nu"] == "Minder inbraken in woningen"  # 1
    assert fields["EI_A1"]["streefwaarde"]["was"] == "12 (2029)"  # 2
    assert fields["EI_A1"]["streefwaarde"]["nu"] == "10 (2029)"
    assert {i["id"] for i in report["toegevoegd"]} == {"MR_NIEUW", "PI_NIEUW"}  # 3
    assert {i["id"] for i in report["verwijderd"]} == {"MR_WEG", "PI_WEG"}  # 4
    budget = {r["id"]: r for r in report["budget"]["per_onderdeel"]}  # 5
    assert (budget["PRIO_A"]["was"], budget["PRIO_A"]["nu"]) == ("50000", "40000")
    assert (budget["PRIO_B"]["was"], budget["PRIO_B"]["nu"]) == ("10000", "18000")
    assert budget["PRIO_A"]["verschil_tekst"] == "− € 10.000"
    assert report["budget"]["totaal"]["verschil_tekst"] == "− € 2.000"
    words = fields["MR_A1"]["tekst"]["woorden"]  # 6
    assert words == [
        ["=", "Controles op"],
        ["-", "bedrijventerreinen."],
        ["+", "bedrijventerreinen en in het buitengebied."],
    ]
    assert changed["PI_B_BEREIK"]["oud_id"] == "PI_B1"  # 7
    assert "PI_B1" not in {i["id"] for i in report["verwijderd"]}
    text = changed_plan()
    assert changed["MR_A1"]["plaats"] == f"index.rst:{line_of(text, ':: Integrale controles')}"
    html = (result.outdir / "kernbeleid-wijzigingen.html").read_text("utf-8")
    assert (
        "<ins>bedrijventerreinen en in het buitengebied.</ins>" in html
        and "17 december 2026" in html
    )
    assert "besluit 2026/123" in html and "MR_NIEUW" in html and "MR_WEG" in html


def test_suspects_located_and_beoordeel_clears_exactly_one(adopted: Project, capsys) -> None:
    text = changed_plan()
    adopted.write("index.rst", text)
    warnings = suspect_warnings(adopted)
    at = {m: f"index.rst:{line_of(text, f':id: {m}') - 1}" for m in ("MR_A1", "MR_A2", "MR_B1")}
    assert len(warnings) == 3, warnings
    for maatregel, where in at.items():
        (hit,) = [w for w in warnings if f"Maatregel {maatregel} " in w]
        assert where in hit and "te herbeoordelen" in hit
    assert "streefwaarde: 12 (2029) → 10 (2029)" in next(w for w in warnings if "MR_A1" in w)
    assert "doel DOEL_B" in next(w for w in warnings if "MR_B1" in w)
    assert not any("MR_NIEUW" in w for w in warnings)  # new, not suspect

    assert main(["beoordeel", "MR_A1", "--plan", str(adopted.src)]) == 0
    assert "Vastgelegd" in capsys.readouterr().out
    after = suspect_warnings(adopted)
    assert len(after) == 2 and not any("Maatregel MR_A1 " in w for w in after)

    # The source changes again: the review no longer holds.
    adopted.write("index.rst", text.replace(":streefwaarde: 10 (2029)", ":streefwaarde: 9 (2029)"))
    again = suspect_warnings(adopted)
    assert len(again) == 3 and any("Maatregel MR_A1 " in w for w in again)


def test_beoordeel_unknown_and_not_suspect(adopted: Project, capsys) -> None:
    assert main(["beoordeel", "MR_ONBEKEND", "--plan", str(adopted.src)]) == 1
    assert "geen item van het plan" in capsys.readouterr().err
    assert main(["beoordeel", "MR_A1", "--plan", str(adopted.src)]) == 0
    assert "hoeft niet herbeoordeeld" in capsys.readouterr().out
    assert main(["beoordeel", "PI_A1", "--plan", str(adopted.src)]) == 1
    assert "kernbeleid beoordeel MR_A1" in capsys.readouterr().err
    assert main(["vaststellen", "--plan", str(adopted.src)]) == 2
    assert "--datum 2026-12-17" in capsys.readouterr().err


def test_setting_names_the_baseline_default_latest(adopted: Project, capsys) -> None:
    adopted.write("index.rst", changed_plan())
    assert main(["vaststellen", "--datum", "2027-01-20", "--plan", str(adopted.src)]) == 0
    capsys.readouterr()
    assert suspect_warnings(adopted) == []  # compared with the latest adoption
    adopted.conf('kernbeleid_vastgesteld = "2026-12-17"\n')
    assert len(suspect_warnings(adopted)) == 3
    adopted.conf('kernbeleid_vastgesteld = "2025-01-01"\n')
    result = adopted.build("kernbeleid-check", out="check")
    assert "geen vastgestelde versie met die datum" in result.warnings


def test_change_report_without_adoption_says_what_to_do(project: Project) -> None:
    project.write("index.rst", PLAN)
    result = project.build("kernbeleid-wijzigingen")
    assert "kernbeleid vaststellen --datum" in result.warnings
    html = (result.outdir / "kernbeleid-wijzigingen.html").read_text("utf-8")
    assert "nog geen vastgestelde versie" in html


def test_damaged_adoption_is_a_located_dutch_warning(adopted: Project) -> None:
    (adopted.src / "vastgesteld" / "2026-12-17" / "needs.json").write_text("{kapot", "utf-8")
    result = adopted.build("kernbeleid-check", out="check")
    assert "vastgesteld/2026-12-17/needs.json is niet leesbaar" in result.warnings
    assert "Traceback" not in result.warnings


def test_an_interrupted_adoption_leaves_nothing_half(project: Project, capsys) -> None:
    project.write("index.rst", PLAN)
    leftover = project.src / "vastgesteld" / ".2026-12-17.tmp"
    leftover.mkdir(parents=True)
    (leftover / "needs.json").write_text("{half", "utf-8")
    code = main(["vaststellen", "--datum", "2026-12-17", "--plan", str(project.src)])
    assert code == 0, capsys.readouterr().err
    assert not leftover.exists()
    folder = project.src / "vastgesteld" / "2026-12-17"
    assert json.loads((folder / "needs.json").read_text("utf-8"))["versions"][""]["needs"]


def test_change_report_passes_axe(adopted: Project) -> None:
    """The change report is read by the griffie: no serious or critical axe finding."""
    from test_toegankelijkheid import BLOCKING, CHROMIUM

    if CHROMIUM is None:
        pytest.skip("geen chromium gevonden")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    adopted.write("index.rst", changed_plan())
    page_path = adopted.build("kernbeleid-wijzigingen").outdir / "kernbeleid-wijzigingen.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.goto(page_path.as_uri())
            violations = Axe().run(page).response["violations"]
        finally:
            browser.close()
    assert not [v["id"] for v in violations if v["impact"] in BLOCKING]


def test_seven_changes_in_the_check_section_and_the_word_annex(adopted: Project) -> None:
    """The check report's section "Wijzigingen sinds de vaststelling" (JSON, HTML, XLSX, with
    the full change report next to it) and the Word annex of the change report."""
    import jsonschema
    import openpyxl
    from docx import Document
    from test_check import schema

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    text = changed_plan()
    adopted.write("index.rst", text)
    check = adopted.build("kernbeleid-check", out="check")
    report = json.loads((check.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    jsonschema.validate(report, schema())
    section = report["wijzigingen"]
    assert section["vastgesteld"]["datum"] == "2026-12-17"
    assert section["vastgesteld"]["besluit"] == "2026/123"
    # 3 + 4: MR_NIEUW, PI_NIEUW added; MR_WEG, PI_WEG removed. 1, 2, 5, 6, 7 (DOEL_B, EI_A1,
    # MR_A2, MR_B1, MR_A1, PI_B_BEREIK) changed.
    assert (section["toegevoegd"], section["verwijderd"], section["gewijzigd"]) == (2, 2, 6)
    budget = {r["id"]: r["verschil_tekst"] for r in section["budget"]["per_onderdeel"]}
    assert budget == {"PRIO_A": "− € 10.000", "PRIO_B": "+ € 8.000"}
    assert section["budget"]["totaal"]["verschil_tekst"] == "− € 2.000"
    where = {s["id"]: s["plaats"] for s in section["herbeoordelen"]}
    assert where == {
        m: f"index.rst:{line_of(text, f':id: {m}') - 1}" for m in ("MR_A1", "MR_A2", "MR_B1")
    }
    assert section["overzicht"] == "kernbeleid-wijzigingen.html"
    assert (check.outdir / "kernbeleid-wijzigingen.html").is_file()  # the link works
    html = (check.outdir / "kernbeleid-rapport.html").read_text("utf-8")
    assert "<h2>Wijzigingen sinds de vaststelling</h2>" in html
    assert "href='kernbeleid-wijzigingen.html'" in html and "2 items toegevoegd" in html
    sheet = openpyxl.load_workbook(check.outdir / "kernbeleid-rapport.xlsx")["Wijzigingen"]
    cells = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Items gewijzigd", 6] in cells
    assert ["Totaal", 60000, 58000, -2000] in cells
    assert any(row[:2] == ["Bestuurlijke rapportages", "MR_A2"] for row in cells if row)

    # Beoordeeld: gone from the section (the full report keeps it, marked).
    assert main(["beoordeel", "MR_A1", "--plan", str(adopted.src)]) == 0
    check = adopted.build("kernbeleid-check", out="check")
    section = json.loads((check.outdir / "kernbeleid-rapport.json").read_text("utf-8"))[
        "wijzigingen"
    ]
    assert {s["id"] for s in section["herbeoordelen"]} == {"MR_A2", "MR_B1"}
    assert section["beoordeeld"] == 1

    word = adopted.build("kernbeleid-docx", out="word")
    assert "Toegankelijkheid" not in word.warnings, word.warnings
    path = word.outdir / "Wijzigingen-Voorbeeldstad-2026-12-17.docx"
    document = Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Wijzigingen sinds de vaststelling van 17 december 2026" in body
    rows = [
        [c.text.replace("\xa0", " ") for c in row.cells] for t in document.tables for row in t.rows
    ]
    assert ["Totaal", "€ 60.000", "€ 58.000", "− € 2.000"] in rows  # 5
    assert ["Veilige wijken (PRIO_B)", "€ 10.000", "€ 18.000", "+ € 8.000"] in rows
    assert ["titel", "Minder woninginbraken", "Minder inbraken in woningen"] in rows  # 1
    assert ["streefwaarde", "12 (2029)", "10 (2029)"] in rows  # 2
    assert ["id", "PI_B1", "PI_B_BEREIK"] in rows  # 7
    assert any(r[1].startswith("MR_NIEUW") for r in rows)  # 3
    assert any(r[1].startswith("MR_WEG") for r in rows)  # 4
    # 6: word level, struck (was) and underlined (nu) runs
    xml = document.element.body
    struck = [
        "".join(t.text for t in r.iter(f"{W}t"))
        for r in xml.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}strike") is not None
    ]
    underlined = [
        "".join(t.text for t in r.iter(f"{W}t"))
        for r in xml.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}u") is not None
    ]
    assert "bedrijventerreinen." in struck and "PI_B1" in struck
    assert "bedrijventerreinen en in het buitengebied." in underlined
    assert "Controles op" not in struck + underlined
    # The adopted version's own documents: no change annex stored with a later adoption.
    assert main(["vaststellen", "--datum", "2027-01-20", "--plan", str(adopted.src)]) == 0
    assert not list((adopted.src / "vastgesteld" / "2027-01-20").glob("Wijzigingen-*"))
