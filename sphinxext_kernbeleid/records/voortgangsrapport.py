"""The voortgangsrapportage and the jaarbeeld (terugblik) as data: pure functions over the plan.

Step 6 of the method: per quarter a dashboard of the maatregelen (how many per status),
the budget and the effect indicators (op koers?), and per prioriteit/thema what each
maatregel realised against its prestatie-indicators' targets. The HTML directives and the
Word document render this data; neither computes anything itself, so they agree.

Decisions:

* Each maatregel counts once per quarter P in exactly one class (:data:`KLASSEN`):
  reported in P: the reported status (``gepland`` reported reads *nog niet gestart*);
  not reported in P: *gereed* or *vervallen* once a report or the plan says so (a final
  state), *nog niet gestart* when its planning starts after P, else *geen rapportage*.
  Nothing is copied from the plan as if it were reported.
* The strategische doelstelling's indicators come first, in the dashboard and the
  jaarbeeld: they are the headline figures the IVP promises to follow.
* *Besteed* is what the data can say: the realisations of prestatie-indicators counted in
  euros (``:eenheid: euro`` or a streefwaarde in €). The progress files have no spending
  field; without such indicators the dashboard says "niet gerapporteerd" instead of
  guessing from statuses.
* The verdict per indicator is :func:`koers.koers`; for a terugblik on year Y only the
  measurements up to Y count.
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import display, trace
from ..model.koers import Koers, Oordeel, koers, per_gemeente
from ..model.parsing import ParseError, Quarter, format_number, parse_quarter
from ..model.plan import (
    GEPLAND,
    STATUSES,
    Doel,
    EffectIndicator,
    Maatregel,
    Onderdeel,
    Plan,
    PrestatieIndicator,
    carried_forward,
    of_plan_year,
)
from ..model.plan import Voortgang as Report

#: The dashboard's classes, in reading order (words and symbols: :data:`display.KLASSEN`).
KLASSEN = tuple(display.KLASSEN)
GEREED, LOPEND, VERTRAAGD, NIET_GESTART, GEEN_RAPPORTAGE, VERVALLEN = KLASSEN
#: A maatregel whose stand has no (readable) status.
ONBEKEND = "onbekend"
#: Verdict columns of the dashboard.
KOERS_ORDER = (Oordeel.GEHAALD, Oordeel.OP_KOERS, Oordeel.NIET_OP_KOERS, Oordeel.GEEN_METING)
EURO_UNITS = ("euro", "eur", "€", "euro's")


class RapportFout(Exception):
    """A period or year that the plan's progress cannot answer (Dutch message)."""


def _quarter(text: str) -> Quarter | None:
    try:
        return parse_quarter(text)
    except ParseError:
        return None


def periods(plan: Plan) -> list[Quarter]:
    """Every quarter with a report, oldest first."""
    found: set[Quarter] = set()
    reports = [r for m in plan.maatregelen for r in m.voortgang]
    reports += [r for pi in plan.of_type(PrestatieIndicator) for r in pi.voortgang]
    for report in reports:
        if (q := _quarter(report.periode)) is not None:
            found.add(q)
    return sorted(found, key=lambda q: (q.year, q.quarter))


def periods_of_plan_year(plan: Plan) -> list[Quarter]:
    """The reported quarters of the Uitvoeringsplan's own year (and its final Q1): after
    ``vervolg`` last year's quarters are the jaarbeeld's, not this plan's latest state."""
    jaar = plan.settings.uitvoeringsjaar
    return [q for q in periods(plan) if of_plan_year(str(q), jaar)]


def choose_period(plan: Plan, wanted: str | None) -> Quarter | None:
    """``wanted`` (``2026-Q2``) or the latest period of the plan's year with a report; None
    without reports.

    Raises :class:`RapportFout` for an unreadable period or one without a progress file.
    """
    known = periods(plan)
    if not wanted:
        own = periods_of_plan_year(plan)
        return own[-1] if own else None
    try:
        quarter = parse_quarter(wanted)
    except ParseError as err:
        raise RapportFout(f"periode {err.reason}; schrijf bijvoorbeeld 2026-Q2.") from None
    if quarter not in known:
        listed = ", ".join(str(q) for q in known) or "geen"
        raise RapportFout(
            f"er is geen voortgang over {quarter} (bestand voortgang/{quarter}.yaml). "
            f"Gerapporteerde kwartalen: {listed}."
        )
    return quarter


def period_of_year(plan: Plan, jaar: int) -> Quarter | None:
    """The year's end state: its Q4, else the latest quarter of that year with a report."""
    of_year = [q for q in periods(plan) if q.year == jaar]
    return of_year[-1] if of_year else None


