"""The change report against the adopted version as one self-contained Dutch HTML page.

Written for the griffie's "wat is gewijzigd sinds de vaststelling": the adopted version
first, then the maatregelen to look at again, the budgets, and the items added, removed
and changed (text changes word by word, struck through and underlined, as in Word).
Same look as the check report (its CSS), so both can be attached as they are.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..model import display
from ..model.needtypes import TYPE_TITLES
from .rapport_html import CSS

EXTRA_CSS = """
del { background: #fadbd8; color: #78281f; }
ins { background: #d5f5e3; color: #145a32; text-decoration: underline; }
td.bedrag, th.bedrag { text-align: right; white-space: nowrap; }
.plaats { color: #566573; font-size: .88em; white-space: nowrap; }
.leeg { color: #566573; font-style: italic; }
"""


def _type(name: str) -> str:
    return TYPE_TITLES.get(name, name)


def _words(pieces: list[tuple[str, str]] | list[list[str]]) -> str:
    out = []
    for tag, text in pieces:
        text = escape(text)
        out.append(
            f"<del>{text}</del>" if tag == "-" else f"<ins>{text}</ins>" if tag == "+" else text
        )
    return " ".join(out)


def _item_cells(item: dict[str, Any]) -> str:
    return (
        f"<td>{escape(_type(item['type']))}</td><td><strong>{escape(item['id'])}</strong> "
        f"{escape(item['titel'])}</td><td class='plaats'>{escape(item['plaats'] or '')}</td>"
    )


def _list(title: str, items: list[dict[str, Any]], empty: str, bron: str = "Bron") -> list[str]:
    out = [f"<h2>{escape(title)} ({len(items)})</h2>"]
    if not items:
        return [*out, f"<p class='leeg'>{escape(empty)}</p>"]
    out.append(
        f"<table><thead><tr><th>Soort</th><th>Item</th><th>{escape(bron)}</th></tr></thead><tbody>"
    )
    out += [f"<tr>{_item_cells(i)}</tr>" for i in items]
    return [*out, "</tbody></table>"]


def _changed(items: list[dict[str, Any]]) -> list[str]:
    out = [f"<h2>Gewijzigd ({len(items)})</h2>"]
    if not items:
        return [*out, "<p class='leeg'>Geen item is gewijzigd.</p>"]
    for item in items:
        where = f" <span class='plaats'>{escape(item['plaats'] or '')}</span>"
        out.append(
            f"<h3>{escape(_type(item['type']))} {escape(item['id'])}: "
            f"{escape(item['titel'])}{where}</h3>"
        )
        rows = []
        if item["oud_id"]:
            rows.append(
                f"<tr><th scope='row'>id</th><td><del>{escape(item['oud_id'])}</del> "
                f"<ins>{escape(item['id'])}</ins></td></tr>"
            )
        rows += [
            f"<tr><th scope='row'>{escape(f['veld'])}</th><td>{_words(f['woorden'])}</td></tr>"
            for f in item["velden"]
        ]
        out.append(
            "<table><thead><tr><th>Veld</th><th>Wijziging (doorgehaald: was; onderstreept: "
            "nu)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )
    return out


def _budget(budget: dict[str, Any]) -> list[str]:
    out = [
        "<h2>Budget per prioriteit en thema</h2>",
        "<table><thead><tr><th>Prioriteit of thema</th><th class='bedrag'>Vastgesteld</th>"
        "<th class='bedrag'>Nu</th><th class='bedrag'>Verschil</th></tr></thead><tbody>",
    ]
    for row in [*budget["per_onderdeel"], budget["totaal"]]:
        name = escape(row["titel"]) + (f" ({escape(row['id'])})" if row["id"] else "")
        if not row["id"]:
            name = f"<strong>{name}</strong>"
        out.append(
            f"<tr><td>{name}</td><td class='bedrag'>{escape(row['was_tekst'])}</td>"
            f"<td class='bedrag'>{escape(row['nu_tekst'])}</td>"
            f"<td class='bedrag'>{escape(row['verschil_tekst'])}</td></tr>"
        )
    return [*out, "</tbody></table>"]


def _suspects(items: list[dict[str, Any]]) -> list[str]:
    open_ = [s for s in items if not s["beoordeeld"]]
    done = len(items) - len(open_)
    count = f"{len(open_)}" + (f", {done} al beoordeeld" if done else "")
    out = [f"<h2>Te herbeoordelen maatregelen ({count})</h2>"]
    if not items:
        return [*out, "<p class='leeg'>Geen maatregel hoeft opnieuw bekeken te worden.</p>"]
    out.append(
        "<table><thead><tr><th>Maatregel</th><th>Wat is gewijzigd</th><th>Bron</th>"
        "<th>Beoordeeld</th></tr></thead><tbody>"
    )
    for s in items:
        wat = "<br>".join(f"{escape(u['id'])}: {escape(u['wat'])}" for u in s["gewijzigd"])
        out.append(
            f"<tr><td><strong>{escape(s['id'])}</strong> {escape(s['titel'])}</td>"
            f"<td>{wat}</td><td class='plaats'>{escape(s['plaats'] or '')}</td>"
            f"<td>{'ja' if s['beoordeeld'] else 'nee'}</td></tr>"
        )
    return [*out, "</tbody></table>"]


def render_html(report: dict[str, Any], huisstijl: Any = None) -> str:
    """The change report page; ``huisstijl`` adds the house colour."""
    gemeente = escape(report.get("gemeente") or "")
    title = f"Wijzigingen sinds de vaststelling – {gemeente}"
    body = [f"<h1>{title}</h1>"]
    adopted = report["vastgesteld"]
    if adopted is None:
        body.append(
            "<p>Er is nog geen vastgestelde versie. Leg het besluit van de raad vast met "
            "<code>kernbeleid vaststellen --datum JJJJ-MM-DD</code>; daarna staat hier wat er "
            "sindsdien is gewijzigd.</p>"
        )
    else:
        besluit = adopted.get("besluit")
        body.append(
            f"<p class='meta'>Versie {escape(str(report.get('versie', '')))} "
            f"({escape(str(report.get('status', '')))}). Vergeleken met de versie "
            f"{escape(str(adopted.get('versie', '')))} "
            f"die de raad op {escape(display.datum(adopted.get('datum')))} vaststelde"
            + (f" (besluit {escape(str(besluit))})" if besluit else "")
            + f"; overzicht van {escape(display.datum(report.get('gemaakt')))}.</p>"
        )
        if report.get("bron_ongewijzigd"):
            body.append(
                "<p>De bronbestanden zijn sinds de vaststelling niet gewijzigd (de "
                "vingerafdruk in het manifest klopt).</p>"
            )
        body += _suspects(report["herbeoordelen"])
        body += _budget(report["budget"])
        body += _list("Toegevoegd", report["toegevoegd"], "Er is geen item toegevoegd.")
        body += _list(
            "Verwijderd",
            report["verwijderd"],
            "Er is geen item verwijderd.",
            bron="Bron (in de vastgestelde versie)",
        )
        body += _changed(report["gewijzigd"])
    variables = f":root {{ {huisstijl.css_variables()} }}" if huisstijl is not None else ""
    return (
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title}</title><style>{CSS}{EXTRA_CSS}{variables}</style></head>"
        "<body><main>" + "\n".join(body) + "</main></body></html>\n"
    )
