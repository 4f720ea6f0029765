"""The voortgangsrapportage and the terugblik as docutils nodes, for the site and for Word.

``.. kernbeleid-voortgang::`` (option ``:periode: 2026-Q2``) shows the dashboard, then per
prioriteit/thema the indicator charts and the maatregelen table, then what needs
attention. ``.. kernbeleid-terugblik:: 2026`` shows the year's end state and every
indicator's development. The Word document of the voortgangsrapportage is assembled
from the same parts (see ``builders/docx``). The figures come from
:mod:`..voortgangsrapport`; nothing is computed here.
"""

from __future__ import annotations

import posixpath
import shutil
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..authoring.nodes import kernbeleid_overview
from ..model import display
from ..model.plan import EffectIndicator, Plan
from . import chart_prefetch
from . import metingen as render_metingen
from .links import item_ref
from .tables import Cell, make_table

if TYPE_CHECKING:  # the report's figures and charts load when a page shows them
    from ..records.voortgangsrapport import IndicatorStand, OnderdeelStand, Rapport
    from .charts import DashboardData

logger = logging.getLogger(__name__)

#: The dashboard's row for the posts outside every prioriteit and thema (e.g. coördinatie).
OVERIG_LABEL = "Overige posten (buiten prioriteiten en thema's)"
#: The row and part of the strategische doelstelling's indicators, always first.
STRATEGISCH_LABEL = "Strategische doelstelling"


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
    from .charts import cached_png, has_chart

    if not has_chart(ei):
        return None
    if getattr(app.builder, "format", "") == "html":
        return render_metingen.chart_node(app, ei, fromdocname)
    if getattr(app.builder, "format", "") != "docx":
        return None
    directory = chart_prefetch.cache_dir(app)
    directory.mkdir(parents=True, exist_ok=True)
    path, alt = cached_png(ei, directory, wait=chart_prefetch.wait)
    uri = str(Path(path).resolve())
    # candidates '?': the Word builder's image step leaves the URI alone (a terugblik in
    # a chapter goes through it; without it the build stopped with a KeyError).
    image = nodes.image(uri=uri, alt=alt, width="62%", candidates={"?": uri})
    return nodes.paragraph("", "", image, classes=["kernbeleid-grafiek"])


# --------------------------------------------------------------------------- dashboard


def dashboard(app: Sphinx, rap: Rapport, title: str, fromdocname: str) -> list[nodes.Node]:
    """The one-page overview: summary lines, the picture, the class table, budget and
    indicator table. Every maatregel is counted once, in exactly one class."""
    from ..records.voortgangsrapport import budget_text, koers_summary, status_summary

    stand = (
        f"stand {display.kwartaal(rap.periode)}"
        if rap.periode
        else ("nog geen voortgang gerapporteerd")
    )
    out: list[nodes.Node] = [
        nodes.rubric("", f"{title} – {stand}", classes=["kb-dashboard-kop"]),
        _para(nodes.strong("", "Maatregelen: "), status_summary(rap.per_klasse) + "."),
        _para(nodes.strong("", "Effectindicatoren: "), koers_summary(rap.per_koers) + "."),
        _para(nodes.strong("", "Budget: "), budget_text(rap.budget_gepland, rap.besteed) + "."),
        _para(
            nodes.strong("", "Aandacht: "),
            f"{len(rap.vertraagd)} vertraagd, {len(rap.zonder_rapportage)} zonder rapportage "
            f"over {display.kwartaal(rap.periode) if rap.periode else 'dit kwartaal'}.",
        ),
    ]
    data = dashboard_data(rap, f"{title} – {stand}")
    if (picture := dashboard_picture(app, data, fromdocname)) is not None:
        out.append(picture)
    out.append(class_table(rap, stand))
    out.append(koers_table(rap))
    return out


def _class_rows(rap: Rapport) -> list[tuple[str, Counter[str]]]:
    """(label, count per class) of every row: the onderdelen, then the posts outside them."""
    rows = [(o.label, o.per_klasse) for o in rap.onderdelen]
    if rap.overig:
        rows.append((OVERIG_LABEL, Counter(m.klasse for m in rap.overig)))
    return rows


