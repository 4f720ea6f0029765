"""The veiligheidsanalyse directive's content: per theme figures, chart and the three parts.

``.. kernbeleid-veiligheidsanalyse::`` shows the plattegrond and every field; with an
argument only a part: ``plattegrond``, ``zonder-analyse``, ``veld 2`` or one theme or
aspect code (``1.3``, ``A5``). The Word document (``builders/docx/analyse.py``) puts
the same pieces under real headings.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..authoring.nodes import kernbeleid_overview
from ..model import catalogue
from ..model.parsing import format_number
from ..model.plan import Plan
from .metingen import IMAGE_DIR, laatste_meting_text
from .tables import Cell, make_table

if TYPE_CHECKING:
    # The analysis, its figures' readers (PyYAML) and the chart load where a page shows a
    # veiligheidsanalyse (tests/test_import_cost.py).
    from ..model import analyse
    from ..model.analyse import ThemaAnalyse
    from ..records import monitor, politie


logger = logging.getLogger(__name__)
CACHE_DIR = "kernbeleid-analyse"
_FIGURES: dict[str, tuple[tuple[int, int], politie.Politiecijfers]] = {}
_SURVEY: dict[str, tuple[tuple[int, int], monitor.Monitorcijfers]] = {}


def figures_of(app: Sphinx) -> politie.Politiecijfers:
    """The plan's police figures (read once per change of the file); empty when none."""
    from ..records import politie

    path = politie.path_of(Path(app.srcdir))
    if not path.is_file():
        return politie.Politiecijfers()
    stat = path.stat()
    key = (stat.st_size, stat.st_mtime_ns)
    cached = _FIGURES.get(str(path))
    if cached and cached[0] == key:
        return cached[1]
    data, problems = politie.read_file(path)
    for problem in problems:
        logger.warning(problem, type="kernbeleid", subtype="politie")
    result = data or politie.Politiecijfers()
    _FIGURES[str(path)] = (key, result)
    return result


def survey_of(app: Sphinx) -> monitor.Monitorcijfers:
    """The plan's Veiligheidsmonitor figures (read once per change of the file); empty when none."""
    from ..records import monitor

    path = monitor.path_of(Path(app.srcdir))

    if not path.is_file():
        return monitor.Monitorcijfers()
    stat = path.stat()
    key = (stat.st_size, stat.st_mtime_ns)
    cached = _SURVEY.get(str(path))
    if cached and cached[0] == key:
        return cached[1]
    data, problems = monitor.read_file(path)
    for problem in problems:
        logger.warning(problem, type="kernbeleid", subtype="monitor")
    result = data or monitor.Monitorcijfers()
    _SURVEY[str(path)] = (key, result)
    return result


def survey_table(t: ThemaAnalyse, reeksen: dict[str, monitor.Reeks]) -> nodes.table:
    """The theme's Veiligheidsmonitor subjects: one row each, the last four survey years."""
    years = sorted({y for r in reeksen.values() for y in r.jaren})[-4:]
    rows: list[list[Cell]] = []
    for reeks in reeksen.values():
        indicator = next(
            (p.indicator for p in reeks.themas if p.thema == t.thema.code and p.indicator), None
        )
        name = reeks.titel + (f" (indicator {indicator})" if indicator else "")
        values = []
        for year in years:
            value = reeks.jaren.get(year)
            text = "–" if value is None else format_number(value)
            values.append(f"{text} (voorlopig)" if year in reeks.voorlopig else text)
        rows.append([name, reeks.eenheid or "–", *values])
    width = 40 // max(len(years), 1)
    return make_table(
        ["Onderwerp", "Eenheid", *(str(y) for y in years)],
        rows,
        widths=[45, 15, *([width] * len(years))],
        title=f"Veiligheidsmonitor {t.thema.label}",
    )


def velden(app: Sphinx, plan: Plan) -> list[analyse.VeldAnalyse]:
    from ..model import analyse, politiecodes

    cijfers = figures_of(app)
    indeling = politiecodes.load()
    codes = {
        thema: [c for c in indeling.codes_of(thema) if c in cijfers.soorten]
        for thema in cijfers.themas
    }
    return analyse.build(plan, catalogue.load(), cijfers.themas, codes)


