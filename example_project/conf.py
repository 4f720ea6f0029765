# Configuratie van het voorbeeldplan van de (fictieve) gemeente Lindewaard.

project = "Integraal Veiligheidsplan Lindewaard 2026-2029"
language = "nl"

extensions = ["sphinxext_kernbeleid"]

kernbeleid_gemeente = "Lindewaard"
kernbeleid_periode = (2026, 2029)
kernbeleid_uitvoeringsjaar = 2026
# Het concept zoals het naar de raad gaat, die het IVP in december 2025 vaststelt (zie de
# beleidscyclus in ivp/coordinatie.rst): een vaste datum, niet die van de laatste wijziging.
kernbeleid_datum = "1 december 2025"

exclude_patterns = ["_build"]

html_title = "IVP Lindewaard 2026-2029"
# What a reader of the site needs: no link to the rst source, an owner in the footer.
html_show_sourcelink = False
copyright = "2026, gemeente Lindewaard (fictief voorbeeld)"
