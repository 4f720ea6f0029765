"""sphinx-needs' web-site files stay out of the Word, check and Excel folders."""

from __future__ import annotations

PLAN = """\
Plan
====

.. prioriteit:: Ondermijning tegengaan
   :id: PRIO_ONDERMIJNING
   :kv: 5.2
"""


def _names(folder) -> list[str]:
    """What a user sees in the folder (the test build keeps its doctrees in .doctrees)."""
    return sorted(p.name for p in folder.iterdir() if p.name != ".doctrees")


def test_only_our_files_in_non_html_output_folders(project):
    project.write("index.rst", PLAN)
    check = project.build("kernbeleid-check")
    assert _names(check.outdir) == [
        "kernbeleid-rapport.html",
        "kernbeleid-rapport.json",
        "kernbeleid-rapport.xlsx",
    ]
    xlsx = project.build("kernbeleid-xlsx")
    assert xlsx.status == 0, xlsx.warnings
    assert _names(xlsx.outdir) == ["uitvoeringsplan-2026.xlsx"]
    docx = project.build("kernbeleid-docx")
    assert docx.status == 0, docx.warnings
    assert all(name.endswith(".docx") for name in _names(docx.outdir)), _names(docx.outdir)


def test_html_site_keeps_them_also_when_the_check_writes_into_it(project):
    project.write("index.rst", PLAN)
    site = project.build("html")
    project.build("kernbeleid-check", out="html")
    for name in ("permalink.html", "_static/sphinx-needs", "_static/jquery.js"):
        assert (site.outdir / name).exists(), name
