"""The package's folders are the pipeline's stages, and imports run one way (downward).

files → model → records → check → authoring → build → render → writers → builders →
imports → regio → cli. A module may import from its own stage and from the stages before it, never
from a later one; the model imports no Sphinx or docutils. Read from the code itself with
``ast``, so a new import that runs upward fails here, not in a reviewer's head.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sphinxext_kernbeleid"
STAGES = [
    "version",
    "events",
    "files",
    "model",
    "records",
    "check",
    "authoring",
    "build",
    "render",
    "writers",
    "builders",
    "imports",
    "regio",
    "cli",
]
#: The package's entry points stand on top of everything.
TOP = {"__init__", "__main__"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Absolute module names (inside the package) imported by one module, at any depth."""
    is_package = path.name == "__init__.py"
    here = name.split(".") if is_package else name.split(".")[:-1]
    if name == "__init__":
        here = []
    result = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            names = (
                [target] if node.module else [f"{target}.{a.name}".strip(".") for a in node.names]
            )
            result.update(names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "sphinxext_kernbeleid."
        ):
            result.add(node.module.removeprefix("sphinxext_kernbeleid."))
    return result


def _stage(module: str) -> int:
    first = module.split(".")[0]
    if first in TOP:
        return len(STAGES)
    return STAGES.index(first)


def test_every_module_lives_in_a_stage():
    strays = [m for m in _modules() if m.split(".")[0] not in STAGES + list(TOP)]
    assert strays == []


def test_at_most_twelve_modules_directly_in_the_package():
    direct = [p for p in PACKAGE.glob("*.py")]
    assert len(direct) <= 12, direct


@pytest.mark.parametrize("module", sorted(_modules()))
def test_imports_run_downward(module):
    path = _modules()[module]
    upward = [
        target
        for target in _imports(module, path)
        if target.split(".")[0] in STAGES and _stage(target) > _stage(module)
    ]
    assert upward == [], f"{module} imports from a later stage: {upward}"


def test_the_model_imports_no_sphinx():
    for path in (PACKAGE / "model").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in {"sphinx", "docutils", "sphinx_needs"}, (
                    f"{path.name} imports {name}"
                )


def test_the_developer_docs_name_every_module():
    """The module map in docs/ontwikkelaars/index.md cannot drift from the code."""
    import re

    docs = (PACKAGE.parent / "docs" / "ontwikkelaars" / "index.md").read_text("utf-8")
    table = docs[docs.index("The module map") :]
    table = table[: table.index("\n\n", table.index("| module |"))]
    named = set()
    for cell in re.findall(r"^\| ([^|]+) \|", table, flags=re.M):
        for path in re.findall(r"`([\w/]+(?:\.py|/))`", cell):
            named.add(path)
    files = {
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" or p.parent.parent != PACKAGE
    }
    files = {f for f in files if f not in {"__init__.py", "__main__.py"}}
    covered = {
        f for f in files if f in named or any(f.startswith(d) for d in named if d.endswith("/"))
    }
    missing = sorted(files - covered - {f for f in files if f.endswith("/__init__.py")})
    assert missing == [], f"modules missing from the developer docs: {missing}"
    stale = sorted(n for n in named if not (PACKAGE / n).exists())
    assert stale == [], f"the developer docs name modules that do not exist: {stale}"


def test_every_stage_folder_is_a_package():
    """A folder without ``__init__.py`` is a namespace package, which the wheel leaves out."""
    for folder in PACKAGE.rglob("*"):
        if folder.is_dir() and any(folder.glob("*.py")):
            assert (folder / "__init__.py").exists(), folder


def test_event_priorities_come_from_the_one_table():
    """Every handler that needs an order connects with a name from events.py."""
    literal = []
    for name, path in sorted(_modules().items()):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "connect":
                for keyword in node.keywords:
                    if keyword.arg == "priority" and not (
                        isinstance(keyword.value, ast.Attribute)
                        and isinstance(keyword.value.value, ast.Name)
                        and keyword.value.value.id == "events"
                    ):
                        literal.append(f"{name}:{node.lineno}")
    assert literal == []
