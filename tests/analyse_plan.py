"""A small plan in the method's three-part analysis shape, with police figures imported."""

from __future__ import annotations

from pathlib import Path

from metingen_plan import write_csv

HEADER = ["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"]

INDEX = """\
Analyse
=======

.. analyse:: Woninginbraak en geweld
   :id: AN_HIC
   :kv: 1.3

   **Problematiek.** Veel *inbraken* in Noorderkwartier.

   **Huidige aanpak.** Deze tekst hoort bij een aspect, niet bij een thema van veld 1.

.. analyse:: Toezicht in de wijk
   :id: AN_TOEZICHT
   :kv: A5

   **Huidige aanpak.** Vier boa's in de wijken.

   **Extra?** Ja, avondtoezicht in het centrum.

.. analyse:: Winkelgebied
   :id: AN_WINKEL
   :kv: 2.1

   **Problematiek.** Winkeldiefstal stijgt.

   **Huidige aanpak.** Keurmerk Veilig Ondernemen.

   **Extra?** Ja, een winkelstraatmanager.

.. analyse:: Ondermijning
   :id: AN_ONDERMIJNING
   :kv: 5.2

   **Problematiek.** Drugslabs op het bedrijventerrein.

   **Huidige aanpak.** RIEC en Bibob.

   **Extra?** Nee, de huidige aanpak volstaat.

Veiligheidsanalyse
------------------

.. kernbeleid-veiligheidsanalyse::
"""


def rows() -> list[list[object]]:
    counts = {
        "1.1.1 ": [200, 180, 150],
        "1.4.5 ": [100, 110, 120],
        "2.5.2 ": [50, 60, 80],
        "3.1.1 ": [10, 10, 11],
        "8.8.8 ": [3, 4, 5],
    }
    out: list[list[object]] = []
    for region, factor in (("GM0758", 1), ("GM0344", 10)):
        for code, values in counts.items():
            for year, value in zip((2022, 2023, 2024), values, strict=True):
                out.append([len(out), code, f"{region}    ", f"{year}JJ00", value * factor])
    out.append([len(out), "1.1.1 ", "GM0758    ", "2025MM01", 20])  # a year under way
    return out


def make(project) -> Path:
    """Write the plan into ``project`` and import its police export."""
    from sphinxext_kernbeleid.imports.politie import importeer

    project.write("index.rst", INDEX)
    project.write("metingen/koppeling.yaml", "inwoners:\n  2024: 50000\n")
    export = write_csv(project.path / "misdrijven.csv", HEADER, rows())
    assert importeer(export, "GM0758", project.src, say=lambda _t: None) == 0
    return project.src