def stand(reports: list[Report], periode: Quarter | None) -> Report | None:
    """The latest report up to and including ``periode`` (None: none, or no period), with
    a status or realisatie left unchanged since an earlier quarter carried forward
    (:func:`.plan.carried_forward`)."""
    if periode is None:
        return None
    upto = []
    for report in reports:
        q = _quarter(report.periode)
        if q is not None and (q.year, q.quarter) <= (periode.year, periode.quarter):
            upto.append(report)
    return carried_forward(upto)


# --------------------------------------------------------------------------- the data


@dataclass
class Realisatie:
    """One prestatie-indicator: what was realised against its streefwaarde."""

    indicator: PrestatieIndicator
    realisatie: Decimal | None
    periode: str  # the quarter of the realisation ("" when none)

    @property
    def text(self) -> str:
        """``5 van 12 controles (42%)``; ``82,5 % (streefwaarde 90 %)`` for a percentage;
        ``geen realisatie gemeld (streefwaarde 12)``."""
        pi = self.indicator
        goal = pi.streefwaarde
        if display.is_percent_target(pi):
            assert goal is not None and goal.value is not None
            target = f"streefwaarde {display.percent(goal.value)}"
            if self.realisatie is None:
                return f"{pi.title}: geen realisatie gemeld ({target})"
            return f"{pi.title}: {display.percent(self.realisatie)} ({target})"
        target = display.target_text(pi) or ""
        if self.realisatie is None:
            return f"{pi.title}: geen realisatie gemeld" + (
                f" (streefwaarde {target})" if target else ""
            )
        real = format_number(self.realisatie)
        if goal is not None and goal.value is not None and goal.value > 0:
            share = display.percentage(float(self.realisatie / goal.value))
            return f"{pi.title}: {real} van {target} ({share})"
        return f"{pi.title}: {real}" + (f" (streefwaarde {target})" if target else "")


@dataclass
class MaatregelStand:
    maatregel: Maatregel
    status: str  # the status in the period (reported, else the plan's; ONBEKEND)
    report: Report | None  # the latest report up to the period
    gemeld: bool  # reported in exactly this period
    realisaties: list[Realisatie]
    klasse: str = GEEN_RAPPORTAGE  # its one class in the dashboard (KLASSEN)
    periode: Quarter | None = None

    @property
    def status_text(self) -> str:
        """``lopend (stand 2026-Q2)``; ``geen rapportage over 2026-Q2; laatst gemeld: lopend
        (stand 2026-Q1)``; ``nog niet gestart (planning vanaf 2026-Q3)``."""
        m = self.maatregel
        if self.klasse == NIET_GESTART and not self.gemeld and m.planning is not None:
            return f"{NIET_GESTART} (planning vanaf {m.planning.start})"
        if self.klasse == GEEN_RAPPORTAGE:
            earlier = display.status_with_period(m.status, self.report)
            over = f" over {self.periode}" if self.periode else ""
            known = f"laatst gemeld: {earlier}" if self.report else f"plan: {earlier}"
            return f"{GEEN_RAPPORTAGE}{over}" + (f"; {known}" if earlier else "")
        text = display.status_with_period(m.status, self.report)
        return text or (self.status if self.status != ONBEKEND else "geen status")

    @property
    def symbol_text(self) -> str:
        """The class's symbol beside the status text: ``▶ lopend (stand 2026-Q2)``."""
        return f"{display.KLASSEN.get(self.klasse, '?')} {self.status_text}"

    @property
    def toelichting(self) -> str:
        report = self.report
        return report.toelichting or "" if report is not None else ""

    @property
    def zonder_rapportage(self) -> bool:
        return self.klasse == GEEN_RAPPORTAGE


@dataclass
class IndicatorStand:
    indicator: EffectIndicator  # as of the period (measurements up to its year)
    koers: Koers


@dataclass
class OnderdeelStand:
    onderdeel: Onderdeel
    maatregelen: list[MaatregelStand]
    indicatoren: list[IndicatorStand]
    budget_gepland: Decimal
    besteed: Decimal | None  # None: no euro realisations reported

    @property
    def per_klasse(self) -> Counter[str]:
        return Counter(m.klasse for m in self.maatregelen)

    @property
    def zonder_rapportage(self) -> int:
        return sum(1 for m in self.maatregelen if m.zonder_rapportage)

    @property
    def per_koers(self) -> Counter[Oordeel]:
        return Counter(i.koers.oordeel for i in self.indicatoren)

    @property
    def label(self) -> str:
        return display.onderdeel_label(self.onderdeel)


