"""A typed view of the Kernbeleid needs: the one structure every output reads.

:func:`build_plan` turns sphinx-needs' resolved needs into :class:`Plan`, parsing the
values writers typed (Dutch numbers, value+year, quarters, lists) once. What cannot be
read becomes a :class:`Problem` (Dutch, located) instead of an exception, so a build
never crashes on a typo and no item is dropped.
"""

from __future__ import annotations

import builtins
import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from . import catalogue as catalogue_module
from .meetreeks import Meting, Vergelijking, parse_metingen, parse_vergelijking
from .parsing import (
    ParseError,
    QuarterRange,
    Target,
    YearValue,
    is_placeholder,
    normalize_choice,
    parse_int,
    parse_list,
    parse_money,
    parse_quarter_range,
    parse_target,
    parse_year_value,
)
from .settings import Deelnemer, Settings

__all__ = ["Settings", "build_plan"]  # Settings lives in .settings; kept importable here

#: The statuses of a maatregel: the one spelling every module uses.
GEPLAND, LOPEND, GEREED, VERTRAAGD, VERVALLEN = (
    "gepland",
    "lopend",
    "gereed",
    "vertraagd",
    "vervallen",
)
STATUSES = (GEPLAND, LOPEND, GEREED, VERTRAAGD, VERVALLEN)
SOORTEN = ("objectief", "subjectief")
RICHTINGEN = ("dalen", "stijgen")
NIVEAUS = ("strategisch",)


class Need(Protocol):
    """One need as sphinx-needs gives it (``NeedItem``) or as needs.json holds it (a dict)."""

    def __getitem__(self, key: str, /) -> Any: ...

    def get(self, key: str, /) -> Any: ...


@dataclass(frozen=True)
class Problem:
    """Something a writer must fix, located at an item."""

    code: str  # warning subtype, e.g. "waarde"
    need_id: str
    docname: str | None
    lineno: int | None
    message: str
    field: str | None = None  # the option that holds the bad value, e.g. "nulmeting"


@dataclass(frozen=True)
class Waiver:
    """``:afwijking: KB-R2 — reason``: a deliberate, justified exception to a rule."""

    rule: str
    reason: str


@dataclass(frozen=True)
class Voortgang:
    """Progress a partner reported for a maatregel or prestatie-indicator in one quarter.

    Filled from the plan's ``voortgang/*.yaml`` files (see :mod:`.voortgang`).
    """

    periode: str  # e.g. "2026-Q2"
    status: str | None = None
    realisatie: Decimal | None = None
    toelichting: str | None = None


def of_plan_year(periode: str, jaar: int | None) -> bool:
    """Whether progress over ``periode`` (``2027-Q3``) belongs to the Uitvoeringsplan of
    ``jaar``: one of its quarters, or Q1 of the next year (the final state). The one rule
    for what the site, Word, the workbook and the voortgangsrapportage show as "this
    year's" progress: after ``vervolg`` last year's reports stay on file (the jaarbeeld
    reads them) but are no longer a maatregel's current state."""
    if jaar is None:
        return True
    year, _, quarter = periode.partition("-Q")
    if not year.isdigit():
        return False
    return int(year) == jaar or (int(year) == jaar + 1 and quarter == "1")


def carried_forward(reports: list[Voortgang]) -> Voortgang | None:
    """The last of ``reports`` (oldest first) with the status and realisatie of an earlier
    report where it has none. The partner workbook comes pre-filled with the latest state
    and the import writes only what changed, so a quarter in which a partner left
    "lopend" as it was has no status of its own: it is still lopend, not the plan's
    "gepland". A comment (toelichting) belongs to its quarter and is not carried."""
    if not reports:
        return None
    last = reports[-1]
    status, realisatie = last.status, last.realisatie
    for earlier in reversed(reports[:-1]):
        status = status if status is not None else earlier.status
        realisatie = realisatie if realisatie is not None else earlier.realisatie
    if status == last.status and realisatie == last.realisatie:
        return last
    return replace(last, status=status, realisatie=realisatie)


def _latest_of_year(reports: list[Voortgang], jaar: int | None) -> Voortgang | None:
    return carried_forward([r for r in reports if of_plan_year(r.periode, jaar)])


