"""The kernbeleid-docx builder (stub: filled in by its issue)."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the builder and its config values."""
