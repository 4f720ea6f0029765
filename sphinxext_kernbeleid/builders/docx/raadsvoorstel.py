"""The Word raadsvoorstel: ``Raadsvoorstel-<gemeente>-<periode>.docx``, from its own template.

The griffie's template (``kernbeleid_raadsvoorstel_sjabloon``; by default the package's
``kernbeleid-raadsvoorstel.docx``, made by ``docx_templates/make_raadsvoorstel.py``) holds
the house style, the fixed headings and texts, and a tag per part: ``{{ onderwerp }}`` and
the other plain values, and ``{{p beslispunten }}``, ``{{p inleiding }}``, … each alone in a
paragraph, where that part's text goes. A griffie may order, rename or leave out parts.

What is computed comes from the plan, never from prose: the beslispunten and the draft
raadsbesluit (with the budget), the argumenten's list of prioriteiten, the financiën (the
begroting of ``model/trace.py``), the method's cycle in vervolg, the documents in
bijlagen, the check's verdict and the amendementen. The prose parts come from the
``raadsvoorstel`` chapter (``authoring/raadsvoorstel.py``); a missing one reads
``[IN TE VULLEN]`` (and the check reports it).

Start name ``kernbeleid:raadsvoorstel``; without ``kernbeleid_docx_documents`` the builder
makes it whenever the plan has the chapter.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import new_document

from ...authoring import raadsvoorstel as chapter
from ...build import stempel
from ...build.huisstijl import huisstijl
from ...build.plan_cache import get_findings, get_plan, whole_plan
from ...check import gemeenten as samen
from ...check.rapport import verdict_text
from ...check.ruleset import FOUT, WAARSCHUWING, Finding
from ...files import atomic
from ...model import display, trace
from ...model.plan import Plan, Prioriteit, Thema
from ...render import amendementen as amendementen_render
from ...render.begroting import ivp_sentences, line_label
from ...render.tables import Cell, make_table

if TYPE_CHECKING:
    from . import DocxBuilder, DocxDocument

logger = logging.getLogger(__name__)

GENERATED = "kernbeleid:raadsvoorstel"
TEMPLATE = "kernbeleid-raadsvoorstel.docx"
TITLE = "Raadsvoorstel"

#: Tags with a plain value.
PLAIN_TAGS = (
    "onderwerp",
    "titel",
    "gemeente",
    "afzender",
    "periode",
    "uitvoeringsjaar",
    "versie",
    "status",
    "datum",
)
#: Tags ``{{p … }}`` that receive a part: paragraphs, lists and tables.
PART_TAGS = (
    "beslispunten",
    "inleiding",
    "argumenten",
    "kanttekeningen",
    "financien",
    "communicatie",
    "vervolg",
    "bijlagen",
    "raadsbesluit",
    "toetsuitslag",
    "amendementen",
)

MARKER = "kernbeleid-raadsvoorstel-{}-7c1e"


def is_generated(start: str) -> bool:
    return start == GENERATED


def default_entry(builder: DocxBuilder, gemeente: str) -> tuple[str, str, None, None] | None:
    """Made without ``kernbeleid_docx_documents`` when the plan has the chapter."""
    if not chapter.has_chapter(builder.env):
        return None
    start, end = builder.settings.periode
    return (GENERATED, f"Raadsvoorstel-{gemeente}-{start}-{end}.docx", None, None)


class _Marker:
    """The value of a part's tag while docxtpl renders: one marker paragraph, replaced by
    the part's elements afterwards (as ``template.BodyPlaceholder``)."""

    def __init__(self, name: str) -> None:
        self.text = MARKER.format(name)

    def __html__(self) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{self.text}</w:t></w:r></w:p>'

    __str__ = __html__


# --------------------------------------------------------------------------- the parts


def _para(*parts: str | nodes.Node) -> nodes.paragraph:
    node = nodes.paragraph()
    for part in parts:
        node += nodes.Text(part) if isinstance(part, str) else part
    return node


