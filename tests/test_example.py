"""The example plan is the showcase: it must build with -W (zero warnings)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import EXAMPLE


@pytest.fixture(scope="module")
def example_html(tmp_path_factory):
    out = tmp_path_factory.mktemp("example") / "html"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-b",
            "html",
            "-E",
            str(EXAMPLE),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    return proc, out


def test_example_builds_with_zero_warnings(example_html):
    proc, _out = example_html
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr


def test_example_has_the_method_structure(example_html):
    _proc, out = example_html
    for page in (
        "ivp/uitgangssituatie",
        "ivp/strategische_doelstelling",
        "ivp/uitgangspunten",
        "ivp/prioriteiten",
        "ivp/overige_themas",
        "ivp/coordinatie",
        "ivp/begroting",
        "uitvoeringsplan/inleiding",
        "uitvoeringsplan/prioriteiten",
        "uitvoeringsplan/overige_themas",
        "uitvoeringsplan/organisatie",
        "uitvoeringsplan/financien",
        "bijlagen/index",
    ):
        assert (out / f"{page}.html").exists(), page


def test_example_size():
    """3 priorities, 4+ themes, >= 20 maatregelen, each with a prestatie-indicator."""
    text = "\n".join(p.read_text("utf-8") for p in EXAMPLE.rglob("*.rst"))
    assert text.count(".. prioriteit::") == 3
    assert text.count(".. thema::") >= 4
    assert text.count(".. maatregel::") >= 20
    assert text.count(".. prestatie-indicator::") >= text.count(".. maatregel::")
