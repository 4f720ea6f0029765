"""The catalogue's entries on text markup, references, files and MyST (:mod:`.bouwcatalogus`).

Blank lines, indentation, headings, inline markup, tables, links, the toctree, images and
Markdown headings: what docutils, Sphinx and myst-parser say about them, in Dutch.
"""

from __future__ import annotations

import re
from pathlib import Path

from .bouwcatalogus import About, entry, not_in_toctree_message, said

# --------------------------------------------------------------------------- body text

_CONSTRUCTS = {
    "Explicit markup": "het blok dat met '..' begint",
    "Bullet list": "de opsomming",
    "Enumerated list": "de genummerde lijst",
    "Definition list": "de definitielijst",
    "Field list": "de lijst met ':naam: waarde'-regels",
    "Option list": "de optielijst",
    "Block quote": "het ingesprongen stuk tekst",
    "Literal block": "het codeblok",
    "Line block": "het blok met '|'-regels",
}


@entry(
    r"(Explicit markup|Bullet list|Enumerated list|Definition list|Field list|Option list|"
    r"Block quote|Literal block|Line block) ends without a blank line",
    "Explicit markup ends without a blank line; unexpected unindent.",
    "Bullet list ends without a blank line; unexpected unindent.",
    "Enumerated list ends without a blank line; unexpected unindent.",
    "Definition list ends without a blank line; unexpected unindent.",
    "Field list ends without a blank line; unexpected unindent.",
    "Block quote ends without a blank line; unexpected unindent.",
    "Line block ends without a blank line.",
)
def _no_blank_line(m: re.Match[str], _rest: str, _a: About) -> str:
    what = _CONSTRUCTS[m[1]]
    return (
        f"na {what} ontbreekt een lege regel: de regel hierna springt minder in en wordt "
        f"eraan vastgeplakt of valt weg. Zet een lege regel vóór deze regel."
    )


said(
    r"Unexpected indentation\.",
    (
        "deze regel springt in zonder dat daar een reden voor is (geen opsomming, blok of "
        "opties erboven); de tekst wordt anders getoond dan bedoeld. Laat de regel even ver "
        "inspringen als de regel erboven, of zet er een lege regel voor."
    ),
    "Unexpected indentation.",
)


@entry(
    r"Title (underline|overline) too short",
    "Title underline too short.",
    "Title overline too short.",
)
def _title_short(m: re.Match[str], _rest: str, _a: About) -> str:
    line = "onder" if m[1] == "underline" else "boven"
    return (
        f"de streep {line} de kop is korter dan de kop zelf. Maak de streep (=, -, ~) minstens "
        f"zo lang als de tekst van de kop."
    )


said(
    r"(?:Title level inconsistent|Inconsistent title style)",
    (
        "deze kop gebruikt een streep die past bij een ander kopniveau dan hier kan; de "
        "hoofdstukindeling klopt daardoor niet. Gebruik in elk bestand dezelfde volgorde van "
        "strepen (bijv. = voor hoofdstukken, - voor paragrafen, ~ daaronder) en sla geen "
        "niveau over."
    ),
    "Title level inconsistent:",
    "Inconsistent title style: skip from level 1 to 3.",
)


said(
    r"(?:Unexpected section title|Missing matching underline for section title overline|"
    r"Title overline & underline mismatch|Invalid section title or transition marker)",
    (
        "hier staat een kop (tekst met een streep van =, - of ~) op een plek waar geen kop "
        "kan, bijvoorbeeld ingesprongen of binnen een blok, of de strepen boven en onder "
        "verschillen. Zet de kop zonder inspringing tussen lege regels, met gelijke strepen."
    ),
    "Unexpected section title.",
    "Unexpected section title or transition.",
    "Missing matching underline for section title overline.",
    "Title overline & underline mismatch.",
    "Invalid section title or transition marker.",
)


said(
    r"(?:Document or section may not begin with a transition|Document may not end with a "
    r"transition|At least one body element must separate transitions|Transition must be "
    r"child of)",
    (
        "een scheidingslijn (een regel met alleen ----) staat aan het begin of eind van een "
        "hoofdstuk of direct na een andere; daar kan hij niet. Haal de lijn weg of zet er "
        "tekst omheen."
    ),
    "Document or section may not begin with a transition.",
    "Document may not end with a transition.",
    "At least one body element must separate transitions; adjacent transitions are not allowed.",
    "Transition must be child of <document> or <section>.",
)


