"""Figures and images: local pictures embedded with their alt text, the rest as text."""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docx.shared import Emu

from ...files.errors import unreadable_image
from .base import DocxWriterBase
from .ooxml import clean_text, el, qn


class ImageWriting(DocxWriterBase):
    """Images in their own paragraph (or inline), scaled to the text width."""

    def visit_figure(self, node: nodes.Element) -> None:
        self.end_para()

    def depart_figure(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_caption(self, node: nodes.Element) -> None:
        self.end_para()
        self.new_para("Caption")

    def depart_caption(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_legend(self, node: nodes.Element) -> None:
        self.end_para()

    def depart_legend(self, node: nodes.Element) -> None:
        self.end_para()

    def visit_image(self, node: nodes.Element) -> None:
        uri = node.get("uri", "")
        alt = node.get("alt", "")
        if not alt and isinstance(node.parent, nodes.figure):
            caption = node.parent.next_node(nodes.caption)
            alt = caption.astext() if caption is not None else ""
        path = Path(self.builder.srcdir) / uri
        if (
            "://" in uri
            or not path.is_file()
            or path.suffix.lower()
            not in (
                ".png",
                ".jpg",
                ".jpeg",
                ".gif",
                ".bmp",
                ".tif",
                ".tiff",
            )
        ):
            self.warn_once(
                f"image:{uri}",
                f"Afbeelding '{uri}' kan niet in Word worden opgenomen (alleen lokale PNG-, "
                "JPG-, GIF- of BMP-bestanden); de alt-tekst staat nu op die plek. "
                "Zet een PNG-versie naast het bestand en verwijs daarnaar.",
                node,
            )
            self.add_run(f"[Afbeelding: {alt or uri}]", italic=True)
            raise nodes.SkipNode
        if not alt:
            self.warn_once(
                f"alt:{uri}",
                f"Afbeelding '{uri}' heeft geen alt-tekst; schrijf :alt: met een korte "
                "beschrijving (verplicht voor digitale toegankelijkheid).",
                node,
            )
        if self.para is None or isinstance(node.parent, nodes.figure):
            self.end_para()
            self.new_para(self._list_continue_style())
        try:  # a damaged image is a located warning; the document is still written
            self._add_picture(path, alt, node)
        except Exception:  # python-docx raises several kinds for a broken image file
            self.warn_once(f"image:{uri}", unreadable_image(uri), node)
            self.add_run(f"[Afbeelding: {alt or uri}]", italic=True)
        if isinstance(node.parent, nodes.figure):
            self.end_para()
        raise nodes.SkipNode

    def _add_picture(self, path: Path, alt: str, node: nodes.Element) -> None:
        part = self.ctx.document.part
        max_width = self.ctx.text_width
        width = None
        if node.get("width"):
            match = re.match(r"^([\d.]+)\s*(px|cm|mm|in|%)?$", str(node["width"]))
            if match:
                value, unit = float(match.group(1)), match.group(2) or "px"
                factor = {"px": 9525, "cm": 360000, "mm": 36000, "in": 914400}
                width = int(max_width * value / 100) if unit == "%" else int(value * factor[unit])
        inline = part.new_pic_inline(str(path), Emu(width) if width else None, None)
        extent = inline.extent
        if extent.cx > max_width:
            extent.cy = int(extent.cy * max_width / extent.cx)
            extent.cx = max_width
            pic_ext = inline.find(".//" + qn("a:ext"))
            if pic_ext is not None:
                pic_ext.set("cx", str(extent.cx))
                pic_ext.set("cy", str(extent.cy))
        doc_pr = inline.docPr
        doc_pr.set("descr", clean_text(alt))
        doc_pr.set("title", clean_text(alt)[:250])
        run = el("w:r")
        drawing = el("w:drawing")
        drawing.append(inline)
        run.append(drawing)
        self.para.append(run)