@dataclass(eq=False)
class Item:
    id: str
    type: str
    title: str
    docname: str | None
    lineno: int | None
    status: str | None = None
    content: str = ""
    parent_ids: list[str] = field(default_factory=list)
    parents: list[Item] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)
    #: ``:gemeenten:`` as canonical names; None = every gemeente (see :mod:`.gemeenten`)
    gemeenten: tuple[str, ...] | None = None
    raw: Need | Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def parent(self) -> Item | None:
        """The first resolved ``hoort_bij`` target (an item has one parent)."""
        return self.parents[0] if self.parents else None

    # builtins.type: inside Item, "type" is the need type field.
    def children_of_type(self, type_: builtins.type[T]) -> list[T]:
        return [c for c in self.children if isinstance(c, type_)]

    @property
    def onderdeel(self) -> Onderdeel | None:
        """The prioriteit or thema this item traces up to through ``hoort_bij``."""
        return next((a for a in self.ancestors() if isinstance(a, Onderdeel)), None)

    def ancestors(self) -> Iterator[Item]:
        """Walk ``hoort_bij`` upwards; stops on a cycle instead of looping."""
        seen = {self.id}
        node = self.parent
        while node is not None and node.id not in seen:
            yield node
            seen.add(node.id)
            node = node.parent


T = TypeVar("T", bound=Item)


@dataclass(eq=False)
class Onderdeel(Item):
    """A prioriteit or an overig thema: what goals and actions hang under."""

    kv: list[str] = field(default_factory=list)
    budget: Decimal | None = None
    #: The part of ``budget`` that is new money; the rest is existing budget.
    intensivering: Decimal | None = None

    @property
    def doelen(self) -> list[Doel]:
        return self.children_of_type(Doel)

    @property
    def actiepunten(self) -> list[Actiepunt]:
        return self.children_of_type(Actiepunt)

    @property
    def indicatoren(self) -> list[EffectIndicator]:
        return [i for d in self.doelen for i in d.all_indicatoren]


@dataclass(eq=False)
class Prioriteit(Onderdeel):
    rang: int | None = None


@dataclass(eq=False)
class Thema(Onderdeel):
    pass


@dataclass(eq=False)
class Doel(Item):
    niveau: str | None = None

    @property
    def is_strategisch(self) -> bool:
        return self.niveau == "strategisch"

    @property
    def indicatoren(self) -> list[EffectIndicator]:
        return self.children_of_type(EffectIndicator)

    @property
    def all_indicatoren(self) -> list[EffectIndicator]:
        """Indicators of this goal and of its sub-goals."""
        out = list(self.indicatoren)
        for sub in self.children_of_type(Doel):
            out.extend(sub.indicatoren)
        return out

    #: Maatregelen that name this goal with ``draagt_bij_aan``.
    bijdragende_maatregelen: list[Maatregel] = field(default_factory=list)


@dataclass(eq=False)
class EffectIndicator(Item):
    bron: str | None = None
    soort: str | None = None
    eenheid: str | None = None
    nulmeting: YearValue | None = None
    streefwaarde: YearValue | None = None
    richting: str | None = None
    #: Realisations by year (typed ``:metingen:`` and imported metingen/metingen.yaml).
    metingen: list[Meting] = field(default_factory=list)
    #: A joint plan: each gemeente's own series (by name, in conf.py's order), when
    #: metingen/metingen.yaml has values per gemeente; her own plan shows hers as ``metingen``.
    metingen_per_gemeente: dict[str, list[Meting]] = field(default_factory=dict)
    vergelijking: list[Vergelijking] = field(default_factory=list)

    @property
    def richting_klopt(self) -> bool | None:
        """Whether baseline → target goes the stated way; ``None`` when a value is missing."""
        if self.nulmeting is None or self.streefwaarde is None or self.richting is None:
            return None
        if self.richting == "stijgen":
            return self.streefwaarde.value > self.nulmeting.value
        return self.streefwaarde.value < self.nulmeting.value


@dataclass(eq=False)
class Uitgangspunt(Item):
    toegepast_in: list[Maatregel] = field(default_factory=list)


@dataclass(eq=False)
class Actiepunt(Item):
    @property
    def maatregelen(self) -> list[Maatregel]:
        return self.children_of_type(Maatregel)