def plattegrond_table(velden_: list[analyse.VeldAnalyse]) -> nodes.table:
    rows: list[list[Cell]] = []
    for veld in velden_:
        for t in veld.themas:
            rows.append(
                [
                    f"{veld.veld.code} {veld.veld.naam}",
                    t.thema.label,
                    t.omvang,
                    t.trend.tekst,
                    "gekozen" if t.gekozen else ("ja" if t.kandidaat else "nee"),
                    "beschreven" if t.has_analysis else "ontbreekt",
                ]
            )
    return make_table(
        ["Veld", "Thema", "Omvang", "Trend", "Kandidaat-prioriteit", "Analyse"],
        rows,
        widths=[18, 26, 22, 16, 10, 10],
        title="Plattegrond van de veiligheidsanalyse",
    )


def chart(app: Sphinx, t: ThemaAnalyse, fromdocname: str) -> nodes.Node | None:
    """The theme's chart as an image with alt text; a file path for Word, a URI for HTML."""
    from . import analyse_grafiek

    if not t.cijfers:
        return None
    cache = Path(app.doctreedir) / CACHE_DIR
    path = analyse_grafiek.cached_png(t.thema.label, t.cijfers, cache)
    alt = analyse_grafiek.alt_text(t.thema.label, t.cijfers)
    if getattr(app.builder, "format", "") == "html":
        target = Path(app.outdir) / IMAGE_DIR / path.name
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        page = app.builder.get_target_uri(fromdocname)
        uri = posixpath.relpath(f"{IMAGE_DIR}/{path.name}", posixpath.dirname(page) or ".")
    else:
        uri = str(path)
    image = nodes.image(uri=uri, alt=alt, candidates={"?": uri}, classes=["kernbeleid-grafiek"])
    return nodes.paragraph("", "", image, classes=["kernbeleid-grafiek"])


def figures_table(t: ThemaAnalyse) -> nodes.table:
    rows: list[list[Cell]] = []
    for year, c in sorted(t.cijfers.items()):
        per = format_number(c.per_1000, 1) if c.per_1000 is not None else "–"
        # a provisional year is part of a year: never shown as if it were the whole year
        label = f"{year} (deel van het jaar)" if c.voorlopig else str(year)
        rows.append([label, format_number(c.aantal), per, "ja" if c.voorlopig else "nee"])
    return make_table(
        ["Jaar", "Misdrijven", "Per 1.000 inwoners", "Voorlopig"],
        rows,
        widths=[15, 25, 30, 20],
        title=f"Politiecijfers {t.thema.label}",
    )


def part_nodes(t: ThemaAnalyse, keys: tuple[str, ...]) -> list[nodes.Node]:
    from ..model import analyse
    from ..model.analyse import PART_QUESTIONS

    out: list[nodes.Node] = []
    for key in keys:
        text = t.parts.get(key, "")
        out.append(nodes.rubric("", PART_QUESTIONS[key]))
        if not analyse.filled(text):
            out.append(nodes.paragraph("", "Nog niet beschreven."))
            continue
        out.extend(nodes.paragraph("", p) for p in text.split("\n\n"))
    return out


def thema_nodes(app: Sphinx, t: ThemaAnalyse, veld: str, fromdocname: str) -> list[nodes.Node]:
    """What the method asks of one theme; veld 1's themes give only the problematiek."""
    from ..model import analyse
    from ..model.analyse import AANPAK, EXTRA, PROBLEMATIEK

    out: list[nodes.Node] = []
    if t.thema.is_aspect:
        keys: tuple[str, ...] = (AANPAK, EXTRA)
    elif veld == "1":
        keys = (PROBLEMATIEK,)
    else:
        keys = (PROBLEMATIEK, AANPAK, EXTRA)
    if not t.thema.is_aspect:
        if t.cijfers:
            out.append(
                nodes.paragraph(
                    "",
                    f"Politiecijfers: {t.omvang}; trend {t.trend.tekst}. Soorten misdrijf: "
                    f"{', '.join(t.codes) or '–'}.",
                )
            )
            out.append(figures_table(t))
            if (image := chart(app, t, fromdocname)) is not None:
                out.append(image)
        else:
            out.append(nodes.paragraph("", "Geen politiecijfers voor dit thema."))
        if reeksen := survey_of(app).van_thema(t.thema.code):
            out.append(survey_table(t, reeksen))
        for ei in t.indicatoren:
            meting = laatste_meting_text(ei) or "nog geen meting"
            text = f"Effectindicator {ei.title}, laatste meting: {meting}"
            out.append(nodes.paragraph("", text))
    if not t.has_analysis:
        out.append(nodes.paragraph("", "Voor dit thema is nog geen analyse geschreven."))
        return out
    out.extend(part_nodes(t, keys))
    if analyse.filled(t.parts.get("overig", "")):
        out.extend(nodes.paragraph("", p) for p in t.parts["overig"].split("\n\n"))
    return out


