"""The voortgangsrapportage and the terugblik as docutils nodes, for the site and for Word.

``.. kernbeleid-voortgang::`` (option ``:periode: 2026-Q2``) shows the dashboard, then per
prioriteit/thema the indicator charts and the maatregelen table, then what needs
attention. ``.. kernbeleid-terugblik:: 2026`` shows the year's end state and every
indicator's development. The Word document of the voortgangsrapportage is assembled
from the same parts (see ``builders/docx``). The figures come from
:mod:`..voortgangsrapport`; nothing is computed here.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..authoring.nodes import kernbeleid_overview
from ..model import display
from ..model.plan import EffectIndicator, Plan
from ..records.voortgangsrapport import (
    KOERS_ORDER,
    ONBEKEND,
    STATUS_ORDER,
    OnderdeelStand,
    Rapport,
    RapportFout,
    budget_text,
    choose_period,
    koers_summary,
    measurements_text,
    period_of_year,
    rapport,
    spent_text,
    status_summary,
)
from . import chart_prefetch
from . import metingen as render_metingen
from .charts import cached_png, has_chart
from .links import item_ref
from .tables import Cell, make_table

logger = logging.getLogger(__name__)

#: Symbols beside the status words (the words always stay: colour or symbol never alone).
STATUS_SYMBOL = {
    "gereed": "✔",
    "lopend": "▶",
    "gepland": "○",
    "vertraagd": "!",
    "vervallen": "✕",
    ONBEKEND: "?",
}


def _warn(text: str, node: nodes.Element) -> None:
    logger.warning(text, type="kernbeleid", subtype="voortgang", location=node)


def _para(*children: nodes.Node | str, classes: list[str] | None = None) -> nodes.paragraph:
    para = nodes.paragraph(classes=classes or [])
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def chart(app: Sphinx, ei: EffectIndicator, fromdocname: str) -> nodes.Node | None:
    """The indicator's chart with its text alternative: HTML via the site's images, Word
    as an inline image of the cached PNG (``descr`` = the alt text)."""
    if not has_chart(ei):
        return None
    if getattr(app.builder, "format", "") == "html":
        return render_metingen.chart_node(app, ei, fromdocname)
    if getattr(app.builder, "format", "") != "docx":
        return None
    directory = chart_prefetch.cache_dir(app)
    directory.mkdir(parents=True, exist_ok=True)
    path, alt = cached_png(ei, directory, wait=chart_prefetch.wait)
    image = nodes.image(uri=str(Path(path).resolve()), alt=alt, width="62%")
    return nodes.paragraph("", "", image, classes=["kernbeleid-grafiek"])


# --------------------------------------------------------------------------- dashboard


def dashboard(rap: Rapport, title: str) -> list[nodes.Node]:
    """The one-page overview: summary lines, status table, budget and indicator table."""
    stand = f"stand {rap.periode}" if rap.periode else "nog geen voortgang gerapporteerd"
    out: list[nodes.Node] = [
        nodes.rubric("", f"{title} – {stand}", classes=["kb-dashboard-kop"]),
        _para(nodes.strong("", "Maatregelen: "), status_summary(rap.per_status) + "."),
        _para(nodes.strong("", "Effectindicatoren: "), koers_summary(rap.per_koers) + "."),
        _para(nodes.strong("", "Budget: "), budget_text(rap.budget_gepland, rap.besteed) + "."),
        _para(
            nodes.strong("", "Aandacht: "),
            f"{len(rap.vertraagd)} vertraagd, {len(rap.zonder_rapportage)} zonder rapportage "
            f"over {rap.periode or 'dit kwartaal'}.",
        ),
    ]
    statuses = [s for s in STATUS_ORDER if s != "vervallen" or rap.per_status.get(s)]
    if rap.per_status.get(ONBEKEND):
        statuses.append(ONBEKEND)
    headers = ["Prioriteit / thema", *[f"{STATUS_SYMBOL[s]} {s}" for s in statuses]]
    headers.append("Zonder rapportage")
    rows: list[list[Cell]] = []
    for o in rap.onderdelen:
        counts = o.per_status
        rows.append([o.label, *[str(counts.get(s, 0)) for s in statuses], str(o.zonder_rapportage)])
    total = rap.per_status
    rows.append(
        [
            nodes.strong("", "Totaal"),
            *[nodes.strong("", str(total.get(s, 0))) for s in statuses],
            nodes.strong("", str(len(rap.zonder_rapportage))),
        ]
    )
    out.append(
        make_table(
            headers,
            rows,
            widths=[34, *[10] * len(statuses), 12],
            classes=["kernbeleid-dashboard"],
            title=f"Maatregelen per status – {stand}",
        )
    )
    koers_headers = [o.label for o in KOERS_ORDER]
    # "Besteed" only when some spending is reported; else the Budget line above says so
    # once instead of "niet gerapporteerd" in every row.
    spent = rap.besteed is not None
    rows = []
    for o in rap.onderdelen:
        verdicts = o.per_koers
        rows.append(
            [
                o.label,
                display.money(o.budget_gepland) if o.budget_gepland else "–",
                *([spent_text(o.besteed, o.budget_gepland)] if spent else []),
                *[str(verdicts.get(k, 0)) for k in KOERS_ORDER],
            ]
        )
    koers_total = rap.per_koers
    rows.append(
        [
            nodes.strong("", "Totaal"),
            nodes.strong("", display.money(rap.budget_gepland) if rap.budget_gepland else "–"),
            *([nodes.strong("", spent_text(rap.besteed, rap.budget_gepland))] if spent else []),
            *[nodes.strong("", str(koers_total.get(k, 0))) for k in KOERS_ORDER],
        ]
    )
    out.append(
        make_table(
            [
                "Prioriteit / thema",
                "Budget gepland",
                *(["Besteed"] if spent else []),
                *koers_headers,
            ],
            rows,
            widths=[28, 13, *([15] if spent else []), 11, 11, 11, 11],
            classes=["kernbeleid-dashboard"],
            title="Budget en effectindicatoren (op koers?)",
        )
    )
    return out


# --------------------------------------------------------------------------- per onderdeel


def onderdeel_part(
    app: Sphinx, stand: OnderdeelStand, fromdocname: str, *, charts: bool = True
) -> list[nodes.Node]:
    """Charts of the indicators, then the maatregelen with status, realisation, comment."""
    o = stand.onderdeel
    out: list[nodes.Node] = [
        _para(
            status_summary(stand.per_status)
            + ". "
            + koers_summary(stand.per_koers)
            + ". Budget: "
            + budget_text(stand.budget_gepland, stand.besteed)
            + "."
        )
    ]
    for ind in stand.indicatoren:
        ei = ind.indicator
        out.append(
            _para(
                nodes.strong("", ei.title + ": "),
                ind.koers.label + (f" – {ind.koers.toelichting}" if ind.koers.toelichting else ""),
                classes=["kb-koers-regel", ind.koers.oordeel.css],
            )
        )
        if charts and (node := chart(app, ei, fromdocname)) is not None:
            out.append(node)
    if not stand.maatregelen:
        out.append(_para(f"Er zijn (nog) geen maatregelen voor {o.title}."))
        return out
    rows: list[list[Cell]] = []
    for m in stand.maatregelen:
        rows.append(
            [
                item_ref(app, fromdocname, m.maatregel),
                f"{STATUS_SYMBOL.get(m.status, '?')} {m.status_text}",
                "; ".join(r.text for r in m.realisaties) or "geen prestatie-indicator",
                m.toelichting or ("geen rapportage" if m.zonder_rapportage else ""),
            ]
        )
    out.append(
        make_table(
            ["Maatregel", "Status", "Realisatie / streefwaarde", "Toelichting partner"],
            rows,
            widths=[26, 16, 30, 28],
            classes=["kernbeleid-voortgang"],
            title=f"Voortgang maatregelen – {o.title}",
        )
    )
    return out


def attention(app: Sphinx, rap: Rapport, fromdocname: str) -> list[nodes.Node]:
    """The maatregelen that are vertraagd or without report, each with why."""
    out: list[nodes.Node] = []
    for label, members, empty in (
        ("Vertraagd", rap.vertraagd, "Geen maatregelen vertraagd."),
        (
            f"Zonder rapportage over {rap.periode}" if rap.periode else "Zonder rapportage",
            rap.zonder_rapportage,
            "Over alle lopende maatregelen is gerapporteerd.",
        ),
    ):
        out.append(nodes.rubric("", f"{label} ({len(members)})"))
        if not members:
            out.append(_para(empty))
            continue
        items = nodes.bullet_list()
        for m in members:
            text = m.toelichting if label == "Vertraagd" else m.status_text
            para = _para(item_ref(app, fromdocname, m.maatregel))
            if text:
                para += nodes.Text(f" – {text}")
            items += nodes.list_item("", para)
        out.append(items)
    return out


# --------------------------------------------------------------------------- terugblik


def terugblik_nodes(app: Sphinx, rap: Rapport, jaar: int, fromdocname: str) -> list[nodes.Node]:
    out = dashboard(rap, f"Jaarbeeld {jaar}")
    out.append(nodes.rubric("", "Ontwikkeling van de effectindicatoren"))
    rows: list[list[Cell]] = []
    for stand in rap.onderdelen:
        for ind in stand.indicatoren:
            ei = ind.indicator
            rows.append(
                [
                    stand.onderdeel.title,
                    item_ref(app, fromdocname, ei),
                    measurements_text(ei) or "geen cijfers",
                    nodes.inline("", ind.koers.label, classes=["kb-koers", ind.koers.oordeel.css]),
                ]
            )
    if rows:
        out.append(
            make_table(
                ["Prioriteit / thema", "Effectindicator", "Metingen", f"Op koers? ({jaar})"],
                rows,
                widths=[20, 25, 40, 15],
                classes=["kernbeleid-terugblik"],
                title=f"Effectindicatoren: ontwikkeling tot en met {jaar}",
            )
        )
    else:
        out.append(_para("Het plan heeft geen effectindicatoren."))
    for stand in rap.onderdelen:
        for ind in stand.indicatoren:
            if (node := chart(app, ind.indicator, fromdocname)) is not None:
                out.append(node)
    out += attention(app, rap, fromdocname)
    return out


# --------------------------------------------------------------------------- renderers


def _rapport_or_warn(plan: Plan, node: nodes.Element) -> Rapport | None:
    try:
        periode = choose_period(plan, node.get("periode") or None)
    except RapportFout as err:
        _warn(f"kernbeleid-voortgang: {err}", node)
        return None
    return rapport(plan, periode)


def voortgang_renderer(
    app: Sphinx, plan: Plan, node: kernbeleid_overview, fromdocname: str
) -> list[nodes.Node]:
    """The whole voortgangsrapportage on one page (rubrics, not sections)."""
    rap = _rapport_or_warn(plan, node)
    if rap is None:
        return []
    out = dashboard(rap, "Voortgangsrapportage")
    for stand in rap.onderdelen:
        out.append(nodes.rubric("", stand.label))
        out += onderdeel_part(app, stand, fromdocname)
    out.append(nodes.rubric("", "Aandachtspunten"))
    out += attention(app, rap, fromdocname)
    return out


def part_renderer(
    app: Sphinx, plan: Plan, node: kernbeleid_overview, fromdocname: str
) -> list[nodes.Node]:
    """One piece of the Word document (kind ``voortgang-deel``): dashboard, an onderdeel
    or the attention list; ``target`` says which."""
    rap = _rapport_or_warn(plan, node)
    if rap is None:
        return []
    target = node["target"]
    if target == "dashboard":
        return dashboard(rap, "Voortgangsrapportage")
    if target == "aandacht":
        return attention(app, rap, fromdocname)
    stand = next((s for s in rap.onderdelen if s.onderdeel.id == target), None)
    return onderdeel_part(app, stand, fromdocname) if stand is not None else []


def terugblik_renderer(
    app: Sphinx, plan: Plan, node: kernbeleid_overview, fromdocname: str
) -> list[nodes.Node]:
    text = node["target"].strip()
    if not text.isdigit() or len(text) != 4:
        _warn(f"kernbeleid-terugblik: '{text}' is geen jaartal; schrijf bijvoorbeeld 2026.", node)
        return []
    jaar = int(text)
    periode = period_of_year(plan, jaar)
    rap = rapport(plan, periode, jaar=jaar)
    out: list[nodes.Node] = []
    if periode is None:
        out.append(
            _para(
                f"Over {jaar} is geen voortgang gerapporteerd (geen bestand voortgang/"
                f"{jaar}-Q1.yaml t/m {jaar}-Q4.yaml); de stand hieronder is die van het plan.",
                classes=["kernbeleid-leeg"],
            )
        )
    elif periode.quarter != 4:
        out.append(
            _para(
                f"Er is nog geen voortgang over {jaar}-Q4; dit is de stand van {periode}, het "
                f"laatste kwartaal van {jaar} met voortgang.",
                classes=["kernbeleid-let-op"],
            )
        )
    gone = former_maatregelen(app, plan, jaar)
    if gone:
        out.append(
            _para(
                f"{len(gone)} maatregelen met voortgang in {jaar} staan niet meer in het plan "
                f"(het uitvoeringsplan {jaar} is vervangen door dat van een volgend jaar): "
                f"{', '.join(gone)}. Ze tellen hieronder niet mee; hun eindstand staat in de "
                f"tabel met de eindstand van de maatregelen {jaar}.",
                classes=["kernbeleid-let-op"],
            )
        )
    return out + terugblik_nodes(app, rap, jaar, fromdocname)


def former_maatregelen(app: Sphinx, plan: Plan, jaar: int) -> list[str]:
    """Ids reported in ``jaar``'s progress files that the plan no longer has: the
    maatregelen of a replaced Uitvoeringsplan (see ``kernbeleid uitvoeringsplan vervolg``)."""
    from ..records.voortgang import DIRECTORY, MAATREGELEN, load

    files, _remarks = load(Path(app.srcdir) / DIRECTORY)
    return sorted(
        {
            item_id
            for period_file in files
            if period_file.periode.year == jaar
            for item_id in period_file.items[MAATREGELEN]
            if item_id not in plan.items
        }
    )


def register(renderers: dict) -> None:
    renderers["voortgang"] = voortgang_renderer
    renderers["voortgang-deel"] = part_renderer
    renderers["terugblik"] = terugblik_renderer
