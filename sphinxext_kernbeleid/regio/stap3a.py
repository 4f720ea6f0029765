"""Step 3a's words and rows, shared by its page and its Word annex so both say the same.

In a joint IVP each gemeente analyses and prioritises on its own (steps 2 and 3); step 3a
lays the local choices side by side so the gemeenten can choose which prioriteiten they
share. The figures come from :data:`.queries.STAP_3A`.
"""

from __future__ import annotations

from typing import Any

TITEL = "Afstemming van de lokale prioriteiten (stap 3a)"
INLEIDING = (
    "Bij een gezamenlijk IVP kiest elke gemeente eerst haar eigen prioriteiten (stap 3). "
    "Deze tabel legt die keuzes naast elkaar: per thema van de catalogus in welke gemeenten "
    "het een prioriteit is, waar het een overig thema is en waar het alleen is "
    "geanalyseerd. Een thema dat overal prioriteit is, ligt voor de hand als gezamenlijke "
    "prioriteit; een thema dat maar in één gemeente prioriteit is, blijft meestal lokaal."
)
KOLOMMEN = [
    "Thema",
    "Prioriteit in",
    "Gemeenten met dit thema als prioriteit",
    "Overig thema in",
    "Alleen geanalyseerd in",
    "Overlap",
]
LOKAAL_KOLOMMEN = ["Gemeente", "Eigen prioriteiten (thema's uit de catalogus)"]


def row_values(row: dict[str, Any], gemeenten: int) -> list[str]:
    """One theme's row as texts, in the order of :data:`KOLOMMEN`."""
    return [
        f"{row['code']} {row['naam']}",
        f"{row['prioriteit']} van {gemeenten}",
        row["gemeenten_prioriteit"] or "",
        row["gemeenten_overig"] or "",
        row["gemeenten_geanalyseerd"] or "",
        row["overlap"],
    ]
