"""Word with tracked changes (issue 21, point 3): the IVP and the Uitvoeringsplan carry the
changes against the adopted version as real Word revisions.

A plan (IVP and Uitvoeringsplan as two documents) is adopted with ``kernbeleid vaststellen``,
which stores its Word documents; then it is changed in the seven planted ways of
``test_vastgesteld`` and built with ``kernbeleid_docx_wijzigingen = True``. The revisions are
read back from the XML (lxml) and, where LibreOffice is installed, from LibreOffice's own
reading of the document (converted to flat ODT: ``text:changed-region``) and its PDF.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import Project
from lxml import etree
from test_vastgesteld import PLAN, changed_plan

from sphinxext_kernbeleid.cli.main import main

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
IVP = "IVP-Voorbeeldstad-2026-2029.docx"
UP = "Uitvoeringsplan-Voorbeeldstad-2026.docx"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is nodig")

#: conf.py after the decision: the title page reads as the adopted documents' did.
ADOPTED = 'kernbeleid_status = "vastgesteld"\nkernbeleid_datum = "2026-12-17"\n'

INDEX = """\
Veiligheidsplan
===============

.. toctree::

   ivp/index
   uitvoeringsplan/index
"""

IVP_HEAD = """\
Integraal Veiligheidsplan
=========================

Inleiding
---------

Dit plan beschrijft de aanpak van de veiligheid in de gemeente voor vier jaar.

De gemeenteraad stelt de prioriteiten vast; het college werkt ze elk jaar uit.

Prioriteiten
------------
"""

UP_HEAD = """\
Uitvoeringsplan 2026
====================

Maatregelen
-----------

Dit uitvoeringsplan werkt de prioriteiten uit in maatregelen voor 2026.
"""

UP_TAIL = """
Financiën
---------

