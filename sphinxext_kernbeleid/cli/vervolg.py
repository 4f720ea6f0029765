"""``kernbeleid uitvoeringsplan vervolg 2027``: next year's Uitvoeringsplan, from this year's end.

Writes a NEW folder ``uitvoeringsplan-2027/`` inside the plan (refused when it exists; no
existing file is touched) with the method's five chapters (the texts of ``kernbeleid
nieuw``), chapter 2 with ``.. kernbeleid-terugblik:: 2026`` and a frozen table of the
year's end state, and chapters 3 and 4 with every maatregel that is not ``gereed`` or
``vervallen`` at the end of the year, with its id, trekkers, partners, actiepunt and
prestatie-indicators; planning, budget and streefwaarden are ``[IN TE VULLEN]`` so the
check names each one.

Ids stay the same (progress files and links keep working), so the new folder REPLACES
the old one: the old Uitvoeringsplan leaves the toctree and goes into
``exclude_patterns`` (two folders defining one id would be a duplicate). The frozen
end-state table keeps the finished maatregelen of the old year in chapter 2.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from sphinx.application import Sphinx

from ..build.plan_cache import get_plan
from ..files import atomic
from ..files.errors import FileProblem
from ..model import trace
from ..model.plan import Actiepunt, Plan, Prioriteit
from ..records import jaarbeeld
from ..records.voortgangsrapport import MaatregelStand, period_of_year, rapport
from .opties import action, add_plan_option
from .sourcetext import Tekst, hoofdstukken, invullen

GEBRUIK = "kernbeleid uitvoeringsplan vervolg JAAR [--plan MAP]"
KLAAR = ("gereed", "vervallen")


class VervolgFout(Exception):
    """The folder cannot be written; the message says why (Dutch)."""


def load_plan(plan_dir: Path) -> Plan:
    """Build the plan quietly (no output written into the plan) and return its model."""
    if not (plan_dir / "conf.py").is_file():
        raise VervolgFout(
            f"in '{plan_dir}' staat geen conf.py; geef met --plan de map van het plan."
        )
    with tempfile.TemporaryDirectory(prefix="kernbeleid-vervolg-") as tmp:
        app = Sphinx(
            str(plan_dir),
            str(plan_dir),
            f"{tmp}/out",
            f"{tmp}/doctrees",
            "dummy",
            status=None,
            warning=io.StringIO(),
            freshenv=True,
        )
        app.build()
        return get_plan(app)


def _quote(text: str) -> str:
    """One line, no list marker in front and no full stop at the end (we add our own)."""
    return " ".join(text.split()).lstrip("-–* ").rstrip(".")


def _end_state_table(rows: list[MaatregelStand], jaar: int) -> list[str]:
    """The year's end state as a plain rst list-table (kept when the old folder goes)."""
    lines = [
        f".. list-table:: Eindstand van de maatregelen {jaar}",
        "   :header-rows: 1",
        "   :widths: 40 15 45",
        "",
        "   * - Maatregel",
        "     - Status",
        "     - Toelichting",
    ]
    for m in rows:
        lines += [
            f"   * - {_quote(m.maatregel.title)} ({m.maatregel.id})",
            f"     - {m.status_text}",
            f"     - {_quote(m.toelichting) or '–'}",
        ]
    return [*lines, ""]


def _carried(plan: Plan, jaar: int) -> tuple[list[MaatregelStand], list[MaatregelStand]]:
    """(all maatregelen at the year's end, those that go on)."""
    rap = rapport(plan, period_of_year(plan, jaar), jaar=jaar)
    everything = rap.maatregelen
    return everything, [m for m in everything if m.status not in KLAAR]


