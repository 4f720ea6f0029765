"""axe-core in a real Chromium over every page of the site and the check report.

Runs the distribution's chromium (Debian package ``chromium``) through Playwright with
``executable_path``; Playwright's own browser download is never used. Passes when axe
finds no serious and no critical violation (WCAG 2.1 AA and axe's best practices).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import time
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
#: Every plan the site must pass with; a fixture that does not exist yet is left out.
PROJECTS = [
    path
    for path in (ROOT / "example_project", FIXTURES / "flawed_plan", FIXTURES / "realistic_plan")
    if (path / "conf.py").is_file()
]
BLOCKING = ("serious", "critical")


#: CI sets this to the chromium it installed: then a missing browser fails, never skips.
REQUIRED = os.environ.get("KERNBELEID_CHROMIUM", "")


def _chromium() -> str | None:
    if REQUIRED:
        return shutil.which(REQUIRED)
    for name in ("chromium", "chromium-browser"):
        if name and (found := shutil.which(name)):
            return found
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="geen chromium gevonden (installeer het Debian-pakket 'chromium' of zet "
    "KERNBELEID_CHROMIUM); de toegankelijkheidstest draait axe-core in een echte browser",
)


def _build(project: Path, builder: str, out: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        status = build_main(
            ["-b", builder, "-q", "-d", str(out.parent / ".doctrees"), str(project), str(out)]
        )
    # The flawed plan is not raadsrijp: the check exits 1 by design; the report is there.
    assert (out / ("index.html" if builder == "html" else "kernbeleid-rapport.html")).is_file()
    assert builder != "html" or status == 0


def _pages(outdir: Path) -> list[Path]:
    skip = {"_static", "_sources", "_images"}
    return sorted(p for p in outdir.rglob("*.html") if not skip & set(p.relative_to(outdir).parts))


def test_site_and_check_report_pass_axe(tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, f"KERNBELEID_CHROMIUM={REQUIRED!r} bestaat niet of is niet uitvoerbaar"
    pages: list[tuple[str, Path]] = []
    for project in PROJECTS:
        out = tmp_path / project.name
        _build(project, "html", out / "html")
        _build(project, "kernbeleid-check", out / "check")
        pages += [(project.name, page) for page in _pages(out / "html")]
        pages.append((project.name, out / "check" / "kernbeleid-rapport.html"))
    assert len(pages) > 2 * len(PROJECTS)

    axe = Axe()
    problems: list[str] = []
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            for _project, path in pages:
                page.goto(path.as_uri())
                result = axe.run(page)
                for violation in result.response["violations"]:
                    if violation["impact"] not in BLOCKING:
                        continue
                    for node in violation["nodes"][:3]:
                        problems.append(
                            f"{path.relative_to(tmp_path)}: {violation['impact']} "
                            f"{violation['id']} at {node['target']}: "
                            f"{node.get('failureSummary', '')[:200]}"
                        )
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
    assert time.monotonic() - started < 120, "axe over the site took unexpectedly long"
