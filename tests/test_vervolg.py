"""Issue 19, point 5: after ``kernbeleid uitvoeringsplan vervolg`` the plan builds next year's
Uitvoeringsplan with no hand edit (``make alles``: site, Word, workbook), with no stale page,
every prioriteit and thema keeping its section, the text carried over exactly and the
quarter of the end state named. Real ``kernbeleid nieuw`` plans and real builds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

Q3 = """\
periode: 2027-Q3
maatregelen:
  MR_1_3:
    status: lopend
    toelichting: "Vijf controles gedaan; de rest volgt in *januari*."
  MR_5_2:
    status: vertraagd
    toelichting: "- wacht op de politie."
  MR_2_3:
    status: gereed
    toelichting: Klaar.
"""

Q4 = """\
periode: 2027-Q4
maatregelen:
  MR_1_3:
    status: lopend
    toelichting: Loopt door in 2028.
"""

ACTIEPUNT = "   [IN TE VULLEN: wat de maatregelen van dit actiepunt samen bereiken]"
BESCHRIJVING = (
    "   Samen met de *politie* de woonwijken veiliger maken.\n"
    "   Tweede regel van de beschrijving, met een punt aan het eind."
)


def kernbeleid(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinxext_kernbeleid", *args], capture_output=True, text=True
    )


def new_plan(tmp_path: Path, *quarters: str) -> Path:
    """A plan from ``kernbeleid nieuw`` (Uitvoeringsplan 2027) with progress and an actiepunt
    description, and an extra chapter in the Uitvoeringsplan that next year's plan lacks."""
    plan = tmp_path / "plan"
    made = kernbeleid(
        "nieuw",
        str(plan),
        "--gemeente",
        "Voorbeeldstad",
        "--periode",
        "2027-2030",
        "--prioriteiten",
        "1.3,5.2",
        "--themas",
        "2.3",
    )
    assert made.returncode == 0, made.stderr
    for text in quarters:
        (plan / "voortgang" / f"{text.split()[1]}.yaml").write_text(text, "utf-8")
    chapter = plan / "uitvoeringsplan" / "prioriteiten.rst"
    source = chapter.read_text("utf-8")
    assert source.count(ACTIEPUNT) == 2
    chapter.write_text(source.replace(ACTIEPUNT, BESCHRIJVING, 1), "utf-8")
    (plan / "uitvoeringsplan" / "organisatie.rst").write_text(
        "Organisatie\n===========\n\nWie wat doet in 2027.\n", "utf-8"
    )
    index = plan / "uitvoeringsplan" / "index.rst"
    index.write_text(index.read_text("utf-8").rstrip() + "\n   organisatie\n", "utf-8")
    return plan


def make(plan: Path, target: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", target, f"PYTHON={sys.executable}"],
        cwd=plan,
        capture_output=True,
        text=True,
        timeout=900,
    )


def text_of_html(path: Path) -> str:
    page = path.read_text("utf-8")
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(page.replace("&#8217;", "’").replace("&quot;", '"').split())


METINGEN = """\
indicatoren:
  EI_1_3_A:
    2026:
      waarde: 48,8
    2027:
      waarde: 46,5
"""


