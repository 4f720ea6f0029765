"""Records kept as YAML (progress, measurements) read as nodes, so every message has a line.

One reading for every such file: libyaml's fast composer, the file errors a coordinator can
fix told in Dutch, and the duplicate keys a YAML loader would silently resolve (the last
one wins) found on the node tree.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from .errors import why_unreadable

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: ``report(line or None, Dutch text)``: the caller adds the file's name.
Report = Callable[[int | None, str], None]


def compose(path: Path, report: Report) -> tuple[bool, yaml.Node | None]:
    """``(True, root)`` (root ``None`` for an empty file), or ``(False, None)`` after
    reporting why the file cannot be read."""
    try:
        return True, yaml.compose(path.read_text("utf-8"), Loader=_LOADER)
    except UnicodeDecodeError:
        report(None, "is geen tekstbestand (UTF-8); sla het op als UTF-8.")
    except OSError as err:
        report(None, why_unreadable(err, path))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        report(
            mark.line + 1 if mark else None,
            "is geen geldige YAML; kijk op of vlak boven deze regel naar inspringing, dubbele "
            "punten en haakjes of aanhalingstekens die niet gesloten zijn.",
        )
    return False, None


def line_of(node: yaml.Node) -> int:
    """The node's line, counted from 1 as an editor does."""
    return int(node.start_mark.line) + 1


def pairs(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]] | None:
    """A mapping's (key, value) nodes in file order; ``None`` when ``node`` is no mapping."""
    return list(node.value) if isinstance(node, yaml.MappingNode) else None


def duplicates_anywhere(node: yaml.Node | None) -> list[tuple[str, int, str]]:
    """:func:`duplicate_keys` of every mapping in the tree under ``node``, in file order."""
    found: list[tuple[str, int, str]] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            found += duplicate_keys(current)
            stack += [value for _key, value in current.value]
        elif isinstance(current, yaml.SequenceNode):
            stack += list(current.value)
    return sorted(found, key=lambda entry: entry[1])


def scalar_text(node: yaml.Node) -> str | None:
    """A scalar's text, stripped; ``None`` for a list or mapping."""
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else None


def duplicate_keys(node: yaml.MappingNode) -> list[tuple[str, int, str]]:
    """``(key, line, Dutch message)`` for every key written a second time in ``node``."""
    seen: dict[str, int] = {}
    out: list[tuple[str, int, str]] = []
    for key, _value in node.value:
        text = scalar_text(key) or ""
        line = key.start_mark.line + 1
        if text in seen:
            out.append(
                (
                    text,
                    line,
                    f"'{text}' staat hier voor de tweede keer (ook op regel {seen[text]}); "
                    "alleen de laatste zou tellen. Voeg de twee samen tot één.",
                )
            )
        else:
            seen[text] = line
    return out
