"""A build imports only what it uses (issue 25: the rebuild without change).

Every build runs the extension's ``setup()``, which registers every builder, directive
and handler; what that imports is paid by each ``make html``, also when nothing changed.
The Word, Excel and PowerPoint libraries, YAML and the plan's model are loaded by the
functions that use them. Checked in a fresh process (``sys.modules`` after the build),
as a user runs Sphinx.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap

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
)

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
