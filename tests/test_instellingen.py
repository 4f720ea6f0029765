"""Settings that are wrong never pass the check silently (rule KB-R0-instellingen).

A setting that would make output wrong or missing (an unknown status, a string where a
yes/no belongs, a list of Word documents written as one string, a Word template that does
not exist, a misspelt name) is a fout with its line in conf.py; one whose safe default
serves (a logo that is missing or no image, a house colour that is no colour) is a
waarschuwing. Each is said once, in Dutch, never one warning per character.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import Project

FIXTURES = Path(__file__).parent / "fixtures"
REALISTIC = FIXTURES / "realistic_plan"


def _check(tmp_path: Path, line: str, files: dict[str, bytes] | None = None):
    project = Project(tmp_path)
    shutil.copytree(REALISTIC, project.src, dirs_exist_ok=True)
    conf = (REALISTIC / "conf.py").read_text("utf-8").splitlines()
    conf += line.splitlines()
    project.src.joinpath("conf.py").write_text("\n".join(conf) + "\n", "utf-8")
    for name, data in (files or {}).items():
        project.src.joinpath(name).write_bytes(data)
    result = project.build("kernbeleid-check")
    report = json.loads((result.outdir / "kernbeleid-rapport.json").read_text("utf-8"))
    found = [
        (f["severity"], f["message"])
        for f in report["findings"]
        if f["rule"] == "KB-R0-instellingen"
    ]
    return project, result, report, found, len(conf)


FOUTEN = [
    (
        'kernbeleid_status = "definitief"',
        "kernbeleid_status = 'definitief' is geen bekende status; de titelpagina's zouden een "
        'status tonen die de methode niet kent. Schrijf kernbeleid_status = "concept" of '
        'kernbeleid_status = "vastgesteld".',
    ),
    (
        'kernbeleid_docx_pdf = "ja"',
        "kernbeleid_docx_pdf = 'ja' is geen ja/nee-waarde, dus er komt geen PDF. Schrijf "
        "kernbeleid_docx_pdf = True (of False), zonder aanhalingstekens.",
    ),
    (
        'kernbeleid_docx_documents = "IVP"',
        "kernbeleid_docx_documents = 'IVP' is geen lijst van documenten, dus er zou geen "
        "Word-document komen; nu komen de standaarddocumenten. Schrijf per document "
        "(startdocument, bestandsnaam, titel, sjabloon) in een lijst: kernbeleid_docx_documents "
        '= [("ivp/index", "IVP.docx", None, None)].',
    ),
    (
        'kernbeleid_docx_sjabloon = "huisstijl.dotx"',
        "kernbeleid_docx_sjabloon: het Word-sjabloon 'huisstijl.dotx' bestaat niet (gezocht "
        "naast conf.py, in docx_templates/ en bij de standaardsjablonen); zonder sjabloon zou "
        "het Word-document niet gemaakt worden. Het standaardsjabloon wordt nu gebruikt. "
        "Controleer de naam.",
    ),
    (
        "kernbeleid_docx_documents = [('bestaat/niet', 'X.docx')]",
        "kernbeleid_docx_documents[1]: het startdocument 'bestaat/niet' bestaat niet, dus "
        "'X.docx' zou niet gemaakt worden. Schrijf de naam van het document zonder extensie, "
        "vanaf de map met de bronnen, bijvoorbeeld 'ivp/index'.",
    ),
    (
        "kernbeleid_uitvoeringsjar = 2027",
        "kernbeleid_uitvoeringsjar is geen instelling van kernbeleid, dus deze waarde wordt "
        "nergens gebruikt. Bedoelt u kernbeleid_uitvoeringsjaar?",
    ),
]


@pytest.mark.parametrize(("line", "message"), FOUTEN, ids=[c[0] for c in FOUTEN])
def test_a_setting_that_makes_output_wrong_is_a_located_fout(tmp_path, line, message):
    _project, result, report, found, lineno = _check(tmp_path, line)
    assert found == [("fout", f"conf.py, regel {lineno}: {message}")]
    assert result.status == 1
    assert report["verdict"] != "raadsrijp"
    assert f"WARNING: conf.py, regel {lineno}: {message} [kernbeleid.instellingen]" in (
        result.warnings
    )
    assert "Traceback" not in result.warnings


WAARSCHUWINGEN = [
    (
        'kernbeleid_logo = "beeldmerk.png"',
        {},
        "kernbeleid_logo 'beeldmerk.png' bestaat niet (gezocht: {src}/beeldmerk.png); zet het "
        "pad ten opzichte van de map met conf.py. De website, het toetsrapport en Word tonen "
        "nu geen logo.",
    ),
    (
        'kernbeleid_logo = "logo.png"',
        {"logo.png": b"dit is tekst, geen plaatje\n"},
        "kernbeleid_logo 'logo.png' is geen afbeelding die een browser toont; gebruik een "
        "PNG-, JPG- of SVG-bestand. Er wordt nu geen logo getoond.",
    ),
    (
        'kernbeleid_huiskleur = "blauw"',
        {},
        "kernbeleid_huiskleur 'blauw' is geen kleurcode; schrijf een hexadecimale kleur zoals "
        "'#1f4e79'. De website, het toetsrapport en Word gebruiken nu de standaardkleur.",
    ),
]


@pytest.mark.parametrize(
    ("line", "files", "message"), WAARSCHUWINGEN, ids=[c[0] for c in WAARSCHUWINGEN]
)
def test_a_setting_whose_default_serves_is_a_located_waarschuwing(tmp_path, line, files, message):
    project, result, report, found, lineno = _check(tmp_path, line, files)
    message = message.format(src=project.src)
    assert found == [("waarschuwing", f"conf.py, regel {lineno}: {message}")]
    assert result.status == 0  # no fout: a waarschuwing does not fail the check
    assert report["summary"]["waarschuwingen"] >= 1
    assert "Traceback" not in result.warnings


def test_documents_as_a_string_still_give_the_word_documents_and_one_message(tmp_path):
    """Today's failure: 'IVP' gave one warning per character and no Word document at all."""
    project, _result, _report, found, _line = _check(tmp_path, 'kernbeleid_docx_documents = "IVP"')
    assert [severity for severity, _m in found] == ["fout"]
    word = project.build("kernbeleid-docx", out="docx")
    assert "onleesbaar" not in word.warnings
    assert word.warnings.count("kernbeleid_docx_documents = 'IVP'") == 1
    assert sorted(p.name for p in word.outdir.glob("*.docx")) != []