@dataclass(eq=False)
class Maatregel(Item):
    bestuurlijk_trekker: str | None = None
    ambtelijk_trekker: str | None = None
    partners: list[str] = field(default_factory=list)
    planning: QuarterRange | None = None
    budget: Decimal | None = None
    #: The part of ``budget`` that is new money (for a post outside the onderdelen).
    intensivering: Decimal | None = None
    draagt_bij_aan_ids: list[str] = field(default_factory=list)
    draagt_bij_aan: list[Doel] = field(default_factory=list)
    uitgangspunt_ids: list[str] = field(default_factory=list)
    uitgangspunten: list[Uitgangspunt] = field(default_factory=list)
    voortgang: list[Voortgang] = field(default_factory=list)  # oldest period first
    #: The Uitvoeringsplan's year (set by :func:`build_plan`): which reports are current.
    plan_jaar: int | None = None

    @property
    def laatste_voortgang(self) -> Voortgang | None:
        """The latest report of the plan's own year (:func:`of_plan_year`)."""
        return _latest_of_year(self.voortgang, self.plan_jaar)

    @property
    def prestatie_indicatoren(self) -> list[PrestatieIndicator]:
        return self.children_of_type(PrestatieIndicator)

    @property
    def actiepunt(self) -> Actiepunt | None:
        parent = self.parent
        return parent if isinstance(parent, Actiepunt) else None


@dataclass(eq=False)
class PrestatieIndicator(Item):
    streefwaarde: Target | None = None
    eenheid: str | None = None
    voortgang: list[Voortgang] = field(default_factory=list)  # oldest period first
    #: The Uitvoeringsplan's year (set by :func:`build_plan`): which reports are current.
    plan_jaar: int | None = None

    @property
    def laatste_voortgang(self) -> Voortgang | None:
        """The latest report of the plan's own year (:func:`of_plan_year`)."""
        return _latest_of_year(self.voortgang, self.plan_jaar)


@dataclass(eq=False)
class Analyse(Item):
    kv: list[str] = field(default_factory=list)


ITEM_CLASSES: dict[str, type[Item]] = {
    "prioriteit": Prioriteit,
    "thema": Thema,
    "doel": Doel,
    "effectindicator": EffectIndicator,
    "uitgangspunt": Uitgangspunt,
    "actiepunt": Actiepunt,
    "maatregel": Maatregel,
    "prestatie-indicator": PrestatieIndicator,
    "analyse": Analyse,
}


@dataclass(eq=False)
class Plan:
    settings: Settings
    items: dict[str, Item]
    problems: list[Problem] = field(default_factory=list)
    _by_type: dict[str, list[Item]] = field(default_factory=dict, repr=False)

    def of_type(self, type_: type[T]) -> list[T]:
        name = next(k for k, v in ITEM_CLASSES.items() if v is type_)
        return self._by_type.get(name, [])  # type: ignore[return-value]

    def get(self, need_id: str) -> Item | None:
        return self.items.get(need_id)

    @property
    def prioriteiten(self) -> list[Prioriteit]:
        return sorted(
            self.of_type(Prioriteit),
            key=lambda p: (p.rang if p.rang is not None else 99, p.title),
        )

    @property
    def themas(self) -> list[Thema]:
        return self.of_type(Thema)

    @property
    def onderdelen(self) -> list[Onderdeel]:
        return [*self.prioriteiten, *self.themas]

    @property
    def maatregelen(self) -> list[Maatregel]:
        return self.of_type(Maatregel)

    @property
    def analyses(self) -> list[Analyse]:
        return self.of_type(Analyse)


# --------------------------------------------------------------------------- building


class _Reader:
    """Parses the fields of one need, collecting problems instead of raising."""

    def __init__(self, need: Need, problems: list[Problem]) -> None:
        self.need = need
        self.problems = problems

    def text(self, name: str) -> str | None:
        value = self.need.get(name)
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        value = str(value).strip()
        if is_placeholder(value):  # "[IN TE VULLEN]": not filled yet, reported by the check
            return None
        return value or None

    def problem(self, name: str, message: str, code: str = "waarde") -> None:
        self.problems.append(
            Problem(
                code,
                self.need["id"],
                self.need.get("docname"),
                self.need.get("lineno"),
                message,
                name,
            )
        )

    def parsed(self, name: str, parser: Callable[[str], Any]) -> Any:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            return parser(raw)
        except ParseError as err:
            self.problem(
                name,
                f"{name} '{raw}' van {self.need['id']} niet herkend: {err.reason}; "
                f"schrijf bijvoorbeeld '{err.hint}'.",
            )
            return None

    def choice(self, name: str, allowed: tuple[str, ...]) -> str | None:
        raw = self.text(name)
        if raw is None:
            return None
        value = normalize_choice(raw)
        if value not in allowed:
            self.problem(
                name,
                f"{name} '{raw}' van {self.need['id']} is geen geldige keuze; "
                f"kies uit: {', '.join(allowed)}.",
            )
            return None
        return value

    def links(self, name: str) -> list[str]:
        value = self.need.get(name) or []
        return [str(v) for v in value]


