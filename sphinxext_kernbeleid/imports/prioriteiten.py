"""``kernbeleid prioriteiten vastleggen 1.3,5.2``: the outcome of the prioriteringssessie.

Writes the verslag (``prioritering/verslag.rst``: the chosen prioriteiten, the overige
thema's that follow and the IVP's resulting table of contents) and adds a prioriteit or
thema item to the IVP's chapters for every chosen theme that has none yet, filled from
that theme's analysis. It only appends: text the writer wrote is never changed, and an
item that exists already is left alone and named. Runs on the sources, without a build.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..files import atomic
from ..files.errors import FileProblem
from ..files.locking import file_lock
from ..model import analyse, catalogue
from ..model.prioritering import MAX_PRIORITEITEN
from .command import GEWEIGERD, OK, Geweigerd

VERSLAG = Path("prioritering") / "verslag.rst"
PLACEHOLDER = "[IN TE VULLEN: {}]"
_DIRECTIVE = re.compile(
    r"^(?:\.\.\s+(?P<rst>[\w-]+)::|```\{(?P<md>[\w-]+)\})[ \t]*(?P<title>.*)$", re.MULTILINE
)
_OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):\s*(?P<value>.*)$")
IVP_HOOFDSTUKKEN = (
    "1 Uitgangssituatie",
    "2 Strategische doelstelling",
    "3 Uitgangspunten",
    "4 Prioriteiten",
    "5 Overige thema's",
    "6 Coördinatie",
    "7 Begroting",
)


@dataclass
class Blok:
    """One item directive in a source file: type, options and body text."""

    type: str
    title: str
    path: Path
    line: int
    options: dict[str, str] = field(default_factory=dict)
    body: str = ""

    @property
    def kv(self) -> list[str]:
        return [c.strip() for c in self.options.get("kv", "").split(",") if c.strip()]


def _sources(plan: Path) -> list[Path]:
    out = []
    for path in sorted(plan.rglob("*")):
        parts = path.relative_to(plan).parts
        if path.suffix in (".rst", ".md") and not any(p.startswith((".", "_")) for p in parts[:-1]):
            out.append(path)
    return out


def read_blocks(plan: Path) -> list[Blok]:
    """Every item directive of the plan's sources (rst and MyST), without a build."""
    blocks: list[Blok] = []
    for path in _sources(plan):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        lines = text.splitlines()
        for match in _DIRECTIVE.finditer(text):
            start = text.count("\n", 0, match.start())
            markdown = match["md"] is not None
            blok = Blok(match["md"] or match["rst"], match["title"].strip(), path, start + 1)
            body: list[str] = []
            in_options = True
            for line in lines[start + 1 :]:
                if markdown and line.startswith("```"):
                    break
                if not markdown and line.strip() and not line.startswith((" ", "\t")):
                    break
                if in_options:
                    option = _OPTION.match(line)
                    if option:
                        blok.options[option["name"]] = option["value"].strip()
                        continue
                    in_options = False
                body.append(line)
            blok.body = textwrap.dedent("\n".join(body)).strip()
            blocks.append(blok)
    return blocks


def _codes(text: str, what: str) -> list[str]:
    cat = catalogue.load()
    codes = [c.strip() for c in (text or "").split(",") if c.strip()]
    for code in codes:
        theme = cat.get(code)
        if theme is None or theme.is_aspect:
            near = ", ".join(cat.nearest(code)) or "1.3 of 5.2"
            raise Geweigerd(f"{what}: '{code}' is geen thema uit de catalogus; bedoelt u {near}?")
    if len(set(codes)) != len(codes):
        raise Geweigerd(f"{what}: een thema staat er twee keer in ({text}).")
    return codes


def _paragraphs(texts: list[str], indent: str) -> list[str]:
    lines: list[str] = []
    for text in texts:
        lines.append("")
        lines += textwrap.wrap(text, 96 - len(indent), initial_indent=indent,
                               subsequent_indent=indent, break_on_hyphens=False)  # fmt: skip
    return lines


def item_text(
    kind: str, title: str, options: list[tuple[str, str]], body: list[str], md: bool
) -> str:
    """A new item directive in the file's own syntax (rst or MyST)."""
    indent = "" if md else "   "
    head = f"```{{{kind}}} {title}" if md else f".. {kind}:: {title}"
    lines = [head, *(f"{indent}:{k}: {v}" for k, v in options), *_paragraphs(body, indent)]
    if md:
        lines.append("```")
    return "\n".join(lines) + "\n"


