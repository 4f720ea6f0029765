"""A build imports only what it uses (issue 25: the rebuild without change).

Every build runs the extension's ``setup()``, which registers every builder, directive
and handler; what that imports is paid by each ``make html``, also when nothing changed.
The Word, Excel and PowerPoint libraries, YAML, the plan's model and the overviews'
renderers are loaded by the functions that use them; and a rebuild loads the saved
environment with the garbage collector paused (build/geheugen.py). Checked in a fresh process (``sys.modules`` after the build),
as a user runs Sphinx.
"""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

#: Libraries only some outputs need; an HTML build loads none of them.
HEAVY = ("docx", "docxtpl", "openpyxl", "matplotlib", "duckdb", "pptx", "lxml", "numpy")
#: Also not when nothing changed: the progress/measurement readers' YAML libraries.
HEAVY_UNCHANGED = (*HEAVY, "ruamel", "yaml", "jsonschema")
#: Our own modules a rebuild without change does not need.
OURS_UNCHANGED = (
    "sphinxext_kernbeleid.builders.docx",
    "sphinxext_kernbeleid.writers",
    "sphinxext_kernbeleid.check.rules",
    "sphinxext_kernbeleid.records.voortgang",
    "sphinxext_kernbeleid.records.metingen",
    "sphinxext_kernbeleid.authoring.bouwcatalogus",
    # The overviews' renderers: imported when an overview of their kind is filled.
    "sphinxext_kernbeleid.render.tables",
    "sphinxext_kernbeleid.render.begroting",
    "sphinxext_kernbeleid.render.matrix",
    "sphinxext_kernbeleid.render.voortgang",
    "sphinxext_kernbeleid.render.analyse",
    "sphinxext_kernbeleid.render.startnotitie",
    "sphinxext_kernbeleid.render.amendementen",
    "sphinxext_kernbeleid.model.gemeenten",
)

#: An overview: filling it imports its renderer.
OVERVIEW = """
.. kernbeleid-plattegrond::
"""

PLAN = """\
Plan
====

.. prioriteit:: Veilige wijken
   :id: PRIO_WIJK
   :rang: 1
   :kv: 1.1

.. maatregel:: Buurtpreventie
   :id: MR_BUURT
   :hoort_bij: PRIO_WIJK
   :budget: € 10.000

   Bewoners lopen samen met de wijkagent.
"""

#: Builds like ``python -m sphinx`` and prints the modules it loaded.
BUILD = textwrap.dedent(
    """
    import json, sys
    from sphinx.cmd.build import build_main
    status = build_main(["-b", "html", "-q", sys.argv[1], sys.argv[2]])
    print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
    """
)


def _loaded(*args: str) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", BUILD, *args], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.splitlines()[-1])
    return result["status"], result["modules"]


def _offending(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(f"{n}.") for n in names))


def test_importing_the_package_loads_nothing_heavy():
    code = "import json, sys, sphinxext_kernbeleid; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    modules = json.loads(done.stdout)
    assert _offending(modules, (*HEAVY_UNCHANGED, "PIL", "sphinx", "sphinx_needs")) == []


def test_an_html_build_and_its_rebuild_load_only_what_they_use(project):
    project.write("index.rst", PLAN)
    outdir = str(project.path / "_build" / "html")
    status, modules = _loaded(str(project.src), outdir)
    assert status == 0
    assert _offending(modules, (*HEAVY, "sphinxext_kernbeleid.builders.docx")) == []
    assert "sphinxext_kernbeleid.model.plan" in modules  # the test can see our modules

    status, modules = _loaded(str(project.src), outdir)  # nothing changed
    assert status == 0
    assert _offending(modules, HEAVY_UNCHANGED + OURS_UNCHANGED) == []


def test_the_word_builder_is_made_by_its_stand_in(project):
    project.write("index.rst", PLAN)
    outdir = project.path / "_build" / "word"
    from sphinxext_kernbeleid import builders
    from sphinxext_kernbeleid.builders.docx import DocxBuilder

    with docutils_namespace():
        app = Sphinx(
            project.src, project.src, outdir, outdir / ".dt", "kernbeleid-docx", status=None
        )
        assert type(app.builder) is DocxBuilder
        assert DocxBuilder.name == builders.DOCX


