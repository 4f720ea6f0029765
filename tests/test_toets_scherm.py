"""Issue 19: the site's id setting, and messages that point at the cause (point 7):
every finding of the check on screen, grouped; knock-on findings; the files written;
next year's workbook."""

from __future__ import annotations

import json
import re
import shutil

import openpyxl
import pytest

PLAN = """\
Plan
====

.. prioriteit:: Ondermijning tegengaan
   :id: PRIO_ONDERMIJNING
   :kv: 5.2
   :rang: 1

.. doel:: Minder ondermijning
   :id: DOEL_ONDERMIJNING
   :hoort_bij: PRIO_ONDERMIJNING

Actiepunt: bedrijventerreinen
-----------------------------

.. actiepunt:: Bedrijventerreinen
   :id: AP_TERREINEN
   :hoort_bij: PRIO_ONDERMIJNING

.. maatregel:: Integrale controles
   :id: MR_CONTROLES
   :hoort_bij: AP_TERREINEN
   :draagt_bij_aan: DOEL_ONDERMIJNING
   :bestuurlijk_trekker: Burgemeester
   :ambtelijk_trekker: Team OOV
   :planning: 2026-Q1..2026-Q4

.. prestatie-indicator:: Controles
   :id: PI_CONTROLES
   :hoort_bij: MR_CONTROLES
   :streefwaarde: 12 controles
"""


def _head(html: str, need_id: str) -> str:
    match = re.search(rf'id="{need_id}".*?<p class="kernbeleid-kop">(.*?)</p>', html, re.S)
    assert match, need_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_ids_only_for_writers(project):
    project.write("index.rst", PLAN)
    project.conf('suppress_warnings = ["kernbeleid.regel"]\n')
    html = project.build("html").html()
    assert _head(html, "MR_CONTROLES") == "Maatregel: Integrale controles"
    assert 'id="MR_CONTROLES"' in html  # still the anchor
    assert 'title="MR_CONTROLES"' not in html and 'title="PRIO_ONDERMIJNING"' not in html
    # The heading above names the actiepunt: its block says the type only.
    assert _head(html, "AP_TERREINEN") == "Actiepunt"
    assert html.count(">Actiepunt: bedrijventerreinen<") == 1

    project.conf('suppress_warnings = ["kernbeleid.regel"]\nkernbeleid_toon_ids = True\n')
    html = project.build("html", out="html-ids").html()
    assert _head(html, "MR_CONTROLES") == "Maatregel: Integrale controles MR_CONTROLES"
    assert _head(html, "AP_TERREINEN") == "Actiepunt AP_TERREINEN"


def test_toon_ids_must_be_yes_or_no(project):
    project.write("index.rst", PLAN)
    project.conf('kernbeleid_toon_ids = "ja"\n')
    result = project.build("html")
    assert "kernbeleid_toon_ids = 'ja' is geen ja/nee-waarde" in result.warnings
    assert "MR_CONTROLES</a>" not in result.html()


def test_check_prints_every_finding_grouped(project, capsys):
    placeholders = "".join(f"Alinea {n}: [IN TE VULLEN: tekst {n}]\n\n" for n in range(1, 6))
    project.write("index.rst", PLAN.replace("Plan\n====\n\n", f"Plan\n====\n\n{placeholders}"))
    result = project.build("kernbeleid-check")
    assert result.status == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "KB-R0-invullen Alles is ingevuld: 5 fouten" in lines
    shared = next(line for line in lines if line.startswith("  Bij elk van deze 5: "))
    assert "vervang '[IN TE VULLEN]'" in shared
    for n in range(1, 6):
        assert f"  index.rst:{2 + 2 * n}: Nog in te vullen (tekst {n})" in lines, n
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    assert len(report["findings"]) == sum(
        int(m[1]) for m in re.finditer(r"^KB-\S+ .*?: (\d+) (?:fout|waarschuwing)", out, re.M)
    ) or all(f["rule"] in out for f in report["findings"])
    # Then the files written, and the verdict last.
    at = lines.index(f"Geschreven in {result.outdir.resolve()}:")
    assert lines[at + 1 : at + 4] == [
        "  kernbeleid-rapport.json",
        "  kernbeleid-rapport.html",
        "  kernbeleid-rapport.xlsx",
    ]
    assert lines[-1].startswith("Plan is niet raadsrijp: ")


