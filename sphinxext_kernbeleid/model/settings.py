"""The plan's settings as one frozen object, without Sphinx.

Every ``kernbeleid_*`` value of conf.py, typed; :mod:`..build.settings` checks conf.py
and fills it. The model, the check and every builder read settings only from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_PERIODE = (2026, 2029)
DEFAULT_UITVOERINGSJAAR = 2026
#: Years a plan can plausibly be about; outside this a value is a typo.
YEARS = range(2000, 2101)


@dataclass(frozen=True)
class SettingProblem:
    """One Dutch message about one setting, with the line in conf.py where it is set."""

    name: str
    message: str
    lineno: int | None = None

    def text(self) -> str:
        where = f"conf.py, regel {self.lineno}: " if self.lineno else "conf.py: "
        return where + self.message


@dataclass(frozen=True)
class DocxSettings:
    """The Word builder's settings (``kernbeleid_docx_*``)."""

    documents: list[Any] | tuple[Any, ...] | None = None  # kernbeleid_docx_documents
    sjabloon: str = ""  # kernbeleid_docx_sjabloon: the default template
    pdf: bool = False  # kernbeleid_docx_pdf
    odt: bool = False  # kernbeleid_docx_odt


@dataclass(frozen=True)
class Settings:
    """Every ``kernbeleid_*`` value of conf.py, typed and checked.

    Values that could not be used hold the safe default the builds ran with;
    ``problems`` says which, in Dutch.
    """

    gemeente: str = ""
    periode: tuple[int, int] = DEFAULT_PERIODE
    uitvoeringsjaar: int = DEFAULT_UITVOERINGSJAAR
    versie: str = "1.0"
    status: str = "concept"
    datum: dt.date | None = None
    datum_tekst: str = ""  # as written, e.g. "15 december 2026"; "" = date of the build
    extra_bronnen: Mapping[str, str] = field(default_factory=dict)
    regels: Mapping[str, Any] = field(default_factory=dict)
    docx: DocxSettings = field(default_factory=DocxSettings)
    problems: tuple[SettingProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems
