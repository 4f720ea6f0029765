"""The traceability matrix: marks, gaps and coverage; and the directive in a real build."""

from __future__ import annotations

from test_rules import drop, edit, need, plan_of, sound_needs

from sphinxext_kernbeleid.model.display import percentage
from sphinxext_kernbeleid.model.matrix import build_matrix


def _group(matrix, onderdeel_id):
    return next(g for g in matrix.groups if g.onderdeel and g.onderdeel.id == onderdeel_id)


def test_sound_plan_is_fully_covered():
    matrix = build_matrix(plan_of(sound_needs()))
    cov = matrix.coverage
    assert (cov.doelen, cov.doelen_gedekt) == (2, 2)
    assert (cov.maatregelen, cov.maatregelen_met_doel) == (2, 2)
    assert matrix.zonder_doel == []
    row = _group(matrix, "PRIO_A").rows[0]
    assert [(m.maatregel.id, m.explicit) for m in row.marks] == [("MR_A", False)]


def test_explicit_goal_replaces_the_implicit_marks():
    needs = sound_needs() + [need("DOEL_A2", "doel", hoort_bij="PRIO_A")]
    edit(needs, "MR_A", draagt_bij_aan="DOEL_A2")
    group = _group(build_matrix(plan_of(needs)), "PRIO_A")
    marks = {r.doel.id: [(m.maatregel.id, m.explicit) for m in r.marks] for r in group.rows}
    assert marks == {"DOEL_A": [], "DOEL_A2": [("MR_A", True)]}
    assert group.gaps == 1


def test_goal_without_action_and_action_without_goal():
    needs = drop(sound_needs(), "DOEL_T")  # THEMA_T keeps MR_T but has no goal
    needs.append(need("DOEL_T2", "doel", hoort_bij="THEMA_T"))
    edit(needs, "MR_T", hoort_bij=None)
    matrix = build_matrix(plan_of(needs))
    assert [m.id for m in matrix.zonder_doel] == ["MR_T"]
    assert not _group(matrix, "THEMA_T").rows[0].covered
    cov = matrix.coverage
    assert (cov.doelen_gedekt, cov.doelen, cov.maatregelen_met_doel, cov.maatregelen) == (
        1,
        2,
        1,
        2,
    )
    assert percentage(cov.doelen_share) == "50%"


def test_measure_linked_only_by_draagt_bij_aan_is_marked():
    needs = edit(sound_needs(), "MR_T", hoort_bij=None, draagt_bij_aan="DOEL_T")
    matrix = build_matrix(plan_of(needs))
    group = _group(matrix, "THEMA_T")
    assert [m.id for m in group.maatregelen] == ["MR_T"]
    assert [(m.maatregel.id, m.explicit) for m in group.rows[0].marks] == [("MR_T", True)]
    assert matrix.zonder_doel == []


def test_cycle_does_not_hang_the_matrix():
    needs = sound_needs() + [
        need("DOEL_C1", "doel", hoort_bij="DOEL_C2"),
        need("DOEL_C2", "doel", hoort_bij="DOEL_C1"),
    ]
    matrix = build_matrix(plan_of(needs))
    loose = next(g for g in matrix.groups if g.onderdeel is None)
    assert {r.doel.id for r in loose.rows} == {"DOEL_C1", "DOEL_C2"}


MATRIX_RST = """\
Plan
====

.. prioriteit:: Ondermijning
   :id: PRIO_A
   :kv: 5.2

.. doel:: Minder ondermijning
   :id: DOEL_A
   :hoort_bij: PRIO_A

.. doel:: Meer meldingen
   :id: DOEL_B
   :hoort_bij: PRIO_A

.. maatregel:: Controles
   :id: MR_A
   :hoort_bij: PRIO_A
   :draagt_bij_aan: DOEL_A

.. maatregel:: Zwevende maatregel
   :id: MR_LOS

.. kernbeleid-matrix::
"""


def test_directive_shows_gaps_at_a_glance(project):
    project.write("index.rst", MATRIX_RST)
    result = project.build("html")
    html = result.html()
    assert "Samenhang doelen en maatregelen" in html
    assert "Doelen van prioriteiten en thema's met ten minste één maatregel: 1 van 2 (50%)" in html
    assert (
        "Maatregelen die bijdragen aan een doel (zelf genoemd ● of via hun prioriteit of "
        "thema ○): 1 van 2 (50%)" in html
    )
    assert html.count("kb-matrix-gat") == 2  # DOEL_B row and the orphans row
    # The plan states facts; what to do about them is the check report's business.
    assert "geen maatregel in dit plan" in html and "Maatregelen die geen doel noemen" in html
    assert "⚠" not in html and "Voeg " not in html
    assert 'href="#MR_A"' in html
