"""Outputs lose nothing: unwritable output, names outside the output folder, broken
images, leftover temporary files and text Excel or Word cannot hold."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import Project, without_root_powers
from docx import Document
from openpyxl import load_workbook
from voortgang_plan import PLAN
from werkboek_invullen import column_of, row_of

BUILDERS = ["html", "kernbeleid-check", "kernbeleid-xlsx", "kernbeleid-docx"]


def sphinx(project: Project, builder: str, outdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        without_root_powers(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-q",
                "-E",
                "-b",
                builder,
                str(project.src),
                str(outdir),
            ]
        ),
        capture_output=True,
        text=True,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("builder", BUILDERS)
def test_read_only_output_folder_is_one_dutch_sentence(builder, project, tmp_path):
    project.write("index.rst", PLAN)
    outdir = tmp_path / "uit"
    outdir.mkdir()
    outdir.chmod(0o555)
    try:
        done = sphinx(project, builder, outdir)
    finally:
        outdir.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().endswith(
        f"ERROR: De map {outdir} is alleen-lezen of u mag er niet in schrijven, dus de uitvoer "
        "kon niet worden geschreven. Geef schrijfrechten op de map of kies een andere map, en "
        "bouw opnieuw. Er is niets geschreven. [kernbeleid.bestand]"
    )
    assert "Traceback" not in done.stderr and "sphinx-err" not in done.stderr
    assert list(outdir.iterdir()) == []


def test_read_only_workbook_is_kept_and_told(project):
    project.write("index.rst", PLAN)
    first = project.build("kernbeleid-xlsx")
    target = first.outdir / "uitvoeringsplan-2026.xlsx"
    target.chmod(0o444)
    before = sha(target)
    again = project.build("kernbeleid-xlsx")
    assert again.status == 2
    assert (
        f"ERROR: Het bestand {target} is geopend in een ander programma of alleen-lezen; sluit "
        "het (of zet 'alleen-lezen' uit) en bouw opnieuw. [kernbeleid.bestand]"
    ) in again.warnings
    assert "Traceback" not in again.warnings
    assert sha(target) == before


def test_read_only_report_other_report_files_still_written(project):
    project.write("index.rst", PLAN)
    first = project.build("kernbeleid-check")
    html = first.outdir / "kernbeleid-rapport.html"
    html.chmod(0o444)
    before = sha(html)
    (first.outdir / "kernbeleid-rapport.json").unlink()
    again = project.build("kernbeleid-check")
    assert again.status == 1  # something was written, not everything
    assert (
        f"ERROR: Het bestand {html} is geopend in een ander programma of alleen-lezen; sluit "
        "het (of zet 'alleen-lezen' uit) en bouw opnieuw. [kernbeleid.bestand]"
    ) in again.warnings
    assert sha(html) == before
    assert (first.outdir / "kernbeleid-rapport.json").exists()


def test_docx_name_outside_the_output_folder_is_refused(project, tmp_path):
    project.write("index.rst", PLAN)
    project.conf('kernbeleid_docx_documents = [("index", "../../x.docx")]\n')
    result = project.build("kernbeleid-docx")
    assert result.status == 2
    assert (
        "ERROR: kernbeleid_docx_documents: de bestandsnaam '../../x.docx' valt buiten de "
        f"uitvoermap {result.outdir}; geef alleen een naam, zonder map ervoor en zonder '..', "
        "bijvoorbeeld 'IVP.docx'. [kernbeleid.bestand]"
    ) in result.warnings
    assert not (tmp_path / "x.docx").exists() and not (tmp_path.parent / "x.docx").exists()
    assert not list(tmp_path.rglob("x.docx"))


def _png(width: int, height: int) -> bytes:
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_truncated_image_is_a_located_warning_and_the_document_is_written(project):
    (project.src / "kaart.png").write_bytes(_png(40, 30)[:20])
    project.write("index.rst", PLAN + "\n.. image:: kaart.png\n   :alt: Kaart van de wijk\n")
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    assert (
        "index.rst:73: WARNING: Afbeelding 'kaart.png' kan niet worden gelezen (het bestand is "
        "beschadigd of niet volledig); de alt-tekst staat nu op die plek. Sla de afbeelding "
        "opnieuw op en bouw opnieuw. [kernbeleid.docx]"
    ) in result.warnings
    document = result.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"
    texts = [p.text for p in Document(str(document)).paragraphs]
    assert "[Afbeelding: Kaart van de wijk]" in texts


def test_leftover_temporary_files_are_cleaned_on_the_next_run(project):
    project.write("index.rst", PLAN)
    outdir = project.path / "_build" / "kernbeleid-docx"
    outdir.mkdir(parents=True)
    leftovers = [
        outdir / ".Veiligheidsplan-Voorbeeldstad-2026-2029.docx.k3x9q_ab.tmp",
        outdir / ".kernbeleid-rapport.html.abcdefgh.tmp",
    ]
    for path in leftovers:
        path.write_bytes(b"PK\x03\x04 half")
    keep = outdir / ".eigen-notitie.tmp"  # not ours: left alone
    keep.write_text("x")
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    assert not any(p.exists() for p in leftovers)
    assert keep.exists()


# --------------------------------------------------------------------------- text in cells

LONG = "Politie; " + "Buurtpreventie " * 2_500  # 37.508 characters after the option is stripped


def test_over_long_plan_text_is_shortened_visibly_in_the_workbook(project, tmp_path):
    project.write(
        "index.rst",
        PLAN.replace(":partners: -Politie; Buurtpreventie", f":partners: {LONG}"),
    )
    result = project.build("kernbeleid-xlsx")
    assert result.status == 0, result.warnings
    assert (
        "WARNING: MR_AVONDEN: Partners is 37.508 tekens lang; een Excel-cel houdt "
        "er 32.767 en in het werkboek staat de tekst daarom ingekort (met een aantekening). "
        "Maak de tekst in het plan korter. [kernbeleid.werkboek]"
    ) in result.warnings
    workbook = result.outdir / "uitvoeringsplan-2026.xlsx"
    sheet = load_workbook(workbook)["Maatregelen"]
    cell = sheet.cell(row_of(sheet, "MR_AVONDEN", "PI_AVONDEN"), column_of(sheet, "Partners"))
    assert len(cell.value) == 32_767
    assert cell.value.endswith(" … [ingekort: de volledige tekst staat in het plan]")
    # The workbook still imports: the shortened text is what was exported.
    from sphinxext_kernbeleid.imports.voortgang import importeer

    plan = tmp_path / "plan"
    shutil.copytree(project.src, plan)
    lines: list[str] = []
    assert importeer(workbook, "2026-Q2", plan, say=lines.append) == 0, lines


def test_control_character_in_progress_does_not_crash_any_output(project):
    project.write("index.rst", PLAN)
    project.write(
        "voortgang/2026-Q2.yaml",
        'periode: 2026-Q2\nmaatregelen:\n  MR_AVONDEN:\n    toelichting: "twee\\vavonden"\n',
    )
    warning = (
        "voortgang/2026-Q2.yaml:4: WARNING: MR_AVONDEN: toelichting bevat een onzichtbaar "
        "stuurteken (U+000B (verticale tab)) dat Word en Excel niet kunnen bewaren; het staat "
        "er nu als zichtbaar teken. Haal het weg uit het bestand."
    )
    for builder in BUILDERS:
        result = project.build(builder)
        assert warning in result.warnings, builder
        assert "Traceback" not in result.warnings and result.status in (0, 1), builder
    sheet = load_workbook(
        project.path / "_build" / "kernbeleid-xlsx" / "uitvoeringsplan-2026.xlsx"
    )["Maatregelen"]
    cell = sheet.cell(row_of(sheet, "MR_AVONDEN", "PI_AVONDEN"), column_of(sheet, "Toelichting"))
    assert cell.value == "twee\u240bavonden"


def test_control_character_in_plan_text_is_made_visible_in_the_workbook():
    """docutils turns a vertical tab in rst into a space; a value from elsewhere (an
    imported needs.json, a progress file) may still hold one."""
    from sphinxext_kernbeleid.records import werkboek

    row = werkboek.Row(
        {"maatregel_id": "MR_SLOTEN", "indicator_id": "PI_SUBSIDIE", "maatregel": "Sloten\x0bhuur"}
    )
    warnings = werkboek.fit_for_excel([row], werkboek.MAATREGELEN)
    assert warnings == [
        "MR_SLOTEN: Maatregel bevat een onzichtbaar stuurteken (U+000B (verticale tab)) dat "
        "Excel niet kan bewaren; in het werkboek staat het als zichtbaar teken. Haal het weg "
        "uit het plan."
    ]
    assert row.values["maatregel"] == "Sloten\u240bhuur"


def test_disk_full_while_writing_the_report(project, monkeypatch):
    project.write("index.rst", PLAN)
    first = project.build("kernbeleid-check")
    json_file = first.outdir / "kernbeleid-rapport.json"
    before = sha(json_file)

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    again = project.build("kernbeleid-check")
    assert (
        f"ERROR: De schijf is vol: {json_file} kon niet worden geschreven. Maak ruimte vrij en "
        "bouw opnieuw. [kernbeleid.bestand]"
    ) in again.warnings
    assert again.status == 1  # the workbook (no fsync) was written, the two text files not
    assert sha(json_file) == before
    assert not list(first.outdir.glob(".*.tmp"))


def test_output_folder_that_cannot_be_made(project, tmp_path):
    project.write("index.rst", PLAN)
    parent = tmp_path / "alleen-lezen"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        done = sphinx(project, "kernbeleid-check", parent / "uit")
    finally:
        parent.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().endswith(
        f"ERROR: De map {parent} is alleen-lezen of u mag er niet in schrijven, dus de uitvoer "
        "kon niet worden geschreven. Geef schrijfrechten op de map of kies een andere map, en "
        "bouw opnieuw. Er is niets geschreven. [kernbeleid.bestand]"
    )
    assert "Traceback" not in done.stderr


def test_output_folder_below_a_file(project, tmp_path):
    project.write("index.rst", PLAN)
    blocker = tmp_path / "uitvoer"
    blocker.write_text("geen map\n")
    done = sphinx(project, "html", blocker / "html")
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().endswith(
        f"ERROR: {blocker} is een bestand, maar daar hoort de uitvoermap {blocker / 'html'}; "
        "hernoem of verplaats dat bestand, of kies een andere uitvoermap, en bouw opnieuw. Er "
        "is niets geschreven. [kernbeleid.bestand]"
    )
    assert "Traceback" not in done.stderr


def test_word_document_open_elsewhere_is_kept_and_the_others_written(project):
    project.write("index.rst", PLAN)
    first = project.build("kernbeleid-docx")
    locked = first.outdir / "Veiligheidsplan-Voorbeeldstad-2026-2029.docx"
    other = first.outdir / "Bijlagen-Voorbeeldstad-2026-2029.docx"
    locked.chmod(0o444)
    before = sha(locked)
    other.unlink()
    again = project.build("kernbeleid-docx")
    assert again.status == 1
    assert (
        f"ERROR: Het bestand {locked} is geopend in een ander programma of alleen-lezen; sluit "
        "het (of zet 'alleen-lezen' uit) en bouw opnieuw. [kernbeleid.bestand]"
    ) in again.warnings
    assert sha(locked) == before
    assert other.exists()
    assert "Traceback" not in again.warnings
