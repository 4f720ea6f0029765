"""``kernbeleid uitvoeringsplan vervolg 2027``: next year's Uitvoeringsplan, from this year's end.

Writes a NEW folder ``uitvoeringsplan-2027/`` inside the plan (refused when it exists) with
the method's five chapters (the texts of ``kernbeleid nieuw``), chapter 2 with
``.. kernbeleid-terugblik:: 2026`` and a frozen table of the year's end state, and chapters
3 and 4 with every prioriteit and thema: the maatregelen that are not ``gereed`` or
``vervallen`` at the end of the year, with their actiepunt, id, trekkers, partners,
prestatie-indicators and text exactly as written; planning, budget and streefwaarden are
``[IN TE VULLEN]`` so the check names each one. An onderdeel with nothing that goes on keeps
its section with a placeholder.

Ids stay the same (progress files and links keep working), so the new folder REPLACES
the old one, and the command makes the three edits that follows from that itself, each
file replaced whole (:mod:`..files.atomic`) and each change printed: the toctree entry of
the old Uitvoeringsplan points to the new folder, ``kernbeleid_uitvoeringsjaar`` is the new
year and the old Uitvoeringsplan goes into ``exclude_patterns`` (kept on disk, out of the
build). Pages the old Uitvoeringsplan left in ``_build/`` are removed, so the site does not
keep serving them. Where the old Uitvoeringsplan cannot be told apart (it shares a file with
the IVP) nothing is edited and the command says what to do by hand.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx

from ..build.plan_cache import get_plan
from ..files import atomic
from ..files.errors import FileProblem, refusal
from ..model import trace
from ..model.parsing import Quarter
from ..model.plan import Actiepunt, Item, Plan, Prioriteit
from ..records import jaarbeeld
from ..records.voortgangsrapport import MaatregelStand, period_of_year, rapport
from .opties import action, add_plan_option
from .sourcetext import Tekst, hoofdstukken, invullen

GEBRUIK = "kernbeleid uitvoeringsplan vervolg JAAR [--plan MAP]"
KLAAR = ("gereed", "vervallen")
#: Need types of the Uitvoeringsplan; a file with any other item belongs to the IVP too.
UITVOERING = ("actiepunt", "maatregel", "prestatie-indicator")


class VervolgFout(Exception):
    """The folder cannot be written; the message says why (Dutch)."""


@dataclass
class Project:
    """What the quiet build tells about the plan besides its items."""

    plan: Plan
    srcdir: Path
    root_doc: str
    #: docname -> source file
    sources: dict[str, Path] = field(default_factory=dict)
    #: docname -> the docnames its toctrees include
    includes: dict[str, list[str]] = field(default_factory=dict)


def load_project(plan_dir: Path) -> Project:
    """Build the plan quietly (no output written into the plan): its model and its documents."""
    if not (plan_dir / "conf.py").is_file():
        raise VervolgFout(
            f"in '{plan_dir}' staat geen conf.py; geef met --plan de map van het plan."
        )
    from sphinx.util.docutils import docutils_namespace

    # docutils_namespace: the directives this build registers are gone afterwards, so a
    # later build in the same process (a test, an editor plug-in) starts clean.
    with tempfile.TemporaryDirectory(prefix="kernbeleid-vervolg-") as tmp, docutils_namespace():
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
        env = app.env
        return Project(
            get_plan(app),
            Path(app.srcdir),
            app.config.root_doc,
            {doc: Path(env.doc2path(doc)) for doc in env.found_docs},
            {doc: list(children) for doc, children in env.toctree_includes.items()},
        )


def load_plan(plan_dir: Path) -> Plan:
    """Build the plan quietly (no output written into the plan) and return its model."""
    return load_project(plan_dir).plan


# --------------------------------------------------------------------------- text


_INLINE = re.compile(r"([\\*`|])")
_LIST_START = re.compile(r"^(\s*)([-+*•–]|#\.|\d+[.)])(\s)")


def letterlijk(text: str) -> str:
    """A partner's text on one line, shown exactly as written (rst and MyST alike): inline
    markup characters escaped, a leading list marker kept as text, nothing added or cut."""
    line = " ".join(text.split())
    line = _INLINE.sub(r"\\\1", line)
    line = re.sub(r"(\w)_(?=\W|$)", r"\1\\_", line)  # "naam_" would be a reference
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}", line)


def _content(item: Item) -> list[str]:
    """The item's own text exactly as the writer wrote it (lines kept)."""
    lines = item.content.strip("\n").splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _eindstand(m: MaatregelStand, jaar: int) -> str:
    text = f"Eindstand {jaar}: {m.status_text}."
    if m.toelichting:
        text += f" Toelichting: {letterlijk(m.toelichting)}"
    return text


