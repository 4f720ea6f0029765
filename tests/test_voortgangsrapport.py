"""Issue 14, points 5, 6 and 8: the voortgangsrapportage (site and Word), the terugblik and
``kernbeleid uitvoeringsplan vervolg``. Real builds; Word read back with python-docx."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import Project
from docx import Document
from docx.oxml.ns import qn

EXAMPLE = Path(__file__).parent.parent / "example_project"


def kernbeleid(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinxext_kernbeleid", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
    )


def text_of(element) -> str:
    """The text of a Word element, with Word's non-breaking hyphens as '-'."""
    parts = []
    for node in element.iter(qn("w:t"), qn("w:noBreakHyphen")):
        parts.append("-" if node.tag == qn("w:noBreakHyphen") else node.text or "")
    return "".join(parts)


def tables(document) -> list[tuple[str, list[list[str]]]]:
    """(caption, rows) of every table: the caption is the paragraph right above it."""
    out = []
    body = list(document.element.body.iterchildren())
    for index, element in enumerate(body):
        if element.tag != qn("w:tbl"):
            continue
        above = body[index - 1] if index else None
        caption = text_of(above) if above is not None else ""
        rows = [[text_of(tc) for tc in tr.iter(qn("w:tc"))] for tr in element.iter(qn("w:tr"))]
        out.append((caption, rows))
    return out


# --------------------------------------------------------------------------- example, Word


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("vr") / "p")
    shutil.rmtree(project.src)
    shutil.copytree(EXAMPLE, project.src, ignore=shutil.ignore_patterns("_build"))
    return project


@pytest.fixture(scope="module")
def example_docx(example: Project) -> Path:
    result = example.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    assert "Toegankelijkheid" not in result.warnings, result.warnings
    return result.outdir / "Voortgangsrapportage-Lindewaard-2026-Q2.docx"


def expected_classes(src: Path) -> Counter:
    """Each maatregel's class in 2026-Q2, worked out independently from the files: the Q2
    report; else gereed/vervallen from the plan; a planning starting later is "nog niet
    gestart"; anything else is "geen rapportage" (never the plan's status as if reported)."""
    reported = yaml.safe_load((src / "voortgang" / "2026-Q2.yaml").read_text("utf-8"))
    reported = reported["maatregelen"]
    counts: Counter = Counter()
    for path in (src / "uitvoeringsplan").glob("*.rst"):
        text = path.read_text("utf-8")
        for block in re.split(r"\n(?=\.\. )", text):
            if not block.startswith(".. maatregel::"):
                continue
            mid = re.search(r":id: (\S+)", block)[1]
            planned = re.search(r":status: (\S+)", block)[1]
            start = re.search(r":planning: (\d{4})-Q(\d)", block)
            status = (reported.get(mid) or {}).get("status")
            if status:
                counts["nog niet gestart" if status == "gepland" else status] += 1
            elif planned in ("gereed", "vervallen"):
                counts[planned] += 1
            elif start and (int(start[1]), int(start[2])) > (2026, 2):
                counts["nog niet gestart"] += 1
            else:
                counts["geen rapportage"] += 1
    return counts


def test_word_dashboard_partitions_the_maatregelen(example: Project, example_docx: Path) -> None:
    """Each maatregel once, in exactly one class: every row adds up to its maatregelen,
    the rows to all of them, and the classes to what the files say."""
    document = Document(str(example_docx))
    found = dict((caption, rows) for caption, rows in tables(document))
    rows = found["Maatregelen per status – stand tweede kwartaal 2026"]
    header, total = rows[0], rows[-1]
    assert total[0] == "Totaal" and header[-1] == "Maatregelen"
    for row in rows[1:]:
        assert sum(int(v) for v in row[1:-1]) == int(row[-1]), row
    assert sum(int(row[-1]) for row in rows[1:-1]) == int(total[-1])
    shown = {h.split(" ", 1)[1]: int(v) for h, v in zip(header[1:-1], total[1:-1], strict=True)}
    counts = expected_classes(example.src)
    assert int(total[-1]) == sum(counts.values()) == 36
    assert shown == {k: counts.get(k, 0) for k in shown}
    assert set(counts) <= set(shown)
    assert counts["geen rapportage"] and counts["nog niet gestart"]  # both occur
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Maatregelen: {sum(counts.values())} maatregelen: " in text
    assert f"{counts['vertraagd']} vertraagd" in text
    koers = found["Budget en effectindicatoren (op koers?)"]
    # No euro prestatie-indicators in the example: no "Besteed" column, said once above.
    assert koers[0][:3] == ["Prioriteit / thema", "Budget gepland", "★ streefwaarde gehaald"]
    assert "✔ op koers" in koers[0] and "✘ niet op koers" in koers[0]
    # The strategische doelstelling's indicators come first.
    assert koers[1][0] == "Strategische doelstelling"
    # The plan budget of every output (trace), the coördinatie post included.
    assert "Budget: € 712.500 gepland; besteding niet gerapporteerd." in text.replace("\xa0", " ")
    # The indicator counts add up to the plan's 16 effect indicators (2 strategic).
    assert sum(int(v) for v in koers[-1][2:]) == 16


