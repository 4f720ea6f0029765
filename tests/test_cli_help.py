"""The ``kernbeleid`` command's help: Dutch, one "gebruik:", required options shown as such."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sphinxext_kernbeleid.version import __version__


def kernbeleid(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinxext_kernbeleid", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["nieuw"],
        ["voortgang"],
        ["voortgang", "importeer"],
        ["metingen", "importeer"],
        ["politie", "importeer"],
        ["monitor", "importeer"],
        ["prioriteiten", "vastleggen"],
    ],
    ids=[
        "kernbeleid",
        "nieuw",
        "voortgang",
        "importeer",
        "metingen",
        "politie",
        "monitor",
        "prioriteiten",
    ],
)
def test_help_says_gebruik_once_and_is_dutch(args):
    done = kernbeleid(*args, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("gebruik: kernbeleid")
    assert done.stdout.count("gebruik:") == 1
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in done.stdout


def test_main_help_lists_every_task_with_one_line(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = kernbeleid("--help").stdout
    tasks = out.split("taken:\n")[1].split("\n\n")[0].splitlines()[1:]
    assert [line.split()[0] for line in tasks] == [
        "nieuw",
        "politie",
        "monitor",
        "prioriteiten",
        "vaststellen",
        "beoordeel",
        "voortgang",
        "metingen",
        "uitvoeringsplan",
        "regio",
    ]  # one line each, in the order of the method's steps
    assert "een nieuw plan beginnen" in tasks[0]
    assert "voortgang van partners inlezen" in tasks[6]
    assert "--versie, --version" in out


@pytest.mark.parametrize(
    "args, required",
    [
        (["nieuw"], ("--gemeente NAAM", "--periode JAAR-JAAR", "--prioriteiten CODES")),
        (["voortgang", "importeer"], ("--periode KWARTAAL",)),
    ],
)
def test_required_options_are_shown_as_required(args, required):
    out = kernbeleid(*args, "--help").stdout
    section = out.split("verplichte opties:")[1].split("\nopties:")[0]
    for option in required:
        assert option in section
        assert f"[{option}]" not in out.split("\n\n")[0]  # not optional in the usage line


@pytest.mark.parametrize("flag", ["--version", "--versie"])
def test_version(flag):
    done = kernbeleid(flag)
    assert done.returncode == 0
    assert done.stdout.strip() == f"kernbeleid {__version__}"


def test_version_is_the_package_metadata_version():
    from importlib.metadata import version

    assert version("sphinxext-kernbeleid") == __version__
