"""kernbeleid politie importeer: a police-shaped export in, figures per thema out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from metingen_plan import write_csv, write_xlsx

from sphinxext_kernbeleid.cli import main as cli
from sphinxext_kernbeleid.imports.politie import importeer
from sphinxext_kernbeleid.model import catalogue, politiecodes
from sphinxext_kernbeleid.records import politie

HEADER = ["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"]
ROWS = [
    [1, "1.1.1 ", "GM0758    ", "2023JJ00", "120"],
    [2, "1.2.3 ", "GM0758    ", "2023JJ00", "300"],
    [3, "1.4.5 ", "GM0758    ", "2023JJ00", "80"],
    [4, "2.5.2 ", "GM0758    ", "2023JJ00", "45"],
    [5, "9.9.9 ", "GM0758    ", "2023JJ00", "7"],
    [6, "0.0.0 ", "GM0758    ", "2023JJ00", "552"],
    [7, "1.1.1 ", "GM0344    ", "2023JJ00", "999"],
    [8, "2.5.2 ", "GM0344    ", "2023JJ00", "999"],
    [9, "1.1.1 ", "GM0758    ", "2024MM01", "10"],
    [10, "1.1.1 ", "GM0758    ", "2024MM02", "12"],
]


def make_plan(root: Path, inwoners: str = "inwoners:\n  2023: 120000\n") -> Path:
    (root / "metingen").mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["sphinxext_kernbeleid"]\n', "utf-8")
    if inwoners:
        (root / "metingen" / "koppeling.yaml").write_text(inwoners, "utf-8")
    return root


def run(export: Path, plan: Path, regio: str = "GM0758", **kwargs) -> tuple[int, str]:
    said: list[str] = []
    code = importeer(export, regio, plan, say=said.append, **kwargs)
    return code, "\n".join(said)


def read(plan: Path) -> politie.Politiecijfers:
    data, problems = politie.read_file(politie.path_of(plan))
    assert problems == [] and data is not None
    return data


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan(tmp_path / "plan")


def test_mapping_codes_have_titles_sources_and_existing_themes():
    indeling = politiecodes.load()
    known = catalogue.load().by_code
    assert indeling.bron and len(indeling.codes) > 50
    for code, soort in indeling.codes.items():
        assert politiecodes.split_code(code) == (code, "")
        assert soort.titel and soort.grond, code
        assert soort.thema is None or soort.thema in known, code
    assert indeling.codes["1.1.1"].titel == "Diefstal/inbraak woning"
    assert indeling.thema("1.1.1") == "1.3"
    assert indeling.thema("0.0.0") is None  # the total counts for no thema


def test_known_and_unknown_codes_totals_per_inwoner_and_other_gemeente(plan, tmp_path):
    export = write_csv(tmp_path / "data" / "misdrijven.csv", HEADER, ROWS)
    code, said = run(export, plan, regio=" gm0758 ")
    assert code == 0, said
    data = read(plan)
    assert data.regio == "GM0758"
    # 1.3 = 1.1.1 + 1.2.3 + 1.4.5 of GM0758 only; GM0344's 999s never count
    thema_13 = data.themas["1.3"][2023]
    assert thema_13.aantal == sum(data.soorten[c].jaren[2023] for c in ("1.1.1", "1.2.3", "1.4.5"))
    assert thema_13.aantal == Decimal(500)
    assert thema_13.per_1000 == Decimal("4.2")  # 500 / 120.000 * 1.000
    assert data.themas["2.1"][2023].aantal == Decimal(45)
    # months add up to a provisional year; no inwoners for 2024, so no per-1.000 figure
    assert data.themas["1.3"][2024] == politie.ThemaJaar(Decimal(22), None, True)
    assert set(data.niet_ingedeeld) == {"0.0.0", "9.9.9"}
    assert (
        "Niet ingedeeld 9.9.9 (zonder titel) (2023: 7) – deze code staat niet in de indeling"
        in said
    )
    assert "Overgeslagen: 2 rijen van 1 andere gebied(en)" in said
    assert "'1.3':\n    2023: {aantal: 500, per_1000_inwoners: '4,2'}" in (
        politie.path_of(plan).read_text("utf-8")
    )


def test_code_and_title_in_one_cell_with_region_names_from_xlsx(plan, tmp_path):
    header = ["Soort misdrijf", "Regio's", "Perioden", "Geregistreerde misdrijven (aantal)"]
    rows = [
        ["1.1.1 Diefstal/inbraak woning", "Breda", "2023", 120.0],
        ["7.7.7 Nieuwe soort van de politie", "Breda", "2023", 3.0],
        ["1.1.1 Diefstal/inbraak woning", "Tilburg", "2023", 99.0],
    ]
    export = write_xlsx(tmp_path / "misdrijven.xlsx", header, rows)
    code, said = run(export, plan, regio="Breda")
    assert code == 0, said
    data = read(plan)
    assert data.themas["1.3"][2023].aantal == Decimal(120)
    assert data.soorten["7.7.7"].titel == "Nieuwe soort van de politie"
    assert data.soorten["7.7.7"].thema is None
    assert "Niet ingedeeld 7.7.7 Nieuwe soort van de politie (2023: 3)" in said


def test_reimport_is_idempotent_and_a_changed_figure_is_refused(plan, tmp_path):
    export = write_csv(tmp_path / "misdrijven.csv", HEADER, ROWS)
    assert run(export, plan)[0] == 0
    before = politie.path_of(plan).read_text("utf-8")
    code, said = run(export, plan)
    assert code == 0 and "Niets veranderd" in said
    assert politie.path_of(plan).read_text("utf-8") == before
    changed = [row[:4] + (["130"] if row[0] == 1 else [row[4]]) for row in ROWS]
    export2 = write_csv(tmp_path / "herzien.csv", HEADER, changed)
    code, said = run(export2, plan)
    assert code == 2
    assert "thema 1.3 2023: staat als 500 in metingen/politiecijfers.yaml" in said
    assert politie.path_of(plan).read_text("utf-8") == before
    assert run(export2, plan, overschrijf=True)[0] == 0
    assert read(plan).themas["1.3"][2023].aantal == Decimal(510)
    # the provisional 2024 may grow without --overschrijf
    more = [*ROWS, [11, "1.1.1 ", "GM0758    ", "2024MM03", "5"]]
    changed_more = [r[:4] + (["130"] if r[0] == 1 else [r[4]]) for r in more]
    assert run(write_csv(tmp_path / "maart.csv", HEADER, changed_more), plan)[0] == 0
    assert read(plan).themas["1.3"][2024].aantal == Decimal(27)


def test_another_gemeente_never_mixes_into_the_file(plan, tmp_path):
    export = write_csv(tmp_path / "misdrijven.csv", HEADER, ROWS)
    assert run(export, plan)[0] == 0
    code, said = run(export, plan, regio="GM0344")
    assert code == 2
    assert "bevat cijfers van GM0758, deze import is voor GM0344" in said
    assert read(plan).themas["2.1"][2023].aantal == Decimal(45)


def test_located_refusals(plan, tmp_path):
    export = write_csv(tmp_path / "misdrijven.csv", HEADER, ROWS)
    code, said = run(export, plan, regio="GM9999")
    assert code == 2 and "geen enkele rij is van regio 'GM9999'" in said
    assert "GM0344, GM0758" in said
    wrong = write_csv(tmp_path / "fout.csv", ["Soort", "Jaar", "Waarde"], [["1.1.1", "2023", "1"]])
    code, said = run(wrong, plan)
    assert code == 2 and "kolom voor soort misdrijf en regio en aantal niet gevonden" in said
    bad = [
        [1, "1.1.1 ", "GM0758", "2023JJ00", "12,5x"],
        [2, "woninginbraak", "GM0758", "2023JJ00", "3"],
        [3, "1.2.3 ", "GM0758", "2023XX00", "3"],
        [4, "1.2.3 ", "GM0758", "2023JJ00", "4"],
        [5, "1.2.3 ", "GM0758", "2023JJ00", "5"],
    ]
    code, said = run(write_csv(tmp_path / "rommel.csv", HEADER, bad), plan)
    assert code == 1, said
    assert "rommel.csv, rij 2: aantal '12,5x'" in said
    assert "rommel.csv, rij 3: soort misdrijf 'woninginbraak' begint niet met een code" in said
    assert "rommel.csv, rij 4: periode '2023XX00' niet herkend" in said
    assert "rommel.csv, rij 6: soort 1.2.3, periode 2023JJ00 staat er al (rij 5)" in said
    assert read(plan).themas["1.3"][2023].aantal == Decimal(4)
    code, said = run(tmp_path / "bestaat-niet.csv", plan)
    assert code == 2 and "bestaat niet" in said and "Traceback" not in said


def test_proef_writes_nothing_and_cli_needs_regio(plan, tmp_path, capsys):
    export = write_csv(tmp_path / "misdrijven.csv", HEADER, ROWS)
    code, said = run(export, plan, proef=True)
    assert code == 0 and "Proef:" in said
    assert not politie.path_of(plan).exists()
    assert cli.main(["politie", "importeer", str(export), "--plan", str(plan)]) == 2
    assert "--regio GM0758" in capsys.readouterr().err
    args = ["politie", "importeer", str(export), "--regio", "GM0758", "--plan", str(plan)]
    assert cli.main(args) == 0
    assert "Geschreven:" in capsys.readouterr().out


def test_ctrl_c_is_one_sentence_and_leaves_the_file_as_it_was(plan, tmp_path, monkeypatch):
    export = write_csv(tmp_path / "politie.csv", HEADER, ROWS)
    assert run(export, plan)[0] == 0
    before = politie.path_of(plan).read_bytes()

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(politie, "dump", interrupted)
    code, said = run(export, plan)
    assert code == 130 and said.endswith("Afgebroken; er is niets geschreven."), said
    assert politie.path_of(plan).read_bytes() == before


def test_a_leftover_of_a_killed_import_is_removed(plan, tmp_path):
    leftover = plan / "metingen" / ".politiecijfers.yaml.x1y2z3w4.tmp"
    leftover.write_text("regio: GM07", "utf-8")
    code, said = run(write_csv(tmp_path / "politie.csv", HEADER, ROWS), plan)
    assert code == 0, said
    assert not leftover.exists()


def test_a_joint_plan_gives_inwoners_per_gemeente(tmp_path):
    plan = make_plan(
        tmp_path / "plan", "inwoners:\n  GM0758: {2023: 60000}\n  GM0344: {2023: 10000}\n"
    )
    code, said = run(write_csv(tmp_path / "politie.csv", HEADER, ROWS), plan)
    assert code == 0, said
    assert read(plan).themas["1.3"][2023].per_1000 == Decimal("8.3")  # 500 / 60.000 × 1.000
