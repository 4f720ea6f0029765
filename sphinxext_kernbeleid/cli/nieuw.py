"""``kernbeleid nieuw MAP``: start a plan of one's own, without copying the example.

Writes a plan folder that builds at once (also with ``-W``): ``conf.py`` with the
gemeente's settings, the IVP's seven and the Uitvoeringsplan's five chapters of the
method, per chosen prioriteit a prioriteit, doel, effectindicatoren from the catalogue's
suggestions, an actiepunt and a maatregel; an analyse of every catalogue theme; the plan's
own ``Makefile`` and ``make.bat``. Everything only the gemeente can know is an
``[IN TE VULLEN]`` placeholder, which the check reports (see :mod:`..authoring.invullen`).

The chapter texts live in ``sjablonen/hoofdstukken.yaml``; :mod:`.sourcetext` writes them as
reStructuredText or, with ``--markdown``, as MyST Markdown.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template
from typing import Any

from ..authoring.invullen import placeholders
from ..files import atomic
from ..files.errors import FileProblem
from ..model import catalogue as catalogue_module
from ..version import __version__
from .opties import required, task
from .sourcetext import Tekst, hoofdstukken, invullen, sjabloon

GEBRUIK = (
    "kernbeleid nieuw MAP --gemeente NAAM --periode JAAR-JAAR --prioriteiten CODES "
    "[--themas CODES] [--uitvoeringsjaar JAAR] [--markdown]"
)

MAX_PRIORITEITEN = 4


class NieuwFout(Exception):
    """A choice we cannot make a plan from; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class Keuzes:
    """What the coordinator chose for the new plan."""

    gemeente: str
    begin: int
    eind: int
    jaar: int
    prioriteiten: tuple[str, ...]
    themas: tuple[str, ...] = ()
    markdown: bool = False


# --------------------------------------------------------------------------- reading choices


def lees_gemeente(text: str) -> str:
    name = re.sub(r"^\s*gemeente\s+", "", text.strip(), flags=re.IGNORECASE).strip()
    if not name:
        raise NieuwFout("geef de naam van de gemeente op, bijvoorbeeld --gemeente Voorbeeldstad.")
    if '"' in name or "\\" in name:
        raise NieuwFout(f"de naam van de gemeente '{name}' bevat een \" of \\; laat die weg.")
    return name


