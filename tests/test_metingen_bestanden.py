"""kernbeleid metingen importeer loses nothing: file faults and ambiguous files.

File faults (a read-only metingen.yaml or metingen/ folder, an unreadable export, a full
disk, Ctrl-C) end with a Dutch sentence and exit code 2 (130 for Ctrl-C) and leave every
file under metingen/ byte for byte as it was. Ambiguity (an indicator mapped twice, a key
written twice, two columns of one name, a CSV row with more fields than its header) is a
located refusal, never a silent choice.
"""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import without_root_powers
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

from sphinxext_kernbeleid.imports.metingen import importeer
from sphinxext_kernbeleid.records import metingen


def run(plan: Path, **kwargs) -> tuple[int, str]:
    said: list[str] = []
    code = importeer(plan, say=said.append, **kwargs)
    return code, "\n".join(said)


def hashes(plan: Path) -> dict[str, str]:
    """sha256 of every file under metingen/ (the hidden lock file aside)."""
    folder = plan / "metingen"
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def cli(plan: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sphinxext_kernbeleid",
        "metingen",
        "importeer",
        "--plan",
        str(plan),
    ]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan(tmp_path / "plan")


@pytest.fixture
def imported(plan: Path) -> Path:
    """A plan whose measurements were imported once, with a newer police export waiting."""
    assert run(plan)[0] == 0
    rows = [*POLITIE_ROWS, [8, "1.1.1 ", "GM9999    ", "2026JJ00", 140]]
    write_xlsx(plan / "data" / "politie.xlsx", POLITIE_HEADER, rows)
    return plan


UNCHANGED = "Er is niets geïmporteerd; metingen/metingen.yaml is niet veranderd."


# --------------------------------------------------------------------------- file faults


def test_read_only_measurements_file(imported):
    target = imported / "metingen" / "metingen.yaml"
    target.chmod(0o444)
    before = hashes(imported)
    code, said = run(imported)
    assert code == 2
    assert said.endswith(
        f"Niet gelukt – Het bestand {target} is geopend in een ander programma of "
        "alleen-lezen; sluit het (of zet 'alleen-lezen' uit) en importeer opnieuw.\n" + UNCHANGED
    ), said
    assert hashes(imported) == before
    assert not list(target.parent.glob(".*.tmp"))


def test_read_only_measurements_file_that_stays_the_same_is_fine(plan):
    assert run(plan)[0] == 0
    (plan / "metingen" / "metingen.yaml").chmod(0o444)
    code, said = run(plan)
    assert code == 0 and "Niets veranderd" in said


def test_read_only_measurements_folder(imported):
    folder = imported / "metingen"
    before = hashes(imported)
    folder.chmod(0o555)
    try:
        done = subprocess.run(without_root_powers(cli(imported)), capture_output=True, text=True)
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout.endswith(
        f"Niet gelukt – De map {folder} is alleen-lezen of u mag er niet in schrijven, dus "
        "metingen.yaml kon niet worden geschreven. Geef schrijfrechten op de map of kies een "
        "andere map, en importeer opnieuw.\n" + UNCHANGED + "\n"
    ), done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert hashes(imported) == before


def test_read_only_folder_is_refused_also_for_root(imported):
    """Someone made the folder read-only on purpose: refused even where root could write."""
    folder = imported / "metingen"
    before = hashes(imported)
    folder.chmod(0o555)
    try:
        code, said = run(imported)
    finally:
        folder.chmod(0o755)
    assert code == 2
    assert f"Niet gelukt – De map {folder} is alleen-lezen" in said
    assert hashes(imported) == before


def test_unreadable_export(imported):
    export = imported / "data" / "monitor.csv"
    before = hashes(imported)
    export.chmod(0o000)
    try:
        done = subprocess.run(without_root_powers(cli(imported)), capture_output=True, text=True)
    finally:
        export.chmod(0o644)
    assert done.returncode == 2, done.stdout + done.stderr
    assert (
        "metingen/koppeling.yaml, regel 9: bestand '../data/monitor.csv' mag niet gelezen "
        "worden; geef leesrechten op het bestand."
    ) in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert hashes(imported) == before


