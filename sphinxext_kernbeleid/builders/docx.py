"""The kernbeleid-docx builder: council-ready Word documents from docxtpl templates.

Each configured document is the whole toctree below its start document, inlined into
one tree (as the LaTeX builder does) and resolved once, so ``doctree-resolved`` runs on
it and the overview tables are filled. The translator turns that tree into Word body
elements which go into the template's ``{{p inhoud }}`` paragraph; the template keeps
the title page, styles, header and footer, so a gemeente can bring its own.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import subprocess
import tempfile
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging
from sphinx.util.console import darkgreen
from sphinx.util.docutils import new_document
from sphinx.util.nodes import inline_all_toctrees

from .. import file_errors
from ..parsing import dutch_date

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

# python-docx, docxtpl and our writer (which needs python-docx) are imported where they
# are used, so only a kernbeleid-docx build pays for loading them, not every html build.

logger = logging.getLogger(__name__)

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "docx_templates"
DEFAULT_TEMPLATE = "kernbeleid.docx"
LANDSCAPE_TEMPLATE = "kernbeleid-liggend.docx"

#: Tags the builder fills; a template may use any of them and must contain ``inhoud``.
TEMPLATE_TAGS = (
    "inhoud",
    "titel",
    "gemeente",
    "periode",
    "uitvoeringsjaar",
    "versie",
    "status",
    "datum",
)

SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults footnotePr endnotePr compat docVars rsids mathPr attachedSchema "
    "themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures "
    "forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary shapeDefaults "
    "doNotEmbedSmartTags decimalSymbol listSeparator"
).split()

GROUPS = {
    "effectindicator": "indicatoren",
    "maatregel": "maatregelen",
    "prestatie-indicator": "maatregelen",
}


class TemplateProblem(Exception):
    """A template that cannot be used; the message is Dutch and names the template."""


#: Start "document" of the annex the builder assembles from the plan itself.
GENERATED_ANNEX = "kernbeleid:bijlage"


@dataclass
class DocxDocument:
    start: str
    filename: str
    title: str | None
    template: str | None
    explicit: bool


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-")


class _LazyTranslator:
    """``DocxBuilder.default_translator_class``, imported on first use (on the class too:
    Sphinx's post-transforms ask the builder class), as it needs python-docx."""

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        from ..writers.docx import DocxTranslator

        return DocxTranslator


class DocxBuilder(Builder):
    """Writes one .docx (and optionally .pdf/.odt) per configured document."""

    name = "kernbeleid-docx"
    format = "docx"
    epilog = "De Word-documenten staan in %(outdir)s."
    supported_image_types = ["image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff"]
    supported_remote_images = False
    allow_parallel = False
    default_translator_class = _LazyTranslator()  # type: ignore[assignment]

    def __init__(self, app: Sphinx, env: Any) -> None:
        super().__init__(app, env)
        self._sphinx = app  # Builder.app is deprecated in Sphinx 9

    def init(self) -> None:
        self.documents: list[DocxDocument] = []
        self._soffice_warned = False

    def get_outdated_docs(self) -> str:
        return "alle documenten"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        # References become '#anchor'; the translator links them inside one document.
        return ""

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        self.documents = self.configured_documents()

    # ------------------------------------------------------------------ configuration
    def configured_documents(self) -> list[DocxDocument]:
        config = self.config
        start, end = tuple(config.kernbeleid_periode)
        gemeente = _safe_name(config.kernbeleid_gemeente or "gemeente")
        raw = config.kernbeleid_docx_documents
        explicit = raw is not None
        if raw is None:
            raw = [
                ("ivp/index", f"IVP-{gemeente}-{start}-{end}.docx", None, None),
                (
                    "uitvoeringsplan/index",
                    f"Uitvoeringsplan-{gemeente}-{config.kernbeleid_uitvoeringsjaar}.docx",
                    None,
                    None,
                ),
                ("bijlagen/index", f"Bijlagen-{gemeente}-{start}-{end}.docx", None, "liggend"),
            ]
        documents: list[DocxDocument] = []
        skipped: list[str] = []
        for index, entry in enumerate(raw, start=1):
            doc = self._parse_entry(entry, index, explicit)
            if doc is None:
                continue
            if (
                doc.start == "bijlagen/index"
                and not explicit
                and doc.start not in self.env.found_docs
            ):
                # No annex written by hand: assemble one from the plan (if it has parts).
                from ..plan_cache import get_plan

                if get_plan(self._sphinx).onderdelen:
                    doc.start, doc.title = GENERATED_ANNEX, "Bijlage: samenhang van het plan"
                    logger.info(
                        "kernbeleid-docx: geen 'bijlagen/index'; de bijlage met plattegrond, "
                        "samenhang en overzichtstabellen wordt uit het plan samengesteld."
                    )
                    documents.append(doc)
                    continue
            if doc.start == GENERATED_ANNEX and explicit:
                documents.append(doc)
                continue
            if doc.start not in self.env.found_docs:
                if explicit:
                    logger.warning(
                        f"kernbeleid_docx_documents[{index}]: startdocument '{doc.start}' "
                        f"bestaat niet; '{doc.filename}' wordt niet gemaakt. Schrijf de "
                        "documentnaam zonder .rst, bijvoorbeeld 'ivp/index'.",
                        type="kernbeleid",
                        subtype="docx",
                    )
                else:
                    skipped.append(doc.start)
                continue
            documents.append(doc)
        if not explicit:
            if skipped and documents:
                logger.info(
                    "kernbeleid-docx: geen "
                    + ", ".join(f"'{s}'" for s in skipped)
                    + " in dit project; die documenten worden overgeslagen. Eigen "
                    "documenten stelt u in met kernbeleid_docx_documents in conf.py."
                )
            if all(d.start == GENERATED_ANNEX for d in documents):
                root = config.root_doc
                logger.info(
                    f"kernbeleid-docx: geen ivp/index, uitvoeringsplan/index of "
                    f"bijlagen/index; het hele project ('{root}') wordt één Word-document."
                )
                documents.insert(
                    0, DocxDocument(root, f"Veiligheidsplan-{gemeente}.docx", None, None, False)
                )
        return documents

    def _parse_entry(self, entry: Any, index: int, explicit: bool) -> DocxDocument | None:
        keys = ("start", "bestand", "titel", "sjabloon")
        if isinstance(entry, dict):
            values = [entry.get(k) for k in keys]
        elif isinstance(entry, (list, tuple)) and 2 <= len(entry) <= 4:
            values = [*entry, *[None] * (4 - len(entry))]
        else:
            values = []
        if not values or not values[0] or not values[1]:
            logger.warning(
                f"kernbeleid_docx_documents[{index}] is onleesbaar: {entry!r}. Schrijf per "
                "document (startdocument, bestandsnaam, titel, sjabloon), bijvoorbeeld "
                "('ivp/index', 'IVP.docx', None, None).",
                type="kernbeleid",
                subtype="docx",
            )
            return None
        start, filename, title, template = (str(v) if v else None for v in values)
        assert start and filename
        start = start.removesuffix(".rst")
        if not filename.lower().endswith(".docx"):
            filename += ".docx"
        return DocxDocument(start, filename, title, template, explicit)

    def template_path(self, doc: DocxDocument) -> Path:
        name = doc.template or self.config.kernbeleid_docx_sjabloon
        if not name:
            return PACKAGE_TEMPLATES / DEFAULT_TEMPLATE
        if name == "liggend":
            return PACKAGE_TEMPLATES / LANDSCAPE_TEMPLATE
        confdir = Path(self.confdir)
        for candidate in (
            confdir / name,
            confdir / "docx_templates" / name,
            PACKAGE_TEMPLATES / name,
        ):
            if candidate.is_file():
                return candidate
        raise TemplateProblem(
            f"sjabloon '{name}' voor '{doc.filename}' niet gevonden (gezocht naast conf.py, "
            f"in docx_templates/ en bij de standaardsjablonen). Controleer de naam in "
            "kernbeleid_docx_sjabloon of kernbeleid_docx_documents."
        )

    # ------------------------------------------------------------------ writing
    def write_documents(self, _docnames: Set[str]) -> None:
        for doc in self.documents:
            try:
                # i11: a configured name stays inside the output folder ('../../x.docx')
                target = file_errors.inside(self.outdir, doc.filename, "kernbeleid_docx_documents")
                template = self.template_path(doc)
                tree = self.assemble_doctree(doc.start)
                self.write_docx(doc, tree, template, target)
                file_errors.record_written(self._sphinx, target)  # i11
            except file_errors.FileProblem as problem:  # i11: locked/read-only/full disk
                file_errors.record_failure(self._sphinx, problem)
                continue
            except TemplateProblem as problem:
                logger.warning(
                    f"Word-document '{doc.filename}' niet gemaakt: {problem}",
                    type="kernbeleid",
                    subtype="sjabloon",
                )
                continue

    def assemble_doctree(self, start: str) -> nodes.document:
        if start == GENERATED_ANNEX:
            return self.generated_annex()
        logger.info(darkgreen(start))
        tree = self.env.get_doctree(start)
        tree["docname"] = start
        tree = inline_all_toctrees(self, {start}, start, tree, darkgreen, [start])
        tree["docname"] = start
        # Emits doctree-resolved on the whole tree: details, overview tables, and our
        # take-over of the Kernbeleid needs (prepare_items) run on it.
        self.env.resolve_references(tree, start, self)
        # Picks a PNG/JPG candidate for 'image:: kaart.*' (node['uri'] then names it).
        self.post_process_images(tree)
        return tree

    def generated_annex(self) -> nodes.document:
        """The traceability annex as placeholders, filled like the directives' ones."""
        from ..directives import RENDERERS, kernbeleid_overview
        from ..model import Prioriteit
        from ..plan_cache import get_plan

        plan = get_plan(self._sphinx)
        root = self.config.root_doc
        tree = new_document("<kernbeleid-bijlage>")
        tree["docname"] = root

        def section(title: str, parent: nodes.Element) -> nodes.section:
            node = nodes.section(ids=[nodes.make_id(f"bijlage {title}")])
            node += nodes.title("", title)
            parent += node
            return node

        def overview(kind: str, target: str = "") -> kernbeleid_overview:
            node = kernbeleid_overview(kind=kind, target=target)
            node.source, node.line = self.env.doc2path(root), 1
            return node

        top = section("Bijlage: samenhang van het plan", tree)
        top += nodes.paragraph(
            "",
            "Deze bijlage is samengesteld uit de doelen, indicatoren en maatregelen van het "
            "plan en is daarmee altijd in lijn met de tekst.",
        )
        section("Plattegrond van het veiligheidsterrein", top).append(overview("plattegrond"))
        if "matrix" in RENDERERS:
            section("Samenhang van doelen, indicatoren en maatregelen", top).append(
                overview("matrix")
            )
        jaar = self.config.kernbeleid_uitvoeringsjaar
        for onderdeel in plan.onderdelen:
            if isinstance(onderdeel, Prioriteit):
                label = f"Prioriteit {onderdeel.rang}" if onderdeel.rang else "Prioriteit"
            else:
                label = "Overig thema"
            part = section(f"{label}: {onderdeel.title}", top)
            section("Effectindicatoren", part).append(overview("indicatoren", onderdeel.id))
            section(f"Maatregelen {jaar}", part).append(overview("maatregelen", onderdeel.id))
        self.env.resolve_references(tree, root, self)
        return tree

    def context_values(self, doc: DocxDocument, tree: nodes.document) -> dict[str, Any]:
        config = self.config
        title = doc.title
        if not title and doc.start == GENERATED_ANNEX:
            title = "Bijlage: samenhang van het plan"
        if not title:
            title_node = self.env.titles.get(doc.start)
            title = title_node.astext() if title_node is not None else config.project
        start, end = tuple(config.kernbeleid_periode)
        status = (config.kernbeleid_status or "concept").strip()
        if status.lower() not in ("concept", "vastgesteld"):
            logger.warning(
                f"kernbeleid_status '{status}' is geen bekende status; schrijf 'concept' of "
                "'vastgesteld'. De tekst wordt overgenomen zoals geschreven.",
                type="kernbeleid",
                subtype="docx",
            )
        datum = (config.kernbeleid_datum or "").strip()
        if not datum:
            datum = dutch_date(dt.date.today())
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", datum):
            try:
                datum = dutch_date(dt.date.fromisoformat(datum))
            except ValueError:
                pass
        return {
            "titel": title,
            "gemeente": config.kernbeleid_gemeente,
            "periode": f"{start}-{end}",
            "uitvoeringsjaar": str(config.kernbeleid_uitvoeringsjaar),
            "versie": str(config.kernbeleid_versie),
            "status": status[:1].upper() + status[1:],
            "datum": datum,
        }

    def write_docx(
        self, doc: DocxDocument, tree: nodes.document, template: Path, target: Path
    ) -> None:
        from ..plan_cache import get_plan
        from ..writers.docx import DocxContext, DocxTranslator

        values = self.context_values(doc, tree)
        tpl = load_template(template, values)
        document = tpl.get_docx()
        styles = ensure_styles(document)
        bullet, number = add_list_definitions(document)
        section = document.sections[-1]
        text_width = int(section.page_width - section.left_margin - section.right_margin)
        landscape_width = 0
        if section.page_width < section.page_height:
            landscape_width = int(section.page_height - section.left_margin - section.right_margin)
        context = DocxContext(
            document=document,
            styles=styles,
            text_width=text_width,
            landscape_width=landscape_width,
            plan=get_plan(self._sphinx),
            bullet_abstract=bullet,
            number_abstract=number,
        )
        context.footnote_base = footnote_base(document)
        tree.settings = getattr(tree, "settings", None) or self.env.settings  # type: ignore[assignment]
        translator = DocxTranslator(tree, self, context)
        tree.walkabout(translator)
        render(tpl, template, {**values, "inhoud": _BodyPlaceholder()})
        insert_body(document, template, translator.body)
        add_footnotes(document, context.footnotes)
        if translator.sections_added:
            finish_sections(document, ends_landscape=translator.ends_landscape)
        slots = fill_toc(document, context.headings)
        finish_document(document, values)
        keep_number_ranges_together(document)
        file_errors.write(target, tpl.save)  # i11
        self.convert(target, tpl, slots)

    # ------------------------------------------------------------------ PDF / ODT
    def convert(self, target: Path, tpl: DocxTemplate, slots: list[tuple[str, Any]]) -> None:
        formats = [
            fmt
            for fmt, wanted in (
                ("pdf", self.config.kernbeleid_docx_pdf),
                ("odt", self.config.kernbeleid_docx_odt),
            )
            if wanted
        ]
        if not formats:
            return
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            if not self._soffice_warned:
                self._soffice_warned = True
                logger.warning(
                    "PDF/ODT niet gemaakt: LibreOffice (soffice) is niet gevonden. Installeer "
                    "LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer) of zet "
                    "kernbeleid_docx_pdf en kernbeleid_docx_odt op False. De DOCX-bestanden "
                    "zijn wel gemaakt.",
                    type="kernbeleid",
                    subtype="docx",
                )
            return
        if slots and "pdf" in formats and convert_with_soffice(soffice, target, "pdf"):
            # LibreOffice shows the TOC as we wrote it: fill in its page numbers, then
            # convert again (Word recomputes them itself when the document opens).
            numbers = toc_page_numbers(target.with_suffix(".pdf"), [t for t, _slot in slots])
            if numbers:
                for (_title, slot), number in zip(slots, numbers, strict=True):
                    slot.text = str(number)
                file_errors.write(target, tpl.save)  # i11
        for fmt in formats:
            convert_with_soffice(soffice, target, fmt)

    def finish(self) -> None:
        pass


# --------------------------------------------------------------------------- template


#: Text of the paragraph that stands in for ``{{p inhoud }}`` while docxtpl renders.
BODY_MARKER = "kernbeleid-inhoud-7c1e"


class _BodyPlaceholder:
    """The value of ``inhoud`` during rendering: one small marker paragraph.

    docxtpl renders the whole body as one string through Jinja, re-parses it and moves the
    parsed tree into the document; with the plan's body in it that took most of the build
    and grew faster than the plan (and held the body in memory three times over). So the
    template is rendered with this marker, and :func:`insert_body` puts the translated
    elements in its place afterwards. ``__html__`` makes the value safe under autoescape.
    """

    def __html__(self) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{BODY_MARKER}</w:t></w:r></w:p>'

    __str__ = __html__


def insert_body(document: Any, path: Path, elements: list[Any]) -> None:
    """Replace the marker paragraph(s) by the translated body elements.

    The result is what docxtpl would give for the body rendered in place: the same
    elements, and the drawings' ``wp:docPr`` ids numbered from 1001 in document order, as
    docxtpl's ``fix_docpr_ids`` numbers them.
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.oxml.ns import qn

    for part in document.part.package.iter_parts():
        if part.content_type in (CT.WML_HEADER, CT.WML_FOOTER) and any(
            BODY_MARKER in (t.text or "") for t in part.element.iter(qn("w:t"))
        ):
            raise TemplateProblem(
                f"sjabloon '{path}': de tag {{{{p inhoud }}}} staat in een kop- of "
                "voettekst. Zet {{p inhoud }} in de tekst van het document zelf."
            )
    body = document.element.body
    markers = [
        t.getparent().getparent()
        for t in body.iter(qn("w:t"))
        if t.text == BODY_MARKER
        and t.getparent().tag == qn("w:r")
        and t.getparent().getparent().tag == qn("w:p")
        and len(t.getparent().getparent()) == 1
        # '{{ inhoud }}' amid other text puts the marker inside that text's w:t.
        and t.getparent().getparent().getparent().tag not in (qn("w:t"), qn("w:r"))
    ]
    if not markers:
        raise TemplateProblem(
            f"sjabloon '{path}': de tag {{{{p inhoud }}}} staat niet in een eigen alinea. "
            "Zet {{p inhoud }} als enige tekst in een eigen alinea."
        )
    for number, marker in enumerate(markers):
        # A template that repeats the tag gets the body each time, as docxtpl renders it.
        for element in elements if number == 0 else map(copy.deepcopy, elements):
            marker.addprevious(element)
        marker.getparent().remove(marker)
    doc_prs = body.iter(f"{{{WP_NS}}}docPr")
    for index, doc_pr in enumerate(doc_prs, start=1001):
        doc_pr.set("id", str(index))


WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _jinja_env() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def load_template(path: Path, values: dict[str, Any]) -> DocxTemplate:
    """Open and check a template: readable, valid Jinja, only known tags, has ``inhoud``."""
    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        used = tpl.get_undeclared_template_variables(_jinja_env())
    except jinja2.TemplateSyntaxError as err:
        raise TemplateProblem(
            f"sjabloon '{path}' bevat een onjuiste tag: {err.message}. Controleer de "
            "{{ ... }}- en {% ... %}-tags in het sjabloon (Word kan ze splitsen of "
            "slimme aanhalingstekens invoegen; typ de tag opnieuw in één keer)."
        ) from None
    except Exception as err:  # a damaged or non-Word file
        raise TemplateProblem(
            f"sjabloon '{path}' is geen leesbaar Word-bestand ({err.__class__.__name__}). "
            "Sla het sjabloon opnieuw op als .docx."
        ) from None
    if "inhoud" not in used:
        raise TemplateProblem(
            f"sjabloon '{path}' mist de tag {{{{p inhoud }}}}: daar komt de tekst van het "
            "plan. Zet {{p inhoud }} als enige tekst in een eigen alinea."
        )
    unknown = sorted(used - set(TEMPLATE_TAGS) - set(values))
    if unknown:
        raise TemplateProblem(
            f"sjabloon '{path}' gebruikt onbekende tag(s): "
            + ", ".join(f"{{{{ {name} }}}}" for name in unknown)
            + ". Beschikbaar zijn: "
            + ", ".join(TEMPLATE_TAGS)
            + "."
        )
    return tpl


def footnotes_xml() -> str:
    """An empty footnotes part, with the separator notes Word expects."""
    from docx.oxml.ns import nsdecls

    return (
        f"<w:footnotes {nsdecls('w', 'r')}>"
        + "".join(
            f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0" '
            f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
            for number, kind in ((-1, "separator"), (0, "continuationSeparator"))
        )
        + "</w:footnotes>"
    )


def _footnotes_part(document: Any, create: bool) -> Any:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    part = document.part
    for rel in part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return rel.target_part
    if not create:
        return None
    footnotes = XmlPart(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(footnotes_xml()), part.package
    )
    part.relate_to(footnotes, RT.FOOTNOTES)
    # As Word writes it: the settings name the separator notes (schema order matters).
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        footnote_pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        later = {qn(f"w:{name}") for name in SETTINGS_AFTER_UPDATE_FIELDS[2:]}
        anchor = next((child for child in settings if child.tag in later), None)
        if anchor is not None:
            anchor.addprevious(footnote_pr)
        else:
            settings.append(footnote_pr)
    return footnotes


def footnote_base(document: Any) -> int:
    """The highest footnote id the template already has (its separators); ours follow."""
    from docx.oxml.ns import qn

    part = _footnotes_part(document, create=False)
    if part is None:
        return 0
    ids = [int(n.get(qn("w:id"))) for n in part.element.findall(qn("w:footnote"))]
    return max([0, *ids])


def add_footnotes(document: Any, notes: list[Any]) -> None:
    """Put the translated notes into the footnotes part (made when the template has none).

    A link or picture in a note refers to a relationship of the footnotes part, not of the
    document: those are made anew there.
    """
    from docx.oxml.ns import qn

    if not notes:
        return
    part = _footnotes_part(document, create=True)
    doc_rels = document.part.rels
    for note in notes:
        for element in note.iter():
            for attr in (qn("r:id"), qn("r:embed")):
                rid = element.get(attr)
                if rid is None or rid not in doc_rels:
                    continue
                rel = doc_rels[rid]
                if rel.is_external:
                    new = part.relate_to(rel.target_ref, rel.reltype, is_external=True)
                else:
                    new = part.relate_to(rel.target_part, rel.reltype)
                element.set(attr, new)
        part.element.append(note)


def finish_sections(document: Any, *, ends_landscape: bool) -> None:
    """The template's own section is now the last of several: the title page is in the
    first one, and after a final landscape table the last section is landscape too."""
    from docx.oxml.ns import qn

    from ..writers.docx import landscape_sectpr

    body = document.element.body
    final = body.find(qn("w:sectPr"))
    if final is None:
        return
    if ends_landscape:
        final.getparent().replace(final, landscape_sectpr(final))
    else:
        for title_page in final.findall(qn("w:titlePg")):
            final.remove(title_page)


def render(tpl: DocxTemplate, path: Path, context: dict[str, Any]) -> None:
    try:
        tpl.render(context, jinja_env=_jinja_env(), autoescape=True)
    except jinja2.UndefinedError as err:
        raise TemplateProblem(
            f"sjabloon '{path}': {err.message}. Beschikbare tags: {', '.join(TEMPLATE_TAGS)}."
        ) from None
    except jinja2.TemplateError as err:
        raise TemplateProblem(
            f"sjabloon '{path}' kan niet worden ingevuld: {err}. Controleer de tags."
        ) from None


def ensure_styles(document: Any) -> dict[str, str]:
    """Map the writer's style names to this template's style ids; copy missing ones.

    A gemeente template made in a Dutch Word names Heading 1 'Kop1' (id) but keeps the
    built-in name 'heading 1', so we look styles up by name, case-insensitively.
    """
    from docx import Document
    from docx.oxml.ns import qn

    from ..writers.docx import STYLE_NAMES

    styles_el = document.styles.element
    by_name = {
        (s.find(qn("w:name")).get(qn("w:val")) or "").lower(): s.get(qn("w:styleId"))
        for s in styles_el.findall(qn("w:style"))
        if s.find(qn("w:name")) is not None
    }
    missing = [name for name in STYLE_NAMES if name.lower() not in by_name]
    if missing:
        default = Document(str(PACKAGE_TEMPLATES / DEFAULT_TEMPLATE)).styles.element
        defaults = {
            (s.find(qn("w:name")).get(qn("w:val")) or "").lower(): s
            for s in default.findall(qn("w:style"))
            if s.find(qn("w:name")) is not None
        }
        for name in missing:
            style = defaults.get(name.lower())
            if style is None:
                continue
            style = copy.deepcopy(style)
            style_id = style.get(qn("w:styleId"))
            existing_ids = {s.get(qn("w:styleId")) for s in styles_el.findall(qn("w:style"))}
            if style_id in existing_ids:
                style_id = f"Kb{style_id}"
                style.set(qn("w:styleId"), style_id)
            styles_el.append(style)
            by_name[name.lower()] = style_id
    return {name: by_name[name.lower()] for name in STYLE_NAMES if name.lower() in by_name}


_LEVEL_XML = """<w:lvl {ns} w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>
<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="{left}" w:hanging="357"/></w:pPr>{rpr}</w:lvl>"""


def add_list_definitions(document: Any) -> tuple[int, int]:
    """Our bullet and decimal list definitions, added to this document's numbering."""
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = document.part.numbering_part.element
    used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    first = max(used, default=-1) + 1
    bullets = ("\u2022", "\u2013", "\u25aa")
    decimals = (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}."))
    anchor = numbering.find(qn("w:num"))
    for offset, numbered in ((0, False), (1, True)):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(first + offset))
        multi = OxmlElement("w:multiLevelType")
        multi.set(qn("w:val"), "hybridMultilevel")
        abstract.append(multi)
        for ilvl in range(9):
            if numbered:
                fmt, text = decimals[ilvl % 3]
                text = text.format(n=ilvl + 1)
                rpr = ""
            else:
                fmt, text = "bullet", bullets[ilvl % 3]
                rpr = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr>'
            abstract.append(
                parse_xml(
                    _LEVEL_XML.format(
                        ns=nsdecls("w"),
                        ilvl=ilvl,
                        fmt=fmt,
                        text=text,
                        left=357 * (ilvl + 1) + 0,
                        rpr=rpr,
                    )
                )
            )
        if anchor is not None:
            anchor.addprevious(abstract)
        else:
            numbering.append(abstract)
    return first, first + 1


