"""Plan sources as text: the writer of rst and MyST Markdown that ``kernbeleid nieuw`` and
``kernbeleid uitvoeringsplan vervolg`` share, with the method's chapter texts
(``sjablonen/hoofdstukken.yaml``) and the package's file templates.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from ..authoring.invullen import MARKER


@dataclass
class Tekst:
    """One source file being written, in rst or MyST Markdown."""

    markdown: bool
    lines: list[str] = field(default_factory=list)

    def kop(self, titel: str, niveau: int = 1) -> None:
        if self.markdown:
            self.lines += ["#" * niveau + " " + titel, ""]
        else:
            self.lines += [titel, "=-~^"[niveau - 1] * len(titel), ""]

    def uitleg(self, text: str) -> None:
        """An explanation for the writer that readers never see (a comment)."""
        wrapped = textwrap.wrap(" ".join(text.split()), 88)
        if self.markdown:
            self.lines += [f"% {line}" for line in wrapped] + [""]
        else:
            self.lines += [".. " + wrapped[0]] + ["   " + line for line in wrapped[1:]] + [""]

    def alinea(self, text: str) -> None:
        self.lines += [*wrap(text, 96), ""]

    def item(
        self,
        directive: str,
        titel: str,
        opties: Sequence[tuple[str, str]],
        inhoud: Sequence[str] = (),
        regels: Sequence[str] = (),
    ) -> None:
        """A directive with options, paragraphs (wrapped) and lines (kept as they are)."""
        indent = "" if self.markdown else "   "
        if self.markdown:
            self.lines.append(f"```{{{directive}}} {titel}")
        else:
            self.lines.append(f".. {directive}:: {titel}")
        self.lines += [f"{indent}:{naam}: {waarde}" for naam, waarde in opties]
        for alinea in inhoud:
            self.lines.append("")
            self.lines += [indent + line for line in wrap(alinea, 93)]
        if regels:
            self.lines.append("")
            self.lines += [indent + line if line.strip() else "" for line in regels]
        if self.markdown:
            self.lines.append("```")
        self.lines.append("")

    def inhoud(self, titel: str, documenten: Sequence[str]) -> None:
        """A table of contents (toctree) of the chapters below this page."""
        self.item("toctree", "", [("maxdepth", "2"), ("caption", titel)], regels=documenten)

    def tekst(self) -> str:
        text = "\n".join(self.lines).rstrip() + "\n"
        # A directive without title: no trailing space after '::' or '}'.
        return text.replace(":: \n", "::\n").replace("} \n", "}\n")


def wrap(text: str, width: int) -> list[str]:
    """Wrap prose, never inside a placeholder (it stays on one line, easy to find)."""
    protected = re.sub(r"\[IN TE VULLEN[^\]]*\]", lambda m: m[0].replace(" ", "\0"), text)
    lines = textwrap.wrap(protected, width, break_long_words=False, break_on_hyphens=False)
    return [line.replace("\0", " ") for line in lines]


def invullen(hint: str = "") -> str:
    """The placeholder the check reports, with a hint of what belongs there."""
    return f"[IN TE VULLEN: {hint}]" if hint else MARKER


def hoofdstukken() -> dict[str, list[dict[str, Any]]]:
    text = (
        resources.files("sphinxext_kernbeleid")
        .joinpath("sjablonen/hoofdstukken.yaml")
        .read_text("utf-8")
    )
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(text)
    return data


def sjabloon(naam: str) -> str:
    return resources.files("sphinxext_kernbeleid").joinpath(f"sjablonen/{naam}").read_text("utf-8")
