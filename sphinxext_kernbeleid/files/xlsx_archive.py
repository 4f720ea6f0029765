"""A workbook from an untrusted sender, checked as a zip archive before anything parses it.

Both imports read ``.xlsx`` files someone else made (a partner's progress workbook, an
open-data export): a zip that unpacks to gigabytes (a zip bomb), a damaged archive or a
zip that is no workbook is refused here with a Dutch sentence, before openpyxl or lxml
see it.
"""

from __future__ import annotations

import io
import zipfile

MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200  # zip members that expand more than this are a zip bomb


class UnsafeArchive(Exception):
    """The archive is refused; the message (in Dutch) starts with the file's name."""


def check_archive(name: str, data: bytes) -> None:
    """Refuse a damaged archive, a zip bomb, or a zip without ``xl/workbook.xml``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except zipfile.BadZipFile:
        raise UnsafeArchive(
            f"{name}: het bestand is beschadigd (geen geldig xlsx-archief). Vraag de afzender "
            "het opnieuw op te slaan en te sturen."
        ) from None
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNPACKED or (member.file_size > 1_000_000 and ratio > MAX_RATIO):
            raise UnsafeArchive(
                f"{name}: pakt uit tot een onredelijke grootte (een zogenaamde zip-bom). "
                "Het bestand is geweigerd."
            )
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise UnsafeArchive(
            f"{name}: is geen Excel-werkmap (het is een ander soort zip-bestand). Sla het op als "
            "Excel-werkmap (.xlsx)."
        )


def looks_like_text(data: bytes) -> bool:
    """Whether the first bytes read as UTF-8 text (a CSV saved as .xlsx, say)."""
    head = data[:2048]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head
