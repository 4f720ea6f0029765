"""The pre-decision check: the eight rules of Kernbeleid Veiligheid over the typed plan.

Each rule is a small pure function ``(plan, ctx) -> findings``; :func:`check` runs
them, applies ``conf.py`` settings (thresholds, switched off, downgraded) and the
writers' waivers (``:afwijking: KB-R2 — motivering``). Everything is linear in the
number of items: the plan and :mod:`.trace` are indexed once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import catalogue as catalogue_module
from ..model import display, koers, trace
from ..model.needtypes import PARENT_TYPES, TYPE_TITLES
from ..model.parsing import format_money
from ..model.plan import (
    Analyse,
    Doel,
    EffectIndicator,
    Item,
    Maatregel,
    Plan,
    PrestatieIndicator,
    Prioriteit,
    Problem,
)
from . import herbeoordeling
from .ruleset import (
    ADVIES,
    BUDGET_ID,
    FOUT,
    METING_ID,
    RULES,
    RULES_BY_ID,
    SAMEN_ID,
    UIT,
    WAARSCHUWING,
    Finding,
    Rule,
    RuleSettings,
    rule_for,
    settings_from,
)

# --------------------------------------------------------------------------- context


@dataclass
class Context:
    plan: Plan
    settings: RuleSettings
    trace: trace.TraceIndex
    found: list[Finding] = field(default_factory=list)

    def add(self, rule: str, item: Item | None, message: str, severity: str = FOUT) -> None:
        self.found.append(
            Finding(
                rule,
                severity,
                item.id if item else None,
                item.docname if item else None,
                item.lineno if item else None,
                message,
            )
        )


def _label(item: Item) -> str:
    return f"{TYPE_TITLES.get(item.type, item.type)} {item.id} ('{item.title}')"


def _n(count: int, one: str, many: str) -> str:
    if count == 0:
        return f"geen {many}"
    return f"{count} {one if count == 1 else many}"


# --------------------------------------------------------------------------- the rules

R0, R0_BOUW, R0_INSTELLINGEN = "KB-R0-afwijking", "KB-R0-bouw", "KB-R0-instellingen"
R1, R2, R3, R4 = "KB-R1-prioriteiten", "KB-R2-indicatoren", "KB-R3-meetbaar", "KB-R4-uitvoering"
R5, R6, R7, R8 = "KB-R5-maatregelen", "KB-R6-koppelingen", "KB-R7-catalogus", BUDGET_ID
#: Rules nobody can switch off, downgrade or waive: they say the plan lost content.
FIXED_RULES = (R0_BOUW, R0_INSTELLINGEN)


def rule_prioriteiten(ctx: Context) -> None:
    prios = ctx.plan.prioriteiten
    low, high = ctx.settings["min_prioriteiten"], ctx.settings["max_prioriteiten"]
    if len(prios) < low:
        ctx.add(
            R1,
            None,
            f"Het plan heeft {_n(len(prios), 'prioriteit', 'prioriteiten')}; de methode vraagt "
            f"er ten minste {low}. Kies in hoofdstuk 4 van het IVP de belangrijkste thema's "
            f"als prioriteit (directive 'prioriteit').",
        )
    for extra in prios[high:]:
        ctx.add(
            R1,
            extra,
            f"Het plan heeft {len(prios)} prioriteiten; de methode staat er ten hoogste {high} "
            f"toe. {_label(extra)} is er één te veel: maak er een overig thema van ('thema') "
            f"of voeg prioriteiten samen.",
        )
    seen: dict[int, Prioriteit] = {}
    for prio in prios:
        if prio.rang is None:
            continue
        if prio.rang in seen:
            ctx.add(
                R1,
                prio,
                f"{_label(prio)} heeft dezelfde rang ({prio.rang}) als {seen[prio.rang].id}. "
                f"Geef elke prioriteit een eigen rang.",
                WAARSCHUWING,
            )
        else:
            seen[prio.rang] = prio


def rule_indicatoren(ctx: Context) -> None:
    s = ctx.settings
    for prio in ctx.plan.prioriteiten:
        doelen = ctx.trace.doelen.get(prio.id, [])
        if len(doelen) < s["min_doelen"]:
            ctx.add(
                R2,
                prio,
                f"{_label(prio)} heeft {_n(len(doelen), 'doel', 'doelen')}; nodig is ten minste "
                f"{s['min_doelen']}. Voeg een 'doel' toe met ':hoort_bij: {prio.id}'.",
            )
        indicators = [i for d in doelen for i in d.indicatoren]
        count = len(indicators)
        if count < s["min_effectindicatoren"]:
            ctx.add(
                R2,
                prio,
                f"{_label(prio)} heeft {_n(count, 'effectindicator', 'effectindicatoren')}; "
                f"nodig zijn er {s['min_effectindicatoren']} à {s['max_effectindicatoren']}. "
                f"Voeg een 'effectindicator' toe onder een doel van deze prioriteit (zie de "
                f"voorgestelde indicatoren bij de catalogusthema's).",
            )
        elif count > s["max_effectindicatoren"]:
            ctx.add(
                R2,
                prio,
                f"{_label(prio)} heeft {count} effectindicatoren; de methode adviseert er ten "
                f"hoogste {s['max_effectindicatoren']}. Kies de indicatoren die het meest "
                f"zeggen, zodat de raad kan sturen.",
                WAARSCHUWING,
            )
        if s["objectief_en_subjectief"] and indicators:
            soorten = {i.soort for i in indicators}
            for soort, adjective, voorbeeld in (
                ("objectief", "objectieve", "bijv. uit de politieregistratie"),
                ("subjectief", "subjectieve", "bijv. uit de Veiligheidsmonitor"),
            ):
                if soort not in soorten:
                    ctx.add(
                        R2,
                        prio,
                        f"{_label(prio)} heeft geen {adjective} effectindicator. Voeg er een toe "
                        f"({voorbeeld}) met ':soort: {soort}'.",
                    )


def rule_meetbaar(ctx: Context) -> None:
    start, end = ctx.plan.settings.periode
    for ei in ctx.plan.of_type(EffectIndicator):
        missing = [
            name
            for name, value in (
                ("bron", ei.bron),
                ("soort", ei.soort),
                ("eenheid", ei.eenheid),
                ("nulmeting", ei.nulmeting),
                ("streefwaarde", ei.streefwaarde),
                ("richting", ei.richting),
            )
            if value is None and not ei.raw.get(name)
        ]
        if missing:
            examples = {
                "bron": "veiligheidsmonitor",
                "soort": "objectief",
                "eenheid": "% inwoners",
                "nulmeting": "6,9 (2023)",
                "streefwaarde": f"7,3 ({end})",
                "richting": "dalen",
            }
            how = ", ".join(f"':{name}: {examples[name]}'" for name in missing)
            ctx.add(
                R3,
                ei,
                f"{_label(ei)} mist {', '.join(missing)}. Vul aan, bijvoorbeeld {how}.",
            )
        nul, streef = ei.nulmeting, ei.streefwaarde
        if streef is not None and not start <= streef.year <= end:
            ctx.add(
                R3,
                ei,
                f"{_label(ei)}: het jaar van de streefwaarde ({streef.year}) ligt buiten de "
                f"IVP-periode {display.periode((start, end))}. Kies een streefjaar van {start} "
                f"tot en met {end}.",
            )
        if nul is not None and streef is not None:
            if nul.year > streef.year:
                ctx.add(
                    R3,
                    ei,
                    f"{_label(ei)}: de nulmeting ({nul.year}) is later dan de streefwaarde "
                    f"({streef.year}). Controleer de jaren.",
                )
            if nul.quantity.percent != streef.quantity.percent:
                ctx.add(
                    R3,
                    ei,
                    f"{_label(ei)}: nulmeting ({nul}) en streefwaarde ({streef}) zijn niet in "
                    f"dezelfde eenheid (de een is een percentage, de ander niet). Schrijf ze "
                    f"gelijk.",
                    WAARSCHUWING,
                )
            if ei.richting is not None:
                if ei.richting_klopt is False:
                    wanted = "hoger" if ei.richting == "stijgen" else "lager"
                    ctx.add(
                        R3,
                        ei,
                        f"{_label(ei)}: richting '{ei.richting}' past niet bij nulmeting {nul} → "
                        f"streefwaarde {streef}; de streefwaarde moet {wanted} zijn dan de "
                        f"nulmeting. Pas de streefwaarde of de richting aan.",
                    )


def rule_uitvoering(ctx: Context) -> None:
    for onderdeel in ctx.plan.onderdelen:
        if not ctx.trace.active_of(onderdeel):
            ctx.add(
                R4,
                onderdeel,
                f"{_label(onderdeel)} heeft geen maatregel in het uitvoeringsplan. Voeg een "
                f"'maatregel' toe met ':hoort_bij:' naar {onderdeel.id} of een actiepunt "
                f"daarvan, of met ':draagt_bij_aan:' naar een doel ervan.",
            )


def rule_maatregelen(ctx: Context) -> None:
    s = ctx.settings
    year = ctx.plan.settings.uitvoeringsjaar
    start, end = ctx.plan.settings.periode
    year_in_period = start <= year <= end
    for m in ctx.plan.maatregelen:
        if not trace.active(m):
            continue
        if ctx.trace.onderdeel_of(m) is None:
            ctx.add(
                R5,
                m,
                f"{_label(m)} hoort niet bij een prioriteit of thema. Geef ':hoort_bij:' een "
                f"actiepunt, prioriteit of thema, of ':draagt_bij_aan:' een doel daarvan.",
            )
        for name, label in (
            ("bestuurlijk_trekker", "bestuurlijk trekker"),
            ("ambtelijk_trekker", "ambtelijk trekker"),
        ):
            if not getattr(m, name):
                ctx.add(
                    R5,
                    m,
                    f"{_label(m)} heeft geen {label}. Vul ':{name}:' in (bijv. "
                    f"{'Burgemeester' if name.startswith('b') else 'Team OOV'}).",
                )
        if m.planning is None:
            if not m.raw.get("planning"):
                ctx.add(
                    R5,
                    m,
                    f"{_label(m)} heeft geen planning. Vul ':planning:' in, bijv. "
                    f"'{year}-Q1..{year}-Q4'.",
                )
        elif (
            s["planning_binnen_uitvoeringsjaar"]
            and year_in_period  # else conf.py is wrong: one message about it, not per item
            and not (m.planning.start.year == m.planning.end.year == year)
        ):
            ctx.add(
                R5,
                m,
                f"{_label(m)}: planning {m.planning} valt (deels) buiten het uitvoeringsjaar "
                f"{year}. Plan binnen {year}-Q1..{year}-Q4; wat later komt hoort in een "
                f"volgend uitvoeringsplan.",
            )
        pis = m.prestatie_indicatoren
        if len(pis) < s["min_prestatie_indicatoren"]:
            ctx.add(
                R5,
                m,
                f"{_label(m)} heeft {_n(len(pis), 'prestatie-indicator', 'prestatie-indicatoren')}"
                f"; nodig is ten minste {s['min_prestatie_indicatoren']}. Voeg een "
                f"'prestatie-indicator' toe met ':hoort_bij: {m.id}' en een ':streefwaarde:'.",
            )
    _prestatie_indicatoren(ctx)


def _prestatie_indicatoren(ctx: Context) -> None:
    """KB-R5 on the prestatie-indicators: a target that can be followed as one number."""
    for pi in ctx.plan.of_type(PrestatieIndicator):
        target = pi.streefwaarde
        if target is not None and not target.is_number:
            ctx.add(
                R5,
                pi,
                f"{_label(pi)}: streefwaarde '{target.text}' is overgenomen zoals geschreven, "
                f"maar de voortgang kan niet als één getal worden gevolgd. Wilt u dat wel, "
                f"schrijf dan één getal met de eenheid, bijv. ':streefwaarde: 8 controles'.",
                ADVIES,
            )
        elif target is not None and target.unit and pi.eenheid and target.unit != pi.eenheid:
            if target.unit.lower() != pi.eenheid.lower():
                ctx.add(
                    R5,
                    pi,
                    f"{_label(pi)}: streefwaarde '{target.text}' noemt de eenheid "
                    f"'{target.unit}', maar ':eenheid:' zegt '{pi.eenheid}'. Beide worden "
                    f"getoond zoals geschreven; maak ze gelijk of laat ':eenheid:' weg.",
                    ADVIES,
                )
        if pi.streefwaarde is None and not pi.raw.get("streefwaarde"):
            ctx.add(
                R5,
                pi,
                f"{_label(pi)} heeft geen streefwaarde. Vul ':streefwaarde:' in (bijv. 12) "
                f"met ':eenheid:'.",
                WAARSCHUWING,
            )


#: Types that cannot stand alone: their ``hoort_bij`` is required.
NEEDS_PARENT = ("doel", "effectindicator", "actiepunt", "prestatie-indicator")
OTHER_LINKS = (("draagt_bij_aan", ("doel",)), ("uitgangspunt", ("uitgangspunt",)))


def rule_koppelingen(ctx: Context) -> None:
    items = ctx.plan.items
    for item in items.values():
        allowed = PARENT_TYPES.get(item.type, ())
        for target_id in item.parent_ids:
            _check_link(ctx, item, "hoort_bij", target_id, allowed)
        if len(item.parent_ids) > 1:
            ctx.add(
                R6,
                item,
                f"{_label(item)} heeft meer dan één ':hoort_bij:' ({', '.join(item.parent_ids)}); "
                f"alleen de eerste telt. Gebruik voor de andere doelen ':draagt_bij_aan:'.",
                WAARSCHUWING,
            )
        if (
            item.type in NEEDS_PARENT
            and not item.parent_ids
            and not (isinstance(item, Doel) and item.is_strategisch)
        ):
            parents = " of ".join(TYPE_TITLES[t].lower() for t in PARENT_TYPES[item.type])
            ctx.add(
                R6,
                item,
                f"{_label(item)} hangt nergens onder. Vul ':hoort_bij:' in met het id van een "
                f"{parents}"
                + (
                    " (of ':niveau: strategisch' voor het strategisch doel)."
                    if item.type == "doel"
                    else "."
                ),
            )
        for link, targets in OTHER_LINKS:
            ids = [str(v) for v in item.raw.get(link) or []]
            if not ids:
                continue
            if not isinstance(item, Maatregel):
                ctx.add(
                    R6,
                    item,
                    f"{_label(item)} gebruikt ':{link}:', maar dat kan alleen bij een maatregel; "
                    f"de koppeling telt nu niet mee. Haal haar weg of gebruik ':hoort_bij:'.",
                )
                continue
            for target_id in ids:
                _check_link(ctx, item, link, target_id, targets)
    _check_cycles(ctx)


def _check_link(
    ctx: Context, item: Item, link: str, target_id: str, allowed: Iterable[str]
) -> None:
    allowed = tuple(allowed)
    target = ctx.plan.items.get(target_id)
    if target is not None and target.type in allowed:
        return  # the usual case: no message to write
    names = " of ".join(TYPE_TITLES[t].lower() for t in allowed) or "(niets)"
    if target is None:
        ctx.add(
            R6,
            item,
            f"{_label(item)}: ':{link}: {target_id}' verwijst naar een id dat niet bestaat. "
            f"Controleer de spelling; het moet het id van een {names} zijn.",
        )
    elif target.type not in allowed:
        ctx.add(
            R6,
            item,
            f"{_label(item)}: ':{link}: {target_id}' wijst naar een "
            f"{TYPE_TITLES[target.type].lower()}, maar mag alleen naar een {names} wijzen.",
        )


def _check_cycles(ctx: Context) -> None:
    """``hoort_bij`` (first parent, as the model follows it) must not loop; one finding per loop."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in ctx.plan.items.values():
        if start.id in state:
            continue
        path: list[Item] = []
        node: Item | None = start
        while node is not None and node.id not in state:
            state[node.id] = 1
            path.append(node)
            node = node.parent
        if node is not None and state[node.id] == 1:
            loop = path[path.index(node) :]
            chain = " → ".join(i.id for i in [*loop, node])
            first = min(loop, key=lambda i: (i.docname or "", i.lineno or 0))
            ctx.add(
                R6,
                first,
                f"Kringverwijzing in ':hoort_bij:': {chain}. Een item kan niet (via andere) onder "
                f"zichzelf hangen; verwijder of verander een van deze koppelingen.",
            )
        for item in path:
            state[item.id] = 2


