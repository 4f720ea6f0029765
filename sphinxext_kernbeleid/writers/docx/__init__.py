"""The Word writer, split as Sphinx splits its LaTeX writer into concerns.

- :mod:`.translator`: the generic docutils → WordprocessingML translator;
- :mod:`.kernbeleid`: the Kernbeleid item headings and tables (one function per table),
  and ``KernbeleidTranslator``, the generic one extended with them (what the builder uses);
- :mod:`.widths`: column widths; :mod:`.ooxml`: OOXML helpers; :mod:`.styles`: style names.

Importing it loads python-docx: only a Word build does.
"""

from __future__ import annotations

from .kernbeleid import KernbeleidTranslator
from .translator import DocxContext, DocxTranslator

__all__ = ["DocxContext", "DocxTranslator", "KernbeleidTranslator"]