def fill_toc(document: Any, headings: list[tuple[int, str, str]]) -> list[tuple[str, Any]]:
    """Put the headings into the TOC field's shown result, linked to their place.

    Word rebuilds the field with page numbers when the document opens (updateFields);
    LibreOffice shows this result as is, so the list is already right without Word.
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    body = document.element.body
    instr = next(
        (i for i in body.iter(qn("w:instrText")) if (i.text or "").strip().startswith("TOC")),
        None,
    )
    if instr is None or not headings:
        return []
    levels = re.search(r'\\o\s+"(\d)-(\d)"', instr.text or "")
    deepest = int(levels.group(2)) if levels else 3
    headings = [h for h in headings if h[0] <= deepest]
    paragraph = instr.getparent().getparent()
    runs = [r for r in paragraph if r.tag == qn("w:r")]
    kinds = [
        (r, r.find(qn("w:fldChar")).get(qn("w:fldCharType")))
        for r in runs
        if r.find(qn("w:fldChar")) is not None
    ]
    separate = next((r for r, kind in kinds if kind == "separate"), None)
    end = next((r for r, kind in kinds if kind == "end"), None)
    if separate is None or end is None:
        return []
    started = False
    for run in runs:
        if run is separate:
            started = True
            continue
        if run is end:
            break
        if started:
            paragraph.remove(run)
    paragraph.remove(end)
    styles = {
        (s.find(qn("w:name")).get(qn("w:val")) or "").lower(): s.get(qn("w:styleId"))
        for s in document.styles.element.findall(qn("w:style"))
        if s.find(qn("w:name")) is not None
    }
    last = paragraph
    slots: list[tuple[str, Any]] = []
    for index, (level, text, bookmark) in enumerate(headings):
        entry = parse_xml(
            f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="'
            f'{styles.get(f"toc {level}", "Normal")}"/></w:pPr>'
            f'<w:hyperlink w:anchor="{bookmark}" w:history="1"><w:r><w:t xml:space="preserve">'
            f"</w:t></w:r><w:r><w:tab/></w:r>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            "<w:r><w:t></w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "</w:hyperlink></w:p>"
        )
        texts = list(entry.iter(qn("w:t")))
        texts[0].text = text
        slots.append((text, texts[-1]))
        if index == 0:
            paragraph.find(qn("w:pPr")).find(qn("w:pStyle")).set(
                qn("w:val"), styles.get(f"toc {level}", "Normal")
            )
            for child in list(entry):
                if child.tag != qn("w:pPr"):
                    paragraph.append(child)
        else:
            last.addnext(entry)
            last = entry
    last.append(end)
    return slots


def toc_page_numbers(pdf: Path, titles: list[str]) -> list[int] | None:
    """Pages of the headings in a PDF, read with pdftotext (None when unavailable).

    The TOC lists every heading first, in order; the body repeats them in the same order
    after it, so the second ordered pass over the pages finds the body's pages.
    """
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None or not titles:
        return None
    try:
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=120
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    pages = [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for page in text.split("\f")
    ]

    def starts(line: str, title: str) -> bool:
        head = " ".join(title.split())[:40]
        return line.startswith(head) or (len(line) > 12 and head.startswith(line))

    def ordered(start_page: int) -> list[int] | None:
        found, page = [], start_page
        for title in titles:
            while page < len(pages) and not any(starts(line, title) for line in pages[page]):
                page += 1
            if page >= len(pages):
                return None
            found.append(page)
        return found

    in_toc = ordered(0)
    if in_toc is None:
        return None
    in_body = ordered(in_toc[-1] + 1)
    return [page + 1 for page in in_body] if in_body else None


#: A hyphen between digits ("2026-2029"): a period, which should not break over two lines.
NUMBER_RANGE = re.compile(r"(?<=\d)-(?=\d)")
TITLE_PAGE_STYLES = ("Title", "Subtitle", "Titelpagina gegevens")


def keep_number_ranges_together(document: Any) -> None:
    """Non-breaking hyphens in "2026-2029" on the title page and in header and footer.

    Word breaks a line after any hyphen, so a long title ended in "2026-" with "2029" alone
    on the next line. Word's own w:noBreakHyphen looks the same and keeps the period whole.
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    names = {
        style.find(qn("w:name")).get(qn("w:val")).lower(): style.get(qn("w:styleId"))
        for style in document.styles.element.findall(qn("w:style"))
        if style.find(qn("w:name")) is not None
    }
    title_ids = {names[n.lower()] for n in TITLE_PAGE_STYLES if n.lower() in names}
    containers: list[Any] = []
    ppr_tag, p_tag, val = qn("w:pPr"), qn("w:p"), qn("w:val")
    # One C-level search for the style elements, not a find() per paragraph of the body.
    for style in document.element.body.iter(qn("w:pStyle")):
        ppr = style.getparent()
        if style.get(val) in title_ids and ppr.tag == ppr_tag and ppr.getparent().tag == p_tag:
            containers.append(ppr.getparent())
    for part in document.part.package.iter_parts():
        if part.content_type in (CT.WML_HEADER, CT.WML_FOOTER):
            containers.append(part.element)
    for container in containers:
        for t in list(container.iter(qn("w:t"))):
            pieces = NUMBER_RANGE.split(t.text or "")
            if len(pieces) == 1:
                continue
            t.text = pieces[0]
            t.set(qn("xml:space"), "preserve")
            anchor = t
            for piece in pieces[1:]:
                hyphen = OxmlElement("w:noBreakHyphen")
                anchor.addnext(hyphen)
                anchor = OxmlElement("w:t")
                anchor.text = piece
                anchor.set(qn("xml:space"), "preserve")
                hyphen.addnext(anchor)