def _from_analysis(parts: dict[str, str], key: str, hint: str) -> str:
    text = parts.get(key, "")
    return " ".join(text.split()) if analyse.filled(text) else PLACEHOLDER.format(hint)


@dataclass
class Wijziging:
    path: Path
    added: list[str] = field(default_factory=list)  # texts to append


def new_items(plan: Path, chosen: list[str], overige: list[str], blocks: list[Blok]) -> tuple[
    list[Wijziging], list[str]
]:  # fmt: skip
    """What to append to the IVP's chapters, and what is left alone (with why)."""
    cat = catalogue.load()
    existing = {(b.type, c): b for b in blocks if b.type in ("prioriteit", "thema") for c in b.kv}
    ids = {b.options.get("id", "") for b in blocks}
    parts: dict[str, dict[str, str]] = {}
    for b in blocks:
        if b.type == "analyse":
            for code in b.kv:
                parts.setdefault(code, {}).update(analyse.split_parts(b.body))
    rangen = [int(b.options["rang"]) for b in blocks if b.options.get("rang", "").isdigit()]
    notes: list[str] = []
    changes: dict[Path, Wijziging] = {}
    for kind, codes, chapter in (
        ("prioriteit", chosen, "prioriteiten"),
        ("thema", overige, "overige_themas"),
    ):
        target = _chapter(plan, chapter)
        for code in codes:
            other = "thema" if kind == "prioriteit" else "prioriteit"
            if (kind, code) in existing or (other, code) in existing:
                b = existing.get((kind, code)) or existing[(other, code)]
                where = f"{b.path.relative_to(plan)}, regel {b.line}"
                notes.append(f"{code}: staat al als {b.type} in {where}; niet aangeraakt.")
                continue
            theme = cat.by_code[code]
            new_id = _free_id(
                ("PRIO_" if kind == "prioriteit" else "THEMA_") + code.replace(".", "_"), ids
            )
            options = [("id", new_id), ("kv", code)]
            if kind == "prioriteit":
                rangen.append(max(rangen, default=0) + 1)
                options.append(("rang", str(rangen[-1])))
            if "DOEL_STRATEGISCH" in ids:
                options.append(("hoort_bij", "DOEL_STRATEGISCH"))
            p = parts.get(code, {})
            if kind == "prioriteit":
                body = [
                    "**Waarom een prioriteit?** "
                    + _from_analysis(p, analyse.PROBLEMATIEK, "waarom dit hier voorrang krijgt"),
                    "**Hoofdlijnen van de aanpak.** "
                    + _from_analysis(p, analyse.EXTRA, "de aanpak in de komende jaren"),
                    "**Flankerend beleid.** "
                    + PLACEHOLDER.format("beleid van gemeente en partners"),
                ]
            else:
                body = [
                    _from_analysis(p, analyse.AANPAK, "wat de gemeente op dit thema blijft doen")
                ]
            text = item_text(kind, theme.naam, options, body, target.suffix == ".md")
            changes.setdefault(target, Wijziging(target)).added.append(text)
    return list(changes.values()), notes


def _chapter(plan: Path, name: str) -> Path:
    for suffix in (".rst", ".md"):
        path = plan / "ivp" / f"{name}{suffix}"
        if path.is_file():
            return path
    raise Geweigerd(
        f"ivp/{name}.rst ontbreekt. Deze opdracht vult de hoofdstukken van een plan dat met "
        "'kernbeleid nieuw' is begonnen; maak het hoofdstuk aan of begin met kernbeleid nieuw."
    )