def test_knock_on_finding_names_the_misspelt_block(project):
    project.write("index.rst", PLAN.replace(".. maatregel::", ".. maatregelen::"))
    project.write(
        "voortgang/2026-Q2.yaml",
        "periode: 2026-Q2\nmaatregelen:\n  MR_CONTROLES:\n    status: lopend\n",
    )
    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    line = PLAN.splitlines().index(".. maatregel:: Integrale controles") + 1
    cause = f"Waarschijnlijk gevolg van de fout op regel {line} van index.rst"
    by_rule: dict[str, list[str]] = {}
    for finding in report["findings"]:
        by_rule.setdefault(finding["rule"], []).append(finding["message"])
    assert any("maatregelen" in m for m in by_rule["KB-R0-bouw"])
    # The prioriteit lost its only maatregel: says why.
    uitvoering = by_rule["KB-R4-uitvoering"]
    assert len(uitvoering) == 1 and cause in uitvoering[0]
    # The progress file's "bestaat niet" points at the misspelt block, also on screen.
    progress = [m for ms in by_rule.values() for m in ms if "bestaat niet in het plan" in m]
    assert progress and all(cause in m for m in progress)
    assert cause in result.warnings
    # A finding the lost block did not cause stays as it was.
    assert not any(cause in m for m in by_rule.get("KB-R2-indicatoren", []))


THEMA = """\
Overige thema's
===============

.. thema:: Verkeersveiligheid
   :id: THEMA_VERKEER
   :kv: 4.1

.. maatregel:: Schoolzones
   :id: MR_SCHOOLZONES
   :hoort_bij: THEMA_VERKEER
   :bestuurlijk_trekker: Wethouder
   :ambtelijk_trekker: Team Verkeer
   :planning: 2027-Q1..2027-Q4

.. prestatie-indicator:: Schoolzones heringericht
   :id: PI_SCHOOLZONES
   :hoort_bij: MR_SCHOOLZONES
   :streefwaarde: 4 zones
"""


def test_next_years_workbook_starts_empty_in_method_order(project):
    """After vervolg: last year's progress stays in its file, not in the new workbook."""
    project.write(
        "index.rst",
        "Plan\n====\n\n.. toctree::\n\n   a_overige_themas\n   b_prioriteiten\n",
    )
    project.write("a_overige_themas.rst", THEMA)
    project.write("b_prioriteiten.rst", PLAN.replace("2026-Q1..2026-Q4", "2027-Q1..2027-Q4"))
    project.write(
        "voortgang/2026-Q4.yaml",
        "periode: 2026-Q4\nmaatregelen:\n"
        "  MR_CONTROLES:\n    status: lopend\n    toelichting: Tien controles.\n"
        "  MR_SCHOOLZONES:\n    status: lopend\n"
        "prestatie-indicatoren:\n  PI_CONTROLES:\n    realisatie: 10\n",
    )
    project.conf("kernbeleid_uitvoeringsjaar = 2027\n")
    result = project.build("kernbeleid-xlsx")
    assert result.status == 0, result.warnings
    sheet = openpyxl.load_workbook(result.outdir / "uitvoeringsplan-2027.xlsx")["Maatregelen"]
    header = [c.value for c in sheet[1]]
    rows = [
        dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert [r["ID maatregel"] for r in rows] == ["MR_CONTROLES", "MR_SCHOOLZONES"]
    for row in rows:
        assert (row["Realisatie"], row["Status"], row["Toelichting"], row["Laatst gemeld"]) == (
            None,
            None,
            None,
            None,
        ), row


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is nodig")
def test_word_lists_every_file_it_wrote_pdfs_and_voortgangsrapportage_included(project):
    project.write("index.rst", PLAN)
    project.write(
        "voortgang/2026-Q2.yaml",
        "periode: 2026-Q2\nmaatregelen:\n  MR_CONTROLES:\n    status: lopend\n",
    )
    project.conf('suppress_warnings = ["kernbeleid.regel"]\nkernbeleid_docx_pdf = True\n')
    result = project.run("kernbeleid-docx", "-q", out="word")
    assert result.returncode == 0, result.stderr
    outdir = (project.path / "_build" / "word").resolve()
    lines = result.stdout.splitlines()
    at = lines.index(f"Geschreven in {outdir}:")
    listed = [line.strip() for line in lines[at + 1 :] if line.startswith("  ")]
    on_disk = sorted(p.name for p in outdir.iterdir() if p.suffix in (".docx", ".pdf"))
    assert sorted(listed) == on_disk
    assert any(n.startswith("Voortgangsrapportage-") and n.endswith(".pdf") for n in listed)
    # Each PDF right after its Word document.
    for index, name in enumerate(listed):
        if name.endswith(".pdf"):
            assert listed[index - 1] == name[: -len(".pdf")] + ".docx"
