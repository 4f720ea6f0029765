"""A Word build renders an overview once, however many documents show it."""

from __future__ import annotations

from docx import Document
from voortgang_plan import PLAN

OVERVIEWS = """\
Overzichten
===========

.. kernbeleid-maatregelen:: PRIO_WIJK

.. kernbeleid-maatregelen:: PRIO_ONBEKEND
"""

DOCUMENTS = """
kernbeleid_docx_documents = [
    ("index", "Plan.docx", "Plan van Voorbeeldstad 2026-2029", None),
    ("overzichten", "Overzichten.docx", "Overzichten Voorbeeldstad 2026-2029", None),
]
suppress_warnings = ["kernbeleid.regel"]
"""


def test_two_documents_share_one_rendering_of_an_overview(project):
    project.write("index.rst", PLAN + "\n.. toctree::\n\n   overzichten\n")
    project.write("overzichten.rst", OVERVIEWS)
    project.conf(DOCUMENTS)
    result = project.build("kernbeleid-docx")
    # Rendered once: its warning is said once, though both documents show the overview.
    assert result.warnings.count("'PRIO_ONBEKEND' is geen prioriteit of thema") == 1
    last_tables = []
    for name in ("Plan.docx", "Overzichten.docx"):
        table = Document(str(result.outdir / name)).tables[-1]  # the overview ends both
        last_tables.append([[cell.text for cell in row.cells] for row in table.rows])
    assert last_tables[0] == last_tables[1]
    assert "Sloten voor huurwoningen" in [row[0] for row in last_tables[0]]