def test_vervolg_then_make_alles_builds_next_year_without_a_hand_edit(tmp_path):
    plan = new_plan(tmp_path, Q3)
    # Measurements: the terugblik of next year's Uitvoeringsplan then holds a chart (in
    # Word it stopped the build with a KeyError).
    (plan / "metingen").mkdir()
    (plan / "metingen" / "metingen.yaml").write_text(METINGEN, "utf-8")
    assert make(plan, "website").returncode == 0
    site = plan / "_build" / "website"
    assert (site / "uitvoeringsplan" / "organisatie.html").exists()

    done = kernbeleid("uitvoeringsplan", "vervolg", "2028", "--plan", str(plan))
    assert done.returncode == 0, done.stderr
    said = done.stdout
    assert "2 maatregelen overgenomen uit 2027" in said  # MR_2_3 is gereed
    assert "Eindstand 2027: de voortgang van het derde kwartaal 2027 (voortgang/2027-Q3.yaml)" in (
        said
    )
    assert (
        "Let op: de voortgang van het vierde kwartaal van 2027 (voortgang/2027-Q4.yaml) "
        "ontbreekt." in said
    )
    assert "conf.py, regel 11: kernbeleid_uitvoeringsjaar = 2027 → 2028" in said
    assert 'exclude_patterns += ["uitvoeringsplan-2027"]' in said
    assert "_build/website: 1 pagina" in said  # organisatie.html: not in next year's plan
    assert "kernbeleid_uitvoeringsjaar = 2028" in (plan / "conf.py").read_text("utf-8")
    assert (plan / "uitvoeringsplan-2027" / "organisatie.rst").exists()  # kept

    built = make(plan, "alles")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Traceback" not in built.stderr

    # The site: next year's plan, no page of the old one left behind.
    assert not (site / "uitvoeringsplan" / "organisatie.html").exists()
    assert not (site / "uitvoeringsplan-2027").exists()
    bijlagen = text_of_html(site / "bijlagen" / "index.html")
    assert "Maatregelen 2028" in bijlagen and "Maatregelen 2027" not in bijlagen
    index = text_of_html(site / "uitvoeringsplan" / "index.html")
    assert "Uitvoeringsplan Integrale Veiligheid 2028" in index
    # Every prioriteit and thema keeps its section; the thema whose maatregel was gereed
    # says so and asks for next year's maatregelen.
    overig = text_of_html(site / "uitvoeringsplan" / "overige_themas.html")
    assert "Veilig uitgaan" in overig
    assert "Alle maatregelen van 2027 zijn gereed of vervallen (zie hoofdstuk 2)." in overig
    assert "[IN TE VULLEN: de maatregelen voor 2028, of waarom er geen nodig zijn]" in overig
    # Text carried over exactly: the actiepunt's description, partner comments with their
    # final full stop, a leading dash and asterisks as the partner typed them.
    prio = text_of_html(site / "uitvoeringsplan" / "prioriteiten.html")
    assert "Tweede regel van de beschrijving, met een punt aan het eind." in prio
    assert "Toelichting: Vijf controles gedaan; de rest volgt in *januari*." in prio
    assert "Toelichting: - wacht op de politie." in prio
    terugblik = text_of_html(site / "uitvoeringsplan" / "terugblik.html")
    assert "Klaar." in terugblik and "- wacht op de politie." in terugblik
    # Last year's progress is the terugblik's, not a carried maatregel's current state:
    # the site, Word and the workbook show only the progress of 2028 (none yet).
    assert "Status 2027-Q3" not in prio and "Toelichting 2027-Q3" not in prio
    # The values still to fill in are shown once each, as written, not as "niet begrepen".
    assert prio.count("[IN TE VULLEN: bijv. 2028-Q1..2028-Q4]") == 2  # MR_1_3, MR_5_2
    assert "niet begrepen" not in prio

    # Word: the Uitvoeringsplan 2028 as its own document.
    word = plan / "_build" / "word" / "Uitvoeringsplan-Voorbeeldstad-2028.docx"
    text = "\n".join(p.text for p in Document(str(word)).paragraphs)
    assert "Uitvoeringsplan Integrale Veiligheid 2028" in text
    assert "Alle maatregelen van 2027 zijn gereed of vervallen" in text
    assert "Stand 2027-Q3" not in text and "stand 2027-Q3" not in text
    cells = [c.text for t in Document(str(word)).tables for r in t.rows for c in r.cells]
    assert any("[IN TE VULLEN: bijv. 2028-Q1..2028-Q4]" in c for c in cells)
    assert not any("niet begrepen" in c for c in cells)
    charts = Document(str(word)).inline_shapes
    assert len(charts) >= 1  # the terugblik's chart of EI_1_3_A
    assert not list((plan / "_build" / "word").glob("Voortgangsrapportage-*2027*"))

    # The partners' workbook of 2028: what goes on, not what was finished.
    workbook = load_workbook(plan / "_build" / "excel" / "uitvoeringsplan-2028.xlsx")
    cells = {str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value}
    assert any("MR_1_3" in c for c in cells) and not any("MR_2_3" in c for c in cells)


def test_vervolg_with_q4_names_it_and_refuses_a_wrong_year(tmp_path):
    plan = new_plan(tmp_path, Q3, Q4)
    wrong = kernbeleid("uitvoeringsplan", "vervolg", "2029", "--plan", str(plan))
    assert wrong.returncode == 2
    assert "het plan staat op uitvoeringsjaar 2027" in wrong.stderr
    assert not (plan / "uitvoeringsplan-2027").exists()

    done = kernbeleid("uitvoeringsplan", "vervolg", "2028", "--plan", str(plan))
    assert done.returncode == 0, done.stderr
    assert "Eindstand 2027: de voortgang van het vierde kwartaal 2027" in done.stdout
    assert "Let op" not in done.stdout
    carried = (plan / "uitvoeringsplan" / "prioriteiten.rst").read_text("utf-8")
    assert "Eindstand 2027: lopend (stand 2027-Q4" in carried
    assert "Toelichting: Loopt door in 2028." in carried


