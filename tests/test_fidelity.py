"""Nothing the writer wrote may vanish (issue 10).

* every problem of the build is a located Dutch ``fout`` of KB-R0-bouw (flawed fixture);
* a realistic plan with real-world targets and sources is raadsrijp and -W clean;
* values not understood are shown as written;
* conf.py mistakes give one Dutch message per setting, never a traceback;
* a Windows-1252 file is read, with a Dutch message.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import Project

FIXTURES = Path(__file__).parent / "fixtures"
FLAWED = FIXTURES / "flawed_plan"
REALISTIC = FIXTURES / "realistic_plan"
REPORT = "kernbeleid-rapport"


def _report(outdir: Path) -> dict:
    return json.loads((outdir / f"{REPORT}.json").read_text("utf-8"))


# --------------------------------------------------------------------------- build problems

#: (file, line, need, message) of every KB-R0-bouw finding of the flawed plan.
BUILD_FINDINGS = [
    (
        "los.rst",
        None,
        None,
        "los.rst staat in geen enkele inhoudsopgave (toctree); lezers van de site vinden het "
        "niet en de Word-documenten missen het. Neem het op in een toctree (bijv. in index.rst) "
        "of zet ':orphan:' bovenaan het bestand als dat zo bedoeld is.",
    ),
    (
        "oud.rst",
        4,
        None,
        "oud.rst is niet opgeslagen als UTF-8 (regel 4 bevat 'é' in een oudere Windows-codering)."
        " De tekst is zo goed mogelijk gelezen; controleer letters als é, ë en €. Sla het bestand "
        "op als UTF-8: in Kladblok via 'Opslaan als' > Codering 'UTF-8', in Visual Studio Code "
        "via 'Save with Encoding' > 'UTF-8'.",
    ),
    (
        "verloren.rst",
        6,
        "MR_CAMERA",
        "'maatrgel' is geen onderdeel; bedoelt u 'maatregel'? Het blok '.. maatrgel::' (met id "
        "MR_CAMERA) ontbreekt daardoor in het plan. Verbeter de naam.",
    ),
    (
        "verloren.rst",
        9,
        "MR_APP",
        "onbekende optie ':budgett:' bij maatregel MR_APP; bedoelt u :budget:? De waarde "
        "ontbreekt daardoor in het plan. Verbeter de naam van de optie.",
    ),
    (
        "verloren.rst",
        9,
        "MR_APP",
        "onbekende optie ':stauts:' bij maatregel MR_APP; bedoelt u :status:? De waarde "
        "ontbreekt daardoor in het plan. Verbeter de naam van de optie.",
    ),
    (
        "verloren.rst",
        9,
        "MR_APP",
        "onbekende optie ':trekker:' bij maatregel MR_APP; bedoelt u :bestuurlijk_trekker: of "
        ":ambtelijk_trekker:? De waarde ontbreekt daardoor in het plan. Verbeter de naam van de "
        "optie.",
    ),
    (
        "verloren.rst",
        16,
        "MR_KVO",
        "optie ':budget:' staat twee keer bij maatregel MR_KVO; daardoor ontbreekt de hele "
        "maatregel MR_KVO in het plan. Laat één ':budget:' staan.",
    ),
    (
        "verloren.rst",
        26,
        "MR_DUBBEL",
        "id MR_DUBBEL bestaat al in verloren.rst:22; dit tweede item met hetzelfde id ontbreekt "
        "daardoor in het plan. Geef het een eigen id.",
    ),
    (
        "verloren.rst",
        30,
        "MR_RAPP\u041eRTAGE",
        "id 'MR_RAPP\u041eRTAGE' van maatregel 'Bestuurlijke rapportage' bevat de Cyrillische "
        "letter '\u041e', die lijkt op de Latijnse 'O' maar een ander teken is. Typ de letter "
        "opnieuw als gewone 'O'. Het item ontbreekt tot dan in het plan.",
    ),
    (
        "verloren.rst",
        34,
        "mr_klein",
        "id 'mr_klein' van maatregel 'Klein geschreven' bevat kleine letters; een id bestaat uit "
        "hoofdletters, cijfers en _. Schrijf 'MR_KLEIN'. Het item ontbreekt tot dan in het plan.",
    ),
    (
        "verloren.rst",
        38,
        None,
        "maatregel 'Zonder id' heeft geen ':id:'. Geef elk item een vast id, bijv. ':id: MR_…'; "
        "zonder id verzint de bouw er een dat verandert als de titel verandert, zodat voortgang "
        "en koppelingen loslaten.",
    ),
    (
        "verloren.rst",
        41,
        None,
        "'bijlage-die-niet-bestaat.rst' uit '.. include::' bestaat niet of is niet te lezen; die "
        "tekst ontbreekt in het plan. Controleer de bestandsnaam en of het bestand bestaat.",
    ),
    (
        "verloren.rst",
        43,
        None,
        "bij '.. kernbeleid-maatregelen::' ontbreekt wat erachter hoort (bijv. een titel of "
        "naam); het blok ontbreekt daardoor in het plan. Schrijf het achter "
        "'.. kernbeleid-maatregelen::'.",
    ),
]


@pytest.fixture(scope="module")
def flawed(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("flawed"))
    shutil.copytree(FLAWED, project.src, dirs_exist_ok=True)
    proc = project.run("kernbeleid-check")
    return project, proc, _report(project.path / "_build" / "kernbeleid-check")


def _bouw(report: dict) -> list[tuple]:
    return sorted(
        (
            (f["file"], f["line"], f["need"], f["message"])
            for f in report["findings"]
            if f["rule"] == "KB-R0-bouw"
        ),
        key=lambda t: (t[0], t[1] or 0, t[3]),
    )


def test_every_build_problem_is_a_located_dutch_fout(flawed):
    _project, proc, report = flawed
    assert proc.returncode == 1
    assert _bouw(report) == sorted(BUILD_FINDINGS, key=lambda t: (t[0], t[1] or 0, t[3]))
    bouw = [f for f in report["findings"] if f["rule"] == "KB-R0-bouw"]
    assert {f["severity"] for f in bouw} == {"fout"}
    assert not report["raadsrijp"]
    assert "Traceback" not in proc.stderr


def test_no_english_original_beside_the_dutch(flawed):
    _project, proc, _report_ = flawed
    for english in (
        "Unknown directive type",
        "Unknown option",
        "duplicate option",
        "already exists",
        "does not match configured regex",
        "isn't included in any toctree",
        "No such file or directory",
        "Encoding error",
    ):
        assert english not in proc.stderr, english


def test_build_problems_are_warnings_in_the_console_with_file_and_line(flawed):
    project, proc, _report_ = flawed
    path = project.src / "verloren.rst"
    assert (
        f"{path}:16: ERROR: optie ':budget:' staat twee keer bij maatregel MR_KVO; daardoor "
        f"ontbreekt de hele maatregel MR_KVO in het plan. Laat één ':budget:' staan. [docutils]"
    ) in proc.stderr.splitlines()


def test_build_problems_cannot_be_switched_off_or_waived(project):
    project.write(
        "index.rst",
        """\
        Plan
        ====

        .. maatrgel:: Iets
           :id: MR_X
        """,
    )
    project.conf('kernbeleid_regels = {"KB-R0-bouw": "uit", "KB-R0": "uit"}\n')
    result = project.build("kernbeleid-check")
    report = _report(result.outdir)
    assert [f["message"][:40] for f in report["findings"] if f["rule"] == "KB-R0-bouw"] == [
        "'maatrgel' is geen onderdeel; bedoelt u "
    ]
    assert result.status == 1


def test_findings_of_unchanged_documents_survive_an_incremental_build(project):
    project.write("index.rst", "Plan\n====\n\n.. toctree::\n\n   a\n   b\n")
    project.write("a.rst", "A\n=\n\n.. maatrgel:: Iets\n   :id: MR_X\n")
    project.write("b.rst", "B\n=\n\nTekst.\n")
    out = project.path / "_build" / "inc"
    from sphinx.cmd.build import build_main

    def build() -> list[str]:
        build_main(["-b", "kernbeleid-check", "-q", str(project.src), str(out)])
        return [f["file"] for f in _report(out)["findings"] if f["rule"] == "KB-R0-bouw"]

    assert build() == ["a.rst"]
    project.write("b.rst", "B\n=\n\nAndere tekst.\n")  # only b is read again
    assert build() == ["a.rst"]
    project.write("a.rst", "A\n=\n\n.. maatregel:: Iets\n   :id: MR_X\n")  # fixed
    assert build() == []


def test_parallel_build_reports_the_same_problems(flawed, tmp_path):
    project = Project(tmp_path)
    shutil.copytree(FLAWED, project.src, dirs_exist_ok=True)
    proc = project.run("kernbeleid-check", "-j", "2")
    assert proc.returncode == 1
    report = _report(project.path / "_build" / "kernbeleid-check")
    found = _bouw(report)
    serial = {(f, line, need) for f, line, need, _m in BUILD_FINDINGS if need != "MR_DUBBEL"}
    assert {(f, line, need) for f, line, need, _m in found if need != "MR_DUBBEL"} == serial
    # which of two items with one id stays is up to sphinx-needs; the message names the other
    (dubbel,) = [m for _f, _l, need, m in found if need == "MR_DUBBEL"]
    assert re.fullmatch(r"id MR_DUBBEL bestaat al in verloren\.rst:(22|26); dit tweede .*", dubbel)


def test_parallel_build_gives_the_same_needs_json(tmp_path):
    one, two = Project(tmp_path / "een"), Project(tmp_path / "twee")
    for p in (one, two):
        shutil.copytree(REALISTIC, p.src, dirs_exist_ok=True)
    assert one.run("needs").returncode == 0
    assert two.run("needs", "-j", "2").returncode == 0

    def needs(p: Project) -> dict:
        data = json.loads((p.path / "_build" / "needs" / "needs.json").read_text("utf-8"))
        return data["versions"][data["current_version"]]["needs"]

    assert needs(one) == needs(two)


# --------------------------------------------------------------------------- realistic plan


@pytest.fixture(scope="module")
def realistic(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("realistic"))
    shutil.copytree(REALISTIC, project.src, dirs_exist_ok=True)
    return project


def test_realistic_plan_is_raadsrijp_with_W(realistic):
    proc = realistic.run("kernbeleid-check", "-W")
    assert proc.returncode == 0, proc.stderr
    assert "Plan is raadsrijp" in proc.stdout
    report = _report(realistic.path / "_build" / "kernbeleid-check")
    assert [(f["need"], f["severity"]) for f in report["findings"]] == [
        ("PI_CONTROLES", "advies"),
        ("PI_KADER", "advies"),
    ]
    assert report["findings"][0]["message"] == (
        "Prestatie-indicator PI_CONTROLES ('Uitgevoerde controles'): streefwaarde '6 controles "
        "en 2 hercontroles' is overgenomen zoals geschreven, maar de voortgang kan niet als één "
        "getal worden gevolgd. Wilt u dat wel, schrijf dan één getal met de eenheid, bijv. "
        "':streefwaarde: 8 controles'."
    )


def test_realistic_plan_html_is_W_clean_and_shows_values_as_written(realistic):
    proc = realistic.run("html", "-W")
    assert proc.returncode == 0, proc.stderr
    page = (realistic.path / "_build" / "html" / "uitvoeringsplan" / "maatregelen.html").read_text(
        "utf-8"
    )
    for written in (
        "6 controles en 2 hercontroles",
        "1 besluit",
        "6 schouwen",
        "15 groepen",
        "5.000 huishoudens",
        "vastgesteld beleidskader",
    ):
        assert f"<p>{written}</p>" in page, written
    themas = (realistic.path / "_build" / "html" / "ivp" / "overige_themas.html").read_text("utf-8")
    assert (
        "<p>gemeentelijke verkeerstelling (Telling van de afdeling Verkeer, voorjaar en najaar)</p>"
        in themas
    )
    prios = (realistic.path / "_build" / "html" / "ivp" / "prioriteiten.html").read_text("utf-8")
    # A source matched to the catalogue is shown as written, never as the catalogue's label;
    # only a catalogue key written as such ("politieregistratie") reads as its label.
    assert "<p>Ondernemersenquête</p>" in prios
    assert "Ondernemersenquêtes (o.a. binnenstadsmonitor)" not in prios
    assert "<p>politie-registratie</p>" in prios
    assert prios.count("<p>Politieregistratie (BVH/BVI)</p>") == 1


def test_realistic_plan_targets_in_the_model():
    from sphinxext_kernbeleid.model.plan import build_plan
    from sphinxext_kernbeleid.model.settings import Settings

    needs = [
        {"id": "PI_A", "type": "prestatie-indicator", "streefwaarde": "15 groepen"},
        {"id": "PI_B", "type": "prestatie-indicator", "streefwaarde": "15 groepen", "eenheid": "x"},
        {"id": "PI_C", "type": "prestatie-indicator", "streefwaarde": "5.000 huishoudens"},
    ]
    plan = build_plan(needs, Settings())
    a, b, c = (plan.items[i] for i in ("PI_A", "PI_B", "PI_C"))
    assert (str(a.streefwaarde.value), a.eenheid) == ("15", "groepen")
    assert (str(b.streefwaarde.value), b.eenheid, str(b.streefwaarde)) == ("15", "x", "15 groepen")
    assert (str(c.streefwaarde.value), c.eenheid) == ("5000", "huishoudens")
    assert plan.problems == []


# --------------------------------------------------------------------------- shown as written


def test_value_not_understood_is_shown_as_written(project):
    project.write(
        "index.rst",
        """\
        Plan
        ====

        .. maatregel:: Controles
           :id: MR_X
           :planning: voorjaar 2026
           :budget: ongeveer 25k
        """,
    )
    result = project.build("html")
    page = result.html()
    assert "<p>voorjaar 2026 (niet begrepen)</p>" in page
    assert "<p>ongeveer 25k (niet begrepen)</p>" in page


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ondernemersenquête", "ondernemersenquete"),
        ("Ondernemers-enquete", "ondernemersenquete"),
        ("M meldingen", "m-meldingen"),
        ("Veiligheidsmonitor", "veiligheidsmonitor"),
        ("politie registratie", "politieregistratie"),
    ],
)
def test_source_names_match_regardless_of_case_accents_hyphens_spaces(written, key):
    from sphinxext_kernbeleid.model import catalogue

    assert catalogue.match_source(written, catalogue.load().sources) == key


def test_only_a_likely_typo_gets_a_suggestion():
    from sphinxext_kernbeleid.model.plan import build_plan
    from sphinxext_kernbeleid.model.settings import Settings

    needs = [
        {"id": "EI_A", "type": "effectindicator", "bron": "veiligheidsmonitr"},
        {"id": "EI_B", "type": "effectindicator", "bron": "gemeentelijke verkeerstelling"},
        {"id": "EI_C", "type": "effectindicator", "bron": "politie"},
    ]
    plan = build_plan(needs, Settings())
    assert [(p.need_id, p.code, p.message) for p in plan.problems] == [
        (
            "EI_A",
            "bron-advies",
            "bron 'veiligheidsmonitr' van EI_A staat niet in de catalogus; bedoelt u "
            "veiligheidsmonitor? Is het een eigen bron, zet haar dan met een omschrijving in "
            "kernbeleid_extra_bronnen in conf.py.",
        )
    ]
    assert plan.items["EI_B"].bron == "gemeentelijke verkeerstelling"
    assert plan.items["EI_C"].bron == "politie"


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("written", "value", "unit", "shown"),
    [
        ("15 groepen", "15", "groepen", "15"),
        ("6 schouwen", "6", "schouwen", "6"),
        ("5.000 huishoudens", "5000", "huishoudens", "5.000"),
        ("1 besluit", "1", "besluit", "1"),
        ("12", "12", "", "12"),
        ("6 controles en 2 hercontroles", None, "", "6 controles en 2 hercontroles"),
        ("vastgesteld beleidskader", None, "", "vastgesteld beleidskader"),
    ],
)
def test_targets_as_real_plans_write_them(written, value, unit, shown):
    from sphinxext_kernbeleid.model.parsing import parse_target

    target = parse_target(written)
    assert (None if target.value is None else str(target.value), target.unit, str(target)) == (
        value,
        unit,
        shown,
    )
    assert target.text == written


@pytest.mark.parametrize("written", ["7.3", "7.3 groepen", "12.5"])
def test_ambiguous_numbers_stay_refused(written):
    from sphinxext_kernbeleid.model.parsing import ParseError, parse_target

    with pytest.raises(ParseError, match="gebruikt een punt als decimaalteken"):
        parse_target(written)


# --------------------------------------------------------------------------- settings

SETTING_CASES = [
    (
        'kernbeleid_periode = "2026-2029"',
        "conf.py, regel 6: kernbeleid_periode = '2026-2029' is tekst; schrijf het begin- en "
        "eindjaar als twee getallen tussen haakjes: kernbeleid_periode = (2026, 2029).",
    ),
    (
        "kernbeleid_periode = 2026",
        "conf.py, regel 6: kernbeleid_periode = 2026 is geen periode van twee jaren. Schrijf het "
        "eerste en het laatste jaar van het IVP, bijvoorbeeld kernbeleid_periode = (2026, 2029).",
    ),
    (
        "kernbeleid_periode = None",
        "conf.py, regel 6: kernbeleid_periode = None is geen periode van twee jaren. Schrijf het "
        "eerste en het laatste jaar van het IVP, bijvoorbeeld kernbeleid_periode = (2026, 2029).",
    ),
    (
        "kernbeleid_periode = (2026, 2027, 2028)",
        "conf.py, regel 6: kernbeleid_periode = (2026, 2027, 2028) is geen periode van twee "
        "jaren. Schrijf het eerste en het laatste jaar van het IVP, bijvoorbeeld "
        "kernbeleid_periode = (2026, 2029).",
    ),
    (
        "kernbeleid_periode = (2029, 2026)",
        "conf.py, regel 6: kernbeleid_periode = (2029, 2026) loopt achteruit: het eindjaar ligt "
        "vóór het beginjaar. Schrijf eerst het beginjaar: kernbeleid_periode = (2026, 2029).",
    ),
    (
        "kernbeleid_uitvoeringsjaar = None",
        "conf.py, regel 6: kernbeleid_uitvoeringsjaar = None is geen jaartal. Schrijf het jaar "
        "van het uitvoeringsplan als getal, bijvoorbeeld kernbeleid_uitvoeringsjaar = 2026.",
    ),
    (
        "kernbeleid_uitvoeringsjaar = 2031",
        "conf.py, regel 6: kernbeleid_uitvoeringsjaar = 2031 ligt buiten de IVP-periode "
        "2026-2029 (kernbeleid_periode). Kies een jaar van 2026 tot en met 2029, of pas de "
        "periode aan.",
    ),
    (
        'kernbeleid_regels = ["KB-R1"]',
        "conf.py, regel 6: kernbeleid_regels = ['KB-R1'] is geen lijst van instellingen. Schrijf "
        'naam: waarde tussen accolades, bijvoorbeeld kernbeleid_regels = {"KB-R1": "uit", '
        '"max_effectindicatoren": 4}.',
    ),
    (
        'kernbeleid_regels = {"KB-R19": "uit"}',
        "conf.py, regel 6: kernbeleid_regels: 'KB-R19' is onbekend. Gebruik een regel (bijv. "
        "'KB-R2') of een van: max_effectindicatoren, max_prioriteiten, min_doelen, "
        "min_effectindicatoren, min_prestatie_indicatoren, min_prioriteiten, "
        "objectief_en_subjectief, planning_binnen_uitvoeringsjaar, totaalbudget.",
    ),
    (
        'kernbeleid_extra_bronnen = ["eigen"]',
        "conf.py, regel 6: kernbeleid_extra_bronnen = ['eigen'] is geen lijst van bronnen met hun "
        "omschrijving. Schrijf naam: omschrijving tussen accolades: kernbeleid_extra_bronnen = "
        '{"gemeentelijke verkeerstelling": "Telling van de afdeling Verkeer"}.',
    ),
    (
        "kernbeleid_datum = 20261215",
        "conf.py, regel 6: kernbeleid_datum = 20261215 is geen datum. Zet de datum tussen "
        'aanhalingstekens als jaar-maand-dag: kernbeleid_datum = "2026-12-15" (of laat de regel '
        "weg voor de datum van vandaag).",
    ),
    (
        'kernbeleid_datum = "2026-02-30"',
        "conf.py, regel 6: kernbeleid_datum = '2026-02-30' is een datum die niet bestaat. "
        'Controleer dag en maand: kernbeleid_datum = "2026-12-15" (of laat de regel weg voor de '
        "datum van vandaag).",
    ),
    (
        'kernbeleid_gemeente = ""',
        "conf.py, regel 6: kernbeleid_gemeente is leeg; de naam van de gemeente komt op de "
        "titelpagina en in het toetsrapport. Schrijf bijvoorbeeld kernbeleid_gemeente = "
        '"Voorbeeldstad".',
    ),
]


@pytest.mark.parametrize(("line", "message"), SETTING_CASES, ids=[c[0] for c in SETTING_CASES])
def test_a_wrong_setting_gives_one_dutch_message(tmp_path, line, message):
    project = Project(tmp_path)
    shutil.copytree(REALISTIC, project.src, dirs_exist_ok=True)
    conf = (REALISTIC / "conf.py").read_text("utf-8").splitlines()
    conf.append(line)  # last: it replaces the plan's own value
    project.src.joinpath("conf.py").write_text("\n".join(conf) + "\n", "utf-8")
    message = message.replace("regel 6:", f"regel {len(conf)}:")
    result = project.build("kernbeleid-check")
    assert "Traceback" not in result.warnings
    assert result.status == 1
    report = _report(result.outdir)
    assert [(f["rule"], f["message"]) for f in report["findings"] if f["severity"] == "fout"] == [
        ("KB-R0-instellingen", message)
    ]
    assert f"WARNING: {message} [kernbeleid.instellingen]" in result.warnings
    html = project.build("html", out="html")
    assert html.status == 0 and "Traceback" not in html.warnings


def test_settings_object_is_typed_and_frozen(tmp_path):
    import dataclasses
    import datetime as dt

    from sphinxext_kernbeleid.build.settings import validate

    class Conf:
        kernbeleid_gemeente = "Beekveld"
        kernbeleid_periode = [2026, 2029]
        kernbeleid_uitvoeringsjaar = 2027
        kernbeleid_datum = "15 december 2026"
        kernbeleid_extra_bronnen = {"eigen telling": "Tellingen"}

    settings = validate(Conf())
    assert settings.ok
    assert settings.periode == (2026, 2029) and settings.uitvoeringsjaar == 2027
    assert settings.datum == dt.date(2026, 12, 15)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.gemeente = "x"  # type: ignore[misc]


def test_realistic_report_validates_and_counts_adviezen(realistic):
    from importlib import resources

    import jsonschema

    proc = realistic.run("kernbeleid-check", out="check2")
    assert proc.returncode == 0, proc.stderr
    outdir = realistic.path / "_build" / "check2"
    schema = json.loads(
        resources.files("sphinxext_kernbeleid").joinpath(f"data/{REPORT}.schema.json").read_text()
    )
    jsonschema.validate(_report(outdir), schema)
    page = (outdir / f"{REPORT}.html").read_text("utf-8")
    assert "0 fouten · 0 waarschuwingen · 2 adviezen · 0 gemotiveerde afwijkingen" in page


def test_realistic_plan_workbook_keeps_text_targets(realistic):
    import openpyxl

    proc = realistic.run("kernbeleid-xlsx")
    assert proc.returncode == 0, proc.stderr
    (path,) = (realistic.path / "_build" / "kernbeleid-xlsx").glob("*.xlsx")
    values = {
        str(cell.value)
        for sheet in openpyxl.load_workbook(path).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert {"6 controles en 2 hercontroles", "vastgesteld beleidskader"} <= values
    assert {"groepen", "huishoudens", "besluit"} <= values  # the unit words became eenheid


def test_realistic_plan_word_tables_show_targets_as_written(realistic):
    import docx

    proc = realistic.run("kernbeleid-docx")
    assert proc.returncode == 0, proc.stderr
    texts = set()
    for path in (realistic.path / "_build" / "kernbeleid-docx").glob("*.docx"):
        for table in docx.Document(str(path)).tables:
            for row in table.rows:
                for cell in row.cells:
                    texts.add(cell.text)
    joined = "\n".join(texts)
    for written in ("6 controles en 2 hercontroles", "15 groepen", "5.000 huishoudens"):
        assert written in joined, written


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2026", "2026-Q1 t/m 2026-Q4"),
        ("Q1 2026", "2026-Q1"),
        ("Q1..Q3 2026", "2026-Q1 t/m 2026-Q3"),
        ("Q2 t/m Q4 2026", "2026-Q2 t/m 2026-Q4"),
    ],
)
def test_planning_written_the_other_way_round_is_understood(written, shown):
    from sphinxext_kernbeleid.model.parsing import parse_quarter_range

    assert str(parse_quarter_range(written)) == shown


def test_what_survives_in_the_flawed_plan_is_unchanged(tmp_path):
    project = Project(tmp_path)
    shutil.copytree(FLAWED, project.src, dirs_exist_ok=True)
    result = project.build("needs")
    needs = result.needs()
    assert needs["MR_APP"]["hoort_bij"] == ["PRIO_A"]  # only the misspelt options are gone
    assert needs["MR_DUBBEL"]["title"] == "Straatcoaches"  # the first of two keeps its id
    for lost in ("MR_CAMERA", "MR_KVO", "MR_KLEIN", "mr_klein"):
        assert lost not in needs
    assert [n["title"] for n in needs.values() if n["title"] == "Zonder id"] == ["Zonder id"]
    html = project.build("html")
    page = (html.outdir / "oud.html").read_text("utf-8")
    assert "café, crème en € 5.000" in page  # the Windows-1252 file is read letter for letter


@pytest.mark.parametrize(("written", "value"), [("Dalend", "dalen"), ("stijgt.", "stijgen")])
def test_choices_in_other_forms_are_understood(written, value):
    from sphinxext_kernbeleid.model.plan import build_plan
    from sphinxext_kernbeleid.model.settings import Settings

    plan = build_plan([{"id": "EI_A", "type": "effectindicator", "richting": written}], Settings())
    assert plan.items["EI_A"].richting == value and plan.problems == []
