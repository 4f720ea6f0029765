"""Each rule of the pre-decision check fires on a flaw and stays quiet on a sound plan.

Rules are pure functions over the typed plan, so most tests build the plan from
need dicts (the needs.json shape ``build_plan`` reads); real Sphinx builds are in
test_check.py.
"""

from __future__ import annotations

import pytest

from sphinxext_kernbeleid.check import rules, ruleset
from sphinxext_kernbeleid.model.plan import build_plan
from sphinxext_kernbeleid.model.settings import Settings

SETTINGS = Settings("Voorbeeldstad", (2026, 2029), 2026)
LINKS = ("hoort_bij", "draagt_bij_aan", "uitgangspunt")


def need(id_: str, type_: str, line: int = 1, **fields: str | list[str]) -> dict:
    out: dict = {"id": id_, "type": type_, "title": id_.title(), "docname": "plan", "lineno": line}
    for name, value in fields.items():
        if name in LINKS and isinstance(value, str):
            value = [v.strip() for v in value.split(",")]
        out[name] = value
    return out


def sound_needs() -> list[dict]:
    """A small plan that passes every rule."""
    return [
        need("DOEL_STRAT", "doel", niveau="strategisch"),
        need("PRIO_A", "prioriteit", 10, kv="5.2", rang="1", hoort_bij="DOEL_STRAT",
             budget="€ 100.000"),
        need("DOEL_A", "doel", 20, hoort_bij="PRIO_A"),
        need("EI_A1", "effectindicator", 30, hoort_bij="DOEL_A", bron="politieregistratie",
             soort="objectief", eenheid="incidenten", nulmeting="100 (2024)",
             streefwaarde="80 (2029)", richting="dalen", metingen="95 (2025)"),
        need("EI_A2", "effectindicator", 40, hoort_bij="DOEL_A", bron="veiligheidsmonitor",
             soort="subjectief", eenheid="% inwoners", nulmeting="20% (2023)",
             streefwaarde="15% (2029)", richting="dalen", metingen="19% (2025)"),
        need("THEMA_T", "thema", 50, kv="4.1"),
        need("DOEL_T", "doel", 60, hoort_bij="THEMA_T"),
        need("UP_X", "uitgangspunt", 70),
        need("AP_A", "actiepunt", 80, hoort_bij="PRIO_A"),
        need("MR_A", "maatregel", 90, hoort_bij="AP_A", bestuurlijk_trekker="Burgemeester",
             ambtelijk_trekker="Team OOV", planning="2026-Q1..2026-Q4", budget="€ 60.000",
             uitgangspunt="UP_X"),
        need("PI_A", "prestatie-indicator", 100, hoort_bij="MR_A", streefwaarde="12"),
        need("MR_T", "maatregel", 110, hoort_bij="THEMA_T", bestuurlijk_trekker="Wethouder",
             ambtelijk_trekker="Team Verkeer", planning="2026-Q2"),
        need("PI_T", "prestatie-indicator", 120, hoort_bij="MR_T", streefwaarde="3"),
    ]  # fmt: skip


def plan_of(needs: list[dict]):
    return build_plan(needs, SETTINGS)


def edit(needs: list[dict], id_: str, **fields) -> list[dict]:
    """Change (or with None remove) fields of one need."""
    for n in needs:
        if n["id"] == id_:
            for name, value in fields.items():
                if value is None:
                    n.pop(name, None)
                elif name in LINKS and isinstance(value, str):
                    n[name] = [v.strip() for v in value.split(",")]
                else:
                    n[name] = value
            return needs
    raise KeyError(id_)


def drop(needs: list[dict], *ids: str) -> list[dict]:
    return [n for n in needs if n["id"] not in ids]


def run(needs: list[dict], config=None, **kw) -> list[rules.Finding]:
    return rules.check(plan_of(needs), config, **kw)


def of_rule(findings, code: str, *, include_waived: bool = False) -> list[rules.Finding]:
    return [
        f
        for f in findings
        if f.rule.startswith(code + "-") and (include_waived or f.waived is None)
    ]


def test_sound_plan_has_no_findings():
    assert run(sound_needs(), with_problems=True) == []