def test_word_title_page_is_dated_by_the_reported_quarter(example_docx: Path) -> None:
    """The cover and footer give the quarter's last day, not the plan's date."""
    document = Document(str(example_docx))
    cover = [p.text for p in document.paragraphs[:15]]
    assert "Datum: 30 juni 2026 (peildatum)" in cover, cover
    footer = document.sections[0].footer.paragraphs
    assert any("30 juni 2026 (peildatum)" in p.text for p in footer) or not any(
        "{{" in p.text for p in footer
    )


def test_word_dashboard_has_a_picture_with_its_text_alternative(example_docx: Path) -> None:
    document = Document(str(example_docx))
    descriptions = [p.get("descr") or "" for p in document.element.body.iter(qn("wp:docPr"))]
    (alt,) = [d for d in descriptions if d.startswith("Voortgangsrapportage – stand")]
    assert "Maatregelen per prioriteit en thema" in alt
    assert "Prioriteit 1: Ondermijning tegengaan:" in alt
    assert "Effectindicatoren:" in alt


def test_word_has_every_chart_with_its_text_alternative(example_docx: Path) -> None:
    document = Document(str(example_docx))
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    descriptions = [p.get("descr") for p in pictures]
    # The example's 16 effect indicators (2 of the strategische doelstelling) all have a
    # nulmeting: 16 charts (no logo in the body).
    charts = [d for d in descriptions if d and "streefwaarde" in d and "stand" not in d]
    assert len(charts) == 16
    assert all(re.search(r"\d{4}", d) for d in charts)
    assert any("niet op koers" in d for d in charts)


def test_word_lists_delayed_and_unreported_maatregelen(example_docx: Path) -> None:
    text = "\n".join(p.text for p in Document(str(example_docx)).paragraphs)
    assert "Vertraagd (2)" in text
    assert "Minder bezoeken door ziekte bij de wijkagenten buitengebied" in text
    assert re.search(r"Zonder rapportage over tweede kwartaal 2026 \(\d+\)", text)


def test_word_maatregelen_table_shows_realisation_against_target(example_docx: Path) -> None:
    document = Document(str(example_docx))
    rows = next(r for c, r in tables(document) if c.startswith("Voortgang maatregelen – Onder"))
    assert rows[0] == ["Maatregel", "Status", "Realisatie / streefwaarde", "Toelichting partner"]
    controles = next(r for r in rows if r[0].startswith("Integrale controles"))
    assert controles[1].endswith("lopend (stand 2026-Q2)")
    assert "Uitgevoerde integrale controles: 5 van 12 controles (42%)" in controles[2]
    assert "twee panden gesloten" in controles[3]


def test_voortgangsrapportage_is_switchable(example: Project, tmp_path: Path) -> None:
    conf = example.src / "conf.py"
    original = conf.read_text("utf-8")
    try:
        conf.write_text(
            (EXAMPLE / "conf.py").read_text("utf-8")
            + '\nkernbeleid_docx_documents = [("kernbeleid:voortgang:2026-Q2", "VR.docx")]\n',
            "utf-8",
        )
        result = example.build("kernbeleid-docx", out="switch")
        assert result.status == 0, result.warnings
        assert sorted(p.name for p in result.outdir.glob("*.docx")) == ["VR.docx"]
        conf.write_text(
            (EXAMPLE / "conf.py").read_text("utf-8")
            + '\nkernbeleid_docx_documents = [("kernbeleid:voortgang:2031-Q1", "VR.docx")]\n',
            "utf-8",
        )
        result = example.build("kernbeleid-docx", out="switch2")
        assert "er is geen voortgang over 2031-Q1" in result.warnings
        assert "Gerapporteerde kwartalen: 2026-Q2" in result.warnings
    finally:
        conf.write_text(original, "utf-8")


