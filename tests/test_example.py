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


def _visible_text(html: str) -> str:
    """What a reader sees: no scripts, styles, tags or attribute values."""
    import re

    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_example_site_is_for_the_public(example_html):
    """Issue 19 point 3: no technical ids for readers, the whole IVP in the home contents
    list, no internal files, and pages that speak to the reader."""
    import re

    _proc, out = example_html
    pages = sorted(out.rglob("*.html"))
    anchors = set()
    for page in pages:
        anchors |= set(
            re.findall(
                r'id="((?:PRIO|MR|PI|AP|DOEL|EI|THEMA|UP|AN)_[A-Z0-9_]+)"', page.read_text("utf-8")
            )
        )
    assert {"PRIO_ONDERMIJNING", "MR_INTEGRALE_CONTROLES", "PI_CONTROLES"} <= anchors
    pattern = re.compile(r"\b(" + "|".join(sorted(anchors)) + r")\b")
    shown = {
        page.relative_to(out).as_posix(): pattern.findall(_visible_text(page.read_text("utf-8")))
        for page in pages
    }
    assert not {page: ids for page, ids in shown.items() if ids}
    # The ids are no tooltips either (title="MR_…").
    assert not any(
        re.search(r'title="(?:PRIO|MR|PI|AP|DOEL|EI|THEMA|UP|AN)_', p.read_text("utf-8"))
        for p in pages
    )
    home = (out / "index.html").read_text("utf-8")
    contents = home[home.index("Inhoud</span>") :] if "Inhoud</span>" in home else home
    for chapter in (
        "Voorwoord",
        "Samenvatting",
        "1. Uitgangssituatie",
        "4. Prioriteiten",
        "7. Begroting",
        "2. Uitwerking prioriteiten",
        "5. Financiën",
    ):
        assert f">{chapter}</a>" in contents, chapter
    assert not (out / "_sources").exists()
    assert not (out / "permalink.html").exists()
    assert not (out / "schema_violations.json").exists()
    voortgang = _visible_text((out / "voortgang.html").read_text("utf-8"))
    assert "make word" not in voortgang
    analyse = _visible_text((out / "analyse" / "index.html").read_text("utf-8"))
    assert "kernbeleid politie importeer" not in analyse and "sphinx-build" not in analyse
    # A partner's typed list marker ("- vijf controles…") is not shown as a stray dash.
    pages_text = " ".join(_visible_text(p.read_text("utf-8")) for p in pages)
    assert "vijf controles met politie" in pages_text
    assert not re.search(r"[-–]\s+vijf controles", pages_text)


def test_example_maatregel_names_prioriteit_and_doel(example_html):
    """Issue 19 point 1 (site): a maatregel's block names its prioriteit and doel, linked."""
    import re

    _proc, out = example_html
    html = (out / "uitvoeringsplan" / "prioriteiten.html").read_text("utf-8")
    block = html[html.index('id="MR_INTEGRALE_CONTROLES"') :]
    block = block[: block.index('id="PI_CONTROLES"')]
    text = re.sub(r"\s+", " ", _visible_text(block)).replace(" :", ":")
    assert "Prioriteit: Ondermijning tegengaan" in text
    assert "Actiepunt: Aanpak bedrijventerrein De Hooge Akker" in text
    assert "Draagt bij aan: Minder ondermijnende activiteiten" in text
    assert 'href="../ivp/prioriteiten.html#PRIO_ONDERMIJNING"' in block
    assert "#DOEL_ONDERMIJNING_GEBIED" in block
    # The actiepunt's title is the section heading right above it: read once.
    heading = "Actiepunt: aanpak bedrijventerrein De Hooge Akker"
    assert heading in html
    head = re.search(r'id="AP_HOOGE_AKKER".*?<p class="kernbeleid-kop">(.*?)</p>', html, re.S)
    assert head and _visible_text(head.group(1)).strip() == "Actiepunt"