def test_every_finding_is_located_and_dutch():
    needs = drop(sound_needs(), "PI_A", "EI_A2")
    found = run(needs)
    assert found
    for f in found:
        assert f.need and f.docname == "plan" and f.lineno
        assert f.severity in ("fout", "waarschuwing")
        assert f.rule in ruleset.RULES_BY_ID


# --------------------------------------------------------------------------- KB-R1


def _extra_prios(count: int) -> list[dict]:
    out = []
    for n in range(2, count + 1):
        out += [
            need(f"PRIO_{n}", "prioriteit", 200 + n, kv="1.1", rang=str(n)),
            need(f"DOEL_{n}", "doel", hoort_bij=f"PRIO_{n}"),
            need(f"EI_{n}O", "effectindicator", hoort_bij=f"DOEL_{n}", bron="politieregistratie",
                 soort="objectief", eenheid="x", nulmeting="10 (2024)",
                 streefwaarde="5 (2029)", richting="dalen", metingen="9 (2025)"),
            need(f"EI_{n}S", "effectindicator", hoort_bij=f"DOEL_{n}", bron="veiligheidsmonitor",
                 soort="subjectief", eenheid="x", nulmeting="10 (2024)",
                 streefwaarde="12 (2029)", richting="stijgen", metingen="11 (2025)"),
            need(f"MR_{n}", "maatregel", hoort_bij=f"PRIO_{n}", bestuurlijk_trekker="B",
                 ambtelijk_trekker="A", planning="2026-Q1"),
            need(f"PI_{n}", "prestatie-indicator", hoort_bij=f"MR_{n}", streefwaarde="1"),
        ]  # fmt: skip
    return out


def test_exactly_four_priorities_pass():
    assert run(sound_needs() + _extra_prios(4)) == []


def test_five_priorities_fire_on_the_fifth():
    found = of_rule(run(sound_needs() + _extra_prios(5)), "KB-R1")
    assert [f.need for f in found] == ["PRIO_5"]
    assert found[0].severity == "fout"
    assert "ten hoogste 4" in found[0].message


def test_max_priorities_is_configurable():
    assert of_rule(run(sound_needs() + _extra_prios(5), {"max_prioriteiten": 5}), "KB-R1") == []


def test_no_priorities_fire_without_item():
    needs = [n for n in sound_needs() if n["type"] != "prioriteit"]
    found = of_rule(run(needs), "KB-R1")
    assert len(found) == 1 and found[0].need is None
    assert "ten minste 1" in found[0].message


def test_duplicate_rank_is_a_warning():
    needs = sound_needs() + _extra_prios(2)
    edit(needs, "PRIO_2", rang="1")
    found = of_rule(run(needs), "KB-R1")
    assert [(f.need, f.severity) for f in found] == [("PRIO_A", "waarschuwing")]
    assert "PRIO_2" in found[0].message


# --------------------------------------------------------------------------- KB-R2


def test_one_indicator_is_too_few():
    found = of_rule(run(drop(sound_needs(), "EI_A2")), "KB-R2")
    messages = " ".join(f.message for f in found)
    assert "1 effectindicator" in messages
    assert "geen subjectieve effectindicator" in messages
    assert all(f.need == "PRIO_A" and f.lineno == 10 for f in found)


def test_three_indicators_pass_four_warn():
    base = sound_needs()
    third = need("EI_A3", "effectindicator", 45, hoort_bij="DOEL_A", bron="politieregistratie",
                 soort="objectief", eenheid="x", nulmeting="5 (2024)", streefwaarde="3 (2029)",
                 richting="dalen")  # fmt: skip
    assert of_rule(run([*base, third]), "KB-R2") == []
    fourth = dict(third, id="EI_A4")
    found = of_rule(run([*base, third, fourth]), "KB-R2")
    assert [(f.need, f.severity) for f in found] == [("PRIO_A", "waarschuwing")]


def test_indicators_of_sub_goals_count():
    needs = sound_needs()
    needs.append(need("DOEL_SUB", "doel", hoort_bij="DOEL_A"))
    edit(needs, "EI_A2", hoort_bij="DOEL_SUB")
    assert of_rule(run(needs), "KB-R2") == []