def _list(items: Sequence[nodes.Node], numbered: bool = False) -> nodes.Element:
    listing: nodes.Element = nodes.enumerated_list() if numbered else nodes.bullet_list()
    for item in items:
        entry = nodes.list_item()
        entry += item if isinstance(item, nodes.paragraph) else _para(item)
        listing += entry
    return listing


def _placeholder(key: str) -> list[nodes.Node]:
    return [
        _para(
            f"[IN TE VULLEN: {chapter.PARTS[key].lower()} — schrijf deze tekst onder de kop "
            f"'{chapter.PARTS[key]}' in het hoofdstuk {chapter.DOCNAME} van het plan]"
        )
    ]


def beslispunten(plan: Plan) -> list[nodes.paragraph]:
    """What the raad decides: the IVP, the Uitvoeringsplan, the budget (from trace)."""
    s = plan.settings
    begroting = trace.begroting(plan)
    gemeente = f" van de gemeente {s.gemeente}" if s.gemeente else ""
    out = [
        _para(
            f"Het Integraal Veiligheidsplan {display.periode(s.periode)}{gemeente} vast te stellen."
        ),
        _para(
            f"Kennis te nemen van het Uitvoeringsplan Integrale Veiligheid {s.uitvoeringsjaar}, "
            f"dat het college vaststelt."
        ),
    ]
    if begroting.jaarbudget:
        extra = ""
        if begroting.intensivering:
            extra = (
                f", waarvan {display.money(begroting.intensivering)} intensivering (nieuw geld) "
                f"en {display.money(begroting.bestaand)} bestaand budget"
            )
        out.append(
            _para(
                f"Voor de uitvoering van het plan een jaarbudget van "
                f"{display.money(begroting.jaarbudget)} beschikbaar te stellen{extra}."
            )
        )
    return out


def argumenten(plan: Plan) -> list[nodes.Node]:
    prioriteiten = sorted(
        (o for o in plan.onderdelen if isinstance(o, Prioriteit)),
        key=lambda p: (p.rang is None, p.rang or 0),
    )
    themas = [o for o in plan.onderdelen if isinstance(o, Thema)]
    out: list[nodes.Node] = [
        _para(
            f"Het plan kiest {display.count(len(prioriteiten), 'prioriteit', 'prioriteiten')}"
            + (
                f" en houdt {display.count(len(themas), 'overig thema', 'overige thema’s')} "
                "als lopende aanpak in beeld"
                if themas
                else ""
            )
            + ". De prioriteiten en waarom:"
        )
    ]
    items = []
    for prioriteit in prioriteiten:
        why = " ".join(prioriteit.content.strip().split("\n\n")[0].split())
        why = re.sub(r"\*\*?([^*]+)\*\*?|``?([^`]+)``?", lambda m: m[1] or m[2], why)
        item = _para(nodes.strong("", f"{display.onderdeel_label(prioriteit)}."))
        if why:
            item += nodes.Text(f" {why}")
        items.append(item)
    if items:
        out.append(_list(items))
    return out


def financien(plan: Plan) -> list[nodes.Node]:
    """The begroting: every line and the total from ``trace``, the same as the IVP's table."""
    begroting = trace.begroting(plan)
    rows: list[list[Cell]] = [
        [line_label(line.item), display.money(line.jaarbudget)] for line in begroting.lines
    ]
    rows.append([nodes.strong("", "Totaal"), nodes.strong("", display.money(begroting.jaarbudget))])
    table = make_table(
        ["Onderdeel", "Jaarbudget"],
        rows,
        widths=[65, 35],
        classes=["kernbeleid-begroting"],
        title=f"Jaarbudget integrale veiligheid {display.periode(plan.settings.periode)}",
    )
    split = begroting.intensivering is not None
    return [table, _para(" ".join(ivp_sentences(begroting, split)))]


