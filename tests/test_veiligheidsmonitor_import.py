"""kernbeleid monitor importeer: a Veiligheidsmonitor-shaped export in, figures out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from metingen_plan import write_csv, write_xlsx

from sphinxext_kernbeleid.cli import main as cli
from sphinxext_kernbeleid.imports.veiligheidsmonitor import importeer
from sphinxext_kernbeleid.model import catalogue, monitorcodes
from sphinxext_kernbeleid.records import monitor

#: The shape of CBS StatLine's TypedDataSet of the Veiligheidsmonitor: value rows
#: (MW00000) and the bounds of their confidence intervals, padded region codes.
HEADER = [
    "ID",
    "Marges",
    "RegioS",
    "Perioden",
    "RapportcijferVeiligheidInBuurt_60",
    "SocialeCohesieSchaalscore_15",
    "Slachtoffers_68",
    "OnbekendOnderwerp_999",
]
ROWS = [
    [0, "MW00000", "GM0758    ", "2023JJ00", "6,9", "5,8", "1,2", "3,3"],
    [1, "MOG0095", "GM0758    ", "2023JJ00", "6,7", "5,6", "0,9", "2,9"],
    [2, "MBG0095", "GM0758    ", "2023JJ00", "7,1", "6,0", "1,5", "3,7"],
    [3, "MW00000", "GM0758    ", "2025JJ00", "7,1", ".", "1,0", "3,1"],
    [4, "MW00000", "GM0344    ", "2023JJ00", "5,5", "4,4", "9,9", "9,9"],
    [5, "MW00000", "GM0344    ", "2025JJ00", "5,4", "4,3", "9,8", "9,8"],
    [6, "MW00000", "NL01      ", "2025JJ00", "7,0", "5,9", "1,1", "3,0"],
]


def make_plan(root: Path) -> Path:
    (root / "metingen").mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["sphinxext_kernbeleid"]\n', "utf-8")
    return root


def run(export: Path, plan: Path, regio: str = "GM0758", **kwargs) -> tuple[int, str]:
    said: list[str] = []
    code = importeer(export, regio, plan, say=said.append, **kwargs)
    return code, "\n".join(said)


def read(plan: Path) -> monitor.Monitorcijfers:
    data, problems = monitor.read_file(monitor.path_of(plan))
    assert problems == [] and data is not None
    return data


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan(tmp_path / "plan")


def test_mapping_names_titles_sources_and_the_catalogues_survey_indicators():
    indeling = monitorcodes.load()
    themes = catalogue.load().by_code
    assert "85146NED" in indeling.bron and len(indeling.onderwerpen) >= 25
    for onderwerp in indeling.onderwerpen.values():
        assert onderwerp.titel and onderwerp.grond, onderwerp.sleutel
        for plaats in onderwerp.themas:
            theme = themes[plaats.thema]
            if plaats.indicator is not None:  # a suggested survey indicator of that theme
                survey = {e.naam for e in theme.effectindicatoren if e.bron == "veiligheidsmonitor"}
                assert plaats.indicator in survey, (onderwerp.sleutel, plaats)
    found = indeling.find("RapportcijferVeiligheidInBuurt_60")
    assert found is not None and found.themas[0].thema == "1.4"
    assert indeling.find("rapportcijferveiligheidinbuurt_64") == found  # another table version
    assert indeling.find("Slachtoffers_68") is None and indeling.ambiguous("Slachtoffers_68")


def test_known_ambiguous_and_unknown_subjects_margins_and_another_gemeente(plan, tmp_path):
    export = write_csv(tmp_path / "data" / "vm.csv", HEADER, ROWS)
    code, said = run(export, plan)
    assert code == 0, said
    data = read(plan)
    assert data.regio == "GM0758" and data.bestand == "../../data/vm.csv"
    veiligheid = data.onderwerpen["RapportcijferVeiligheidInBuurt"]
    assert veiligheid.jaren == {2023: Decimal("6.9"), 2025: Decimal("7.1")}  # not a bound
    assert veiligheid.kolom == "RapportcijferVeiligheidInBuurt_60"
    assert [(p.thema, p.indicator) for p in veiligheid.themas] == [
        ("1.4", "Rapportcijfer veiligheid van de buurt")
    ]
    cohesie = data.onderwerpen["SocialeCohesieSchaalscore"]
    assert cohesie.jaren == {2023: Decimal("5.8")}  # '.' is geen gegevens
    assert {p.thema for p in cohesie.themas} == {"1.1", "5.1"}  # a score serves both
    assert set(data.van_thema("5.1")) == {"SocialeCohesieSchaalscore"}
    assert set(data.niet_ingedeeld) == {"Slachtoffers_68", "OnbekendOnderwerp_999"}
    assert data.onderwerpen["OnbekendOnderwerp_999"].jaren == {
        2023: Decimal("3.3"),
        2025: Decimal("3.1"),
    }
    assert "Niet ingedeeld Slachtoffers_68 (2023: 1,2, 2025: 1) – deze naam staat" in said
    assert "Niet ingedeeld OnbekendOnderwerp_999 (2023: 3,3, 2025: 3,1) – dit onderwerp" in said
    assert "Overgeslagen: 3 rijen van 2 andere gebied(en)" in said
    assert "Overgeslagen: 2 rijen met de grenzen van de betrouwbaarheidsmarge" in said
    text = monitor.path_of(plan).read_text("utf-8")
    assert "9,9" not in text and "5,5" not in text and "GM0344" not in text


def test_xlsx_with_names_located_refusals_and_the_rest_imported(plan, tmp_path):
    header = [
        "ID",
        "Regio's",
        "Perioden",
        "RapportcijferVeiligheidInBuurt_60",
        "",
        "TeHardRijden_36",
    ]
    rows = [
        [0, "Lindewaard", "2023JJ00", 6.9, None, "31,2"],
        [1, "Lindewaard", "2024KW01", 7.0, None, "30"],
        [2, "Lindewaard", "2025JJ00*", "7.1.2", "vergeten", "29,5"],
        [3, "Elders", "2025JJ00", 1, None, 1],
    ]
    export = write_xlsx(tmp_path / "vm.xlsx", header, rows, sheet="TypedDataSet")
    code, said = run(export, plan, regio="lindewaard")
    assert code == 1, said
    assert (
        "vm.xlsx, blad TypedDataSet, rij 3: periode '2024KW01' niet herkend; de "
        "Veiligheidsmonitor geeft cijfers per jaar"
    ) in said
    assert (
        "vm.xlsx, blad TypedDataSet, rij 4, kolom D (RapportcijferVeiligheidInBuurt_60): "
        "waarde '7.1.2'"
    ) in said
    assert "rij 4, kolom E: 'vergeten' staat in een kolom zonder naam" in said
    data = read(plan)
    assert data.regio == "Lindewaard"
    assert data.onderwerpen["RapportcijferVeiligheidInBuurt"].jaren == {2023: Decimal("6.9")}
    hard = data.onderwerpen["TeHardRijden"]
    assert hard.jaren == {2023: Decimal("31.2"), 2025: Decimal("29.5")}
    assert hard.voorlopig == {2025}  # CBS's '*'


def test_reimport_is_idempotent_and_a_changed_value_is_refused(plan, tmp_path):
    export = write_csv(tmp_path / "vm.csv", HEADER, ROWS)
    assert run(export, plan)[0] == 0
    path = monitor.path_of(plan)
    before = path.read_bytes()
    code, said = run(export, plan)
    assert code == 0 and "Niets veranderd" in said and path.read_bytes() == before
    changed = [list(r) for r in ROWS]
    changed[0][4] = "6,5"
    export2 = write_csv(tmp_path / "vm2.csv", HEADER, changed)
    code, said = run(export2, plan)
    assert code == 2 and "RapportcijferVeiligheidInBuurt 2023: staat als 6,9" in said
    assert path.read_bytes() == before
    code, said = run(export2, plan, overschrijf=True)
    assert code == 0 and read(plan).onderwerpen["RapportcijferVeiligheidInBuurt"].jaren[
        2023
    ] == Decimal("6.5")


def test_another_gemeentes_file_is_never_mixed_in(plan, tmp_path):
    export = write_csv(tmp_path / "vm.csv", HEADER, ROWS)
    assert run(export, plan)[0] == 0
    before = monitor.path_of(plan).read_bytes()
    code, said = run(export, plan, regio="GM0344")
    assert code == 2 and "bevat cijfers van GM0758" in said and "nooit gemengd" in said
    assert monitor.path_of(plan).read_bytes() == before
    code, said = run(export, plan, regio="GM9999")
    assert code == 2 and "geen enkele rij is van regio 'GM9999'" in said and "GM0344" in said


def test_refusals_name_the_file_and_what_to_do(plan, tmp_path):
    double = write_csv(tmp_path / "dubbel.csv", [*HEADER, "RegioS"], [[*ROWS[0], "x"]])
    code, said = run(double, plan)
    assert code == 2 and "kolom 'RegioS' staat 2 keer" in said and "kolommen C en I" in said
    other = write_csv(tmp_path / "ander.csv", ["SoortMisdrijf", "Aantal"], [["1.1.1", 3]])
    code, said = run(other, plan)
    assert code == 2 and "kolom voor regio en periode niet gevonden" in said
    code, said = run(tmp_path / "ontbreekt.csv", plan)
    assert code == 2 and "ontbreekt.csv" in said and "bestaat niet" in said
    assert not monitor.path_of(plan).exists()


def test_two_columns_of_one_subject_are_refused_not_one_dropped(plan, tmp_path):
    """``X_60`` and ``X_61`` are one subject: keeping one would lose the other's values."""
    header = [*HEADER, "RapportcijferVeiligheidInBuurt_61"]
    export = write_csv(tmp_path / "twee.csv", header, [[*ROWS[0], "6,1"]])
    code, said = run(export, plan)
    assert code == 2, said
    assert "'RapportcijferVeiligheidInBuurt_60' (E)" in said
    assert "'RapportcijferVeiligheidInBuurt_61' (I)" in said
    assert not monitor.path_of(plan).exists()