def _kv_codes(reader: _Reader, catalogue: catalogue_module.Catalogue) -> list[str]:
    raw = reader.text("kv")
    if raw is None:
        return []
    codes = parse_list(raw)
    valid = []
    for code in codes:
        if catalogue.get(code) is None:
            nearest = catalogue.nearest(code)
            hint = f" Bedoelt u {' of '.join(nearest)}?" if nearest else ""
            reader.problem(
                "kv",
                f"kv-code '{code}' van {reader.need['id']} staat niet in de catalogus "
                f"Kernbeleid Veiligheid.{hint} Zie de plattegrond voor alle codes.",
            )
        else:
            valid.append(code)
    return valid


def _waivers(reader: _Reader) -> list[Waiver]:
    raw = reader.text("afwijking")
    if raw is None:
        return []
    out = []
    for part in raw.split(";"):
        part = part.strip()
        if not part:
            continue
        rule, _, reason = part.partition(" ")
        reason = reason.strip().lstrip("—–-:").strip()
        out.append(Waiver(rule.strip().rstrip(":"), reason))
    return out


def _source_id(reader: _Reader, sources: Mapping[str, str]) -> str | None:
    """Any source is accepted: a known one by its key, another one as written."""
    raw = reader.text("bron")
    if raw is None:
        return None
    key = catalogue_module.match_source(raw, sources)
    if key is not None:
        return key
    near = catalogue_module.likely_typos(raw, sources)
    if near:
        reader.problem(
            "bron",
            f"bron '{raw}' van {reader.need['id']} staat niet in de catalogus; bedoelt u "
            f"{' of '.join(near)}? Is het een eigen bron, zet haar dan met een omschrijving "
            f"in kernbeleid_extra_bronnen in conf.py.",
            code="bron-advies",
        )
    return raw


def _gemeenten(reader: _Reader, deelnemers: tuple[Deelnemer, ...]) -> tuple[str, ...] | None:
    """``:gemeenten: Lindewaard, GM1234``: the canonical names; an unknown one is told."""
    raw = reader.text("gemeenten")
    if raw is None:
        return None
    need_id = reader.need["id"]
    if not deelnemers:
        reader.problem(
            "gemeenten",
            f"{need_id} zegt ':gemeenten: {raw}', maar conf.py noemt geen gemeenten. Zet de "
            f"deelnemende gemeenten in kernbeleid_gemeenten (zie 'Een plan van meer gemeenten'), "
            f"of haal ':gemeenten:' weg.",
        )
        return None
    by_key = {d.naam.casefold(): d.naam for d in deelnemers}
    by_key.update({d.code.casefold(): d.naam for d in deelnemers})
    names: list[str] = []
    for part in parse_list(raw):
        name = by_key.get(part.strip().casefold())
        if name is None:
            near = difflib.get_close_matches(part, [d.naam for d in deelnemers], n=1, cutoff=0.5)
            hint = f" Bedoelt u {near[0]}?" if near else ""
            known = ", ".join(f"{d.naam} ({d.code})" for d in deelnemers)
            reader.problem(
                "gemeenten",
                f"gemeente '{part}' van {need_id} doet niet mee aan dit plan.{hint} "
                f"Deelnemers (kernbeleid_gemeenten): {known}.",
            )
        elif name not in names:
            names.append(name)
    return tuple(names) if names else None


