"""The plan's settings as one frozen object, without Sphinx.

Every ``kernbeleid_*`` value of conf.py, typed; :mod:`..build.settings` checks conf.py
and fills it. The model, the check and every builder read settings only from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PERIODE = (2026, 2029)
DEFAULT_UITVOERINGSJAAR = 2026
#: Years a plan can plausibly be about; outside this a value is a typo.
YEARS = range(2000, 2101)
#: What ``kernbeleid_status`` may say (the title pages show it).
DOCUMENT_STATUSES = ("concept", "vastgesteld")


@dataclass(frozen=True)
class SettingProblem:
    """One Dutch message about one setting, with the line in conf.py where it is set."""

    name: str
    message: str
    lineno: int | None = None
    #: A safe default serves (no logo, the standard house colour): the check makes it a
    #: waarschuwing; otherwise output would be wrong or missing, and it is a fout.
    default_serves: bool = False

    def text(self) -> str:
        where = f"conf.py, regel {self.lineno}: " if self.lineno else "conf.py: "
        return where + self.message


@dataclass(frozen=True)
class Deelnemer:
    """One gemeente of a joint plan (``kernbeleid_gemeenten``); see :mod:`.gemeenten`."""

    naam: str
    code: str  # CBS code, GM + four digits
    logo: Path | None = None  # an image file that exists; None = the plan's logo
    inwoners: int | None = None  # for splitting a shared budget without ``:verdeling:``


@dataclass(frozen=True)
class DocxSettings:
    """The Word builder's settings (``kernbeleid_docx_*``)."""

    #: kernbeleid_docx_documents: entries (start, file, title, template), only those that
    #: can be used; ``None`` for the default documents.
    documents: list[Any] | tuple[Any, ...] | None = None
    sjabloon: str = ""  # kernbeleid_docx_sjabloon: the default template (it exists)
    pdf: bool = False  # kernbeleid_docx_pdf
    odt: bool = False  # kernbeleid_docx_odt
    #: kernbeleid_raadsvoorstel_sjabloon: the griffie's raadsvoorstel template (it exists)
    raadsvoorstel_sjabloon: str = ""
    #: kernbeleid_docx_wijzigingen: the changes against the adopted version as revisions
    wijzigingen: bool = False
    #: kernbeleid_docx_wijzigingen_auteur: the revisions' author; "" = "Gemeente <naam>"
    wijzigingen_auteur: str = ""


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
    huiskleur: str = ""  # kernbeleid_huiskleur as #rrggbb; "" = the standard colour
    logo: Path | None = None  # kernbeleid_logo: an image file that exists
    docx: DocxSettings = field(default_factory=DocxSettings)
    vastgesteld: str = ""  # kernbeleid_vastgesteld: the baseline adoption; "" = the latest
    #: kernbeleid_toon_ids: the site shows each item's id (PRIO_…, MR_…) for its writers;
    #: readers of the public site see titles only (the ids stay as link anchors).
    toon_ids: bool = False
    #: kernbeleid_gemeenten: the gemeenten of a joint plan; () = a plan of one gemeente
    gemeenten: tuple[Deelnemer, ...] = ()
    problems: tuple[SettingProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems
