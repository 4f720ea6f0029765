"""The Word writer, split as Sphinx splits its LaTeX writer into concerns.

- :mod:`.translator`: the generic docutils → WordprocessingML translator, put together from
  :mod:`.base` (state, paragraphs, runs, bookmarks), :mod:`.tables` (tables, landscape
  pages), :mod:`.notes` (footnotes) and :mod:`.images`;
- :mod:`.kernbeleid`: the Kernbeleid item headings and tables (one function per table),
  and ``KernbeleidTranslator``, the generic one extended with them (what the builder uses);
- :mod:`.widths`: column widths; :mod:`.ooxml`: OOXML helpers; :mod:`.styles`: style names.

Importing it loads python-docx: only a Word build does.
"""

from __future__ import annotations

from .kernbeleid import KernbeleidTranslator
from .translator import DocxContext, DocxTranslator

__all__ = ["DocxContext", "DocxTranslator", "KernbeleidTranslator"]
