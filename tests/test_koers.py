"""Op koers? The verdict at its edges, the text alternative, and rule KB-R3-meting."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sphinxext_kernbeleid.check import rules, ruleset
from sphinxext_kernbeleid.model.koers import Oordeel, koers, path_value
from sphinxext_kernbeleid.model.meetreeks import parse_metingen, parse_vergelijking
from sphinxext_kernbeleid.model.parsing import ParseError, parse_year_value
from sphinxext_kernbeleid.model.plan import EffectIndicator, Plan
from sphinxext_kernbeleid.model.settings import Settings
from sphinxext_kernbeleid.render import charts


def indicator(nul="100 (2024)", streef="80 (2029)", richting="dalen", metingen="", **kw):
    return EffectIndicator(
        id="EI_X",
        type="effectindicator",
        title=kw.pop("title", "Incidenten"),
        docname="plan",
        lineno=3,
        nulmeting=parse_year_value(nul) if nul else None,
        streefwaarde=parse_year_value(streef) if streef else None,
        richting=richting,
        metingen=parse_metingen(metingen) if metingen else [],
        **kw,
    )


def provisional(ei: EffectIndicator, year: int) -> EffectIndicator:
    ei.metingen = [replace(m, voorlopig=True) if m.year == year else m for m in ei.metingen]
    return ei


CASES = {
    # dalen 100 → 80 over 2024-2029: the path is 96 in 2025, 92 in 2026
    "exactly on the path (dalen)": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "96 (2025)",
        Oordeel.OP_KOERS,
    ),
    "just behind the path (dalen)": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "96,01 (2025)",
        Oordeel.NIET_OP_KOERS,
    ),
    "ahead of the path (dalen)": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "90 (2026)",
        Oordeel.OP_KOERS,
    ),
    "rising where it should fall": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "101 (2025)",
        Oordeel.NIET_OP_KOERS,
    ),
    # stijgen 6,9 → 7,3 over 2023-2029: the path is 7,1 in 2026 (a third of the way is not exact)
    "exactly on the path (stijgen)": (
        "6,9 (2023)",
        "7,3 (2029)",
        "stijgen",
        "7,1 (2026)",
        Oordeel.OP_KOERS,
    ),
    "on a path that is a repeating decimal": (
        "6,9 (2023)",
        "7,3 (2029)",
        "stijgen",
        "6,9667 (2024)",
        Oordeel.OP_KOERS,
    ),
    "just below a repeating path": (
        "6,9 (2023)",
        "7,3 (2029)",
        "stijgen",
        "6,9666 (2024)",
        Oordeel.NIET_OP_KOERS,
    ),
    "target reached early": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "95 (2025); 79 (2026)",
        Oordeel.GEHAALD,
    ),
    "exactly the target in its year": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "80 (2029)",
        Oordeel.GEHAALD,
    ),
    "streefjaar passed without the target": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "81 (2030)",
        Oordeel.NIET_OP_KOERS,
    ),
    "streefjaar reached without the target": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "80,5 (2029)",
        Oordeel.NIET_OP_KOERS,
    ),
    "only the nulmeting year": (
        "100 (2024)",
        "80 (2029)",
        "dalen",
        "100 (2024)",
        Oordeel.GEEN_METING,
    ),
    "no measurement": ("100 (2024)", "80 (2029)", "dalen", "", Oordeel.GEEN_METING),
    "no richting": ("100 (2024)", "80 (2029)", None, "90 (2026)", Oordeel.ONBEKEND),
    "no streefwaarde": ("100 (2024)", None, "dalen", "90 (2026)", Oordeel.ONBEKEND),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_verdict(case):
    nul, streef, richting, metingen, expected = CASES[case]
    assert koers(indicator(nul, streef, richting, metingen)).oordeel is expected


def test_only_provisional_data_is_no_new_measurement():
    ei = provisional(indicator(metingen="90 (2026)"), 2026)
    verdict = koers(ei)
    assert verdict.oordeel is Oordeel.GEEN_METING
    assert verdict.toelichting == "alleen voorlopige cijfers sinds de nulmeting"


def test_latest_final_measurement_decides_not_a_later_provisional_one():
    ei = provisional(indicator(metingen="95 (2025); 70 (2026)"), 2026)
    verdict = koers(ei)
    assert verdict.oordeel is Oordeel.OP_KOERS and verdict.meting.year == 2025


def test_words_always_come_with_a_symbol():
    for oordeel in Oordeel:
        assert oordeel.label == f"{oordeel.symbool} {oordeel.woorden}"
        assert oordeel.symbool.strip()
    assert Oordeel.OP_KOERS.label == "✔ op koers"
    assert Oordeel.NIET_OP_KOERS.label == "✘ niet op koers"


def test_path_value():
    ei = indicator()
    assert path_value(ei, 2024) == 100 and path_value(ei, 2026) == 92
    assert path_value(ei, 2031) == 80


def test_alt_text_says_the_chart_in_words():
    ei = indicator(
        "6,9 (2023)", "7,3 (2029)", "stijgen", "7,1 (2025)",
        title="Rapportcijfer veiligheid",
        vergelijking=parse_vergelijking("Nederland 7,0 (2025)"),
    )  # fmt: skip
    assert charts.alt_text(ei) == (
        "Rapportcijfer veiligheid: 6,9 in 2023, 7,1 in 2025; streefwaarde 7,3 in 2029; "
        "Nederland 7,0 in 2025; op koers"
    )


def test_chart_is_a_png_and_cached_on_its_data(tmp_path):
    ei = indicator(metingen="95 (2025)")
    png, alt = charts.chart_png(ei)
    assert png.startswith(b"\x89PNG") and alt.startswith("Incidenten: 100 in 2024, 95 in 2025")
    path, _alt = charts.cached_png(ei, tmp_path)
    stamp = path.stat().st_mtime_ns
    again, _alt = charts.cached_png(ei, tmp_path)
    assert again == path and path.stat().st_mtime_ns == stamp
    other, _alt = charts.cached_png(indicator(metingen="94 (2025)"), tmp_path)
    assert other != path and len(list(tmp_path.iterdir())) == 2


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("7,0 (2024); 7,1", "'7,1' mist het jaar"),
        ("7,0 (2024); 7,2 (2024)", "noemt 2024 twee keer"),
        ("7.0 (2024)", "'7.0 (2024)' waarde '7.0' gebruikt een punt als decimaalteken"),
    ],
)
def test_bad_metingen_are_refused(text, reason):
    with pytest.raises(ParseError) as err:
        parse_metingen(text)
    assert err.value.reason.startswith(reason)


def test_metingen_and_vergelijking_lists():
    assert [str(m) for m in parse_metingen("7,0 (2025), 6,9 (2024)")] == [
        "6,9 (2024)",
        "7,0 (2025)",
    ]
    found = parse_vergelijking("Nederland 4,3 (2024); Noord-Brabant 4,9% (2024)")
    assert [(v.naam, str(v.quantity), v.year) for v in found] == [
        ("Nederland", "4,3", 2024),
        ("Noord-Brabant", "4,9%", 2024),
    ]
    with pytest.raises(ParseError):
        parse_vergelijking("4,3 (2024)")


def _plan(ei: EffectIndicator, jaar: int) -> Plan:
    return Plan(Settings("X", (2026, 2029), jaar), {ei.id: ei}, [], {"effectindicator": [ei]})


def _meting_findings(plan: Plan) -> list[rules.Finding]:
    return [f for f in rules.check(plan) if f.rule == "KB-R3-meting"]


def test_rule_warns_from_the_second_year_of_the_plan_period():
    found = _meting_findings(_plan(indicator(), 2027))
    assert [(f.severity, f.need, f.lineno) for f in found] == [("waarschuwing", "EI_X", 3)]
    assert found[0].message == (
        "Effectindicator EI_X ('Incidenten') heeft geen meting na de nulmeting van 2024, terwijl "
        "het uitvoeringsjaar 2027 is. Voeg de nieuwe cijfers toe met ':metingen: … (2026)' of "
        "met 'kernbeleid metingen importeer'."
    )
    assert _meting_findings(_plan(indicator(metingen="95 (2025)"), 2027)) == []
    only_provisional = provisional(indicator(metingen="95 (2025)"), 2025)
    assert _meting_findings(_plan(only_provisional, 2027)) == []


def test_rule_is_quiet_for_a_plan_in_its_first_year():
    """Period 2026-2029, uitvoeringsjaar 2026, nulmeting 2024: the plan has not run yet."""
    assert _meting_findings(_plan(indicator(), 2026)) == []
    assert _meting_findings(_plan(indicator(), 2024)) == []  # before the period


def test_rule_waits_for_a_year_after_the_nulmeting_also_in_year_two():
    late = indicator()
    late.nulmeting = parse_year_value("100 (2027)")
    assert _meting_findings(_plan(late, 2027)) == []
    assert ruleset.RULES_BY_ID["KB-R3-meting"].titel == "Effectindicatoren worden gemeten"


def test_catalogue_marks_the_bbv_indicators_for_veiligheid():
    from sphinxext_kernbeleid.model import catalogue

    cat = catalogue.load()
    found = {
        (t.code, i.naam, i.eenheid, cat.source_label(i.bron)) for t, i in cat.bbv_indicatoren()
    }
    assert found == {
        ("1.2", "Vernielingen en beschadigingen (in de openbare ruimte)", "aantal per 1.000 inwoners", "Politieregistratie (BVH/BVI)"),
        ("1.3", "Geweldsmisdrijven", "aantal per 1.000 inwoners", "Politieregistratie (BVH/BVI)"),
        ("1.3", "Diefstallen uit woning", "aantal per 1.000 inwoners", "Politieregistratie (BVH/BVI)"),
        ("2.1", "Winkeldiefstallen", "aantal per 1.000 inwoners", "Politieregistratie (BVH/BVI)"),
        ("3.2", "Verwijzingen Halt", "aantal per 1.000 jongeren van 12-17 jaar", "Registratie Halt (verwijzingen van jongeren)"),
    }  # fmt: skip


def test_rule_can_be_switched_off_or_waived():
    plan = _plan(indicator(), 2027)
    assert [f for f in rules.check(plan, {"KB-R3-meting": "uit"}) if f.rule == "KB-R3-meting"] == []
    ei = plan.items["EI_X"]
    from sphinxext_kernbeleid.model.plan import Waiver

    ei.waivers = [Waiver("KB-R3-meting", "de monitor verschijnt pas in 2027")]
    found = _meting_findings(plan)
    assert [f.waived for f in found] == ["de monitor verschijnt pas in 2027"]