def _free_id(wanted: str, ids: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in ids:
        candidate, n = f"{wanted}_{n}", n + 1
    ids.add(candidate)
    return candidate


def verslag_text(chosen: list[str], overige: list[str], datum: dt.date) -> str:
    """The verslag: choice, what follows from it, and the IVP's resulting contents."""
    cat = catalogue.load()
    title = "Verslag prioriteringssessie"
    lines = [":orphan:", "", title, "=" * len(title), ""]
    lines += [f"Vastgelegd op {datum.day}-{datum.month}-{datum.year} met "
              "``kernbeleid prioriteiten vastleggen``.", ""]  # fmt: skip
    lines += ["Gekozen prioriteiten", "--------------------", ""]
    lines += [f"#. {cat.by_code[c].label}" for c in chosen] + [""]
    lines += ["Overige thema's", "---------------", ""]
    lines += [f"* {cat.by_code[c].label}" for c in overige] or ["Geen."]
    lines += ["", "Inhoudsopgave van het IVP", "-------------------------", ""]
    for hoofdstuk in IVP_HOOFDSTUKKEN:
        lines.append(f"* {hoofdstuk}")
        number = hoofdstuk.split()[0]
        codes = chosen if number == "4" else (overige if number == "5" else [])
        if codes:
            lines.append("")
            lines += [f"  * {number}.{i} {cat.by_code[c].naam}" for i, c in enumerate(codes, 1)]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- the command


def vastleggen(
    plan: Path,
    prioriteiten: str,
    themas: str | None = None,
    *,
    overschrijf: bool = False,
    proef: bool = False,
    say: Callable[[str], None] = print,
    today: dt.date | None = None,
) -> int:
    """Record the session's outcome; 0 when done (or nothing to do), 2 when refused."""
    try:
        return _vastleggen(plan, prioriteiten, themas, overschrijf, proef, say, today)
    except (Geweigerd, FileProblem) as err:
        say(f"Geweigerd – {err}")
        say("Er is niets geschreven.")
        return GEWEIGERD


def _vastleggen(plan, prioriteiten, themas, overschrijf, proef, say, today) -> int:
    if not (plan / "conf.py").is_file():
        raise Geweigerd(
            f"{plan}: hier staat geen conf.py, dus dit is niet de map van een plan. Geef de map "
            "van het plan met --plan, of voer de opdracht uit in die map."
        )
    chosen = _codes(prioriteiten, "prioriteiten")
    if not 1 <= len(chosen) <= MAX_PRIORITEITEN:
        raise Geweigerd(
            f"kies 1 tot {MAX_PRIORITEITEN} prioriteiten (de methode raadt er drie à vier aan); "
            f"nu {len(chosen)}."
        )
    blocks = read_blocks(plan)
    if themas is not None:
        overige = _codes(themas, "--themas")
    else:  # every other theme with a written analysis carries on as overig thema
        analysed = {
            c
            for b in blocks
            if b.type == "analyse"
            and any(analyse.filled(t) for t in analyse.split_parts(b.body).values())
            for c in b.kv
        }
        overige = [t.code for t in catalogue.load().themes if t.code in analysed]
    # a theme an existing prioriteit covers together with a chosen one is not "overig"
    covered = {
        c for b in blocks if b.type == "prioriteit" and set(b.kv) & set(chosen) for c in b.kv
    }
    overige = [c for c in overige if c not in chosen and c not in covered]
    changes, notes = new_items(plan, chosen, overige, blocks)
    target = plan / VERSLAG
    text = verslag_text(chosen, overige, today or dt.date.today())
    for note in notes:
        say(f"Bestaat al  {note}")
    if proef:
        for change in changes:
            where = change.path.relative_to(plan)
            say(f"Proef: {len(change.added)} nieuw(e) blok(ken) achteraan {where}.")
        say("Proef: er is niets geschreven.")
        return OK
    with file_lock(target, say, again="leg de prioriteiten opnieuw vast"):
        _write_verslag(plan, target, text, overschrijf, say)
        for change in changes:
            old = change.path.read_text("utf-8")
            new = old.rstrip("\n") + "\n\n" + "\n".join(change.added)
            _write(change.path, new)
            say(f"Aangevuld: {change.path.relative_to(plan)} ({len(change.added)} nieuw blok(ken))")
    if not changes:
        say("De hoofdstukken van het IVP hadden alles al; er is niets aan toegevoegd.")
    return OK


def _write_verslag(plan: Path, target: Path, text: str, overschrijf: bool, say) -> None:
    if target.is_file():
        old = target.read_text("utf-8")
        if old == text:
            say(f"Niets veranderd: {VERSLAG.as_posix()} staat er al zo.")
            return
        if not overschrijf:
            raise Geweigerd(
                f"{VERSLAG.as_posix()} bestaat al met een andere keuze of tekst. Wilt u het "
                "vervangen, leg dan opnieuw vast met --overschrijf (de hoofdstukken worden "
                "ook dan alleen aangevuld, nooit gewijzigd)."
            )
    _write(target, text)
    say(f"Geschreven: {VERSLAG.as_posix()}")


def _write(path: Path, text: str) -> None:
    atomic.write_text(path, text, again="leg de prioriteiten opnieuw vast")