def _end_state_table(rows: list[MaatregelStand], jaar: int, markdown: bool) -> list[str]:
    """The year's end state as a list-table (kept when the old folder goes)."""
    body = [
        ":header-rows: 1",
        ":widths: 40 15 45",
        "",
        "* - Maatregel",
        "  - Status",
        "  - Toelichting",
    ]
    for m in rows:
        body += [
            f"* - {letterlijk(m.maatregel.title)} ({m.maatregel.id})",
            f"  - {letterlijk(m.status_text)}",
            f"  - {letterlijk(m.toelichting) if m.toelichting else '–'}",
        ]
    caption = f"Eindstand van de maatregelen {jaar}"
    if markdown:
        return [f"```{{list-table}} {caption}", *body, "```", ""]
    return [f".. list-table:: {caption}", *("   " + line if line else "" for line in body), ""]


# --------------------------------------------------------------------------- the chapters


@dataclass
class Overgenomen:
    """What the new Uitvoeringsplan takes from the old year."""

    everything: list[MaatregelStand]
    carried: list[MaatregelStand]
    periode: Quarter | None  # the quarter whose progress gave the end state


def _carried(plan: Plan, jaar: int) -> Overgenomen:
    periode = period_of_year(plan, jaar)
    everything = rapport(plan, periode, jaar=jaar).maatregelen
    return Overgenomen(everything, [m for m in everything if m.status not in KLAAR], periode)


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
    regels = _content(item)
    if regels:
        regels.append("")
    regels += [invullen(f"wat er in {nieuw_jaar} gebeurt"), "", _eindstand(m, oud_jaar)]
    t.item("maatregel", item.title, opties, regels=regels)
    for pi in item.prestatie_indicatoren:
        pi_opties = [
            ("id", pi.id),
            ("hoort_bij", item.id),
            ("streefwaarde", invullen(f"streefwaarde {nieuw_jaar}")),
        ]
        if pi.eenheid:
            pi_opties.append(("eenheid", pi.eenheid))
        t.item("prestatie-indicator", pi.title, pi_opties, regels=_content(pi))


def _chapter(
    t: Tekst, plan: Plan, overgenomen: Overgenomen, kind: type, nieuw: int, oud: int
) -> int:
    """Chapter 3 (prioriteiten) or 4 (overige thema's): per onderdeel its actiepunten and
    the maatregelen that go on; an onderdeel with none keeps its section with a placeholder
    (the check names it). Returns how many maatregelen it holds."""
    owner = trace.index(plan)
    count = 0
    for onderdeel in plan.onderdelen:
        if isinstance(onderdeel, Prioriteit) != (kind is Prioriteit):
            continue
        members = [m for m in overgenomen.carried if owner.onderdeel_of(m.maatregel) is onderdeel]
        t.kop(onderdeel.title, 2)
        if not members:
            before = [
                m for m in overgenomen.everything if owner.onderdeel_of(m.maatregel) is onderdeel
            ]
            why = (
                f"Alle maatregelen van {oud} zijn gereed of vervallen (zie hoofdstuk 2)."
                if before
                else f"In {oud} had dit onderdeel geen maatregelen."
            )
            t.alinea(why)
            t.alinea(invullen(f"de maatregelen voor {nieuw}, of waarom er geen nodig zijn"))
            continue
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
    t.item("actiepunt", actiepunt.title, opties, regels=_content(actiepunt))