@dataclass
class Rapport:
    """The voortgangsrapportage of one period (or the end state of one year).

    The budgets are :mod:`..model.trace`'s: ``budget_gepland`` is the plan's total
    (posts outside the prioriteiten and thema's included, on a line of their own).
    """

    periode: Quarter | None
    onderdelen: list[OnderdeelStand]
    overig: list[MaatregelStand] = field(default_factory=list)  # under no prioriteit/thema
    budget_gepland: Decimal = Decimal(0)  # trace.plan_budget
    overig_budget: Decimal = Decimal(0)  # the posts outside the onderdelen, together
    overig_besteed: Decimal | None = None
    #: The strategische doelstelling's indicators: the headline figures, shown first.
    strategisch: list[IndicatorStand] = field(default_factory=list)

    @property
    def maatregelen(self) -> list[MaatregelStand]:
        return [m for o in self.onderdelen for m in o.maatregelen] + self.overig

    @property
    def per_klasse(self) -> Counter[str]:
        return Counter(m.klasse for m in self.maatregelen)

    @property
    def per_koers(self) -> Counter[Oordeel]:
        """Every indicator once: the strategische doelstelling's and the onderdelen's."""
        total: Counter[Oordeel] = Counter(i.koers.oordeel for i in self.strategisch)
        for o in self.onderdelen:
            total.update(o.per_koers)
        return total

    @property
    def vertraagd(self) -> list[MaatregelStand]:
        return [m for m in self.maatregelen if m.klasse == VERTRAAGD]

    @property
    def zonder_rapportage(self) -> list[MaatregelStand]:
        return [m for m in self.maatregelen if m.zonder_rapportage]

    @property
    def besteed(self) -> Decimal | None:
        spent = [o.besteed for o in self.onderdelen if o.besteed is not None]
        if self.overig_besteed is not None:
            spent.append(self.overig_besteed)
        return sum(spent, start=Decimal(0)) if spent else None


def is_euro(pi: PrestatieIndicator) -> bool:
    """A prestatie-indicator counted in euros (its realisation is money spent)."""
    unit = (pi.eenheid or "").strip().casefold()
    target = pi.streefwaarde.text.strip() if pi.streefwaarde else ""
    return unit in EURO_UNITS or target.startswith("€")


def _maatregel_stand(m: Maatregel, periode: Quarter | None) -> MaatregelStand:
    report = stand(m.voortgang, periode)
    status = (report.status if report is not None and report.status else None) or m.status
    gemeld = report is not None and periode is not None and report.periode == str(periode)
    realisaties = []
    for pi in m.prestatie_indicatoren:
        pi_report = stand(pi.voortgang, periode)
        value = pi_report.realisatie if pi_report is not None else None
        realisaties.append(Realisatie(pi, value, pi_report.periode if pi_report else ""))
    status = status if status in STATUSES else ONBEKEND
    return MaatregelStand(
        m,
        status,
        report,
        gemeld,
        realisaties,
        klasse_of(m, status, report, gemeld, periode),
        periode,
    )


def klasse_of(
    m: Maatregel, status: str, report: Report | None, gemeld: bool, periode: Quarter | None
) -> str:
    """The maatregel's one class in quarter ``periode`` (see the module docstring)."""
    reported = report.status if report is not None and report.status else None
    if gemeld and status in (GEREED, LOPEND, VERTRAAGD, VERVALLEN):
        return status
    if gemeld and status == GEPLAND:
        return NIET_GESTART
    if reported in (GEREED, VERVALLEN):
        return reported  # a final state stays, also without a new report
    if m.status in (GEREED, VERVALLEN):
        return m.status  # the plan itself says it is done or dropped
    start = m.planning.start if m.planning is not None else None
    if (
        periode is not None
        and start is not None
        and (start.year, start.quarter)
        > (
            periode.year,
            periode.quarter,
        )
    ):
        return NIET_GESTART
    return GEEN_RAPPORTAGE


def as_of_year(ei: EffectIndicator, jaar: int | None) -> EffectIndicator:
    """``ei`` with only the measurements up to ``jaar`` (itself when ``jaar`` is None)."""
    if jaar is None or all(m.year <= jaar for m in ei.metingen):
        return ei
    view = copy.copy(ei)
    view.metingen = [m for m in ei.metingen if m.year <= jaar]
    view.vergelijking = [v for v in ei.vergelijking if v.year <= jaar]
    return view


def _standen(ei: EffectIndicator, jaar: int | None) -> list[IndicatorStand]:
    """The indicator's verdict; a joint plan's indicator with values per gemeente has one
    per gemeente (titled with her name), and a joint one only when it has joint values."""
    own = per_gemeente(ei)
    whose = [ei] if ei.metingen or not own else []
    for naam, view in own:
        view.title = f"{ei.title} – {naam}"
        whose.append(view)
    return [IndicatorStand(view, koers(view)) for view in (as_of_year(w, jaar) for w in whose)]