@entry(
    r"Inline (emphasis|strong|literal|interpreted text or phrase reference|"
    r"substitution_reference|internal target) start-string without end-string",
    "Inline emphasis start-string without end-string.",
    "Inline strong start-string without end-string.",
    "Inline literal start-string without end-string.",
    "Inline interpreted text or phrase reference start-string without end-string.",
    "Inline substitution_reference start-string without end-string.",
)
def _inline_open(m: re.Match[str], _rest: str, _a: About) -> str:
    mark = {
        "emphasis": "*",
        "strong": "**",
        "literal": "``",
        "interpreted text or phrase reference": "`",
        "substitution_reference": "|",
        "internal target": "_`",
    }[m[1]]
    return (
        f"in deze alinea staat '{mark}' zonder afsluitende '{mark}'; de opmaak loopt daardoor "
        f"niet goed. Sluit de opmaak af, of zet een '\\' voor het teken als u het teken zelf "
        f"bedoelt."
    )


said(
    r"Malformed table",
    (
        "deze tabel is niet te lezen: de kolomgrenzen (+, -, |, =) staan niet recht onder "
        "elkaar of een rij is te lang; de tabel ontbreekt daardoor. Lijn de tabel uit, of "
        "gebruik '.. list-table::'."
    ),
    "Malformed table.",
    "Malformed table; parse incomplete.",
)


@entry(
    r'Error parsing content block for the "([^"]+)" directive',
    'Error parsing content block for the "list-table" directive: uniform two-level bullet '
    "list expected, but row 2 does not contain the same number of items as row 1 (2 vs 3).",
)
def _list_table(m: re.Match[str], _rest: str, a: About) -> str:
    return (
        f"de tabel '{a.written(m[1])}' is niet te lezen: elke rij ('* -') moet evenveel "
        f"cellen ('  -') hebben als de eerste. De tabel ontbreekt daardoor. Vul de rij aan of "
        f"haal een cel weg."
    )


@entry(
    r'Error with CSV data in "([^"]+)" directive',
    'Error with CSV data in "csv-table" directive:\n"," expected after \'"\'',
)
def _csv_table(m: re.Match[str], _rest: str, a: About) -> str:
    return (
        f"de gegevens van '{a.written(m[1])}' zijn geen geldige CSV (bijv. een "
        f"aanhalingsteken dat niet wordt gesloten); de tabel ontbreekt daardoor. Controleer "
        f"komma's en aanhalingstekens."
    )


# --------------------------------------------------------------------------- references


said(
    r'Undefined substitution referenced: "([^"]+)"',
    (
        "'|{0}|' is geen bekende vervanging; er staat nu een foutmelding in de tekst. "
        "Gebruik een bestaande (|gemeente|, |periode|, |uitvoeringsjaar|, …) of haal de "
        "strepen weg."
    ),
    'Undefined substitution referenced: "x".',
)


said(
    r'Substitution definition "([^"]+)" empty or invalid',
    (
        "de vervanging '|{0}|' heeft geen (geldige) inhoud. Schrijf achter '.. |{0}| ' wat "
        "er moet komen, bijv. 'replace:: tekst' of 'image:: logo.png'."
    ),
    'Substitution definition "logo" empty or invalid.',
)


said(
    r'Duplicate substitution definition name: "([^"]+)"',
    (
        "de vervanging '|{0}|' is twee keer gedefinieerd; alleen één geldt. Haal één "
        "definitie weg (|gemeente| en |periode| komen al uit conf.py)."
    ),
    'Duplicate substitution definition name: "gemeente".',
)


said(
    r'Unknown target name: "([^"]+)"',
    (
        "de link naar '{0}' wijst nergens naar; er bestaat geen kop of anker met die naam. "
        "Verbeter de naam, of zet '.. _{0}:' boven de plek waar de link heen moet."
    ),
    'Unknown target name: "bijlage a".',
)


said(
    r'Duplicate explicit target name: "([^"]+)"',
    (
        "het anker '{0}' bestaat twee keer, dus een link ernaar kan op de verkeerde plek "
        "uitkomen. Geef één van de twee een andere naam."
    ),
    'Duplicate explicit target name: "inleiding".',
)