def files_for(
    plan: Plan, nieuw: int, markdown: bool = False, overgenomen: Overgenomen | None = None
) -> tuple[dict[str, str], int]:
    """Relative path (inside the new folder) -> text; and how many maatregelen go on."""
    oud = nieuw - 1
    if overgenomen is None:
        overgenomen = _carried(plan, oud)
    ext = ".md" if markdown else ".rst"
    chapters = hoofdstukken()["uitvoeringsplan"]
    files: dict[str, str] = {}
    t = Tekst(markdown)
    t.uitleg(
        f"Het uitvoeringsplan {nieuw}, gemaakt met 'kernbeleid uitvoeringsplan vervolg {nieuw}' "
        f"uit de eindstand van {oud}. Het vervangt het uitvoeringsplan {oud} in de inhoudsopgave "
        "(zelfde ids); het oude uitvoeringsplan staat in exclude_patterns in conf.py."
    )
    t.kop(f"Uitvoeringsplan Integrale Veiligheid {nieuw}")
    t.alinea(invullen("voorwoord of samenvatting"))
    t.inhoud("Hoofdstukken", [h["naam"] for h in chapters])
    files["index" + ext] = t.tekst()
    count = 0
    for hoofdstuk in chapters:
        t = Tekst(markdown)
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
            t.lines += _end_state_table(overgenomen.everything, oud, markdown)
        elif hoofdstuk["naam"] == "prioriteiten":
            count += _chapter(t, plan, overgenomen, Prioriteit, nieuw, oud)
        elif hoofdstuk["naam"] == "overige_themas":
            count += _chapter(t, plan, overgenomen, object, nieuw, oud)
        files[f"{hoofdstuk['naam']}{ext}"] = t.tekst()
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


# --------------------------------------------------------------------------- the old plan


@dataclass
class Oud:
    """Where the old Uitvoeringsplan stands in the project."""

    docs: set[str]  # its documents
    top: str  # the document the toctree names
    pattern: str  # what goes into exclude_patterns
    markdown: bool


def old_uitvoeringsplan(project: Project) -> Oud | str:
    """The old Uitvoeringsplan's documents, or why they cannot be told apart (Dutch)."""
    plan = project.plan
    docs = {i.docname for i in plan.items.values() if i.type in UITVOERING and i.docname}
    if not docs:
        return "het plan heeft geen actiepunten of maatregelen"
    folders = {d.split("/")[0] for d in docs if "/" in d}
    if len(folders) == 1 and all("/" in d for d in docs):
        folder = folders.pop()
        unit = {d for d in project.sources if d.split("/")[0] == folder and "/" in d}
        pattern = folder
    elif len(docs) == 1 and "/" not in next(iter(docs)):
        unit = set(docs)
        pattern = project.sources[next(iter(docs))].name
    else:
        shown = ", ".join(sorted(docs))
        return f"de actiepunten en maatregelen staan in meer mappen of bestanden ({shown})"
    mixed = sorted(
        {i.docname for i in plan.items.values() if i.type not in UITVOERING and i.docname in unit}
    )
    if mixed or project.root_doc in unit:
        shown = ", ".join(sorted(set(mixed) | ({project.root_doc} & unit)))
        return f"het uitvoeringsplan deelt een bestand met het IVP of de voorpagina ({shown})"
    included = {
        child
        for parent, children in project.includes.items()
        if parent not in unit
        for child in children
    }
    tops = sorted(unit & included)
    if len(tops) != 1:
        return "de inhoudsopgave noemt het uitvoeringsplan niet op één plek"
    markdown = sum(project.sources[d].suffix == ".md" for d in unit) > len(unit) / 2
    return Oud(unit, tops[0], pattern, markdown)


# --------------------------------------------------------------------------- the edits


@dataclass
class Wijziging:
    """One edit of one file: its new text and what the coordinator is told."""

    path: Path
    text: str
    newline: str
    said: list[str]


def _read(path: Path) -> tuple[str, str]:
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    return raw.replace("\r\n", "\n"), newline


def _toctree_edit(project: Project, oud: Oud, nieuw_doc: str) -> Wijziging | str:
    parent = next(p for p, children in project.includes.items() if oud.top in children)
    path = project.sources[parent]
    text, newline = _read(path)
    base = parent.rsplit("/", 1)[0] + "/" if "/" in parent else ""
    relative = oud.top[len(base) :] if oud.top.startswith(base) else "/" + oud.top
    new_relative = nieuw_doc[len(base) :] if nieuw_doc.startswith(base) else "/" + nieuw_doc
    entry = re.compile(
        rf"^(?P<lead>[ \t]*(?:[^<\n]*<)?)(?P<doc>/?{re.escape(relative)}|/{re.escape(oud.top)})"
        rf"(?P<tail>>?\s*)$",
        re.MULTILINE,
    )
    found = list(entry.finditer(text))
    if len(found) != 1:
        return f"de regel '{relative}' van de inhoudsopgave in {path.name} is niet te vinden"
    match = found[0]
    line = text.count("\n", 0, match.start()) + 1
    new_text = text[: match.start("doc")] + new_relative + text[match.end("doc") :]
    rel = path.relative_to(project.srcdir)
    return Wijziging(
        path,
        new_text,
        newline,
        [f"{rel}, regel {line}: inhoudsopgave '{match['doc']}' → '{new_relative}'"],
    )


