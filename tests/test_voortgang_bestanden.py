"""Progress files lose nothing: simultaneous imports, hand edits, locks, unwritable places.

Every case checks the exact message, the exit code and the sha256 of every progress file
before and after.
"""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from conftest import CONF, without_root_powers
from filelock import FileLock
from voortgang_plan import PLAN
from werkboek_invullen import fill

from sphinxext_kernbeleid.files import locking
from sphinxext_kernbeleid.imports.voortgang import importeer
from sphinxext_kernbeleid.records import voortgang


@pytest.fixture(scope="module")
def export(plan_workbook) -> Path:
    return plan_workbook


def make_plan(base: Path) -> Path:
    directory = base / "plan"
    directory.mkdir(parents=True)
    (directory / "conf.py").write_text(CONF, "utf-8")
    (directory / "index.rst").write_text(PLAN, "utf-8")
    return directory


@pytest.fixture
def plan(tmp_path) -> Path:
    return make_plan(tmp_path)


@pytest.fixture(scope="module")
def partners(export, tmp_path_factory) -> tuple[Path, Path]:
    """Two partners' workbooks for the same quarter, about different maatregelen."""
    directory = tmp_path_factory.mktemp("partners")
    politie, gemeente = directory / "politie.xlsx", directory / "gemeente.xlsx"
    fill(export, politie, {("MR_AVONDEN", "PI_AVONDEN"): {"realisatie": 2, "status": "lopend"}})
    fill(export, gemeente, {("MR_OVERLEG", ""): {"status": "gereed"}})
    return politie, gemeente


def run(workbook: Path, plan: Path, periode: str = "2026-Q2", **options) -> tuple[int, str]:
    lines: list[str] = []
    code = importeer(
        workbook, periode, plan, say=lines.append, now=datetime(2026, 7, 3, 10, 0), **options
    )
    return code, "\n".join(lines)


def hashes(plan: Path) -> dict[str, str]:
    """sha256 of every file under voortgang/ (hidden lock files aside)."""
    folder = plan / "voortgang"
    if not folder.exists():
        return {}
    if folder.is_file():
        return {"voortgang": hashlib.sha256(folder.read_bytes()).hexdigest()}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def cli(*args: str, **kwargs) -> list[str]:
    return [sys.executable, "-m", "sphinxext_kernbeleid", "voortgang", "importeer", *args]


# --------------------------------------------------------------------------- at the same time


def _import_at_barrier(barrier, workbook: str, plan: str, results) -> None:
    barrier.wait()
    lines: list[str] = []
    code = importeer(Path(workbook), "2026-Q2", Path(plan), say=lines.append)
    results.put((workbook, code, "\n".join(lines)))