.. kernbeleid-begroting:: uitvoeringsplan
"""


def write_plan(project: Project, plan: str, ivp_head: str = IVP_HEAD) -> None:
    """The one-file plan of test_vastgesteld as an IVP and an Uitvoeringsplan."""
    blocks = re.split(r"\n(?=\.\. )", plan.split("====\n", 1)[1])
    ivp, up = [ivp_head], [UP_HEAD]
    for block in blocks:
        if block.startswith((".. maatregel", ".. prestatie")):
            up.append(block)
        elif block.strip():
            ivp.append(block)
    project.write("index.rst", INDEX)
    project.write("ivp/index.rst", "\n".join(ivp))
    project.write("uitvoeringsplan/index.rst", "\n".join(up) + UP_TAIL)


@pytest.fixture
def adopted(project: Project, capsys) -> Project:
    """The plan adopted; conf.py then says status vastgesteld and the date of the decision,
    as after it."""
    write_plan(project, PLAN)
    code = main(["vaststellen", "--datum", "2026-12-17", "--plan", str(project.src)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "met 3 Word-documenten" in out.out and "kernbeleid_docx_wijzigingen" in out.out
    project.conf(f"kernbeleid_docx_wijzigingen = True\n{ADOPTED}")
    return project


def body(path: Path) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))


def revisions(path: Path) -> list[tuple[str, str, etree._Element]]:
    """Every w:ins and w:del: (kind, its text, element)."""
    out = []
    for element in body(path).iter(f"{W}ins", f"{W}del"):
        text = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))
        out.append((element.tag.removeprefix(W), text, element))
    return out


def texts(path: Path) -> Counter[tuple[str, str]]:
    """The revisions with text (run level), as (kind, text)."""
    return Counter((k, t) for k, t, e in revisions(path) if e.getparent().tag != f"{W}rPr" and t)


def build(project: Project) -> Path:
    result = project.build("kernbeleid-docx")
    assert result.status == 0, result.warnings
    # The suspect maatregelen of the changed plan are expected; nothing else.
    other = [w for w in result.warnings.splitlines() if "KB-R6-herbeoordeling" not in w]
    assert not [w for w in other if "WARNING" in w], result.warnings
    return result.outdir


def test_vaststellen_stores_the_word_documents(adopted: Project) -> None:
    import json

    folder = adopted.src / "vastgesteld" / "2026-12-17"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["documenten"]["ivp/index"] == IVP
    assert manifest["documenten"]["uitvoeringsplan/index"] == UP
    assert (folder / IVP).is_file() and (folder / UP).is_file()
    # As the raad adopted it: no revisions in the adopted document itself, status vastgesteld.
    assert revisions(folder / UP) == []
    title_page = "".join(t.text or "" for t in body(folder / IVP).iter(f"{W}t"))
    assert "Status: Vastgesteld" in title_page and "Datum: 17 december 2026" in title_page


def test_unchanged_plan_gives_no_revisions(adopted: Project) -> None:
    outdir = build(adopted)
    assert revisions(outdir / IVP) == [] and revisions(outdir / UP) == []
    # The title page counts: back to status concept (a new draft) is the one change.
    adopted.conf('kernbeleid_docx_wijzigingen = True\nkernbeleid_datum = "2026-12-17"\n')
    outdir = build(adopted)
    assert texts(outdir / IVP) == Counter({("del", "Vastgesteld"): 1, ("ins", "Concept"): 1})


def test_seven_planted_changes_as_word_revisions(adopted: Project) -> None:
    write_plan(adopted, changed_plan())
    outdir = build(adopted)

    ivp = texts(outdir / IVP)
    assert ivp == Counter(
        {
            ("del", "woninginbraken"): 1,  # 1 the doel reworded, word by word
            ("ins", "inbraken in woningen"): 1,
            ("del", "12"): 1,  # 2 the streefwaarde, in the indicator table
            ("ins", "10"): 1,
        }
    )
    (twelve,) = [e for k, t, e in revisions(outdir / IVP) if t == "12"]
    assert next(twelve.iterancestors(f"{W}tc"), None) is not None

    up = revisions(outdir / UP)
    rows = Counter((k, e.getparent().tag) for k, _t, e in up if e.getparent().tag == f"{W}trPr")
    assert rows == Counter({("ins", f"{W}trPr"): 1, ("del", f"{W}trPr"): 1})
    inserted_row = next(e for k, _t, e in up if k == "ins" and e.getparent().tag == f"{W}trPr")
    deleted_row = next(e for k, _t, e in up if k == "del" and e.getparent().tag == f"{W}trPr")
    row_text = "".join(
        t.text or "" for t in inserted_row.getparent().getparent().iter(f"{W}t", f"{W}delText")
    )
    assert "Inbraakpreventie-avonden" in row_text  # 3 a maatregel added: its row
    row_text = "".join(
        t.text or "" for t in deleted_row.getparent().getparent().iter(f"{W}t", f"{W}delText")
    )
    assert "Folders" in row_text and "€\u00a05.000" in row_text  # 4 one removed: its row
    words = texts(outdir / UP)
    assert words[("del", "20.000")] >= 1 and words[("ins", "15.000")] >= 2  # 5 budget moved
    assert words[("del", "10.000")] >= 1
    assert words[("ins", " en in het buitengebied")] == 1  # 6 the item text edited
    # 5 the begroting's totals per prioriteit follow: € 50.000 → € 40.000, € 10.000 → € 18.000
    assert words[("del", "50.000")] >= 1 and words[("ins", "40.000")] >= 1
    assert words[("ins", "18.000")] >= 1
    # 7 the id renamed: the raad never reads an id, so the document has no revision for it
    everything = " ".join(t for _k, t, _e in up + revisions(outdir / IVP))
    assert "Bereikte" not in everything and "PI_B" not in everything

    for path in (outdir / IVP, outdir / UP):
        found = revisions(path)
        ids = [e.get(f"{W}id") for _k, _t, e in found]
        assert len(ids) == len(set(ids)), "w:id is unique"
        assert {e.get(f"{W}author") for _k, _t, e in found} == {"Gemeente Voorbeeldstad"}
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", e.get(f"{W}date")) for *_, e in found)
        # w:t never inside w:del, w:delText never outside it
        root = body(path)
        inside_del = [next(t.iterancestors(f"{W}del"), None) for t in root.iter(f"{W}t")]
        assert all(d is None for d in inside_del)
        deleted = [next(t.iterancestors(f"{W}del"), None) for t in root.iter(f"{W}delText")]
        assert deleted and all(d is not None for d in deleted)


def test_paragraphs_added_and_removed_carry_their_paragraph_mark(adopted: Project) -> None:
    head = IVP_HEAD.replace(
        "De gemeenteraad stelt de prioriteiten vast; het college werkt ze elk jaar uit.\n",
        "Elk jaar volgt een voortgangsrapportage voor de raad.\n",
    )
    write_plan(adopted, PLAN, ivp_head=head)
    outdir = build(adopted)
    marks = Counter(
        (k, t)
        for k, _t, e in revisions(outdir / IVP)
        if e.getparent().tag == f"{W}rPr"
        for t in ["".join(x.text or "" for x in e.getparent().getparent().getparent().iter())]
    )
    paragraph_marks = Counter(k for k, _t in marks)
    assert paragraph_marks == Counter({"ins": 1, "del": 1})
    words = texts(outdir / IVP)
    assert words[("ins", "Elk jaar volgt een voortgangsrapportage voor de raad.")] == 1
    removed = "De gemeenteraad stelt de prioriteiten vast; het college werkt ze elk jaar uit."
    assert words[("del", removed)] == 1


def test_setting_without_adoption_or_documents_says_why(project: Project, capsys) -> None:
    write_plan(project, PLAN)
    project.conf("kernbeleid_docx_wijzigingen = True\n")
    result = project.build("kernbeleid-docx")
    assert "nog geen vastgestelde versie" in result.warnings
    assert "kernbeleid vaststellen --datum" in result.warnings
    assert revisions(result.outdir / UP) == []

    assert main(["vaststellen", "--datum", "2026-12-17", "--plan", str(project.src)]) == 0
    capsys.readouterr()
    stored = project.src / "vastgesteld" / "2026-12-17" / UP
    stored.write_bytes(b"geen word")
    (project.src / "vastgesteld" / "2026-12-17" / IVP).unlink()
    result = project.build("kernbeleid-docx")
    assert f"'{UP}' komt zonder revisies" in result.warnings
    assert "geen leesbaar Word-document" in result.warnings
    assert f"'{IVP}' komt zonder revisies" in result.warnings
    assert "Traceback" not in result.warnings


def _libreoffice(path: Path, fmt: str, outdir: Path) -> Path:
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = outdir / path.with_suffix(f".{fmt}").name
    assert out.is_file(), f"LibreOffice maakte geen {fmt}"
    return out


@needs_soffice
def test_libreoffice_reads_the_revisions(adopted: Project, tmp_path: Path) -> None:
    unchanged = build(adopted)
    flat = _libreoffice(unchanged / IVP, "fodt", tmp_path / "ongewijzigd")
    assert flat.read_text("utf-8").count("<text:changed-region") == 0

    write_plan(adopted, changed_plan())
    result = adopted.build("kernbeleid-docx", "-D", "kernbeleid_docx_pdf=1")
    assert result.status == 0, result.warnings
    outdir = result.outdir
    for name, minimum in ((IVP, 4), (UP, 7)):
        flat = _libreoffice(outdir / name, "fodt", tmp_path)
        xml = flat.read_text("utf-8")
        regions = xml.count("<text:changed-region")
        assert regions >= minimum, (name, regions)
        assert "<text:insertion" in xml and "<text:deletion" in xml
    ivp_flat = (tmp_path / IVP).with_suffix(".fodt").read_text("utf-8")
    assert ivp_flat.count("<text:changed-region") == 4
    if shutil.which("pdftotext"):

        def pdf_text(name: str) -> str:
            pdf = (outdir / name).with_suffix(".pdf")
            return subprocess.run(
                ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout

        # The PDF shows the changes: the removed maatregel struck through, the new one added.
        text = pdf_text(UP)
        assert "Folders" in text and "Inbraakpreventie" in text
        # The contents list still has its page numbers, also for a heading with changes.
        toc = [" ".join(line.split()) for line in pdf_text(IVP).splitlines()]
        assert any(re.fullmatch(r"Doel: Minder inbraken in woningen\.* \d+", t) for t in toc), toc


def _png(colour: str) -> io.BytesIO:
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(data, "PNG")
    data.seek(0)
    return data


def test_pictures_and_links_of_the_adopted_document_come_along(tmp_path: Path) -> None:
    """A changed picture (a chart after a new streefwaarde) is a removed and an added picture;
    a removed paragraph brings its picture into this document, without its bookmarks."""
    from docx import Document
    from docx.shared import Cm

    from sphinxext_kernbeleid.writers.docx.revisies import mark_revisions

    old, new = Document(), Document()
    for document, colour in ((old, "red"), (new, "blue")):
        document.add_paragraph("Grafiek van de indicator")
        document.add_paragraph().add_run().add_picture(_png(colour), width=Cm(2))
        document.add_paragraph("Slot van het hoofdstuk.")
    removed = old.add_paragraph("Een vervallen alinea met een plaatje: ")
    removed.add_run().add_picture(_png("green"), width=Cm(2))
    removed._p.insert(
        1, etree.fromstring(f'<w:bookmarkStart xmlns:w="{W[1:-1]}" w:id="7" w:name="kb_weg"/>')
    )
    result = mark_revisions(old, new, author="Griffie", date="2026-12-20T00:00:00Z")
    assert (result.paragraphs_changed, result.paragraphs_removed) == (1, 1)
    target = tmp_path / "revisies.docx"
    new.save(str(target))
    reopened = Document(str(target))
    root = reopened.element.body
    rels = reopened.part.rels
    blips = list(root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    embeds = [
        b.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
        for b in blips
    ]
    assert len(embeds) == 3 and all(e in rels for e in embeds)  # new, old (removed), green
    deleted_pictures = [
        d for d in root.iter(f"{W}drawing") if next(d.iterancestors(f"{W}del"), None) is not None
    ]
    inserted_pictures = [
        d for d in root.iter(f"{W}drawing") if next(d.iterancestors(f"{W}ins"), None) is not None
    ]
    assert len(deleted_pictures) == 2 and len(inserted_pictures) == 1
    assert not list(root.iter(f"{W}bookmarkStart"))
    ids = [
        p.get("id")
        for p in root.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert len(ids) == len(set(ids)) == 3
    # Unchanged against itself: no revision at all.
    again = Document(str(target))
    assert mark_revisions(Document(str(target)), again, author="x", date="d").revisions == 0


def test_a_failing_comparison_leaves_the_document_whole(adopted: Project, monkeypatch) -> None:
    """Should the comparison ever fail on a document, the build says so in Dutch and writes
    the document without revisions, never half marked."""
    from sphinxext_kernbeleid.writers.docx import revisies

    def half_then_fail(old, new, **kwargs):
        new.element.body.insert(0, etree.fromstring(f'<w:p xmlns:w="{W[1:-1]}"><w:ins/></w:p>'))
        raise ValueError("onbekende opbouw")

    monkeypatch.setattr(revisies, "mark_revisions", half_then_fail)
    write_plan(adopted, changed_plan())
    result = adopted.build("kernbeleid-docx")
    assert f"'{UP}' komt zonder revisies" in result.warnings
    assert "onbekende opbouw" in result.warnings and "Traceback" not in result.warnings
    assert revisions(result.outdir / UP) == [] and revisions(result.outdir / IVP) == []


def test_a_chapter_edited_throughout_stays_word_by_word() -> None:
    """A long stretch where every paragraph changed (a term replaced everywhere), one removed
    and one added: each changed paragraph is compared word by word, not removed and added."""
    from docx import Document

    from sphinxext_kernbeleid.writers.docx.revisies import mark_revisions

    texts = [
        f"Maatregel {n}: de raad wordt over de aanpak in wijk {n} geïnformeerd, samen met "
        f"de partners in het veiligheidshuis en de wijkagent van team {n % 7}."
        for n in range(60)
    ]
    old, new = Document(), Document()
    for text in texts:
        old.add_paragraph(text)
    for n, text in enumerate(texts):
        if n == 30:
            continue  # removed
        if n == 45:
            new.add_paragraph("Een geheel nieuwe alinea over cameratoezicht bij het station.")
        new.add_paragraph(text.replace("de raad", "de gemeenteraad"))
    result = mark_revisions(old, new, author="Griffie", date="2026-12-20T00:00:00Z")
    assert (result.paragraphs_changed, result.paragraphs_removed, result.paragraphs_added) == (
        59,
        1,
        1,
    )
    words = Counter(
        (k, t) for k, t, e in _revisions_of(new.element.body) if e.getparent().tag != f"{W}rPr"
    )
    assert words[("ins", "gemeente")] + words[("ins", "gemeenteraad")] == 59


def _revisions_of(root) -> list[tuple[str, str, etree._Element]]:
    return [
        (e.tag.removeprefix(W), "".join(t.text or "" for t in e.iter(f"{W}t", f"{W}delText")), e)
        for e in root.iter(f"{W}ins", f"{W}del")
    ]


@pytest.mark.parametrize(
    ("title", "shown", "same"),
    [
        (
            "Doel: Minder inbraken in woningen",
            "Doel: Minder woninginbrakeninbraken in woningen",
            True,
        ),
        ("Doel: Minder ondermijning", "Doel: Minder inbraken in woningen", False),
        ("Prioriteit: Veilige wijken", "Prioriteit 3: Woninginbraak en geweld in de wijken", False),
        ("Inleiding", "Inleiding", False),  # equal titles are found without it
    ],
)
def test_contents_page_numbers_find_a_heading_with_changes(title, shown, same) -> None:
    """The PDF bookmark of a heading with tracked changes reads its removed words too."""
    from sphinxext_kernbeleid.builders.docx.convert import _in_order

    assert _in_order(title, shown) is same
