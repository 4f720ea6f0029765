"""The one way the package writes a file (files/atomic.write): whole or not at all, in Dutch.

The builders, the imports, ``kernbeleid nieuw`` and ``kernbeleid uitvoeringsplan vervolg``
all write through it; the fault cases of each are tested beside them, these are the
function itself and the two commands that write plan sources.
"""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path

import pytest

from sphinxext_kernbeleid.cli import main as cli
from sphinxext_kernbeleid.cli import vervolg
from sphinxext_kernbeleid.files import atomic
from sphinxext_kernbeleid.files.errors import FileProblem


def test_writes_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "map" / "bestand.txt"
    atomic.write_text(target, "één\n")
    assert target.read_bytes() == "één\n".encode()
    assert sorted(p.name for p in target.parent.iterdir()) == ["bestand.txt"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "bestand.txt"
    target.write_text("oud\n", "utf-8")

    def half(tmp: Path) -> None:
        tmp.write_text("ha", "utf-8")
        raise RuntimeError("stuk")

    with pytest.raises(RuntimeError):
        atomic.write(target, half)
    assert target.read_text("utf-8") == "oud\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand.txt"]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_full_disk_is_a_dutch_sentence_and_the_old_file_stays(tmp_path, monkeypatch, step):
    target = tmp_path / "bestand.txt"
    target.write_text("oud\n", "utf-8")

    def full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, step, full)
    with pytest.raises(FileProblem) as caught:
        atomic.write_text(target, "nieuw\n", again="importeer opnieuw")
    assert str(caught.value) == (
        f"De schijf is vol: {target} kon niet worden geschreven. Maak ruimte vrij en importeer "
        "opnieuw."
    )
    assert target.read_text("utf-8") == "oud\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand.txt"]


def test_read_only_file_and_folder_are_refused_also_for_root(tmp_path):
    target = tmp_path / "bestand.txt"
    target.write_text("oud\n", "utf-8")
    target.chmod(0o444)
    with pytest.raises(FileProblem, match="alleen-lezen; sluit het"):
        atomic.write_text(target, "nieuw\n")
    target.chmod(0o644)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(FileProblem) as caught:
            atomic.write_text(target, "nieuw\n")
    finally:
        tmp_path.chmod(0o755)
    assert str(caught.value).startswith(f"De map {tmp_path} is alleen-lezen")
    assert target.read_text("utf-8") == "oud\n"


def test_a_folder_in_place_of_the_file_and_a_file_in_place_of_the_folder(tmp_path):
    (tmp_path / "bestand.txt").mkdir()
    with pytest.raises(FileProblem, match="is een map, maar daar hoort een bestand"):
        atomic.write_text(tmp_path / "bestand.txt", "x")
    (tmp_path / "map").write_text("", "utf-8")
    with pytest.raises(FileProblem, match="is een bestand, maar daar hoort een map"):
        atomic.write_text(tmp_path / "map" / "sub" / "bestand.txt", "x")


def test_leftovers_of_this_file_only_are_removed(tmp_path):
    mine = tmp_path / ".bestand.txt.abcd1234.tmp"
    other = tmp_path / ".ander.txt.abcd1234.tmp"
    users = tmp_path / ".notities.tmp"  # not ours: never removed
    for path in (mine, other, users):
        path.write_text("half", "utf-8")
    atomic.write_text(tmp_path / "bestand.txt", "x")
    assert not mine.exists() and other.exists() and users.exists()
    atomic.remove_leftovers(tmp_path)
    assert not other.exists() and users.exists()


def test_nieuw_in_a_read_only_folder_is_a_sentence(tmp_path, capsys):
    tmp_path.chmod(0o555)
    try:
        code = cli.main(
            [
                "nieuw",
                str(tmp_path / "plan"),
                "--gemeente",
                "Voorbeeldstad",
                "--periode",
                "2027-2030",
                "--prioriteiten",
                "1.3",
            ]
        )
    finally:
        tmp_path.chmod(0o755)
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"kernbeleid nieuw: fout: De map {tmp_path} is alleen-lezen of u mag er niet in "
        "schrijven, dus conf.py kon niet worden geschreven."
    ), err
    assert not (tmp_path / "plan").exists()


def test_vervolg_that_cannot_write_is_a_sentence(tmp_path, monkeypatch, capsys):
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxext_kernbeleid"]\nkernbeleid_gemeente = "Oost"\n'
        "kernbeleid_periode = (2026, 2029)\nkernbeleid_uitvoeringsjaar = 2026\n",
        "utf-8",
    )
    (tmp_path / "index.rst").write_text("Plan\n====\n", "utf-8")

    def full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code = vervolg.run(argparse.Namespace(jaar="2027", plan=tmp_path))
    assert code == 2
    target = tmp_path / "uitvoeringsplan-2027" / "index.rst"
    assert capsys.readouterr().err == (
        f"kernbeleid uitvoeringsplan vervolg: fout: De schijf is vol: {target} kon niet worden "
        "geschreven. Maak ruimte vrij en verwijder de map als die half geschreven is en probeer "
        "het opnieuw.\n"
    )
    assert not target.exists()