def rule_catalogus(ctx: Context) -> None:
    for onderdeel in ctx.plan.onderdelen:
        if not onderdeel.kv and not onderdeel.raw.get("kv"):
            ctx.add(
                R7,
                onderdeel,
                f"{_label(onderdeel)} noemt geen thema uit de catalogus. Vul ':kv:' in "
                f"(bijv. ':kv: 1.3, 5.2'), zodat de plattegrond klopt.",
                WAARSCHUWING,
            )
    analyses = ctx.plan.of_type(Analyse)
    if not analyses:
        return
    from ..model.plattegrond import fields_analysed

    covered = fields_analysed(ctx.plan)
    first = min(analyses, key=lambda a: (a.docname or "", a.lineno or 0))
    for veld in catalogue_module.load().fields:
        if veld.code not in covered:
            ctx.add(
                R7,
                first,
                f"Geen analyse voor veiligheidsveld {veld.code} '{veld.naam}'. Alle vijf velden "
                f"moeten in de analyse (stap 2) aan bod komen: voeg een 'analyse' toe met een "
                f"':kv:' uit veld {veld.code}.",
            )


def rule_budget(ctx: Context) -> None:
    for onderdeel in ctx.plan.onderdelen:
        spent = ctx.trace.budget_of(onderdeel).total
        if onderdeel.budget is not None and spent > onderdeel.budget:
            ctx.add(
                R8,
                onderdeel,
                f"De maatregelen van {_label(onderdeel)} kosten samen {format_money(spent)}, "
                f"{format_money(spent - onderdeel.budget)} meer dan het budget van "
                f"{format_money(onderdeel.budget)}. Verlaag budgetten van maatregelen of pas "
                f"':budget:' aan.",
            )
    total = trace.plan_budget(ctx.plan)
    limit = ctx.settings["totaalbudget"]
    if limit is not None:
        declared = trace.declared_total(ctx.plan)
        for what, amount in (("de maatregelen", total), ("de prioriteiten en thema's", declared)):
            if amount > limit:
                ctx.add(
                    R8,
                    None,
                    f"De budgetten van {what} zijn samen {format_money(amount)}, meer dan het "
                    f"totaalbudget van {format_money(limit)} (kernbeleid_regels in conf.py). "
                    f"Breng de budgetten in lijn.",
                )


