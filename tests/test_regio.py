"""``kernbeleid regio``: the regional view over real builds and over generated plans.

The example (Lindewaard) and a plan started with ``kernbeleid nieuw`` are built for real
(needs.json and the check report); generated plans come from ``bench/regio_bench.py``.
Every figure is checked against the plans' own exports, computed here independently.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sphinx.cmd.build import build_main

from sphinxext_kernbeleid.cli.main import main
from sphinxext_kernbeleid.model.parsing import parse_list, parse_money

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import regio_bench  # noqa: E402

PAGES = (
    "index",
    "plattegrond",
    "matrix",
    "stap-3a",
    "indicatoren",
    "partners",
    "budgetten",
)


def _sphinx(src: Path, builder: str, out: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        build_main(["-b", builder, "-q", "-d", str(out.parent / ".doctrees"), str(src), str(out)])
    assert any(out.glob("*.json")), f"{builder} wrote nothing in {out}"


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["regio", *args])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def plannen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Lindewaard (the example) and Beekdal (a new plan), each built as a user builds it."""
    root = tmp_path_factory.mktemp("regio")
    lindewaard = root / "lindewaard"
    _sphinx(ROOT / "example_project", "needs", lindewaard / "_build" / "needs")
    _sphinx(ROOT / "example_project", "kernbeleid-check", lindewaard / "_build" / "check")
    beekdal = root / "beekdal"
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(
            [
                "nieuw",
                str(beekdal),
                "--gemeente",
                "Beekdal",
                "--periode",
                "2026-2029",
                "--prioriteiten",
                "1.3,5.2",
                "--themas",
                "3.1",
            ]
        )
    assert status == 0
    _sphinx(beekdal, "needs", beekdal / "_build" / "needs")
    _sphinx(beekdal, "kernbeleid-check", beekdal / "_build" / "check")
    return {"Lindewaard": lindewaard, "Beekdal": beekdal}


def _exports(folder: Path) -> tuple[dict, dict]:
    rapport = json.loads((folder / "_build/check/kernbeleid-rapport.json").read_text("utf-8"))
    data = json.loads((folder / "_build/needs/needs.json").read_text("utf-8"))
    return rapport, data["versions"][data["current_version"]]["needs"]


def _sheet(path: Path, name: str) -> list[dict]:
    ws = load_workbook(path)[name]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture(scope="module")
