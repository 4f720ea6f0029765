"""The user guide in docs/ builds without a warning (the skeleton of issue 15, point 4)."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from sphinx.cmd.build import build_main

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_docs_build_with_W(tmp_path):
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(["-b", "html", "-W", "-E", "-q", str(DOCS), str(tmp_path / "html")])
    assert status == 0, stderr.getvalue()
    page = (tmp_path / "html" / "beginnen.html").read_text("utf-8")
    assert "Een eigen plan beginnen" in page and "make.bat" in page