def test_the_heap_is_frozen_while_pages_are_written_and_released_after(project):
    """build/geheugen.py: the collector skips the environment while pages are written."""
    project.write("index.rst", PLAN)
    outdir = project.path / "_build" / "html"
    frozen: list[int] = []
    with docutils_namespace():
        app = Sphinx(project.src, project.src, outdir, outdir / ".dt", "html", status=None)
        app.connect("html-page-context", lambda *_args: frozen.append(gc.get_freeze_count()))
        app.build()
    assert app.statuscode == 0
    assert frozen and min(frozen) > 0
    assert gc.get_freeze_count() == 0
    assert "Buurtpreventie" in (outdir / "index.html").read_text("utf-8")


def test_every_overview_kind_has_its_renderer():
    """The lazy table knows each kind, and each module registers what the table says."""
    from sphinxext_kernbeleid.render import overviews

    for kind in overviews.RENDERER_MODULES:
        assert kind in overviews.RENDERERS
        assert callable(overviews.RENDERERS[kind])
        assert overviews.RENDERERS.get(kind) is overviews.RENDERERS[kind]
    assert "onbekend" not in overviews.RENDERERS
    assert overviews.RENDERERS.get("onbekend") is None


def _pages(outdir) -> dict[str, str]:
    """Every HTML page, without sphinx-needs' random container ids and the number of a
    titled table (counted per process: render/tables.py), both builds being in this one."""
    pages = {}
    for page in sorted(outdir.rglob("*.html")):
        text = re.sub(r"SNCB-[0-9a-f]+", "SNCB", page.read_text("utf-8"))
        pages[str(page.relative_to(outdir))] = re.sub(r"(plattegrond-[a-z-]+)-\d+", r"\1", text)
    return pages


def test_a_rebuild_loads_the_environment_without_the_collector(project):
    """On a rebuild the collector is off from setup() until the write starts, on after."""
    project.write("index.rst", PLAN + OVERVIEW)
    doctrees = project.path / "_build" / ".doctrees"
    first, second = project.path / "_build" / "eerste", project.path / "_build" / "tweede"
    assert gc.isenabled()
    try:
        with docutils_namespace():
            app = Sphinx(project.src, project.src, first, doctrees, "html", status=None)
            assert gc.isenabled()  # a first build: nothing to load
            app.build()
        assert app.statuscode == 0
        assert gc.isenabled()

        seen: list[bool] = []
        with docutils_namespace():  # the same environment, written to a new folder
            app = Sphinx(project.src, project.src, second, doctrees, "html", status=None)
            assert not gc.isenabled()  # loaded without the collector, still paused
            app.connect("write-started", lambda *_a: seen.append(gc.isenabled()), priority=999)
            app.build()
        assert app.statuscode == 0
        assert app.fresh_env_used is False
        assert seen == [True]  # on again once the heap is frozen
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        assert _pages(second) == _pages(first)
        assert "Buurtpreventie" in (second / "index.html").read_text("utf-8")
    finally:
        gc.enable()


def _first_html_build(project) -> tuple[Path, Path]:
    """The plan built once (its environment saved): its doctree and output folders."""
    project.write("index.rst", PLAN)
    doctrees = project.path / "_build" / ".doctrees"
    outdir = project.path / "_build" / "html"
    with docutils_namespace():
        Sphinx(project.src, project.src, outdir, doctrees, "html", status=None).build()
    return doctrees, outdir


def test_a_rebuild_with_documents_to_read_reads_them_with_the_collector(project):
    doctrees, outdir = _first_html_build(project)
    try:
        project.write("index.rst", PLAN.replace("Bewoners", "Buren"))
        seen: list[bool] = []
        with docutils_namespace():
            app = Sphinx(project.src, project.src, outdir, doctrees, "html", status=None)
            app.connect("source-read", lambda *_a: seen.append(gc.isenabled()))
            app.build()
        assert app.statuscode == 0
        assert seen == [True]
        assert "Buren" in (outdir / "index.html").read_text("utf-8")
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_rebuild_that_fails_before_writing_leaves_the_collector_to_the_next(project):
    """A build that fails before its builder is made emits no event to resume on: the
    next build in the process turns the collector on again."""
    doctrees, outdir = _first_html_build(project)
    try:
        project.conf('html_theme = "bestaat_niet"\n')
        with docutils_namespace(), pytest.raises(Exception, match="bestaat_niet"):
            Sphinx(project.src, project.src, outdir, doctrees, "html", status=None)
        with docutils_namespace():  # a first build elsewhere in the same process
            other = project.path / "ander"
            Sphinx(project.src, project.src, other, other / ".dt", "text", status=None)
        assert gc.isenabled()
    finally:
        gc.enable()