def test_html_directive_shows_dashboard_and_charts(example: Project) -> None:
    shutil.copy(EXAMPLE / "conf.py", example.src / "conf.py")
    result = example.build("html")
    assert result.status == 0, result.warnings
    page = result.html("voortgang")
    assert "Maatregelen per status – stand tweede kwartaal 2026" in page
    assert re.search(r'<img alt="Voortgangsrapportage – stand tweede kwartaal 2026\.', page)
    assert page.count('class="kernbeleid-grafiek"') >= 14
    assert re.search(r'<img alt="[^"]+streefwaarde[^"]+"', page)
    assert "Aandachtspunten" in page


# --------------------------------------------------------------------------- terugblik

SMALL = """\
Plan
====

.. prioriteit:: Veilige wijken
   :id: PRIO_WIJK
   :rang: 1
   :kv: 1.1

.. doel:: Minder inbraken
   :id: DOEL_INBRAAK
   :hoort_bij: PRIO_WIJK

.. effectindicator:: Woninginbraken per 1.000 woningen
   :id: EI_INBRAAK
   :hoort_bij: DOEL_INBRAAK
   :bron: politieregistratie
   :soort: objectief
   :eenheid: per 1.000 woningen
   :nulmeting: 6,0 (2024)
   :streefwaarde: 4,0 (2028)
   :richting: dalen
   :metingen: 7,0 (2026); 3,9 (2027)

.. actiepunt:: Preventie
   :id: AP_PREVENTIE
   :hoort_bij: PRIO_WIJK

.. maatregel:: Preventieavonden
   :id: MR_AVONDEN
   :hoort_bij: AP_PREVENTIE
   :draagt_bij_aan: DOEL_INBRAAK
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :partners: Politie; Buurtpreventie
   :planning: 2026-Q1..2026-Q4
   :budget: € 10.000
   :status: lopend

.. prestatie-indicator:: Besteed aan preventieavonden
   :id: PI_BESTEED
   :hoort_bij: MR_AVONDEN
   :streefwaarde: € 10.000
   :eenheid: euro

.. maatregel:: Inbraakscan
   :id: MR_SCAN
   :hoort_bij: AP_PREVENTIE
   :bestuurlijk_trekker: Burgemeester
   :partners: Politie
   :planning: 2026-Q1..2026-Q2
   :budget: € 5.000
   :status: lopend

.. prestatie-indicator:: Scans
   :id: PI_SCANS
   :hoort_bij: MR_SCAN
   :streefwaarde: 40
   :eenheid: scans

Terugblik
---------

.. kernbeleid-terugblik:: 2026
"""

Q3 = """\
periode: 2026-Q3
maatregelen:
  MR_AVONDEN:
    status: vertraagd
    toelichting: Zaal niet beschikbaar.
  MR_SCAN:
    status: gereed
prestatie-indicatoren:
  PI_BESTEED:
    realisatie: '4000'
  PI_SCANS:
    realisatie: '38'
"""

Q4 = """\
periode: 2026-Q4
maatregelen:
  MR_AVONDEN:
    status: gereed
    toelichting: Alle avonden gehouden.
prestatie-indicatoren:
  PI_BESTEED:
    realisatie: '9500'
"""


def small(project: Project, *quarters: str) -> None:
    project.write("index.rst", SMALL)
    for text in quarters:
        periode = text.split()[1]
        project.write(f"voortgang/{periode}.yaml", text)
    project.conf('exclude_patterns = ["voortgang"]\n')