def _spent(members: list[MaatregelStand]) -> Decimal | None:
    """The euro realisations of the active maatregelen; None when none is reported."""
    spent = [
        r.realisatie
        for m in members
        if m.status != trace.VERVALLEN
        for r in m.realisaties
        if r.realisatie is not None and is_euro(r.indicator)
    ]
    return sum(spent, start=Decimal(0)) if spent else None


def rapport(plan: Plan, periode: Quarter | None, *, jaar: int | None = None) -> Rapport:
    """The dashboard data of ``periode``; ``jaar`` limits the measurements (terugblik)."""
    index = trace.index(plan)
    onderdelen = []
    for onderdeel in plan.onderdelen:
        members = [_maatregel_stand(m, periode) for m in index.maatregelen_of(onderdeel)]
        indicators = [stand for ei in onderdeel.indicatoren for stand in _standen(ei, jaar)]
        onderdelen.append(
            OnderdeelStand(
                onderdeel,
                members,
                indicators,
                index.budget_of(onderdeel).total,
                _spent(members),
            )
        )
    overig = [
        _maatregel_stand(m, periode) for m in plan.maatregelen if index.onderdeel_of(m) is None
    ]
    strategisch = [
        stand
        for doel in plan.of_type(Doel)
        if doel.is_strategisch
        for ei in doel.all_indicatoren
        for stand in _standen(ei, jaar)
    ]
    return Rapport(
        periode,
        onderdelen,
        overig,
        trace.plan_budget(plan),
        trace.budget_sum([m.maatregel for m in overig]),
        _spent(overig),
        strategisch,
    )


def has_progress(plan: Plan) -> bool:
    """Whether the plan's own year has a progress record (a reported quarter).

    Measurements alone do not count: after ``vervolg`` the plan keeps its measurements
    but a voortgangsrapportage without one reported quarter would only say "nog geen
    voortgang" on every page.
    """
    return bool(periods_of_plan_year(plan))


def no_progress_text(plan: Plan) -> str:
    """Why there is no voortgangsrapportage yet and what to do (Dutch, one sentence pair)."""
    jaar = plan.settings.uitvoeringsjaar
    return (
        f"Er is nog geen voortgang over uitvoeringsjaar {jaar} gemeld, dus nog geen "
        "voortgangsrapportage. Lees het ingevulde werkboek van het eerste kwartaal in met "
        f"'kernbeleid voortgang importeer WERKBOEK.xlsx --periode {jaar}-Q1'; daarna "
        "verschijnt de rapportage vanzelf."
    )


# --------------------------------------------------------------------------- texts


def status_summary(counts: Counter[str]) -> str:
    """``16 maatregelen: 2 gereed, 11 lopend, 3 vertraagd``: the classes in words."""
    total = sum(counts.values())
    parts = [f"{counts[s]} {s}" for s in KLASSEN if counts.get(s)]
    head = display.count(total, "maatregel", "maatregelen")
    return f"{head}: {', '.join(parts)}" if parts else head


def koers_summary(counts: Counter[Oordeel]) -> str:
    """``5 effectindicatoren: 1 ★ streefwaarde gehaald, 2 ✔ op koers, …``."""
    total = sum(counts.values())
    order = (*KOERS_ORDER, Oordeel.ONBEKEND)
    parts = [f"{counts[o]} {o.label}" for o in order if counts.get(o)]
    head = display.count(total, "effectindicator", "effectindicatoren")
    return f"{head}: {', '.join(parts)}" if parts else head


def budget_text(gepland: Decimal, besteed: Decimal | None) -> str:
    """``€ 30.000 gepland, € 12.000 besteed (40%)`` or ``… besteding niet gerapporteerd``."""
    planned = display.money(gepland) if gepland else "geen budget"
    if besteed is None:
        return f"{planned} gepland; besteding niet gerapporteerd"
    share = f" ({display.percentage(float(besteed / gepland))})" if gepland else ""
    return f"{planned} gepland; {display.money(besteed)} besteed{share}"


def spent_text(besteed: Decimal | None, gepland: Decimal) -> str:
    """``€ 12.000 (40%)``, or ``niet gerapporteerd``."""
    if besteed is None:
        return "niet gerapporteerd"
    share = f" ({display.percentage(float(besteed / gepland))})" if gepland else ""
    return display.money(besteed) + share


def measurements_text(ei: EffectIndicator) -> str:
    """The indicator's development in words: ``6,9 (2023, nulmeting); 7,1 (2025); …``."""
    parts = []
    if ei.nulmeting is not None:
        parts.append(f"{ei.nulmeting.quantity} ({ei.nulmeting.year}, nulmeting)")
    for meting in ei.metingen:
        if ei.nulmeting is None or meting.year > ei.nulmeting.year:
            parts.append(display.meting(meting))
    if ei.streefwaarde is not None:
        parts.append(f"streefwaarde {ei.streefwaarde.quantity} in {ei.streefwaarde.year}")
    return "; ".join(parts)
