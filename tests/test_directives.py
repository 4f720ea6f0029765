"""The nine directives, their fields and links, as a writer uses them (see docs/onderdelen.md)."""

from __future__ import annotations

import json
import re

import pytest

PLAN = """\
Plan
====

.. doel:: Voorbeeldstad is en voelt veilig
   :id: DOEL_STRATEGISCH
   :niveau: strategisch

.. uitgangspunt:: Informatiegestuurd werken
   :id: UP_INFO

.. analyse:: Ondermijning
   :id: AN_X
   :kv: 5.2

   Problematiek en aanpak.

.. prioriteit:: Ondermijning tegengaan
   :id: PRIO_X
   :kv: 5.2, 2.2
   :rang: 1
   :budget: € 100.000

   Waarom dit een prioriteit is.

.. thema:: Verkeersveiligheid
   :id: THEMA_V
   :kv: 4.1

.. doel:: Minder ondermijning op bedrijventerreinen
   :id: DOEL_X
   :hoort_bij: PRIO_X

.. effectindicator:: Rapportcijfer veiligheid in de buurt
   :id: EI_X
   :hoort_bij: DOEL_X
   :bron: veiligheidsmonitor
   :soort: subjectief
   :eenheid: rapportcijfer (1-10)
   :nulmeting: 6,9 (2023)
   :streefwaarde: 7,3 (2028)
   :richting: stijgen

.. actiepunt:: Aanpak bedrijventerreinen
   :id: AP_X
   :hoort_bij: PRIO_X

.. maatregel:: Integrale controles op bedrijventerreinen
   :id: MR_X
   :hoort_bij: AP_X
   :draagt_bij_aan: DOEL_X
   :uitgangspunt: UP_INFO
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :partners: Politie; RIEC; Belastingdienst
   :planning: 2026-Q1..2026-Q4
   :budget: € 25.000
   :status: gepland

.. prestatie-indicator:: Aantal integrale controles
   :id: PI_X
   :hoort_bij: MR_X
   :streefwaarde: 12
   :eenheid: controles

Overzichten
-----------

.. kernbeleid-maatregelen:: PRIO_X

.. kernbeleid-indicatoren:: PRIO_X

.. kernbeleid-plattegrond::
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("plan"))
    project.conf(
        'suppress_warnings = ["kernbeleid.regel"]  # rule findings: see test_rules\n'
    )  # a small plan, not a complete one
    project.write("index.rst", PLAN)
    return project, project.build("html"), project.build("needs")


def test_builds_without_any_warning(built):
    _project, html, needs = built
    assert (html.status, html.warnings) == (0, "")
    assert (needs.status, needs.warnings) == (0, "")


def test_needs_json_holds_every_item_with_type_and_fields(built):
    _project, _html, result = built
    needs = result.needs()
    types = {need_id: need["type"] for need_id, need in needs.items()}
    assert types == {
        "DOEL_STRATEGISCH": "doel",
        "UP_INFO": "uitgangspunt",
        "AN_X": "analyse",
        "PRIO_X": "prioriteit",
        "THEMA_V": "thema",
        "DOEL_X": "doel",
        "EI_X": "effectindicator",
        "AP_X": "actiepunt",
        "MR_X": "maatregel",
        "PI_X": "prestatie-indicator",
    }
    ei = needs["EI_X"]
    assert {
        k: ei[k] for k in ("bron", "soort", "eenheid", "nulmeting", "streefwaarde", "richting")
    } == {
        "bron": "veiligheidsmonitor",
        "soort": "subjectief",
        "eenheid": "rapportcijfer (1-10)",
        "nulmeting": "6,9 (2023)",
        "streefwaarde": "7,3 (2028)",
        "richting": "stijgen",
    }
    mr = needs["MR_X"]
    assert mr["hoort_bij"] == ["AP_X"]
    assert mr["draagt_bij_aan"] == ["DOEL_X"]
    assert mr["uitgangspunt"] == ["UP_INFO"]
    assert mr["partners"] == "Politie; RIEC; Belastingdienst"
    assert mr["planning"] == "2026-Q1..2026-Q4"
    assert mr["budget"] == "€ 25.000"
    assert mr["status"] == "gepland"
    assert mr["bestuurlijk_trekker"] == "Burgemeester"
    assert mr["ambtelijk_trekker"] == "Team OOV"
    assert needs["PRIO_X"]["kv"] == "5.2, 2.2"
    assert needs["PRIO_X"]["rang"] == "1"
    assert needs["DOEL_STRATEGISCH"]["niveau"] == "strategisch"
    assert needs["PI_X"]["streefwaarde"] == "12"
    assert needs["AN_X"]["kv"] == "5.2"
    # back links are kept by sphinx-needs too
    assert needs["PRIO_X"]["hoort_bij_back"] == ["AP_X", "DOEL_X"]
    assert needs["DOEL_X"]["draagt_bij_aan_back"] == ["MR_X"]
    assert needs["UP_INFO"]["uitgangspunt_back"] == ["MR_X"]


def _details(html: str, need_id: str) -> str:
    """The rendered block of one need."""
    start = html.index(f'id="{need_id}"')
    end = html.find('class="need_container', start)
    return html[start : end if end != -1 else len(html)]


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


def test_html_shows_dutch_labels_and_values(built):
    _project, result, _needs = built
    page = result.html()
    ei = _text(_details(page, "EI_X"))
    for expected in (
        "Effectindicator",
        "Bron : Veiligheidsmonitor",
        "Soort : subjectief",
        "Nulmeting : 6,9 (2023)",
        "Streefwaarde : 7,3 (2028)",
        "Richting : stijgen",
        "Hoort bij : Minder ondermijning op bedrijventerreinen",
    ):
        assert expected in ei
    mr = _text(_details(page, "MR_X"))
    for expected in (
        "Bestuurlijk trekker : Burgemeester",
        "Ambtelijk trekker : Team OOV",
        "Partners : Politie; RIEC; Belastingdienst",
        "Planning : 2026-Q1 t/m 2026-Q4",
        "Budget : € 25.000",
        "Status : gepland",
        "Uitgangspunten : Informatiegestuurd werken",
        "Prestatie-indicatoren : Aantal integrale controles",
    ):
        assert expected in mr
    prio = _text(_details(page, "PRIO_X"))
    assert "Thema's (catalogus) : 5.2 Georganiseerde/ondermijnende criminaliteit; 2.2" in prio
    assert "Rang : 1" in prio


def test_links_show_both_ways_and_are_clickable(built):
    _project, result, _needs = built
    page = result.html()
    prio = _details(page, "PRIO_X")
    assert 'href="#DOEL_X"' in prio and 'href="#AP_X"' in prio and 'href="#MR_X"' in prio
    assert "Maatregelen via actiepunten en doelen" in _text(prio)
    doel = _text(_details(page, "DOEL_X"))
    assert "Effectindicatoren : Rapportcijfer veiligheid in de buurt" in doel
    assert "Bijdragende maatregelen : Integrale controles op bedrijventerreinen" in doel
    up = _text(_details(page, "UP_INFO"))
    assert "Toegepast in : Integrale controles op bedrijventerreinen" in up
    pi = _details(page, "PI_X")
    assert 'href="#MR_X"' in pi


def test_overview_tables(built):
    _project, result, _needs = built
    page = _text(result.html())
    assert "Maatregelen – Ondermijning tegengaan" in page
    assert (
        "Integrale controles op bedrijventerreinen Aanpak bedrijventerreinen Burgemeester / Team OOV"
        in page
    )
    assert "Totaal € 25.000" in page
    assert "Effectindicatoren – Ondermijning tegengaan" in page
    assert (
        "Rapportcijfer veiligheid in de buurt Veiligheidsmonitor subjectief rapportcijfer (1-10) 6,9 (2023) 7,3 (2028) stijgen"
        in page
    )
    assert "5.2 Georganiseerde/ondermijnende criminaliteit – Prioriteit" in page
    assert "4.1 Verkeersveiligheid – Overig thema" in page
    assert "1.4 Subjectieve veiligheid – Niet geadresseerd" in page


def test_overview_tables_do_not_break_words(built):
    """A fixed table layout split headers mid-word ("Streefwaard" / "e"): the stylesheet
    lets the browser size columns to their longest word, and balances long titles."""
    _project, result, _needs = built
    assert "kernbeleid.css" in result.html()
    css = (result.outdir / "_static" / "kernbeleid.css").read_text("utf-8")
    rule = re.search(r"table\.kernbeleid-tabel \{([^}]*)\}", css)
    assert rule and "table-layout: auto" in rule.group(1)
    assert "overflow-wrap: anywhere" not in css and "word-break: break-all" not in css
    assert re.search(r"div\.body h1[^{]*\{ text-wrap: balance; \}", css)


def test_unknown_target_of_overview_table_is_explained(project):
    project.write("index.rst", "Plan\n====\n\n.. kernbeleid-maatregelen:: PRIO_BESTAATNIET\n")
    result = project.build("html")
    assert result.status == 0
    assert (
        f"{project.src / 'index.rst'}:4: WARNING: kernbeleid-maatregelen: 'PRIO_BESTAATNIET' is "
        "geen prioriteit of thema van dit plan. Schrijf het id van een prioriteit of thema; "
        "bekend zijn: (geen). [kernbeleid.verwijzing]"
    ) in result.warnings


def test_short_ids_are_accepted(project):
    project.write(
        "index.rst",
        "Plan\n====\n\n.. prioriteit:: A\n   :id: PRIO_X\n\n.. maatregel:: B\n   :id: MR_A\n",
    )
    project.conf('suppress_warnings = ["kernbeleid.regel"]  # rule findings: see test_rules\n')
    result = project.build("html")
    assert (result.status, result.warnings) == (0, "")


def test_lowercase_id_is_refused_with_a_message(project):
    project.write("index.rst", "Plan\n====\n\n.. prioriteit:: A\n   :id: prio_x\n")
    result = project.build("html")
    assert "prio_x" in result.warnings


def test_extension_declares_parallel_safety():
    from sphinx.application import Sphinx  # noqa: F401

    import sphinxext_kernbeleid

    source = open(sphinxext_kernbeleid.__file__, encoding="utf-8").read()
    assert '"parallel_read_safe": True' in source
    assert '"parallel_write_safe": True' in source


def test_parallel_build_gives_the_same_needs(tmp_path):
    """-j 2 reads documents in separate processes; sphinx-needs merges their needs."""
    from conftest import Project

    project = Project(tmp_path)
    project.conf(
        'suppress_warnings = ["kernbeleid.regel"]  # rule findings: see test_rules\n'
    )  # a small plan, not a complete one
    parts = PLAN.split("Overzichten")[0].split("\n.. ")
    body = ["\n.. " + p for p in parts[1:]]
    names = []
    for index, chunk in enumerate(body):
        name = f"deel{index}"
        names.append(name)
        project.write(f"{name}.rst", f"Deel {index}\n=======\n{chunk}\n")
    project.write(
        "index.rst", "Plan\n====\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names)
    )

    def needs_of(jobs: str) -> dict:
        proc = project.run("needs", "-j", jobs, out=f"needs{jobs}")
        assert proc.returncode == 0, proc.stderr
        assert "WARNING" not in proc.stderr
        data = json.loads((project.path / "_build" / f"needs{jobs}" / "needs.json").read_text())
        needs = data["versions"][data["current_version"]]["needs"]
        return needs

    serial, parallel = needs_of("1"), needs_of("2")
    assert serial == parallel
    assert len(serial) == 10


def test_needs_json_can_be_read_back_into_the_typed_model(built):
    """A region view stacks plans from their needs.json: the same parser reads them."""
    from decimal import Decimal

    from sphinxext_kernbeleid.model.plan import Maatregel, build_plan
    from sphinxext_kernbeleid.model.settings import Settings

    _project, _html, result = built
    plan = build_plan(result.needs().values(), Settings("Voorbeeldstad", (2026, 2029), 2026))
    assert plan.problems == []
    measure = plan.get("MR_X")
    assert isinstance(measure, Maatregel)
    assert measure.budget == Decimal("25000")
    assert str(measure.planning) == "2026-Q1 t/m 2026-Q4"
    assert measure.onderdeel is plan.get("PRIO_X")
    assert plan.get("EI_X").streefwaarde.value == Decimal("7.3")
    assert [p.id for p in plan.prioriteiten] == ["PRIO_X"]
    from sphinxext_kernbeleid.model import trace

    assert trace.index(plan).maatregelen_of(plan.get("PRIO_X")) == [measure]


def test_unknown_link_is_reported_once_in_dutch(project):
    project.write(
        "index.rst",
        "Plan\n====\n\n.. maatregel:: M\n   :id: MR_X\n   :hoort_bij: AP_BESTAATNIET\n",
    )
    result = project.build("html")
    assert "needs.link_outgoing" not in result.warnings
    lines = [line for line in result.warnings.splitlines() if "AP_BESTAATNIET" in line]
    assert lines == [
        f"{project.src / 'index.rst'}:4: WARNING: [KB-R6-koppelingen] fout: Maatregel MR_X ('M'): "
        "':hoort_bij: AP_BESTAATNIET' verwijst naar een id dat niet bestaat. Controleer de "
        "spelling; het moet het id van een actiepunt of prioriteit of overig thema zijn. "
        "[kernbeleid.regel]"
    ]


def test_search_field_is_dutch(project):
    project.write("index.rst", "Plan\n====\n\nTekst.\n")
    project.conf('html_theme = "alabaster"\n')
    result = project.build()
    assert result.status == 0
    assert 'placeholder="Zoeken"' in result.html()
    assert 'placeholder="Search"' not in result.html()


SCHEMA_LINE = "Schema validation completed"


def test_sphinx_needs_schema_check_is_left_to_the_plan_check(project):
    """Our fields are strings our directives parse: sphinx-needs' per-item schema check at
    write-started could only repeat the plan check."""
    project.write("index.rst", "Plan\n====\n\n.. maatregel:: M\n   :id: MR_X\n")
    result = project.run("html")
    assert result.returncode == 0, result.stderr
    assert SCHEMA_LINE not in result.stdout


def test_a_projects_own_schemas_are_still_checked(project):
    """A project that writes schemas of its own gets sphinx-needs' check, and its findings."""
    project.conf(
        """
        needs_schema_definitions = {
            "schemas": [
                {
                    "select": {"properties": {"type": {"const": "maatregel"}}},
                    "validate": {"local": {"required": ["eigenaar"]}},
                }
            ]
        }
        """
    )
    project.write("index.rst", "Plan\n====\n\n.. maatregel:: M\n   :id: MR_X\n")
    result = project.run("html")
    assert SCHEMA_LINE in result.stdout
    # In Dutch, at the item's own file and line (sphinx-needs names no place).
    assert (
        f"{project.src / 'index.rst'}:4: ERROR: Het item MR_X voldoet niet aan een "
        "controleregel die dit project zelf in conf.py heeft gezet" in result.stderr
    ), result.stderr
    assert "'eigenaar' is a required property" in result.stderr
    assert "Need 'MR_X'" not in result.stderr