def _conf_edit(project: Project, pattern: str, nieuw: int) -> Wijziging | str:
    path = project.srcdir / "conf.py"
    text, newline = _read(path)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return "conf.py is geen geldige Python"
    jaar_line: int | None = None
    patterns = False
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if "kernbeleid_uitvoeringsjaar" in names:
                value = node.value
                literal = isinstance(value, ast.Constant) and isinstance(value.value, int)
                if isinstance(node, ast.Assign) and literal and node.lineno == node.end_lineno:
                    jaar_line = node.lineno
                else:
                    jaar_line = -1
            patterns = patterns or "exclude_patterns" in names
    if jaar_line == -1:
        return "kernbeleid_uitvoeringsjaar staat in conf.py niet als een jaartal"
    lines = text.split("\n")
    said = []
    if jaar_line is None:
        lines.insert(len(lines) - 1 if lines[-1] == "" else len(lines), "")
        extra_jaar = [f"kernbeleid_uitvoeringsjaar = {nieuw}  # het jaar van het uitvoeringsplan"]
        said.append(f"conf.py: kernbeleid_uitvoeringsjaar = {nieuw} (toegevoegd)")
    else:
        old_line = lines[jaar_line - 1]
        lines[jaar_line - 1] = re.sub(
            r"(kernbeleid_uitvoeringsjaar\s*=\s*)\d+", rf"\g<1>{nieuw}", old_line, count=1
        )
        extra_jaar = []
        said.append(
            f"conf.py, regel {jaar_line}: kernbeleid_uitvoeringsjaar = {nieuw - 1} → {nieuw}"
        )
    while lines and lines[-1] == "":
        lines.pop()
    operator = "+=" if patterns else "="
    exclude = f"exclude_patterns {operator} [{pattern!r}]".replace("'", '"')
    added = [
        "",
        f"# kernbeleid uitvoeringsplan vervolg {nieuw}: het uitvoeringsplan {nieuw - 1} blijft "
        f"bewaard in {pattern},",
        "# maar gaat niet meer mee in de bouw (het nieuwe uitvoeringsplan heeft dezelfde ids).",
        *extra_jaar,
        exclude,
    ]
    said.append(
        f"conf.py, regel {len(lines) + len(added)}: {exclude} (het oude uitvoeringsplan "
        "blijft bewaard, maar gaat niet meer mee in de bouw)"
    )
    return Wijziging(path, "\n".join(lines + added) + "\n", newline, said)


def _stale_outputs(project: Project, oud: Oud, again: set[str]) -> list[Path]:
    """Pages of the old Uitvoeringsplan in ``_build/`` that no build will write again
    (``again``: documents of the new Uitvoeringsplan with the same name)."""
    build = project.srcdir / "_build"
    if not build.is_dir():
        return []
    found: list[Path] = []
    for out in sorted(p for p in build.iterdir() if p.is_dir()):
        for doc in sorted(oud.docs - again):
            source = project.sources[doc]
            for page in (
                out / f"{doc}.html",
                out / "_sources" / f"{doc}{source.suffix}.txt",
            ):
                if page.is_file():
                    found.append(page)
    return found


def _remove(pages: list[Path], build: Path) -> list[str]:
    """Remove the stale pages and the folders they leave empty; per output folder, how many
    pages went (``_build/website: 6 pagina's``)."""
    removed: dict[Path, int] = {}
    folders: set[Path] = set()
    for page in pages:
        try:
            page.unlink()
        except OSError:
            continue
        out = build / page.relative_to(build).parts[0]
        if page.suffix == ".html":
            removed[out] = removed.get(out, 0) + 1
        folders.add(page.parent)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        while folder != build and folder.is_dir() and not any(folder.iterdir()):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    return [
        f"{out.relative_to(build.parent).as_posix()}: {n} " + ("pagina" if n == 1 else "pagina's")
        for out, n in removed.items()
    ]