def rule_meting(ctx: Context) -> None:
    """KB-R3-meting (waarschuwing): an indicator without a measurement after its nulmeting.

    Only when a measurement is due: from the second year of the plan period on (a plan
    being written, in its first year, cannot have one yet) and once the uitvoeringsjaar
    is past the nulmeting's year.
    """
    jaar = ctx.plan.settings.uitvoeringsjaar
    eerste_jaar = ctx.plan.settings.periode[0]
    if not jaar or jaar <= eerste_jaar:
        return
    for ei in ctx.plan.of_type(EffectIndicator):
        if ei.nulmeting is None or jaar <= ei.nulmeting.year:
            continue
        if koers.new_measurements(ei):
            continue
        ctx.add(
            METING_ID,
            ei,
            f"Effectindicator {ei.id} ('{ei.title}') heeft geen meting na de nulmeting van "
            f"{ei.nulmeting.year}, terwijl het uitvoeringsjaar {jaar} is. Voeg de nieuwe cijfers "
            f"toe met ':metingen: … ({jaar - 1})' of met 'kernbeleid metingen importeer'.",
            "waarschuwing",
        )


def rule_datum(ctx: Context) -> None:
    """A plan marked vastgesteld names the date of the decision (``kernbeleid_datum``):
    without it the documents carry the date of the sources' last change instead."""
    s = ctx.plan.settings
    if (s.status or "").strip().lower() == "vastgesteld" and s.datum is None:
        ctx.add(
            R0_INSTELLINGEN,
            None,
            "conf.py: kernbeleid_status is 'vastgesteld', maar kernbeleid_datum ontbreekt. De "
            "documenten dragen dan de datum van de laatste wijziging van de bronnen, niet die "
            "van het besluit. Zet de datum van vaststelling in conf.py, bijvoorbeeld "
            'kernbeleid_datum = "16 december 2025".',
            WAARSCHUWING,
        )