def lees_periode(text: str) -> tuple[int, int]:
    """``2027-2030`` (also ``2027 t/m 2030`` or with a dash of another kind)."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-|–|—|t/m|tot en met)\s*(\d{4})\s*", text)
    if not match:
        raise NieuwFout(
            f"periode '{text}' niet herkend: schrijf het eerste en het laatste jaar van het "
            f"IVP, bijvoorbeeld --periode 2027-2030."
        )
    begin, eind = int(match[1]), int(match[2])
    if not 2000 <= begin <= 2100 or not begin <= eind <= begin + 10:
        raise NieuwFout(
            f"periode '{text}' kan niet: het laatste jaar moet na het eerste liggen "
            f"(een IVP loopt meestal vier jaar, bijvoorbeeld 2027-2030)."
        )
    return begin, eind


def lees_jaar(text: str, begin: int, eind: int) -> int:
    if not re.fullmatch(r"\s*\d{4}\s*", text):
        raise NieuwFout(f"uitvoeringsjaar '{text}' is geen jaartal, bijvoorbeeld {begin}.")
    jaar = int(text)
    if not begin <= jaar <= eind:
        raise NieuwFout(
            f"uitvoeringsjaar {jaar} ligt buiten de periode van het IVP ({begin}-{eind})."
        )
    return jaar


def _codes_help(catalogue: catalogue_module.Catalogue) -> str:
    return "\n".join(f"  {t.code:<4} {t.naam}" for t in catalogue.themes)


def lees_codes(text: str, soort: str, catalogue: catalogue_module.Catalogue) -> tuple[str, ...]:
    """Catalogue theme codes separated by commas, semicolons or spaces."""
    codes = [c for c in re.split(r"[\s,;]+", text.strip()) if c]
    out: list[str] = []
    for code in codes:
        theme = catalogue.get(code)
        if theme is None or theme.is_aspect:
            nearest = [c for c in catalogue.nearest(code) if not c.startswith("A")]
            hint = f" Bedoelt u {' of '.join(nearest)}?" if nearest else ""
            raise NieuwFout(
                f"{soort}: '{code}' is geen thema uit de catalogus Kernbeleid Veiligheid.{hint}\n"
                f"De thema's zijn:\n{_codes_help(catalogue)}"
            )
        if code in out:
            raise NieuwFout(f"{soort}: thema {code} staat er twee keer in.")
        out.append(code)
    return tuple(out)


def controleer(keuzes: Keuzes) -> None:
    """Checks across choices (each choice alone was read by the functions above)."""
    if not 1 <= len(keuzes.prioriteiten) <= MAX_PRIORITEITEN:
        raise NieuwFout(
            f"kies 1 tot {MAX_PRIORITEITEN} prioriteiten (de methode vraagt om focus), niet "
            f"{len(keuzes.prioriteiten)}; bijvoorbeeld --prioriteiten 1.3,5.2."
        )
    both = sorted(set(keuzes.prioriteiten) & set(keuzes.themas))
    if both:
        raise NieuwFout(
            f"thema {', '.join(both)} staat zowel bij de prioriteiten als bij de overige "
            f"thema's; kies één van beide."
        )


def vraag_aan(vraag: str, lees: Callable[[str], Any], ask: Callable[[str], str] = input) -> Any:
    """Ask until the answer can be read; the reason is shown after a wrong answer."""
    while True:
        try:
            return lees(ask(vraag))
        except NieuwFout as err:
            print(f"  {err}", file=sys.stderr)
        except EOFError:
            raise NieuwFout("afgebroken: er is niets geschreven.") from None


def verzamel(
    *,
    gemeente: str | None,
    periode: str | None,
    uitvoeringsjaar: str | None,
    prioriteiten: str | None,
    themas: str | None,
    markdown: bool,
    interactief: bool,
    ask: Callable[[str], str] = input,
) -> Keuzes:
    """The choices from the options, asking for what is missing when ``interactief``."""
    catalogue = catalogue_module.load()

    def nodig(optie: str, voorbeeld: str) -> NieuwFout:
        return NieuwFout(f"geef {optie} op, bijvoorbeeld {optie} {voorbeeld}.")

    if gemeente is not None:
        naam = lees_gemeente(gemeente)
    elif interactief:
        naam = vraag_aan("Naam van de gemeente: ", lees_gemeente, ask)
    else:
        raise nodig("--gemeente", "Voorbeeldstad")

    if periode is not None:
        begin, eind = lees_periode(periode)
    elif interactief:
        begin, eind = vraag_aan("Periode van het IVP (bijv. 2027-2030): ", lees_periode, ask)
    else:
        raise nodig("--periode", "2027-2030")

    jaar = begin if uitvoeringsjaar is None else lees_jaar(uitvoeringsjaar, begin, eind)

    if prioriteiten is not None:
        prio = lees_codes(prioriteiten, "--prioriteiten", catalogue)
    elif interactief:
        print("De thema's van de catalogus Kernbeleid Veiligheid:\n" + _codes_help(catalogue))
        prio = vraag_aan(
            "Prioriteiten, 1 tot 4 codes (bijv. 1.3, 5.2): ",
            lambda t: _ten_minste_een(lees_codes(t, "prioriteiten", catalogue)),
            ask,
        )
    else:
        raise nodig("--prioriteiten", "1.3,5.2")

    if themas is not None:
        overig = lees_codes(themas, "--themas", catalogue)
    elif interactief:
        overig = vraag_aan(
            "Overige thema's, codes (bijv. 2.3, 4.1; leeg laten mag): ",
            lambda t: lees_codes(t, "overige thema's", catalogue),
            ask,
        )
    else:
        overig = ()

    keuzes = Keuzes(naam, begin, eind, jaar, prio, overig, markdown)
    controleer(keuzes)
    return keuzes


def _ten_minste_een(codes: tuple[str, ...]) -> tuple[str, ...]:
    if not codes:
        raise NieuwFout("kies ten minste één prioriteit.")
    if len(codes) > MAX_PRIORITEITEN:
        raise NieuwFout(f"kies ten hoogste {MAX_PRIORITEITEN} prioriteiten.")
    return codes


# --------------------------------------------------------------------------- writing text


def _id(code: str) -> str:
    return code.replace(".", "_")


def eenheid_bij(naam: str, soort: str) -> str:
    """A likely unit for a catalogue indicator; the writer checks it (see the comment)."""
    lower = naam.lower()
    if lower.startswith("rapportcijfer"):
        return "rapportcijfer (1-10)"
    if lower.startswith("schaalscore"):
        return "schaalscore (0-10)"
    if lower.startswith("percentage"):
        return "%"
    if soort == "subjectief":
        return "% van de inwoners"
    return "aantal per jaar"


@dataclass(frozen=True)
class Indicator:
    naam: str
    bron: str
    soort: str
    eenheid: str


def indicatoren_bij(theme: catalogue_module.Theme) -> list[Indicator]:
    """Two or three suggestions of the catalogue: at least one objective, one subjective.

    Where the catalogue has none of a kind, a placeholder of that kind takes its place,
    so the plan is complete in shape and the writer sees what is missing.
    """
    suggesties = list(theme.effectindicatoren)
    gekozen: list[catalogue_module.SuggestedIndicator] = []
    for soort in ("objectief", "subjectief"):
        eerste = next((s for s in suggesties if s.soort == soort), None)
        if eerste is not None:
            gekozen.append(eerste)
    rest = [s for s in suggesties if s not in gekozen]
    if rest and len(gekozen) < 3:
        gekozen.append(rest[0])
    out = [Indicator(s.naam, s.bron, s.soort, eenheid_bij(s.naam, s.soort)) for s in gekozen]
    for soort, bron in (("objectief", "politieregistratie"), ("subjectief", "veiligheidsmonitor")):
        if not any(i.soort == soort for i in out):
            out.append(
                Indicator(
                    invullen(f"naam van een {soort[:-1]}ve effectindicator"),
                    invullen(f"bijv. {bron}"),
                    soort,
                    invullen("eenheid"),
                )
            )
    order = {"objectief": 0, "subjectief": 1}
    return sorted(out[:3], key=lambda i: order.get(i.soort, 2))


# --------------------------------------------------------------------------- the plan


class NieuwPlan:
    """Builds the text of every file of a new plan from the choices."""

    def __init__(self, keuzes: Keuzes) -> None:
        self.k = keuzes
        self.catalogue = catalogue_module.load()
        self.ext = ".md" if keuzes.markdown else ".rst"
        self.files: dict[str, str] = {}

    def tekst(self) -> Tekst:
        return Tekst(self.k.markdown)

    def bestanden(self) -> dict[str, str]:
        """Relative path -> text, for every file of the plan."""
        k = self.k
        extensions = ('"myst_parser", ' if k.markdown else "") + '"sphinxext_kernbeleid"'
        self.files["conf.py"] = Template(sjabloon("conf.py.sjabloon")).substitute(
            gemeente=k.gemeente,
            begin=k.begin,
            eind=k.eind,
            jaar=k.jaar,
            versie=__version__,
            extensions=extensions,
            jaar_nu=date.today().year,
        )
        self.files["README.md"] = Template(sjabloon("plan-README.md.sjabloon")).substitute(
            gemeente=k.gemeente,
            begin=k.begin,
            eind=k.eind,
            jaar=k.jaar,
            volgend_jaar=k.jaar + 1,
            ext=self.ext,
        )
        self.files["Makefile"] = sjabloon("Makefile")
        self.files["make.bat"] = sjabloon("make.bat")
        self.files[".gitignore"] = sjabloon("gitignore")
        self.files["voortgang/README.md"] = sjabloon("voortgang-README.md")
        self._index()
        chapters = hoofdstukken()
        self._deel("ivp", f"Integraal Veiligheidsplan {k.begin}-{k.eind}", chapters["ivp"])
        self._deel(
            "uitvoeringsplan",
            f"Uitvoeringsplan Integrale Veiligheid {k.jaar}",
            chapters["uitvoeringsplan"],
        )
        self._bijlagen()
        self._raadsvoorstel()
        return self.files

    def _put(self, name: str, tekst: Tekst) -> None:
        self.files[name + self.ext] = tekst.tekst()

    def _index(self) -> None:
        k = self.k
        t = self.tekst()
        t.uitleg(
            "De voorpagina van de website. Hieronder staan het IVP (vastgesteld door de raad), het "
            "uitvoeringsplan (vastgesteld door het college) en de bijlagen die uit het plan zelf "
            "worden samengesteld. Overal waar [IN TE VULLEN] staat, vult u de tekst of waarde van "
            "uw gemeente in; 'make toets' laat zien wat er nog openstaat."
        )
        t.kop(f"Veiligheidsbeleid gemeente {k.gemeente}")
        t.alinea(invullen("een korte inleiding voor de lezer van de website"))
        t.inhoud(
            "Inhoud",
            [
                "startnotitie",
                "ivp/index",
                "uitvoeringsplan/index",
                "bijlagen/index",
                "raadsvoorstel",
                "voortgang",
            ],
        )
        self._put("index", t)
        from .startnotitie import startnotitie

        self._put("startnotitie", startnotitie(self))
        self._voortgang()

    def _voortgang(self) -> None:
        """The progress page: empty until partners report, then the voortgangsrapportage."""
        t = self.tekst()
        t.uitleg(
            "De voortgangsrapportage: de stand van de maatregelen per kwartaal (uit de map "
            "voortgang/, zie voortgang/README.md) en de metingen van de effectindicatoren (uit "
            "metingen/). Zolang er niets gemeld is, staat er dat op de pagina; zodra er voortgang "
            "is, toont de pagina vanzelf het laatste kwartaal. Hier hoeft u niets in te vullen."
        )
        t.kop("Voortgangsrapportage")
        t.alinea(
            "Hoe staat het met de uitvoering? Hieronder per prioriteit en thema de maatregelen "
            "met hun status en de ontwikkeling van de effectindicatoren, bijgewerkt met wat de "
            "partners elk kwartaal melden."
        )
        t.item("kernbeleid-voortgang", "", [])
        self._put("voortgang", t)

    def _deel(self, map_: str, titel: str, hoofdstukken: list[dict[str, Any]]) -> None:
        t = self.tekst()
        if map_ == "ivp":
            t.uitleg(
                "Het Integraal Veiligheidsplan: het beleid voor vier jaar, vastgesteld door de "
                "gemeenteraad. De zeven hoofdstukken volgen de opzet van de methode Kernbeleid "
                "Veiligheid. 'make word' maakt er een Word-document van."
            )
        else:
            t.uitleg(
                "Het uitvoeringsplan: wat gemeente en partners dit jaar concreet doen, vastgesteld "
                "door het college. Elk jaar komt er een nieuw uitvoeringsplan bij het IVP."
            )
        t.kop(titel)
        t.alinea(invullen("voorwoord of samenvatting"))
        t.inhoud("Hoofdstukken", [h["naam"] for h in hoofdstukken])
        self._put(f"{map_}/index", t)
        for hoofdstuk in hoofdstukken:
            t = self.tekst()
            t.uitleg(hoofdstuk["uitleg"])
            t.kop(hoofdstuk["titel"])
            for alinea in hoofdstuk["alineas"]:
                t.alinea(alinea)
            extra = getattr(self, f"_{map_}_{hoofdstuk['naam']}", None)
            if extra is not None:
                extra(t)
            self._put(f"{map_}/{hoofdstuk['naam']}", t)

    # -- IVP

    def _ivp_uitgangssituatie(self, t: Tekst) -> None:
        t.uitleg(
            "Een analyse per thema van de catalogus, op alle vijf veiligheidsvelden: wat is het "
            "probleem, wat loopt er al, en is er meer nodig? Zo is te zien dat de prioriteiten uit "
            "een afweging over het hele veld komen. Een thema dat hier niet speelt, mag u kort "
            "houden; laat de analyse staan, want de toets kijkt of alle vijf velden gedekt zijn."
        )
        for veld in self.catalogue.fields:
            t.kop(f"Veld {veld.code}: {veld.naam}", 2)
            for theme in veld.themes:
                t.item(
                    "analyse",
                    f"{theme.code} {theme.naam}",
                    [("id", f"AN_{_id(theme.code)}"), ("kv", theme.code)],
                    [
                        f"**Problematiek.** {invullen('wat speelt er in de gemeente')}",
                        f"**Huidige aanpak.** {invullen('wat doen gemeente en partners al')}",
                        f"**Extra inzet nodig?** {invullen('ja of nee, en waarom')}",
                    ],
                )

    def _ivp_strategische_doelstelling(self, t: Tekst) -> None:
        k = self.k
        t.uitleg(
            "Het strategische doel: de prioriteiten en overige thema's hangen eronder "
            "(:hoort_bij: DOEL_STRATEGISCH). Twee overkoepelende effectindicatoren staan al klaar; "
            "vul de nulmeting (waarde en jaar), de streefwaarde (waarde en jaar, uiterlijk "
            f"{k.eind}) en de richting (dalen of stijgen) in."
        )
        t.item(
            "doel",
            invullen(f"waar staat {k.gemeente} in {k.eind} met de veiligheid, in één zin"),
            [("id", "DOEL_STRATEGISCH"), ("niveau", "strategisch")],
        )
        for suffix, indicator in (
            (
                "MISDRIJVEN",
                Indicator(
                    "Geregistreerde misdrijven per 1.000 inwoners",
                    "politieregistratie",
                    "objectief",
                    "misdrijven per 1.000 inwoners",
                ),
            ),
            (
                "RAPPORTCIJFER",
                Indicator(
                    "Rapportcijfer veiligheid van de buurt",
                    "veiligheidsmonitor",
                    "subjectief",
                    "rapportcijfer (1-10)",
                ),
            ),
        ):
            self._effectindicator(t, f"EI_{suffix}", "DOEL_STRATEGISCH", indicator)

    def _ivp_uitgangspunten(self, t: Tekst) -> None:
        t.uitleg(
            "Eén uitgangspunt staat klaar; voeg er meer toe door het blok te kopiëren en het id "
            "te veranderen (hoofdletters, cijfers en _)."
        )
        t.item(
            "uitgangspunt",
            invullen("naam van een rode draad, bijv. informatiegestuurd werken"),
            [("id", "UP_RODE_DRAAD")],
            [invullen("wat deze rode draad inhoudt en waar hij terugkomt")],
        )

    def _ivp_prioriteiten(self, t: Tekst) -> None:
        t.uitleg(
            "Per prioriteit: de prioriteit zelf (met kv, de code uit de catalogus, en rang), een "
            "doel en twee of drie effectindicatoren, ten minste één objectieve (een registratie) "
            "en één subjectieve (een enquête). De indicatoren zijn voorstellen uit de catalogus: "
            "controleer naam, bron en eenheid, en vul nulmeting, streefwaarde en richting in."
        )
        for rang, code in enumerate(self.k.prioriteiten, start=1):
            theme = self._theme(code)
            t.kop(f"Prioriteit {rang}: {theme.naam}", 2)
            t.item(
                "prioriteit",
                theme.naam,
                [
                    ("id", f"PRIO_{_id(code)}"),
                    ("kv", code),
                    ("rang", str(rang)),
                    ("hoort_bij", "DOEL_STRATEGISCH"),
                ],
                [
                    "**Waarom een prioriteit?** " + invullen("waarom dit hier voorrang krijgt"),
                    "**Hoofdlijnen van de aanpak.** " + invullen("de aanpak in de komende jaren"),
                    "**Flankerend beleid.** " + invullen("beleid van gemeente en partners"),
                ],
            )
            self._doel_met_indicatoren(t, code, f"PRIO_{_id(code)}", theme, True)

    def _ivp_overige_themas(self, t: Tekst) -> None:
        if not self.k.themas:
            t.uitleg(
                "Er zijn nog geen overige thema's gekozen. Een thema voegt u toe met een blok "
                "'thema' (met :kv:) en een doel, zoals bij de prioriteiten."
            )
            return
        t.uitleg(
            "Per overig thema: het thema (met kv) en een doel. Effectindicatoren mogen hier, maar "
            "hoeven niet."
        )
        for code in self.k.themas:
            theme = self._theme(code)
            t.kop(theme.naam, 2)
            t.item(
                "thema",
                theme.naam,
                [("id", f"THEMA_{_id(code)}"), ("kv", code), ("hoort_bij", "DOEL_STRATEGISCH")],
                [invullen("wat de gemeente op dit thema blijft doen")],
            )
            self._doel_met_indicatoren(t, code, f"THEMA_{_id(code)}", theme, False)

    def _doel_met_indicatoren(
        self, t: Tekst, code: str, ouder: str, theme: catalogue_module.Theme, met_indicatoren: bool
    ) -> None:
        doel = f"DOEL_{_id(code)}"
        t.item(
            "doel",
            invullen(f"het doel voor {theme.naam.lower()} in één zin"),
            [("id", doel), ("hoort_bij", ouder)],
        )
        if met_indicatoren:
            for letter, indicator in zip("ABC", indicatoren_bij(theme), strict=False):
                self._effectindicator(t, f"EI_{_id(code)}_{letter}", doel, indicator)

    def _effectindicator(self, t: Tekst, need_id: str, doel: str, indicator: Indicator) -> None:
        t.item(
            "effectindicator",
            indicator.naam,
            [
                ("id", need_id),
                ("hoort_bij", doel),
                ("bron", indicator.bron),
                ("soort", indicator.soort),
                ("eenheid", indicator.eenheid),
                ("nulmeting", invullen("waarde en jaar, bijv. 6,9 (2025)")),
                ("streefwaarde", invullen(f"waarde en jaar, bijv. 7,3 ({self.k.eind})")),
                ("richting", invullen("dalen of stijgen")),
            ],
        )

    # -- Uitvoeringsplan

    def _uitvoeringsplan_prioriteiten(self, t: Tekst) -> None:
        self._uitvoering(t, self.k.prioriteiten, "PRIO")

    def _uitvoeringsplan_overige_themas(self, t: Tekst) -> None:
        self._uitvoering(t, self.k.themas, "THEMA")

    def _uitvoering(self, t: Tekst, codes: Sequence[str], soort: str) -> None:
        if not codes:
            return
        jaar = self.k.jaar
        t.uitleg(
            "Per onderdeel een actiepunt met één maatregel en één prestatie-indicator. Een "
            "maatregel heeft een bestuurlijk en een ambtelijk trekker, een planning in kwartalen "
            f"van {jaar} en ten minste één prestatie-indicator. Meer maatregelen: kopieer het blok "
            "en geef het een eigen id."
        )
        for code in codes:
            theme = self._theme(code)
            ouder = f"{soort}_{_id(code)}"
            t.kop(theme.naam, 2)
            t.item(
                "actiepunt",
                invullen("naam van het actiepunt"),
                [("id", f"AP_{_id(code)}"), ("hoort_bij", ouder)],
                [invullen("wat de maatregelen van dit actiepunt samen bereiken")],
            )
            t.item(
                "maatregel",
                invullen("naam van de maatregel"),
                [
                    ("id", f"MR_{_id(code)}"),
                    ("hoort_bij", f"AP_{_id(code)}"),
                    ("draagt_bij_aan", f"DOEL_{_id(code)}"),
                    ("bestuurlijk_trekker", invullen("bijv. burgemeester")),
                    ("ambtelijk_trekker", invullen("bijv. team OOV")),
                    ("partners", invullen("bijv. politie; woningcorporatie")),
                    ("planning", invullen(f"bijv. {jaar}-Q1..{jaar}-Q4")),
                    ("budget", invullen("bijv. € 25.000")),
                    ("status", "gepland"),
                ],
                [invullen("wat er concreet gebeurt")],
            )
            t.item(
                "prestatie-indicator",
                invullen("wat er geteld wordt, bijv. uitgevoerde controles"),
                [
                    ("id", f"PI_{_id(code)}"),
                    ("hoort_bij", f"MR_{_id(code)}"),
                    ("streefwaarde", invullen("bijv. 12")),
                    ("eenheid", invullen("bijv. controles")),
                ],
            )

    # -- Bijlagen

    def _bijlagen(self) -> None:
        t = self.tekst()
        t.uitleg(
            "Deze bijlagen stelt de extensie zelf samen uit het IVP en het uitvoeringsplan; hier "
            "hoeft u niets in te vullen."
        )
        t.kop("Bijlagen")
        t.kop("Plattegrond integrale veiligheid", 2)
        t.item("kernbeleid-plattegrond", "", [])
        t.kop("Samenhang van doelen, indicatoren en maatregelen", 2)
        t.item("kernbeleid-matrix", "", [])
        for rang, code in enumerate(self.k.prioriteiten, start=1):
            theme = self._theme(code)
            t.kop(f"Prioriteit {rang}: {theme.naam}", 2)
            t.kop("Effectindicatoren", 3)
            t.item("kernbeleid-indicatoren", f"PRIO_{_id(code)}", [])
            # The plan's year, not a number: still right after 'vervolg' changes the year.
            jaar = "van het uitvoeringsplan" if self.k.markdown else "|uitvoeringsjaar|"
            t.kop(f"Maatregelen {jaar}", 3)
            t.item("kernbeleid-maatregelen", f"PRIO_{_id(code)}", [])
        self._put("bijlagen/index", t)

    def _raadsvoorstel(self) -> None:
        k = self.k
        t = self.tekst()
        t.uitleg(
            "De teksten van het raadsvoorstel waarmee het college het IVP aan de raad aanbiedt. "
            "'make word' maakt er Raadsvoorstel-....docx van, met de beslispunten, de "
            "financiën, het ontwerpbesluit en de uitkomst van de toets, die de extensie zelf "
            "uit het plan samenstelt: schrijf hier geen bedragen. Houd de koppen zoals ze zijn."
        )
        t.kop("Raadsvoorstel")
        t.kop("Onderwerp", 2)
        t.alinea(f"Vaststelling Integraal Veiligheidsplan {k.gemeente} {k.begin}-{k.eind}")
        for kop, hint in (
            ("Inleiding", "aanleiding en voorgeschiedenis van het plan"),
            ("Argumenten", "waarom deze prioriteiten; de extensie zet ze er zelf boven"),
            ("Kanttekeningen", "risico's en wat het plan niet doet"),
            ("Communicatie", "hoe partners en inwoners het plan leren kennen"),
        ):
            t.kop(kop, 2)
            t.alinea(invullen(hint))
        self._put("raadsvoorstel", t)

    def _theme(self, code: str) -> catalogue_module.Theme:
        theme = self.catalogue.get(code)
        assert theme is not None, code  # lees_codes accepted only catalogue codes
        return theme


def maak_plan(map_: Path, keuzes: Keuzes) -> list[Path]:
    """Write the plan into ``map_`` (which must not exist or be empty); the files written.

    Each file is written whole or not at all (:func:`..files.atomic.write`); a file that
    cannot be written raises :class:`~..files.errors.FileProblem` (a Dutch sentence).
    """
    if map_.exists() and not map_.is_dir():
        raise NieuwFout(f"'{map_}' bestaat al en is geen map. Kies een nieuwe map.")
    if map_.is_dir() and any(map_.iterdir()):
        raise NieuwFout(
            f"de map '{map_}' is niet leeg. Kies een nieuwe of lege map: kernbeleid nieuw "
            f"overschrijft nooit bestaande bestanden."
        )
    files = NieuwPlan(keuzes).bestanden()
    written = []
    for name, text in files.items():
        target = map_ / name
        # make.bat needs Windows line ends; everything else is written as is.
        newline = "\r\n" if name.endswith(".bat") else "\n"
        atomic.write_text(target, text.replace("\r\n", "\n"), again=AGAIN, newline=newline)
        written.append(target)
    return written


#: What the user does after a file problem is solved.
AGAIN = "probeer het opnieuw in een nieuwe of lege map"


def add_parser(tasks: argparse._SubParsersAction) -> None:
    nieuw = task(
        tasks,
        "nieuw",
        GEBRUIK,
        run,
        help="een nieuw plan beginnen, in een eigen map",
        description=(
            "Maakt een nieuw veiligheidsplan in MAP: conf.py met de gegevens van de gemeente, "
            "de hoofdstukken van het IVP en het uitvoeringsplan volgens de methode, per "
            "prioriteit een doel met effectindicatoren uit de catalogus, een actiepunt en een "
            "maatregel, en een Makefile en make.bat (make website, toets, word, excel, alles, "
            "bekijk, schoon). Wat alleen de gemeente weet, staat er als [IN TE VULLEN]. "
            "Wat ontbreekt, wordt in een terminal gevraagd. MAP moet nieuw of leeg zijn."
        ),
        epilog=(
            "Voorbeeld: kernbeleid nieuw veiligheidsplan --gemeente Voorbeeldstad "
            "--periode 2027-2030 --prioriteiten 1.3,5.2 --themas 2.3,4.1"
        ),
    )
    nieuw.add_argument("map", metavar="MAP", type=Path, help="de (nieuwe of lege) map van het plan")
    verplicht = required(nieuw)
    verplicht.add_argument("--gemeente", metavar="NAAM", help="de naam van de gemeente")
    verplicht.add_argument(
        "--periode", metavar="JAAR-JAAR", help="de looptijd van het IVP, bijvoorbeeld 2027-2030"
    )
    verplicht.add_argument(
        "--prioriteiten",
        metavar="CODES",
        help="1 tot 4 thema's uit de catalogus als prioriteit, bijvoorbeeld 1.3,5.2",
    )
    nieuw.add_argument(
        "--themas",
        metavar="CODES",
        help="overige strategische thema's uit de catalogus, bijvoorbeeld 2.3,4.1",
    )
    nieuw.add_argument(
        "--uitvoeringsjaar",
        metavar="JAAR",
        help="het jaar van het eerste uitvoeringsplan; standaard het eerste jaar van de periode",
    )
    nieuw.add_argument(
        "--markdown",
        action="store_true",
        help="de hoofdstukken in Markdown (MyST) schrijven in plaats van reStructuredText",
    )


def run(args: Any) -> int:
    """The ``kernbeleid nieuw`` command (``args`` from :mod:`.main`)."""
    try:
        keuzes = verzamel(
            gemeente=args.gemeente,
            periode=args.periode,
            uitvoeringsjaar=args.uitvoeringsjaar,
            prioriteiten=args.prioriteiten,
            themas=args.themas,
            markdown=args.markdown,
            interactief=sys.stdin.isatty(),
        )
        written = maak_plan(args.map, keuzes)
    except (NieuwFout, FileProblem) as err:
        print(f"kernbeleid nieuw: fout: {err}", file=sys.stderr)
        return 2
    open_places = sum(
        len(placeholders(p.read_text("utf-8")))
        for p in written
        if p.suffix in (".rst", ".md") and p.name != "README.md"  # READMEs are no chapters
    )
    map_ = args.map
    print(
        f"Het plan van de gemeente {keuzes.gemeente} staat in {map_} ({len(written)} bestanden).\n"
        f"Er staan {open_places} plekken [IN TE VULLEN] in; de toets noemt ze allemaal.\n\n"
        f"Verder:\n"
        f"  cd {map_}\n"
        f"  make website      (Windows: make.bat website)  de website van het plan\n"
        f"  make toets        (Windows: make.bat toets)    wat moet er nog gebeuren?\n"
        f"  make word / make excel / make alles / make bekijk"
    )
    return 0
