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
import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..check.ruleset import settings_from
from ..files import confpy
from ..model.catalogue import set_extra_sources
from ..model.parsing import MONTHS
from ..model.settings import (
    DEFAULT_PERIODE,
    DEFAULT_UITVOERINGSJAAR,
    DOCUMENT_STATUSES,
    YEARS,
    DocxSettings,
    SettingProblem,
    Settings,
)
from .gemeenten import gemeenten as gemeenten_setting

logger = logging.getLogger(__name__)

#: The Word templates that come with the package (``kernbeleid_docx_sjabloon`` may name one).
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "docx_templates"
#: The name that picks the package's landscape template.
LANDSCAPE = "liggend"
#: Logo formats a browser shows, with the first bytes of such a file.
LOGO_KINDS = {
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".svg": (),  # text: checked for an <svg element
}
#: The substitutions' values, computed in ``config-inited``; not for conf.py.
COMPUTED = "kernbeleid_berekende_plangegevens"
_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: Any) -> str:
    """A value as the writer wrote it in conf.py."""
    return repr(value)


class _Checker:
    def __init__(
        self, config: Any, confdir: str | Path | None, srcdir: str | Path | None = None
    ) -> None:
        self.config = config
        self.confdir = Path(confdir) if confdir is not None else Path(".")
        self.srcdir = Path(srcdir) if srcdir is not None else None
        self.lines = confpy.lines_in(confdir)
        self.problems: list[SettingProblem] = []

    def get(self, name: str, default: Any) -> Any:
        return getattr(self.config, name, default)

    def bad(self, name: str, message: str, *, default_serves: bool = False) -> None:
        self.problems.append(
            SettingProblem(name, message, self.lines.get(name), default_serves=default_serves)
        )

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


def _status(c: _Checker) -> str:
    name = "kernbeleid_status"
    status = c.text(name, "concept", 'kernbeleid_status = "concept"')
    if status and status.lower() not in DOCUMENT_STATUSES:
        c.bad(
            name,
            f"kernbeleid_status = {_show(status)} is geen bekende status; de titelpagina's "
            "zouden een status tonen die de methode niet kent. Schrijf "
            'kernbeleid_status = "concept" of kernbeleid_status = "vastgesteld".',
        )
    return status


def _yes_no(c: _Checker, name: str, what: str) -> bool:
    value = c.get(name, False)
    if value is None or isinstance(value, bool):
        return bool(value)
    c.bad(
        name,
        f"{name} = {_show(value)} is geen ja/nee-waarde, dus er komt geen {what}. Schrijf "
        f"{name} = True (of False), zonder aanhalingstekens.",
    )
    return False


def _toon_ids(c: _Checker) -> bool:
    name = "kernbeleid_toon_ids"
    value = c.get(name, False)
    if value is None or isinstance(value, bool):
        return bool(value)
    c.bad(
        name,
        f"{name} = {_show(value)} is geen ja/nee-waarde; de website toont nu geen id's. "
        f"Schrijf {name} = True (of False), zonder aanhalingstekens.",
        default_serves=True,
    )
    return False


def find_template(name: str, confdir: Path) -> Path | None:
    """A Word template named in conf.py: beside conf.py, in its ``docx_templates/``, or one of
    the package's own; ``None`` when there is none of that name."""
    for candidate in (confdir / name, confdir / "docx_templates" / name, PACKAGE_TEMPLATES / name):
        if candidate.is_file():
            return candidate
    return None


def _template(c: _Checker, name: str, where: str, value: Any) -> str | None:
    """A template name that can be used ("" for none), or ``None`` after telling why not."""
    if value in (None, "") or value == LANDSCAPE:
        return str(value or "")
    if not isinstance(value, str | Path):
        c.bad(
            name,
            f"{where} = {_show(value)} is geen bestandsnaam van een Word-sjabloon; schrijf "
            "bijvoorbeeld 'huisstijl.dotx' (naast conf.py of in docx_templates/).",
        )
        return None
    if find_template(str(value), c.confdir) is None:
        c.bad(
            name,
            f"{where}: het Word-sjabloon '{value}' bestaat niet (gezocht naast conf.py, in "
            "docx_templates/ en bij de standaardsjablonen); zonder sjabloon zou het "
            "Word-document niet gemaakt worden. Het standaardsjabloon wordt nu gebruikt. "
            "Controleer de naam.",
        )
        return None
    return str(value)


