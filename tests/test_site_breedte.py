"""The example site at 1200 px in a real Chromium: no page wider than the window (a wide
table, e.g. the plattegrond or the maatregelen overview, fits its content column)."""

from __future__ import annotations

import contextlib
import io

from sphinx.cmd.build import build_main
from test_toegankelijkheid import CHROMIUM, ROOT, _pages, pytestmark  # noqa: F401


def test_no_page_of_the_example_is_wider_than_1200_px(tmp_path):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM
    out = tmp_path / "html"
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert build_main(["-b", "html", "-q", str(ROOT / "example_project"), str(out)]) == 0
    too_wide: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            for path in _pages(out):
                page.goto(path.as_uri())
                wide = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if wide > 0:
                    too_wide.append(f"{path.relative_to(out)}: {wide} px te breed")
        finally:
            browser.close()
    assert too_wide == []