RULE_FUNCTIONS: dict[str, Callable[[Context], None]] = {
    R0_INSTELLINGEN: rule_datum,
    R1: rule_prioriteiten,
    R2: rule_indicatoren,
    R3: rule_meetbaar,
    R4: rule_uitvoering,
    R5: rule_maatregelen,
    R6: rule_koppelingen,
    R7: rule_catalogus,
    R8: rule_budget,
    METING_ID: rule_meting,
    herbeoordeling.RULE: herbeoordeling.rule_herbeoordeling,
}


# --------------------------------------------------------------------------- model problems

#: The field a model problem is about -> the rule it breaks.
FIELD_RULES: dict[str, str] = {
    "rang": R1,
    "niveau": R2,
    "bron": R3,
    "soort": R3,
    "eenheid": R3,
    "nulmeting": R3,
    "richting": R3,
    "planning": R5,
    "status": R5,
    "bestuurlijk_trekker": R5,
    "ambtelijk_trekker": R5,
    "kv": R7,
    "kv-code": R7,
    "budget": R8,
    "gemeenten": SAMEN_ID,
    "verdeling": SAMEN_ID,
}
TYPE_RULES: dict[str, str] = {
    "prioriteit": R7,
    "thema": R7,
    "analyse": R7,
    "doel": R2,
    "effectindicator": R3,
    "actiepunt": R5,
    "maatregel": R5,
    "prestatie-indicator": R5,
    "uitgangspunt": R6,
}