def _documents(c: _Checker) -> list[Any] | None:
    """``kernbeleid_docx_documents``: only entries a builder can make; ``None`` = defaults."""
    name = "kernbeleid_docx_documents"
    value = c.get(name, None)
    example = '[("ivp/index", "IVP.docx", None, None)]'
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        c.bad(
            name,
            f"{name} = {_show(value)} is geen lijst van documenten, dus er zou geen "
            "Word-document komen; nu komen de standaarddocumenten. Schrijf per document "
            f"(startdocument, bestandsnaam, titel, sjabloon) in een lijst: {name} = {example}.",
        )
        return None
    usable: list[Any] = []
    for index, entry in enumerate(value, start=1):
        values = _entry_values(entry)
        if values is None:
            c.bad(
                name,
                f"{name}[{index}] = {_show(entry)} is geen document, dus het wordt niet "
                "gemaakt. Schrijf (startdocument, bestandsnaam, titel, sjabloon), bijvoorbeeld "
                "('ivp/index', 'IVP.docx', None, None).",
            )
            continue
        if not _start_exists(c, str(values[0])):
            c.bad(
                name,
                f"{name}[{index}]: het startdocument '{values[0]}' bestaat niet, dus "
                f"'{values[1]}' zou niet gemaakt worden. Schrijf de naam van het document "
                "zonder extensie, vanaf de map met de bronnen, bijvoorbeeld 'ivp/index'.",
            )
            continue
        template = _template(c, name, f"{name}[{index}]", values[3])
        usable.append((*values[:3], template or None))
    if not usable:
        if not value:
            c.bad(
                name,
                f"{name} = {_show(value)} noemt geen enkel document, dus er zou geen "
                f"Word-document komen; nu komen de standaarddocumenten. Schrijf bijvoorbeeld "
                f"{name} = {example}, of laat de regel weg.",
            )
        return None
    return usable


#: Word documents the builder assembles itself (the annex, the voortgangsrapportage).
GENERATED_PREFIX = "kernbeleid:"


def _start_exists(c: _Checker, start: str) -> bool:
    """Whether a Word document's start document is a source of the plan (or generated).

    Unknown without the source folder (a plain object as config): then it counts as there.
    """
    if c.srcdir is None or start.startswith(GENERATED_PREFIX):
        return True
    name = start.removesuffix(".rst").removesuffix(".md")
    raw = c.get("source_suffix", None)
    suffixes = {".rst", ".md"}
    if isinstance(raw, str):
        suffixes.add(raw)
    elif isinstance(raw, Mapping | list | tuple):
        suffixes.update(str(suffix) for suffix in raw)
    return any((c.srcdir / f"{name}{suffix}").is_file() for suffix in suffixes)


def _entry_values(entry: Any) -> tuple[Any, Any, Any, Any] | None:
    keys = ("start", "bestand", "titel", "sjabloon")
    if isinstance(entry, Mapping):
        values = [entry.get(k) for k in keys]
    elif isinstance(entry, list | tuple) and 2 <= len(entry) <= 4:
        values = [*entry, *[None] * (4 - len(entry))]
    else:
        return None
    if not isinstance(values[0], str) or not values[0] or not values[1]:
        return None
    return (values[0], values[1], values[2], values[3])


def _huiskleur(c: _Checker) -> str:
    name = "kernbeleid_huiskleur"
    value = c.get(name, "")
    if value in (None, ""):
        return ""
    match = _HEX.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        c.bad(
            name,
            f"kernbeleid_huiskleur {_show(value)} is geen kleurcode; schrijf een hexadecimale "
            "kleur zoals '#1f4e79'. De website, het toetsrapport en Word gebruiken nu de "
            "standaardkleur.",
            default_serves=True,
        )
        return ""
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return f"#{digits.lower()}"


def _logo(c: _Checker) -> Path | None:
    name = "kernbeleid_logo"
    raw = c.get(name, "")
    if raw in (None, ""):
        return None
    if not isinstance(raw, str | Path):
        c.bad(
            name,
            f"kernbeleid_logo {_show(raw)} is geen bestandsnaam; schrijf het pad van het logo "
            "ten opzichte van de map met conf.py, bijvoorbeeld 'logo.png'. Er wordt nu geen "
            "logo getoond.",
            default_serves=True,
        )
        return None
    path = c.confdir / raw
    if not path.is_file():
        c.bad(
            name,
            f"kernbeleid_logo '{raw}' bestaat niet (gezocht: {path}); zet het pad ten "
            "opzichte van de map met conf.py. De website, het toetsrapport en Word tonen nu "
            "geen logo.",
            default_serves=True,
        )
        return None
    if not _is_image(path):
        c.bad(
            name,
            f"kernbeleid_logo '{raw}' is geen afbeelding die een browser toont; gebruik een "
            "PNG-, JPG- of SVG-bestand. Er wordt nu geen logo getoond.",
            default_serves=True,
        )
        return None
    return path.resolve()


def _is_image(path: Path) -> bool:
    """A PNG, JPG, GIF or SVG file by name and by its first bytes."""
    kind = path.suffix.lower()
    if kind not in LOGO_KINDS:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if kind == ".svg":
        return b"<svg" in head
    return head.startswith(LOGO_KINDS[kind])


