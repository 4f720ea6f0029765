"""Lines that look like one of our directives but are not read as one.

``.. maatregel: Titel`` (one colon), ``..maatregel::`` (no space), ``. maatregel::`` or a
block indented under a ``..`` comment are comments or plain text to docutils: the whole
item disappears without a word. In Markdown the same happens to ```` ```maatregel ````
(no braces), ``:::{maatregel}`` without the ``colon_fence`` extension, rst syntax in a
``.md`` file, or a block inside ``<!-- … -->``. This scan reads the source as written and
names each such line, with the form that would have been read ("bedoelt u …?").

Pure text in, findings out; :mod:`.bronbestanden` runs it while a document is read. A
directive with the right form but a wrong name or case is left to docutils and
sphinx-needs, whose warnings :mod:`.bouwmeldingen` translates.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..model.needtypes import TYPE_TITLES
from . import mystbron
from .bouwcatalogus import OUR_DIRECTIVES

#: The directives a plan's content depends on.
OURS = OUR_DIRECTIVES
#: rst directives whose indented content is code, not markup.
_LITERAL_DIRECTIVES = {"code-block", "code", "sourcecode", "parsed-literal", "raw", "math"}

_SIMPLENAME = r"\w(?:[\w.+-]*\w)?"
#: What docutils reads as a directive: ``.. name::`` (one optional space before ``::``).
_RST_DIRECTIVE = re.compile(rf"^\s*\.\.[ ]+(?P<name>{_SIMPLENAME})[ ]?::(?:[ ]+|$)")
#: Explicit markup that is not a comment: directive, footnote/citation, target, substitution.
_RST_CONSTRUCT = re.compile(rf"^\s*\.\.[ ]+(?:{_SIMPLENAME}[ ]?::(?:[ ]+|$)|\[|_|\|)")
_RST_EXPLICIT = re.compile(r"^\s*\.\.(?:\s|$)")
#: A line shaped like a directive, however badly: dots, a name, one to three colons.
_LOOSE = re.compile(
    r"^(?P<indent>\s*)(?P<dots>\.{1,3})(?P<gap>\s*)(?P<name>[A-Za-z][\w-]*)(?P<space>\s*)"
    r"(?P<colons>:{1,3})(?P<after>.*)$"
)
_ID = re.compile(r"^\s*:id:\s*(\S+)")


@dataclass(frozen=True)
class Lost:
    """A line that looks like directive ``name`` but is not read; its item is lost."""

    lineno: int
    name: str
    need_id: str | None
    message: str


def _shaped(loose: re.Match[str] | None) -> str | None:
    """The directive a directive-shaped line means, if it is shaped enough to be one.

    ``..`` or ``::`` must be there: ``... doel: zie boven`` is a sentence, not a block.
    """
    if loose is None or (loose["dots"] != ".." and loose["colons"] != "::"):
        return None
    return intended(loose["name"])


def intended(name: str) -> str | None:
    """Our directive ``name`` stands for: itself in any case, or a close spelling."""
    low = name.lower()
    if low in OURS:
        return low
    close = difflib.get_close_matches(low, OURS, n=1, cutoff=0.85)
    return close[0] if close else None


def _message(shown: str, name: str, title: str, need_id: str | None, why: str, fix: str) -> str:
    if name in TYPE_TITLES:
        kind = TYPE_TITLES[name].lower()
        what = f"{kind} {need_id}" if need_id else f"{kind} '{title}'" if title else f"de {kind}"
    else:
        kind = f"overzicht '{name}'"
        what = f"het {kind}"
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    return (
        f"'{shown}' lijkt op een {kind}, maar wordt niet gelezen: {why}. Daardoor ontbreekt "
        f"{what} in het plan. {fix}"
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _rst_id(lines: list[str], index: int) -> str | None:
    """The ``:id:`` in the indented options under ``lines[index]``."""
    own = _indent(lines[index])
    for line in lines[index + 1 :]:
        if not line.strip() or _indent(line) <= own:
            return None
        if match := _ID.match(line):
            return match[1]
    return None


def _rst_why(match: re.Match[str]) -> str | None:
    """Why a directive-shaped line is not a directive; None when it is one."""
    if match["dots"] != "..":
        return f"het begint met '{match['dots']}' in plaats van '..'"
    if not match["gap"]:
        return "na '..' ontbreekt een spatie"
    if match["colons"] != "::":
        return f"achter de naam staat '{match['colons']}' in plaats van '::'"
    if len(match["space"]) > 1 or "\t" in match["space"]:
        return "tussen de naam en '::' staat meer dan één spatie"
    if match["after"] and not match["after"][:1].isspace():
        return "na '::' ontbreekt een spatie"
    return None


def scan_rst(text: str) -> list[Lost]:
    """Every line of an rst source that looks like our directive but is not read as one."""
    lines = text.splitlines()
    out: list[Lost] = []
    skip: int | None = None  # indentation of the comment or literal block being skipped
    comment_line = 0  # where that comment starts (0: a literal block)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if skip is not None:
            if not stripped or _indent(line) > skip:
                if comment_line:
                    out += _commented(lines, index, comment_line)
                continue
            skip, comment_line = None, 0
        loose = _LOOSE.match(line)
        if loose and (name := _shaped(loose)):
            why = _rst_why(loose)
            if why:
                title = loose["after"].lstrip(":").strip()
                example = f".. {name}:: {title}".rstrip()
                fix = f"Bedoelt u '.. {name}::'? Schrijf het als '{example}'."
                need_id = _rst_id(lines, index)
                out.append(
                    Lost(
                        index + 1, name, need_id, _message(stripped, name, title, need_id, why, fix)
                    )
                )
        directive = _RST_DIRECTIVE.match(line)
        if directive and directive["name"].lower() in _LITERAL_DIRECTIVES:
            skip = _indent(line)
        elif _RST_EXPLICIT.match(line) and not _RST_CONSTRUCT.match(line):
            next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
            if stripped != ".." or not next_blank:  # an empty comment consumes nothing
                skip, comment_line = _indent(line), index + 1
        elif stripped.endswith("::") and not _RST_EXPLICIT.match(line):
            skip = _indent(line)  # a literal block follows
    return out


def _commented(lines: list[str], index: int, comment_line: int) -> list[Lost]:
    """A directive-shaped line inside the comment that starts on ``comment_line``."""
    loose = _LOOSE.match(lines[index])
    if not loose or not (name := _shaped(loose)):
        return []
    title = loose["after"].lstrip(":").strip()
    need_id = _rst_id(lines, index)
    why = f"het staat ingesprongen onder het commentaar '..' van regel {comment_line}"
    fix = (
        f"Bedoelt u '.. {name}::' als eigen blok? Laat het niet inspringen onder die "
        f"'..'-regel; wilt u het blok echt weglaten, verwijder het dan."
    )
    return [
        Lost(
            index + 1, name, need_id, _message(lines[index].strip(), name, title, need_id, why, fix)
        )
    ]


# --------------------------------------------------------------------------- Markdown

_HTML_COMMENT_START = "<!--"
_HTML_COMMENT_END = "-->"
_BARE_INFO = re.compile(r"^\s*\{?(?P<name>[A-Za-z][\w-]*)\}?\s*(?P<title>.*)$")


def _md_fix(name: str, title: str) -> str:
    example = f"```{{{name}}} {title}".rstrip()
    return f"Bedoelt u '```{{{name}}}'? Schrijf het als '{example}'."


def _md_lost(lines: list[str], index: int, name: str, title: str, why: str, fix: str) -> Lost:
    options = dict((k, v) for _l, k, v in mystbron.options_below(lines, index))
    need_id = options.get("id") or _rst_id(lines, index)
    message = _message(lines[index].strip(), name, title, need_id, why, fix)
    return Lost(index + 1, name, need_id, message)


def scan_md(text: str, *, colon_fence: bool) -> list[Lost]:
    """Every line of a MyST source that looks like our directive but is not read as one."""
    lines = text.splitlines()
    out: list[Lost] = []
    stack: list[tuple[str, int, bool]] = []  # open fences: (character, length, directive)
    in_html_comment = 0
    for index, line in enumerate(lines):
        if in_html_comment:
            out += _md_commented(lines, index, in_html_comment, "<!-- … -->")
            if _HTML_COMMENT_END in line:
                in_html_comment = 0
            continue
        if stack and not stack[-1][2]:  # inside a code block: only its end matters
            fence = mystbron.FENCE.match(line)
            char, length, _directive = stack[-1]
            if fence and fence["fence"][0] == char and len(fence["fence"]) >= length:
                if not fence["info"].strip():
                    stack.pop()
            continue
        if line.lstrip().startswith(_HTML_COMMENT_START):
            if _HTML_COMMENT_END not in line:
                in_html_comment = index + 1
            continue
        if line.lstrip().startswith("%"):
            out += _md_commented(lines, index, index + 1, "%", line.lstrip()[1:])
            continue
        if fence := mystbron.FENCE.match(line):
            out += _md_fence(lines, index, fence, stack, colon_fence)
            continue
        loose = _LOOSE.match(line)
        if loose and (name := _shaped(loose)):
            title = loose["after"].lstrip(":").strip()
            why = "dat is de schrijfwijze van rst, die in een Markdown-bestand (.md) niet geldt"
            out.append(_md_lost(lines, index, name, title, why, _md_fix(name, title)))
    return out


def _md_fence(
    lines: list[str],
    index: int,
    fence: re.Match[str],
    stack: list[tuple[str, int, bool]],
    colon_fence: bool,
) -> list[Lost]:
    """A fence line: a close, a directive, a code block (perhaps a lost directive)."""
    char, length, info = fence["fence"][0], len(fence["fence"]), fence["info"]
    if stack and char == stack[-1][0] and length >= stack[-1][1] and not info.strip():
        stack.pop()
        return []
    directive = mystbron.DIRECTIVE_INFO.match(info)
    if char == ":" and not colon_fence:
        bare = _BARE_INFO.match(info)
        if bare and (name := intended(bare["name"])):
            why = "':::' wordt alleen gelezen met de extensie colon_fence in conf.py"
            fix = _md_fix(name, bare["title"].strip()) + (
                ' Of zet in conf.py: myst_enable_extensions = ["colon_fence"].'
            )
            return [_md_lost(lines, index, name, bare["title"].strip(), why, fix)]
        return []
    stack.append((char, length, mystbron.is_markdown_directive(directive)))
    if directive is not None or not info.strip():
        return []
    bare = _BARE_INFO.match(info)
    if bare and (name := intended(bare["name"])):
        why = "de naam staat niet tussen accolades, dus het is een codeblok"
        return [
            _md_lost(
                lines, index, name, bare["title"].strip(), why, _md_fix(name, bare["title"].strip())
            )
        ]
    return []


def _md_commented(
    lines: list[str], index: int, start: int, how: str, text: str | None = None
) -> list[Lost]:
    """A directive opening inside a Markdown comment (``<!-- … -->`` or ``%``)."""
    line = lines[index] if text is None else text
    fence = mystbron.FENCE.match(line.strip())
    info = fence["info"] if fence else ""
    bare = _BARE_INFO.match(info) if fence else None
    if bare is None or not (name := intended(bare["name"])):
        return []
    title = bare["title"].strip()
    why = f"het staat in commentaar ({how}, regel {start})"
    fix = (
        f"Bedoelt u '```{{{name}}}' als eigen blok? Zet het buiten het commentaar; wilt u het "
        f"blok echt weglaten, verwijder het dan."
    )
    return [_md_lost(lines, index, name, title, why, fix)]