SINGLE_IVP = """\
IVP
===

.. prioriteit:: Veilige wijken
   :id: PRIO_WIJK
   :rang: 1
   :kv: 1.1

.. doel:: Minder inbraken
   :id: DOEL_INBRAAK
   :hoort_bij: PRIO_WIJK
"""

SINGLE_UP = """\
Uitvoeringsplan 2026
====================

.. actiepunt:: Preventie
   :id: AP_PREVENTIE
   :hoort_bij: PRIO_WIJK

   Buurten helpen zichzelf te beschermen.

.. maatregel:: Preventieavonden
   :id: MR_AVONDEN
   :hoort_bij: AP_PREVENTIE
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :planning: 2026-Q1..2026-Q4
   :status: lopend

   Avonden in elke wijk.

.. prestatie-indicator:: Avonden
   :id: PI_AVONDEN
   :hoort_bij: MR_AVONDEN
   :streefwaarde: 6
"""


def test_single_file_plan_gets_its_toctree_edited(tmp_path):
    """An Uitvoeringsplan in one file (``uitvoeringsplan.rst``): a new folder, the toctree
    entry pointing to it, the old file out of the build; the plan builds with -W."""
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "conf.py").write_text(
        'extensions = ["sphinxext_kernbeleid"]\nkernbeleid_gemeente = "Oost"\nkernbeleid_periode = (2026, 2029)\n'
        "kernbeleid_uitvoeringsjaar = 2026\nsuppress_warnings = ['kernbeleid.regel']\n",
        "utf-8",
    )
    (plan / "index.rst").write_text(
        "Plan\n====\n\n.. toctree::\n\n   IVP <ivp>\n   uitvoeringsplan\n", "utf-8"
    )
    (plan / "ivp.rst").write_text(SINGLE_IVP, "utf-8")
    (plan / "uitvoeringsplan.rst").write_text(SINGLE_UP, "utf-8")
    done = kernbeleid("uitvoeringsplan", "vervolg", "2027", "--plan", str(plan))
    assert done.returncode == 0, done.stderr
    assert "index.rst, regel 7: inhoudsopgave 'uitvoeringsplan' → 'uitvoeringsplan-2027/index'" in (
        done.stdout
    )
    assert 'exclude_patterns = ["uitvoeringsplan.rst"]' in done.stdout
    assert "   uitvoeringsplan-2027/index\n" in (plan / "index.rst").read_text("utf-8")
    assert (plan / "uitvoeringsplan.rst").read_text("utf-8") == SINGLE_UP  # kept as it was
    carried = (plan / "uitvoeringsplan-2027" / "prioriteiten.rst").read_text("utf-8")
    assert "   Buurten helpen zichzelf te beschermen.\n" in carried
    assert "   Avonden in elke wijk.\n" in carried
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(plan), str(tmp_path / "o")],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "o" / "uitvoeringsplan-2027" / "prioriteiten.html").exists()


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Klaar.", "Klaar."),
        ("- vijf controles", "\\- vijf controles"),
        ("zie *nota* en `x` | y", "zie \\*nota\\* en \\`x\\` \\| y"),
        ("link_ naar", "link\\_ naar"),
        ("MR_X blijft", "MR_X blijft"),
        ("twee\n  regels", "twee regels"),
    ],
)
def test_partner_text_is_escaped_not_changed(written, shown):
    from sphinxext_kernbeleid.cli.vervolg import letterlijk

    assert letterlijk(written) == shown


def test_the_by_hand_steps_when_the_plan_shares_a_file(tmp_path):
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "conf.py").write_text(
        'extensions = ["sphinxext_kernbeleid"]\nkernbeleid_gemeente = "Oost"\nkernbeleid_periode = (2026, 2029)\n'
        "kernbeleid_uitvoeringsjaar = 2026\n",
        "utf-8",
    )
    (plan / "index.rst").write_text(SINGLE_IVP + "\n" + SINGLE_UP.split("\n\n", 1)[1], "utf-8")
    before = (plan / "conf.py").read_text("utf-8")
    done = kernbeleid("uitvoeringsplan", "vervolg", "2027", "--plan", str(plan))
    assert done.returncode == 0, done.stderr
    assert "Niet automatisch aangepast: het uitvoeringsplan deelt een bestand" in done.stdout
    assert "kernbeleid_uitvoeringsjaar = 2027" in done.stdout
    assert (plan / "conf.py").read_text("utf-8") == before
    assert (plan / "uitvoeringsplan-2027" / "index.rst").exists()