said(
    r"Anonymous hyperlink mismatch",
    (
        "er zijn meer naamloze links ('tekst'__) dan adressen ('.. __: https://…'), of "
        "andersom; de links werken daardoor niet. Geef elke link zijn eigen adres, bijv. "
        "`tekst <https://…>`_."
    ),
    "Anonymous hyperlink mismatch: 1 references but 0 targets.",
)


said(
    r'Unknown interpreted text role:? "?\'?([^"\']+)["\']?',
    (
        "':{0}:' is geen bekende rol; die tekst wordt niet goed getoond. Verbeter de naam of "
        "haal de rol weg."
    ),
    'Unknown interpreted text role "rff".',
)


said(
    r"(?:Footnote \[[^\]]*\]|Citation \[[^\]]*\]) is not referenced",
    (
        "deze voetnoot of bronvermelding wordt nergens in de tekst genoemd, dus de lezer "
        "vindt haar niet. Verwijs ernaar in de tekst (bijv. [1]_) of haal haar weg."
    ),
    "Footnote [1] is not referenced.",
    "Citation [VNG2024] is not referenced.",
)


said(
    r"Too many autonumbered footnote references",
    (
        "er wordt vaker naar een voetnoot verwezen ([#]_) dan er voetnoten zijn; die "
        "verwijzingen wijzen nergens heen. Voeg de voetnoot toe ('.. [#] tekst') of haal de "
        "verwijzing weg."
    ),
    "Too many autonumbered footnote references: only 0 corresponding footnotes available.",
)


said(
    r"(?:undefined label|unknown document|term not in glossary): '?([^']+)'?",
    (
        "de verwijzing naar '{0}' wijst nergens naar (geen anker, document of begrip met die "
        "naam); de lezer ziet alleen de tekst. Verbeter de naam."
    ),
    "undefined label: 'inleiding'",
    "unknown document: 'bijlage/c'",
    "term not in glossary: 'PGA'",
)


@entry(
    r"duplicate (?:label|term description of) (\S+), other instance in (\S+)",
    "duplicate label inleiding, other instance in ivp/index",
    "duplicate term description of PGA, other instance in begrippen",
)
def _duplicate_label(m: re.Match[str], _rest: str, _a: About) -> str:
    return (
        f"'{m[1].rstrip(',')}' bestaat ook al in {m[2]}; een verwijzing kan op de verkeerde "
        f"plek uitkomen. Geef één van beide een andere naam."
    )


said(
    r"more than one target found for (?:'\w+' )?cross-reference",
    (
        "deze verwijzing past bij meer dan één plek; de lezer komt mogelijk op de verkeerde "
        "uit. Maak de naam van het doel uniek."
    ),
    "more than one target found for cross-reference 'inleiding': ivp, uitvoeringsplan",
)


# --------------------------------------------------------------------------- files, toctree


@entry(
    r'Problems with "(include|csv-table|raw|literalinclude)" directive path',
    'Problems with "include" directive path:\nInputError: [Errno 2] No such file or '
    "directory: 'bijlage.rst'.",
)
def _include(_m: re.Match[str], rest: str, _a: About) -> str:
    file = re.search(r"'([^']+)'", rest)
    name = Path(file[1]).name if file else "het bestand"
    return (
        f"'{name}' uit '.. include::' bestaat niet of is niet te lezen; die tekst ontbreekt "
        f"in het plan. Controleer de bestandsnaam en of het bestand bestaat."
    )


@entry(
    r"Include file '?([^']+?)'? not found or reading it failed",
    "Include file '/plan/voorbeeld.py' not found or reading it failed",
)
def _literalinclude(m: re.Match[str], _rest: str, _a: About) -> str:
    return (
        f"'{Path(m[1]).name}' bestaat niet of is niet te lezen; die tekst ontbreekt in het "
        f"plan. Controleer de bestandsnaam."
    )


@entry(
    r"(?:image|download) file not readable: (.+)",
    "image file not readable: kaart.png",
    "download file not readable: bijlage.pdf",
)
def _image(m: re.Match[str], _rest: str, _a: About) -> str:
    return (
        f"'{m[1].strip()}' bestaat niet of is niet te lezen; de afbeelding of download "
        f"ontbreekt. Controleer de bestandsnaam (hoofdletters tellen mee) en de map."
    )


