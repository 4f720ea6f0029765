"""The regional site: six static Dutch pages in the house style of the plans' own sites.

Same header, band, table of contents and footer as the ``kernbeleid`` theme, with its
stylesheets copied beside the pages, so a region's staff recognise what they read. Each
page has one ``h1``; every table has a caption and header cells.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from ..files import atomic
from ..model import display
from ..model.parsing import format_number
from . import stap3a
from .queries import Regio

#: What a user does after a file could not be written.
AGAIN = "start kernbeleid regio opnieuw"
PACKAGE = Path(__file__).resolve().parent.parent
STYLESHEETS = (
    PACKAGE / "themes" / "kernbeleid" / "static" / "kernbeleid-thema.css",
    PACKAGE / "static" / "kernbeleid.css",
)
EXTRA_CSS = """
.kb-tegels { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 24px; padding: 0;
  list-style: none; }
.kb-tegels li { border: 1px solid var(--kb-lijn); border-left: 4px solid var(--kb-huiskleur);
  padding: 8px 14px; min-width: 150px; max-width: none; }
.kb-tegels .n { display: block; font-size: 1.6rem; font-weight: 700; }
.kb-inhoud table .kb-getal { text-align: right; white-space: nowrap; }
table.kernbeleid-tabel caption { text-align: left; font-weight: 700; padding: 0 0 6px; }
td.kb-kaart { font-size: .9em; width: 20%; }
td.kb-kaart .code { font-weight: 700; }
td.kb-kaart .tel { display: block; margin-top: 2px; }
.kb-dekking-prioriteit-veel { background: #e6948b; }
.kb-klein { font-size: .9em; color: var(--kb-grijs); }
.kb-scroll { overflow-x: auto; max-width: 100%; }
.kb-scroll table.kernbeleid-tabel tbody th { position: sticky; left: 0; background: #fff; }
tr.kb-totaal td, tr.kb-totaal th { font-weight: 700; background: #eef2f5; }
"""

#: No numeric columns.
NONE: AbstractSet[int] = frozenset()
#: (file, title in the navigation and as h1, function that draws the page body)
Page = tuple[str, str, Callable[[Regio], str]]


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _n(count: int, one: str, many: str) -> str:
    return f"{format_number_int(count)} {one if count == 1 else many}"


def format_number_int(count: int) -> str:
    """``1.234``: a count the Dutch way."""
    return format_number(Decimal(count))


def _table(caption: str, head: list[str], rows: list[str], numeric: AbstractSet[int] = NONE) -> str:
    getal = " class='kb-getal'"
    ths = "".join(
        f"<th scope='col'{getal if i in numeric else ''}>{_e(h)}</th>" for i, h in enumerate(head)
    )
    # A wide table scrolls inside its own region (reachable by keyboard), not the page.
    return (
        f"<div class='kb-scroll' role='region' tabindex='0' aria-label='{_e(caption)}'>"
        "<table class='docutils kernbeleid-tabel'>"
        f"<caption>{_e(caption)}</caption><thead><tr>{ths}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _cells(values: list[Any], numeric: AbstractSet[int] = NONE, header_first: bool = True) -> str:
    out = []
    for i, value in enumerate(values):
        cls = " class='kb-getal'" if i in numeric else ""
        tag = "th scope='row'" if i == 0 and header_first else "td"
        out.append(f"<{tag}{cls}>{value}</{tag.split()[0]}>")
    return "<tr>" + "".join(out) + "</tr>"


def _overzicht(regio: Regio) -> str:
    plannen = regio.plannen
    raadsrijp = sum(1 for p in plannen if p["raadsrijp"])
    tegels = [
        (format_number_int(len(plannen)), "plannen"),
        (f"{raadsrijp} van {len(plannen)}", "plannen raadsrijp"),
        (format_number_int(regio.totaal["maatregelen"]), "maatregelen (niet vervallen)"),
        (display.money(regio.totaal["budget"]) or "€ 0", "budget van die maatregelen"),
        (format_number_int(len(regio.matrix_kolommen)), "thema's die ergens prioriteit zijn"),
    ]
    tiles = "".join(f"<li><span class='n'>{_e(n)}</span>{_e(label)}</li>" for n, label in tegels)
    rows = [
        _cells(
            [
                _e(p["gemeente"]),
                _e(f"{p['periode_van']}-{p['periode_tot']}"),
                _e(p["versie"]),
                _e(p["status"]),
                "raadsrijp" if p["raadsrijp"] else _e(_n(p["fouten"] or 0, "fout", "fouten")),
                p["prioriteiten"],
                p["themas"],
                format_number_int(p["maatregelen"]),
                _e(display.money(p["budget"])),
            ],
            numeric={5, 6, 7, 8},
        )
        for p in plannen
    ]
    table = _table(
        "Plannen in dit regionale beeld",
        [
            "Gemeente",
            "Periode",
            "Versie",
            "Status",
            "Toets",
            "Prioriteiten",
            "Overige thema's",
            "Maatregelen",
            "Budget maatregelen",
        ],
        rows,
        numeric={5, 6, 7, 8},
    )
    return (
        "<p>Dit overzicht is gemaakt uit de exports (toetsrapport en needs.json) van de "
        "plannen hieronder. Maatregelen met de status vervallen tellen nergens mee.</p>"
        f"<ul class='kb-tegels'>{tiles}</ul>{table}"
    )


def _plattegrond(regio: Regio) -> str:
    totaal = len(regio.plannen)
    velden: dict[str, list[dict[str, Any]]] = {}
    namen: dict[str, str] = {}
    for row in regio.plattegrond:
        velden.setdefault(row["veld"], []).append(row)
        namen[row["veld"]] = row["veld_naam"]
    depth = max((len(v) for v in velden.values()), default=0)
    rows = []
    for i in range(depth):
        cells = []
        for themes in velden.values():
            if i >= len(themes):
                cells.append("<td></td>")
                continue
            t = themes[i]
            cls = "kb-dekking-niet"
            if t["prioriteit"]:
                veel = t["prioriteit"] * 2 >= totaal and totaal > 1
                cls = "kb-dekking-prioriteit" + ("-veel" if veel else "")
            elif t["overig"]:
                cls = "kb-dekking-overig"
            cells.append(
                f"<td class='kb-kaart {cls}'><span class='code'>{_e(t['code'])}</span> "
                f"{_e(t['naam'])}<span class='tel'>prioriteit in {t['prioriteit']} van "
                f"{totaal}; overig thema in {t['overig']}</span></td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = [f"{code}. {naam}" for code, naam in namen.items()]
    return (
        "<p>Per thema van de catalogus: in hoeveel plannen het een prioriteit is en in "
        "hoeveel een overig thema. <span class='kb-dekking-prioriteit'>Rood</span>: "
        "prioriteit in minstens één plan; <span class='kb-dekking-prioriteit-veel'>donkerder "
        "rood</span>: in de helft van de plannen of meer; <span class='kb-dekking-overig'>"
        "oranje</span>: alleen als overig thema.</p>"
        + _table(f"Plattegrond van {_n(totaal, 'plan', 'plannen')}", head, rows)
    )


def _indicatoren(regio: Regio) -> str:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in regio.indicatoren:
        groups.setdefault(row["sleutel"], []).append(row)
    if not groups:
        return "<p>Geen effectindicator komt in twee of meer plannen voor (met dezelfde naam).</p>"
    parts = [
        "<p>Effectindicatoren met dezelfde naam in twee of meer plannen, met per gemeente de "
        "nulmeting, de laatste meting en de streefwaarde zoals de toets ze noemt. Een "
        "voorlopig cijfer staat er als voorlopig bij.</p>"
    ]
    for rows in groups.values():
        first = rows[0]
        body = [
            _cells(
                [
                    _e(r["gemeente"]),
                    _e(r["eenheid"]),
                    _e(r["bron"]),
                    _e(r["nulmeting"]),
                    _e(r["laatste_meting"] or "nog geen meting"),
                    _e(r["streefwaarde"]),
                    _e(r["koers"]),
                ]
            )
            for r in rows
        ]
        parts.append(f"<h2>{_e(first['naam'])}</h2>")
        parts.append(
            _table(
                f"{first['naam']}: {_n(first['gemeenten'], 'gemeente', 'gemeenten')}",
                [
                    "Gemeente",
                    "Eenheid",
                    "Bron",
                    "Nulmeting",
                    "Laatste meting",
                    "Streefwaarde",
                    "Op koers?",
                ],
                body,
            )
        )
    return "".join(parts)


def _partners(regio: Regio) -> str:
    totaal = regio.totaal["maatregelen"]
    rows = [
        _cells(
            [
                _e(p["partner"]),
                format_number_int(p["maatregelen"]),
                _e(display.percentage(p["aandeel"])),
                format_number_int(p["gemeenten"]),
            ],
            numeric={1, 2, 3},
        )
        for p in regio.partners
    ]
    return (
        f"<p>Welke partners aan hoeveel van de {format_number_int(totaal)} maatregelen "
        "(niet vervallen) meewerken. Namen die alleen in hoofdletters of spaties verschillen, "
        "tellen als één partner. Een maatregel heeft vaak meer partners, dus de aandelen "
        "tellen op tot meer dan 100%.</p>"
        + _table(
            "Partners en hun aandeel in de maatregelen",
            ["Partner", "Maatregelen", "Aandeel", "Gemeenten"],
            rows,
            numeric={1, 2, 3},
        )
    )


def _budgetten(regio: Regio) -> str:
    rows = [
        _cells(
            [
                f"{_e(b['code'])} {_e(b['naam'])}",
                format_number_int(b["gemeenten"]),
                format_number_int(b["maatregelen"]),
                _e(display.money(b["budget"])),
                _e(display.money(b["begroot"])),
            ],
            numeric={1, 2, 3, 4},
        )
        for b in regio.budgetten
    ]
    rest = regio.zonder_thema
    rows.append(
        _cells(
            [
                "Zonder thema uit de catalogus",
                "",
                format_number_int(rest["maatregelen"]),
                _e(display.money(rest["budget"])),
                "",
            ],
            numeric={1, 2, 3, 4},
        )
    )
    rows.append(
        _cells(
            [
                "Totaal",
                "",
                format_number_int(regio.totaal["maatregelen"]),
                _e(display.money(regio.totaal["budget"])),
                "",
            ],
            numeric={1, 2, 3, 4},
        ).replace("<tr>", "<tr class='kb-totaal'>")
    )
    return (
        "<p>Het budget van de maatregelen (niet vervallen) per thema van de catalogus. Een "
        "prioriteit of thema met meer catalogusthema's telt mee bij het eerste dat het plan "
        "noemt, zodat elk bedrag één keer telt en de kolom optelt tot het totaal. "
        "<em>Begroot</em> is het budget dat de prioriteiten en thema's zelf noemen; het kan "
        "verschillen van wat aan maatregelen is toegewezen.</p>"
        + _table(
            "Budget per thema",
            ["Thema", "Gemeenten", "Maatregelen", "Budget maatregelen", "Begroot"],
            rows,
            numeric={1, 2, 3, 4},
        )
    )


def _matrix(regio: Regio) -> str:
    kolommen = regio.matrix_kolommen
    if not kolommen:
        return "<p>Geen van de plannen noemt een prioriteit met een thema uit de catalogus.</p>"
    head = ["Gemeente"] + [f"{k['code']} {k['naam']} ({k['gemeenten']})" for k in kolommen]
    rows = []
    for p in regio.plannen:
        cells = [_e(p["gemeente"])]
        for k in kolommen:
            cells.append(_e(regio.matrix_cellen.get((p["plan"], k["code"]), "")))
        rows.append(_cells(cells))
    return (
        "<p>De regionale prioriteiten zijn de thema's uit de catalogus die in minstens één "
        "plan prioriteit zijn, de meest gedeelde eerst (tussen haakjes: in hoeveel plannen). "
        "Per gemeente staat in de cel welke eigen prioriteit dat thema dekt.</p>"
        + _table("Regionale prioriteiten en de lokale plannen", head, rows)
    )


def _stap_3a(regio: Regio) -> str:
    gemeenten = len(regio.plannen)
    rows = [
        _cells([_e(v) for v in stap3a.row_values(r, gemeenten)], numeric={1}) for r in regio.stap_3a
    ]
    lokaal = [_cells([_e(r["gemeente"]), _e(r["prioriteiten"] or "geen")]) for r in regio.lokaal]
    return (
        f"<p>{_e(stap3a.INLEIDING)} Dezelfde tabellen staan als Word-bijlage in "
        "<a href='stap-3a.docx'>stap-3a.docx</a>.</p>"
        + (
            _table("Lokale prioriteiten per thema", stap3a.KOLOMMEN, rows, numeric={1})
            if rows
            else "<p>Geen van de plannen noemt een prioriteit met een thema.</p>"
        )
        + "<h2>Lokale prioriteiten per gemeente</h2>"
        + _table("Lokale prioriteiten per gemeente", stap3a.LOKAAL_KOLOMMEN, lokaal)
    )


PAGES: list[Page] = [
    ("index.html", "Regionaal beeld", _overzicht),
    ("plattegrond.html", "Plattegrond", _plattegrond),
    ("matrix.html", "Prioriteiten per gemeente", _matrix),
    ("stap-3a.html", "Afstemming prioriteiten (stap 3a)", _stap_3a),
    ("indicatoren.html", "Gedeelde effectindicatoren", _indicatoren),
    ("partners.html", "Partners", _partners),
    ("budgetten.html", "Budget per thema", _budgetten),
]


def _page(regio: Regio, titel_regio: str, current: str, title: str, body: str) -> str:
    nav = "".join(
        f"<li class='current'><a class='current' href='{f}' aria-current='page'>{_e(t)}</a></li>"
        if f == current
        else f"<li><a href='{f}'>{_e(t)}</a></li>"
        for f, t, _ in PAGES
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)} – {_e(titel_regio)}</title>
<link rel="stylesheet" href="_static/kernbeleid-thema.css">
<link rel="stylesheet" href="_static/kernbeleid.css">
<link rel="stylesheet" href="_static/regio.css">
</head>
<body>
<a class="kb-overslaan" href="#inhoud">Direct naar de inhoud</a>
<header class="kb-kop">
  <div class="kb-kop-wit"><div class="kb-breed">
    <a class="kb-merk" href="index.html"><span class="kb-gemeente">{_e(titel_regio)}</span></a>
  </div></div>
  <div class="kb-band"><div class="kb-breed">
    <p class="kb-sitetitel"><a href="index.html">Regionaal beeld van \
{_e(_n(len(regio.plannen), "veiligheidsplan", "veiligheidsplannen"))}</a></p>
  </div></div>
</header>
<div class="kb-pagina kb-breed">
  <nav class="kb-navigatie" aria-label="Inhoud van het regionale beeld">
    <p class="caption">Inhoud</p><ul>{nav}</ul>
  </nav>
  <main id="inhoud" class="kb-inhoud body">
    <h1>{_e(title)}</h1>
    {body}
  </main>
</div>
<footer class="kb-voet"><div class="kb-breed">
  <p class="kb-voet-afzender">{_e(titel_regio)}</p>
  <p>Gemaakt met kernbeleid regio uit de exports van de plannen; de gegevens staan ook in \
regio.duckdb en regio.xlsx.</p>
</div></footer>
</body>
</html>
"""


def write_site(regio: Regio, folder: Path, titel: str) -> list[Path]:
    """Write the pages and stylesheets into ``folder``; returns the pages written.

    Each file is replaced whole; an OS refusal arrives as :class:`~.errors.FileProblem`.
    """
    static = folder / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for sheet in STYLESHEETS:
        shutil.copyfile(sheet, static / sheet.name)
    atomic.write_text(static / "regio.css", EXTRA_CSS.lstrip(), again=AGAIN)
    written = []
    for name, title, draw in PAGES:
        target = folder / name
        atomic.write_text(target, _page(regio, titel, name, title, draw(regio)), again=AGAIN)
        written.append(target)
    return written