def test_a_full_disk_changes_nothing(tmp_path, monkeypatch, capsys):
    """The new Uitvoeringsplan is written completely before the old folder moves: when
    writing fails, the plan is exactly as it was (no half folder, conf.py untouched)."""
    import argparse
    import errno
    import os

    from sphinxext_kernbeleid.cli import vervolg

    plan = new_plan(tmp_path, Q3)

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*"))
            if p.is_file() and "_build" not in p.parts
        }

    before = files(plan)

    def full(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code = vervolg.run(argparse.Namespace(jaar="2028", plan=plan))
    assert code == 2
    assert "De schijf is vol" in capsys.readouterr().err
    assert files(plan) == before
    assert sorted(p.name for p in plan.iterdir() if p.name.startswith(".")) == [".gitignore"]


def test_two_quarters_from_the_partner_workbook_then_vervolg(tmp_path):
    """The coordinator's year through the workbook: Q1 and Q2 filled by a partner and
    imported (in Q2 the partner leaves 'lopend' as it was and adds a comment), then
    vervolg. The maatregel stays lopend in Q2 (site and terugblik), never 'nog niet gestart'."""
    sys.path.insert(0, str(Path(__file__).parent))
    from werkboek_invullen import fill

    plan = new_plan(tmp_path)
    for periode, answers in (
        ("2027-Q1", {"status": "lopend", "toelichting": "Drie controles gedaan."}),
        ("2027-Q2", {"status": "lopend", "toelichting": "Zeven controles gedaan."}),
    ):
        assert make(plan, "excel").returncode == 0
        workbook = plan / "_build" / "excel" / "uitvoeringsplan-2027.xlsx"
        filled = tmp_path / f"ingevuld-{periode}.xlsx"
        fill(workbook, filled, {("MR_1_3", "PI_1_3"): answers})
        done = kernbeleid(
            "voortgang", "importeer", str(filled), "--periode", periode, "--plan", str(plan)
        )
        assert done.returncode == 0, done.stdout + done.stderr
    q2 = (plan / "voortgang" / "2027-Q2.yaml").read_text("utf-8")
    assert "Zeven controles gedaan." in q2 and "lopend" not in q2  # unchanged: not written

    assert make(plan, "website").returncode == 0
    prio = text_of_html(plan / "_build" / "website" / "uitvoeringsplan" / "prioriteiten.html")
    assert "Status 2027-Q2 : lopend" in prio

    done = kernbeleid("uitvoeringsplan", "vervolg", "2028", "--plan", str(plan))
    assert done.returncode == 0, done.stderr
    assert "Eindstand 2027: de voortgang van het tweede kwartaal 2027" in done.stdout
    built = make(plan, "website")
    assert built.returncode == 0, built.stdout + built.stderr
    terugblik = text_of_html(plan / "_build" / "website" / "uitvoeringsplan" / "terugblik.html")
    assert "Zeven controles gedaan." in terugblik
    assert re.search(r"\(MR_1_3\) lopend \(stand 2027-Q2", terugblik), terugblik[-1500:]


def test_an_edit_failing_after_the_swap_says_what_is_done_and_what_is_left(
    tmp_path, monkeypatch, capsys
):
    """conf.py cannot be written once the new folder is in place: the message names the
    kept and the current folder, and the conf.py edits still to make by hand."""
    import argparse
    import errno
    import os

    from sphinxext_kernbeleid.cli import vervolg
    from sphinxext_kernbeleid.files import atomic
    from sphinxext_kernbeleid.files.errors import FileProblem, explain

    plan = new_plan(tmp_path, Q3)
    write_text = atomic.write_text

    def conf_full(target, text, *, again, newline="\n"):
        if Path(target).name == "conf.py":
            raise FileProblem(
                explain(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), target, again=again)
            )
        write_text(target, text, again=again, newline=newline)

    monkeypatch.setattr(atomic, "write_text", conf_full)
    code = vervolg.run(argparse.Namespace(jaar="2028", plan=plan))
    assert code == 2
    err = capsys.readouterr().err
    assert "De schijf is vol" in err and "De opdracht is halverwege gestopt." in err
    assert "het uitvoeringsplan 2027 is bewaard in uitvoeringsplan-2027/" in err
    assert "de map uitvoeringsplan/ heeft het uitvoeringsplan 2028: dat is nu de map" in err
    left = err.split("Nog niet gedaan (")[1]
    assert "kernbeleid_uitvoeringsjaar = 2027 → 2028" in left
    assert 'exclude_patterns += ["uitvoeringsplan-2027"]' in left
    assert "Voer de opdracht niet opnieuw uit" in err
    assert "verwijder de map" not in err  # the advice for a failure before the swap
    assert (plan / "uitvoeringsplan-2027").is_dir()
