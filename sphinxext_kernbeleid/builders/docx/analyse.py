"""The Word veiligheidsanalyserapportage, assembled from the plan and its police figures.

Start name ``kernbeleid:veiligheidsanalyse`` in ``kernbeleid_docx_documents``; without that
setting the builder makes it whenever the plan has ``metingen/politiecijfers.yaml``. The
pieces are those of ``.. kernbeleid-veiligheidsanalyse::`` (``render/analyse.py``) under
real headings: the plattegrond, per veld and theme the figures, chart and the method's
three questions (veld 1: problematiek per theme, aanpak and extra per aspect), the
themes without analysis, and the police codes that count for no theme.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import new_document

from ...authoring.nodes import kernbeleid_overview
from ...model import catalogue
from ...model.analyse import analysejaar
from ...model.plan import Plan
from ...records import politie

if TYPE_CHECKING:
    from . import DocxBuilder

GENERATED = "kernbeleid:veiligheidsanalyse"
TITLE = "Veiligheidsanalyse"


def is_generated(start: str) -> bool:
    return start == GENERATED


def default_entry(plan: Plan, gemeente: str, srcdir: Path) -> tuple[str, str, None, None] | None:
    """Made without ``kernbeleid_docx_documents`` once police figures are imported."""
    if not politie.path_of(srcdir).is_file():
        return None
    return (GENERATED, f"Veiligheidsanalyse-{gemeente}-{analysejaar(plan)}.docx", None, None)


def title(plan: Plan) -> str:
    return f"{TITLE} {analysejaar(plan)}"


def assemble(builder: DocxBuilder, plan: Plan) -> nodes.document:
    root = builder.config.root_doc
    tree = new_document("<kernbeleid-veiligheidsanalyse>")
    tree["docname"] = root

    def section(heading: str, parent: nodes.Element) -> nodes.section:
        node = nodes.section(ids=[nodes.make_id(f"analyse {heading}")])
        node += nodes.title("", heading)
        parent += node
        return node

    def part(target: str) -> kernbeleid_overview:
        node = kernbeleid_overview(kind="veiligheidsanalyse", target=target)
        node.source, node.line = str(builder.env.doc2path(root)), 1
        return node

    top = section(title(plan), tree)
    intro = section("Over deze analyse", top)
    intro += nodes.paragraph(
        "",
        "Per thema van de vijf veiligheidsvelden staan hier de cijfers en de antwoorden op "
        "de drie vragen van de methode Kernbeleid Veiligheid: welke problematiek speelt er, "
        "wat is de huidige aanpak en wat is er extra nodig? Voor veld 1 zijn de laatste twee "
        "vragen per aspect beantwoord. De cijfers zijn de geregistreerde misdrijven van de "
        "politie, per thema opgeteld volgens de indeling die met het plan is meegeleverd.",
    )
    section("Plattegrond", top).append(part("plattegrond"))
    for veld in catalogue.load().fields:
        veld_section = section(f"Veld {veld.code}: {veld.naam}", top)
        for theme in veld.themes:
            section(theme.label, veld_section).append(part(theme.code))
        if veld.code == "1":
            aspects = section("Aanpak per aspect", veld_section)
            for aspect in catalogue.load().aspects:
                section(f"Aspect {aspect.label}", aspects).append(part(aspect.code))
    section("Thema's en aspecten zonder analyse", top).append(part("zonder-analyse"))
    section("Soorten misdrijf die bij geen thema horen", top).append(part("niet-ingedeeld"))
    builder.env.resolve_references(tree, root, builder)
    return tree