def test_a_message_while_sphinx_needs_resolves_does_not_resolve_again(project):
    """An item is looked up for a message that names no place only once sphinx-needs has
    resolved its needs: looked up while it resolves them (its own messages then), it would
    start resolving them all over again, from inside that message."""
    project.conf(
        """
        import os

        AFMAKEN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "afmaken.txt")

        def setup(app):
            from sphinx.util import logging

            def resolving(_app, _needs):
                with open(AFMAKEN, "a", encoding="utf-8") as out:
                    out.write("afmaken\\n")
                logging.getLogger(__name__).warning(
                    "Need 'MR_X' has schema warnings:\\n  Field:          eigenaar"
                )

            app.connect("needs-before-post-processing", resolving)
        """
    )
    project.write("index.rst", "Plan\n====\n\n.. maatregel:: M\n   :id: MR_X\n")
    result = project.run("html")
    assert result.returncode == 0, result.stderr
    assert (project.src / "afmaken.txt").read_text(encoding="utf-8") == "afmaken\n"
    assert "Het item MR_X voldoet niet aan een controleregel" in result.stderr, result.stderr


def test_sphinx_needs_walks_the_page_before_the_overviews_are_filled(project):
    """sphinx-needs looks for its nodes in every resolved page (priority 500); the
    overviews hold none of them, so they are filled after it and it passes by their rows."""
    project.conf(
        """
        SEEN = {}

        def setup(app):
            def spy(name):
                def handler(_app, doctree, docname):
                    from sphinxext_kernbeleid.authoring.nodes import kernbeleid_overview

                    placeholders = list(doctree.findall(kernbeleid_overview))
                    SEEN.setdefault(docname, []).append((name, len(placeholders)))
                    if name == "na":
                        with open("volgorde.txt", "a", encoding="utf-8") as out:
                            out.write(f"{docname} {SEEN[docname]}\\n")

                return handler

            app.connect("doctree-resolved", spy("needs"), priority=500)
            app.connect("doctree-resolved", spy("na"), priority=999)
        """
    )
    project.write(
        "index.rst",
        """\
        Plan
        ====

        .. prioriteit:: Veilige wijken
           :id: PRIO_W

        .. maatregel:: Buurtpreventie
           :id: MR_W
           :hoort_bij: PRIO_W

        .. kernbeleid-maatregelen:: PRIO_W

        .. kernbeleid-matrix::
        """,
    )
    result = project.run("html")
    assert result.returncode == 0, result.stderr
    order = (project.path / "volgorde.txt").read_text("utf-8")
    assert "index [('needs', 2), ('na', 0)]" in order, order
    page = (project.path / "_build" / "html" / "index.html").read_text("utf-8")
    assert "Buurtpreventie" in page.split("</h1>", 1)[1].split("MR_W", 1)[1]
