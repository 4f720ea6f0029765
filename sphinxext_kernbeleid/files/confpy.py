"""Where a setting stands in conf.py, for located messages and for "did the project set it?".

Sphinx keeps no public record of which values conf.py set; reading conf.py's top-level
assignments (and the ``-D`` overrides) tells us without touching Sphinx's internals.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from sphinx.application import Sphinx


@cache
def _assignments(conf_py: Path, stamp: float) -> dict[str, int]:
    """Top-level names assigned in conf.py -> line of their last assignment (the one that
    counts, as in Python)."""
    try:
        tree = ast.parse(conf_py.read_text("utf-8"), str(conf_py))
    except (OSError, SyntaxError, ValueError):
        return {}
    found: dict[str, int] = {}
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                found[target.id] = node.lineno
    return found


def _conf_py(app: Sphinx) -> Path | None:
    if app.confdir is None:
        return None
    path = Path(app.confdir) / "conf.py"
    return path if path.is_file() else None


def lines_in(confdir: str | Path | None) -> dict[str, int]:
    """Every top-level name set in ``confdir/conf.py`` -> its line; {} without a conf.py."""
    if confdir is None:
        return {}
    path = Path(confdir) / "conf.py"
    if not path.is_file():
        return {}
    return _assignments(path, path.stat().st_mtime)


def assigned_line(app: Sphinx, name: str) -> int | None:
    """The line in conf.py where ``name`` is set, or ``None``."""
    path = _conf_py(app)
    if path is None:
        return None
    return _assignments(path, path.stat().st_mtime).get(name)


def is_set(app: Sphinx, name: str) -> bool:
    """Whether the project chose this value itself (in conf.py or with ``-D``)."""
    return name in app.config.overrides or assigned_line(app, name) is not None


def location(app: Sphinx, name: str) -> str | None:
    """``/pad/naar/conf.py:12`` for a Sphinx warning about the setting ``name``."""
    path = _conf_py(app)
    if path is None:
        return None
    line = assigned_line(app, name)
    return f"{path}:{line}" if line else f"{path}:"