def _maatregel_block(t: Tekst, m: MaatregelStand, nieuw_jaar: int, oud_jaar: int) -> None:
    item = m.maatregel
    status = "lopend" if m.status in ("lopend", "vertraagd") else "gepland"
    opties = [("id", item.id)]
    if item.parent_ids:
        opties.append(("hoort_bij", ", ".join(item.parent_ids)))
    if item.draagt_bij_aan_ids:
        opties.append(("draagt_bij_aan", ", ".join(item.draagt_bij_aan_ids)))
    if item.uitgangspunt_ids:
        opties.append(("uitgangspunt", ", ".join(item.uitgangspunt_ids)))
    if item.bestuurlijk_trekker:
        opties.append(("bestuurlijk_trekker", item.bestuurlijk_trekker))
    if item.ambtelijk_trekker:
        opties.append(("ambtelijk_trekker", item.ambtelijk_trekker))
    if item.partners:
        opties.append(("partners", "; ".join(item.partners)))
    opties += [
        ("planning", invullen(f"bijv. {nieuw_jaar}-Q1..{nieuw_jaar}-Q4")),
        ("budget", invullen("bijv. € 25.000")),
        ("status", status),
    ]
    eind = f"Eindstand {oud_jaar}: {m.status_text}" + (
        f" – {_quote(m.toelichting)}" if m.toelichting else ""
    )
    t.item(
        "maatregel",
        item.title,
        opties,
        [invullen(f"wat er in {nieuw_jaar} gebeurt"), eind + "."],
    )
    for pi in item.prestatie_indicatoren:
        pi_opties = [
            ("id", pi.id),
            ("hoort_bij", item.id),
            ("streefwaarde", invullen(f"streefwaarde {nieuw_jaar}")),
        ]
        if pi.eenheid:
            pi_opties.append(("eenheid", pi.eenheid))
        t.item("prestatie-indicator", pi.title, pi_opties)


def _chapter(
    t: Tekst, plan: Plan, carried: list[MaatregelStand], kind: type, nieuw: int, oud: int
) -> int:
    """Chapter 3 (prioriteiten) or 4 (overige thema's): per onderdeel its actiepunten and
    the maatregelen that go on. Returns how many maatregelen it holds."""
    owner = trace.index(plan)
    count = 0
    for onderdeel in plan.onderdelen:
        if isinstance(onderdeel, Prioriteit) != (kind is Prioriteit):
            continue
        members = [m for m in carried if owner.onderdeel_of(m.maatregel) is onderdeel]
        if not members:
            continue
        t.kop(onderdeel.title, 2)
        seen: set[str] = set()
        for m in members:
            actiepunt = m.maatregel.actiepunt
            if actiepunt is not None and actiepunt.id not in seen:
                seen.add(actiepunt.id)
                _actiepunt_block(t, actiepunt)
            _maatregel_block(t, m, nieuw, oud)
            count += 1
    return count


def _actiepunt_block(t: Tekst, actiepunt: Actiepunt) -> None:
    opties = [("id", actiepunt.id)]
    if actiepunt.parent_ids:
        opties.append(("hoort_bij", ", ".join(actiepunt.parent_ids)))
    t.item("actiepunt", actiepunt.title, opties)


def files_for(plan: Plan, nieuw: int) -> tuple[dict[str, str], int]:
    """Relative path (inside the new folder) -> text; and how many maatregelen go on."""
    oud = nieuw - 1
    everything, carried = _carried(plan, oud)
    chapters = hoofdstukken()["uitvoeringsplan"]
    files: dict[str, str] = {}
    t = Tekst(False)
    t.uitleg(
        f"Het uitvoeringsplan {nieuw}, gemaakt met 'kernbeleid uitvoeringsplan vervolg {nieuw}' "
        f"uit de eindstand van {oud}. Het vervangt het uitvoeringsplan {oud} in de inhoudsopgave "
        "(zelfde ids); zie de uitleg die de opdracht gaf."
    )
    t.kop(f"Uitvoeringsplan Integrale Veiligheid {nieuw}")
    t.alinea(invullen("voorwoord of samenvatting"))
    t.inhoud("Hoofdstukken", [h["naam"] for h in chapters])
    files["index.rst"] = t.tekst()
    count = 0
    for hoofdstuk in chapters:
        t = Tekst(False)
        t.uitleg(hoofdstuk["uitleg"])
        t.kop(hoofdstuk["titel"])
        for alinea in hoofdstuk["alineas"]:
            t.alinea(alinea)
        if hoofdstuk["naam"] == "terugblik":
            t.uitleg(
                f"Het jaarbeeld {oud} komt uit de voortgang (voortgang/{oud}-Q4.yaml of het "
                f"laatste kwartaal), de metingen en het uitvoeringsplan {oud} zelf, bewaard in "
                f"{jaarbeeld.filename(oud)}; de tabel eronder is de eindstand van alle "
                f"maatregelen van {oud}, vastgelegd toen dit plan werd gemaakt."
            )
            t.kop(f"Jaarbeeld {oud}", 2)
            t.item("kernbeleid-terugblik", str(oud), [])
            t.kop(f"Eindstand van de maatregelen {oud}", 2)
            t.lines += _end_state_table(everything, oud)
        elif hoofdstuk["naam"] == "prioriteiten":
            count += _chapter(t, plan, carried, Prioriteit, nieuw, oud)
        elif hoofdstuk["naam"] == "overige_themas":
            count += _chapter(t, plan, carried, object, nieuw, oud)
        files[f"{hoofdstuk['naam']}.rst"] = t.tekst()
    # The old year's items, beside chapter 2: its jaarbeeld reports that year's plan.
    files[jaarbeeld.filename(oud)] = jaarbeeld.archive_text(plan, oud)
    return files, count