def test_export_that_is_a_folder(imported):
    export = imported / "data" / "monitor.csv"
    export.unlink()
    export.mkdir()
    before = hashes(imported)
    code, said = run(imported)
    assert code == 2
    assert (
        "metingen/koppeling.yaml, regel 9: bestand '../data/monitor.csv' is een map, maar daar "
        "hoort een bestand; hernoem of verplaats die map."
    ) in said
    assert hashes(imported) == before


def test_unreadable_mapping(plan):
    mapping = plan / "metingen" / "koppeling.yaml"
    mapping.chmod(0o000)
    try:
        done = subprocess.run(without_root_powers(cli(plan)), capture_output=True, text=True)
    finally:
        mapping.chmod(0o644)
    assert done.returncode == 2, done.stdout + done.stderr
    assert (
        "metingen/koppeling.yaml: mag niet gelezen worden; geef leesrechten op het bestand."
    ) in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_measurements_file_that_is_a_folder(plan):
    (plan / "metingen" / "metingen.yaml").mkdir()
    code, said = run(plan)
    assert code == 2
    assert said.endswith(
        "Niet gelukt – metingen/metingen.yaml is een map, maar daar hoort het bestand met de "
        "metingen; hernoem of verplaats die map en importeer opnieuw.\n" + UNCHANGED
    ), said


def test_disk_full_while_writing(imported, monkeypatch):
    target = imported / "metingen" / "metingen.yaml"
    before = hashes(imported)

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, said = run(imported)
    assert code == 2
    assert said.endswith(
        f"Niet gelukt – De schijf is vol: {target} kon niet worden geschreven. Maak ruimte "
        "vrij en importeer opnieuw.\n" + UNCHANGED
    ), said
    assert hashes(imported) == before
    assert not list(target.parent.glob(".*.tmp"))