def problem_rule(problem: Problem, item: Item | None) -> str:
    """Which rule a value the model could not read belongs to (e.g. nulmeting -> KB-R3)."""
    name = problem.field or ""
    if name in FIELD_RULES:
        return FIELD_RULES[name]
    if name == "streefwaarde":
        return R3 if item is None or item.type == "effectindicator" else R5
    return TYPE_RULES.get(item.type if item else "", R6)


def problem_findings(plan: Plan) -> list[Finding]:
    """The model's problems as findings: in the check they make the plan niet raadsrijp."""
    out = []
    for problem in plan.problems:
        item = plan.items.get(problem.need_id)
        severity = {"waarde": FOUT, "kv": FOUT, "bron": FOUT, "bron-advies": ADVIES}.get(
            problem.code, WAARSCHUWING
        )
        out.append(
            Finding(
                problem_rule(problem, item),
                severity,
                problem.need_id,
                problem.docname,
                problem.lineno,
                problem.message,
                source="invoer",
            )
        )
    return out


# --------------------------------------------------------------------------- running


def apply_settings(findings: list[Finding], settings: RuleSettings) -> list[Finding]:
    """Findings as ``kernbeleid_regels`` sets their rules: switched off, or another severity."""
    out = []
    for finding in findings:
        if finding.rule in FIXED_RULES:
            out.append(finding)
            continue
        override = settings.severity.get(finding.rule)
        if override == UIT:
            continue
        if override == WAARSCHUWING and finding.severity == FOUT:
            finding = replace(finding, severity=WAARSCHUWING)
        elif override == FOUT:
            finding = replace(finding, severity=FOUT)
        out.append(finding)
    return out


