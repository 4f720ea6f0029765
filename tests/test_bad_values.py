"""Every malformed value gives one located Dutch warning, and the build carries on.

All cases live in one project (one file per case) so the whole table costs one build.
"""

from __future__ import annotations

import re

import pytest

# (directive, id, option, value, expected message)
CASES = [
    (
        "effectindicator",
        "EI_PUNT",
        "nulmeting",
        "6.9 (2023)",
        "nulmeting '6.9 (2023)' van EI_PUNT niet herkend: waarde '6.9' gebruikt een punt als "
        "decimaalteken; schrijf een komma; schrijf bijvoorbeeld '6,9 (2023)'.",
    ),
    (
        "effectindicator",
        "EI_ZONDERJAAR",
        "nulmeting",
        "6,9",
        "nulmeting '6,9' van EI_ZONDERJAAR niet herkend: mist het jaar; schrijf bijvoorbeeld "
        "'6,9 (2023)'.",
    ),
    (
        "effectindicator",
        "EI_JAARLOS",
        "nulmeting",
        "6,9 in 2023",
        "nulmeting '6,9 in 2023' van EI_JAARLOS niet herkend: zet het jaar tussen haakjes achter "
        "de waarde; schrijf bijvoorbeeld '6,9 (2023)'.",
    ),
    (
        "effectindicator",
        "EI_STREEF",
        "streefwaarde",
        "7.3 in 2029",
        "streefwaarde '7.3 in 2029' van EI_STREEF niet herkend: zet het jaar tussen haakjes achter "
        "de waarde; schrijf bijvoorbeeld '7,3 (2029)'.",
    ),
    (
        "effectindicator",
        "EI_WOORD",
        "streefwaarde",
        "hoog (2029)",
        "streefwaarde 'hoog (2029)' van EI_WOORD niet herkend: waarde 'hoog' is geen getal; "
        "schrijf bijvoorbeeld '7,3 (2029)'.",
    ),
    (
        "effectindicator",
        "EI_OUDJAAR",
        "nulmeting",
        "6,9 (1850)",
        "nulmeting '6,9 (1850)' van EI_OUDJAAR niet herkend: heeft een onwaarschijnlijk jaar 1850; "
        "schrijf bijvoorbeeld '6,9 (2023)'.",
    ),
    (
        "effectindicator",
        "EI_KORTJAAR",
        "streefwaarde",
        "7,3 (29)",
        "streefwaarde '7,3 (29)' van EI_KORTJAAR niet herkend: mist het jaar; schrijf bijvoorbeeld "
        "'7,3 (2029)'.",
    ),
    (
        "effectindicator",
        "EI_PROCENT",
        "nulmeting",
        "34,5 procent (2023)",
        "nulmeting '34,5 procent (2023)' van EI_PROCENT niet herkend: waarde '34,5 procent' is geen "
        "getal; schrijf bijvoorbeeld '6,9 (2023)'.",
    ),
    (
        "effectindicator",
        "EI_SOORT",
        "soort",
        "objektief",
        "soort 'objektief' van EI_SOORT is geen geldige keuze; kies uit: objectief, subjectief.",
    ),
    (
        "effectindicator",
        "EI_RICHTING",
        "richting",
        "omhoog",
        "richting 'omhoog' van EI_RICHTING is geen geldige keuze; kies uit: dalen, stijgen.",
    ),
    (
        "maatregel",
        "MR_Q5",
        "planning",
        "2026-Q5",
        "planning '2026-Q5' van MR_Q5 niet herkend: kwartaal Q5 bestaat niet (Q1 t/m Q4); schrijf "
        "bijvoorbeeld '2026-Q1..2026-Q3'.",
    ),
    (
        "maatregel",
        "MR_Q0",
        "planning",
        "2026-Q0",
        "planning '2026-Q0' van MR_Q0 niet herkend: kwartaal Q0 bestaat niet (Q1 t/m Q4); schrijf "
        "bijvoorbeeld '2026-Q1..2026-Q3'.",
    ),
    (
        "maatregel",
        "MR_OMGEKEERD",
        "planning",
        "2026-Q3..2026-Q1",
        "planning '2026-Q3..2026-Q1' van MR_OMGEKEERD niet herkend: eindigt (2026-Q1) vóór het "
        "begint (2026-Q3); schrijf bijvoorbeeld '2026-Q1..2026-Q3'.",
    ),
    (
        "maatregel",
        "MR_QVOOR",
        "planning",
        "Q1 '26",
        "planning 'Q1 '26' van MR_QVOOR niet herkend: 'Q1 '26' is geen kwartaal; schrijf "
        "bijvoorbeeld '2026-Q1..2026-Q3'.",
    ),
    (
        "maatregel",
        "MR_VOORJAAR",
        "planning",
        "voorjaar 2026",
        "planning 'voorjaar 2026' van MR_VOORJAAR niet herkend: 'voorjaar 2026' is geen kwartaal; "
        "schrijf bijvoorbeeld '2026-Q1..2026-Q3'.",
    ),
    (
        "maatregel",
        "MR_DRIE",
        "planning",
        "2026-Q1..2026-Q2..2026-Q3",
        "planning '2026-Q1..2026-Q2..2026-Q3' van MR_DRIE niet herkend: is geen reeks van twee "
        "kwartalen; schrijf bijvoorbeeld '2026-Q1..2026-Q3'.",
    ),
    (
        "maatregel",
        "MR_K",
        "budget",
        "€ 25k",
        "budget '€ 25k' van MR_K niet herkend: is geen getal; schrijf bijvoorbeeld '€ 25.000'.",
    ),
    (
        "maatregel",
        "MR_PUNTBUDGET",
        "budget",
        "€ 12.5",
        "budget '€ 12.5' van MR_PUNTBUDGET niet herkend: gebruikt een punt als decimaalteken; "
        "schrijf een komma; schrijf bijvoorbeeld '€ 25.000'.",
    ),
    (
        "maatregel",
        "MR_NEGATIEF",
        "budget",
        "€ -500",
        "budget '€ -500' van MR_NEGATIEF niet herkend: is negatief; schrijf bijvoorbeeld '€ 25.000'.",
    ),
    (
        "maatregel",
        "MR_STATUS",
        "status",
        "bezig",
        "status 'bezig' van MR_STATUS is geen geldige keuze; kies uit: gepland, lopend, gereed, "
        "vertraagd, vervallen.",
    ),
    (
        "prioriteit",
        "PRIO_RANGWOORD",
        "rang",
        "eerste",
        "rang 'eerste' van PRIO_RANGWOORD niet herkend: is geen heel getal; schrijf bijvoorbeeld '1'.",
    ),
    (
        "prioriteit",
        "PRIO_RANGKOMMA",
        "rang",
        "1,5",
        "rang '1,5' van PRIO_RANGKOMMA niet herkend: is geen heel getal; schrijf bijvoorbeeld '1'.",
    ),
    (
        "prioriteit",
        "PRIO_KV",
        "kv",
        "5.9",
        "kv-code '5.9' van PRIO_KV staat niet in de catalogus Kernbeleid Veiligheid. Bedoelt u 5.5 "
        "of 5.4 of 5.3? Zie de plattegrond voor alle codes.",
    ),
    (
        "prioriteit",
        "PRIO_KVVELD",
        "kv",
        "1.3, 9.1",
        "kv-code '9.1' van PRIO_KVVELD staat niet in de catalogus Kernbeleid Veiligheid. Bedoelt u "
        "5.1 of 4.1 of 3.1? Zie de plattegrond voor alle codes.",
    ),
    (
        "prioriteit",
        "PRIO_BUDGET",
        "budget",
        "veel",
        "budget 'veel' van PRIO_BUDGET niet herkend: is geen getal; schrijf bijvoorbeeld '€ 25.000'.",
    ),
    (
        "thema",
        "THEMA_KVWOORD",
        "kv",
        "verkeer",
        "kv-code 'verkeer' van THEMA_KVWOORD staat niet in de catalogus Kernbeleid Veiligheid. Zie "
        "de plattegrond voor alle codes.",
    ),
    (
        "thema",
        "THEMA_BUDGET",
        "budget",
        "€ 1.000.000,5.5",
        "budget '€ 1.000.000,5.5' van THEMA_BUDGET niet herkend: is geen getal; schrijf bijvoorbeeld "
        "'€ 25.000'.",
    ),
    (
        "analyse",
        "AN_KV",
        "kv",
        "6.1",
        "kv-code '6.1' van AN_KV staat niet in de catalogus Kernbeleid Veiligheid. Bedoelt u 5.1 of "
        "4.1 of 3.1? Zie de plattegrond voor alle codes.",
    ),
    (
        "doel",
        "DOEL_NIVEAU",
        "niveau",
        "tactisch",
        "niveau 'tactisch' van DOEL_NIVEAU is geen geldige keuze; kies uit: strategisch.",
    ),
    (
        "prestatie-indicator",
        "PI_PUNTEENHEID",
        "streefwaarde",
        "7.3 groepen",
        "streefwaarde '7.3 groepen' van PI_PUNTEENHEID niet herkend: gebruikt een punt als "
        "decimaalteken; schrijf een komma; schrijf bijvoorbeeld '7,3 groepen'.",
    ),
    (
        "prestatie-indicator",
        "PI_PUNT",
        "streefwaarde",
        "12.5",
        "streefwaarde '12.5' van PI_PUNT niet herkend: gebruikt een punt als decimaalteken; schrijf "
        "een komma; schrijf bijvoorbeeld '12'.",
    ),
]


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("bad"))
    project.conf('suppress_warnings = ["kernbeleid.regel"]  # rule findings: see test_rules\n')
    names = []
    for directive, need_id, option, value, _message in CASES:
        name = need_id.lower()
        names.append(name)
        project.write(
            f"{name}.rst",
            f"{need_id}\n{'=' * len(need_id)}\n\n.. {directive}:: Titel van {need_id}\n"
            f"   :id: {need_id}\n   :{option}: {value}\n",
        )
    project.write(
        "index.rst",
        "Plan\n====\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names),
    )
    return project, project.build("html")


def test_there_are_enough_cases():
    assert len(CASES) >= 30


def test_build_does_not_crash(bad_build):
    _project, result = bad_build
    assert result.status == 0
    assert "Traceback" not in result.warnings
    assert (result.outdir / "index.html").exists()


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
def test_message_is_located_and_exact(bad_build, case):
    project, result = bad_build
    _directive, need_id, _option, _value, message = case
    path = project.src / f"{need_id.lower()}.rst"
    expected = f"{path}:4: WARNING: {message} [kernbeleid.waarde]"
    lines = [line for line in result.warnings.splitlines() if f" van {need_id} " in line]
    assert lines == [expected]


def test_item_with_a_bad_value_is_still_rendered(bad_build):
    _project, result = bad_build
    page = (result.outdir / "mr_status.html").read_text("utf-8")
    assert 'id="MR_STATUS"' in page
    assert "Titel van MR_STATUS" in page


def test_no_other_warnings(bad_build):
    _project, result = bad_build
    unexpected = [
        line
        for line in result.warnings.splitlines()
        if line.strip() and not re.search(r"\[kernbeleid\.waarde\]$", line)
    ]
    assert unexpected == []
