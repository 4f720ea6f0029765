"""kernbeleid metingen importeer: real export shapes in, metingen/metingen.yaml out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from metingen_plan import (
    MAPPING,
    MONITOR_HEADER,
    MONITOR_ROWS,
    POLITIE_HEADER,
    POLITIE_ROWS,
    make_plan,
    write_csv,
    write_mapping,
    write_xlsx,
)

from sphinxext_kernbeleid.cli import main as cli
from sphinxext_kernbeleid.imports.metingen import importeer, plan_indicator_ids
from sphinxext_kernbeleid.records import metingen


def run(plan: Path, **kwargs) -> tuple[int, str]:
    said: list[str] = []
    code = importeer(plan, say=said.append, **kwargs)
    return code, "\n".join(said)


def values(plan: Path) -> dict[str, dict[int, tuple[str, bool, str]]]:
    data, problems = metingen.read_file(plan / "metingen" / "metingen.yaml")
    assert problems == [] and data is not None
    return {
        str(item): {year: (w.waarde, w.voorlopig, w.herkomst) for year, w in years.items()}
        for item, years in data.items()
    }


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan(tmp_path / "plan")


def test_police_and_monitor_shapes(plan):
    code, said = run(plan)
    assert code == 0, said
    assert "Verwerkt: 7 waarden nieuw, 0 bijgewerkt, 0 stond(en) er al." in said
    got = values(plan)
    # Padded codes match trimmed filters; the other gemeente's rows (900, 555) stay out;
    # per_inwoners divides by the year's inwoners (198 / 41.200 × 1.000 = 4,8).
    assert got["EI_GEWELD"] == {
        2024: ("4,8", False, "../data/politie.xlsx, blad TypedDataSet, rij 2"),
        2025: ("4,8", False, "../data/politie.xlsx, blad TypedDataSet, rij 3"),
        # January + February only: summed, and provisional.
        2026: ("0,8", True, "../data/politie.xlsx, blad TypedDataSet, rijen 4-5"),
    }
    assert got["EI_INBRAAK"] == {
        2024: ("164", False, "../data/politie.xlsx, blad TypedDataSet, rij 7"),
        2025: ("149", False, "../data/politie.xlsx, blad TypedDataSet, rij 8"),
    }
    # Windows-1252 csv with ';' and Dutch decimal text; '.' is "geen gegevens".
    assert got["EI_RAPPORTCIJFER"] == {
        2023: ("6,9", False, "../data/monitor.csv, rij 2"),
        2025: ("7,1", False, "../data/monitor.csv, rij 3"),
    }


def test_police_as_csv_and_monitor_as_xlsx(plan):
    """The same figures in the other format: ',' separated UTF-8 csv, and an xlsx."""
    write_csv(
        plan / "data" / "politie.csv",
        POLITIE_HEADER,
        POLITIE_ROWS,
        delimiter=",",
        encoding="utf-8",
    )
    monitor = [[r[0], r[1], r[2], r[3]] for r in MONITOR_ROWS]
    write_xlsx(plan / "data" / "monitor.xlsx", MONITOR_HEADER, monitor, sheet="Blad1")
    mapping = MAPPING.replace(
        "../data/politie.xlsx\n    blad: TypedDataSet", "../data/politie.csv"
    ).replace("../data/monitor.csv", "../data/monitor.xlsx")
    write_mapping(plan, mapping)
    code, said = run(plan)
    assert code == 0, said
    got = values(plan)
    assert got["EI_GEWELD"][2026] == ("0,8", True, "../data/politie.csv, rijen 4-5")
    assert got["EI_INBRAAK"][2025] == ("149", False, "../data/politie.csv, rij 8")
    assert got["EI_RAPPORTCIJFER"][2025] == (
        "7,1",
        False,
        "../data/monitor.xlsx, blad Blad1, rij 3",
    )


def test_numbers_as_dutch_text_in_xlsx_and_a_complete_year_of_months(plan):
    rows = [[n, "1.4 ", "GM9999    ", f"2025MM{n:02d}", "1,5"] for n in range(1, 13)]
    write_xlsx(plan / "data" / "politie.xlsx", POLITIE_HEADER, rows)
    write_mapping(plan, MAPPING.replace("    per_inwoners: 1000\n", ""))
    code, said = run(plan)
    assert code == 0, said
    assert values(plan)["EI_GEWELD"] == {
        2025: ("18", False, "../data/politie.xlsx, blad TypedDataSet, rijen 2-13")
    }


def test_second_run_is_byte_identical_and_says_so(plan):
    run(plan)
    target = plan / "metingen" / "metingen.yaml"
    before = target.read_bytes()
    stamp = target.stat().st_mtime_ns
    code, said = run(plan)
    assert code == 0
    assert "Niets veranderd: metingen/metingen.yaml is niet aangepast." in said
    assert target.read_bytes() == before and target.stat().st_mtime_ns == stamp


def test_proef_writes_nothing(plan):
    code, said = run(plan, proef=True)
    assert code == 0
    assert "Proef: metingen/metingen.yaml zou worden bijgewerkt; er is niets geschreven." in said
    assert not (plan / "metingen" / "metingen.yaml").exists()


def test_changed_value_is_refused_unless_overschrijf(plan):
    run(plan)
    target = plan / "metingen" / "metingen.yaml"
    before = target.read_bytes()
    rows = [list(r) for r in POLITIE_ROWS]
    rows[6][4] = 150  # the police revised inbraak 2025
    write_xlsx(plan / "data" / "politie.xlsx", POLITIE_HEADER, rows)
    code, said = run(plan)
    assert code == 2
    assert (
        "  EI_INBRAAK 2025: staat als 149 in metingen/metingen.yaml (regel 28); "
        "../data/politie.xlsx, blad TypedDataSet, rij 8 zegt 150."
    ) in said
    assert "importeer dan opnieuw met --overschrijf" in said
    assert target.read_bytes() == before
    code, said = run(plan, overschrijf=True)
    assert code == 0
    assert "Overschreven EI_INBRAAK 2025: 149 → 150" in said
    assert values(plan)["EI_INBRAAK"][2025][0] == "150"


def test_provisional_year_becomes_final_without_overschrijf(plan):
    run(plan)
    rows = [list(r) for r in POLITIE_ROWS] + [
        [8 + n, "1.4 ", "GM9999    ", f"2026MM{n:02d}", 16] for n in range(3, 13)
    ]
    write_xlsx(plan / "data" / "politie.xlsx", POLITIE_HEADER, rows)
    code, said = run(plan)
    assert code == 0, said
    assert "Bijgewerkt EI_GEWELD 2026: 0,8 (voorlopig) → 4,6" in said
    assert values(plan)["EI_GEWELD"][2026][:2] == ("4,6", False)


def test_bad_rows_are_named_and_the_rest_is_imported(plan):
    rows = [list(r) for r in POLITIE_ROWS]
    rows[1][4] = "4.8"  # a dot as decimal sign
    rows[5][3] = "2024 jaar"
    write_xlsx(plan / "data" / "politie.xlsx", POLITIE_HEADER, rows)
    code, said = run(plan)
    assert code == 1
    assert (
        "Afgewezen  ../data/politie.xlsx, blad TypedDataSet, rij 3: waarde '4.8' gebruikt een "
        "punt als decimaalteken; schrijf een komma; verwacht een getal zoals 6,9 (of leeg of '.' "
        "voor geen gegevens)."
    ) in said
    assert (
        "Afgewezen  ../data/politie.xlsx, blad TypedDataSet, rij 7: periode '2024jaar' niet "
        "herkend; verwacht 2024JJ00, 2024MM03, 2024KW02 of 2024."
    ) in said
    got = values(plan)
    assert 2025 not in got["EI_GEWELD"] and 2024 not in got["EI_INBRAAK"]
    assert got["EI_INBRAAK"][2025][0] == "149"


def test_two_rows_for_one_period_are_refused(plan):
    write_mapping(plan, MAPPING.replace('    filter: {SoortMisdrijf: "1.1.1"}\n', ""))
    code, said = run(plan)
    assert code == 1
    assert (
        "Afgewezen  ../data/politie.xlsx, blad TypedDataSet, rij 2: EI_INBRAAK 2024: rijen 2, 7 "
        "passen allebei bij het filter; ze verschillen in kolom SoortMisdrijf (1.4, 1.1.1). Zet "
        'die kolom in het filter in koppeling.yaml, bijvoorbeeld {SoortMisdrijf: "1.4"}; dan '
        "is er één rij per periode."
    ) in said


def test_the_double_rows_hint_names_the_column_that_differs(plan):
    """SoortMisdrijf is in the filter already; the rows differ in Geslacht (the ID column
    differs on every row and tells nothing)."""
    header = [*POLITIE_HEADER[:3], "Geslacht", *POLITIE_HEADER[3:]]
    rows = [
        [0, "1.4 ", "GM9999    ", "Mannen", "2024JJ00", 150],
        [1, "1.4 ", "GM9999    ", "Vrouwen", "2024JJ00", 48],
        [2, "1.1.1 ", "GM9999    ", "Totaal", "2024JJ00", 164],
    ]
    write_xlsx(plan / "data" / "politie.xlsx", header, rows)
    code, said = run(plan)
    assert code == 1
    assert (
        "EI_GEWELD 2024: rijen 2, 3 passen allebei bij het filter; ze verschillen in kolom "
        "Geslacht (Mannen, Vrouwen). Zet die kolom in het filter in koppeling.yaml, bijvoorbeeld "
        "{Geslacht: Mannen}; dan is er één rij per periode."
    ) in said, said
    assert "SoortMisdrijf (" not in said


def test_every_mistake_of_the_mapping_in_one_run(plan):
    """A misspelt indicator (the mapping itself), a misspelt column (only seen in the file)
    and a missing sheet: three messages from one run, not one per run."""
    write_mapping(
        plan,
        MAPPING.replace("  EI_INBRAAK:\n", "  EI_INBRAAKK:\n")
        .replace("waarde: RapportcijferVeiligheidInBuurt_60", "waarde: Rapportcijfer")
        .replace("blad: TypedDataSet", "blad: Gegevens"),
    )
    code, said = run(plan)
    assert code == 2
    assert "metingen/koppeling.yaml klopt niet (3 fouten):" in said, said
    for message in (
        "regel 18: effectindicator 'EI_INBRAAKK' bestaat niet in het plan. Bedoelt u EI_INBRAAK?",
        "regel 23: kolom 'Rapportcijfer' staat niet in ../data/monitor.csv",
        "regel 4: bestand '../data/politie.xlsx' heeft geen werkblad 'Gegevens'",
    ):
        assert message in said, message
    assert said.count("geen werkblad 'Gegevens'") == 1  # one file, told once
    assert not (plan / "metingen" / "metingen.yaml").exists()


def test_missing_inwoners_year_is_named(plan):
    write_mapping(plan, MAPPING.replace(", 2026: 41700", ""))
    code, said = run(plan)
    assert code == 1
    assert (
        "Afgewezen  ../data/politie.xlsx, blad TypedDataSet, rij 4: EI_GEWELD 2026: geen "
        "inwonertal voor 2026 onder 'inwoners:' in koppeling.yaml (nodig voor per_inwoners, "
        "regel 17); vul het aan."
    ) in said


BAD_MAPPINGS = {
    "onbekende indicator": (
        ("  EI_INBRAAK:\n", "  EI_INBRAAKK:\n"),
        "metingen/koppeling.yaml, regel 18: effectindicator 'EI_INBRAAKK' bestaat niet in het "
        "plan. Bedoelt u EI_INBRAAK?",
    ),
    "onbekend bestand": (
        ("    bestand: monitor\n", "    bestand: monitr\n"),
        "metingen/koppeling.yaml, regel 22: EI_RAPPORTCIJFER: bestand 'monitr' staat niet onder "
        "'bestanden:'; bekend zijn: politie, monitor.",
    ),
    "onbekend blad": (
        ("blad: TypedDataSet", "blad: Gegevens"),
        "metingen/koppeling.yaml, regel 4: bestand '../data/politie.xlsx' heeft geen werkblad "
        "'Gegevens'; wel: TypedDataSet.",
    ),
    "onbekende kolom": (
        ("waarde: RapportcijferVeiligheidInBuurt_60", "waarde: Rapportcijfer"),
        "metingen/koppeling.yaml, regel 23: kolom 'Rapportcijfer' staat niet in "
        "../data/monitor.csv; wel: ID, Regio, Perioden, RapportcijferVeiligheidInBuurt_60.",
    ),
    "onbekende filterkolom": (
        ("{WijkenEnBuurten: GM9999}", "{Gemeente: GM9999}"),
        "metingen/koppeling.yaml, regel 7: kolom 'Gemeente' staat niet in ../data/politie.xlsx, "
        "blad TypedDataSet; wel: ID, SoortMisdrijf, WijkenEnBuurten, Perioden, "
        "GeregistreerdeMisdrijven_1.",
    ),
    "bestand ontbreekt": (
        ("../data/monitor.csv", "../data/monitor-2025.csv"),
        "metingen/koppeling.yaml, regel 9: bestand '../data/monitor-2025.csv' bestaat niet",
    ),
    "onbekende instelling": (
        ("    per_inwoners: 1000\n", "    per_inwoner: 1000\n"),
        "metingen/koppeling.yaml, regel 17: EI_GEWELD: onbekende instelling 'per_inwoner'; kies "
        "uit bestand, waarde, filter, per_inwoners.",
    ),
    "geen yaml": (
        ("filter: {Regio: Lindewaard}", "filter: {Regio: Lindewaard"),
        "metingen/koppeling.yaml, regel 12: is geen geldige YAML",
    ),
    "sectie ontbreekt": (
        ("indicatoren:\n", "indicators:\n"),
        "metingen/koppeling.yaml, regel 13: onbekende sectie 'indicators'; kies uit bestanden, "
        "inwoners, indicatoren.",
    ),
}


@pytest.mark.parametrize("case", BAD_MAPPINGS, ids=list(BAD_MAPPINGS))
def test_bad_mapping_is_located_and_nothing_is_written(case, plan):
    (old, new), message = BAD_MAPPINGS[case]
    assert old in MAPPING
    write_mapping(plan, MAPPING.replace(old, new))
    code, said = run(plan)
    assert code == 2
    assert message in said, said
    assert "Er is niets geïmporteerd." in said
    assert "Traceback" not in said
    assert not (plan / "metingen" / "metingen.yaml").exists()


BAD_FILES = {
    "csv als xlsx": (
        "politie.xlsx",
        b"ID;Perioden\n1;2024JJ00\n",
        "metingen/koppeling.yaml, regel 3: bestand '../data/politie.xlsx' is geen Excel-werkmap, "
        "al eindigt de naam op .xlsx. Open het in Excel of LibreOffice en sla het op als "
        "Excel-werkmap (.xlsx).",
    ),
    "leeg": (
        "monitor.csv",
        b"",
        "metingen/koppeling.yaml, regel 9: bestand '../data/monitor.csv' is leeg (0 bytes). "
        "Download het opnieuw.",
    ),
    "beschadigd": (
        "politie.xlsx",
        b"PK\x03\x04 dit is geen zip",
        "metingen/koppeling.yaml, regel 3: ../data/politie.xlsx: het bestand is beschadigd (geen "
        "geldig xlsx-archief).",
    ),
    "xlsx als csv": (
        "monitor.csv",
        b"PK\x03\x04\x00\x00binary",
        "metingen/koppeling.yaml, regel 9: bestand '../data/monitor.csv' is geen tekstbestand "
        "(CSV), al eindigt de naam op .csv.",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_export_file_is_told(case, plan):
    name, content, message = BAD_FILES[case]
    (plan / "data" / name).write_bytes(content)
    code, said = run(plan)
    assert code == 2
    assert message in said, said
    assert not (plan / "metingen" / "metingen.yaml").exists()


def test_other_extension_is_refused(plan):
    (plan / "data" / "monitor.ods").write_bytes(b"x")
    write_mapping(plan, MAPPING.replace("monitor.csv", "monitor.ods"))
    code, said = run(plan)
    assert code == 2
    assert (
        "metingen/koppeling.yaml, regel 9: bestand '../data/monitor.ods' is geen .xlsx of .csv; "
        "sla de download op als Excel-werkmap (.xlsx) of als CSV."
    ) in said


def test_not_a_plan_folder_and_no_mapping(tmp_path):
    code, said = run(tmp_path)
    assert code == 2 and "hier staat geen conf.py" in said
    (tmp_path / "conf.py").write_text("", "utf-8")
    code, said = run(tmp_path)
    assert code == 2
    assert "Geweigerd – metingen/koppeling.yaml ontbreekt." in said


def test_broken_measurements_file_is_not_overwritten(plan):
    target = plan / "metingen" / "metingen.yaml"
    target.write_text("indicatoren:\n  EI_GEWELD:\n    2024:\n      waarde: veel\n", "utf-8")
    code, said = run(plan)
    assert code == 2
    assert "metingen/metingen.yaml, regel 3: EI_GEWELD 2024: waarde 'veel' is geen getal" in said
    assert "waarde: veel" in target.read_text("utf-8")


def test_a_held_lock_refuses_the_import(plan, monkeypatch):
    from filelock import FileLock

    from sphinxext_kernbeleid.files import locking

    monkeypatch.setattr(locking, "WAIT", 0.1)
    lock = FileLock(str(plan / "metingen" / ".metingen.yaml.lock"))
    with lock:
        code, said = run(plan)
    assert code == 2
    assert said.endswith(
        "Wacht: een andere import werkt metingen/metingen.yaml bij; deze import gaat verder "
        "zodra die klaar is.\n"
        "Niet gelukt – metingen/metingen.yaml wordt al 0.1 seconden door een andere import "
        "bijgewerkt; wacht tot die klaar is en importeer opnieuw.\n"
        "Er is niets geïmporteerd; metingen/metingen.yaml is niet veranderd."
    ), said
    assert not (plan / "metingen" / "metingen.yaml").exists()


def test_the_lock_file_is_gone_after_an_import(plan):
    code, said = run(plan)
    assert code == 0, said
    assert (plan / "metingen" / "metingen.yaml").exists()
    assert not [p.name for p in (plan / "metingen").iterdir() if p.name.endswith(".lock")]


def _count_under_lock(target: Path, times: int) -> None:
    from sphinxext_kernbeleid.files.locking import file_lock

    for _ in range(times):
        with file_lock(target, lambda _text: None, again="opnieuw", wait=60):
            value = int(target.read_text("utf-8")) if target.exists() else 0
            target.write_text(str(value + 1), "utf-8")


def test_removing_the_lock_file_keeps_concurrent_imports_apart(tmp_path):
    """Each holder removes the lock file before it releases; a waiter on the removed file
    locks the path again. No update is lost (unlinking after release loses some)."""
    import multiprocessing

    target = tmp_path / "teller.yaml"
    workers = [
        multiprocessing.get_context("fork").Process(target=_count_under_lock, args=(target, 150))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert target.read_text("utf-8") == "600"
    assert [p.name for p in tmp_path.iterdir()] == ["teller.yaml"]


def test_indicator_ids_are_read_from_rst_and_markdown(plan):
    (plan / "extra.md").write_text(
        "```{effectindicator} Uit Markdown\n:id: EI_MD\n:nulmeting: 1 (2024)\n```\n", "utf-8"
    )
    (plan / "_build").mkdir()
    (plan / "_build" / "oud.rst").write_text(".. effectindicator:: X\n   :id: EI_OUD\n", "utf-8")
    assert plan_indicator_ids(plan) == {"EI_GEWELD", "EI_INBRAAK", "EI_RAPPORTCIJFER", "EI_MD"}


def test_command_line_exit_codes(plan):
    assert cli.main(["metingen", "importeer", "--plan", str(plan), "--proef"]) == 0
    assert not (plan / "metingen" / "metingen.yaml").exists()
    assert cli.main(["metingen", "importeer", "--plan", str(plan)]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "sphinxext_kernbeleid", "metingen", "importeer", "--plan",
         str(plan / "data")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 2
    assert "hier staat geen conf.py" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_command_without_action_shows_usage(capsys):
    assert cli.main(["metingen"]) == 2
    assert "Gebruik: kernbeleid metingen importeer" in capsys.readouterr().err


def test_bench_generates_a_police_export_the_import_reads(tmp_path):
    """bench/metingen_bench.py: its export has the real shape and imports cleanly."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import metingen_bench

    wall, cpu = metingen_bench.time_import(2_000, tmp_path)
    assert wall > 0 and cpu > 0
    got = values(tmp_path / "plan")
    assert set(got) == {f"EI_{n}" for n in range(len(metingen_bench.CODES))}
    assert got["EI_0"][2026][1] is True  # three months of 2026: provisional


