"""What every import command shares: exit codes, refusals, the plan's conf.py, the lock, the write.

An import reads outside files (a partner's workbook, open-data exports), merges what they
say into one record file of the plan (``voortgang/2026-Q2.yaml``, ``metingen/metingen.yaml``)
and writes it. :func:`run` ends every import the same way: 0 (all done), 1 (some cells or
rows refused), 2 (refused, or nothing could be written: the record file is byte for byte
as it was) or 130 (Ctrl-C), each with a Dutch sentence and never with a traceback.
The write step is the same for all: :func:`check_places` before anything is read,
:func:`locked` while the record file is re-read (once: :func:`read_record`) and merged,
:func:`write_record` to replace it in one step (:func:`..files.atomic.write`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..files import atomic, confpy
from ..files.errors import FileProblem, explain, nearest_existing, refusal, unreadable
from ..files.locking import file_lock

OK, GEDEELTELIJK, GEWEIGERD = 0, 1, 2
#: Exit code after Ctrl-C (128 + SIGINT, as shells report it).
AFGEBROKEN = 130
#: What an import tells the user to do after a file problem is solved.
AGAIN = "importeer opnieuw"

Say = Callable[[str], None]
R = TypeVar("R")


class Geweigerd(Exception):
    """The whole import is refused; the message says why and what to do, in Dutch."""


def run(body: Callable[[list[Path]], int], say: Say, *, record: str) -> int:
    """Run an import's ``body(written)``, which lists the files it wrote in ``written``.

    ``record`` names the record file in the closing sentence ("het voortgangsbestand").
    """
    written: list[Path] = []
    try:
        return body(written)
    except Geweigerd as err:
        say(f"Geweigerd – {err}")
        say("Er is niets geïmporteerd.")
    except FileProblem as err:
        say(f"Niet gelukt – {err}")
        say(f"Er is niets geïmporteerd; {record} is niet veranderd.")
    except OSError as err:  # a file we did not foresee: still one sentence, no traceback
        path = Path(err.filename) if err.filename else Path(".")
        say(f"Niet gelukt – {explain(err, path, again=AGAIN)}")
        say(f"Er is niets geïmporteerd; {record} is niet veranderd.")
    except KeyboardInterrupt:
        if written:
            say(f"Afgebroken; {written[0]} was al bijgewerkt (in één keer, dus volledig).")
        else:
            say("Afgebroken; er is niets geschreven.")
        return AFGEBROKEN
    return GEWEIGERD


def plan_conf(plan: Path) -> Path:
    """The plan's ``conf.py``; refused when ``plan`` is no plan folder."""
    conf = plan / "conf.py"
    if not conf.is_file():
        raise Geweigerd(
            f"{plan}: hier staat geen conf.py, dus dit is niet de map van een plan. Geef de map "
            "van het plan met --plan, of voer de opdracht uit in die map."
        )
    return conf


def setting(plan: Path, name: str) -> str | None:
    """A setting's value as conf.py writes it (the last assignment counts), as text."""
    value = confpy.literal(plan, name)
    return None if value is None else str(value)


@dataclass(frozen=True)
class Gemeente:
    """A participating gemeente of a joint plan, as conf.py's ``kernbeleid_gemeenten``."""

    naam: str
    code: str

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


def plan_gemeenten(plan: Path) -> list[Gemeente]:
    """``kernbeleid_gemeenten`` as conf.py writes it (the build checks it; what is not a
    name with a code is left out here); ``[]`` for a plan of one gemeente."""
    raw = confpy.literal(plan, "kernbeleid_gemeenten")
    out: list[Gemeente] = []
    for entry in raw if isinstance(raw, list | tuple) else ():
        if isinstance(entry, list | tuple) and len(entry) >= 2:
            entry = {"naam": entry[0], "code": entry[1]}
        if isinstance(entry, dict) and entry.get("naam") and entry.get("code"):
            out.append(Gemeente(str(entry["naam"]).strip(), str(entry["code"]).strip().upper()))
    return out