# --------------------------------------------------------------------------- the command


@dataclass
class Uitkomst:
    folder: Path
    written: list[Path]
    count: int
    periode: Quarter | None
    oud_jaar: int
    archief: Path | None = None  # where the old Uitvoeringsplan folder went
    edits: list[str] = field(default_factory=list)
    by_hand: str | None = None  # why the edits could not be made
    removed: list[str] = field(default_factory=list)


#: The folder of the current Uitvoeringsplan in a plan made by ``kernbeleid nieuw``.
HUIDIG = "uitvoeringsplan"


def archive_folder(plan_dir: Path, jaar: int) -> Path:
    """``uitvoeringsplan-2026``: where the Uitvoeringsplan of ``jaar`` is kept."""
    return plan_dir / f"{HUIDIG}-{jaar}"


def vervolg(plan_dir: Path, nieuw: int) -> Uitkomst:
    """Write next year's Uitvoeringsplan and switch the plan to it; clear stale pages.

    In a plan whose Uitvoeringsplan is the folder ``uitvoeringsplan/`` (as ``kernbeleid
    nieuw`` makes it), that folder keeps being the current one: the old folder is kept as
    ``uitvoeringsplan-2026/`` (out of the build), the new one takes its place, so the
    toctree, the Word document and the site's addresses stay as they are and only conf.py
    changes. Any other layout gets a new folder ``uitvoeringsplan-2027/`` and its toctree
    entry is edited. Everything is checked and the new folder is written completely (beside
    the plan, hidden) before the first existing file or folder changes.
    """
    project = load_project(plan_dir)
    plan = project.plan
    jaar = plan.settings.uitvoeringsjaar
    begin, eind = plan.settings.periode
    if nieuw != jaar + 1:
        raise VervolgFout(
            f"het plan staat op uitvoeringsjaar {jaar} (kernbeleid_uitvoeringsjaar in conf.py); "
            f"het volgende uitvoeringsplan is dat van {jaar + 1}, niet {nieuw}. Er is niets "
            "geschreven."
        )
    if nieuw > eind:
        raise VervolgFout(
            f"het IVP loopt van {begin} tot en met {eind}; een uitvoeringsplan {nieuw} hoort bij "
            "een nieuw IVP. Er is niets geschreven."
        )
    oud = old_uitvoeringsplan(project)
    current = isinstance(oud, Oud) and oud.pattern == HUIDIG and oud.top == f"{HUIDIG}/index"
    archief = archive_folder(plan_dir, jaar) if current else None
    folder = plan_dir / HUIDIG if current else new_folder(plan_dir, nieuw)
    if archief is not None and archief.exists():
        raise VervolgFout(
            f"de map '{archief}' bestaat al, en daar hoort het uitvoeringsplan {jaar} te komen; "
            "er is niets geschreven. Hernoem of verwijder die map."
        )
    edits: list[Wijziging] = []
    by_hand: str | None = oud if isinstance(oud, str) else None
    markdown = False
    if isinstance(oud, Oud):
        markdown = oud.markdown
        pattern = archief.name if archief is not None else oud.pattern
        planned = [_conf_edit(project, pattern, nieuw)]
        if archief is None:
            nieuw_doc = f"{folder.relative_to(plan_dir).as_posix()}/index"
            planned.insert(0, _toctree_edit(project, oud, nieuw_doc))
        for edit in planned:
            if isinstance(edit, str):
                by_hand, edits = edit, []
                break
            edits.append(edit)
        if by_hand is not None and archief is not None:  # no edit: nothing is moved either
            archief, folder = None, new_folder(plan_dir, nieuw)
    for edit in edits:  # refused before anything is written
        if (problem := refusal(edit.path)) is not None:
            raise FileProblem(
                f"{edit.path.name} kan niet worden aangepast: {problem.strerror}; {AGAIN}."
            )
    overgenomen = _carried(plan, jaar)
    files, count = files_for(plan, nieuw, markdown, overgenomen)
    target = plan_dir / f".{HUIDIG}-{nieuw}.nieuw" if archief is not None else folder
    if archief is not None and target.exists():
        shutil.rmtree(target, ignore_errors=True)  # left by an interrupted earlier run
    written = []
    try:
        for name, text in files.items():
            atomic.write_text(target / name, text, again=AGAIN)
            written.append(folder / name)
    except FileProblem:
        if archief is not None:  # the hidden folder beside the plan: nobody else knows it
            shutil.rmtree(target, ignore_errors=True)
        raise
    if archief is not None:
        _swap(folder, archief, target)
    said: list[str] = []
    for number, edit in enumerate(edits):
        try:
            atomic.write_text(edit.path, edit.text, again=HALVERWEGE, newline=edit.newline)
        except FileProblem as err:
            raise FileProblem(
                _halfway(str(err), folder, archief, jaar, nieuw, said, edits[number:])
            ) from None
        said += edit.said
    removed: list[str] = []
    if isinstance(oud, Oud) and edits:
        again = {f"{HUIDIG}/{Path(n).stem}" for n in files} if archief is not None else set()
        removed = _remove(_stale_outputs(project, oud, again), project.srcdir / "_build")
    return Uitkomst(
        folder, written, count, overgenomen.periode, jaar, archief, said, by_hand, removed
    )


