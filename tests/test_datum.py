"""A document date that does not move on a rebuild, and plan values in the prose."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.cmd.build import build_main
from sphinx.util.docutils import docutils_namespace

from sphinxext_kernbeleid.build import datum

PROSE = """\
Plan
====

Het plan van |gemeente| voor |periode|, versie |versie| (|status|) van |datum|;
uitvoeringsplan |uitvoeringsjaar|. Gebouwd op |today|.
"""


def _date(project, tmp_path: Path) -> dt.date:
    """The stable date of a real Sphinx application on the project."""
    with docutils_namespace():
        app = Sphinx(
            str(project.src),
            str(project.src),
            str(tmp_path / "out"),
            str(tmp_path / "doctrees"),
            "html",
            status=None,
            warning=io.StringIO(),
        )
        return datum.stable_date(app)


def _touch_all(folder: Path, when: dt.datetime) -> None:
    stamp = when.timestamp()
    for path in folder.rglob("*"):
        os.utime(path, (stamp, stamp))


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2025-12-16", dt.date(2025, 12, 16)), ("16 december 2025", dt.date(2025, 12, 16))],
)
def test_kernbeleid_datum_wins(project, tmp_path, written, expected):
    project.conf(f"kernbeleid_datum = {written!r}\n")
    assert _date(project, tmp_path) == expected
    project.write("index.rst", PROSE)
    assert "van 16 december 2025;" in project.build("html").html()


def test_source_date_epoch(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765843200")  # 2025-12-16 00:00 UTC
    assert _date(project, tmp_path) == dt.date(2025, 12, 16)


def test_newest_source_file_without_git(project, tmp_path):
    project.write("index.rst", PROSE)
    _touch_all(project.src, dt.datetime(2025, 3, 4, 12))
    os.utime(project.src / "index.rst", (dt.datetime(2025, 6, 7, 12).timestamp(),) * 2)
    assert _date(project, tmp_path) == dt.date(2025, 6, 7)


def test_last_commit_of_the_sources_in_git(project, tmp_path):
    project.write("index.rst", PROSE)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2025-05-20T10:00:00",
        "GIT_COMMITTER_DATE": "2025-05-20T10:00:00",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "plan"]):
        subprocess.run(["git", *args], cwd=project.src, env=env, check=True)
    _touch_all(project.src, dt.datetime(2026, 1, 1, 12))  # checkout times do not count
    assert _date(project, tmp_path) == dt.date(2025, 5, 20)
    # An uncommitted edit is a change of the sources too.
    (project.src / "index.rst").write_text(PROSE + "\nMeer.\n", "utf-8")
    os.utime(project.src / "index.rst", (dt.datetime(2025, 9, 1, 12).timestamp(),) * 2)
    assert _date(project, tmp_path) == dt.date(2025, 9, 1)


def test_substitutions_name_the_plan_in_every_format(project):
    project.write("index.rst", PROSE)
    project.conf('kernbeleid_datum = "2025-12-16"\nkernbeleid_versie = "0.9"\n')
    result = project.build("html")
    assert result.status == 0, result.warnings
    assert (
        "Het plan van Voorbeeldstad voor 2026-2029, versie 0.9 (concept) van 16 december 2025;\n"
        "uitvoeringsplan 2026." in result.html()
    )
    docx = project.build("kernbeleid-docx", out="docx")
    assert docx.status == 0, docx.warnings


def test_own_definitions_win_without_a_duplicate_error(project):
    project.write("index.rst", PROSE + "\n.. |gemeente| replace:: Lindewaard-Oost\n")
    project.conf('rst_prolog = ".. |status| replace:: ontwerp"\n')
    result = project.build("html")
    assert result.status == 0
    assert "Duplicate" not in result.warnings and "substitution" not in result.warnings
    assert "Het plan van Lindewaard-Oost" in result.html()
    assert "(ontwerp)" in result.html()


def test_a_new_date_reaches_pages_that_are_not_reread(project, tmp_path, monkeypatch):
    project.write("index.rst", PROSE)
    out, args = tmp_path / "html", ["-b", "html", "-q", str(project.src)]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765843200")
    with contextlib.redirect_stderr(io.StringIO()):
        assert build_main([*args, str(out)]) == 0
    assert "16 december 2025" in (out / "index.html").read_text("utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1768521600")  # 2026-01-16
    with contextlib.redirect_stderr(io.StringIO()):
        assert build_main([*args, str(out)]) == 0
    assert "16 januari 2026" in (out / "index.html").read_text("utf-8")


def test_a_date_that_is_no_date_is_explained_once_and_not_printed(project, monkeypatch):
    """The settings check tells it (one message, conf.py line); the stable date is used."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1781481600")  # 15 juni 2026
    project.write("index.rst", PROSE)
    project.conf('kernbeleid_datum = "voorjaar 2026"\n')
    result = project.build("html")
    assert result.warnings.count("is geen datum") == 1
    assert (
        "conf.py, regel 6: kernbeleid_datum = 'voorjaar 2026' is geen datum die de toets kan lezen."
    ) in result.warnings
    assert "(concept) van 15 juni 2026;" in result.html()


def test_recording_an_adoption_does_not_move_the_date(project, tmp_path):
    """vastgesteld/ (written by kernbeleid vaststellen, beoordeel) is no source: the adopted
    Word document and the next build carry the same date, so no revision of the date."""
    project.write("index.rst", PROSE)
    _touch_all(project.src, dt.datetime(2025, 3, 4, 12))
    record = project.write("vastgesteld/2026-12-17/manifest.json", "{}")
    os.utime(record, (dt.datetime(2026, 12, 17, 12).timestamp(),) * 2)
    assert _date(project, tmp_path) == dt.date(2025, 3, 4)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for args, when in (
        (["init", "-q"], None),
        (["add", "index.rst", "conf.py"], None),
        (["commit", "-q", "-m", "plan"], "2025-05-20T10:00:00"),
        (["add", "-A"], None),
        (["commit", "-q", "-m", "vastgesteld"], "2026-12-18T10:00:00"),
    ):
        dates = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
        subprocess.run(["git", *args], cwd=project.src, env={**env, **dates}, check=True)
    assert _date(project, tmp_path) == dt.date(2025, 5, 20)