def test_simultaneous_imports_both_end_up_in_the_file(partners, tmp_path):
    """Two real processes import two partners' workbooks at the same moment, 20 times.

    Without the lock the second write drops the first partner's values in most rounds.
    """
    context = multiprocessing.get_context("fork")
    politie, gemeente = partners
    waits = 0
    for round_ in range(20):
        plan = make_plan(tmp_path / f"ronde{round_}")
        barrier, results = context.Barrier(2), context.Queue()
        workers = [
            context.Process(target=_import_at_barrier, args=(barrier, str(w), str(plan), results))
            for w in (politie, gemeente)
        ]
        for worker in workers:
            worker.start()
        outcomes = [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
            assert worker.exitcode == 0
        for _workbook, code, out in outcomes:
            assert code == 0, out
            assert "Traceback" not in out
            waits += "Wacht: een andere import werkt voortgang/2026-Q2.yaml bij" in out
        data = yaml.safe_load((plan / "voortgang" / "2026-Q2.yaml").read_text("utf-8"))
        assert data["maatregelen"] == {
            "MR_AVONDEN": {"status": "lopend"},
            "MR_OVERLEG": {"status": "gereed"},
        }, f"ronde {round_}"
        assert data["prestatie-indicatoren"] == {"PI_AVONDEN": {"realisatie": "2"}}
        assert sorted(b["werkboek"] for b in data["bronnen"]) == ["gemeente.xlsx", "politie.xlsx"]
    assert waits >= 1, "the processes never met at the lock: the test did not race"


def test_second_import_waits_and_says_so(partners, plan):
    politie, _gemeente = partners
    target = plan / "voortgang" / "2026-Q2.yaml"
    target.parent.mkdir()
    lock = FileLock(str(locking.lock_path(target)))
    with lock:
        process = subprocess.Popen(
            cli(str(politie), "--periode", "2026-Q2", "--plan", str(plan)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("Werkboek politie.xlsx: gemeente Voorbeeldstad")
        assert process.stdout.readline() == (
            "Wacht: een andere import werkt voortgang/2026-Q2.yaml bij; deze import gaat "
            "verder zodra die klaar is.\n"
        )
        assert hashes(plan) == {}  # nothing written while the other import holds the lock
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, out + err
    assert "Geschreven:" in out and "Traceback" not in err
    assert yaml.safe_load(target.read_text("utf-8"))["maatregelen"] == {
        "MR_AVONDEN": {"status": "lopend"}
    }


def _ctrl_c_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_while_waiting_writes_nothing(partners, plan):
    politie, gemeente = partners
    assert run(gemeente, plan)[0] == 0
    before = hashes(plan)
    target = plan / "voortgang" / "2026-Q2.yaml"
    with FileLock(str(locking.lock_path(target))):
        process = subprocess.Popen(
            cli(str(politie), "--periode", "2026-Q2", "--plan", str(plan)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # The import as a user starts it, who can press Ctrl-C: a test run started in
            # the background ('make test &') ignores SIGINT, and a child inherits that.
            preexec_fn=_ctrl_c_as_in_a_terminal,
        )
        assert process.stdout is not None
        process.stdout.readline()
        assert process.stdout.readline().startswith("Wacht:")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert out.endswith("Afgebroken; er is niets geschreven.\n")
    assert "Traceback" not in out + err
    assert hashes(plan) == before


def test_lock_held_too_long_is_a_sentence(partners, plan, monkeypatch):
    politie, _gemeente = partners
    monkeypatch.setattr(locking, "WAIT", 0.2)
    target = plan / "voortgang" / "2026-Q2.yaml"
    target.parent.mkdir()
    with FileLock(str(locking.lock_path(target))):
        code, out = run(politie, plan)
    assert code == 2
    assert out.endswith(
        "Niet gelukt – voortgang/2026-Q2.yaml wordt al 0.2 seconden door een andere import "
        "bijgewerkt; wacht tot die klaar is en importeer opnieuw.\n"
        "Er is niets geïmporteerd; het voortgangsbestand is niet veranderd."
    )
    assert hashes(plan) == {}


# --------------------------------------------------------------------------- hand edits

HAND_EDITED = """\
# Voortgang 2026-Q2, bijgehouden door team OOV.
periode: 2026-Q2

# afspraak met RIEC: cijfers volgen in juli
maatregelen:
  MR_SLOTEN:
    status: Lopend   # bevestigd door de corporatie
    toelichting: "Aanbesteding loopt."
prestatie-indicatoren:
  PI_SUBSIDIE:
    realisatie: 1.037   # incl. panden buitengebied
"""


def test_import_changes_only_what_it_imports(partners, plan):
    politie, _gemeente = partners
    target = plan / "voortgang" / "2026-Q2.yaml"
    target.parent.mkdir()
    target.write_text(HAND_EDITED, "utf-8")
    code, out = run(politie, plan)
    assert code == 0, out
    assert target.read_text("utf-8") == (
        "# Voortgang 2026-Q2, bijgehouden door team OOV.\n"
        "periode: 2026-Q2\n"
        "\n"
        "# afspraak met RIEC: cijfers volgen in juli\n"
        "maatregelen:\n"
        "  MR_AVONDEN:\n"
        "    status: lopend\n"
        "  MR_SLOTEN:\n"
        "    status: Lopend   # bevestigd door de corporatie\n"
        '    toelichting: "Aanbesteding loopt."\n'
        "prestatie-indicatoren:\n"
        "  PI_AVONDEN:\n"
        "    realisatie: '2'\n"
        "  PI_SUBSIDIE:\n"
        "    realisatie: 1.037   # incl. panden buitengebied\n"
        "bronnen:\n"
        "- werkboek: politie.xlsx\n"
        "  geimporteerd: '2026-07-03 10:00:00'\n"
        "  nieuw: '2'\n"
        "  overschreven: '0'\n"
    )


def test_hand_written_number_is_the_same_value(export, plan, tmp_path):
    """'1.037' written by hand and 1037 in the workbook agree: no conflict, no rewrite."""
    target = plan / "voortgang" / "2026-Q2.yaml"
    target.parent.mkdir()
    target.write_text(HAND_EDITED, "utf-8")
    before = hashes(plan)
    same = tmp_path / "zelfde.xlsx"
    fill(export, same, {("MR_SLOTEN", "PI_SUBSIDIE"): {"realisatie": 1037, "status": "lopend"}})
    code, out = run(same, plan)
    assert code == 0, out
    assert "0 waarden nieuw, 0 overschreven, 2 stond(en) er al." in out
    assert "Niets veranderd: voortgang/2026-Q2.yaml is niet aangepast." in out
    assert hashes(plan) == before


def test_overwriting_keeps_the_comment(export, plan, tmp_path):
    target = plan / "voortgang" / "2026-Q2.yaml"
    target.parent.mkdir()
    target.write_text(HAND_EDITED, "utf-8")
    other = tmp_path / "ander.xlsx"
    fill(export, other, {("MR_SLOTEN", "PI_SUBSIDIE"): {"realisatie": 1100}})
    code, out = run(other, plan)
    assert code == 2
    assert (
        "Maatregelen!P4: PI_SUBSIDIE realisatie staat al als '1.037' in voortgang/2026-Q2.yaml; "
        "het werkboek zegt '1100'." in out
    )
    code, out = run(other, plan, overschrijf=True)
    assert code == 0, out
    text = target.read_text("utf-8")
    assert "    realisatie: '1100'  # incl. panden buitengebied\n" in text
    assert "# afspraak met RIEC: cijfers volgen in juli\n" in text


def test_duplicate_key_refuses_the_import(partners, plan):
    politie, _gemeente = partners
    target = plan / "voortgang" / "2026-Q2.yaml"
    target.parent.mkdir()
    target.write_text(
        "periode: 2026-Q2\nmaatregelen:\n  MR_SLOTEN:\n    status: lopend\n"
        "  MR_SLOTEN:\n    status: gereed\n",
        "utf-8",
    )
    before = hashes(plan)
    code, out = run(politie, plan)
    assert code == 2
    assert (
        "voortgang/2026-Q2.yaml, regel 5: 'MR_SLOTEN' staat hier voor de tweede keer (ook op "
        "regel 3); alleen de laatste zou tellen. Voeg de twee samen tot één." in out
    )
    assert hashes(plan) == before


# --------------------------------------------------------------------------- unwritable places


def test_voortgang_is_a_file(partners, plan):
    politie, _gemeente = partners
    (plan / "voortgang").write_text("aantekeningen\n", "utf-8")
    before = hashes(plan)
    code, out = run(politie, plan)
    assert code == 2
    assert out.endswith(
        f"Niet gelukt – {plan / 'voortgang'} is een bestand, maar daar hoort de map met "
        "voortgangsbestanden; hernoem of verplaats dat bestand en importeer opnieuw.\n"
        "Er is niets geïmporteerd; het voortgangsbestand is niet veranderd."
    )
    assert hashes(plan) == before


def test_quarter_file_is_a_folder(partners, plan):
    politie, _gemeente = partners
    (plan / "voortgang" / "2026-Q2.yaml").mkdir(parents=True)
    code, out = run(politie, plan)
    assert code == 2
    assert out.endswith(
        "Niet gelukt – voortgang/2026-Q2.yaml is een map, maar daar hoort het "
        "voortgangsbestand van 2026-Q2; hernoem of verplaats die map en importeer opnieuw.\n"
        "Er is niets geïmporteerd; het voortgangsbestand is niet veranderd."
    )
    assert hashes(plan) == {}


def test_read_only_progress_file(partners, plan):
    politie, gemeente = partners
    assert run(gemeente, plan)[0] == 0
    target = plan / "voortgang" / "2026-Q2.yaml"
    target.chmod(0o444)
    before = hashes(plan)
    code, out = run(politie, plan)
    assert code == 2
    assert out.endswith(
        f"Niet gelukt – Het bestand {target} is geopend in een ander programma of "
        "alleen-lezen; sluit het (of zet 'alleen-lezen' uit) en importeer opnieuw.\n"
        "Er is niets geïmporteerd; het voortgangsbestand is niet veranderd."
    )
    assert hashes(plan) == before


def test_disk_full(partners, plan, monkeypatch):
    politie, gemeente = partners
    assert run(gemeente, plan)[0] == 0
    before = hashes(plan)

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, out = run(politie, plan)
    assert code == 2
    target = plan / "voortgang" / "2026-Q2.yaml"
    assert out.endswith(
        f"Niet gelukt – De schijf is vol: {target} kon niet worden geschreven. Maak ruimte "
        "vrij en importeer opnieuw.\n"
        "Er is niets geïmporteerd; het voortgangsbestand is niet veranderd."
    )
    assert hashes(plan) == before
    assert not list(target.parent.glob(".*.tmp"))


def test_ctrl_c_while_writing(partners, plan, monkeypatch):
    politie, gemeente = partners
    assert run(gemeente, plan)[0] == 0
    before = hashes(plan)

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(voortgang, "update_text", interrupted)
    code, out = run(politie, plan)
    assert code == 130
    assert out.endswith("Afgebroken; er is niets geschreven.")
    assert hashes(plan) == before


def test_leftover_temporary_file_is_cleaned(partners, plan):
    politie, _gemeente = partners
    folder = plan / "voortgang"
    folder.mkdir()
    leftover = folder / ".2026-Q2.yaml.k3x9q.tmp"
    leftover.write_text("periode: 2026-Q2\nmaatreg", "utf-8")  # a killed import's half file
    code, out = run(politie, plan)
    assert code == 0, out
    assert not leftover.exists()
    # The lock is removed when the import is done: only the record stays.
    assert sorted(p.name for p in folder.iterdir()) == ["2026-Q2.yaml"]
    # Also when the next import changes nothing.
    leftover.write_text("periode: 2026-Q2\nmaatreg", "utf-8")
    before = hashes(plan)
    code, out = run(politie, plan)
    assert code == 0 and "Niets veranderd" in out
    assert not leftover.exists()
    assert hashes(plan) == {k: v for k, v in before.items() if not k.endswith(".tmp")}


def test_read_only_progress_folder(partners, plan):
    politie, gemeente = partners
    assert run(gemeente, plan)[0] == 0
    folder = plan / "voortgang"
    folder.chmod(0o555)
    before = hashes(plan)
    try:
        done = subprocess.run(
            without_root_powers(cli(str(politie), "--periode", "2026-Q2", "--plan", str(plan))),
            capture_output=True,
            text=True,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout.endswith(
        f"Niet gelukt – De map {folder} is alleen-lezen of u mag er niet in "
        "schrijven, dus 2026-Q2.yaml kon niet worden geschreven. Geef schrijfrechten op de "
        "map of kies een andere map, en importeer opnieuw.\n"
        "Er is niets geïmporteerd; het voortgangsbestand is niet veranderd.\n"
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert hashes(plan) == before
