"""The docxtpl template: where it comes from, checking it, filling it, and the body slot.

Loaded only for a Word build.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.constants import CONTENT_TYPE as CT
from docxtpl import DocxTemplate

from ...writers.docx.ooxml import qn

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[2] / "docx_templates"

DEFAULT_TEMPLATE = "kernbeleid.docx"

LANDSCAPE_TEMPLATE = "kernbeleid-liggend.docx"


#: Tags the builder fills; a template may use any of them and must contain ``inhoud``.
TEMPLATE_TAGS = (
    "inhoud",
    "titel",
    "gemeente",
    "afzender",
    "periode",
    "uitvoeringsjaar",
    "versie",
    "status",
    "datum",
    "omschrijving",
)


class TemplateProblem(Exception):
    """A template that cannot be used; the message is Dutch and names the template."""


#: Text of the paragraph that stands in for ``{{p inhoud }}`` while docxtpl renders.
BODY_MARKER = "kernbeleid-inhoud-7c1e"


class BodyPlaceholder:
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


def insert_body(
    document: Any, path: Path, elements: list[Any], numbered: tuple[str, int] = ("", 0)
) -> list[int]:
    """Replace the marker paragraph(s) by the translated body elements.

    The result is what docxtpl would give for the body rendered in place: the same
    elements, and the drawings' ``wp:docPr`` ids numbered from 1001 in document order, as
    docxtpl's ``fix_docpr_ids`` numbers them. ``numbered``: the tag of an element standing
    in for parts numbered before (builders/docx/stukken) and how many drawings they hold;
    returned is, per such element, how far its numbers are off (their first was 1001).
    """
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
    stand_in, count = numbered
    offsets: list[int] = []
    index = 1001
    for doc_pr in body.iter(f"{{{WP_NS}}}docPr", stand_in or f"{{{WP_NS}}}docPr"):
        if doc_pr.tag == stand_in:
            offsets.append(index - 1001)
            index += count
            continue
        doc_pr.set("id", str(index))
        index += 1
    return offsets


WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def _jinja_env() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def find_template(confdir: Path, name: str) -> Path | None:
    """A template named in conf.py: beside conf.py, in its docx_templates/, or one of ours."""
    for candidate in (confdir / name, confdir / "docx_templates" / name, PACKAGE_TEMPLATES / name):
        if candidate.is_file():
            return candidate
    return None


def open_template(path: Path) -> tuple[DocxTemplate, set[str]]:
    """A readable template with valid Jinja, and the tags it uses; else a Dutch problem."""
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
    return tpl, set(used)


def load_template(path: Path, values: dict[str, Any]) -> DocxTemplate:
    """Open and check a template: readable, valid Jinja, only known tags, has ``inhoud``."""
    tpl, used = open_template(path)
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