def _unneeded(item: Item, rule: Rule) -> str:
    return (
        f"{_label(item)}: de afwijking van {rule.code} is niet (meer) nodig; de regel "
        f"vindt hier niets. Haal ':afwijking:' weg."
    )


def waive(
    plan: Plan, findings: list[Finding], rule_id: str, settings: RuleSettings
) -> list[Finding]:
    """Findings of a rule judged outside :func:`check` (the joint rules of a plan of more
    gemeenten) waived by an item's ``:afwijking:`` as any rule's; a waiver of that rule
    that nothing needs is a waarschuwing. Waivers without a reason or rule are reported by
    :func:`check` (pass ``elsewhere`` there)."""
    rule = RULES_BY_ID[rule_id]
    reasons: dict[str, str] = {}
    for item in plan.items.values():
        for waiver in item.waivers:
            named = rule_for(waiver.rule)
            if named is not None and named.id == rule_id and waiver.reason.strip():
                reasons[item.id] = waiver.reason.strip()
    used: set[str] = set()
    out = []
    for finding in findings:
        if finding.rule == rule_id and finding.need in reasons:
            used.add(finding.need)
            finding = replace(finding, waived=reasons[finding.need])
        out.append(finding)
    if settings.enabled(rule_id):
        for need in reasons.keys() - used:
            item = plan.items[need]
            out.append(
                Finding(R0, WAARSCHUWING, need, item.docname, item.lineno, _unneeded(item, rule))
            )
    return out


