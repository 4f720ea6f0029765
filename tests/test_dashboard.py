"""The dashboard partitions: each maatregel once per quarter, in exactly one class."""

from __future__ import annotations

from collections import Counter

from sphinxext_kernbeleid.model.parsing import parse_quarter
from sphinxext_kernbeleid.model.plan import Maatregel, Voortgang, build_plan
from sphinxext_kernbeleid.model.settings import Settings
from sphinxext_kernbeleid.records.voortgangsrapport import KLASSEN, rapport
from sphinxext_kernbeleid.render.voortgang import dashboard_data

Q2 = parse_quarter("2026-Q2")


def _plan():
    def m(id_: str, planning: str, status: str = "lopend", hoort_bij: str = "PRIO_A") -> dict:
        fields = {"planning": planning, "status": status}
        if hoort_bij:
            fields["hoort_bij"] = [hoort_bij]
        return {"id": id_, "type": "maatregel", "title": id_, **fields}

    needs = [
        {"id": "DOEL_S", "type": "doel", "title": "Veilig", "niveau": "strategisch"},
        {"id": "PRIO_A", "type": "prioriteit", "title": "A", "rang": "1"},
        {
            "id": "EI_S",
            "type": "effectindicator",
            "title": "Rapportcijfer",
            "hoort_bij": ["DOEL_S"],
            "nulmeting": "6,9 (2023)",
            "streefwaarde": "7,3 (2029)",
            "richting": "stijgen",
        },
        m("MR_GEREED", "2026-Q1..2026-Q2"),
        m("MR_LOPEND", "2026-Q1..2026-Q4"),
        m("MR_VERTRAAGD", "2026-Q1..2026-Q4"),
        m("MR_VERVALLEN", "2026-Q1..2026-Q4", status="vervallen"),
        m("MR_LATER", "2026-Q3..2026-Q4", status="gepland"),
        m("MR_STIL", "2026-Q1..2026-Q4"),  # should have reported: plan says lopend
        m("MR_Q1_GEREED", "2026-Q1"),
        m("MR_POST", "2026-Q1..2026-Q4", hoort_bij=""),
    ]
    plan = build_plan(needs, Settings("X", (2026, 2029), 2026))
    reports = {
        "MR_GEREED": [Voortgang("2026-Q2", status="gereed")],
        "MR_LOPEND": [Voortgang("2026-Q2", status="lopend")],
        "MR_VERTRAAGD": [Voortgang("2026-Q2", status="vertraagd")],
        "MR_STIL": [Voortgang("2026-Q1", status="lopend")],
        "MR_Q1_GEREED": [Voortgang("2026-Q1", status="gereed")],
        "MR_POST": [Voortgang("2026-Q2", status="lopend")],
    }
    for item_id, found in reports.items():
        item = plan.items[item_id]
        assert isinstance(item, Maatregel)
        item.voortgang = found
    return plan


def test_each_class_occurs_and_the_counts_add_up():
    rap = rapport(_plan(), Q2)
    classes = {m.maatregel.id: m.klasse for m in rap.maatregelen}
    assert classes == {
        "MR_GEREED": "gereed",
        "MR_LOPEND": "lopend",
        "MR_VERTRAAGD": "vertraagd",
        "MR_VERVALLEN": "vervallen",
        "MR_LATER": "nog niet gestart",
        "MR_STIL": "geen rapportage",  # the plan's "lopend" is not copied as reported
        "MR_Q1_GEREED": "gereed",  # a final state stays
        "MR_POST": "lopend",
    }
    assert set(classes.values()) == set(KLASSEN)
    assert sum(rap.per_klasse.values()) == len(rap.maatregelen) == 8
    assert [m.maatregel.id for m in rap.zonder_rapportage] == ["MR_STIL"]
    stil = next(m for m in rap.maatregelen if m.maatregel.id == "MR_STIL")
    assert stil.status_text == (
        "geen rapportage over 2026-Q2; laatst gemeld: lopend (stand 2026-Q1)"
    )
    later = next(m for m in rap.maatregelen if m.maatregel.id == "MR_LATER")
    assert later.status_text == "nog niet gestart (planning vanaf 2026-Q3)"


def test_the_picture_shows_the_table_rows_and_the_strategic_indicators():
    rap = rapport(_plan(), Q2)
    assert [i.indicator.id for i in rap.strategisch] == ["EI_S"]
    assert sum(rap.per_koers.values()) == 1  # the strategic indicator counts
    data = dashboard_data(rap, "Voortgangsrapportage – stand tweede kwartaal 2026")
    rows = dict(data.rows)
    assert sum(sum(c) for c in rows.values()) == 8
    columns = [sum(c[i] for c in rows.values()) for i in range(len(data.klassen))]
    assert Counter(dict(zip(data.klassen, columns, strict=True))) == rap.per_klasse
    assert data.alt.startswith(
        "Voortgangsrapportage – stand tweede kwartaal 2026. Maatregelen per prioriteit en "
        "thema – Prioriteit 1: A: 2 gereed, 1 lopend, 1 vertraagd, 1 nog niet gestart, "
        "1 geen rapportage, 1 vervallen; Overige posten (buiten prioriteiten en thema's): "
        "1 lopend."
    )
    assert data.alt.endswith("Effectindicatoren: 1 geen nieuwe meting.")