def test_a_missing_template_still_gives_the_main_document(tmp_path):
    project, *_rest = _check(tmp_path, 'kernbeleid_docx_sjabloon = "huisstijl.dotx"')
    word = project.build("kernbeleid-docx", out="docx")
    names = sorted(p.name for p in word.outdir.glob("*.docx"))
    assert any(name.startswith("IVP-") for name in names), names


def test_an_unknown_name_without_a_near_one_lists_the_settings(tmp_path):
    _project, _result, _report, found, lineno = _check(tmp_path, "kernbeleid_xyz = 1")
    assert len(found) == 1
    severity, message = found[0]
    assert severity == "fout"
    assert message.startswith(
        f"conf.py, regel {lineno}: kernbeleid_xyz is geen instelling van kernbeleid, dus deze "
        "waarde wordt nergens gebruikt. Bekend zijn: kernbeleid_datum, "
    )


def test_good_settings_give_no_finding(tmp_path):
    logo = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    _project, result, _report, found, _line = _check(
        tmp_path,
        'kernbeleid_status = "Vastgesteld"\nkernbeleid_docx_pdf = False\n'
        'kernbeleid_logo = "logo.png"\nkernbeleid_huiskleur = "#336699"\n'
        'kernbeleid_docx_sjabloon = "liggend"',
        {"logo.png": logo},
    )
    assert found == []
    assert result.status == 0, result.warnings
