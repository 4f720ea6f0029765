"""The repository's Makefile: a Dutch word for a Python that is too old; a broken .venv remade."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is niet geïnstalleerd")


def fake_python(path: Path, version: str) -> Path:
    """A 'python' that is too old: fails every check, tells its version when asked."""
    path.write_text(
        f'#!/bin/sh\ncase "$2" in *platform*) echo {version};; *) exit 1;; esac\n', "utf-8"
    )
    path.chmod(0o755)
    return path


def test_too_old_python_is_told_in_dutch(tmp_path):
    python = fake_python(tmp_path / "python3.10", "3.10.13")
    done = subprocess.run(
        ["make", "-s", "python-check", f"PYTHON={python}"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "vraagt Python 3.11 of nieuwer" in done.stdout
    assert "versie 3.10.13" in done.stdout
    assert "make example PYTHON=python3.12" in done.stdout


@pytest.mark.slow  # makes a venv and upgrades its pip (about 20 s)
def test_a_broken_venv_is_made_again(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    fake_python(bin_dir / "python", "3.10.13")  # what an earlier failed attempt left behind
    done = subprocess.run(
        ["make", ".venv/.gemaakt", f"PYTHON={sys.executable}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "De bestaande .venv werkt niet" in done.stdout
    check = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sys; print(sys.version_info >= (3, 11))"],
        capture_output=True,
        text=True,
    )
    assert check.stdout.strip() == "True"


def test_clean_says_what_it_removes():
    done = subprocess.run(
        ["make", "-n", "clean", "distclean"], cwd=ROOT, capture_output=True, text=True
    )
    assert "Verwijdert de uitvoer van het voorbeeldplan" in done.stdout
    assert "rm -rf .venv" in done.stdout
