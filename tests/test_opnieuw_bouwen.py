"""A rebuild in which Sphinx reads no document repeats the plan's warnings without
building the plan again."""

from __future__ import annotations

import contextlib
import io
import json

from sphinx.cmd.build import build_main

PLAN = """\
Plan
====

.. prioriteit:: Veilige wijken
   :id: PRIO_WIJK
   :rang: 1
   :kv: 1.1
"""


def _build(project) -> str:
    """Build as a rebuild does: the environment of the previous build is kept."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        status = build_main(
            ["-b", "html", "-q", "-N", str(project.src), str(project.path / "_build" / "html")]
        )
    assert status == 0, stderr.getvalue()
    return stderr.getvalue()


def test_rebuild_without_change_repeats_the_kept_warnings(project):
    project.write("index.rst", PLAN)
    first = _build(project)
    assert "[KB-R" in first  # a prioriteit without doel: the rules say so
    kept = project.path / "_build" / "html" / ".doctrees" / "kernbeleid-meldingen.json"
    data = json.loads(kept.read_text("utf-8"))
    assert [w[0] for w in data["warnings"]] and all("[KB-R" in w[0] for w in data["warnings"])
    # The kept warnings are what a rebuild says: it does not work them out again.
    data["warnings"] = [["Bewaarde melding", "regel", None]]
    kept.write_text(json.dumps(data), "utf-8")
    again = _build(project)
    assert "Bewaarde melding" in again and "[KB-R" not in again
    # A changed source: Sphinx reads it, the plan is built and checked again.
    project.write("index.rst", PLAN + "\nNieuwe zin.\n")
    changed = _build(project)
    assert "Bewaarde melding" not in changed
    assert sorted(line for line in changed.splitlines() if "[KB-R" in line) == sorted(
        line for line in first.splitlines() if "[KB-R" in line
    )
