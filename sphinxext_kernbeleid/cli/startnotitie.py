"""The startnotitie chapter that ``kernbeleid nieuw`` writes: step 1 of the method.

The bestuurlijke opdracht for the policy work: aanleiding, products, cycle and planning
of the six steps (``kernbeleid-planning``), werkgroep and partners with their time, the
role of the raad, bewonersconsultatie, flankerend beleid and kaders, and the themes that
will certainly be covered. What only the gemeente knows is ``[IN TE VULLEN]``.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..model.catalogue import Theme
from .sourcetext import Tekst, invullen


class Plan(Protocol):
    """What the chapter needs of ``nieuw.NieuwPlan`` (without importing the module that
    imports this one)."""

    k: Any  # the answers of ``kernbeleid nieuw``

    def tekst(self) -> Tekst: ...

    def _theme(self, code: str) -> Theme: ...


WERKGROEP = (
    ("Gemeente, team Openbare Orde en Veiligheid", "trekker (coördinator integrale veiligheid)"),
    ("Gemeente, sociaal domein", "lid werkgroep"),
    ("Gemeente, ruimte en handhaving", "lid werkgroep"),
    ("Politie, basisteam", "lid werkgroep"),
    ("Veiligheidsregio / brandweer", "lid werkgroep"),
    ("Openbaar Ministerie", "op afroep"),
)


def startnotitie(plan: Plan) -> Tekst:
    """The chapter's text in the plan's syntax (rst or MyST)."""
    k = plan.k
    t = plan.tekst()
    t.uitleg(
        "De startnotitie is stap 1 van de methode: de bestuurlijke opdracht voor het nieuwe "
        "veiligheidsbeleid, vast te stellen door het college (of de raad). 'make word' maakt er "
        "een apart Word-document van. Zet bij kernbeleid-planning de startdatum van stap 1 "
        "(:start: JJJJ-MM-DD) om de planning met data te krijgen; eigen doorlooptijden geeft u "
        "met :weken: 2=9, 4=10."
    )
    t.kop(f"Startnotitie Integraal Veiligheidsplan {k.begin}-{k.eind}")
    t.kop("Aanleiding", 2)
    t.alinea(invullen("waarom nu een nieuw veiligheidsplan: afloop van het vorige, ontwikkelingen"))
    t.kop("Op te leveren producten", 2)
    t.alinea(
        f"De veiligheidsanalyserapportage, het Integraal Veiligheidsplan {k.begin}-{k.eind} "
        f"(vastgesteld door de raad) en het Uitvoeringsplan {k.jaar} (vastgesteld door het "
        "college)."
    )
    t.kop("Beleidscyclus en planning", 2)
    t.alinea(
        "De beleidsontwikkeling volgt de zes stappen van Kernbeleid Veiligheid. De doorlooptijden "
        "zijn die van het handboek, tenzij hieronder anders staat."
    )
    t.item("kernbeleid-planning", "", [])
    t.kop("Werkgroep en partners", 2)
    regels = ["* - Organisatie", "  - Rol", "  - Tijdsbeslag"]
    for organisatie, rol in WERKGROEP:
        regels += [f"* - {organisatie}", f"  - {rol}", f"  - {invullen('uren of dagen')}"]
    t.item(
        "list-table", "Werkgroep en partners", [("header-rows", "1"), ("widths", "45 35 20")],
        regels=regels,
    )  # fmt: skip
    t.kop("Rol van de raad", 2)
    t.alinea(
        invullen(
            "stelt de raad de startnotitie vast, is er een opiniërende prioriteringssessie, "
            "wanneer stelt de raad het IVP vast"
        )
    )
    t.kop("Bewonersconsultatie", 2)
    t.alinea(invullen("of en hoe inwoners, ondernemers en jongeren worden betrokken"))
    t.kop("Flankerend beleid en kaders", 2)
    t.alinea(invullen("collegeprogramma, regionaal beleidsplan politie, ander beleid"))
    t.kop("Thema's die in elk geval aan bod komen", 2)
    codes = [*k.prioriteiten, *k.themas]
    t.lines += [f"* {plan._theme(code).label}" for code in codes] + [""]
    t.kop("Besluitvorming", 2)
    t.alinea(invullen("wie stelt de startnotitie vast en wanneer"))
    return t
