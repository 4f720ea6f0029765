"""Where a setting stands in conf.py, for located messages and for "did the project set it?".

Sphinx keeps no public record of which values conf.py set; reading conf.py's top-level
assignments (and the ``-D`` overrides) tells us without touching Sphinx's internals.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@cache
def _parsed(conf_py: Path, stamp: float) -> dict[str, tuple[int, ast.expr | None]]:
    """Top-level names assigned in conf.py -> (line, value) of their last assignment (the
    one that counts, as in Python); the value is ``None`` for ``+=``."""
    try:
        tree = ast.parse(conf_py.read_text("utf-8"), str(conf_py))
    except (OSError, SyntaxError, ValueError):
        return {}
    found: dict[str, tuple[int, ast.expr | None]] = {}
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = list(node.targets), node.value
        elif isinstance(node, ast.AnnAssign):
            targets, value = [node.target], node.value
        elif isinstance(node, ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                found[target.id] = (node.lineno, value)
    return found


def _assignments(conf_py: Path, stamp: float) -> dict[str, int]:
    return {name: line for name, (line, _value) in _parsed(conf_py, stamp).items()}


def literal(confdir: str | Path, name: str) -> object | None:
    """The value conf.py gives ``name`` when it is written as a literal ("Lindewaard",
    2026, [...]), read without running conf.py; ``None`` otherwise. The last assignment
    counts, as when Sphinx runs conf.py."""
    path = Path(confdir) / "conf.py"
    if not path.is_file():
        return None
    line_value = _parsed(path, path.stat().st_mtime).get(name)
    if line_value is None or line_value[1] is None:
        return None
    try:
        return ast.literal_eval(line_value[1])
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return None


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
