"""The catalogue of the VNG method: five veiligheidsvelden, their themes and the approach aspects.

Loaded once from ``data/catalogus.yaml``; everything else reads it through :func:`load`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class SuggestedIndicator:
    naam: str
    bron: str
    soort: str
    eenheid: str = ""
    bbv: bool = False  # a BBV beleidsindicator (begroting and jaarverslag)


@dataclass(frozen=True)
class Theme:
    code: str
    naam: str
    veld: str
    omschrijving: str = ""
    bronnen: tuple[str, ...] = ()
    effectindicatoren: tuple[SuggestedIndicator, ...] = ()
    raakvlakken: tuple[str, ...] = ()
    is_aspect: bool = False

    @property
    def label(self) -> str:
        return f"{self.code} {self.naam}"


@dataclass(frozen=True)
class Field:
    code: str
    naam: str
    omschrijving: str
    themes: tuple[Theme, ...]


@dataclass(frozen=True)
class Catalogue:
    fields: tuple[Field, ...]
    aspects: tuple[Theme, ...]
    sources: dict[str, str]
    by_code: dict[str, Theme] = field(default_factory=dict)

    @property
    def themes(self) -> list[Theme]:
        return [theme for f in self.fields for theme in f.themes]

    def get(self, code: str) -> Theme | None:
        return self.by_code.get(code.strip())

    def nearest(self, code: str, n: int = 3) -> list[str]:
        """Valid codes that look like ``code``, for a helpful message."""
        codes = list(self.by_code)
        close = difflib.get_close_matches(code.strip(), codes, n=n, cutoff=0.3)
        if not close and code[:1].isdigit():
            close = [c for c in codes if c.startswith(code[:1] + ".")][:n]
        return close

    def bbv_indicatoren(self) -> list[tuple[Theme, SuggestedIndicator]]:
        """The BBV beleidsindicatoren for veiligheid, with the theme they are suggested for."""
        return [(t, i) for t in self.themes for i in t.effectindicatoren if i.bbv]

    def source_label(self, source_id: str) -> str:
        """How a written source reads: a catalogue key (a code, like a kv-code) as its
        label, an own source with its description (``kernbeleid_extra_bronnen``), any
        other text exactly as the writer wrote it (a name is never replaced)."""
        if source_id in self.sources:
            return self.sources[source_id]
        key = match_source(source_id, _EXTRA_SOURCES)
        if key is not None and _EXTRA_SOURCES.get(key):
            return f"{source_id} ({_EXTRA_SOURCES[key]})"
        return source_id


#: The project's own sources (``kernbeleid_extra_bronnen``): name -> description.
_EXTRA_SOURCES: dict[str, str] = {}


def set_extra_sources(sources: Mapping[str, str]) -> None:
    """The own sources of the plan being built (set once per build from conf.py)."""
    _EXTRA_SOURCES.clear()
    _EXTRA_SOURCES.update(sources)


def normalize_source(name: str) -> str:
    """``Ondernemersenquête`` = ``ondernemers-enquete``: no case, accents, hyphens or spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def match_source(name: str, sources: Mapping[str, str]) -> str | None:
    """The key of ``sources`` that ``name`` means (by key or label), or None."""
    if name in sources:
        return name
    wanted = normalize_source(name)
    if not wanted:
        return None
    for key, label in sources.items():
        if wanted in (normalize_source(key), normalize_source(str(label))):
            return key
    return None


def likely_typos(name: str, sources: Mapping[str, str]) -> list[str]:
    """Known sources ``name`` is probably a misspelling of (``veiligheidsmonitr``)."""
    wanted = normalize_source(name)
    if len(wanted) < 5:
        return []
    by_norm = {normalize_source(k): k for k in sources}
    close = difflib.get_close_matches(wanted, list(by_norm), n=2, cutoff=0.85)
    return [by_norm[c] for c in close]


def _theme(raw: dict, veld: str, is_aspect: bool = False) -> Theme:
    return Theme(
        code=str(raw["code"]),
        naam=raw["naam"],
        veld=veld,
        omschrijving=raw.get("omschrijving", ""),
        bronnen=tuple(raw.get("bronnen") or ()),
        effectindicatoren=tuple(
            SuggestedIndicator(
                i["naam"],
                i.get("bron", ""),
                i.get("soort", ""),
                i.get("eenheid", ""),
                bool(i.get("bbv", False)),
            )
            for i in raw.get("effectindicatoren") or ()
        ),
        raakvlakken=tuple(str(c) for c in raw.get("raakvlakken") or ()),
        is_aspect=is_aspect,
    )


@cache
def load() -> Catalogue:
    """The catalogue shipped with the package (read once per process)."""
    text = (
        resources.files("sphinxext_kernbeleid").joinpath("data/catalogus.yaml").read_text("utf-8")
    )
    import yaml  # here: importing the model costs every build, the catalogue only some

    # libyaml's safe loader when PyYAML was built with it (several times faster).
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    fields = tuple(
        Field(
            code=str(f["code"]),
            naam=f["naam"],
            omschrijving=f.get("omschrijving", ""),
            themes=tuple(_theme(t, str(f["code"])) for t in f["themas"]),
        )
        for f in raw["velden"]
    )
    aspects = tuple(_theme(a, "1", is_aspect=True) for a in raw.get("aspecten") or ())
    by_code = {t.code: t for f in fields for t in f.themes}
    by_code.update({a.code: a for a in aspects})
    return Catalogue(fields, aspects, dict(raw.get("bronnen") or {}), by_code)