def test_terugblik_takes_the_latest_quarter_when_q4_is_missing(project: Project) -> None:
    small(project, Q3)
    result = project.build("html")
    assert result.status == 0, result.warnings
    page = result.html()
    assert "Er is nog geen voortgang over 2026-Q4; dit is de stand van 2026-Q3" in page
    assert "Jaarbeeld 2026 – stand derde kwartaal 2026" in page
    assert "2 maatregelen: 1 gereed, 1 vertraagd" in page
    # Budget spent = the euro prestatie-indicator's realisation.
    assert "€ 4.000 (27%)" in page
    # Only measurements up to 2026 count: 7,0 in 2026 is behind the path; 2027 not shown.
    table = page.split("Effectindicatoren: ontwikkeling tot en met 2026")[1].split("</table>")[0]
    assert "7,0 (2026)" in table and "3,9 (2027)" not in table
    assert "✘ niet op koers" in table


def test_terugblik_uses_q4_when_there(project: Project) -> None:
    small(project, Q3, Q4)
    result = project.build("html")
    assert result.status == 0, result.warnings
    page = result.html()
    assert "Er is nog geen voortgang over 2026-Q4" not in page
    assert "Jaarbeeld 2026 – stand vierde kwartaal 2026" in page
    assert "2 maatregelen: 2 gereed" in page
    assert "€ 9.500 (63%)" in page


def test_terugblik_without_progress_and_bad_year(project: Project) -> None:
    small(project)
    project.write("extra.rst", "Extra\n=====\n\n.. kernbeleid-terugblik:: twintig\n")
    result = project.build("html")
    assert "Over 2026 is geen voortgang gerapporteerd" in result.html()
    assert "kernbeleid-terugblik: 'twintig' is geen jaartal; schrijf bijvoorbeeld 2026." in (
        result.warnings
    )


# --------------------------------------------------------------------------- vervolg


def digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "_build" not in p.parts
    }


def test_vervolg_writes_next_year_and_builds(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(EXAMPLE, plan, ignore=shutil.ignore_patterns("_build"))
    before = digests(plan)
    done = kernbeleid("uitvoeringsplan", "vervolg", "2027", "--plan", str(plan))
    assert done.returncode == 0, done.stderr
    assert "Het uitvoeringsplan 2027 staat in" in done.stdout
    # The command makes the edits itself and names each one.
    assert "conf.py, regel 10: kernbeleid_uitvoeringsjaar = 2026 → 2027" in done.stdout
    assert 'exclude_patterns += ["uitvoeringsplan-2026"]' in done.stdout
    assert "Het uitvoeringsplan 2026 is bewaard in uitvoeringsplan-2026/" in done.stdout
    # Which quarter gave the end state, and that Q4 is missing.
    assert "Eindstand 2026: de voortgang van het tweede kwartaal 2026" in done.stdout
    assert (
        "Let op: de voortgang van het vierde kwartaal van 2026 (voortgang/2026-Q4.yaml) "
        "ontbreekt." in done.stdout
    )
    after = digests(plan)
    # The old Uitvoeringsplan is kept, byte for byte, under its year; only conf.py changed.
    kept = {k.replace("uitvoeringsplan/", "uitvoeringsplan-2026/", 1): v for k, v in before.items()}
    assert {k: v for k, v in after.items() if k in kept and k != "conf.py"} == {
        k: v for k, v in kept.items() if k != "conf.py"
    }
    new = sorted(k for k in after if k not in kept)
    assert new == [
        f"uitvoeringsplan/{n}"
        for n in (
            "begroting.rst",
            "hoofdlijn.rst",
            "index.rst",
            "jaarbeeld-2026.json",  # the 2026 plan itself, for its jaarbeeld
            "overige_themas.rst",
            "prioriteiten.rst",
            "terugblik.rst",
        )
    ]
    folder = plan / "uitvoeringsplan"
    chapters = "".join(p.read_text("utf-8") for p in folder.glob("*.rst"))
    assert ".. kernbeleid-terugblik:: 2026" in (folder / "terugblik.rst").read_text("utf-8")
    # Not gereed/vervallen: carried over with id, trekkers and partners; planning emptied.
    assert ":id: MR_BUITENGEBIED" in chapters  # vertraagd in 2026-Q2
    assert ":id: MR_INTEGRALE_CONTROLES" in chapters
    assert ":id: MR_KVO_CENTRUM" not in chapters  # gereed
    assert ":id: MR_SLUITINGSBELEID" not in chapters  # gereed
    block = chapters.split(":id: MR_INTEGRALE_CONTROLES")[1].split("\n\n")[0]
    assert ":bestuurlijk_trekker: Burgemeester" in block
    assert ":partners: Politie; RIEC; Belastingdienst" in block
    assert ":planning: [IN TE VULLEN: bijv. 2027-Q1..2027-Q4]" in block
    # The end state of every 2026 maatregel, the finished ones too, stays in chapter 2.
    assert "Certificaat behaald op 12 mei" in (folder / "terugblik.rst").read_text("utf-8")

    again = kernbeleid("uitvoeringsplan", "vervolg", "2027", "--plan", str(plan))
    assert again.returncode == 2
    assert "het plan staat op uitvoeringsjaar 2027" in again.stderr
    assert "Er is niets geschreven" in again.stderr
    assert digests(plan) == after

    # No hand edit: the plan builds with -W at once.
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(plan), str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "o" / "uitvoeringsplan" / "terugblik.html").read_text("utf-8")
    assert "Jaarbeeld 2026 – stand tweede kwartaal 2026" in page
    # The jaarbeeld reports 2026's own plan (archived by vervolg), not 2027's: its budget,
    # all its 36 maatregelen, the finished ones too.
    assert "€ 712.500 gepland" in page.replace("\xa0", " ")
    assert "36 maatregelen: 2 gereed" in page
    assert "staan niet meer in het plan" not in page
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "kernbeleid-check",
            str(plan),
            str(tmp_path / "c"),
        ],
        capture_output=True,
        text=True,
    )
    report = (tmp_path / "c" / "kernbeleid-rapport.json").read_text("utf-8")
    assert "IN TE VULLEN" in report or "invullen" in report, check.stderr


