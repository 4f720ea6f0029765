"""The kernbeleid-docx builder: council-ready Word documents from docxtpl templates.

Each configured document is the whole toctree below its start document, inlined into
one tree (as the LaTeX builder does) and resolved once, so ``doctree-resolved`` runs on
it and the overview tables are filled. The translator turns that tree into Word body
elements which go into the template's ``{{p inhoud }}`` paragraph; the template keeps
the title page, styles, header and footer, so a gemeente can bring its own.
"""

from __future__ import annotations

import gc
import re
import shutil
from collections.abc import Callable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.console import darkgreen
from sphinx.util.docutils import new_document

from ...authoring.nodes import kernbeleid_overview
from ...build import stempel, uitvoermap
from ...build.datum import date_text
from ...build.geheugen import release
from ...build.huisstijl import huisstijl
from ...build.plan_cache import get_plan
from ...build.settings import settings_of
from ...files import atomic
from ...files.errors import FileProblem, inside
from ...model import display
from ...model.plan import Prioriteit
from ...model.settings import Settings
from ...render import chart_prefetch
from ...render.overviews import kept_for_reuse
from . import analyse as analyse_doc
from . import delen, per_gemeente, revisies
from . import raadsvoorstel as raadsvoorstel_doc
from . import voortgang as voortgang_doc
from . import wijzigingen as wijzigingen_doc

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

    from .convert import Conversion

# Only a Word build loads python-docx, docxtpl and the writer: the modules of this package
# that need them (template, package, convert, transforms, the writer) are imported where
# the builder first uses them, so an html build does not pay for them.

logger = logging.getLogger(__name__)

#: Start "document" of the annex the builder assembles from the plan itself.
GENERATED_ANNEX = "kernbeleid:bijlage"


@dataclass
class DocxDocument:
    start: str
    filename: str
    title: str | None
    template: str | None
    explicit: bool
    #: A joint plan: the gemeente this document is written for (None: shared by all).
    gemeente: str | None = None


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-")


class _LazyTranslator:
    """``DocxBuilder.default_translator_class``, imported on first use (on the class too:
    Sphinx's post-transforms ask the builder class), as it needs python-docx."""

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        from ...writers.docx import KernbeleidTranslator

        return KernbeleidTranslator


