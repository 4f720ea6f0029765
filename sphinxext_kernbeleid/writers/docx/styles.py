"""The paragraph and character styles the Word writer uses, by Word's built-in names.

Pure data: the builder makes sure a template has each of them (copying missing ones from
the package's default template) and looks their ids up once (``ooxml.style_ids``).
"""

from __future__ import annotations

#: Style names used by the writer (Word's built-in names, so a Dutch Word template maps them).
STYLE_NAMES = (
    "Normal",
    "Title",
    *(f"Heading {i}" for i in range(1, 10)),
    "List Bullet",
    "List Bullet 2",
    "List Bullet 3",
    "List Number",
    "List Number 2",
    "List Number 3",
    "List Continue",
    "List Continue 2",
    "List Continue 3",
    "Caption",
    "Quote",
    "Kader",
    "Code",
    "Kernbeleid Item",
    "Kernbeleid Gegevens",
    "Tabeltekst",
    "Hyperlink",
    "Kernbeleid Tabel",
    "footnote text",
    "footnote reference",
)