def _shown_classes(rap: Rapport) -> list[str]:
    """Every class, but vervallen only when a maatregel is vervallen."""
    from ..records.voortgangsrapport import KLASSEN, VERVALLEN

    return [k for k in KLASSEN if k != VERVALLEN or rap.per_klasse.get(k)]


def class_table(rap: Rapport, stand: str) -> nodes.table:
    """Per row the number of maatregelen in each class and their total: the classes of a
    row add up to its maatregelen, and the rows add up to all of the plan's."""
    klassen = _shown_classes(rap)
    rows: list[list[Cell]] = [
        [label, *[str(counts.get(k, 0)) for k in klassen], str(sum(counts.values()))]
        for label, counts in _class_rows(rap)
    ]
    total = rap.per_klasse
    rows.append(
        [
            nodes.strong("", "Totaal"),
            *[nodes.strong("", str(total.get(k, 0))) for k in klassen],
            nodes.strong("", str(len(rap.maatregelen))),
        ]
    )
    return make_table(
        ["Prioriteit / thema", *[display.klasse(k) for k in klassen], "Maatregelen"],
        rows,
        widths=[30, *[10] * len(klassen), 10],
        classes=["kernbeleid-dashboard"],
        title=f"Maatregelen per status – {stand}",
    )


def koers_table(rap: Rapport) -> nodes.table:
    """Budget and verdicts per row; the strategische doelstelling's indicators first."""
    from ..records.voortgangsrapport import KOERS_ORDER, spent_text

    # "Besteed" only when some spending is reported; else the Budget line above says so
    # once instead of "niet gerapporteerd" in every row.
    spent = rap.besteed is not None
    rows: list[list[Cell]] = []
    if rap.strategisch:
        verdicts = Counter(i.koers.oordeel for i in rap.strategisch)
        rows.append(
            [
                STRATEGISCH_LABEL,
                "–",
                *(["–"] if spent else []),
                *[str(verdicts.get(k, 0)) for k in KOERS_ORDER],
            ]
        )
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
    if rap.overig:
        rows.append(
            [
                OVERIG_LABEL,
                display.money(rap.overig_budget) if rap.overig_budget else "–",
                *([spent_text(rap.overig_besteed, rap.overig_budget)] if spent else []),
                *["–" for _k in KOERS_ORDER],
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
    return make_table(
        [
            "Prioriteit / thema",
            "Budget gepland",
            *(["Besteed"] if spent else []),
            *[o.label for o in KOERS_ORDER],
        ],
        rows,
        widths=[28, 13, *([15] if spent else []), 11, 11, 11, 11],
        classes=["kernbeleid-dashboard"],
        title="Budget en effectindicatoren (op koers?)",
    )


def dashboard_data(rap: Rapport, title: str) -> DashboardData:
    """The picture's data: the class table's rows and the verdicts, nothing else."""
    from ..records.voortgangsrapport import KOERS_ORDER
    from .charts import DashboardData

    klassen = _shown_classes(rap)
    return DashboardData(
        title,
        tuple(klassen),
        tuple(
            (label, tuple(counts.get(k, 0) for k in klassen)) for label, counts in _class_rows(rap)
        ),
        tuple((o.label, rap.per_koers.get(o, 0)) for o in KOERS_ORDER),
    )


def dashboard_picture(app: Sphinx, data: DashboardData, fromdocname: str) -> nodes.Node | None:
    """The picture a wethouder reads in one minute, with its text alternative (HTML, Word)."""
    from .charts import cached_dashboard

    builder_format = getattr(app.builder, "format", "")
    if builder_format not in ("html", "docx"):
        return None
    cached = cached_dashboard(data, chart_prefetch.cache_dir(app))
    if builder_format == "docx":
        uri = str(cached.resolve())
        image = nodes.image(uri=uri, alt=data.alt, width="100%", candidates={"?": uri})
    else:
        target = Path(app.outdir) / render_metingen.IMAGE_DIR / cached.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        page = app.builder.get_target_uri(fromdocname)
        uri = posixpath.relpath(
            f"{render_metingen.IMAGE_DIR}/{cached.name}", posixpath.dirname(page) or "."
        )
        image = nodes.image(uri=uri, alt=data.alt, candidates={"?": uri})
    return nodes.paragraph("", "", image, classes=["kernbeleid-grafiek", "kb-dashboard-beeld"])


# --------------------------------------------------------------------------- per onderdeel


def onderdeel_part(
    app: Sphinx, stand: OnderdeelStand, fromdocname: str, *, charts: bool = True
) -> list[nodes.Node]:
    """Charts of the indicators, then the maatregelen with status, realisation, comment."""
    from ..records.voortgangsrapport import budget_text, koers_summary, status_summary

    o = stand.onderdeel
    out: list[nodes.Node] = [
        _para(
            status_summary(stand.per_klasse)
            + ". "
            + koers_summary(stand.per_koers)
            + ". Budget: "
            + budget_text(stand.budget_gepland, stand.besteed)
            + "."
        )
    ]
    out += indicator_lines(app, stand.indicatoren, fromdocname, charts=charts)
    if not stand.maatregelen:
        out.append(_para(f"Er zijn (nog) geen maatregelen voor {o.title}."))
        return out
    rows: list[list[Cell]] = []
    for m in stand.maatregelen:
        rows.append(
            [
                item_ref(app, fromdocname, m.maatregel),
                m.symbol_text,
                "; ".join(r.text for r in m.realisaties) or "geen prestatie-indicator",
                display.toelichting(m.toelichting) or "",
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


def indicator_lines(
    app: Sphinx, indicators: list[IndicatorStand], fromdocname: str, *, charts: bool = True
) -> list[nodes.Node]:
    """Per indicator its verdict in words, then its chart."""
    out: list[nodes.Node] = []
    for ind in indicators:
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
    return out


def strategisch_part(app: Sphinx, rap: Rapport, fromdocname: str) -> list[nodes.Node]:
    """The strategische doelstelling's indicators: the headline figures, before the rest."""
    from ..records.voortgangsrapport import koers_summary

    return [
        _para(koers_summary(Counter(i.koers.oordeel for i in rap.strategisch)) + "."),
        *indicator_lines(app, rap.strategisch, fromdocname),
    ]


def attention(app: Sphinx, rap: Rapport, fromdocname: str) -> list[nodes.Node]:
    """The maatregelen that are vertraagd or without report, each with why."""
    out: list[nodes.Node] = []
    for label, members, empty in (
        ("Vertraagd", rap.vertraagd, "Geen maatregelen vertraagd."),
        (
            f"Zonder rapportage over {display.kwartaal(rap.periode)}"
            if rap.periode
            else "Zonder rapportage",
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


def _indicators_in_order(rap: Rapport) -> list[tuple[str, IndicatorStand]]:
    """(whose, indicator): the strategische doelstelling's first, then per onderdeel."""
    out = [(STRATEGISCH_LABEL, ind) for ind in rap.strategisch]
    out += [(stand.onderdeel.title, ind) for stand in rap.onderdelen for ind in stand.indicatoren]
    return out


def terugblik_nodes(app: Sphinx, rap: Rapport, jaar: int, fromdocname: str) -> list[nodes.Node]:
    from ..records.voortgangsrapport import measurements_text

    out = dashboard(app, rap, f"Jaarbeeld {jaar}", fromdocname)
    out.append(nodes.rubric("", "Ontwikkeling van de effectindicatoren"))
    rows: list[list[Cell]] = []
    for whose, ind in _indicators_in_order(rap):
        ei = ind.indicator
        rows.append(
            [
                whose,
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
    for _whose, ind in _indicators_in_order(rap):
        if (node := chart(app, ind.indicator, fromdocname)) is not None:
            out.append(node)
    out += attention(app, rap, fromdocname)
    return out


# --------------------------------------------------------------------------- renderers


#: The report per plan and period: computed once per build, shared by every part that
#: shows it (the Word voortgangsrapportage asks once per prioriteit/thema, 12 times).
_RAPPORTEN: WeakKeyDictionary[Plan, dict[str | None, Rapport]] = WeakKeyDictionary()


def _rapport_or_warn(plan: Plan, node: nodes.Element) -> Rapport | None:
    from ..records.voortgangsrapport import RapportFout, choose_period, rapport

    try:
        periode = choose_period(plan, node.get("periode") or None)
    except RapportFout as err:
        _warn(f"kernbeleid-voortgang: {err}", node)
        return None
    known = _RAPPORTEN.setdefault(plan, {})
    key = str(periode) if periode is not None else None
    if key not in known:
        known[key] = rapport(plan, periode)
    return known[key]


def voortgang_renderer(
    app: Sphinx, plan: Plan, node: kernbeleid_overview, fromdocname: str
) -> list[nodes.Node]:
    """The whole voortgangsrapportage on one page (rubrics, not sections); without a
    progress record of the plan's year one paragraph saying so, no empty sections."""
    from ..records.voortgangsrapport import no_progress_text

    rap = _rapport_or_warn(plan, node)
    if rap is None:
        return []
    if rap.periode is None:
        return [_para(no_progress_text(plan), classes=["kb-geen-voortgang"])]
    out = dashboard(app, rap, "Voortgangsrapportage", fromdocname)
    if rap.strategisch:
        out.append(nodes.rubric("", STRATEGISCH_LABEL))
        out += strategisch_part(app, rap, fromdocname)
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
        return dashboard(app, rap, "Voortgangsrapportage", fromdocname)
    if target == "strategisch":
        return strategisch_part(app, rap, fromdocname)
    if target == "aandacht":
        return attention(app, rap, fromdocname)
    stand = next((s for s in rap.onderdelen if s.onderdeel.id == target), None)
    return onderdeel_part(app, stand, fromdocname) if stand is not None else []


def terugblik_renderer(
    app: Sphinx, plan: Plan, node: kernbeleid_overview, fromdocname: str
) -> list[nodes.Node]:
    from ..records.voortgangsrapport import period_of_year, rapport

    text = node["target"].strip()
    if not text.isdigit() or len(text) != 4:
        _warn(f"kernbeleid-terugblik: '{text}' is geen jaartal; schrijf bijvoorbeeld 2026.", node)
        return []
    jaar = int(text)
    plan = year_plan(app, plan, node, jaar)
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


_YEAR_PLANS: WeakKeyDictionary[Plan, dict[tuple[str, int], Plan]] = WeakKeyDictionary()


def year_plan(app: Sphinx, plan: Plan, node: nodes.Element, jaar: int) -> Plan:
    """The plan of ``jaar``: with the Uitvoeringsplan archived beside the page by
    ``kernbeleid uitvoeringsplan vervolg`` (``jaarbeeld-2026.json``), else ``plan``."""
    # Here: the records' readers load PyYAML and ruamel.yaml, which a build that renders
    # no terugblik (or nothing at all) need not import (tests/test_import_cost.py).
    from ..records import jaarbeeld, metingen, voortgang

    source = node.source or ""

    path = Path(source).parent / jaarbeeld.filename(jaar) if source else None
    if path is None or not path.is_file():
        return plan
    cache = _YEAR_PLANS.setdefault(plan, {})
    key = (str(path), jaar)
    if key not in cache:
        archived = jaarbeeld.read(path)
        if archived is None:
            _warn(
                f"kernbeleid-terugblik: {path.name} is geen leesbaar archief van het "
                f"uitvoeringsplan {jaar}; het jaarbeeld toont het huidige plan.",
                node,
            )
            cache[key] = plan
        else:
            srcdir = Path(app.srcdir)
            cache[key] = jaarbeeld.plan_of_year(
                plan,
                archived,
                lambda new: voortgang.attach(new, srcdir) + metingen.attach(new, srcdir),
                jaar=jaar,
            )
    return cache[key]


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
