"""kernbeleid prioriteiten vastleggen: the verslag, and chapters filled without overwriting."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinxext_kernbeleid.cli import main as cli
from sphinxext_kernbeleid.imports.prioriteiten import read_blocks, vastleggen

ARGS = ["--gemeente", "Voorbeeldstad", "--periode", "2027-2030", "--prioriteiten", "1.3"]
HAND = "Deze zin schreef de coördinator zelf en blijft precies zo staan."


def run(plan: Path, codes: str, themas: str | None = None, **kwargs) -> tuple[int, str]:
    said: list[str] = []
    code = vastleggen(plan, codes, themas, say=said.append, today=dt.date(2026, 3, 12), **kwargs)
    return code, "\n".join(said)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan"
    assert cli.main(["nieuw", str(target), *ARGS]) == 0
    analyses = target / "ivp" / "uitgangssituatie.rst"
    text = analyses.read_text("utf-8")
    # the coordinator wrote the analysis of 5.2 and 2.1 in the method's three parts
    for code, problem, aanpak, extra in (
        ("5.2", "Drugslabs op het bedrijventerrein.", "RIEC en Bibob.", "Ja, meer controles."),
        ("2.1", "Winkeldiefstal stijgt.", "Keurmerk.", "Nee."),
    ):
        block = text.split(f":kv: {code}\n")[1].split(".. analyse::")[0]
        filled = (
            f"\n   **Problematiek.** {problem}\n\n   **Huidige aanpak.** {aanpak}\n\n"
            f"   **Extra inzet nodig?** {extra}\n\n"
        )
        text = text.replace(f":kv: {code}\n{block}", f":kv: {code}\n{filled}")
    analyses.write_text(text, "utf-8")
    prioriteiten = target / "ivp" / "prioriteiten.rst"
    prioriteiten.write_text(prioriteiten.read_text("utf-8") + f"\n{HAND}\n", "utf-8")
    return target


def test_verslag_and_new_items_from_the_analysis_nothing_overwritten(plan):
    before = {p: p.read_text("utf-8") for p in (plan / "ivp").glob("*.rst")}
    code, said = run(plan, "1.3,5.2")
    assert code == 0, said
    assert "1.3: staat al als prioriteit in ivp/prioriteiten.rst" in said
    for path, old in before.items():
        assert path.read_text("utf-8").startswith(old.rstrip("\n")), path  # only appended
    added = (plan / "ivp" / "prioriteiten.rst").read_text("utf-8")[
        len(before[plan / "ivp" / "prioriteiten.rst"]) :
    ]
    assert ".. prioriteit:: Georganiseerde/ondermijnende criminaliteit" in added
    assert ":id: PRIO_5_2" in added and ":rang: 2" in added
    assert "**Waarom een prioriteit?** Drugslabs op het bedrijventerrein." in added
    assert "**Hoofdlijnen van de aanpak.** Ja, meer controles." in added
    themes = (plan / "ivp" / "overige_themas.rst").read_text("utf-8")
    assert ".. thema:: Veilig winkelgebied" in themes and "   Keurmerk." in themes
    assert HAND in (plan / "ivp" / "prioriteiten.rst").read_text("utf-8")
    verslag = (plan / "prioritering" / "verslag.rst").read_text("utf-8")
    assert "#. 5.2 Georganiseerde/ondermijnende criminaliteit" in verslag
    assert "* 2.1 Veilig winkelgebied" in verslag  # the analysed theme that was not chosen
    assert "  * 4.2 Georganiseerde/ondermijnende criminaliteit" in verslag
    assert "  * 5.1 Veilig winkelgebied" in verslag
    blocks = {b.options.get("id"): b for b in read_blocks(plan)}
    assert blocks["PRIO_5_2"].kv == ["5.2"]


def test_second_run_changes_nothing_and_a_changed_choice_needs_overschrijf(plan):
    assert run(plan, "1.3,5.2")[0] == 0
    files = {p: p.read_bytes() for p in plan.rglob("*.rst")}
    code, said = run(plan, "1.3,5.2")
    assert code == 0 and "Niets veranderd" in said
    assert {p: p.read_bytes() for p in plan.rglob("*.rst")} == files
    code, said = run(plan, "1.3,2.1")
    assert code == 2 and "--overschrijf" in said
    assert {p: p.read_bytes() for p in plan.rglob("*.rst")} == files
    code, said = run(plan, "1.3,2.1", overschrijf=True)
    assert code == 0
    assert "2.1: staat al als thema in ivp/overige_themas.rst" in said  # not turned around


def test_bad_codes_are_refused_in_dutch(plan):
    code, said = run(plan, "1.3,9.9")
    assert code == 2 and "'9.9' is geen thema uit de catalogus" in said
    code, said = run(plan, "1.1,1.2,1.3,1.4,2.1")
    assert code == 2 and "kies 1 tot 4 prioriteiten" in said
    assert not (plan / "prioritering").exists()


def test_the_plan_still_builds_after_vastleggen(plan):
    assert run(plan, "1.3,5.2")[0] == 0
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(["-b", "html", "-q", "-N", str(plan), str(plan / "_build" / "html")])
    assert status == 0, stderr.getvalue()
    assert "verslag" not in stderr.getvalue()