def _unknown_names(c: _Checker, known: Iterable[str]) -> None:
    """A ``kernbeleid_*`` name in conf.py that no setting has: its value is never used."""
    valid = sorted(set(known))
    if not valid:
        return  # not a Sphinx Config: the known names are not at hand
    for name in sorted(c.lines, key=lambda n: c.lines[n]):
        if not name.startswith("kernbeleid_") or name in valid:
            continue
        prefix = len("kernbeleid_")  # every name has it: compare what follows
        near = difflib.get_close_matches(name[prefix:], [v[prefix:] for v in valid], n=1)
        hint = f" Bedoelt u kernbeleid_{near[0]}?" if near else f" Bekend zijn: {', '.join(valid)}."
        c.bad(
            name,
            f"{name} is geen instelling van kernbeleid, dus deze waarde wordt nergens "
            f"gebruikt.{hint}",
        )


def _known_names(config: Any) -> list[str]:
    if isinstance(config, Config):
        return [
            value.name
            for value in config
            if value.name.startswith("kernbeleid_") and value.name != COMPUTED
        ]
    return []


def validate(
    config: Any, confdir: str | Path | None = None, srcdir: str | Path | None = None
) -> Settings:
    """Every ``kernbeleid_*`` setting, checked; ``config`` may be a Sphinx Config or any object."""
    c = _Checker(config, confdir, srcdir)
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
    status = _status(c)
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
        huiskleur=_huiskleur(c),
        logo=_logo(c),
        docx=DocxSettings(
            documents=_documents(c),
            sjabloon=_template(
                c,
                "kernbeleid_docx_sjabloon",
                "kernbeleid_docx_sjabloon",
                c.get("kernbeleid_docx_sjabloon", ""),
            )
            or "",
            pdf=_yes_no(c, "kernbeleid_docx_pdf", "PDF"),
            odt=_yes_no(c, "kernbeleid_docx_odt", "ODT"),
            raadsvoorstel_sjabloon=_template(
                c,
                "kernbeleid_raadsvoorstel_sjabloon",
                "kernbeleid_raadsvoorstel_sjabloon",
                c.get("kernbeleid_raadsvoorstel_sjabloon", ""),
            )
            or "",
            wijzigingen=_yes_no(c, "kernbeleid_docx_wijzigingen", "markering van wijzigingen"),
            wijzigingen_auteur=c.text(
                "kernbeleid_docx_wijzigingen_auteur",
                "",
                'kernbeleid_docx_wijzigingen_auteur = "Griffie"',
            ),
        ),
        vastgesteld=str(c.get("kernbeleid_vastgesteld", "") or "").strip(),
        toon_ids=_toon_ids(c),
        gemeenten=gemeenten_setting(c),
        problems=tuple(_with_unknown_names(c, config)),
    )


def _with_unknown_names(c: _Checker, config: Any) -> list[SettingProblem]:
    _unknown_names(c, _known_names(config))
    return c.problems


_SETTINGS: dict[int, Settings] = {}


_SHOWN: dict[int, Settings] = {}


def settings_shown(app: Sphinx, settings: Settings | None) -> None:
    """Use ``settings`` (one gemeente's of a joint plan, see ``plan_cache.showing``) for a
    while; ``None`` goes back to the plan's own."""
    if settings is None:
        _SHOWN.pop(id(app.config), None)
    else:
        _SHOWN[id(app.config)] = settings


def settings_of(app: Sphinx) -> Settings:
    """The checked settings of this Sphinx application (validated on first use)."""
    shown = _SHOWN.get(id(app.config))
    if shown is not None:
        return shown
    found = _SETTINGS.get(id(app.config))
    if found is None:
        found = validate(app.config, app.confdir, app.srcdir)
        _SETTINGS[id(app.config)] = found
    return found


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Check once, tell each problem once, and give the builds safe values to run with."""
    settings = validate(config, app.confdir, app.srcdir)
    _SETTINGS.clear()  # one application per process at a time; old ones are gone
    _SETTINGS[id(config)] = settings
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
    config.kernbeleid_docx_documents = settings.docx.documents
    config.kernbeleid_docx_sjabloon = settings.docx.sjabloon
    config.kernbeleid_docx_pdf = settings.docx.pdf
    config.kernbeleid_docx_odt = settings.docx.odt
    config.kernbeleid_toon_ids = settings.toon_ids
    config.kernbeleid_docx_wijzigingen = settings.docx.wijzigingen
    config.kernbeleid_docx_wijzigingen_auteur = settings.docx.wijzigingen_auteur
    if settings.logo is None:
        config.kernbeleid_logo = ""
    if not isinstance(getattr(config, "kernbeleid_huiskleur", ""), str):
        config.kernbeleid_huiskleur = ""
    if not isinstance(getattr(config, "kernbeleid_regels", {}), Mapping):
        config.kernbeleid_regels = {}