class DocxBuilder(Builder):
    """Writes one .docx (and optionally .pdf/.odt) per configured document."""

    name = "kernbeleid-docx"
    format = "docx"
    epilog = "De Word-documenten staan in %(outdir)s."
    supported_image_types = ["image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff"]
    supported_remote_images = False
    allow_parallel = False
    default_translator_class = _LazyTranslator()
    #: The annex repeats the plan's overview tables: render each once (render/overviews).
    reuses_overviews = True

    def __init__(self, app: Sphinx, env: Any) -> None:
        super().__init__(app, env)
        self._sphinx = app  # Builder.app is deprecated in Sphinx 9

    def init(self) -> None:
        self.documents: list[DocxDocument] = []
        self._soffice_warned = False
        self._conversions: list[Conversion] = []

    def get_outdated_docs(self) -> str:
        return "alle documenten"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        # References become '#anchor'; the translator links them inside one document.
        return ""

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        if per_gemeente.is_joint(self._sphinx):  # a joint plan: per gemeente its own
            self.documents = per_gemeente.documents(self)
        else:
            self.documents = self.configured_documents()
        if any(voortgang_doc.is_generated(doc.start) for doc in self.documents):
            # The voortgangsrapportage's charts are drawn beside the other documents.
            chart_prefetch.start(self._sphinx)

    # ------------------------------------------------------------------ configuration
    @property
    def settings(self) -> Settings:
        """The plan's ``kernbeleid_*`` settings, read once for the whole build."""

        return settings_of(self._sphinx)

    def configured_documents(self) -> list[DocxDocument]:
        settings = self.settings
        start, end = settings.periode
        gemeente = _safe_name(settings.gemeente or "gemeente")
        raw = settings.docx.documents
        explicit = raw is not None
        if raw is None:
            # The parts by what they hold (ivp/index or ivp.rst alike), else by name.
            parts = delen.find(self.env, get_plan(self._sphinx), self.config.root_doc)
            raw = [
                (parts.ivp or "ivp/index", f"IVP-{gemeente}-{start}-{end}.docx", None, None),
                (
                    parts.uitvoeringsplan or "uitvoeringsplan/index",
                    f"Uitvoeringsplan-{gemeente}-{settings.uitvoeringsjaar}.docx",
                    None,
                    None,
                ),
                (
                    parts.bijlagen or "bijlagen/index",
                    f"Bijlagen-{gemeente}-{start}-{end}.docx",
                    None,
                    "liggend",
                ),
            ]
            plan, outdir = get_plan(self._sphinx), Path(self.outdir)
            if (entry := voortgang_doc.default_entry(plan, gemeente, outdir)) is not None:
                raw.append(entry)  # once the plan's year has a reported quarter
            if "startnotitie" in self.env.found_docs:  # step 1 of the method
                raw.insert(
                    0, ("startnotitie", f"Startnotitie-{gemeente}-{start}-{end}.docx", None, None)
                )
            plan, srcdir = get_plan(self._sphinx), Path(self._sphinx.srcdir)
            if (entry := analyse_doc.default_entry(plan, gemeente, srcdir)) is not None:
                raw.append(entry)  # the veiligheidsanalyse, once police figures are imported
            if (entry := raadsvoorstel_doc.default_entry(self, gemeente)) is not None:
                raw.append(entry)  # the raadsvoorstel, when the plan has its chapter
            if (annex := wijzigingen_doc.default_entry(plan, gemeente)) is not None:
                raw.append(annex)  # the change annex, once the raad adopted a version
        documents: list[DocxDocument] = []
        skipped: list[str] = []
        for index, entry in enumerate(raw, start=1):
            doc = self._parse_entry(entry, index, explicit)
            if doc is None:
                continue
            if (
                doc.filename.startswith("Bijlagen-")
                and not explicit
                and (doc.start not in self.env.found_docs)
            ):
                # No annex written by hand: assemble one from the plan (if it has parts).

                if get_plan(self._sphinx).onderdelen:
                    doc.start, doc.title = GENERATED_ANNEX, "Bijlage: samenhang van het plan"
                    logger.info(
                        "kernbeleid-docx: geen 'bijlagen/index'; de bijlage met plattegrond, "
                        "samenhang en overzichtstabellen wordt uit het plan samengesteld."
                    )
                    documents.append(doc)
                    continue
            if (
                voortgang_doc.is_generated(doc.start)
                or analyse_doc.is_generated(doc.start)
                or raadsvoorstel_doc.is_generated(doc.start)
                or wijzigingen_doc.is_generated(doc.start)
            ):
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
            if all(
                d.start == GENERATED_ANNEX
                or voortgang_doc.is_generated(d.start)
                or analyse_doc.is_generated(d.start)
                or raadsvoorstel_doc.is_generated(d.start)
                or wijzigingen_doc.is_generated(d.start)
                for d in documents
            ):
                root = self.config.root_doc
                logger.info(
                    "kernbeleid-docx: geen apart IVP en uitvoeringsplan gevonden (een deel "
                    "met de prioriteiten en een deel met de maatregelen); het hele project "
                    f"('{root}') wordt één Word-document."
                )
                documents.insert(
                    0,
                    DocxDocument(
                        root, f"Veiligheidsplan-{gemeente}-{start}-{end}.docx", None, None, False
                    ),
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
        from .template import (
            DEFAULT_TEMPLATE,
            LANDSCAPE_TEMPLATE,
            PACKAGE_TEMPLATES,
            TemplateProblem,
            find_template,
        )

        name = doc.template or self.settings.docx.sjabloon
        if not name:
            return PACKAGE_TEMPLATES / DEFAULT_TEMPLATE
        if name == "liggend":
            return PACKAGE_TEMPLATES / LANDSCAPE_TEMPLATE
        found = find_template(Path(self.confdir), name)
        if found is not None:
            return found
        raise TemplateProblem(
            f"sjabloon '{name}' voor '{doc.filename}' niet gevonden (gezocht naast conf.py, "
            f"in docx_templates/ en bij de standaardsjablonen). Controleer de naam in "
            "kernbeleid_docx_sjabloon of kernbeleid_docx_documents."
        )

    # ------------------------------------------------------------------ writing
    def write_documents(self, _docnames: Set[str]) -> None:
        """One document at a time: its tree and Word package are released before the next
        is assembled, so memory does not grow with the number of documents."""
        from .template import TemplateProblem

        # What exists now (the environment, the needs, the plan) lives until the build ends:
        # kept out of the garbage collector's sight (frozen since write-started, see
        # _release_read_doctrees; what came since joins it). While a document is written the
        # collector waits: the tree and the Word package stay alive until the document is
        # saved. Each tree is frozen once assembled and taken apart once written (release),
        # so reference counting frees it and the pass after the document only meets what
        # writing it made (the Word package).
        _release_read_doctrees(self._sphinx, self)
        gc.freeze()
        collecting = gc.isenabled()
        try:
            last = self.documents[-1] if self.documents else None
            for doc in self.documents:
                gc.disable()
                try:
                    with per_gemeente.writing(self, doc):
                        self.write_document(doc)
                except FileProblem as problem:  # locked, read-only, full disk
                    uitvoermap.record_failure(self._sphinx, problem)
                    continue
                except TemplateProblem as problem:
                    logger.warning(
                        f"Word-document '{doc.filename}' niet gemaakt: {problem}",
                        type="kernbeleid",
                        subtype="sjabloon",
                    )
                    continue
                finally:
                    if collecting:
                        gc.enable()
                    if doc is not last:  # after the last one the build ends: no pass
                        gc.collect()
                        gc.freeze()  # what outlives a document (caches) is not scanned again
        finally:
            gc.unfreeze()
        self.convert_all()

    def write_document(self, doc: DocxDocument) -> None:
        # a configured name stays inside the output folder ('../../x.docx')
        target = inside(self.outdir, doc.filename, "kernbeleid_docx_documents")
        if raadsvoorstel_doc.is_generated(doc.start):  # its own template, part by part
            raadsvoorstel_doc.write(self, doc, target)
            uitvoermap.record_written(self._sphinx, target)
            return
        template = self.template_path(doc)
        tree = self.assemble_doctree(doc.start)
        # The tree is taken apart once written (release), so reference counting frees it;
        # what lives on (overviews a later document shows again) is frozen with it. The
        # pass after the document then only meets what writing it made.
        gc.freeze()
        self.write_docx(doc, tree, template, target)
        uitvoermap.record_written(self._sphinx, target)
        # The pickled doctrees Sphinx kept while putting this document together.
        getattr(self.env, "_pickled_doctree_cache", {}).clear()

    def assemble_doctree(self, start: str) -> nodes.document:
        if start == GENERATED_ANNEX:
            return self.generated_annex()
        if voortgang_doc.is_generated(start):
            return voortgang_doc.assemble(self, get_plan(self._sphinx), start)
        if analyse_doc.is_generated(start):
            return analyse_doc.assemble(self, get_plan(self._sphinx))
        if wijzigingen_doc.is_generated(start):
            return wijzigingen_doc.assemble(self, get_plan(self._sphinx))
        logger.info(darkgreen(start))
        tree = self.env.get_doctree(start)
        tree["docname"] = start
        tree = _inline_all_toctrees(self, {start}, start, tree, [start])
        tree["docname"] = start
        # The pickled doctrees Sphinx kept while reading them in: read, so no longer needed.
        getattr(self.env, "_pickled_doctree_cache", {}).clear()
        # Emits doctree-resolved on the whole tree: details, overview tables, and our
        # take-over of the Kernbeleid needs (prepare_items) run on it.
        self.env.resolve_references(tree, start, self)
        # Picks a PNG/JPG candidate for 'image:: kaart.*' (node['uri'] then names it).
        self.post_process_images(tree)
        return tree

    def generated_annex(self) -> nodes.document:
        """The traceability annex as placeholders, filled like the directives' ones."""

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
            node.source, node.line = str(self.env.doc2path(root)), 1
            return node

        top = section("Bijlage: samenhang van het plan", tree)
        top += nodes.paragraph(
            "",
            "Deze bijlage is samengesteld uit de doelen, indicatoren en maatregelen van het "
            "plan en is daarmee altijd in lijn met de tekst.",
        )
        section("Plattegrond van het veiligheidsterrein", top).append(overview("plattegrond"))
        section("Samenhang van doelen, indicatoren en maatregelen", top).append(overview("matrix"))
        jaar = plan.settings.uitvoeringsjaar
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
        settings = self.settings
        title = doc.title
        if not title and doc.start == GENERATED_ANNEX:
            title = "Bijlage: samenhang van het plan"
        if not title and voortgang_doc.is_generated(doc.start):
            title = voortgang_doc.title(get_plan(self._sphinx), doc.start)
        if not title and analyse_doc.is_generated(doc.start):
            title = analyse_doc.title(get_plan(self._sphinx))
        start, end = settings.periode
        if not title:
            title_node = self.env.titles.get(doc.start)
            title = title_node.astext() if title_node is not None else self.config.project
            if (
                not doc.explicit
                and doc.filename.startswith("Uitvoeringsplan-")
                and not re.search(r"\b(19|20)\d\d\b", title)
            ):
                # A chapter titled "Uitvoeringsplan": the cover names the year (the IVP's
                # period is on every cover already).
                title = f"{title} {settings.uitvoeringsjaar}"
        status = (settings.status or "concept").strip()
        if status.lower() not in ("concept", "vastgesteld"):
            logger.warning(
                f"kernbeleid_status '{status}' is geen bekende status; schrijf 'concept' of "
                "'vastgesteld'. De tekst wordt overgenomen zoals geschreven.",
                type="kernbeleid",
                subtype="docx",
            )
        return {
            "titel": title,
            "documenttitel": descriptive_title(title, settings.gemeente, f"{start}-{end}"),
            "gemeente": settings.gemeente,
            "afzender": display.afzender(settings),  # the template's sender line
            "periode": f"{start}-{end}",
            "uitvoeringsjaar": str(settings.uitvoeringsjaar),
            "versie": settings.versie,
            "status": status[:1].upper() + status[1:],
            "datum": self.title_page_date(doc),
            "omschrijving": "",  # the annex's cover line, filled once its chapters are known
        }

    def annex_description(self, doc: DocxDocument, title: str, chapters: list[str]) -> str:
        """For an annex ("Bijlagen"), the cover line naming what it belongs to and holds."""
        if not (doc.start == GENERATED_ANNEX or title.lower().startswith("bijlage")):
            return ""
        settings = self.settings
        start, end = settings.periode
        return delen.annex_description(
            chapters,
            get_plan(self._sphinx),
            f"Integraal Veiligheidsplan {start}-{end}",
            f"Uitvoeringsplan {settings.uitvoeringsjaar}",
        )

    def title_page_date(self, doc: DocxDocument | None = None) -> str:
        """The date on the title page and in the footer: ``kernbeleid_datum``, else the
        date of the sources' last change (never the moment of the build; see ``datum``);
        a voortgangsrapportage is dated by the quarter it reports on."""
        if doc is not None and voortgang_doc.is_generated(doc.start):
            reported = voortgang_doc.date_text(get_plan(self._sphinx), doc.start)
            if reported:
                return reported
        return date_text(self._sphinx)

    def write_docx(
        self, doc: DocxDocument, tree: nodes.document, template: Path, target: Path
    ) -> None:

        from ...writers.docx import DocxContext, KernbeleidTranslator
        from . import package, stukken
        from .a11y import PARTS_TAG
        from .template import BodyPlaceholder, insert_body, load_template, render

        values = self.context_values(doc, tree)
        tpl = load_template(template, values)
        document = tpl.get_docx()
        styles = package.ensure_styles(document)
        bullet, number = package.add_list_definitions(document)
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
        context.footnote_base = package.footnote_base(document)
        tree.settings = getattr(tree, "settings", None) or self.env.settings  # type: ignore[assignment]
        translator = KernbeleidTranslator(tree, self, context)
        # Each written part of the tree let go of at once, the body written out in parts.
        parts = stukken.start(translator, document, whole=revisies.compares(self, doc))
        tree.walkabout(translator)
        # Written: the tree goes before the Word package is finished and saved.
        release(tree, keep=kept_for_reuse())
        chapters = [text for level, text, _mark in context.headings if level == 1]
        values["omschrijving"] = self.annex_description(doc, values["titel"], chapters)
        render(tpl, template, {**values, "inhoud": BodyPlaceholder()})
        package.drop_empty_cover_lines(document)
        offsets = insert_body(
            document,
            template,
            (parts.stand_in() if parts else []) + translator.body,
            numbered=(PARTS_TAG, parts.drawings) if parts else ("", 0),
        )
        translator.body = []  # in the document now: freed with it, not by a collector pass
        package.add_footnotes(document, context.footnotes)
        if translator.sections_added:
            package.finish_sections(document, ends_landscape=translator.ends_landscape)
        slots = package.fill_toc(document, context.headings)
        package.finish_document(document, values)
        stempel.word_properties(document.core_properties, stempel.stamp(self._sphinx))
        stijl = huisstijl(self._sphinx)
        package.title_page_house_style(
            document,
            colour=stijl.tekstkleur if self.settings.huiskleur else None,
            logo=stijl.logo,
            alt=f"Logo gemeente {values['gemeente']}".strip(),
        )
        if self.settings.huiskleur:
            package.headings_house_style(document, stijl.tekstkleur, stijl.huiskleur)
        package.keep_number_ranges_together(document)
        revisies.mark(self, doc, document)  # kernbeleid_docx_wijzigingen
        if parts is not None:
            parts.saving(document, offsets)
        atomic.write(target, tpl.save)
        self.check_accessibility(doc, document, values, parts.record if parts else None)
        self.convert(target, tpl, slots)

    def check_accessibility(
        self, doc: DocxDocument, document: Any, values: dict[str, Any], parts: Any = None
    ) -> None:
        """Every document goes out checked (as just saved): each finding is a warning
        naming the file. ``parts``: the findings in the parts written out earlier."""
        from . import a11y as docx_a11y

        terms = (self.settings.gemeente, values["periode"].split("-")[0])
        for finding in docx_a11y.check_document(document, title_terms=terms, parts=parts):
            logger.warning(
                f"Toegankelijkheid van '{doc.filename}': {finding.message}",
                type="kernbeleid",
                subtype="toegankelijkheid",
            )

    # ------------------------------------------------------------------ PDF / ODT
    def convert(self, target: Path, tpl: DocxTemplate, slots: list[tuple[str, Any]]) -> None:
        """PDF/ODT of a saved document, made after the last one (:meth:`convert_all`): all
        documents in one LibreOffice call."""
        from .convert import Conversion

        formats = [
            fmt
            for fmt, wanted in (
                ("pdf", self.settings.docx.pdf),
                ("odt", self.settings.docx.odt),
            )
            if wanted
        ]
        if formats:
            self._conversions.append(Conversion(target, formats, [t for t, _slot in slots]))

    def convert_all(self) -> None:
        from .convert import convert_documents

        conversions, self._conversions = self._conversions, []
        if not conversions:
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

        def write(path: Path, writer: Callable[[Path], None]) -> bool:
            try:
                atomic.write(path, writer)
            except FileProblem as problem:  # e.g. the PDF is open in a viewer
                uitvoermap.record_failure(self._sphinx, problem)
                return False
            return True

        convert_documents(soffice, conversions, write)
        # The screen's "Geschreven in" list names each PDF/ODT right after its document.
        for conversion in conversions:
            after = conversion.target
            for fmt in conversion.made:
                made = conversion.target.with_suffix(f".{fmt}")
                uitvoermap.record_written_after(self._sphinx, made, after)
                after = made

    def finish(self) -> None:
        uitvoermap.report_written(self._sphinx)  # every file recorded with record_written


#: The plan a generic document title ("Bijlagen") belongs to.
PLAN_NAME = "Integraal Veiligheidsplan"


def descriptive_title(title: str, gemeente: str, periode: str) -> str:
    """The document title for the properties (what a screen reader and a file list show):
    the title page's title plus what it lacks of plan, gemeente and period (WCAG 2.4.2).

    "Bijlagen" becomes "Bijlagen – Integraal Veiligheidsplan gemeente Lindewaard 2026-2029".
    """
    parts = [title.strip()]
    lower = title.lower()
    if len(title.split()) < 3 and "plan" not in lower:
        parts.append(PLAN_NAME)
    if gemeente and gemeente.lower() not in lower:
        parts.append(f"gemeente {gemeente}")
    start_year = periode.split("-")[0]
    if start_year and start_year not in title:
        parts.append(periode)
    if len(parts) == 1:
        return parts[0]
    return f"{parts[0]} – {' '.join(parts[1:])}"


def _prepare_items(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """In a Word build only (``builders._setup_docx`` connects it): the Kernbeleid needs
    become the writer's nodes (transforms)."""
    from .transforms import prepare_items

    prepare_items(app, doctree, fromdocname)


# --------------------------------------------------------------------------- memory


def _release_read_doctrees(app: Sphinx, builder: Builder) -> None:
    """Before sphinx-needs resolves its needs: let go of the doctrees Sphinx kept from
    reading and freeze what lives on.

    Sphinx keeps every doctree read in this build for a builder that writes page by page;
    this one reads them back per document. Taken apart (:func:`release`) they are freed at
    once, without a pass of the garbage collector over the whole heap (about 3 s at
    10.000 maatregelen). What is alive then (the environment, the needs) lives until the
    build ends: frozen, the collector's passes while the needs are resolved and the plan
    is built no longer walk it.
    """
    if builder.name != DocxBuilder.name:
        return
    cache = getattr(app.env, "_write_doc_doctree_cache", None)
    if cache:
        for doctree in cache.values():
            release(doctree)
        cache.clear()
    gc.freeze()


def _thaw(app: Sphinx, _exception: BaseException | None) -> None:
    """Also a build that stopped before its documents were written leaves no frozen heap
    behind (a process running several builds, such as the tests)."""
    if app.builder.name == DocxBuilder.name:
        gc.unfreeze()


def _inline_all_toctrees(
    builder: Builder,
    docnameset: set[str],
    docname: str,
    tree: nodes.document,
    traversed: list[str],
    indent: str = "",
    *,
    copy: bool = True,
) -> nodes.document:
    """Sphinx's ``inline_all_toctrees``, without copying each included doctree: it was
    just read from its pickle for this document alone, so the copy (and the garbage it
    leaves: as much as the whole document) is not needed. The start document is copied,
    as Sphinx does."""
    if copy:
        tree = tree.deepcopy()
    for toctreenode in list(tree.findall(addnodes.toctree)):
        newnodes = []
        includefiles = map(str, toctreenode["includefiles"])
        indent += " "
        for includefile in includefiles:
            if includefile not in traversed:
                try:
                    traversed.append(includefile)
                    logger.info(indent + darkgreen(includefile))
                    subtree = _inline_all_toctrees(
                        builder,
                        docnameset,
                        includefile,
                        builder.env.get_doctree(includefile),
                        traversed,
                        indent,
                        copy=False,
                    )
                    docnameset.add(includefile)
                except Exception:
                    logger.warning(
                        __("toctree contains ref to nonexisting file %r"),
                        includefile,
                        location=docname,
                        type="toc",
                        subtype="not_readable",
                    )
                else:
                    sof = addnodes.start_of_file(docname=includefile)
                    sof.children = subtree.children
                    for sectionnode in sof.findall(nodes.section):
                        if "docname" not in sectionnode:
                            sectionnode["docname"] = includefile
                    newnodes.append(sof)
        assert toctreenode.parent is not None
        toctreenode.parent.replace(toctreenode, newnodes)
    return tree
