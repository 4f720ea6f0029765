"""Issue 19, point 6: ``kernbeleid metingen bekijk BESTAND`` shows what an export holds and
proposes the koppeling.yaml lines; the proposal, filled in where only the gemeente knows the
answer, imports the same values as the hand-written mapping. Both export shapes of the
fixtures: the police's open data (xlsx, padded codes, months) and the Veiligheidsmonitor
(csv, Windows-1252, ``;``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from metingen_plan import MAPPING, make_plan, write_mapping

from sphinxext_kernbeleid.imports.metingen import importeer


def bekijk(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinxext_kernbeleid", "metingen", "bekijk", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def proposal(out: str) -> str:
    """The YAML lines after the heading of the proposal."""
    return out.split("er is niets geschreven). Zet de regels in het bestand", 1)[1].split("\n", 1)[
        1
    ]


def imported(plan: Path, mapping: str) -> dict:
    write_mapping(plan, mapping)
    said: list[str] = []
    code = importeer(plan, say=said.append)
    assert code == 0, said
    data = yaml.safe_load((plan / "metingen" / "metingen.yaml").read_text("utf-8"))
    return {
        item: {year: (v["waarde"], v.get("voorlopig", False)) for year, v in years.items()}
        for item, years in data["indicatoren"].items()
    }


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan(tmp_path / "plan")


def test_police_export_is_described_and_its_proposal_imports(plan):
    done = bekijk("data/politie.xlsx", "--gemeente", "GM9999", cwd=plan)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Werkbladen: TypedDataSet (gelezen)" in out
    assert "Kolommen (blad TypedDataSet, 8 rijen onder de kopregel):" in out
    for line in (
        "A  ID                          volgnummer van de rij (geen waarde)",
        "B  SoortMisdrijf               codes: 1.4, 1.1.1",
        "C  WijkenEnBuurten             gebiedscodes: GM9999, GM9998",
        "D  Perioden                    perioden: 2024JJ00 … 2026MM02 (4 verschillende)",
        "E  GeregistreerdeMisdrijven_1  getallen van 15 tot 900",
    ):
        assert line in out, line
    assert (
        "Perioden: 2024 (heel jaar); 2025 (heel jaar); 2026 (maanden 1, 2, nog geen heel jaar)"
        in (out)
    )
    assert "Codes in SoortMisdrijf: 1.4, 1.1.1 Diefstal/inbraak woning" in out
    assert "Gemeentecodes: GM9998, GM9999" in out
    lines = proposal(out)
    assert "  EI_GEWELD:   # Geweldsmisdrijven per 1.000 inwoners\n" in lines
    assert '    filter: {SoortMisdrijf: "1.4"}\n    per_inwoners: 1000\n' in lines
    assert '    filter: {SoortMisdrijf: "1.1.1"}\n' in lines
    assert "# EI_RAPPORTCIJFER (Rapportcijfer veiligheid): niet in dit bestand gevonden" in lines
    # Filled in where only the gemeente knows (its inwoners), it imports what the
    # hand-written mapping imports.
    filled = lines.replace(
        "inwoners: {2024: …, 2025: …, 2026: …}", "inwoners: {2024: 41200, 2025: 41500, 2026: 41700}"
    )
    assert "…" not in filled
    by_proposal = imported(plan, filled)
    by_hand = imported(plan, MAPPING)
    assert by_proposal == {k: by_hand[k] for k in ("EI_GEWELD", "EI_INBRAAK")}
    assert by_proposal["EI_INBRAAK"][2024] == ("164", False)


def test_which_gemeente_is_asked_not_guessed(plan):
    out = bekijk("data/politie.xlsx", cwd=plan).stdout
    assert (
        '    filter: {WijkenEnBuurten: "[IN TE VULLEN: code van de gemeente]"}   '
        "# kies uit GM9999, GM9998; of geef --gemeente GMxxxx"
    ) in out


def test_monitor_export_is_described_and_its_proposal_imports(plan):
    conf = plan / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'kernbeleid_gemeente = "Lindewaard"\n', "utf-8")
    done = bekijk("data/monitor.csv", cwd=plan)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Werkbladen" not in out  # a csv file
    assert "B  Regio                              tekst: Lindewaard, ’s-Heerenbeek" in out
    assert "D  RapportcijferVeiligheidInBuurt_60  getallen van 6,4 tot 7,1" in out
    assert "Perioden: 2021 (heel jaar); 2023 (heel jaar); 2025 (heel jaar)" in out
    assert "Gemeentecodes: geen (geen kolom met GM-codes)" in out
    lines = proposal(out)
    assert "    filter: {Regio: Lindewaard}\n" in lines
    assert (
        "  EI_RAPPORTCIJFER:   # Rapportcijfer veiligheid\n    bestand: monitor\n"
        "    waarde: RapportcijferVeiligheidInBuurt_60\n"
    ) in lines
    assert imported(plan, lines) == {
        "EI_RAPPORTCIJFER": {2023: ("6,9", False), 2025: ("7,1", False)}
    }


def test_example_proposal_is_the_example_mapping(tmp_path):
    """The example's hand-written koppeling.yaml maps ten indicators; the two proposals
    (police and Veiligheidsmonitor) name the same ten, with the same codes and columns."""
    example = Path(__file__).parent.parent / "example_project"
    wanted = yaml.safe_load((example / "metingen" / "koppeling.yaml").read_text("utf-8"))
    found: dict = {}
    for name in ("politie.xlsx", "veiligheidsmonitor.csv"):
        done = bekijk(f"data/{name}", "--gemeente", "GM9999", cwd=example)
        assert done.returncode == 0, done.stderr
        text = proposal(done.stdout).replace("…", "1")
        text = text.replace('"[IN TE VULLEN: code van de gemeente]"', "GM9999")
        found.update(yaml.safe_load(text)["indicatoren"])
    for indicator in found.values():
        indicator.pop("bestand")
    for indicator in wanted["indicatoren"].values():
        indicator.pop("bestand")
    assert found == wanted["indicatoren"]


def test_without_a_plan_and_with_a_bad_file(tmp_path, plan):
    done = bekijk(str(plan / "data" / "monitor.csv"), cwd=tmp_path)
    assert done.returncode == 0
    assert "Geen voorstel voor koppeling.yaml: hier staat geen plan (conf.py)" in done.stdout
    (tmp_path / "kapot.xlsx").write_bytes(b"geen werkmap")
    done = bekijk("kapot.xlsx", cwd=tmp_path)
    assert done.returncode == 2
    assert "is geen Excel-werkmap" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    done = bekijk("data/politie.xlsx", "--blad", "Gegevens", cwd=plan)
    assert done.returncode == 2
    assert "heeft geen werkblad 'Gegevens'; wel: TypedDataSet." in done.stdout


def test_vermogenscriminaliteit_is_not_proposed_as_all_misdrijven():
    from sphinxext_kernbeleid.imports.bekijk import code_for
    from sphinxext_kernbeleid.imports.koppeling import PlanIndicator

    codes = ["0.0.0", "1.1.1", "1.4"]
    vermogen = PlanIndicator("EI_1_3_A", "Misdrijven vermogenscriminaliteit", {})
    assert code_for(vermogen, codes) is None
    totaal = PlanIndicator("EI_MISDRIJVEN", "Geregistreerde misdrijven per 1.000 inwoners", {})
    assert code_for(totaal, codes) == "0.0.0"


def test_one_shared_word_of_two_is_no_match():
    from sphinxext_kernbeleid.imports.bekijk import Kolom, columns_for
    from sphinxext_kernbeleid.imports.koppeling import PlanIndicator

    kolommen = [Kolom(0, "SlachtofferOnline_71", "getal"), Kolom(1, "OnveiligCentrum_12", "getal")]
    vermogen = PlanIndicator("EI_B", "Slachtofferschap vermogensdelicten", {"soort": "subjectief"})
    centrum = PlanIndicator("EI_C", "Onveiligheidsgevoel in het centrum", {"soort": "subjectief"})
    chosen = columns_for([vermogen, centrum], kolommen)
    assert "EI_B" not in chosen
    assert chosen["EI_C"].naam == "OnveiligCentrum_12"
