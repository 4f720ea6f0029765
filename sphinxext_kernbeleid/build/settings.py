"""The plan's settings in conf.py, checked once (``config-inited``) and told in Dutch.

A coordinator who mistypes ``kernbeleid_periode = "2026-2029"`` must get one message
naming the setting and a correct example, not a traceback and not dozens of findings
blaming the items. :func:`validate` reads every ``kernbeleid_*`` value into one frozen
:class:`Settings`; a value that cannot be used is reported and replaced in the config by
a safe default, so every builder keeps working, while ``kernbeleid-check`` turns the
messages into ``fout`` findings (rule ``KB-R0-instellingen``) and exits non-zero.
Builders get the object with :func:`settings_of`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..check.ruleset import settings_from
from ..files import confpy
from ..model.parsing import MONTHS
from ..model.settings import (
    DEFAULT_PERIODE,
    DEFAULT_UITVOERINGSJAAR,
    YEARS,
    DocxSettings,
    SettingProblem,
    Settings,
)

logger = logging.getLogger(__name__)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: Any) -> str:
    """A value as the writer wrote it in conf.py."""
    return repr(value)


class _Checker:
    def __init__(self, config: Any, lines: Mapping[str, int]) -> None:
        self.config = config
        self.lines = lines
        self.problems: list[SettingProblem] = []

    def get(self, name: str, default: Any) -> Any:
        return getattr(self.config, name, default)

    def bad(self, name: str, message: str) -> None:
        self.problems.append(SettingProblem(name, message, self.lines.get(name)))

    def text(self, name: str, default: str, example: str) -> str:
        value = self.get(name, default)
        if value is None:
            return default
        if _is_int(value) or isinstance(value, float):
            return str(value)  # kernbeleid_versie = 2 means "2": unambiguous
        if not isinstance(value, str):
            self.bad(
                name, f"{name} = {_show(value)} is geen tekst. Schrijf bijvoorbeeld {example}."
            )
            return default
        return value.strip()

    def year(self, name: str, value: Any, example: str) -> int | None:
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*", value):
            value = int(value)  # "2026" is unambiguous
        if not _is_int(value) or value not in YEARS:
            return None
        return int(value)


def _periode(c: _Checker) -> tuple[int, int] | None:
    name = "kernbeleid_periode"
    value = c.get(name, DEFAULT_PERIODE)
    example = "kernbeleid_periode = (2026, 2029)"
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", value)
        if match:
            c.bad(
                name,
                f"kernbeleid_periode = {_show(value)} is tekst; schrijf het begin- en eindjaar "
                f"als twee getallen tussen haakjes: kernbeleid_periode = "
                f"({match[1]}, {match[2]}).",
            )
            return None
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        c.bad(
            name,
            f"kernbeleid_periode = {_show(value)} is geen periode van twee jaren. Schrijf het "
            f"eerste en het laatste jaar van het IVP, bijvoorbeeld {example}.",
        )
        return None
    start, end = (c.year(name, v, example) for v in value)
    if start is None or end is None:
        c.bad(
            name,
            f"kernbeleid_periode = {_show(value)} bevat geen twee jaartallen. Schrijf het "
            f"eerste en het laatste jaar van het IVP, bijvoorbeeld {example}.",
        )
        return None
    if end < start:
        c.bad(
            name,
            f"kernbeleid_periode = {_show(value)} loopt achteruit: het eindjaar ligt vóór het "
            f"beginjaar. Schrijf eerst het beginjaar: kernbeleid_periode = ({end}, {start}).",
        )
        return (end, start)
    if end - start > 9:
        c.bad(
            name,
            f"kernbeleid_periode = {_show(value)} duurt {end - start + 1} jaar; een IVP loopt "
            f"meestal 4 jaar. Controleer de jaren, bijvoorbeeld {example}.",
        )
    return (start, end)


def _uitvoeringsjaar(c: _Checker, periode: tuple[int, int] | None) -> int | None:
    name = "kernbeleid_uitvoeringsjaar"
    value = c.get(name, DEFAULT_UITVOERINGSJAAR)
    year = c.year(name, value, "")
    start = periode[0] if periode else DEFAULT_PERIODE[0]
    if year is None:
        c.bad(
            name,
            f"kernbeleid_uitvoeringsjaar = {_show(value)} is geen jaartal. Schrijf het jaar van "
            f"het uitvoeringsplan als getal, bijvoorbeeld kernbeleid_uitvoeringsjaar = {start}.",
        )
        return None
    if periode and not periode[0] <= year <= periode[1]:
        c.bad(
            name,
            f"kernbeleid_uitvoeringsjaar = {year} ligt buiten de IVP-periode "
            f"{periode[0]}-{periode[1]} (kernbeleid_periode). Kies een jaar van {periode[0]} "
            f"tot en met {periode[1]}, of pas de periode aan.",
        )
    return year


def _datum(c: _Checker) -> tuple[dt.date | None, str]:
    name = "kernbeleid_datum"
    value = c.get(name, "")
    example = 'kernbeleid_datum = "2026-12-15" (of laat de regel weg voor de datum van vandaag)'
    if value is None or value == "":
        return None, ""
    if isinstance(value, dt.date):
        return value, value.isoformat()
    if not isinstance(value, str):
        c.bad(
            name,
            f"kernbeleid_datum = {_show(value)} is geen datum. Zet de datum tussen "
            f"aanhalingstekens als jaar-maand-dag: {example}.",
        )
        return None, ""
    text = value.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    dutch = re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{4})", text.lower())
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])), text
        if dutch and dutch[2] in MONTHS:
            return dt.date(int(dutch[3]), MONTHS.index(dutch[2]) + 1, int(dutch[1])), text
    except ValueError:
        c.bad(
            name,
            f"kernbeleid_datum = {_show(value)} is een datum die niet bestaat. Controleer dag "
            f"en maand: {example}.",
        )
        return None, ""
    c.bad(
        name,
        f"kernbeleid_datum = {_show(value)} is geen datum die de toets kan lezen. Schrijf "
        f"jaar-maand-dag: {example}.",
    )
    return None, ""


def _extra_bronnen(c: _Checker) -> dict[str, str]:
    name = "kernbeleid_extra_bronnen"
    value = c.get(name, {})
    example = (
        'kernbeleid_extra_bronnen = {"gemeentelijke verkeerstelling": '
        '"Telling van de afdeling Verkeer"}'
    )
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        c.bad(
            name,
            f"kernbeleid_extra_bronnen = {_show(value)} is geen lijst van bronnen met hun "
            f"omschrijving. Schrijf naam: omschrijving tussen accolades: {example}.",
        )
        return {}
    out: dict[str, str] = {}
    for key, label in value.items():
        if not isinstance(key, str) or not key.strip():
            c.bad(
                name,
                f"kernbeleid_extra_bronnen: {_show(key)} is geen naam van een bron. {example}.",
            )
            continue
        out[key.strip()] = str(label).strip() if label is not None else ""
    return out


def _regels(c: _Checker) -> dict[str, Any]:

    name = "kernbeleid_regels"
    value = c.get(name, {})
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        c.bad(
            name,
            f"kernbeleid_regels = {_show(value)} is geen lijst van instellingen. Schrijf naam: "
            f'waarde tussen accolades, bijvoorbeeld kernbeleid_regels = {{"KB-R1": "uit", '
            f'"max_effectindicatoren": 4}}.',
        )
        return {}
    for message in settings_from(value).problems:
        c.bad(name, message)
    return dict(value)


def validate(config: Any, confdir: str | Path | None = None) -> Settings:
    """Every ``kernbeleid_*`` setting, checked; ``config`` may be a Sphinx Config or any object."""
    c = _Checker(config, confpy.lines_in(confdir))
    gemeente = c.text("kernbeleid_gemeente", "", 'kernbeleid_gemeente = "Voorbeeldstad"')
    if not gemeente and not any(p.name == "kernbeleid_gemeente" for p in c.problems):
        c.bad(
            "kernbeleid_gemeente",
            "kernbeleid_gemeente is leeg; de naam van de gemeente komt op de titelpagina en in "
            'het toetsrapport. Schrijf bijvoorbeeld kernbeleid_gemeente = "Voorbeeldstad".',
        )
    periode = _periode(c)
    jaar = _uitvoeringsjaar(c, periode)
    versie = c.text("kernbeleid_versie", "1.0", 'kernbeleid_versie = "1.0"')
    status = c.text("kernbeleid_status", "concept", 'kernbeleid_status = "concept"')
    datum, datum_tekst = _datum(c)
    if periode is None:
        periode = (jaar, jaar + 3) if jaar is not None else DEFAULT_PERIODE
    if jaar is None:
        jaar = periode[0]
    return Settings(
        gemeente=gemeente,
        periode=periode,
        uitvoeringsjaar=jaar,
        versie=versie,
        status=status,
        datum=datum,
        datum_tekst=datum_tekst,
        extra_bronnen=_extra_bronnen(c),
        regels=_regels(c),
        docx=DocxSettings(
            documents=getattr(config, "kernbeleid_docx_documents", None),
            sjabloon=str(getattr(config, "kernbeleid_docx_sjabloon", "") or ""),
            pdf=bool(getattr(config, "kernbeleid_docx_pdf", False)),
            odt=bool(getattr(config, "kernbeleid_docx_odt", False)),
        ),
        problems=tuple(c.problems),
    )


_SETTINGS: dict[int, Settings] = {}


def settings_of(app: Sphinx) -> Settings:
    """The checked settings of this Sphinx application (validated on first use)."""
    found = _SETTINGS.get(id(app.config))
    if found is None:
        found = validate(app.config, app.confdir)
        _SETTINGS[id(app.config)] = found
    return found


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Check once, tell each problem once, and give the builds safe values to run with."""
    settings = validate(config, app.confdir)
    _SETTINGS.clear()  # one application per process at a time; old ones are gone
    _SETTINGS[id(config)] = settings
    from ..model.catalogue import set_extra_sources

    set_extra_sources(settings.extra_bronnen)
    for problem in settings.problems:
        logger.warning(problem.text(), type="kernbeleid", subtype="instellingen")
    if not settings.problems:
        return
    # Safe values for every builder; the check still fails on the problems above.
    config.kernbeleid_gemeente = settings.gemeente
    config.kernbeleid_periode = settings.periode
    config.kernbeleid_uitvoeringsjaar = settings.uitvoeringsjaar
    config.kernbeleid_versie = settings.versie
    config.kernbeleid_status = settings.status
    config.kernbeleid_datum = settings.datum_tekst
    config.kernbeleid_extra_bronnen = dict(settings.extra_bronnen)
    if not isinstance(getattr(config, "kernbeleid_regels", {}), Mapping):
        config.kernbeleid_regels = {}