def test_priority_without_goal():
    needs = drop(sound_needs(), "DOEL_A", "EI_A1", "EI_A2")
    found = of_rule(run(needs), "KB-R2")
    assert any("geen doelen" in f.message for f in found)


def test_theme_needs_no_indicators():
    assert of_rule(run(sound_needs()), "KB-R2") == []  # THEMA_T has none


def test_objective_and_subjective_can_be_switched_off():
    needs = sound_needs()
    edit(needs, "EI_A2", soort="objectief")
    assert of_rule(run(needs), "KB-R2")
    assert of_rule(run(needs, {"objectief_en_subjectief": False}), "KB-R2") == []


# --------------------------------------------------------------------------- KB-R3


def test_target_year_equal_to_period_end_passes():
    needs = edit(sound_needs(), "EI_A1", streefwaarde="80 (2029)")
    assert of_rule(run(needs), "KB-R3") == []


@pytest.mark.parametrize("year", [2030, 2025])
def test_target_year_outside_period_fires(year):
    needs = edit(sound_needs(), "EI_A1", streefwaarde=f"80 ({year})")
    found = of_rule(run(needs), "KB-R3")
    assert [f.need for f in found] == ["EI_A1"]
    assert "2026-2029" in found[0].message and found[0].lineno == 30


@pytest.mark.parametrize(
    ("richting", "nul", "streef", "fires"),
    [
        ("stijgen", "6,9 (2023)", "7,3 (2029)", False),
        ("stijgen", "6,9 (2023)", "6,5 (2029)", True),
        ("stijgen", "6,9 (2023)", "6,9 (2029)", True),
        ("dalen", "34% (2023)", "28% (2029)", False),
        ("dalen", "34% (2023)", "40% (2029)", True),
    ],
)
def test_direction_must_match_baseline_to_target(richting, nul, streef, fires):
    needs = edit(sound_needs(), "EI_A1", richting=richting, nulmeting=nul, streefwaarde=streef)
    found = [f for f in of_rule(run(needs), "KB-R3") if "richting" in f.message]
    assert bool(found) is fires


def test_missing_fields_are_named():
    needs = edit(sound_needs(), "EI_A1", bron=None, eenheid=None)
    found = of_rule(run(needs), "KB-R3")
    assert len(found) == 1
    assert "mist bron, eenheid" in found[0].message


def test_baseline_after_target_fires():
    needs = edit(sound_needs(), "EI_A1", nulmeting="100 (2029)", streefwaarde="80 (2027)")
    assert any("later dan" in f.message for f in of_rule(run(needs), "KB-R3"))


def test_unreadable_baseline_is_a_fout_of_r3_in_the_check():
    needs = edit(sound_needs(), "EI_A1", nulmeting="veel (2023)")
    assert of_rule(run(needs), "KB-R3") == []  # html builds report it as a model problem
    found = of_rule(run(needs, with_problems=True), "KB-R3")
    assert [(f.need, f.severity, f.source) for f in found] == [("EI_A1", "fout", "invoer")]


# --------------------------------------------------------------------------- KB-R4


def test_theme_without_measure_fires():
    found = of_rule(run(drop(sound_needs(), "MR_T", "PI_T")), "KB-R4")
    assert [f.need for f in found] == ["THEMA_T"]


def test_cancelled_measure_does_not_count():
    needs = edit(sound_needs(), "MR_T", status="vervallen")
    assert [f.need for f in of_rule(run(needs), "KB-R4")] == ["THEMA_T"]


def test_measure_linked_only_by_draagt_bij_aan_reaches_the_theme():
    needs = edit(sound_needs(), "MR_T", hoort_bij=None, draagt_bij_aan="DOEL_T")
    found = run(needs)
    assert of_rule(found, "KB-R4") == []
    assert of_rule(found, "KB-R5") == []  # and it traces up (documented choice)


# --------------------------------------------------------------------------- KB-R5


def test_measure_without_trekkers_planning_and_indicator():
    needs = drop(sound_needs(), "PI_T")
    edit(needs, "MR_T", bestuurlijk_trekker=None, ambtelijk_trekker=None, planning=None)
    found = of_rule(run(needs), "KB-R5")
    text = " ".join(f.message for f in found)
    assert len(found) == 4
    assert "bestuurlijk trekker" in text and "ambtelijk trekker" in text
    assert "geen planning" in text and "geen prestatie-indicatoren" in text
    assert {f.lineno for f in found} == {110}


@pytest.mark.parametrize(
    ("planning", "fires"),
    [
        ("2026-Q1..2026-Q4", False),
        ("2026-Q4", False),
        ("2027-Q1", True),
        ("2026-Q3..2027-Q2", True),
    ],
)
def test_planning_inside_the_plan_year(planning, fires):
    needs = edit(sound_needs(), "MR_T", planning=planning)
    assert bool(of_rule(run(needs), "KB-R5")) is fires


def test_planning_check_can_be_switched_off():
    needs = edit(sound_needs(), "MR_T", planning="2027-Q1")
    assert of_rule(run(needs, {"planning_binnen_uitvoeringsjaar": False}), "KB-R5") == []


def test_measure_tracing_nowhere_fires():
    needs = edit(sound_needs(), "MR_T", hoort_bij=None)
    found = of_rule(run(needs), "KB-R5")
    assert [f.need for f in found] == ["MR_T"]
    assert "hoort niet bij een prioriteit of thema" in found[0].message


def test_cancelled_measure_needs_nothing():
    needs = drop(sound_needs(), "PI_T")
    edit(needs, "MR_T", status="vervallen", planning=None, ambtelijk_trekker=None)
    needs.append(need("MR_T2", "maatregel", hoort_bij="THEMA_T", bestuurlijk_trekker="B",
                      ambtelijk_trekker="A", planning="2026-Q1"))  # fmt: skip
    needs.append(need("PI_T2", "prestatie-indicator", hoort_bij="MR_T2", streefwaarde="1"))
    assert run(needs) == []


def test_output_indicator_without_target_warns():
    needs = edit(sound_needs(), "PI_T", streefwaarde=None)
    found = of_rule(run(needs), "KB-R5")
    assert [(f.need, f.severity) for f in found] == [("PI_T", "waarschuwing")]


# --------------------------------------------------------------------------- KB-R6


def test_unknown_id_is_reported_with_location():
    needs = edit(sound_needs(), "MR_A", hoort_bij="AP_ONBEKEND")
    found = of_rule(run(needs), "KB-R6")
    assert [(f.need, f.lineno) for f in found] == [("MR_A", 90)]
    assert "AP_ONBEKEND" in found[0].message and "bestaat" in found[0].message


def test_link_to_wrong_type():
    needs = edit(sound_needs(), "AP_A", hoort_bij="DOEL_A")
    found = of_rule(run(needs), "KB-R6")
    assert [f.need for f in found] == ["AP_A"]
    assert "wijst naar een doel" in found[0].message


def test_draagt_bij_aan_must_name_a_goal():
    needs = edit(sound_needs(), "MR_T", draagt_bij_aan="PRIO_A")
    found = of_rule(run(needs), "KB-R6")
    assert [f.need for f in found] == ["MR_T"] and "draagt_bij_aan" in found[0].message


def test_uitgangspunt_link_must_exist():
    needs = edit(sound_needs(), "MR_A", uitgangspunt="UP_WEG")
    assert [f.need for f in of_rule(run(needs), "KB-R6")] == ["MR_A"]


def test_cycle_in_hoort_bij_is_one_finding():
    needs = sound_needs() + [
        need("DOEL_C1", "doel", 300, hoort_bij="DOEL_C2"),
        need("DOEL_C2", "doel", 301, hoort_bij="DOEL_C3"),
        need("DOEL_C3", "doel", 302, hoort_bij="DOEL_C1"),
    ]
    found = of_rule(run(needs), "KB-R6")
    assert len(found) == 1
    assert found[0].need == "DOEL_C1"
    assert "DOEL_C1 → DOEL_C2 → DOEL_C3 → DOEL_C1" in found[0].message


def test_self_reference_is_a_cycle():
    needs = edit(sound_needs(), "DOEL_T", hoort_bij="DOEL_T")
    found = of_rule(run(needs), "KB-R6")
    assert any("Kringverwijzing" in f.message for f in found)


