"""Every docutils, Sphinx, sphinx-needs and myst-parser message a writer can cause, in Dutch.

Each entry matches one English message and says, in the writer's words, what happened
and what to do. Each carries an example of the English it matches, so a test feeds every
entry and checks that no English is left. A message without an entry is still a finding:
a Dutch sentence with the original quoted after it.

Pure: text in, Dutch out. :mod:`.bouwmeldingen` reads the location and the item there.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.needtypes import FIELDS, LINKS, NEED_TYPES, TYPE_TITLES

OUR_DIRECTIVES = tuple(t.directive for t in NEED_TYPES) + (
    "kernbeleid-plattegrond",
    "kernbeleid-maatregelen",
    "kernbeleid-indicatoren",
    "kernbeleid-matrix",
)
#: Directives a plan commonly uses besides ours, for "bedoelt u …?".
COMMON_DIRECTIVES = (
    "toctree",
    "note",
    "warning",
    "tip",
    "important",
    "admonition",
    "image",
    "figure",
    "table",
    "list-table",
    "csv-table",
    "include",
    "contents",
    "topic",
    "sidebar",
    "rubric",
    "glossary",
    "only",
    "raw",
    "code-block",
    "needtable",
    "needlist",
    "needflow",
)
#: Options every Kernbeleid item accepts besides its fields and links.
CORE_OPTIONS = ("id", "status", "tags", "collapse", "hide", "layout", "style", "afwijking")


@dataclass(frozen=True)
class About:
    """What a message is about, read from the source at its location."""

    directive: str = ""
    title: str = ""
    need_id: str = ""
    file: str = ""
    markdown: bool = False
    #: "verloren.rst:22" for a docname:line that sphinx-needs names (a duplicate id).
    place: Callable[[str], str] = field(default=lambda where: where, compare=False)

    @property
    def label(self) -> str:
        return item_label(self.directive, self.title, self.need_id)

    def written(self, name: str) -> str:
        """How directive ``name`` is written in this file's syntax."""
        return f"```{{{name}}}" if self.markdown else f".. {name}::"


@dataclass(frozen=True)
class Dutch:
    message: str
    need: str | None = None
    keep_need: bool = True  # False: ``need`` replaces the item at the location


def item_label(directive: str, title: str, need_id: str) -> str:
    """'maatregel MR_X', or 'maatregel 'Titel'' without id: how a message names an item."""
    kind = TYPE_TITLES.get(directive, f"'.. {directive}::'" if directive else "het item")
    if directive in TYPE_TITLES:
        kind = kind.lower() if kind != "Prestatie-indicator" else "prestatie-indicator"
    if need_id:
        return f"{kind} {need_id}"
    if title:
        return f"{kind} '{title}'"
    return kind


def options_of(directive: str) -> list[str]:
    return [*CORE_OPTIONS, *FIELDS, *LINKS] if directive in TYPE_TITLES else list(CORE_OPTIONS)