def finish_document(document: Any, values: dict[str, Any]) -> None:
    """Properties, language and field updating: set here so any template gets them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    core = document.core_properties
    core.title = values["titel"]
    core.language = "nl-NL"
    core.subject = f"Integrale veiligheid gemeente {values['gemeente']}"
    core.author = f"Gemeente {values['gemeente']}" if values["gemeente"] else ""
    core.comments = ""
    core.keywords = "integrale veiligheid; Kernbeleid Veiligheid"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    core.created = core.modified = now
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "nl-NL")
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        # Schema order: updateFields comes right before these (Word is strict about it).
        later = {qn(f"w:{name}") for name in SETTINGS_AFTER_UPDATE_FIELDS}
        anchor = next((child for child in settings if child.tag in later), None)
        if anchor is not None:
            anchor.addprevious(update)
        else:
            settings.append(update)
    update.set(qn("w:val"), "true")


def convert_with_soffice(soffice: str, source: Path, fmt: str) -> bool:
    """DOCX -> tagged PDF (PDF/UA) or ODT with LibreOffice, headless, own profile."""
    filters = {
        "pdf": 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
        '"PDFUACompliance":{"type":"boolean","value":"true"},'
        '"ExportBookmarks":{"type":"boolean","value":"true"}}',
        "odt": "odt",
    }
    with tempfile.TemporaryDirectory(prefix="kb-soffice-") as profile:
        try:
            result = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--convert-to",
                    filters[fmt],
                    "--outdir",
                    str(source.parent),
                    str(source),
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            result = None
            detail = str(err)
        else:
            detail = (result.stderr or result.stdout).strip()
    produced = source.with_suffix(f".{fmt}")
    if result is None or result.returncode != 0 or not produced.is_file():
        logger.warning(
            f"{fmt.upper()} van '{source.name}' niet gemaakt door LibreOffice: "
            f"{detail or 'onbekende fout'}. Het DOCX-bestand is wel gemaakt.",
            type="kernbeleid",
            subtype="docx",
        )
        return False
    return True


# --------------------------------------------------------------------------- doctree


def prepare_items(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Take the Kernbeleid needs out of sphinx-needs' layout before it formats them.

    Runs at ``doctree-resolved`` priority 390, before the HTML details block (400) and
    sphinx-needs (500): we replace each Need node of a Kernbeleid type by our own node
    holding the same content. This relies only on the Need node and its id (stable
    across sphinx-needs layouts and themes), not on the rendered table's classes.
    """
    if app.builder.name != DocxBuilder.name:
        return
    from sphinx_needs.nodes import Need

    from ..plan_cache import get_plan
    from ..writers.docx import kernbeleid_item

    plan = get_plan(app)
    touched: list[nodes.Element] = []
    for need in list(doctree.findall(Need)):
        ids = need.get("ids") or []
        item = plan.get(ids[0]) if ids else None
        if item is None:
            continue
        replacement = kernbeleid_item(item_id=item.id, item_type=item.type)
        replacement.source, replacement.line = need.source, need.line
        replacement.extend(need.children)
        need.replace_self(replacement)
        if replacement.parent is not None:
            touched.append(replacement.parent)
    seen: set[int] = set()
    for parent in touched:
        if id(parent) not in seen:
            seen.add(id(parent))
            _group_children(parent)