def test_jaarbeeld_after_vervolg_reports_the_year_it_names(tmp_path: Path) -> None:
    """Both 2026 maatregelen are gereed by 2026-Q4, so the 2027 plan carries none on; the
    jaarbeeld 2026 still counts them (2 gereed) and their budget (€ 15.000)."""
    project = Project(tmp_path / "p")
    small(project, Q3, Q4)
    done = kernbeleid("uitvoeringsplan", "vervolg", "2027", "--plan", str(project.src))
    assert done.returncode == 0, done.stderr
    assert (project.src / "uitvoeringsplan-2027" / "jaarbeeld-2026.json").is_file()
    # What the command asks: the old plan leaves, the new one comes in.
    project.write("index.rst", SMALL.split(".. actiepunt::")[0] + NEW_INDEX)
    project.conf(
        'exclude_patterns = ["voortgang"]\nkernbeleid_uitvoeringsjaar = 2027\n'
        "suppress_warnings = ['toc.not_included']\n"
    )
    result = project.build("html")
    page = result.html("uitvoeringsplan-2027/terugblik").replace("\xa0", " ")
    assert "Jaarbeeld 2026 – stand vierde kwartaal 2026" in page
    assert "2 maatregelen: 2 gereed" in page
    assert "€ 15.000 gepland" in page
    assert "Preventieavonden" in page and "Inbraakscan" in page


NEW_INDEX = """
.. toctree::

   uitvoeringsplan-2027/index
"""


def test_vervolg_bad_year_and_missing_plan(tmp_path: Path) -> None:
    done = kernbeleid("uitvoeringsplan", "vervolg", "volgend", "--plan", str(tmp_path))
    assert done.returncode == 2
    assert "'volgend' is geen jaartal; schrijf bijvoorbeeld 2027." in done.stderr
    done = kernbeleid("uitvoeringsplan", "vervolg", "2027", "--plan", str(tmp_path))
    assert done.returncode == 2
    assert "geen conf.py" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "uitvoeringsplan-2027").exists()


