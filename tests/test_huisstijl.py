"""House style and the site: theme, contrast, logo, Dutch titles and footer, landmarks."""

from __future__ import annotations

import re
import struct
import zlib

from sphinxext_kernbeleid.build.huisstijl import MIN_CONTRAST, TINTEN, bereken, contrast, parse_hex

PLAN = """\
Plan
====

.. toctree::
   :caption: Inhoud

   hoofdstuk

.. prioriteit:: Ondermijning tegengaan
   :id: PRIO_ONDERMIJNING
   :kv: 5.2
"""

HOOFDSTUK = """\
Hoofdstuk
=========

Paragraaf
---------

Tekst.
"""


def _png() -> bytes:
    """A 1x1 PNG, enough for a logo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1f\x4e\x79")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _site(project, extra: str = ""):
    project.write("index.rst", PLAN)
    project.write("hoofdstuk.rst", HOOFDSTUK)
    project.conf('suppress_warnings = ["kernbeleid.regel"]\n' + extra)
    return project


def test_contrast_is_computed_as_wcag_does():
    assert round(contrast((0x77,) * 3, (255, 255, 255)), 2) == 4.48  # "#777": just too light
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert parse_hex("#15a") == (0x11, 0x55, 0xAA)
    assert parse_hex("blauw") is None


def test_a_light_house_colour_is_darkened_until_text_is_readable():
    stijl = bereken("#ffcc00")
    assert stijl.aangepast and stijl.opgegeven == "#ffcc00"
    assert contrast(stijl.rgb(), (255, 255, 255)) >= MIN_CONTRAST
    text = parse_hex(stijl.tekstkleur)
    assert text is not None
    assert all(contrast(text, parse_hex(tint)) >= MIN_CONTRAST for tint in TINTEN)  # type: ignore[arg-type]
    dark = bereken("#1f4e79")
    assert not dark.aangepast and dark.huiskleur == "#1f4e79"


def test_site_reads_as_a_dutch_publication_of_the_gemeente(project):
    result = _site(project).build("html")
    assert result.status == 0, result.warnings
    html = result.html()
    assert '<html lang="nl"' in html
    assert 'class="kb-kop"' in html  # the kernbeleid theme, without html_theme in conf.py
    assert re.search(
        r"<title>Plan &#8212; Integraal Veiligheidsplan Voorbeeldstad 2026-2029</title>", html
    )
    assert "documentatie" not in html and "Powered by" not in html and "Created using" not in html
    assert "Gemeente Voorbeeldstad" in html
    assert "&#169; gemeente Voorbeeldstad" in html
    for page in ("index", "hoofdstuk"):
        text = result.html(page)
        assert text.count("<h1") == 1, page
        assert "<header" in text and "<main" in text and "<footer" in text and "<nav" in text
        levels = [int(n) for n in re.findall(r"<h([1-6])", text[text.index("<main") :])]
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    # Sphinx's toctree caption gets the level it has in the page (axe: aria-required-attr).
    assert 'role="heading">' not in html
    assert '<p class="caption" role="heading" aria-level="2">' in html
    # Items are not layout tables.
    assert '<table class="need' not in html
    assert re.search(
        r'<div class="need [^"]*needs_layout_kernbeleid[^"]*" id="PRIO_ONDERMIJNING"', html
    )


def test_project_keeps_its_own_theme_and_title(project):
    result = _site(
        project, 'html_theme = "alabaster"\nhtml_title = "Mijn plan"\ncopyright = "2026, X"\n'
    ).build("html")
    assert result.status == 0, result.warnings
    html = result.html()
    assert 'class="kb-kop"' not in html and "alabaster" in html
    assert "<title>Plan &#8212; Mijn plan</title>" in html
    assert '<p class="caption" role="heading" aria-level="2">' in html  # fixed in any theme


def test_house_colour_and_logo_reach_site_and_check_report(project):
    project.src.joinpath("logo.png").write_bytes(_png())
    _site(project, 'kernbeleid_logo = "logo.png"\nkernbeleid_huiskleur = "#336699"\n')
    site = project.build("html")
    assert site.status == 0, site.warnings
    assert "--kb-huiskleur: #336699" in site.html()
    assert '<img class="kb-logo" src="_static/logo.png" alt="" />' in site.html()
    assert (site.outdir / "_static" / "logo.png").is_file()
    check = project.build("kernbeleid-check")
    report = (check.outdir / "kernbeleid-rapport.html").read_text("utf-8")
    assert "--kb-huiskleur: #336699" in report
    assert "<img src='data:image/png;base64," in report  # the report stays one file
    assert "Gemeente Voorbeeldstad" in report


def test_too_light_house_colour_is_darkened_with_a_dutch_located_warning(project):
    _site(project, 'kernbeleid_huiskleur = "#ffcc00"\n')
    result = project.build("html")
    conf = project.src / "conf.py"
    line = conf.read_text("utf-8").splitlines().index('kernbeleid_huiskleur = "#ffcc00"') + 1
    stijl = bereken("#ffcc00")
    assert (
        f"{conf}:{line}: WARNING: kernbeleid_huiskleur #ffcc00 is te licht voor witte tekst "
        f"(contrast 1,5:1, nodig is 4,5:1); de website en het toetsrapport gebruiken de "
        f"donkerder tint {stijl.huiskleur}"
    ) in result.warnings
    assert f"--kb-huiskleur: {stijl.huiskleur}" in result.html()


def test_wrong_house_style_values_are_explained(project):
    _site(project, 'kernbeleid_huiskleur = "blauw"\nkernbeleid_logo = "beeldmerk.png"\n')
    result = project.build("html")
    assert result.status == 0
    assert (
        "kernbeleid_huiskleur 'blauw' is geen kleurcode; schrijf een hexadecimale kleur zoals "
        "'#1f4e79'." in result.warnings
    )
    assert "kernbeleid_logo 'beeldmerk.png' bestaat niet" in result.warnings
    assert "WARNING: conf.py, regel " in result.warnings
    assert "--kb-huiskleur: #1f4e79" in result.html()
    assert "kb-logo" not in result.html()
