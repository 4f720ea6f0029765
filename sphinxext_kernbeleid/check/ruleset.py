"""The rules' names, severities and settings: what the check knows before it sees a plan.

Kept apart from :mod:`.rules` (which reads the plan) so that the settings check, the
placeholder finder and the report can name rules and read ``kernbeleid_regels`` without
importing the model: data flows one way, from here up to the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

METING_ID = "KB-R3-meting"
BUDGET_ID = "KB-R8-budget"
#: The joint rules of a plan of several gemeenten (check/gemeenten.py).
SAMEN_ID = "KB-R9-samen"
METING_TITEL = "Effectindicatoren worden gemeten"
METING_UITLEG = (
    "Vanaf het tweede jaar van de planperiode (en zodra het uitvoeringsjaar later is dan "
    "het jaar van de nulmeting) heeft elke effectindicator een meting na de nulmeting "
    "(waarschuwing)."
)


FOUT = "fout"
WAARSCHUWING = "waarschuwing"
#: Accepted as written, but worth a look (e.g. a target that is not one number).
ADVIES = "advies"
UIT = "uit"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "fout", "waarschuwing" or "advies"
    need: str | None
    docname: str | None
    lineno: int | None
    message: str
    waived: str | None = None  # the writer's justification, when waived
    #: "regel" (a rule), "invoer" (a value the model could not read), "bouw" (what the
    #: build dropped or could not read) or "instellingen" (conf.py)
    source: str = "regel"
    #: In a joint plan: the gemeenten the finding holds for; () = all (or a plan of one)
    gemeenten: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str  # e.g. "KB-R2-indicatoren"
    titel: str  # Dutch, short
    uitleg: str  # Dutch: what the rule asks

    @property
    def code(self) -> str:
        """The short prefix a waiver may name: ``KB-R2``."""
        return "-".join(self.id.split("-")[:2])


RULES: tuple[Rule, ...] = (
    Rule(
        "KB-R0-afwijking",
        "Afwijkingen zijn gemotiveerd",
        "Elke :afwijking: noemt een bestaande regel en een motivering, en geldt ergens voor.",
    ),
    Rule(
        "KB-R0-bouw",
        "Niets is weggevallen",
        "Elk item, elke optie en elk bestand van het plan is gelezen: geen onbekend onderdeel "
        "of optie, geen dubbel of ongeldig id, geen item zonder id, geen onleesbaar bestand.",
    ),
    Rule(
        "KB-R0-instellingen",
        "Instellingen kloppen",
        "De instellingen kernbeleid_* in conf.py zijn geldig (periode, uitvoeringsjaar, "
        "datum, gemeente, regels, bronnen).",
    ),
    # Placeholders of 'kernbeleid nieuw' (module invullen).
    Rule(
        "KB-R0-invullen",
        "Alles is ingevuld",
        "Er staat nergens meer [IN TE VULLEN]: elke tekst en waarde is door de gemeente ingevuld.",
    ),
    Rule(
        "KB-R1-prioriteiten",
        "Eén tot vier prioriteiten",
        "Het IVP kiest ten minste 1 en ten hoogste 4 prioriteiten.",
    ),
    Rule(
        "KB-R2-indicatoren",
        "Doelen en effectindicatoren per prioriteit",
        "Elke prioriteit heeft ten minste één doel en 2 à 3 effectindicatoren, "
        "waarvan ten minste één objectieve en één subjectieve.",
    ),
    Rule(
        "KB-R3-meetbaar",
        "Effectindicatoren zijn meetbaar",
        "Elke effectindicator heeft bron, soort, eenheid, nulmeting en streefwaarde met jaar "
        "(binnen de IVP-periode) en een richting die past bij nulmeting → streefwaarde.",
    ),
    Rule(METING_ID, METING_TITEL, METING_UITLEG),  # judged in .koers
    Rule(
        "KB-R4-uitvoering",
        "Elke prioriteit en elk thema wordt uitgevoerd",
        "Elke prioriteit en elk overig thema heeft ten minste één maatregel in het "
        "uitvoeringsplan.",
    ),
    Rule(
        "KB-R5-maatregelen",
        "Maatregelen zijn volledig",
        "Elke maatregel hoort bij een prioriteit of thema, heeft een bestuurlijk en een "
        "ambtelijk trekker, een planning binnen het uitvoeringsjaar en ten minste één "
        "prestatie-indicator.",
    ),
    Rule(
        "KB-R6-koppelingen",
        "Koppelingen kloppen",
        "Elke koppeling (hoort_bij, draagt_bij_aan, uitgangspunt) wijst naar een bestaand item "
        "van een toegestaan type, zonder kringverwijzing.",
    ),
    Rule(
        "KB-R6-herbeoordeling",
        "Maatregelen zijn herbeoordeeld",
        "Is een prioriteit, doel of effectindicator gewijzigd sinds de vaststelling, dan is "
        "elke maatregel die daaraan bijdraagt herbeoordeeld (kernbeleid beoordeel).",
    ),
    Rule(
        "KB-R7-catalogus",
        "Aansluiting op de catalogus",
        "Elke kv-code bestaat in de catalogus; als er analyses zijn, dekken die alle vijf "
        "veiligheidsvelden.",
    ),
    Rule(
        "KB-R8-budget",
        "Budgetten sluiten",
        "De maatregelen van een prioriteit of thema blijven samen binnen het opgegeven budget "
        "(en, als opgegeven, binnen het totaalbudget); met de hand geschreven totalen tellen "
        "op en bedragen bij een prioriteit of thema kloppen met de berekende.",
    ),
    Rule(
        SAMEN_ID,
        "Gezamenlijk plan klopt",
        "In een plan van meer gemeenten geldt elk item voor ten minste één deelnemende "
        "gemeente, heeft een gedeelde prioriteit een gedeeld doel en tellen de delen van een "
        "verdeeld budget op tot het budget.",
    ),
)
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in reversed(RULES)}

#: Defaults of ``kernbeleid_regels`` (documented in docs/toets.md).
DEFAULTS: dict[str, Any] = {
    "min_prioriteiten": 1,
    "max_prioriteiten": 4,
    "min_doelen": 1,
    "min_effectindicatoren": 2,
    "max_effectindicatoren": 3,
    "objectief_en_subjectief": True,
    "min_prestatie_indicatoren": 1,
    "planning_binnen_uitvoeringsjaar": True,
    "totaalbudget": None,
}


def rule_for(key: str) -> Rule | None:
    """The rule a waiver or setting names, by short code (``KB-R2``) or full id."""
    key = key.strip().upper()
    for rule in RULES:
        if key == rule.code or key == rule.id.upper():
            return rule
    return None


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class RuleSettings:
    values: dict[str, Any]
    severity: dict[str, str]  # rule id -> "uit" | "fout" | "waarschuwing" (override)
    problems: tuple[str, ...] = ()  # Dutch messages about kernbeleid_regels itself

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def enabled(self, rule_id: str) -> bool:
        return self.severity.get(rule_id) != UIT


def settings_from(regels: object) -> RuleSettings:
    """Read ``kernbeleid_regels`` (``Settings.regels`` or a plain dict; anything else: none)."""
    raw: Mapping[str, Any] = regels if isinstance(regels, Mapping) else {}
    values = dict(DEFAULTS)
    severity: dict[str, str] = {}
    problems: list[str] = []
    for key, value in raw.items():
        key = str(key)
        rule = rule_for(key)
        if rule is not None:
            text = str(value).strip().lower()
            if text in (UIT, FOUT, WAARSCHUWING):
                severity[rule.id] = text
            elif value is False:
                severity[rule.id] = UIT
            else:
                problems.append(
                    f"kernbeleid_regels: '{key}': {value!r} is geen geldige instelling; "
                    f"kies 'uit', 'fout' of 'waarschuwing'."
                )
            continue
        if key not in DEFAULTS:
            known = ", ".join(sorted(DEFAULTS))
            problems.append(
                f"kernbeleid_regels: '{key}' is onbekend. Gebruik een regel (bijv. 'KB-R2') "
                f"of een van: {known}."
            )
            continue
        default = DEFAULTS[key]
        if key == "totaalbudget":
            try:
                values[key] = None if value is None else Decimal(str(value))
            except InvalidOperation:
                problems.append(
                    f"kernbeleid_regels: 'totaalbudget' moet een bedrag in euro zijn "
                    f"(bijv. 745000), niet {value!r}."
                )
        elif isinstance(default, bool):
            values[key] = bool(value)
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            values[key] = value
        else:
            problems.append(
                f"kernbeleid_regels: '{key}' moet een geheel getal zijn (standaard {default}), "
                f"niet {value!r}."
            )
    return RuleSettings(values, severity, tuple(problems))


def verdict_word(raadsrijp: bool) -> str:
    """``Plan is raadsrijp`` or ``Plan is niet raadsrijp``: the verdict without its count."""
    return "Plan is raadsrijp" if raadsrijp else "Plan is niet raadsrijp"


def verdict_text(fouten: int) -> str:
    """The check's verdict in words, the same in the report, on screen and in the raadsvoorstel."""
    if fouten == 0:
        return verdict_word(True)
    return f"{verdict_word(False)}: {fouten} {'fout' if fouten == 1 else 'fouten'}"
