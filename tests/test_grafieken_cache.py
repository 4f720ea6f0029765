"""One chart cache per plan build folder, shared by the HTML and the Word build."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from test_metingen_build import _plan

CACHE = "kernbeleid-grafieken"


def tiny_png() -> bytes:
    """A valid 1×1 PNG, unlike any chart: where it shows up, the cache was used."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def pictures(docx: Path) -> list[bytes]:
    """The picture of every drawing in the body, in order."""
    document = Document(str(docx))
    blips = document.element.body.iter(qn("a:blip"))
    return [document.part.related_parts[blip.get(qn("r:embed"))].blob for blip in blips]


def indicator_charts(cache: Path) -> list[Path]:
    """The indicator charts in the cache (a voortgangsrapportage's dashboard picture would be
    drawn by the build that writes the rapportage)."""
    return sorted(p for p in cache.glob("*.png") if not p.name.startswith("dashboard-"))


def _with_report(project):
    """The plan with measurements, and its voortgangsrapportage asked for by name: the
    Word document that shows the indicator charts (made by default only once a quarter
    is reported; the cache does not depend on that)."""
    _plan(project)
    project.conf(
        'suppress_warnings = ["kernbeleid.regel"]\n'
        'kernbeleid_docx_documents = [("kernbeleid:voortgang", '
        '"Voortgangsrapportage-Voorbeeldstad.docx")]\n'
    )


def test_word_after_html_uses_the_charts_the_html_build_drew(project):
    _with_report(project)
    html = project.build("html")
    assert html.status == 0, html.warnings
    cache = project.path / "_build" / CACHE
    charts = indicator_charts(cache)
    assert len(charts) == 2
    marker = tiny_png()
    for chart in charts:
        chart.write_bytes(marker)
    word = project.build("kernbeleid-docx")
    assert word.status == 0, word.warnings
    (report,) = word.outdir.glob("Voortgangsrapportage-*.docx")
    assert pictures(report).count(marker) == 2
    assert indicator_charts(cache) == charts  # nothing drawn beside them
    assert not (word.outdir / ".doctrees" / CACHE).exists()


def test_html_after_word_draws_no_chart(project):
    _with_report(project)
    word = project.build("kernbeleid-docx")
    assert word.status == 0, word.warnings
    cache = project.path / "_build" / CACHE
    drawn = {p.name: p.stat().st_mtime_ns for p in indicator_charts(cache)}
    assert len(drawn) == 2
    html = project.build("html")
    assert html.status == 0, html.warnings
    assert {p.name: p.stat().st_mtime_ns for p in indicator_charts(cache)} == drawn
    images = html.outdir / "_images" / "kernbeleid"
    assert sorted(p.name for p in images.glob("*.png")) == sorted(drawn)


def test_output_folder_outside_a_build_folder_keeps_the_cache_with_the_doctrees(project):
    _plan(project)
    outdir = project.path / "site"
    from sphinx.cmd.build import build_main

    assert build_main(["-b", "html", "-q", "-N", str(project.src), str(outdir)]) == 0
    assert len(list((outdir / ".doctrees" / CACHE).glob("*.png"))) == 2
    assert not (project.path / CACHE).exists()