def test_a_starred_period_is_provisional(plan):
    rows = [list(r) for r in MONITOR_ROWS]
    rows[1][2] = "2025JJ00*"  # CBS marks provisional figures with an asterisk
    write_csv(plan / "data" / "monitor.csv", MONITOR_HEADER, rows)
    code, said = run(plan)
    assert code == 0, said
    assert values(plan)["EI_RAPPORTCIJFER"][2025][:2] == ("7,1", True)
    rows[1][2] = "2025JJ00"  # the final figure arrives: provisional becomes final
    write_csv(plan / "data" / "monitor.csv", MONITOR_HEADER, rows)
    code, said = run(plan)
    assert code == 0 and "Bijgewerkt EI_RAPPORTCIJFER 2025: 7,1 (voorlopig) → 7,1" in said
    assert values(plan)["EI_RAPPORTCIJFER"][2025][:2] == ("7,1", False)


def test_hand_made_comments_and_values_survive_an_import(plan):
    run(plan)
    target = plan / "metingen" / "metingen.yaml"
    text = target.read_text("utf-8")
    text = text.replace(
        "  EI_INBRAAK:\n", "  EI_INBRAAK:  # afspraak met de politie: cijfers per april\n"
    )
    text = text.replace(
        "indicatoren:\n", "indicatoren:\n  EI_HANDMATIG:\n    2025:\n      waarde: '12'\n", 1
    )
    target.write_text(text, "utf-8")
    rows = [list(r) for r in POLITIE_ROWS] + [[9, "1.1.1 ", "GM9999    ", "2026JJ00", 140]]
    write_xlsx(plan / "data" / "politie.xlsx", POLITIE_HEADER, rows)
    code, said = run(plan)
    assert code == 0, said
    after = target.read_text("utf-8")
    assert "  EI_INBRAAK:  # afspraak met de politie: cijfers per april\n" in after
    assert "  EI_HANDMATIG:\n    2025:\n      waarde: '12'\n" in after
    assert values(plan)["EI_INBRAAK"][2026][0] == "140"