def test_disk_full_at_the_rename(imported, monkeypatch):
    """The last step fails: the temporary file goes, the old file stays."""
    target = imported / "metingen" / "metingen.yaml"
    before = hashes(imported)

    def full(_src, _dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    code, said = run(imported)
    assert code == 2 and "De schijf is vol" in said
    assert hashes(imported) == before
    assert not list(target.parent.glob(".*.tmp"))


def test_ctrl_c_while_writing(imported, monkeypatch):
    before = hashes(imported)

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(metingen, "update_text", interrupted)
    code, said = run(imported)
    assert code == 130
    assert said.endswith("Afgebroken; er is niets geschreven.")
    assert hashes(imported) == before


def test_leftover_of_a_killed_import_is_removed(plan):
    leftover = plan / "metingen" / ".metingen.yaml.x1y2z3w4.tmp"
    leftover.write_text("indicatoren:\n  EI_GEW", "utf-8")
    code, said = run(plan)
    assert code == 0, said
    assert not leftover.exists()


# --------------------------------------------------------------------------- ambiguity


def refused(plan: Path, mapping: str) -> str:
    write_mapping(plan, mapping)
    code, said = run(plan)
    assert code == 2, said
    assert "Er is niets geïmporteerd." in said
    assert not (plan / "metingen" / "metingen.yaml").exists()
    return said


def test_indicator_mapped_twice(plan):
    said = refused(
        plan,
        MAPPING + '  EI_INBRAAK:\n    bestand: politie\n    filter: {SoortMisdrijf: "1.4"}\n',
    )
    assert (
        "metingen/koppeling.yaml, regel 24: effectindicator 'EI_INBRAAK' is hier voor de "
        "tweede keer gekoppeld (ook op regel 18); alleen de laatste koppeling zou tellen. "
        "Houd er één over."
    ) in said


@pytest.mark.parametrize(
    "old, new, line, key, first",
    [
        ("    periode: Perioden\n    waarde: G", "    periode: Perioden\n    periode: Jaar\n    waarde: G", 6, "periode", 5),
        ("  monitor:\n", "  politie:\n", 8, "politie", 2),
        ("    per_inwoners: 1000\n", "    per_inwoners: 1000\n    per_inwoners: 100\n", 18, "per_inwoners", 17),
        ("{WijkenEnBuurten: GM9999}", "{WijkenEnBuurten: GM9999, WijkenEnBuurten: GM9998}", 7, "WijkenEnBuurten", 7),
    ],
    ids=["setting", "file name", "indicator setting", "filter"],
)  # fmt: skip
def test_a_key_written_twice_anywhere(plan, old, new, line, key, first):
    assert old in MAPPING
    said = refused(plan, MAPPING.replace(old, new))
    assert (
        f"metingen/koppeling.yaml, regel {line}: '{key}' staat hier voor de tweede keer (ook "
        f"op regel {first}); alleen de laatste zou tellen. Voeg de twee samen tot één."
    ) in said


def test_two_columns_of_one_name_in_an_export(plan):
    header = [*POLITIE_HEADER, "GeregistreerdeMisdrijven_1"]
    rows = [[*row, 0] for row in POLITIE_ROWS]
    write_xlsx(plan / "data" / "politie.xlsx", header, rows)
    code, said = run(plan)
    assert code == 2
    assert (
        "metingen/koppeling.yaml, regel 6: kolom 'GeregistreerdeMisdrijven_1' staat 2 keer in "
        "../data/politie.xlsx, blad TypedDataSet (kolommen E en F); welke bedoeld is, is niet "
        "te zeggen. Hernoem of verwijder de andere in het bestand."
    ) in said
    assert not (plan / "metingen" / "metingen.yaml").exists()


def test_a_column_twice_that_the_mapping_does_not_use_is_fine(plan):
    header = [*MONITOR_HEADER, "Regio"]
    write_csv(plan / "data" / "monitor.csv", header, [[*r, "x"] for r in MONITOR_ROWS])
    write_mapping(plan, MAPPING.replace("filter: {Regio: Lindewaard}", 'filter: {ID: "1"}'))
    code, said = run(plan)
    assert code == 0, said


def test_unquoted_decimal_comma_in_a_comma_separated_file(plan):
    """``…,6,8`` split at the comma would import 6: the row is refused, with the hint."""
    text = (
        "ID,Regio,Perioden,RapportcijferVeiligheidInBuurt_60\r\n"
        '0,Lindewaard,2023JJ00,"6,9"\r\n'
        "1,Lindewaard,2025JJ00,6,8\r\n"
    )
    (plan / "data" / "monitor.csv").write_bytes(text.encode("utf-8"))
    code, said = run(plan)
    assert code == 1, said
    assert (
        "Afgewezen  ../data/monitor.csv, rij 3: de rij heeft 5 velden, de kopregel 4. Staat er "
        "een getal met een decimaalkomma zonder aanhalingstekens, zoals 6,8? Zet zulke getallen "
        'tussen aanhalingstekens ("6,8") of sla het bestand op met ; als scheidingsteken.'
    ) in said
    data, problems = metingen.read_file(plan / "metingen" / "metingen.yaml")
    assert problems == [] and data is not None
    assert {year: w.waarde for year, w in data[metingen.Reeks("EI_RAPPORTCIJFER")].items()} == {
        2023: "6,9"
    }


def test_empty_fields_at_the_end_of_a_row_are_no_problem(plan):
    text = "ID;Regio;Perioden;RapportcijferVeiligheidInBuurt_60\r\n0;Lindewaard;2023JJ00;6,9;;\r\n"
    (plan / "data" / "monitor.csv").write_bytes(text.encode("utf-8"))
    code, said = run(plan)
    assert code == 0, said


@pytest.mark.parametrize(
    "period", ["0000JJ00", "1800JJ00", "3000JJ00", "\uff12\uff10\uff12\uff14JJ00"]
)
def test_a_tampered_period_is_refused_not_written(plan, period):
    """A year the build would not read back is never written (the file would be stuck)."""
    rows = [*POLITIE_ROWS, [9, "1.1.1 ", "GM9999    ", period, 1]]
    write_xlsx(plan / "data" / "politie.xlsx", POLITIE_HEADER, rows)
    code, said = run(plan)
    assert code == 1, said
    assert "../data/politie.xlsx, blad TypedDataSet, rij 10: periode" in said
    again, said = run(plan)
    assert again == 1 and "Niets veranderd" in said, said