def zonder_nodes(velden_: list[analyse.VeldAnalyse]) -> list[nodes.Node]:
    from ..model import analyse

    missing = analyse.zonder_analyse(velden_)
    if not missing:
        return [nodes.paragraph("", "Voor elk thema en elk aspect is een analyse geschreven.")]
    items = nodes.bullet_list()
    for t in missing:
        items += nodes.list_item("", nodes.paragraph("", t.thema.label))
    return [nodes.paragraph("", "Zonder analyse (nog te beschrijven):"), items]


def niet_ingedeeld_nodes(app: Sphinx) -> list[nodes.Node]:
    """The police codes and survey subjects that count for no theme, with the last value and why."""
    from ..model import politiecodes

    indeling = politiecodes.load()
    rows: list[list[Cell]] = []
    for code, soort in figures_of(app).niet_ingedeeld.items():
        known = indeling.codes.get(code)
        year = max(soort.jaren, default=None)
        count = f"{format_number(soort.jaren[year])} ({year})" if year is not None else "–"
        reden = known.grond if known else "code staat niet in de indeling"
        rows.append([code, soort.titel or "(zonder titel)", count, reden])
    out: list[nodes.Node] = []
    if not rows:
        out.append(nodes.paragraph("", "Alle soorten misdrijf in de cijfers horen bij een thema."))
    else:
        out.append(
            make_table(
                ["Code", "Soort misdrijf", "Aantal", "Waarom bij geen thema"],
                rows,
                widths=[10, 30, 15, 45],
                title="Niet ingedeelde soorten misdrijf",
            )
        )
    survey = survey_of(app)
    if survey.onderwerpen:
        rows = []
        for reeks in survey.niet_ingedeeld.values():
            year = max(reeks.jaren, default=None)
            value = f"{format_number(reeks.jaren[year])} ({year})" if year is not None else "–"
            rows.append([reeks.kolom, reeks.titel or "(zonder titel)", value, reeks.grond])
        if not rows:
            text = "Alle onderwerpen van de Veiligheidsmonitor horen bij een thema."
            out.append(nodes.paragraph("", text))
        else:
            out.append(
                make_table(
                    ["Kolom", "Onderwerp", "Waarde", "Waarom bij geen thema"],
                    rows,
                    widths=[20, 20, 15, 45],
                    title="Niet ingedeelde onderwerpen van de Veiligheidsmonitor",
                )
            )
    return out


def render(
    app: Sphinx, plan: Plan, node: kernbeleid_overview, fromdocname: str
) -> list[nodes.Node]:
    velden_ = velden(app, plan)
    target = node["target"].strip()
    if target == "plattegrond":
        return [plattegrond_table(velden_)]
    if target == "zonder-analyse":
        return zonder_nodes(velden_)
    if target == "niet-ingedeeld":
        return niet_ingedeeld_nodes(app)
    for veld in velden_:
        for t in (*veld.themas, *veld.aspecten):
            if t.thema.code == target:
                return thema_nodes(app, t, veld.veld.code, fromdocname)
    chosen = [v for v in velden_ if not target or target in (f"veld {v.veld.code}", v.veld.code)]
    if not chosen:
        logger.warning(
            f"kernbeleid-veiligheidsanalyse: '{target}' is geen thema, aspect of veld; "
            "schrijf bijvoorbeeld 1.3, A5, 'veld 2' of 'plattegrond'.",
            location=node,
            type="kernbeleid",
        )
        return []
    out: list[nodes.Node] = [plattegrond_table(velden_)] if not target else []
    for veld in chosen:
        out.append(nodes.rubric("", f"Veld {veld.veld.code}: {veld.veld.naam}"))
        for t in (*veld.themas, *veld.aspecten):
            prefix = "Aspect" if t.thema.is_aspect else "Thema"
            out.append(nodes.rubric("", f"{prefix} {t.thema.label}"))
            out.extend(thema_nodes(app, t, veld.veld.code, fromdocname))
    if not target:
        out.extend(zonder_nodes(velden_))
    return out