def test_a_held_lock_refuses_and_proef_writes_nothing(plan, tmp_path, monkeypatch):
    from filelock import FileLock

    from sphinxext_kernbeleid.files import locking

    export = write_csv(tmp_path / "vm.csv", HEADER, ROWS)
    monkeypatch.setattr(locking, "WAIT", 0.1)
    with FileLock(str(plan / "metingen" / ".monitorcijfers.yaml.lock")):
        code, said = run(export, plan)
    assert code == 2 and "door een andere import bijgewerkt" in said
    code, said = run(export, plan, proef=True)
    assert code == 0 and "Proef" in said and not monitor.path_of(plan).exists()


def test_cli(plan, tmp_path, capsys):
    export = write_csv(tmp_path / "vm.csv", HEADER, ROWS)
    assert cli.main(["monitor", "importeer", str(export), "--plan", str(plan)]) == 2
    assert "--regio" in capsys.readouterr().err
    argv = ["monitor", "importeer", str(export), "--regio", "GM0758", "--plan"]
    assert cli.main([*argv, str(plan)]) == 0
    assert "Geschreven" in capsys.readouterr().out


def test_the_analysis_shows_the_survey_per_theme_and_lists_what_is_not_assigned(tmp_path):
    import re

    from analyse_plan import make
    from conftest import Project

    project = Project(tmp_path / "analyse")
    src = make(project)
    project.write(
        "index.rst",
        (src / "index.rst").read_text("utf-8")
        + "\nNiet ingedeeld\n--------------\n\n.. kernbeleid-veiligheidsanalyse:: niet-ingedeeld\n",
    )
    export = write_csv(tmp_path / "vm.csv", HEADER, ROWS)
    assert run(export, src)[0] == 0
    result = project.build("html")
    assert result.status == 0, result.warnings
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", result.html()))
    assert "Veiligheidsmonitor 1.4 Subjectieve veiligheid ¶ Onderwerp Eenheid 2023 2025 " in text
    assert (
        "Rapportcijfer veiligheid in buurt (indicator Rapportcijfer veiligheid van de buurt) "
        "rapportcijfer (1-10) 6,9 7,1"
    ) in text
    assert "Veiligheidsmonitor 5.1 Polarisatie en radicalisering" in text  # cohesie: 1.1 and 5.1
    assert "Veiligheidsmonitor 2.1" not in text  # no subject of this export counts for 2.1
    assert "Niet ingedeelde onderwerpen van de Veiligheidsmonitor" in text
    assert "OnbekendOnderwerp_999 (zonder titel) 3,1 (2025) dit onderwerp staat niet" in text
    assert "Slachtoffers_68 (zonder titel) 1 (2025) deze naam staat in de tabel" in text
