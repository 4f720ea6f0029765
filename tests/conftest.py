"""Shared fixtures: write a small rst project in a tmp dir and run a real Sphinx build."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

# Sphinx colours its messages when CI=true (or FORCE_COLOR) even without a terminal; the
# tests read messages as a user reads them, so every build here, in-process or in a
# subprocess, writes plain text.
os.environ["NO_COLOR"] = "1"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "example_project"

CONF = """\
extensions = ["sphinxext_kernbeleid"]
language = "nl"
kernbeleid_gemeente = "Voorbeeldstad"
kernbeleid_periode = (2026, 2029)
kernbeleid_uitvoeringsjaar = 2026
"""


@dataclass
class BuildResult:
    status: int
    warnings: str
    outdir: Path

    def needs(self) -> dict:
        data = json.loads((self.outdir / "needs.json").read_text("utf-8"))
        return data["versions"][data["current_version"]]["needs"]

    def html(self, page: str = "index") -> str:
        return (self.outdir / f"{page}.html").read_text("utf-8")


class Project:
    """A throw-away Sphinx project."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.src = path / "src"
        self.src.mkdir(parents=True, exist_ok=True)
        self.write("conf.py", CONF)

    def write(self, name: str, text: str) -> Path:
        target = self.src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), "utf-8")
        return target

    def conf(self, extra: str) -> None:
        self.write("conf.py", CONF + textwrap.dedent(extra))

    def build(self, builder: str = "html", *args: str, out: str | None = None) -> BuildResult:
        """Build in this process (fast); warnings go to a file we return."""
        outdir = self.path / "_build" / (out or builder)
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            status = build_main(
                ["-b", builder, "-E", "-q", "-N", *args, str(self.src), str(outdir)]
            )
        return BuildResult(status, stderr.getvalue(), outdir)

    def run(
        self, builder: str = "html", *args: str, out: str | None = None
    ) -> subprocess.CompletedProcess:
        """Build as a user does, in a separate process (for exit codes and -j)."""
        outdir = self.path / "_build" / (out or builder)
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                builder,
                "-E",
                *args,
                str(self.src),
                str(outdir),
            ],
            capture_output=True,
            text=True,
            cwd=self.path,
        )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


@pytest.fixture(scope="module")
def plan_workbook(tmp_path_factory) -> Path:
    """The partner workbook of the small test plan (tests/voortgang_plan.py), built once."""
    from voortgang_plan import PLAN

    project = Project(tmp_path_factory.mktemp("werkboek"))
    project.write("index.rst", PLAN)
    result = project.build("kernbeleid-xlsx")
    assert result.status == 0, result.warnings
    return result.outdir / "uitvoeringsplan-2026.xlsx"


#: Tests run as root in CI; root may read and write anywhere.
IS_ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def without_root_powers(command: list[str]) -> list[str]:
    """Root may read and write anywhere; without these two capabilities it obeys file modes."""
    if not IS_ROOT:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv (util-linux) to test permissions as root")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]