def _or(names: list[str], fmt: str = "'{}'") -> str:
    shown = [fmt.format(n) for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " of " + shown[-1]


Handler = Callable[[re.Match[str], str, About], "str | Dutch"]


@dataclass(frozen=True)
class Entry:
    pattern: re.Pattern[str]
    handler: Handler
    examples: tuple[str, ...]


CATALOGUE: list[Entry] = []


def entry(pattern: str, *examples: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` for messages whose first line matches ``pattern``."""

    def register(handler: Handler) -> Handler:
        CATALOGUE.append(Entry(re.compile(pattern), handler, examples))
        return handler

    return register


def said(pattern: str, dutch: str, *examples: str) -> None:
    """An entry that is one Dutch text, the message's groups filled in as ``{0}``, ``{1}``."""

    def handler(m: re.Match[str], _rest: str, _a: About) -> str:
        return dutch.format(*(group or "" for group in m.groups()))

    CATALOGUE.append(Entry(re.compile(pattern), handler, examples))


def translate_text(text: str, about: About) -> Dutch:
    """The Dutch finding for one English message (first line matched, the rest as detail)."""
    first, _, rest = text.partition("\n")
    for item in CATALOGUE:
        if match := item.pattern.match(first):
            result = item.handler(match, rest, about)
            return result if isinstance(result, Dutch) else Dutch(result)
    return Dutch(unknown_message(first))


def unknown_message(first: str) -> str:
    english = " ".join(first.split())
    return (
        "de bouw meldt hier een probleem waarvoor nog geen Nederlandse uitleg is; er kan "
        "daardoor tekst ontbreken in het plan. Kijk op deze plek in het bestand of de "
        f'opmaak klopt en bouw opnieuw. De oorspronkelijke melding: "{english}"'
    )


# --------------------------------------------------------------------------- names


def nearest(name: str, candidates: Iterable[str], n: int = 2) -> list[str]:
    """Valid names that look like ``name``: close spellings, or names ending in it."""
    candidates = list(dict.fromkeys(candidates))
    low = name.lower()
    parts = [c for c in candidates if low and (c.split("_")[-1] == low or c.endswith("_" + low))]
    close = difflib.get_close_matches(low, candidates, n=n, cutoff=0.7)
    return list(dict.fromkeys([*parts, *close]))[: max(n, len(parts))]


_SCRIPTS = {"CYRILLIC": "Cyrillische", "GREEK": "Griekse"}


def id_problem(need_id: str) -> str:
    """Why an id is refused, naming a look-alike letter (Cyrillic О for Latin O)."""
    below = re.split(r"\\n|\n", need_id, maxsplit=1)
    if len(below) == 2:
        return (
            f"loopt door op de regel eronder ('{below[1].strip()}'), die verder inspringt dan "
            f"':id:'. Laat alle opties precies even ver inspringen"
        )
    for char in need_id:
        if char.isascii():
            continue
        try:
            name = unicodedata.name(char)
        except ValueError:
            name = ""
        script = next((dutch for key, dutch in _SCRIPTS.items() if name.startswith(key)), None)
        look = name.rsplit(" ", 1)[-1] if name else ""
        if script and len(look) == 1:
            return (
                f"bevat de {script} letter '{char}', die lijkt op de Latijnse '{look}' maar "
                f"een ander teken is. Typ de letter opnieuw als gewone '{look}'"
            )
        return f"bevat het teken '{char}', dat niet in een id mag. Gebruik alleen A-Z, 0-9 en _"
    if need_id != need_id.upper():
        return (
            f"bevat kleine letters; een id bestaat uit hoofdletters, cijfers en _. "
            f"Schrijf '{need_id.upper()}'"
        )
    if need_id[:1].isdigit() or need_id[:1] == "_":
        return "begint niet met een letter. Laat het id met een hoofdletter beginnen, bijv. MR_"
    return "mag alleen hoofdletters A-Z, cijfers en _ bevatten"


def missing_id_message(directive: str, title: str) -> str:
    prefix = next((t.prefix for t in NEED_TYPES if t.directive == directive), "MR_")
    kind = TYPE_TITLES.get(directive, directive).lower()
    return (
        f"{kind} '{title}' heeft geen ':id:'. Geef elk item een vast id, bijv. ':id: "
        f"{prefix}…'; zonder id verzint de bouw er een dat verandert als de titel verandert, "
        f"zodat voortgang en koppelingen loslaten."
    )


def not_in_toctree_message(name: str) -> str:
    name = name or "het document"
    return (
        f"{name} staat in geen enkele inhoudsopgave (toctree); lezers van de site vinden het "
        f"niet en de Word-documenten missen het. Neem het op in een toctree (bijv. in "
        f"index.rst) of zet ':orphan:' bovenaan het bestand als dat zo bedoeld is."
    )


def duplicate_message(need_id: str, where: str) -> str:
    at = f" in {where}" if where else ""
    return (
        f"id {need_id} bestaat al{at}; dit tweede item met hetzelfde id ontbreekt daardoor "
        f"in het plan. Geef het een eigen id."
    )


# --------------------------------------------------------------------------- directives


@entry(
    r"Unknown directive type:? [\"']([^\"']+)[\"']",
    'Unknown directive type "maatrgel".',
    "Unknown directive type: 'maatrgel'",
)
def _unknown_directive(m: re.Match[str], _rest: str, a: About) -> str:
    name = m[1]
    near = nearest(name, [*OUR_DIRECTIVES, *COMMON_DIRECTIVES], n=1)
    hint = f"; bedoelt u '{near[0]}'?" if near else "."
    what = f" (met id {a.need_id})" if a.need_id else ""
    shown = f"```{{{name}}}" if a.markdown else f".. {name}::"
    return (
        f"'{name}' is geen onderdeel{hint} Het blok '{shown}'{what} ontbreekt daardoor "
        f"in het plan. Verbeter de naam."
    )


@entry(r"Unknown option '([^']+)'", "Unknown option 'budgett'")
def _unknown_option(m: re.Match[str], _rest: str, a: About) -> str:
    option = m[1]
    near = nearest(option, options_of(a.directive))
    hint = f"; bedoelt u {_or(near, ':{}:')}?" if near else "."
    return (
        f"onbekende optie ':{option}:' bij {a.label}{hint} De waarde ontbreekt daardoor in het "
        f"plan. Verbeter de naam van de optie."
    )


@entry(
    r'Error in "([^"]+)" directive:',
    'Error in "maatregel" directive:\nduplicate option "budget".',
    'Error in "maatregel" directive:\nunknown option: "budgett".',
    'Error in "kernbeleid-matrix" directive:\n1 argument(s) required, 0 supplied.',
    'Error in "kernbeleid-matrix" directive:\nno content permitted.',
    'Error in "maatregel" directive:\ninvalid option block.',
    'Error in "image" directive:\nmaximum 1 argument(s) allowed, 2 supplied.',
    'Error in "image" directive:\ninvalid option value: (option: "width"; value: \'breed\')',
    'Error in "figure" directive:\ninvalid option data: extension option field name may not '
    "contain multiple words.",
)
def _directive_error(m: re.Match[str], rest: str, a: About) -> str:
    return _directive_detail(m[1], rest.split("\n\n", 1)[0].strip(), a)


@entry(
    r"""Directive ["']([^"']+)["']:? ?(.*)""",
    "Directive 'kernbeleid-maatregelen': 1 argument(s) required, 0 supplied",
    "Directive \"include\": file not found: '/plan/nergens.md'",
)
def _myst_directive_error(m: re.Match[str], rest: str, a: About) -> str:
    return _directive_detail(m[1], f"{m[2]}\n{rest}".strip(), a)


def _directive_detail(name: str, detail: str, a: About) -> str:
    """What docutils (``Error in "x" directive``) or MyST (``Directive 'x': …``) refused."""
    label = a.label if a.directive in TYPE_TITLES else f"'{a.written(name)}'"
    block = f"het blok '{a.written(name)}'"
    if d := re.search(r'duplicate option "([^"]+)"', detail):
        return (
            f"optie ':{d[1]}:' staat twee keer bij {label}; daardoor ontbreekt de hele "
            f"{label} in het plan. Laat één ':{d[1]}:' staan."
        )
    if d := re.search(r"""unknown option(?: key)?: ["']([^"']+)["']""", detail, re.I):
        near = nearest(d[1], options_of(name))
        hint = f"; bedoelt u {_or(near, ':{}:')}?" if near else "."
        return (
            f"onbekende optie ':{d[1]}:' bij {label}{hint} Het blok ontbreekt daardoor in "
            f"het plan. Verbeter de naam van de optie."
        )
    if re.search(r"argument\(s\) required, 0 supplied", detail):
        return (
            f"bij '{a.written(name)}' ontbreekt wat erachter hoort (bijv. een titel of naam); "
            f"het blok ontbreekt daardoor in het plan. Schrijf het achter '{a.written(name)}'."
        )
    if d := re.search(r"maximum (\d+) argument\(s\) allowed", detail):
        return (
            f"achter '{a.written(name)}' staat meer dan er mag ({d[1]} woord of pad); "
            f"{block} ontbreekt daardoor in het plan. Zet de rest als optie of als tekst "
            f"eronder."
        )
    if re.search(r"no content permitted|none permitted", detail):
        return (
            f"'{a.written(name)}' mag geen tekst eronder hebben; het blok ontbreekt daardoor in "
            f"het plan. Haal de ingesprongen tekst weg of zet er een lege regel voor."
        )
    if d := re.search(r"file not found: '([^']+)'|error reading file: (\S+)", detail):
        return (
            f"'{Path(d[1] or d[2]).name}' uit '{a.written(name)}' bestaat niet of is niet te "
            f"lezen; die tekst ontbreekt in het plan. Controleer de bestandsnaam en of het "
            f"bestand bestaat."
        )
    if "invalid option block" in detail:
        return (
            f"de opties van {label} zijn niet te lezen: elke optie staat op een eigen regel "
            f"als ':naam: waarde', direct onder de eerste regel en even ver ingesprongen, "
            f"zonder lege regel ertussen. {block[0].upper()}{block[1:]} ontbreekt daardoor in "
            f"het plan."
        )
    if d := re.search(
        r"""invalid option value(?::| for) \(?(?:option: )?["']([^"']+)["']""", detail, re.I
    ):
        return (
            f"de waarde van ':{d[1]}:' bij {label} is niet geldig; {block} ontbreekt daardoor "
            f"in het plan. Verbeter de waarde (bijv. een getal met eenheid als '50%')."
        )
    if "invalid option data" in detail or "options has # comments" in detail:
        return (
            f"een optie van {label} is niet te lezen (een naam met spaties, een '#' of geen "
            f"':' erachter); {block} ontbreekt daardoor (deels) in het plan. Schrijf elke "
            f"optie als ':naam: waarde'."
        )
    return (
        f"{block} kon niet worden gelezen; het ontbreekt daardoor in het plan. Controleer de "
        f'opties en de inspringing. De oorspronkelijke melding: "{" ".join(detail.split())}"'
    )


@entry(
    r'Content block expected for the "([^"]+)" directive; none found',
    'Content block expected for the "note" directive; none found.',
)
def _no_content(m: re.Match[str], _rest: str, a: About) -> str:
    return (
        f"onder '{a.written(m[1])}' staat geen tekst; het blok ontbreekt daardoor. Schrijf de "
        f"tekst ingesprongen eronder, na een lege regel."
    )


@entry(r"Need could not be created: (.*)", "Need could not be created: Unknown need type 'Doel'.")
def _need_not_created(m: re.Match[str], _rest: str, a: About) -> str | Dutch:
    reason = m[1]
    if d := re.match(
        r"A need with ID '([^']+)' already exists(?: \(defined at ([^)]+)\))?", reason
    ):
        return Dutch(duplicate_message(d[1], a.place(d[2]) if d[2] else ""), d[1], False)
    if d := re.match(r"Given ID '([^']*)' does not match", reason):
        return (
            f"id '{d[1]}' van {item_label(a.directive, a.title, '')} {id_problem(d[1])}. Het "
            f"item ontbreekt tot dan in het plan."
        )
    if "No ID defined" in reason:
        return missing_id_message(a.directive, a.title)
    if d := re.match(r"Unknown need type '([^']+)'", reason):
        return _unknown_need_type(d[1], a)
    return (
        f"{a.label} kon niet worden gemaakt en ontbreekt in het plan. Controleer de opties. "
        f'De oorspronkelijke melding: "{reason}"'
    )


def _unknown_need_type(written: str, a: About) -> str:
    right = written.lower()
    what = f" (met id {a.need_id})" if a.need_id else ""
    if right in TYPE_TITLES:
        return (
            f"'{a.written(written)}' is met een hoofdletter geschreven; bedoelt u "
            f"'{a.written(right)}'? De naam van een onderdeel is in kleine letters. Het blok"
            f"{what} ontbreekt daardoor in het plan."
        )
    near = nearest(right, OUR_DIRECTIVES, n=1)
    hint = f"; bedoelt u '{a.written(near[0])}'?" if near else "."
    return f"'{written}' is geen onderdeel{hint} Het blok{what} ontbreekt daardoor in het plan."


@entry(
    r"Unknown need type '([^']+)'",
    "Unknown need type 'Doel'.",
)
def _need_type(m: re.Match[str], _rest: str, a: About) -> str:
    return _unknown_need_type(m[1], a)


@entry(r"A need with ID (\S+) already exists", "A need with ID MR_X already exists")
def _duplicate(m: re.Match[str], _rest: str, _a: About) -> Dutch:
    return Dutch(duplicate_message(m[1], ""), m[1], False)


@entry(r"No title given", "No title given")
def _no_title(_m: re.Match[str], _rest: str, a: About) -> str:
    return (
        f"{a.label} heeft geen titel. Schrijf de titel achter "
        f"'{a.written(a.directive or 'maatregel')}'."
    )


@entry(
    r"(?:'[^']+': )?Invalid options format",
    "'maatregel': Invalid options format (bad YAML)",
    "Invalid options format: mapping values are not allowed here",
)
def _bad_yaml(_m: re.Match[str], _rest: str, a: About) -> str:
    return (
        f"de opties van {a.label} zijn niet te lezen: schrijf ze als ':naam: waarde' op eigen "
        f"regels direct onder de eerste regel, of als 'naam: waarde' tussen twee regels '---'. "
        f"Het blok ontbreekt daardoor in het plan."
    )


_SCHEMA_DETAIL = re.compile(r"^\s*(Field|User message|Schema message):\s*(.*)$", re.MULTILINE)


@entry(
    r"Need '([^']+)' has (?:schema (?:violations|warnings|infos)|configuration errors):",
    "Need 'MR_X' has schema violations:\n  Severity:       violation\n"
    "  Field:          eigenaar\n  Schema message: 'eigenaar' is a required property",
    "Need 'MR_X' has schema warnings:",
)
def _own_schema(m: re.Match[str], rest: str, a: About) -> Dutch:
    """A check the project wrote itself for sphinx-needs (``needs_schema_definitions``):
    only then does sphinx-needs check items against schemas (needs_config.py)."""
    detail = {name: text.strip() for name, text in _SCHEMA_DETAIL.findall(rest)}
    label = item_label(a.directive, a.title, m[1]) if a.directive else f"het item {m[1]}"
    said = [
        f"{label[0].upper()}{label[1:]} voldoet niet aan een controleregel die dit project "
        "zelf in conf.py heeft gezet ('needs_schema_definitions')"
    ]
    if detail.get("Field"):
        said.append(f"het gaat om ':{detail['Field']}:'")
    if detail.get("User message"):
        said.append(f'de regel zegt: "{detail["User message"]}"')
    if detail.get("Schema message"):
        english = detail["Schema message"].replace('"', "'")
        said.append(f'de controle zegt (in het Engels): "{english}"')
    return Dutch(
        "; ".join(said) + ". Pas het item aan, of de regel in conf.py als die niet meer klopt.",
        m[1],
        False,
    )


@entry(
    r"'([^']+)': (.+)",
    "'note': Has content, but none permitted",
    "'figure': Unknown option key: 'breedte' (allowed: ['align', 'alt', 'width'])",
    "'image': Invalid option value for 'width': breed: invalid unit",
    "'note': Directive options has # comments, which may not be supported in future versions.",
)
def _myst_parse_warning(m: re.Match[str], rest: str, a: About) -> str:
    """MyST's own warnings about a directive (``'name': …``); last, as the widest pattern."""
    return _directive_detail(m[1], f"{m[2]}\n{rest}".strip(), a)


# The entries about text markup, references, files and MyST register themselves with
# :func:`entry` when imported, after the ones above: importing the catalogue gives it whole.
from . import tekstmeldingen  # noqa: E402,F401
