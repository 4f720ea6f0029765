"""The user guide works: docs/ builds with -W, its tables match the code, and every command
in it (and in the README) runs exactly as written.

Commands are the lines of fenced blocks marked ``console`` (prompt ``$ ``) or ``doscon``
(Windows, prompt ``> ``). A comment ``% map: NAAM`` (``<!-- map: NAAM -->`` in the README) before
a block names the folder it starts in; the folder then carries on (``cd`` included) until the
next marker. Folders, made fresh for every page:

- ``plan`` (default in docs/): a plan just made with ``kernbeleid nieuw`` as the guide shows;
- ``repository`` (default in the README): a copy of this repository without .venv/.git/builds;
- ``voorbeeldplan``: ``example_project/`` in that copy.

The virtual environment counts as activated (its ``bin`` first on PATH), as the guide asks.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinxext_kernbeleid.check.ruleset import RULES
from sphinxext_kernbeleid.model import catalogue
from sphinxext_kernbeleid.model.needtypes import FIELDS, NEED_TYPES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [README, *sorted(DOCS.rglob("*.md"))]

#: Commands the test does not run, each with the reason. Every entry must still occur in the
#: guide (see test_every_exception_is_still_in_the_guide).
NOT_RUN = {
    "make example": "needs the repository's own Makefile and .venv; tests/test_example.py "
    "builds example_project with the same four builders",
    "make test": "runs this very test suite",
    "make lint": "ruff and mypy over the repository; run by .ci/run and before every commit",
    ".ci/run": "installs system packages, then runs make lint and make test",
    'pip install ".[bekijk]"': "downloads and installs the package; tests/test_wheel.py installs "
    "the wheel into a fresh virtual environment and runs kernbeleid nieuw and all builders",
    "make bekijk": "starts a live-preview server that runs until Ctrl-C",
    ".venv/bin/python bench/run.py": "the benchmark takes about 3 minutes",
    ".venv/bin/python bench/run.py --groot": "the large benchmark takes about 25 minutes",
    ".venv/bin/python bench/run.py --sizes 200 --herhaal 3 --json uitslag.json": "takes minutes; "
    "tests/test_bench.py runs the benchmark at a small size",
    ".venv/bin/python bench/metingen_bench.py": "imports 100.000 rows and builds N = 1.000: minutes",
    ".venv/bin/python bench/metingen_bench.py --n 200 --herhaal 3": "three builds of each kind: "
    "about a minute; tests/test_metingen_import.py smoke-tests its export",
}
#: Windows-only commands (cmd.exe), listed one by one; their Linux/macOS twins run.
WINDOWS = {
    "py -m venv .venv": "Windows: python3 -m venv .venv runs instead",
    ".venv\\Scripts\\activate": "Windows: source .venv/bin/activate runs instead",
    'pip install ".[bekijk]"': "Windows: see NOT_RUN",
    "cd ..\\veiligheidsplan": "Windows: cd ../veiligheidsplan runs instead",
    "make.bat website": "Windows: make website runs instead",
    "make.bat toets": "Windows: make toets runs instead",
    "set OPTIES=-W": "Windows: make website OPTIES=-W runs instead",
}
#: Commands that must fail, with the exit code and why.
MUST_FAIL = {
    "make toets": (2, "a plan fresh from kernbeleid nieuw has [IN TE VULLEN]: not raadsrijp"),
    "sphinx-build -b kernbeleid-check . _build/toets": (1, "the same, without make"),
}
#: How the guide makes the plan the other pages work in.
NIEUW = [
    "nieuw",
    "--gemeente",
    "Voorbeeldstad",
    "--periode",
    "2027-2030",
    "--prioriteiten",
    "1.3,5.2",
    "--themas",
    "2.3,4.1",
]


@dataclass(frozen=True)
class Command:
    page: Path
    line: int
    text: str
    shell: str  # "console" or "doscon"
    map: str
    #: The lines the guide shows after the command: each must be in what it prints
    #: ("…" stands for any text, e.g. a count that changes with the rules).
    output: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}: {self.text}"


_FENCE = re.compile(r"^(\s*)(`{3,})([\w-]*)\s*$")
_MARKER = re.compile(r"^(?:%\s*map:\s*([\w-]+)|<!--\s*map:\s*([\w-]+)\s*-->)\s*$")
_PROMPT = {"console": "$ ", "doscon": "> "}


def commands_of(page: Path) -> list[Command]:
    lines = page.read_text("utf-8").splitlines()
    where = "repository" if page == README else "plan"
    found: list[Command] = []
    i = 0
    while i < len(lines):
        marker = _MARKER.match(lines[i].strip())
        if marker:
            where = marker.group(1) or marker.group(2)
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        indent, ticks, language = fence.groups()
        i += 1
        while i < len(lines):
            closing = _FENCE.match(lines[i])
            if closing and closing.group(2).startswith(ticks) and not closing.group(3):
                break
            body = lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i]
            prompt = _PROMPT.get(language)
            if prompt and body.startswith(prompt):
                found.append(Command(page, i + 1, body[len(prompt) :].strip(), language, where))
            elif prompt and found and found[-1].page == page and body.strip():
                last = found[-1]
                found[-1] = replace(last, output=(*last.output, body.strip()))
            i += 1
        i += 1
    return found


ALL_COMMANDS = [c for page in PAGES for c in commands_of(page)]


def test_the_guide_has_commands_and_markers_are_known():
    assert len(ALL_COMMANDS) >= 30
    assert {c.map for c in ALL_COMMANDS} <= {"plan", "repository", "voorbeeldplan"}
    texts = {c.text for c in ALL_COMMANDS}
    assert {"make example", "make test", "python3 -m venv .venv", "py -m venv .venv"} <= texts


def test_every_exception_is_still_in_the_guide():
    console = {c.text for c in ALL_COMMANDS if c.shell == "console"}
    windows = {c.text for c in ALL_COMMANDS if c.shell == "doscon"}
    assert set(NOT_RUN) <= console, set(NOT_RUN) - console
    assert set(MUST_FAIL) <= console, set(MUST_FAIL) - console
    # Every Windows command is listed by name: a new one needs a reason here too.
    assert windows == set(WINDOWS), windows ^ set(WINDOWS)


_SKIP = shutil.ignore_patterns(
    ".venv", ".git", "_build", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
)


def _not_copied(folder: str, names: list[str]) -> set[str]:
    """What the repository copy leaves out: environments, caches, builds, benchmark output."""
    skip = set(_SKIP(folder, names))
    if Path(folder) == ROOT / "bench":
        skip.add("out")
    return skip


class Folders:
    """The folders one page's commands run in, made when first needed."""

    def __init__(self, base: Path, env: dict[str, str]):
        self.base = base
        self.env = env
        self._made: dict[str, Path] = {}

    def __call__(self, name: str) -> Path:
        if name not in self._made:
            self._made[name] = getattr(self, f"_{name}")()
        return self._made[name]

    def _repository(self) -> Path:
        repo = self.base / "repository"
        shutil.copytree(
            ROOT,
            repo,
            ignore=_not_copied,
        )
        return repo

    def _voorbeeldplan(self) -> Path:
        return self("repository") / "example_project"

    def _plan(self) -> Path:
        plan = self.base / "nieuw" / "veiligheidsplan"
        kernbeleid = Path(sys.executable).parent / "kernbeleid"
        done = subprocess.run(
            [str(kernbeleid), *NIEUW[:1], str(plan), *NIEUW[1:]],
            capture_output=True,
            text=True,
            env=self.env,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return plan


def _activated_env() -> dict[str, str]:
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "OPTIES")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(bin_dir.parent)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(command: Command, cwd: Path, env: dict[str, str], cwd_file: Path):
    # The developer pages call .venv/bin/... in the repository: that is this test's venv.
    if command.text.startswith(".venv/") and not (cwd / ".venv").exists():
        (cwd / ".venv").symlink_to(Path(sys.executable).parent.parent, target_is_directory=True)
    script = f'cd "{cwd}" || exit 99\n{command.text}\nstatus=$?\npwd > "{cwd_file}"\nexit $status\n'
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if any(c.shell == "console" for c in commands_of(p))],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_command_runs_as_written(page, tmp_path):
    env = _activated_env()
    folders = Folders(tmp_path, env)
    cwd_file = tmp_path / "cwd"
    where, cwd = None, None
    ran = 0
    timings: list[str] = []
    for command in commands_of(page):
        if command.shell != "console" or command.text in NOT_RUN:
            continue
        if command.map != where:
            where, cwd = command.map, folders(command.map)
        assert cwd is not None
        start = time.monotonic()
        done = _run(command, cwd, env, cwd_file)
        expected, _why = MUST_FAIL.get(command.text, (0, ""))
        took = time.monotonic() - start
        timings.append(f"{took:5.1f} s  {command.text}")
        assert done.returncode == expected, (
            f"{command}\nexit {done.returncode}, expected {expected}\n"
            f"{done.stdout[-2500:]}\n{done.stderr[-2500:]}"
        )
        printed = " ".join((done.stdout + done.stderr).split())
        for line in command.output:
            pattern = ".*".join(re.escape(" ".join(part.split())) for part in line.split("…"))
            assert re.search(pattern, printed), (
                f"{command}\nshown but not printed: {line}\n{printed[-2500:]}"
            )
        if cwd_file.exists():
            cwd = Path(cwd_file.read_text().strip())
        ran += 1
    assert ran, f"no command of {page} ran"
    print("\n".join(timings))