def _make_item(
    need: Need,
    problems: list[Problem],
    catalogue: catalogue_module.Catalogue,
    sources: Mapping[str, str],
    deelnemers: tuple[Deelnemer, ...] = (),
) -> Item:
    reader = _Reader(need, problems)
    type_name = need["type"]
    cls = ITEM_CLASSES[type_name]
    common: dict[str, Any] = dict(
        id=need["id"],
        type=type_name,
        title=need.get("title") or need["id"],
        docname=need.get("docname"),
        lineno=need.get("lineno"),
        status=reader.text("status"),
        content=need.get("content") or "",
        parent_ids=reader.links("hoort_bij"),
        waivers=_waivers(reader),
        gemeenten=_gemeenten(reader, deelnemers),
        raw=need,
    )
    if cls in (Prioriteit, Thema):
        common["kv"] = _kv_codes(reader, catalogue)
        common["budget"] = reader.parsed("budget", parse_money)
        common["intensivering"] = reader.parsed("intensivering", parse_money)
        if cls is Prioriteit:
            common["rang"] = reader.parsed("rang", parse_int)
    elif cls is Analyse:
        common["kv"] = _kv_codes(reader, catalogue)
    elif cls is Doel:
        common["niveau"] = reader.choice("niveau", NIVEAUS)
    elif cls is EffectIndicator:
        common.update(
            bron=_source_id(reader, sources),
            soort=reader.choice("soort", SOORTEN),
            eenheid=reader.text("eenheid"),
            nulmeting=reader.parsed("nulmeting", parse_year_value),
            streefwaarde=reader.parsed(
                "streefwaarde", lambda t: parse_year_value(t, hint="7,3 (2029)")
            ),
            richting=reader.choice("richting", RICHTINGEN),
            metingen=reader.parsed("metingen", parse_metingen) or [],
            vergelijking=reader.parsed("vergelijking", parse_vergelijking) or [],
        )
    elif cls is Maatregel:
        common.update(
            bestuurlijk_trekker=reader.text("bestuurlijk_trekker"),
            ambtelijk_trekker=reader.text("ambtelijk_trekker"),
            partners=parse_list(reader.text("partners") or ""),
            planning=reader.parsed("planning", parse_quarter_range),
            budget=reader.parsed("budget", parse_money),
            intensivering=reader.parsed("intensivering", parse_money),
            draagt_bij_aan_ids=reader.links("draagt_bij_aan"),
            uitgangspunt_ids=reader.links("uitgangspunt"),
        )
        if common["status"] is not None:
            common["status"] = reader.choice("status", STATUSES)
    elif cls is PrestatieIndicator:
        eenheid = reader.text("eenheid")
        target = reader.parsed("streefwaarde", lambda t: parse_target(t, eenheid=eenheid))
        common.update(streefwaarde=target, eenheid=eenheid or (target and target.unit) or None)
    return cls(**common)


#: Reads progress files into the new plan's items and returns their problems; called by
#: :func:`build_plan` before it returns, so nobody ever sees a plan without its progress.
ProgressReader = Callable[["Plan"], list[Problem]]


def build_plan(
    needs: Iterable[Need],
    settings: Settings,
    *,
    progress: ProgressReader | None = None,
) -> Plan:
    """Build the complete typed plan from needs (sphinx-needs' view or needs.json entries).

    Linear in the number of needs: one pass to create, one to resolve links, then the
    partners' progress (``progress``, e.g. :func:`.voortgang.attach` on the plan's folder).
    """
    catalogue = catalogue_module.load()
    sources = {**catalogue.sources, **settings.extra_bronnen}
    problems: list[Problem] = []
    items: dict[str, Item] = {}
    by_type: dict[str, list[Item]] = {}
    for need in needs:
        if need.get("type") not in ITEM_CLASSES or need.get("is_part"):
            continue
        item = _make_item(need, problems, catalogue, sources, settings.gemeenten)
        if isinstance(item, (Maatregel, PrestatieIndicator)):
            item.plan_jaar = settings.uitvoeringsjaar
        items[item.id] = item
        by_type.setdefault(item.type, []).append(item)
    for item in items.values():
        item.parents = [items[i] for i in item.parent_ids if i in items]
        for parent in item.parents[:1]:
            parent.children.append(item)
        if isinstance(item, Maatregel):
            item.draagt_bij_aan = [
                d for i in item.draagt_bij_aan_ids if isinstance(d := items.get(i), Doel)
            ]
            for doel in item.draagt_bij_aan:
                doel.bijdragende_maatregelen.append(item)
            item.uitgangspunten = [
                u for i in item.uitgangspunt_ids if isinstance(u := items.get(i), Uitgangspunt)
            ]
            for principle in item.uitgangspunten:
                principle.toegepast_in.append(item)
    plan = Plan(settings, items, problems, by_type)
    if progress is not None:
        plan.problems.extend(progress(plan))
    return plan