def test_orphan_indicator_and_strategic_goal():
    needs = edit(sound_needs(), "EI_A2", hoort_bij=None)
    found = of_rule(run(needs), "KB-R6")
    assert [f.need for f in found] == ["EI_A2"]  # the strategic goal may stand alone


def test_second_parent_is_a_warning():
    needs = edit(sound_needs(), "MR_T", hoort_bij="THEMA_T, AP_A")
    found = of_rule(run(needs), "KB-R6")
    assert [(f.need, f.severity) for f in found] == [("MR_T", "waarschuwing")]


# --------------------------------------------------------------------------- KB-R7


def test_unknown_kv_code_is_r7_in_the_check():
    needs = edit(sound_needs(), "PRIO_A", kv="5.2, 9.9")
    found = of_rule(run(needs, with_problems=True), "KB-R7")
    assert [(f.need, f.severity) for f in found] == [("PRIO_A", "fout")]
    assert "9.9" in found[0].message


def test_analyses_must_cover_all_five_fields():
    needs = sound_needs() + [need("AN_1", "analyse", 400, kv="1.1")]
    found = of_rule(run(needs), "KB-R7")
    assert len(found) == 4 and {f.need for f in found} == {"AN_1"}
    needs += [need(f"AN_{n}", "analyse", kv=f"{n}.1") for n in range(2, 6)]
    assert of_rule(run(needs), "KB-R7") == []


def test_onderdeel_without_kv_warns():
    needs = edit(sound_needs(), "THEMA_T", kv=None)
    assert [(f.need, f.severity) for f in of_rule(run(needs), "KB-R7")] == [
        ("THEMA_T", "waarschuwing")
    ]


# --------------------------------------------------------------------------- KB-R8


def test_budget_exceeded():
    needs = edit(sound_needs(), "PRIO_A", budget="€ 50.000")
    found = of_rule(run(needs), "KB-R8")
    assert [f.need for f in found] == ["PRIO_A"]
    assert "€ 60.000" in found[0].message and "€ 10.000 meer" in found[0].message


def test_budget_exactly_used_passes():
    needs = edit(sound_needs(), "PRIO_A", budget="€ 60.000")
    assert of_rule(run(needs), "KB-R8") == []


def test_total_budget_from_conf():
    assert of_rule(run(sound_needs(), {"totaalbudget": 100_000}), "KB-R8") == []
    found = of_rule(run(sound_needs(), {"totaalbudget": 50_000}), "KB-R8")
    assert len(found) == 2 and all(f.need is None for f in found)


def test_unreadable_budget_is_r8():
    needs = edit(sound_needs(), "MR_A", budget="veel geld")
    found = of_rule(run(needs, with_problems=True), "KB-R8")
    assert [f.need for f in found] == ["MR_A"]


# --------------------------------------------------------------------------- waivers


@pytest.mark.parametrize("name", ["KB-R2", "KB-R2-indicatoren", "kb-r2"])
def test_waiver_by_short_or_full_id(name):
    needs = drop(sound_needs(), "EI_A2")
    edit(needs, "PRIO_A", afwijking=f"{name} — lokale keuze, zie raadsbesluit 2025-14")
    found = run(needs)
    assert of_rule(found, "KB-R2") == []
    waived = of_rule(found, "KB-R2", include_waived=True)
    assert waived and all(f.waived == "lokale keuze, zie raadsbesluit 2025-14" for f in waived)
    assert of_rule(found, "KB-R0") == []


def test_waiver_without_justification_is_itself_a_finding():
    needs = drop(sound_needs(), "EI_A2")
    edit(needs, "PRIO_A", afwijking="KB-R2")
    found = run(needs)
    r0 = of_rule(found, "KB-R0")
    assert [(f.need, f.severity) for f in r0] == [("PRIO_A", "fout")]
    assert "motivering" in r0[0].message
    assert of_rule(found, "KB-R2")  # and the rule's findings still count


def test_waiver_of_unknown_rule():
    needs = edit(sound_needs(), "PRIO_A", afwijking="KB-R12 — bestaat niet")
    assert [f.severity for f in of_rule(run(needs), "KB-R0")] == ["fout"]


def test_unused_waiver_warns():
    needs = edit(sound_needs(), "PRIO_A", afwijking="KB-R8 — budget komt later")
    found = of_rule(run(needs), "KB-R0")
    assert [(f.need, f.severity) for f in found] == [("PRIO_A", "waarschuwing")]