@entry(r"document isn't included in any toctree", "document isn't included in any toctree")
def _not_in_toctree(_m: re.Match[str], _rest: str, a: About) -> str:
    return not_in_toctree_message(a.file)


@entry(
    r"toctree contains reference to (nonexisting|non-existing|excluded|non-included) "
    r"document '([^']+)'",
    "toctree contains reference to nonexisting document 'bijlage'",
    "toctree contains reference to excluded document 'concept'",
    "toctree contains reference to non-included document 'oud'",
)
def _toctree_reference(m: re.Match[str], _rest: str, _a: About) -> str:
    if m[1] in ("nonexisting", "non-existing"):
        return (
            f"de inhoudsopgave (toctree) noemt '{m[2]}', maar dat document bestaat niet; dat "
            f"hoofdstuk ontbreekt in het plan. Controleer de naam (zonder .rst)."
        )
    return (
        f"de inhoudsopgave (toctree) noemt '{m[2]}', maar dat document is uitgesloten van de "
        f"bouw (exclude_patterns in conf.py of een 'only'-blok); dat hoofdstuk ontbreekt in "
        f"het plan. Haal het uit exclude_patterns of uit de inhoudsopgave."
    )


said(
    r"toctree contains reference to document '([^']+)' that doesn't have a title",
    (
        "'{0}' heeft geen kop, dus de inhoudsopgave kan er niet naar verwijzen. Zet een kop "
        "(tekst met een streep van = eronder) bovenaan dat bestand."
    ),
    "toctree contains reference to document 'bijlage' that doesn't have a title: no link "
    "will be generated",
)


said(
    r"duplicated entry found in toctree: (\S+)",
    ("'{0}' staat twee keer in dezelfde inhoudsopgave (toctree). Haal één van de twee regels weg."),
    "duplicated entry found in toctree: ivp/index",
)


said(
    r"circular toctree references detected",
    (
        "twee inhoudsopgaven (toctree) noemen elkaar, zodat de hoofdstukindeling rondloopt. "
        "Haal de verwijzing naar het bovenliggende document weg."
    ),
    "circular toctree references detected, ignoring: index <- ivp/index",
)


# --------------------------------------------------------------------------- code, MyST


said(
    r"(?:Pygments lexer name '([^']+)' is not known|Could not lex literal_block)",
    (
        "de taal van dit codeblok is onbekend of de inhoud past er niet bij; het blok wordt "
        "zonder kleuren getoond. Verbeter de taal achter 'code-block' of laat hem weg."
    ),
    "Pygments lexer name 'pyton' is not known",
    'Could not lex literal_block as "json". Highlighting skipped.',
)


said(
    r"(?:Non-consecutive header level increase; H(\d) to H(\d)|Document headings start at "
    r"H(\d), not H1)",
    (
        "de koppen slaan een niveau over (bijv. # gevolgd door ###) of het bestand begint "
        "niet met één #; de hoofdstukindeling klopt daardoor niet. Gebruik # voor de titel, "
        "## daaronder, enzovoort."
    ),
    "Non-consecutive header level increase; H1 to H3",
    "Document headings start at H2, not H1",
)


@entry(r"Duplicate reference definition: (.+)", "Duplicate reference definition: vng")
def _md_duplicate_reference(m: re.Match[str], _rest: str, _a: About) -> str:
    return (
        f"de linkdefinitie '[{m[1].strip()}]: …' staat twee keer; alleen de eerste geldt. Haal "
        f"de tweede weg of geef hem een andere naam."
    )


@entry(
    r"(?:'myst' cross-reference target not found: '([^']+)'|local id not found in doc "
    r"'([^']+)': '([^']+)')",
    "'myst' cross-reference target not found: 'inleiding'",
    "local id not found in doc 'ivp/index': 'doelen'",
)
def _md_xref(m: re.Match[str], _rest: str, _a: About) -> str:
    target = m[1] or f"{m[2]}#{m[3]}"
    return (
        f"de link naar '{target}' wijst nergens naar; er is geen kop of anker met die naam. "
        f"Verbeter de naam of het pad."
    )