def vervolg(plan: Plan) -> list[nodes.Node]:
    """The method's cycle after the decision."""
    s = plan.settings
    start, end = s.periode
    return [
        _para("Na vaststelling volgt de jaarlijkse cyclus van de methode Kernbeleid Veiligheid:"),
        _list(
            [
                _para(
                    f"elk jaar een uitvoeringsplan van het college, te beginnen met "
                    f"{s.uitvoeringsjaar}: wat gemeente en partners dat jaar doen, met trekkers, "
                    f"planning en budget;"
                ),
                _para(
                    "elk kwartaal rapporteren de partners de voortgang van hun maatregelen; "
                    "de raad ontvangt een voortgangsrapportage;"
                ),
                _para(
                    "elk jaar een jaarbeeld: de metingen van de effectindicatoren tegen de "
                    "streefwaarden, als terugblik in het volgende uitvoeringsplan;"
                ),
                _para(
                    f"in {end} een evaluatie van het plan {start}-{end} als opmaat naar het "
                    f"volgende integraal veiligheidsplan."
                ),
            ]
        ),
    ]


def bijlagen(builder: DocxBuilder, doc: DocxDocument) -> list[nodes.Node]:
    """The other documents the raad gets: in a joint plan the shared ones and her own."""
    files = [
        d.filename for d in builder.documents if d is not doc and d.gemeente in (None, doc.gemeente)
    ]
    items = [_para(name) for name in files]
    items.append(_para("De uitkomst van de toets ‘raadsrijp?’ (bijlage bij dit voorstel)."))
    return [_list(items)]


def raadsbesluit(plan: Plan, datum: str) -> list[nodes.Node]:
    s = plan.settings
    gemeente = f"de gemeente {s.gemeente}" if s.gemeente else "de gemeente"
    return [
        _para(f"De raad van {gemeente};"),
        _para(f"gelezen het voorstel van burgemeester en wethouders van {datum};"),
        _para("besluit:"),
        _list(list(beslispunten(plan)), numbered=True),
        _para("Aldus vastgesteld in de openbare vergadering van ……………………"),
        _para("De griffier, ……………………            De voorzitter, ……………………"),
    ]


def _findings(builder: DocxBuilder, plan: Plan) -> list[Finding]:
    """The findings this raad's verdict counts: in a joint plan, those of the check per
    gemeente that hold for her (as in the report's verdict per gemeente), in her words."""
    app = builder._sphinx
    whole = whole_plan(app)
    if whole is plan or not whole.settings.gemeenten:
        return get_findings(app, plan)
    naam = plan.settings.gemeente
    return [
        replace(f, message=samen.own_message(f))
        for f in samen.findings_of(get_findings(app, whole), naam)
    ]


def toetsuitslag(builder: DocxBuilder, plan: Plan) -> list[nodes.Node]:
    findings = [f for f in _findings(builder, plan) if f.waived is None]
    fouten = [f for f in findings if f.severity == FOUT]
    waarschuwingen = [f for f in findings if f.severity == WAARSCHUWING]
    out: list[nodes.Node] = [
        _para(
            "Uitkomst van de toets: ",
            nodes.strong("", verdict_text(len(fouten))),
            f". De toets vond {display.count(len(fouten), 'fout', 'fouten')} en "
            f"{display.count(len(waarschuwingen), 'waarschuwing', 'waarschuwingen')}.",
        ),
    ]
    if fouten:
        shown = fouten[:MAX_FINDINGS]
        items = [
            _para(f"{f.rule}" + _place(builder, f.docname, f.lineno) + f": {f.message}")
            for f in shown
        ]
        if len(fouten) > len(shown):
            items.append(
                _para(
                    f"… en nog {len(fouten) - len(shown)} fouten: zie het toetsrapport "
                    f"(kernbeleid-rapport.html)."
                )
            )
        out.append(_list(items))
    return out


#: The raadsvoorstel lists at most this many fouten; the check report has them all.
MAX_FINDINGS = 20


def _place(builder: DocxBuilder, docname: str | None, lineno: int | None) -> str:
    """`` (ivp/prioriteiten.rst, regel 12)``: the file a writer edits."""
    if not docname:
        return ""
    try:
        where = Path(builder.env.doc2path(docname, base=False)).as_posix()
    except Exception:  # a record file, not a document
        where = docname
    return f" ({where}, regel {lineno})" if lineno else f" ({where})"