def _swap(folder: Path, archief: Path, ready: Path) -> None:
    """``uitvoeringsplan/`` becomes ``uitvoeringsplan-2026/``, the written folder takes its
    place: two renames; when the second fails, the first is undone."""
    try:
        folder.rename(archief)
    except OSError as err:
        shutil.rmtree(ready, ignore_errors=True)
        raise FileProblem(
            f"de map '{folder.name}' kan niet worden hernoemd naar '{archief.name}' "
            f"({err.strerror}); is er een bestand uit die map geopend? Sluit het en probeer het "
            "opnieuw. Er is niets veranderd."
        ) from None
    try:
        ready.rename(folder)
    except OSError as err:
        archief.rename(folder)
        shutil.rmtree(ready, ignore_errors=True)
        raise FileProblem(
            f"de nieuwe map '{folder.name}' kan niet worden neergezet ({err.strerror}); "
            "probeer het opnieuw. Er is niets veranderd."
        ) from None


#: What the user does after a file problem is solved.
AGAIN = "verwijder de map als die half geschreven is en probeer het opnieuw"
#: What the user does when an edit fails after the new folder is in place.
HALVERWEGE = "breng daarna zelf aan wat hieronder bij 'Nog niet gedaan' staat"


def _halfway(
    problem: str,
    folder: Path,
    archief: Path | None,
    jaar: int,
    nieuw: int,
    done: list[str],
    left: list[Wijziging],
) -> str:
    """The message when an edit fails after the new folder was put in place: what is done
    (folder, earlier edits), which folder is now the current one, what is left to do by
    hand, and that running the command again is no way out."""
    lines = [f"{problem} De opdracht is halverwege gestopt.", "Al gedaan:"]
    if archief is not None:
        lines.append(f"  het uitvoeringsplan {jaar} is bewaard in {archief.name}/;")
    lines.append(
        f"  de map {folder.name}/ heeft het uitvoeringsplan {nieuw}: dat is nu de map van het "
        "uitvoeringsplan;"
    )
    lines += [f"  {line}" for line in done]
    lines.append("Nog niet gedaan (breng dit zelf aan, met een teksteditor):")
    lines += [f"  {line}" for edit in left for line in edit.said]
    lines.append(
        "Voer de opdracht niet opnieuw uit: het nieuwe uitvoeringsplan staat er al. Daarna: "
        "make schoon, make toets en make alles."
    )
    return "\n".join(lines)


def add_parser(tasks: argparse._SubParsersAction) -> None:
    vervolg_ = action(
        tasks,
        "uitvoeringsplan vervolg",
        GEBRUIK,
        run,
        task_help="het uitvoeringsplan van volgend jaar beginnen",
        help="een nieuwe map voor het uitvoeringsplan van JAAR, vanuit de eindstand van nu",
        description=(
            "Schrijft de map uitvoeringsplan-JAAR in het plan: de vijf hoofdstukken van de "
            "methode, hoofdstuk 2 met de terugblik op het vorige jaar, en per prioriteit en "
            "thema de maatregelen die nog niet gereed of vervallen zijn (met id, trekkers, "
            "partners en hun tekst; planning, budget en streefwaarden [IN TE VULLEN]). Daarna "
            "zet de opdracht het nieuwe uitvoeringsplan in de inhoudsopgave, "
            "kernbeleid_uitvoeringsjaar op JAAR en het oude uitvoeringsplan in exclude_patterns, "
            "en noemt elke wijziging. Het oude uitvoeringsplan blijft bewaard."
        ),
    )
    vervolg_.add_argument("jaar", metavar="JAAR", help="het jaar van het nieuwe uitvoeringsplan")
    add_plan_option(vervolg_)