def _group_children(parent: nodes.Element) -> None:
    """Consecutive indicators / maatregelen (with their PIs) become one table group."""
    from ..writers.docx import kernbeleid_group, kernbeleid_item

    new_children: list[nodes.Node] = []
    group: kernbeleid_group | None = None
    for child in list(parent.children):
        kind = (
            GROUPS.get(child.get("item_type", "")) if isinstance(child, kernbeleid_item) else None
        )
        if kind is not None:
            if group is None or group["kind"] != kind:
                group = kernbeleid_group(kind=kind)
                group.source, group.line = child.source, child.line
                new_children.append(group)
            group.append(child)
            continue
        if isinstance(child, (nodes.target, nodes.comment)) and group is not None:
            group.append(child)
            continue
        group = None
        new_children.append(child)
    parent.children = []
    parent.extend(new_children)


def setup(app: Sphinx) -> None:
    """Register the builder and its config values."""
    app.add_config_value("kernbeleid_docx_documents", None, "", (list, tuple, type(None)))
    app.add_config_value("kernbeleid_docx_sjabloon", "", "", str)
    app.add_config_value("kernbeleid_docx_pdf", False, "", bool)
    app.add_config_value("kernbeleid_docx_odt", False, "", bool)
    app.add_builder(DocxBuilder)
    app.connect("doctree-resolved", prepare_items, priority=390)