def amendementen(builder: DocxBuilder, plan: Plan) -> list[nodes.Node]:
    rows = amendementen_render.rows(builder._sphinx, plan)
    if not rows:
        return [_para("Bij dit voorstel zijn (nog) geen amendementen ingediend.")]
    return [
        make_table(
            ["Nr.", "Titel", "Indieners", "Status", "Wijzigt"],
            rows,
            widths=[8, 24, 20, 16, 32],
            classes=["kernbeleid-amendementen"],
            title="Amendementen",
        )
    ]


def parts(builder: DocxBuilder, doc: DocxDocument, plan: Plan, datum: str) -> tuple[str, dict]:
    """The onderwerp and every part's nodes."""
    written: dict[str, nodes.section] = {}
    if chapter.has_chapter(builder.env):
        tree = builder.env.get_doctree(chapter.DOCNAME)
        builder.env.resolve_references(tree, chapter.DOCNAME, builder)
        written, _unknown = chapter.parts_of(tree)

    def prose(key: str, required: bool) -> list[nodes.Node]:
        section = written.get(key)
        if section is None:
            return _placeholder(key) if required else []
        return [copy.deepcopy(child) for child in section.children[1:]]

    s = plan.settings
    onderwerp_section = written.get("onderwerp")
    onderwerp = (
        " ".join(
            " ".join(child.astext() for child in onderwerp_section.children[1:]).split()
            if onderwerp_section is not None
            else ()
        )
        or f"Vaststelling Integraal Veiligheidsplan {display.periode(s.periode)}"
    )
    return onderwerp, {
        "beslispunten": [_list(list(beslispunten(plan)), numbered=True)],
        "inleiding": prose("inleiding", True),
        "argumenten": argumenten(plan) + prose("argumenten", True),
        "kanttekeningen": prose("kanttekeningen", True),
        "financien": financien(plan) + prose("financien", False),
        "communicatie": prose("communicatie", True),
        "vervolg": vervolg(plan) + prose("vervolg", False),
        "bijlagen": bijlagen(builder, doc) + prose("bijlagen", False),
        "raadsbesluit": raadsbesluit(plan, datum),
        "toetsuitslag": toetsuitslag(builder, plan),
        "amendementen": amendementen(builder, plan),
    }


# --------------------------------------------------------------------------- the template


def template_path(builder: DocxBuilder) -> Path:
    from .template import PACKAGE_TEMPLATES, TemplateProblem, find_template

    name = builder.settings.docx.raadsvoorstel_sjabloon
    if not name:
        return PACKAGE_TEMPLATES / TEMPLATE
    found = find_template(Path(builder.confdir), name)
    if found is None:
        raise TemplateProblem(
            f"sjabloon '{name}' voor het raadsvoorstel niet gevonden (gezocht naast conf.py, in "
            "docx_templates/ en bij de standaardsjablonen). Controleer "
            "kernbeleid_raadsvoorstel_sjabloon."
        )
    return found


def _load(path: Path) -> Any:
    from .template import TemplateProblem, open_template

    tpl, used = open_template(path)
    unknown = sorted(used - set(PLAIN_TAGS) - set(PART_TAGS))
    if unknown:
        raise TemplateProblem(
            f"sjabloon '{path}' gebruikt onbekende tag(s): "
            + ", ".join(f"{{{{ {n} }}}}" for n in unknown)
            + ". Beschikbaar zijn: "
            + ", ".join(PLAIN_TAGS)
            + " en, elk in een eigen alinea, "
            + ", ".join(f"{{{{p {n} }}}}" for n in PART_TAGS)
            + "."
        )
    return tpl


