"""OOXML helpers: qualified names, elements in schema order, text Word accepts.

Loaded only for a Word build (python-docx and lxml are imported at the top).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
from typing import Any

from docx.oxml.ns import nsmap as NSMAP
from docx.oxml.ns import qn as _qn
from lxml import etree

#: "w:p" -> "{namespace}p"; the writer asks this about a million times for a large plan.
qn = functools.cache(_qn)

# Characters XML 1.0 forbids; docxtpl also turns \t \n \a \f inside w:t into markup.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_SPACES = re.compile(r"[\t\r\n]+")

#: Any character either of the two above replaces: most text has none and is kept as is.
_CHANGED = re.compile("[\x00-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text safe for a w:t: no control characters, source line breaks become spaces.

    "€ 25.000" keeps the sign with the amount (a no-break space), as Dutch typesetting does.
    """
    if _CHANGED.search(text) is None and "€ " not in text:
        return text
    return _BAD_CHARS.sub("", _SPACES.sub(" ", text)).replace("€ ", "€\u00a0")


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for a docutils id (letters, digits, _; max 40 characters)."""
    name = "kb_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor)
    if len(name) > 40:
        name = name[:31] + "_" + hashlib.sha1(anchor.encode()).hexdigest()[:8]
    return name


#: Schema order of w:pPr children (Word rejects a document with them out of order).
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()

_PPR_RANK = {qn(f"w:{name}"): rank for rank, name in enumerate(PPR_ORDER)}


def set_ppr(ppr: Any, child: Any) -> None:
    """Put ``child`` into a w:pPr at its schema position, replacing one of the same kind."""
    rank = _PPR_RANK[child.tag]
    for existing in ppr:
        existing_rank = _PPR_RANK.get(existing.tag, len(PPR_ORDER))
        if existing_rank == rank:
            existing.addprevious(child)
            ppr.remove(existing)
            return
        if existing_rank > rank:
            existing.addprevious(child)
            return
    ppr.append(child)


@functools.cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    prefix = tag.partition(":")[0]
    return qn(tag), {prefix: NSMAP[prefix]}


@functools.cache
def _w_attr(key: str) -> str:
    return qn(f"w:{key}")


#: Makes the writer's elements. python-docx's parser gives every element a Python class of
#: its own (looked up per element made); the writer needs plain lxml only, at half the cost
#: per element. Put into the document, they are the same XML.
_PLAIN = etree.XMLParser()


def el(tag: str, **attrs: str) -> Any:
    """A new element ``tag`` with w: attributes, without parsing the tag each time."""
    clark, nsdecls = _tag(tag)
    element = _PLAIN.makeelement(clark, nsmap=nsdecls)
    for key, value in attrs.items():
        element.set(_w_attr(key), value)
    return element


def sub_el(parent: Any, tag: str, **attrs: str) -> Any:
    """A new last child of ``parent`` (a w: element): made in place, so cheaper than
    ``_el`` plus ``append``, and the same XML."""
    if not attrs:  # most elements: no attributes
        return _SubElement(parent, _tag(tag)[0])
    return _SubElement(parent, _tag(tag)[0], {_w_attr(key): value for key, value in attrs.items()})


_SubElement = etree.SubElement

#: Parses the XML text of a whole table (a large plan's overview is megabytes of it).
_TEXT_PARSER = etree.XMLParser(huge_tree=True)

#: The w: namespace declaration for the outermost element of a piece of XML text.
W_NS_DECL = f' xmlns:w="{NSMAP["w"]}"'


def open_xml(element: Any) -> str:
    """The XML text of ``element`` and its children, without its closing tag: what a
    piece of XML text writes to start that element (its children still to come)."""
    text = etree.tostring(element, encoding=str).replace(W_NS_DECL, "")
    if text.endswith("/>"):
        return text[:-2] + ">"
    return text[: text.rindex("</")]


def xml_text(text: str) -> str:
    """``text`` escaped for XML text as lxml writes it (a quote stays a quote: a table
    kept as text is written out as it is, writers/docx/table_as_text). Not for an
    attribute value."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def parse_xml(text: str) -> Any:
    """One element from XML text (its outermost element declares the w: namespace): a
    whole table read in one go instead of made element by element, the same XML."""
    return etree.fromstring(text, _TEXT_PARSER)


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def remove_children(parent: Any, tag: str) -> None:
    for child in parent.findall(qn(tag)):
        parent.remove(child)


def landscape_sectpr(sectpr: Any) -> Any:
    """A copy of a (portrait) w:sectPr turned to landscape, without a title page."""
    out = copy.deepcopy(sectpr)
    remove_children(out, "w:titlePg")
    size = out.find(qn("w:pgSz"))
    if size is not None:
        w, h = size.get(qn("w:w")), size.get(qn("w:h"))
        if w and h and int(w) < int(h):
            size.set(qn("w:w"), h)
            size.set(qn("w:h"), w)
        size.set(qn("w:orient"), "landscape")
    return out


def section_break(sectpr: Any) -> Any:
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(sectpr)
    p.append(ppr)
    return p


def styles_by_name(styles: Any) -> dict[str, Any]:
    """Lower-cased style name -> ``w:style`` element of a styles part (``w:styles``).

    The one style lookup: a template made in a Dutch Word names Heading 1 'Kop1' (id) but
    keeps the built-in name 'heading 1', so styles are found by name, case-insensitively.
    """
    out: dict[str, Any] = {}
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out[(name.get(qn("w:val")) or "").lower()] = style
    return out


def style_ids(document: Any) -> dict[str, str]:
    """Lower-cased style name -> style id in ``document`` (a python-docx Document)."""
    return {
        name: style.get(qn("w:styleId"))
        for name, style in styles_by_name(document.styles.element).items()
    }