def test_voortgang_directive_latest_or_chosen_period(project: Project) -> None:
    small(project, Q3, Q4)
    project.write(
        "voortgang_pagina.rst",
        """\
        Voortgang
        =========

        .. kernbeleid-voortgang::

        Vorig kwartaal
        --------------

        .. kernbeleid-voortgang::
           :periode: 2026-Q3

        .. kernbeleid-voortgang::
           :periode: 2026-Q1
        """,
    )
    result = project.build("html")
    page = result.html("voortgang_pagina")
    latest, chosen = page.split("Vorig kwartaal", 1)
    assert "Voortgangsrapportage – stand vierde kwartaal 2026" in latest
    assert "2 maatregelen: 2 gereed" in latest
    assert "Voortgangsrapportage – stand derde kwartaal 2026" in chosen
    assert "2 maatregelen: 1 gereed, 1 vertraagd" in chosen
    assert "Zaal niet beschikbaar." in chosen  # the partner's toelichting
    assert "Preventieavonden – Zaal niet beschikbaar." not in latest
    assert (
        "kernbeleid-voortgang: er is geen voortgang over 2026-Q1 (bestand "
        "voortgang/2026-Q1.yaml). Gerapporteerde kwartalen: 2026-Q3, 2026-Q4."
    ) in result.warnings
    assert "voortgang_pagina.rst" in result.warnings  # located


def test_a_status_left_unchanged_in_the_workbook_is_carried_forward(project: Project) -> None:
    """The import writes only what changed since the pre-filled workbook: a partner who
    keeps 'vertraagd' and adds a comment gives a quarter file without a status. That
    maatregel is still vertraagd, not 'nog niet gestart' or without a report."""
    q4 = """\
periode: 2026-Q4
maatregelen:
  MR_AVONDEN:
    toelichting: Nog steeds geen zaal.
"""
    small(project, Q3, q4)
    project.write(
        "voortgang_pagina.rst",
        "Voortgang\n=========\n\n.. kernbeleid-voortgang::\n",
    )
    result = project.build("html")
    page = result.html("voortgang_pagina")
    assert "Voortgangsrapportage – stand vierde kwartaal 2026" in page
    assert "2 maatregelen: 1 gereed, 1 vertraagd" in page
    assert "Nog steeds geen zaal." in page
    site = " ".join(re.sub(r"<[^>]+>", " ", result.html()).split())
    assert "Status 2026-Q4 : vertraagd Toelichting 2026-Q4 : Nog steeds geen zaal." in site


def test_no_rapportage_for_a_plan_year_without_progress(project: Project) -> None:
    """After vervolg the plan has last year's quarters but none of its own: the Word build
    writes no voortgangsrapportage and says why and how to import the first quarter; the
    site's page says the same in one paragraph; last year's rapportage keeps its name."""
    small(project, Q3, Q4)
    project.conf('exclude_patterns = ["voortgang"]\nkernbeleid_uitvoeringsjaar = 2027\n')
    project.write(
        "voortgang_pagina.rst",
        """\
        Voortgang
        =========

        .. kernbeleid-voortgang::
        """,
    )
    outdir = project.path / "_build" / "kernbeleid-docx"
    outdir.mkdir(parents=True)
    (outdir / "Voortgangsrapportage-Voorbeeldstad-2026-Q4.docx").write_bytes(b"vorig jaar")
    stale = outdir / "Voortgangsrapportage-Voorbeeldstad-2027.docx"  # an older version's
    stale.write_bytes(b"nog geen voortgang")
    word = project.run("kernbeleid-docx")
    assert word.returncode == 0, word.stderr
    said = " ".join(word.stdout.split())
    assert (
        "Er is nog geen voortgang over uitvoeringsjaar 2027 gemeld, dus nog geen "
        "voortgangsrapportage. Lees het ingevulde werkboek van het eerste kwartaal in met "
        "'kernbeleid voortgang importeer WERKBOEK.xlsx --periode 2027-Q1'"
    ) in said
    assert "De rapportages in deze map gaan over eerdere kwartalen" in said
    assert sorted(p.name for p in outdir.glob("Voortgangsrapportage-*")) == [
        "Voortgangsrapportage-Voorbeeldstad-2026-Q4.docx"
    ]
    page = project.build("html").html("voortgang_pagina")
    assert "Er is nog geen voortgang over uitvoeringsjaar 2027 gemeld" in page
    assert "Dashboard" not in page and "Aandachtspunten" not in page
    assert "maatregelen:" not in page