def new_folder(plan_dir: Path, nieuw: int) -> Path:
    """``uitvoeringsplan-JAAR`` in the plan; refused when it exists (nothing is replaced)."""
    folder = plan_dir / f"uitvoeringsplan-{nieuw}"
    if folder.exists():
        raise VervolgFout(
            f"de map '{folder}' bestaat al; er is niets geschreven. Hernoem of verwijder die "
            "map als u opnieuw wilt beginnen."
        )
    return folder


def write(plan_dir: Path, nieuw: int, plan: Plan | None = None) -> tuple[Path, list[Path], int]:
    """Write the folder; (folder, files written, maatregelen carried over).

    Each file is written whole or not at all (:func:`..files.atomic.write`); a file that
    cannot be written raises :class:`~..files.errors.FileProblem` (a Dutch sentence).
    """
    folder = new_folder(plan_dir, nieuw)
    files, count = files_for(plan if plan is not None else load_plan(plan_dir), nieuw)
    written = []
    for name, text in files.items():
        atomic.write_text(folder / name, text, again=AGAIN)
        written.append(folder / name)
    return folder, written, count


#: What the user does after a file problem is solved.
AGAIN = "verwijder de map als die half geschreven is en probeer het opnieuw"


def add_parser(tasks: argparse._SubParsersAction) -> None:
    vervolg = action(
        tasks,
        "uitvoeringsplan vervolg",
        GEBRUIK,
        run,
        task_help="het uitvoeringsplan van volgend jaar beginnen",
        help="een nieuwe map voor het uitvoeringsplan van JAAR, vanuit de eindstand van nu",
        description=(
            "Schrijft de map uitvoeringsplan-JAAR in het plan: de vijf hoofdstukken van de "
            "methode, hoofdstuk 2 met de terugblik op het vorige jaar, en de maatregelen die "
            "nog niet gereed of vervallen zijn (met id, trekkers en partners; planning, budget "
            "en streefwaarden [IN TE VULLEN]). Bestaande bestanden worden nooit gewijzigd."
        ),
    )
    vervolg.add_argument("jaar", metavar="JAAR", help="het jaar van het nieuwe uitvoeringsplan")
    add_plan_option(vervolg)


def run(args: argparse.Namespace) -> int:
    text = str(args.jaar).strip()
    if not (text.isdigit() and len(text) == 4):
        print(
            f"kernbeleid uitvoeringsplan vervolg: fout: '{text}' is geen jaartal; schrijf "
            "bijvoorbeeld 2027.",
            file=sys.stderr,
        )
        return 2
    nieuw = int(text)
    try:
        folder, written, count = write(args.plan, nieuw)
    except (VervolgFout, FileProblem) as err:
        print(f"kernbeleid uitvoeringsplan vervolg: fout: {err}", file=sys.stderr)
        return 2
    naam = folder.name
    print(
        f"Het uitvoeringsplan {nieuw} staat in {folder} ({len(written)} bestanden, "
        f"{count} maatregelen overgenomen uit {nieuw - 1}).\n"
        "Planning, budget en streefwaarden staan er als [IN TE VULLEN]; de toets noemt ze.\n\n"
        "Zo gaat u verder:\n"
        f"  1. Zet in index.rst in de inhoudsopgave (toctree) '{naam}/index' in plaats van het\n"
        f"     oude uitvoeringsplan.\n"
        f"  2. Zet in conf.py: kernbeleid_uitvoeringsjaar = {nieuw}\n"
        f"  3. Voeg in conf.py de map van het oude uitvoeringsplan toe aan exclude_patterns,\n"
        f"     bijvoorbeeld exclude_patterns += ['uitvoeringsplan/*'].\n"
        "     Waarom: de overgenomen maatregelen houden hun id (de voortgang en verwijzingen\n"
        "     blijven kloppen); twee mappen met dezelfde ids in één plan kan niet. Het oude\n"
        "     uitvoeringsplan blijft bewaard en de eindstand ervan staat in hoofdstuk 2.\n"
        "  4. make toets: vul alles in wat [IN TE VULLEN] heet, en bouw de website."
    )
    return 0
