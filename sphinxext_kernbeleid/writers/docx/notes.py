"""Footnotes and citations: real Word footnotes for referenced notes, the rest in place."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from .base import DocxWriterBase
from .ooxml import el, qn


class NoteWriting(DocxWriterBase):
    """Footnote references become Word footnotes; a note nobody refers to stays as text."""

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        """A real Word footnote: the number in the text, the note at the foot of the page."""
        footnote = self.footnote_nodes.get(node.get("refid", ""))
        if footnote is None:
            self.add_run(f"[{node.astext()}]", vert="superscript")
            raise nodes.SkipNode
        number = self.ctx.footnote_base + len(self.ctx.footnotes) + 1
        note = el("w:footnote", id=str(number))
        self.ctx.footnotes.append(note)
        self._footnote_body(note, footnote)
        run = el("w:r")
        run.append(self._footnote_rpr())
        run.append(el("w:footnoteReference", id=str(number)))
        p = self.ensure_para()
        # rst needs a space before "[#]_"; in Word the number sits against the word.
        texts = list(p.iter(qn("w:t")))
        if texts and texts[-1].text:
            texts[-1].text = texts[-1].text.rstrip(" ")
        (self.link_stack[-1] if self.link_stack else p).append(run)
        raise nodes.SkipNode

    def visit_citation_reference(self, node: nodes.Element) -> None:
        self.add_run(f"[{node.astext()}]", vert="superscript")
        raise nodes.SkipNode

    def _footnote_rpr(self) -> Any:
        rpr = el("w:rPr")
        if "footnote reference" in self.ctx.styles:
            rpr.append(el("w:rStyle", val=self.ctx.styles["footnote reference"]))
        rpr.append(el("w:vertAlign", val="superscript"))
        return rpr

    def _note_text(self, note: nodes.Element) -> None:
        """A note's content; its first paragraph continues the line with the number."""
        first = True
        for child in note.children:
            if isinstance(child, nodes.label):
                continue
            if first and isinstance(child, nodes.paragraph):
                for grandchild in child.children:
                    self.walk(grandchild)
            else:
                self.end_para()
                self.walk(child)
            first = False
        self.end_para()

    def _footnote_body(self, note: Any, footnote: nodes.Element) -> None:
        with self._writing_into(note, "footnote text", fresh_runs=True):
            p = self.new_para()
            mark = el("w:r")
            mark.append(self._footnote_rpr())
            mark.append(el("w:footnoteRef"))
            p.append(mark)
            self.add_run(" ")
            self._note_text(footnote)

    def visit_footnote(self, node: nodes.Element) -> None:
        """A note nobody refers to stays where docutils put it, as "[1] text"; the others
        are Word footnotes (see :meth:`visit_footnote_reference`)."""
        if self.referenced_footnotes.intersection(node.get("ids", ())):
            raise nodes.SkipNode
        self.end_para()
        self.para_style.append("Kernbeleid Gegevens")
        label = node.next_node(nodes.label)
        self.new_para()
        self.add_run(f"[{label.astext()}] " if label is not None else "")
        self._note_text(node)
        self.para_style.pop()
        raise nodes.SkipNode

    visit_citation = visit_footnote

    def visit_label(self, node: nodes.Element) -> None:
        raise nodes.SkipNode
