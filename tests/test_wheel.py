"""The wheel holds everything a plan needs: installed in a fresh virtual environment outside
the repository, it starts a plan, builds all four outputs and imports a partner's workbook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from werkboek_invullen import fill

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )
    if ok:
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def test_wheel_in_a_fresh_venv(tmp_path):
    # Built from a copy: setuptools writes build/ into the source tree.
    source = tmp_path / "bron"
    anywhere = shutil.ignore_patterns(".venv", ".git", "_build", "*.egg-info", "__pycache__")

    def ignore(folder: str, names: list[str]) -> set[str]:
        # setuptools' own build/ is at the top; the package's stage build/ must come along
        top = {"build", "dist"} if Path(folder) == ROOT else set()
        return set(anywhere(folder, names)) | (top & set(names))

    shutil.copytree(ROOT, source, ignore=ignore)
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-q", "-w", dist, cwd=tmp_path)
    (wheel,) = dist.glob("sphinxext_kernbeleid-*.whl")

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)  # deps from pip's cache

    # The package comes from the wheel, not from this repository.
    where = run(python, "-c", "import sphinxext_kernbeleid as k; print(k.__file__)", cwd=tmp_path)
    assert str(venv) in where.stdout and str(ROOT) not in where.stdout

    kernbeleid = bin_dir / "kernbeleid"
    run(
        kernbeleid,
        "nieuw",
        "plan",
        "--gemeente",
        "Wieldorp",
        "--periode",
        "2027-2030",
        "--prioriteiten",
        "1.3,5.2",
        "--markdown",
        cwd=tmp_path,
    )
    plan = tmp_path / "plan"
    for builder in ("html", "kernbeleid-docx", "kernbeleid-xlsx"):
        run(python, "-m", "sphinx", "-W", "-q", "-b", builder, ".", f"_build/{builder}", cwd=plan)
    check = run(
        python, "-m", "sphinx", "-q", "-b", "kernbeleid-check", ".", "_build/c", cwd=plan, ok=False
    )
    assert check.returncode == 1, check.stderr  # unfilled: not raadsrijp, but a report
    report = json.loads((plan / "_build/c/kernbeleid-rapport.json").read_text("utf-8"))
    assert report["summary"]["fouten"] > 0
    documents = sorted(
        p.name.split("-")[0] for p in (plan / "_build/kernbeleid-docx").glob("*.docx")
    )
    assert documents == ["Bijlagen", "IVP", "Raadsvoorstel", "Startnotitie", "Uitvoeringsplan"]

    workbook = plan / "_build/kernbeleid-xlsx/uitvoeringsplan-2027.xlsx"
    filled = tmp_path / "ingevuld.xlsx"
    fill(workbook, filled, {("MR_1_3", "PI_1_3"): {"status": "lopend", "realisatie": 3}})
    done = run(kernbeleid, "voortgang", "importeer", filled, "--periode", "2027-Q1", cwd=plan)
    assert "Geschreven:" in done.stdout
    assert "MR_1_3" in (plan / "voortgang" / "2027-Q1.yaml").read_text("utf-8")