def _kwartaal(periode: Quarter) -> str:
    namen = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde"}
    return f"{namen[periode.quarter]} kwartaal {periode.year}"


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
        uit = vervolg(args.plan, nieuw)
    except (VervolgFout, FileProblem) as err:
        print(f"kernbeleid uitvoeringsplan vervolg: fout: {err}", file=sys.stderr)
        return 2
    oud = uit.oud_jaar
    lines = [
        f"Het uitvoeringsplan {nieuw} staat in {uit.folder} ({len(uit.written)} bestanden, "
        f"{uit.count} {'maatregel' if uit.count == 1 else 'maatregelen'} overgenomen uit {oud}).",
    ]
    if uit.archief is not None:
        lines.append(
            f"Het uitvoeringsplan {oud} is bewaard in {uit.archief.name}/; het gaat niet meer mee "
            "in de bouw (de overgenomen maatregelen houden hun id)."
        )
    q4 = f"voortgang/{oud}-Q4.yaml"
    if uit.periode is None:
        lines.append(
            f"Let op: over {oud} is geen voortgang gemeld; welke maatregelen doorlopen, volgt uit "
            f"de status in het plan. Importeer de voortgang van het vierde kwartaal ({q4}) en "
            "controleer de overgenomen maatregelen."
        )
    elif uit.periode.quarter == 4:
        lines.append(f"Eindstand {oud}: de voortgang van het {_kwartaal(uit.periode)} ({q4}).")
    else:
        lines.append(
            f"Eindstand {oud}: de voortgang van het {_kwartaal(uit.periode)} "
            f"(voortgang/{uit.periode}.yaml)."
        )
        lines.append(
            f"Let op: de voortgang van het vierde kwartaal van {oud} ({q4}) ontbreekt. Welke "
            f"maatregelen doorlopen en de eindstand in hoofdstuk 2 zijn die van {uit.periode}; "
            "controleer ze als de voortgang van het vierde kwartaal binnen is."
        )
    lines.append(
        "Planning, budget en streefwaarden staan er als [IN TE VULLEN]; de toets noemt ze."
    )
    if uit.edits:
        lines += [
            "",
            f"Aangepast, zodat het plan meteen het uitvoeringsplan {nieuw} bouwt:",
            *(f"  {e}" for e in uit.edits),
        ]
        if uit.removed:
            lines += [
                "Weggehaald uit _build/ (pagina's van het oude uitvoeringsplan):",
                *(f"  {r}" for r in uit.removed),
            ]
        lines += ["", "Verder: make toets, vul in wat [IN TE VULLEN] heet, en make alles."]
    else:
        naam = uit.folder.name
        lines += [
            "",
            f"Niet automatisch aangepast: {uit.by_hand}. Doe het zo met de hand:",
            f"  1. Zet in de inhoudsopgave (toctree) '{naam}/index' in plaats van het oude\n"
            "     uitvoeringsplan.",
            f"  2. Zet in conf.py: kernbeleid_uitvoeringsjaar = {nieuw}",
            "  3. Voeg in conf.py het oude uitvoeringsplan toe aan exclude_patterns,\n"
            "     bijvoorbeeld exclude_patterns += ['uitvoeringsplan'].",
            "     Waarom: de overgenomen maatregelen houden hun id (de voortgang en verwijzingen\n"
            "     blijven kloppen); twee mappen met dezelfde ids in één plan kan niet. Het oude\n"
            "     uitvoeringsplan blijft bewaard en de eindstand ervan staat in hoofdstuk 2.",
            "  4. make schoon, make toets: vul alles in wat [IN TE VULLEN] heet, en make alles.",
        ]
    print("\n".join(lines))
    return 0