def regio(plannen: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("uit") / "regio"
    status, stdout, stderr = _run(*map(str, plannen.values()), "--uit", str(out))
    assert (status, stderr) == (0, "")
    assert "Regionaal beeld van 2 plannen geschreven" in stdout
    return out


def test_pages_are_accessible_dutch_html(regio: Path) -> None:
    for name in PAGES:
        page = (regio / f"{name}.html").read_text("utf-8")
        assert '<html lang="nl">' in page
        assert page.count("<h1>") == 1, name
        for table in re.findall(r"<table.*?</table>", page, flags=re.S):
            assert "<caption>" in table and "<th scope='col'>" in table, name
        for href in re.findall(r"href=\"([^\"#]+)\"", page):
            assert (regio / href).is_file(), f"{name}: link to missing {href}"
    index = (regio / "index.html").read_text("utf-8")
    assert "Lindewaard" in index and "Beekdal" in index


def test_plattegrond_counts_agree_with_each_plans_report(plannen, regio) -> None:
    expected: Counter[str] = Counter()
    for folder in plannen.values():
        rapport, _ = _exports(folder)
        for column in rapport["plattegrond"]:
            for theme in column["themes"]:
                if theme["dekking"] == "prioriteit":
                    expected[theme["code"]] += 1
    rows = _sheet(regio / "regio.xlsx", "Plattegrond")
    assert len(rows) == 22  # every theme of the catalogue, also those no plan names
    assert {r["Code"]: r["Prioriteit in"] for r in rows if r["Prioriteit in"]} == expected
    assert expected["1.3"] == 2 and expected["5.2"] == 2  # both plans chose these
    page = (regio / "plattegrond.html").read_text("utf-8")
    assert "prioriteit in 2 van 2" in page


def test_budget_total_is_the_checks_own_figure(plannen, regio) -> None:
    total = Decimal(0)
    for folder in plannen.values():
        rapport, _ = _exports(folder)
        total += parse_money(rapport["summary"]["budget_maatregelen"] or "€ 0")
    rows = _sheet(regio / "regio.xlsx", "Budget per thema")
    assert rows[-1]["Thema"] == "Totaal"
    assert Decimal(str(rows[-1]["Budget maatregelen"])) == total
    # The column adds up: every theme row plus the row without a theme gives the total.
    parts = sum(Decimal(str(r["Budget maatregelen"] or 0)) for r in rows[:-1])
    assert parts == total
    assert "€ " in (regio / "budgetten.html").read_text("utf-8")


def test_partners_count_active_maatregelen(plannen, regio) -> None:
    maatregelen = 0
    with_politie = 0
    for folder in plannen.values():
        _, needs = _exports(folder)
        for need in needs.values():
            if need["type"] != "maatregel" or need.get("status") == "vervallen":
                continue
            maatregelen += 1
            partners = [p.casefold() for p in parse_list(need.get("partners") or "")]
            with_politie += "politie" in partners
    rows = {r["Partner"]: r for r in _sheet(regio / "regio.xlsx", "Partners")}
    assert rows["Politie"]["Maatregelen"] == with_politie
    assert rows["Politie"]["Aandeel in de maatregelen"] == pytest.approx(with_politie / maatregelen)


def test_matrix_names_each_plans_own_prioriteit(regio) -> None:
    rows = {r["Gemeente"]: r for r in _sheet(regio / "regio.xlsx", "Prioriteiten per gemeente")}
    column = next(c for c in rows["Lindewaard"] if c.startswith("5.2 "))
    assert column.endswith("(2)")
    assert rows["Lindewaard"][column] == "Ondermijning tegengaan"
    assert rows["Beekdal"][column]  # the prioriteit kernbeleid nieuw wrote for 5.2


def test_shared_indicators_side_by_side(plannen, regio) -> None:
    names = []
    for folder in plannen.values():
        rapport, _ = _exports(folder)
        names.append(
            {
                " ".join(i["title"].split()).casefold()
                for group in rapport["indicatoren"] + rapport["strategische_doelen"]
                for i in group["indicatoren"]
            }
        )
    shared = names[0] & names[1]
    assert shared  # both use the catalogue's suggestion for the strategic goal
    rows = _sheet(regio / "regio.xlsx", "Gedeelde indicatoren")
    assert {r["Effectindicator"].casefold() for r in rows} == shared
    assert all(r["Gedeeld door (gemeenten)"] == 2 for r in rows)


def test_stap_3a_shows_overlap_and_differences_as_page_and_word_annex(plannen, regio) -> None:
    from docx import Document

    from sphinxext_kernbeleid.builders.docx.a11y import check

    local: dict[str, set[str]] = {}
    for gemeente, folder in plannen.items():
        rapport, _ = _exports(folder)
        local[gemeente] = {
            t["code"]
            for column in rapport["plattegrond"]
            for t in column["themes"]
            if t["dekking"] == "prioriteit"
        }
    both = local["Lindewaard"] & local["Beekdal"]
    only = local["Lindewaard"] ^ local["Beekdal"]
    assert both and only
    path = regio / "stap-3a.docx"
    assert check(path, title_terms=("stap 3a",)) == []
    table = Document(str(path)).tables[0]
    rows = {r.cells[0].text.split()[0]: [c.text for c in r.cells] for r in table.rows[1:]}
    assert set(rows) == both | only
    for code in both:
        assert rows[code][1:3] == ["2 van 2", "Beekdal, Lindewaard"]
        assert rows[code][5] == "overal prioriteit: kandidaat voor gezamenlijk"
    for code in only:
        assert rows[code][5] == "alleen lokaal"
    sheet = {r["Thema"].split()[0]: r for r in _sheet(regio / "regio.xlsx", "Stap 3a")}
    assert set(sheet) == set(rows)
    page = (regio / "stap-3a.html").read_text("utf-8")
    assert "Lokale prioriteiten per gemeente" in page and "href='stap-3a.docx'" in page


def test_the_store_holds_the_data_for_further_questions(regio) -> None:
    import duckdb

    con = duckdb.connect(str(regio / "regio.duckdb"), read_only=True)
    gemeenten = con.execute("SELECT gemeente FROM plannen ORDER BY gemeente").fetchall()
    assert gemeenten == [("Beekdal",), ("Lindewaard",)]
    con.close()


def test_rapport_file_finds_its_needs_json(plannen, tmp_path) -> None:
    rapport = plannen["Lindewaard"] / "_build/check/kernbeleid-rapport.json"
    status, _, stderr = _run(str(rapport), "--uit", str(tmp_path / "uit"))
    assert (status, stderr) == (0, "")


def test_generated_plans(tmp_path) -> None:
    folders = regio_bench.generate(tmp_path / "plannen", 12, 150)
    status, _, stderr = _run(*map(str, folders), "--uit", str(tmp_path / "uit"))
    assert (status, stderr) == (0, "")
    rows = _sheet(tmp_path / "uit" / "regio.xlsx", "Plannen")
    assert len(rows) == 12
    reports = [json.loads(next(f.rglob("kernbeleid-rapport.json")).read_text()) for f in folders]
    by_name = {r["gemeente"]: r for r in reports}
    for row in rows:
        rapport = by_name[row["Gemeente"]]
        assert row["Raadsrijp"] == ("ja" if rapport["raadsrijp"] else "nee")
        assert row["Maatregelen"] == rapport["summary"]["coverage"]["maatregelen"]
        budget = parse_money(rapport["summary"]["budget_maatregelen"])
        assert Decimal(str(row["Budget maatregelen"])) == budget


def test_text_that_looks_like_a_formula_stays_text(tmp_path) -> None:
    folder = regio_bench.generate(tmp_path / "plannen", 1, 40)[0]
    path = folder / "_build/needs/needs.json"
    data = json.loads(path.read_text("utf-8"))
    needs = data["versions"][""]["needs"]
    maatregel = next(n for n in needs.values() if n["type"] == "maatregel")
    maatregel["partners"] = "=1+1; -Wijkteam; @buurt"
    maatregel["status"] = "lopend"
    path.write_text(json.dumps(data), "utf-8")
    assert _run(str(folder), "--uit", str(tmp_path / "uit"))[0] == 0
    ws = load_workbook(tmp_path / "uit" / "regio.xlsx")["Partners"]
    cells = {c.value: c for c in ws["A"]}
    for text in ("=1+1", "-Wijkteam", "@buurt"):
        assert cells[text].data_type == "s"


def _refused(args: list[str], out: Path) -> str:
    status, stdout, stderr = _run(*args, "--uit", str(out))
    assert status == 1 and stdout == ""
    assert "Traceback" not in stderr
    assert "Er is niets geschreven." in stderr
    assert not out.exists()
    return stderr


def test_unknown_format_is_refused_by_name(plannen, tmp_path) -> None:
    future = tmp_path / "toekomst"
    shutil.copytree(plannen["Lindewaard"] / "_build", future / "_build")
    rapport = future / "_build/check/kernbeleid-rapport.json"
    data = json.loads(rapport.read_text("utf-8"))
    data["schema_version"] = 7
    rapport.write_text(json.dumps(data), "utf-8")
    vreemd = tmp_path / "vreemd.json"
    vreemd.write_text('{"rows": []}', "utf-8")
    kapot = tmp_path / "kapot.json"
    kapot.write_text('{"schema_version": 1, "gem', "utf-8")
    stderr = _refused([str(future), str(vreemd), str(kapot)], tmp_path / "uit")
    assert f"{rapport} heeft rapportformaat 7; deze versie van kernbeleid leest formaat 1" in stderr
    assert f"{vreemd} is geen export van kernbeleid" in stderr
    assert f"{kapot} is geen leesbaar JSON-bestand" in stderr


def test_missing_files_are_told(plannen, tmp_path) -> None:
    leeg = tmp_path / "leeg"
    leeg.mkdir()
    alleen = tmp_path / "alleen" / "kernbeleid-rapport.json"
    alleen.parent.mkdir()
    shutil.copy(plannen["Lindewaard"] / "_build/check/kernbeleid-rapport.json", alleen)
    nergens = tmp_path / "bestaat-niet"
    stderr = _refused([str(nergens), str(leeg), str(alleen)], tmp_path / "uit")
    assert f"{nergens} bestaat niet." in stderr
    assert f"In {leeg} staat geen kernbeleid-rapport.json (het toetsrapport)." in stderr
    assert f"Bij {alleen} hoort needs.json (needs.json) van hetzelfde plan" in stderr
    assert "sphinx-build -b needs . _build/needs" in stderr


def test_two_exports_of_one_gemeente_are_refused(plannen, tmp_path) -> None:
    kopie = tmp_path / "lindewaard-oud"
    shutil.copytree(plannen["Lindewaard"] / "_build", kopie / "_build")
    stderr = _refused([str(plannen["Lindewaard"]), str(kopie)], tmp_path / "uit")
    assert f"Lindewaard staat er twee keer in: {plannen['Lindewaard']} en {kopie}." in stderr


def test_exports_of_different_builds_are_refused(plannen, tmp_path) -> None:
    mixed = tmp_path / "gemengd"
    (mixed / "_build").mkdir(parents=True)
    shutil.copytree(plannen["Lindewaard"] / "_build/check", mixed / "_build/check")
    shutil.copytree(plannen["Beekdal"] / "_build/needs", mixed / "_build/needs")
    stderr = _refused([str(mixed)], tmp_path / "uit")
    assert "horen niet bij dezelfde versie van het plan" in stderr


def test_the_same_queries_run_over_parquet_files(regio, tmp_path) -> None:
    """The documented path to a larger engine: tables as Parquet, queries unchanged."""
    import duckdb

    from sphinxext_kernbeleid.regio import queries

    store = duckdb.connect(str(regio / "regio.duckdb"), read_only=True)
    store.execute(f"EXPORT DATABASE '{tmp_path / 'parquet'}' (FORMAT parquet)")
    expected = queries.regio(store)
    tables = [name for (name,) in store.execute("SHOW TABLES").fetchall()]
    store.close()
    files = duckdb.connect()
    for table in tables:
        path = tmp_path / "parquet" / f"{table}.parquet"
        files.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
    assert queries.regio(files) == expected


def test_pages_pass_axe(regio) -> None:
    """axe-core in the distribution's chromium: no serious or critical finding on any page."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("geen chromium gevonden (Debian-pakket 'chromium')")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            for name in PAGES:
                page.goto((regio / f"{name}.html").as_uri())
                for violation in Axe().run(page).response["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        problems.append(f"{name}: {violation['id']} {violation['nodes'][0]}")
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