def _insert(document: Any, path: Path, name: str, elements: list[Any]) -> int:
    """Put ``elements`` where the template has ``{{p name }}``; how many places it has."""
    from ...writers.docx.ooxml import qn
    from .template import TemplateProblem

    text = MARKER.format(name)
    body = document.element.body
    markers = [t.getparent().getparent() for t in body.iter(qn("w:t")) if t.text == text]
    for number, marker in enumerate(markers):
        if marker.tag != qn("w:p") or len(marker) != 1:
            raise TemplateProblem(
                f"sjabloon '{path}': de tag {{{{p {name} }}}} staat niet in een eigen alinea. "
                f"Zet {{{{p {name} }}}} als enige tekst in een eigen alinea."
            )
        for element in elements if number == 0 else map(copy.deepcopy, elements):
            marker.addprevious(element)
        marker.getparent().remove(marker)
    return len(markers)


def write(builder: DocxBuilder, doc: DocxDocument, target: Path) -> None:
    """Assemble, translate and fill the raadsvoorstel; save, check and convert it."""
    from ...writers.docx import DocxContext, KernbeleidTranslator
    from ...writers.docx.ooxml import qn
    from . import package
    from .template import render

    plan = get_plan(builder._sphinx)
    settings = builder.settings
    start, end = settings.periode
    datum = builder.title_page_date()
    onderwerp, content = parts(builder, doc, plan, datum)
    status = (settings.status or "concept").strip()
    title = doc.title or TITLE
    from . import descriptive_title

    values: dict[str, Any] = {
        "onderwerp": onderwerp,
        "titel": title,
        "documenttitel": descriptive_title(
            f"{title}: {onderwerp}", settings.gemeente, f"{start}-{end}"
        ),
        "gemeente": settings.gemeente,
        "afzender": display.afzender(settings),
        "periode": f"{start}-{end}",
        "uitvoeringsjaar": str(settings.uitvoeringsjaar),
        "versie": settings.versie,
        "status": status[:1].upper() + status[1:],
        "datum": datum,
    }
    path = template_path(builder)
    tpl = _load(path)
    document = tpl.get_docx()
    styles = package.ensure_styles(document)
    bullet, number = package.add_list_definitions(document)
    section = document.sections[-1]
    context = DocxContext(
        document=document,
        styles=styles,
        text_width=int(section.page_width - section.left_margin - section.right_margin),
        plan=plan,
        bullet_abstract=bullet,
        number_abstract=number,
    )
    context.footnote_base = package.footnote_base(document)
    bodies: dict[str, list[Any]] = {}
    root = builder.config.root_doc
    for name, children in content.items():
        tree = new_document(f"<kernbeleid-raadsvoorstel-{name}>")
        tree["docname"] = root
        tree.extend(children)
        translator = KernbeleidTranslator(tree, builder, context)
        tree.walkabout(translator)
        bodies[name] = translator.body
        # The writer starts a body on a new page (after a title page); a part follows its
        # heading in the template.
        first = translator.body[0] if translator.body else None
        ppr = first.find(qn("w:pPr")) if first is not None else None
        if ppr is not None:
            for brk in list(ppr.findall(qn("w:pageBreakBefore"))):
                ppr.remove(brk)
    render(tpl, path, {**values, **{name: _Marker(name) for name in PART_TAGS}})
    for name, elements in bodies.items():
        if not _insert(document, path, name, elements) and elements:
            # A griffie's own template without this part: say what the raad will not read.
            logger.warning(
                f"Raadsvoorstel: het sjabloon '{path.name}' heeft geen plaats voor het "
                f"onderdeel '{name}'; die tekst staat daarom niet in het raadsvoorstel. Zet "
                f"{{{{p {name} }}}} als eigen alinea in het sjabloon, of laat het onderdeel "
                "bewust weg.",
                type="kernbeleid",
                subtype="sjabloon",
            )
    package.add_footnotes(document, context.footnotes)
    package.finish_document(document, values)
    stempel.word_properties(document.core_properties, stempel.stamp(builder._sphinx))
    stijl = huisstijl(builder._sphinx)
    package.title_page_house_style(
        document,
        colour=stijl.tekstkleur if settings.huiskleur else None,
        logo=stijl.logo,
        alt=f"Logo gemeente {settings.gemeente}".strip(),
    )
    package.keep_number_ranges_together(document)
    atomic.write(target, tpl.save)
    builder.check_accessibility(doc, document, values)
    builder.convert(target, tpl, [])