def _apply_waivers(
    plan: Plan, findings: list[Finding], ctx: Context, elsewhere: Collection[str] = ()
) -> list[Finding]:
    """Mark waived findings; waivers without reason, rule or use are findings themselves
    (the use of a waiver of a rule in ``elsewhere`` is judged where that rule runs)."""
    valid: dict[tuple[str, str], str] = {}  # (need id, rule id) -> reason
    declared: list[tuple[Item, Rule, str]] = []
    for item in plan.items.values():
        for waiver in item.waivers:
            rule = rule_for(waiver.rule)
            if rule is None or rule.id == R0:
                ctx.add(
                    R0,
                    item,
                    f"{_label(item)}: ':afwijking: {waiver.rule}' noemt geen bestaande regel. "
                    f"Schrijf de code van de regel (KB-R1 t/m KB-R9) gevolgd door de motivering.",
                )
                continue
            if not waiver.reason.strip():
                ctx.add(
                    R0,
                    item,
                    f"{_label(item)}: de afwijking van {rule.code} heeft geen motivering en geldt "
                    f"dus niet. Schrijf waarom, bijv. ':afwijking: {rule.code} — lokale keuze, "
                    f"zie raadsbesluit 2025-14'.",
                )
                continue
            valid[(item.id, rule.id)] = waiver.reason.strip()
            declared.append((item, rule, waiver.reason))
    used: set[tuple[str, str]] = set()
    out = []
    for finding in findings:
        key = (finding.need or "", finding.rule)
        if key in valid and finding.rule not in (R0, *FIXED_RULES):
            used.add(key)
            finding = replace(finding, waived=valid[key])
        out.append(finding)
    for item, rule, _reason in declared:
        if rule.id in elsewhere:
            continue
        if (item.id, rule.id) not in used and ctx.settings.enabled(rule.id):
            ctx.add(R0, item, _unneeded(item, rule), WAARSCHUWING)
    return out


def build_findings(problems: Iterable[Any], setting_problems: Iterable[Any] = ()) -> list[Finding]:
    """What the build dropped (:mod:`.bouwmeldingen`) and what conf.py got wrong, as fouten
    (a setting whose safe default serves as a waarschuwing)."""
    out = [
        Finding(R0_BOUW, FOUT, p.need, p.docname, p.lineno, p.message, source="bouw")
        for p in problems
    ]
    out += [
        Finding(
            R0_INSTELLINGEN,
            WAARSCHUWING if p.default_serves else FOUT,
            None,
            None,
            None,
            p.text(),
            source="instellingen",
        )
        for p in setting_problems
    ]
    return out


def check(
    plan: Plan,
    config: object = None,
    *,
    with_problems: bool = False,
    extra: Iterable[Finding] = (),
    elsewhere: Collection[str] = (),
) -> list[Finding]:
    """All findings of the enabled rules, waivers applied, in a stable order.

    ``elsewhere``: rules judged by the caller (a joint plan's ``KB-R9``, :func:`waive`);
    a waiver of one of them is checked here for its reason, not for its use.

    ``with_problems`` adds the model's problems (unreadable values) as findings of the
    rule they belong to; document builds report those separately. ``extra`` are
    findings made elsewhere (:func:`build_findings`), kept as they are.
    """
    settings = settings_from(config)
    ctx = Context(plan, settings, trace.index(plan))
    for rule_id, function in RULE_FUNCTIONS.items():
        if settings.enabled(rule_id):
            function(ctx)
    # Problems always take part in matching waivers, so a waiver is "used" the same
    # way in every builder; document builds then leave them out (reported elsewhere).
    findings = ctx.found + problem_findings(plan)
    ctx.found = []
    findings = _apply_waivers(plan, findings, ctx, elsewhere)
    if not with_problems:
        findings = [f for f in findings if f.source != "invoer"]
    findings = apply_settings(findings + ctx.found + list(extra), settings)
    order = {r.id: n for n, r in enumerate(RULES)}
    findings.sort(key=lambda f: (order.get(f.rule, 99), f.docname or "", f.lineno or 0))
    return findings


def rule_summary(findings: list[Finding], config: object = None) -> list[dict[str, Any]]:
    """Per rule: counts of fouten, waarschuwingen and waived findings, and whether it is on."""
    settings = settings_from(config)
    out = []
    for rule in RULES:
        mine = [f for f in findings if f.rule == rule.id]
        out.append(
            {
                "rule": rule.id,
                "titel": rule.titel,
                "uitleg": rule.uitleg,
                "enabled": settings.enabled(rule.id),
                "fouten": sum(1 for f in mine if f.severity == FOUT and not f.waived),
                "waarschuwingen": sum(
                    1 for f in mine if f.severity == WAARSCHUWING and not f.waived
                ),
                "afwijkingen": sum(1 for f in mine if f.waived),
            }
        )
    return out
