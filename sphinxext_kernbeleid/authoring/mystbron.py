"""The directives of a MyST (Markdown) source, read the way myst-parser reads them.

The rst checks of :mod:`.bronbestanden` read ``.. naam::`` lines and their indented
options; a Markdown plan writes ```` ```{naam} titel ```` (or ``:::{naam}`` with the
``colon_fence`` extension) with ``:optie: waarde`` lines or a ``---`` YAML block below.
This module finds those blocks, fence-aware (a code block's content is no directive), so
the same checks hold for both syntaxes: a missing ``:id:``, an option written twice, the
item at a warning's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: A fence line: up to three spaces, three or more backticks, tildes or colons, the info.
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
#: The info of a directive fence: ``{naam} titel``.
DIRECTIVE_INFO = re.compile(r"^\s*\{(?P<name>[^}\s]+)\}\s*(?P<title>.*)$")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):(?:\s+(?P<value>.*))?\s*$")
_YAML_OPTION = re.compile(r"^\s*(?P<key>[\w-]+)\s*:(?:\s+(?P<value>.*))?\s*$")
#: Directives whose content is code or another syntax, not Markdown to look into.
LITERAL = {"code-block", "code", "sourcecode", "parsed-literal", "raw", "math", "eval-rst"}


def is_markdown_directive(info: re.Match[str] | None) -> bool:
    """Whether a fence's content is Markdown that may hold directives (not code)."""
    return info is not None and info["name"].lower() not in LITERAL


@dataclass
class Block:
    """One directive: where it starts, its name and title, its options with their lines."""

    lineno: int
    name: str
    title: str
    fence: str
    options: list[tuple[int, str, str]] = field(default_factory=list)

    def option(self, key: str) -> str | None:
        return next((value for _line, k, value in self.options if k == key), None)


def options_below(lines: list[str], index: int) -> list[tuple[int, str, str]]:
    """The options under the fence line ``lines[index]`` (0-based): (line, key, value)."""
    out: list[tuple[int, str, str]] = []
    if index + 1 < len(lines) and lines[index + 1].strip() == "---":
        for number in range(index + 2, len(lines)):
            line = lines[number]
            if line.strip() == "---":
                break
            if match := _YAML_OPTION.match(line):
                out.append((number + 1, match["key"], (match["value"] or "").strip()))
        return out
    for number in range(index + 1, len(lines)):
        match = _OPTION.match(lines[number])
        if not match:
            break
        out.append((number + 1, match["key"], (match["value"] or "").strip()))
    return out


def blocks(text: str, *, colon_fence: bool = True) -> list[Block]:
    """Every directive block of ``text``, outside code blocks, in source order."""
    lines = text.splitlines()
    out: list[Block] = []
    stack: list[tuple[str, int, bool]] = []  # (fence character, length, is a directive)
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if not match:
            continue
        fence, info = match["fence"], match["info"]
        if stack:
            char, length, directive = stack[-1]
            if fence[0] == char and len(fence) >= length and not info.strip():
                stack.pop()
                continue
            if not directive:
                continue  # a fence-like line inside a code block is code
        if fence[0] == ":" and not colon_fence:
            continue
        info_match = DIRECTIVE_INFO.match(info)
        stack.append((fence[0], len(fence), is_markdown_directive(info_match)))
        if info_match:
            options = options_below(lines, index)
            out.append(
                Block(index + 1, info_match["name"], info_match["title"].strip(), fence, options)
            )
    return out


def block_at(text: str, lineno: int) -> Block | None:
    """The directive block that starts on ``lineno`` (1-based), if any."""
    return next((b for b in blocks(text) if b.lineno == lineno), None)
