"""The change report as a Word annex: ``Wijzigingen-<gemeente>-<datum vaststelling>.docx``.

Written by the Word build whenever the plan has an adoption (``kernbeleid vaststellen``), or
on request with start document ``kernbeleid:wijzigingen`` in ``kernbeleid_docx_documents``.
Same data as ``-b kernbeleid-wijzigingen`` (:func:`...check.wijzigingen.report_of`): the
maatregelen to look at again, the budgets per prioriteit/thema and in total, and the items
added, removed and changed field by field, the words that changed struck through (was) and
underlined (nu). Put together as a docutils tree, so the house style template, the title
page and the accessibility check are the other documents'.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import new_document

from ...authoring.bronbestanden import source_file
from ...check.wijzigingen import report_of
from ...model import display
from ...model.needtypes import TYPE_TITLES
from ...model.plan import Plan
from ...records.vastgesteld import baseline_of
from ...render.tables import Cell, make_table

if TYPE_CHECKING:
    from . import DocxBuilder

#: Start "document" of the change annex.
GENERATED = "kernbeleid:wijzigingen"
#: Inline classes the Word writer draws struck through / underlined.
REMOVED, ADDED = "kernbeleid-verwijderd", "kernbeleid-toegevoegd"


def is_generated(start: str) -> bool:
    return start == GENERATED


def title(datum: str | None) -> str:
    return (
        f"Wijzigingen sinds de vaststelling van {display.datum(datum)}" if datum else "Wijzigingen"
    )


def default_entry(plan: Plan, gemeente: str) -> tuple[str, str, str, None] | None:
    """The annex made without ``kernbeleid_docx_documents``: only once there is an adoption."""
    baseline = baseline_of(plan)
    if baseline is None:
        return None
    datum = baseline.adoption.datum
    return (GENERATED, f"Wijzigingen-{gemeente}-{datum}.docx", title(datum), None)


def _para(*parts: str | nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    for part in parts:
        para += nodes.Text(part) if isinstance(part, str) else part
    return para


def _words(pieces: list[tuple[str, str]], keep: str) -> list[nodes.Node]:
    """One side of a word diff: ``keep`` "-" gives the old text with the removed words
    struck through, "+" the new text with the added words underlined."""
    out: list[nodes.Node] = []
    for tag, text in pieces:
        if tag not in ("=", keep):
            continue
        if out:
            out.append(nodes.Text(" "))
        if tag == "=":
            out.append(nodes.Text(text))
        else:
            out.append(nodes.inline("", text, classes=[REMOVED if tag == "-" else ADDED]))
    return out or [nodes.Text("–")]


#: An amount that is not there (a prioriteit added or gone since the adoption).


def _type(name: str) -> str:
    return TYPE_TITLES.get(name, name)


def _items_table(items: list[dict[str, Any]], caption: str, bron: str) -> nodes.table:
    rows: list[list[Cell]] = [
        [_type(i["type"]), f"{i['id']}: {i['titel']}", i["plaats"] or ""] for i in items
    ]
    return make_table(["Soort", "Item", bron], rows, widths=[20, 50, 30], title=caption)


def _changed(item: dict[str, Any]) -> nodes.table:
    rows: list[list[Cell]] = []
    if item["oud_id"]:
        rows.append(
            [
                "id",
                [nodes.inline("", item["oud_id"], classes=[REMOVED])],
                [nodes.inline("", item["id"], classes=[ADDED])],
            ]
        )
    for f in item["velden"]:
        pieces = [(tag, text) for tag, text in f["woorden"]]
        rows.append([f["veld"], _words(pieces, "-"), _words(pieces, "+")])
    return make_table(
        ["Veld", "Vastgesteld (doorgehaald: vervallen)", "Nu (onderstreept: nieuw)"],
        rows,
        widths=[18, 41, 41],
        title=f"Wijzigingen van {item['id']}",
    )


def content(report: dict[str, Any]) -> list[nodes.Node]:
    """The annex's body (below its title) as sections; the report from
    :func:`...check.wijzigingen.report_of`."""
    out: list[nodes.Node] = []
    chapter: list[nodes.section] = []

    def section(heading: str, level: int = 2) -> nodes.section:
        """Two chapters (each starts a page), the parts below them."""
        node = nodes.section(ids=[nodes.make_id(f"wijzigingen {heading}")])
        node += nodes.title("", heading)
        if level == 1:
            out.append(node)
            chapter[:] = [node]
        else:
            chapter[0] += node
        return node

    adopted = report["vastgesteld"]
    if adopted is None:
        return [
            _para(
                "Er is nog geen vastgestelde versie. Leg het besluit van de raad vast met "
                "'kernbeleid vaststellen --datum JJJJ-MM-DD'; daarna staat hier wat er "
                "sindsdien is gewijzigd."
            )
        ]
    besluit = f" (besluit {adopted['besluit']})" if adopted.get("besluit") else ""
    intro = (
        f"Dit overzicht vergelijkt versie {report.get('versie') or '–'} van het plan met "
        f"versie {adopted.get('versie') or '–'} die de raad op "
        f"{display.datum(adopted.get('datum'))} "
        f"vaststelde{besluit}: {len(report['toegevoegd'])} toegevoegd, "
        f"{len(report['verwijderd'])} verwijderd en {len(report['gewijzigd'])} gewijzigd."
    )
    summary = section("Samenvatting", level=1)
    summary += _para(intro)
    if report.get("bron_ongewijzigd"):
        summary += _para("De bronbestanden zijn sinds de vaststelling niet gewijzigd.")

    part = section("Te herbeoordelen maatregelen")
    suspects = report["herbeoordelen"]
    if suspects:
        part += _para(
            "Een maatregel is te herbeoordelen wanneer na de vaststelling is gewijzigd waar "
            "hij aan bijdraagt. Leg vast dat u hem opnieuw hebt bekeken met "
            "'kernbeleid beoordeel MAATREGEL_ID'."
        )
        rows: list[list[Cell]] = [
            [
                f"{s['id']}: {s['titel']}",
                s["plaats"] or "",
                "; ".join(f"{u['id']}: {u['wat']}" for u in s["gewijzigd"]),
                "ja" if s["beoordeeld"] else "nee",
            ]
            for s in suspects
        ]
        part += make_table(
            ["Maatregel", "Bron", "Wat is gewijzigd", "Beoordeeld"],
            rows,
            widths=[25, 20, 43, 12],
            title="Te herbeoordelen maatregelen",
        )
    else:
        part += _para("Geen maatregel hoeft opnieuw bekeken te worden.")

    part = section("Budget per prioriteit en thema")
    budget = report["budget"]
    rows = [
        [
            r["titel"] if not r["id"] else f"{r['titel']} ({r['id']})",
            r["was_tekst"],
            r["nu_tekst"],
            r["verschil_tekst"],
        ]
        for r in budget["per_onderdeel"]
    ]
    total = budget["totaal"]
    rows.append(
        [
            nodes.strong("", "Totaal"),
            nodes.strong("", total["was_tekst"]),
            nodes.strong("", total["nu_tekst"]),
            nodes.strong("", total["verschil_tekst"]),
        ]
    )
    part += make_table(
        ["Prioriteit of thema", "Vastgesteld", "Nu", "Verschil"],
        rows,
        widths=[46, 18, 18, 18],
        title="Budget van de maatregelen: vastgesteld en nu",
    )

    section("Wijzigingen per item", level=1)
    for heading, key, empty, bron in (
        ("Toegevoegd", "toegevoegd", "Er is geen item toegevoegd.", "Bron"),
        (
            "Verwijderd",
            "verwijderd",
            "Er is geen item verwijderd.",
            "Bron (in de vastgestelde versie)",
        ),
    ):
        part = section(f"{heading} ({len(report[key])})")
        if report[key]:
            part += _items_table(report[key], f"{heading} sinds de vaststelling", bron)
        else:
            part += _para(empty)

    part = section(f"Gewijzigd ({len(report['gewijzigd'])})")
    if not report["gewijzigd"]:
        part += _para("Geen item is gewijzigd.")
    for item in report["gewijzigd"]:
        sub = nodes.section(ids=[nodes.make_id(f"wijzigingen {item['id']}")])
        sub += nodes.title("", f"{_type(item['type'])} {item['id']}: {item['titel']}")
        if item["plaats"]:
            sub += _para(f"Bron: {item['plaats']}")
        sub += _changed(item)
        part += sub
    return out


def assemble(builder: DocxBuilder, plan: Plan) -> nodes.document:
    """The document tree: its title (the title page shows it) and :func:`content`."""
    root = builder.config.root_doc
    tree = new_document("<kernbeleid-wijzigingen>")
    tree["docname"] = root

    report = report_of(plan, partial(source_file, builder.env))
    adopted = report["vastgesteld"]
    top = nodes.section(ids=["kernbeleid-wijzigingen"])
    top += nodes.title("", title(adopted.get("datum") if adopted else None))
    top.extend(content(report))
    tree += top
    return tree