# -- the site itself ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "html"
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(["-b", "html", "-W", "-E", "-q", str(DOCS), str(out)])
    assert status == 0, stderr.getvalue()
    return out


def test_docs_build_with_W(site):
    page = (site / "beginnen.html").read_text("utf-8")
    assert "Een eigen plan beginnen" in page and "make.bat" in page
    # The project's own theme, in Dutch, without "Powered by Sphinx".
    index = (site / "index.html").read_text("utf-8")
    assert 'lang="nl"' in index and "kb-kop" in index and "Direct naar de inhoud" in index
    assert "Sphinx" not in index.split("<footer", 1)[1]
    for page in ("toets", "word", "excel", "instellingen", "catalogus", "problemen"):
        assert (site / f"{page}.html").exists(), page
    assert (site / "ontwikkelaars" / "index.html").exists()
    assert (site / "ontwikkelaars" / "benchmark.html").exists()


class _Rows(HTMLParser):
    """The rows (lists of cell texts) of each catalogue table, by its ``kb-catalogus-*`` class."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            classes = (dict(attrs).get("class") or "").split()
            named = [c for c in classes if c.startswith("kb-catalogus-")]
            self._table = named[0] if named else "(andere)"
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_theme_codes_are_generated_from_the_catalogue(site):
    parser = _Rows()
    parser.feed((site / "catalogus.html").read_text("utf-8"))
    cat = catalogue.load()
    themes = parser.tables["kb-catalogus-themas"][1:]
    expected = [
        [t.code, t.naam, f"{f.code} {f.naam}", ", ".join(t.bronnen)]
        for f in cat.fields
        for t in f.themes
    ]
    assert themes == expected
    assert len(themes) == 22
    aspects = parser.tables["kb-catalogus-aspecten"][1:]
    assert aspects == [[a.code, a.naam] for a in cat.aspects]
    sources = parser.tables["kb-catalogus-bronnen"][1:]
    assert sources == [[k, v] for k, v in cat.sources.items()]


# -- the guide covers the code -----------------------------------------------------------


def _guide_text() -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(DOCS.rglob("*.md")))


def test_every_setting_is_in_the_settings_table():
    registered = set()
    texts = [p.read_text("utf-8") for p in (ROOT / "sphinxext_kernbeleid").rglob("*.py")]
    # substituties.py registers its computed value through a constant (set in settings.py).
    constants = dict(re.findall(r'^([A-Z_]+) = "(kernbeleid_\w+)"', "\n".join(texts), re.M))
    for text in texts:
        registered |= set(re.findall(r'add_config_value\(\s*"(kernbeleid_\w+)"', text))
        for const in re.findall(r"add_config_value\(\s*([A-Z_]+)\s*,", text):
            assert const in constants, const
            registered.add(constants[const])
    assert len(registered) >= 15
    table = (DOCS / "instellingen.md").read_text("utf-8")
    rows = set(re.findall(r"^\| `(kernbeleid_\w+)` \|", table, re.M))
    assert rows == registered, rows ^ registered


def test_every_rule_directive_field_and_source_is_in_the_guide():
    guide = _guide_text()
    rules_table = (DOCS / "toets.md").read_text("utf-8")
    for rule in RULES:
        assert re.search(rf"^\| `{re.escape(rule.id)}` \|", rules_table, re.M), rule.id
    for spec in NEED_TYPES:
        assert f"`{spec.directive}`" in guide, spec.directive
    for name in FIELDS:
        assert f"`{name}`" in guide or f":{name}:" in guide, name
    # The sources table is generated; its directive must be on the catalogue page.
    assert "{catalogus-tabel} bronnen" in (DOCS / "catalogus.md").read_text("utf-8")


def test_the_smallest_plan_builds(tmp_path):
    """The two files of "Het kleinste plan" are a plan."""
    text = (DOCS / "beginnen.md").read_text("utf-8")
    files = dict(
        (name, body)
        for name, body in re.findall(
            r"```\{code-block\} \w+\n:caption: (\S+)\n\n(.*?)```", text, re.S
        )
    )
    assert set(files) == {"conf.py", "index.rst"}
    for name, body in files.items():
        (tmp_path / name).write_text(body, "utf-8")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(["-b", "html", "-q", str(tmp_path), str(tmp_path / "_build")])
    assert status == 0, stderr.getvalue()
    assert "PRIO_ONDERMIJNING" in (tmp_path / "_build" / "index.html").read_text("utf-8")


def test_readme_is_the_short_entry():
    readme = README.read_text("utf-8")
    assert len(readme) <= 8000, len(readme)
    head = readme[:1500]
    assert "make example" in head and "make test" in head
    for needed in (
        "py -m venv .venv",
        ".venv\\Scripts\\activate",
        "python3 -m venv .venv",
        "source .venv/bin/activate",
        "kernbeleid nieuw",
        "docs/",
        "Uitvoeringsplan",
        "kwartaal",
    ):
        assert needed in readme, needed