def read_text(path: Path, label: str) -> str:
    """A file's text (UTF-8), or a :class:`FileProblem` saying in Dutch why it cannot be read."""
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        raise FileProblem(f"{label} is geen tekstbestand (UTF-8); sla het op als UTF-8.") from None
    except OSError as err:
        raise FileProblem(unreadable(err, path, label)) from None


def read_bytes(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise FileProblem(unreadable(err, path, label)) from None


def check_places(target: Path, *, folder_is: str, file_is: str, writing: bool = True) -> None:
    """Before anything is read or locked: may ``target`` be written?

    A file where the folder belongs and a folder where the file belongs are told with what
    belongs there (``folder_is``: "de map met voortgangsbestanden", ``file_is``: "het
    voortgangsbestand van 2026-Q2"); when ``writing`` (not a trial run), a read-only folder
    with the sentence of :func:`..files.errors.explain`. A read-only record file is found
    when it is written (an import that changes nothing does not write it).
    """
    folder = target.parent
    if folder.exists() and not folder.is_dir():
        raise FileProblem(
            f"{folder} is een bestand, maar daar hoort {folder_is}; hernoem of verplaats dat "
            f"bestand en {AGAIN}."
        )
    if target.is_dir():
        raise FileProblem(
            f"{folder.name}/{target.name} is een map, maar daar hoort {file_is}; hernoem of "
            f"verplaats die map en {AGAIN}."
        )
    folder = nearest_existing(target.parent)
    problem = refusal(folder) if writing and folder.is_dir() else None
    if problem is not None:  # the lock is made there before anything is read
        raise FileProblem(explain(problem, target, again=AGAIN))


@contextmanager
def locked(target: Path, say: Say) -> Iterator[None]:
    """Hold the lock of the record file ``target`` (its folder is made when missing).

    Under the lock, a half file an import killed while writing left is removed (it is
    never read), also when this import ends up changing nothing.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise FileProblem(explain(err, target, again=AGAIN)) from None
    with file_lock(target, say, again=AGAIN):
        atomic.remove_leftovers(target.parent, target.name)
        yield


@dataclass
class Verschil:
    """What merging an export into a figures record changed: counts, and conflicts."""

    nieuw: int = 0
    bijgewerkt: int = 0
    gelijk: int = 0
    tegenstrijdig: list[str] = field(default_factory=list)


def read_record(
    target: Path, parse: Callable[[str], tuple[R | None, list[str]]], label: str
) -> tuple[str, R] | None:
    """The record file, read once: its text (to tell whether a merge changes it) and what
    it says; ``None`` when there is none yet. Refused when it cannot be read: it is never
    merged then."""
    if not target.exists():
        return None
    text = read_text(target, label)
    found, problems = parse(text)
    if found is None:
        raise unreadable_record(label, problems)
    return text, found


def same_area(label: str, old: str, new: str) -> None:
    """A figures record holds one area; an export of another is refused, never mixed."""
    if old and old.casefold() != new.casefold():
        raise Geweigerd(
            f"{label} bevat cijfers van {old}, deze import is voor {new}. Cijfers van twee "
            "gebieden worden nooit gemengd; controleer --regio."
        )


def unreadable_record(label: str, problems: list[str]) -> Geweigerd:
    """The refusal when the record file itself cannot be read as it should."""
    return Geweigerd(
        f"{label} kan niet goed gelezen worden, dus wordt het niet aangevuld (dan zou er "
        "iets verloren gaan):\n  " + "\n  ".join(problems) + "\nHerstel het bestand eerst."
    )


def write_record(target: Path, text: str, written: list[Path], say: Say) -> None:
    """Replace the record file in one step; on failure it is left as it was."""
    atomic.write_text(target, text, again=AGAIN)
    written.append(target)
    say(f"Geschreven: {target}")