def test_waiver_only_covers_its_own_item():
    needs = drop(sound_needs(), "PI_A", "PI_T")
    edit(needs, "MR_A", afwijking="KB-R5 — prestatie wordt regionaal gemeten")
    found = of_rule(run(needs), "KB-R5")
    assert [f.need for f in found] == ["MR_T"]


# --------------------------------------------------------------------------- settings


def test_rule_switched_off():
    needs = drop(sound_needs(), "MR_T", "PI_T")
    assert of_rule(run(needs, {"KB-R4": "uit"}), "KB-R4") == []


def test_rule_downgraded_to_warning():
    needs = drop(sound_needs(), "MR_T", "PI_T")
    found = of_rule(run(needs, {"KB-R4-uitvoering": "waarschuwing"}), "KB-R4")
    assert [f.severity for f in found] == ["waarschuwing"]


def test_bad_settings_are_reported_in_dutch():
    settings = ruleset.settings_from({"max_prio": 3, "KB-R2": "soms", "min_doelen": "twee"})
    assert len(settings.problems) == 3
    assert any("'max_prio' is onbekend" in p for p in settings.problems)
    assert settings["min_doelen"] == 1  # the default stays


def test_check_is_linear_enough_for_large_plans():
    """Not a timing test: the rules visit each item a bounded number of times."""
    needs = sound_needs()
    for n in range(2000):
        needs.append(need(f"MR_X{n}", "maatregel", hoort_bij="THEMA_T", bestuurlijk_trekker="B",
                          ambtelijk_trekker="A", planning="2026-Q1"))  # fmt: skip
        needs.append(need(f"PI_X{n}", "prestatie-indicator", hoort_bij=f"MR_X{n}",
                          streefwaarde="1"))  # fmt: skip
    assert run(needs) == []


def test_waiver_of_an_unreadable_value_is_used_in_every_builder():
    needs = edit(sound_needs(), "MR_A", budget="veel geld", afwijking="KB-R8 — volgt in 2026")
    assert of_rule(run(needs), "KB-R0") == []  # html: not an unused waiver
    found = run(needs, with_problems=True)
    assert of_rule(found, "KB-R8") == []
    assert [f.waived for f in of_rule(found, "KB-R8", include_waived=True)] == ["volgt in 2026"]


@pytest.mark.parametrize(
    "config",
    [None, {"KB-R8": "uit"}, {"KB-R8": "waarschuwing", "KB-R3": "fout"}, {"KB-R0": "uit"}],
)
def test_document_findings_are_the_check_findings_without_the_problems(config):
    """Builds compute the findings once (with problems) and leave the problems out."""
    needs = drop(sound_needs(), "EI_A2", "PI_T")
    edit(needs, "MR_A", budget="veel geld", afwijking="KB-R8 — volgt in 2026")
    edit(needs, "EI_A1", nulmeting="veel (2024)")
    edit(needs, "PRIO_A", afwijking="KB-R2")
    edit(needs, "THEMA_T", kv="9.9", afwijking="KB-R12 — bestaat niet")
    plan = plan_of(needs)
    with_problems = rules.check(plan, config, with_problems=True)
    assert any(f.source == "invoer" for f in with_problems)
    assert rules.check(plan, config) == [f for f in with_problems if f.source != "invoer"]


@pytest.mark.parametrize(
    ("status", "datum", "warned"),
    [("vastgesteld", None, True), ("vastgesteld", "2025-12-16", False), ("concept", None, False)],
)
def test_a_vastgesteld_plan_without_date_is_told(status, datum, warned):
    import datetime as dt

    settings = Settings(
        "Voorbeeldstad",
        (2026, 2029),
        2026,
        status=status,
        datum=dt.date.fromisoformat(datum) if datum else None,
    )
    found = [
        f
        for f in rules.check(build_plan(sound_needs(), settings))
        if f.rule == "KB-R0-instellingen"
    ]
    assert [(f.severity, f.need) for f in found] == ([("waarschuwing", None)] if warned else [])
    if warned:
        assert "kernbeleid_datum ontbreekt" in found[0].message
