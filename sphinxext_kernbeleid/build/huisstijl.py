"""The gemeente's house style: logo and house colour, kept readable (WCAG contrast).

``conf.py`` gives ``kernbeleid_logo`` (a path next to conf.py) and ``kernbeleid_huiskleur``
(a hex colour); :mod:`.settings` checks both (a missing logo or a colour that is no colour
is a waarschuwing of the check, and the standard serves). The site, the check report and
the Word title page ask :func:`huisstijl` for the values to use: a house colour too light
for white text on it is darkened until it reaches 4.5:1, with a Dutch warning saying so.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..files import confpy
from .settings import settings_of

logger = logging.getLogger(__name__)

#: A sober government blue, used when conf.py names no house colour.
STANDAARD_HUISKLEUR = "#1f4e79"
#: Normal text needs 4.5:1 against its background (WCAG 1.4.3).
MIN_CONTRAST = 4.5
#: The lightest tints the site draws text on (item heads, table heads); links in the
#: house colour must reach 4.5:1 on each of them, and so on white.
TINTEN = (
    "#ffffff",
    "#f3f6f9",
    "#eef2f5",
    "#fbeaea",
    "#fdf2e6",
    "#f7f1e8",
    "#fdecea",
    # the plattegrond's cells: prioriteit, overig thema, geanalyseerd
    "#f5b7b1",
    "#fad7a0",
    "#d6eaf8",
)
_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")

RGB = tuple[int, int, int]


def parse_hex(text: str) -> RGB | None:
    """``#1f4e79``, ``1f4e79`` or ``#15a`` as (r, g, b); ``None`` for anything else."""
    match = _HEX.fullmatch(text.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: RGB) -> float:
    """Relative luminance as WCAG 2 defines it."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darken_until(rgb: RGB, backgrounds: list[RGB], ratio: float = MIN_CONTRAST) -> RGB:
    """The same hue, darker in small steps, until it reaches ``ratio`` on every background."""
    current = rgb
    factor = 1.0
    while any(contrast(current, bg) < ratio for bg in backgrounds) and factor > 0:
        factor = round(factor - 0.02, 2)
        current = (int(rgb[0] * factor), int(rgb[1] * factor), int(rgb[2] * factor))
    return current


@dataclass(frozen=True)
class Huisstijl:
    """What the outputs use; every colour here meets the contrast rules."""

    #: The colour as conf.py wrote it (normalised), or the default.
    opgegeven: str
    #: Background of the site's header band and the report's title band: white text on it
    #: reaches 4.5:1.
    huiskleur: str
    #: Links and headings on white and on the light tints.
    tekstkleur: str
    #: The logo file, or ``None``.
    logo: Path | None

    @property
    def aangepast(self) -> bool:
        return self.huiskleur != self.opgegeven

    def rgb(self) -> RGB:
        """The house colour as (r, g, b), e.g. for the Word title page."""
        rgb = parse_hex(self.huiskleur)
        assert rgb is not None
        return rgb

    def css_variables(self) -> str:
        return (
            f"--kb-huiskleur: {self.huiskleur}; --kb-op-huiskleur: #ffffff; "
            f"--kb-tekstkleur: {self.tekstkleur};"
        )


def bereken(kleur: str) -> Huisstijl:
    """The readable variants of a (valid) house colour; no logo."""
    rgb = parse_hex(kleur) or parse_hex(STANDAARD_HUISKLEUR)
    assert rgb is not None
    white = (255, 255, 255)
    band = darken_until(rgb, [white])
    text = darken_until(rgb, [c for t in TINTEN if (c := parse_hex(t)) is not None])
    return Huisstijl(to_hex(rgb), to_hex(band), to_hex(text), None)


_CACHE: WeakKeyDictionary[Sphinx, Huisstijl] = WeakKeyDictionary()


def huisstijl(app: Sphinx) -> Huisstijl:
    """The house style of this project (validated once, in ``config-inited``)."""
    try:
        return _CACHE[app]
    except KeyError:
        return _check(app)


def _check(app: Sphinx) -> Huisstijl:
    """The house style from the checked settings; a colour too light is darkened, and said."""
    settings = settings_of(app)
    kleur = settings.huiskleur or STANDAARD_HUISKLEUR
    stijl = bereken(kleur)
    if stijl.aangepast:
        ratio = contrast(stijl.rgb(), (255, 255, 255))
        original = contrast(parse_hex(kleur) or (0, 0, 0), (255, 255, 255))
        logger.warning(
            f"kernbeleid_huiskleur {kleur} is te licht voor witte tekst (contrast "
            f"{_ratio(original)}:1, nodig is {_ratio(MIN_CONTRAST)}:1); de website en het "
            f"toetsrapport gebruiken de donkerder tint {stijl.huiskleur} (contrast "
            f"{_ratio(ratio)}:1). Kies zelf een donkerder tint van de huiskleur om "
            "deze melding te voorkomen.",
            type="kernbeleid",
            subtype="huisstijl",
            location=confpy.location(app, "kernbeleid_huiskleur"),
        )
    result = Huisstijl(stijl.opgegeven, stijl.huiskleur, stijl.tekstkleur, settings.logo)
    _CACHE[app] = result
    return result


def _ratio(value: float) -> str:
    """``4,5``: a contrast ratio as a Dutch reader writes it."""
    return f"{value:.1f}".replace(".", ",")


def logo_data_uri(stijl: Huisstijl) -> str | None:
    """The logo as a ``data:`` URI, for a report that must stay one self-contained file."""
    if stijl.logo is None:
        return None
    kind = {".svg": "svg+xml", ".jpg": "jpeg"}.get(stijl.logo.suffix.lower())
    kind = kind or stijl.logo.suffix.lower().lstrip(".")
    try:
        data = base64.b64encode(stijl.logo.read_bytes()).decode("ascii")
    except OSError:
        return None
    return f"data:image/{kind};base64,{data}"


def _on_config_inited(app: Sphinx, config: Config) -> None:
    _CACHE.pop(app, None)
    stijl = _check(app)
    # Sphinx copies html_logo into _static and hands it to every theme as logo_url.
    if stijl.logo is not None and not config.html_logo:
        config.html_logo = str(stijl.logo)


def setup(app: Sphinx) -> None:
    app.add_config_value("kernbeleid_huiskleur", "", "html", str)
    app.add_config_value("kernbeleid_logo", "", "html", (str, Path))
    app.connect("config-inited", _on_config_inited)
