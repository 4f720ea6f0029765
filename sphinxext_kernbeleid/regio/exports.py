"""Find and read one plan's exports: the check report and sphinx-needs' ``needs.json``.

A plan is given as its folder (the exports are looked up under ``_build/``) or as one of
the two JSON files (the other is looked up beside it). The report says which gemeente,
which period and whether the plan is raadsrijp, and carries what the check computed
(plattegrond, latest measurements, which maatregelen count for which onderdeel); needs.json
carries every item as written (partners, budgets, ``kv``). Anything this version cannot
read is refused with a Dutch sentence that names the file and says what to do, so the
regional view never silently misses a gemeente.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RAPPORT = "kernbeleid-rapport.json"
NEEDS = "needs.json"
#: Report formats (``schema_version``) this version reads.
RAPPORT_VERSIES = (1,)
#: What the regional view reads from a report; a report without one of these is not ours.
RAPPORT_SLEUTELS = ("gemeente", "periode", "raadsrijp", "plattegrond", "indicatoren", "matrix")
PLAN_TYPES = {"prioriteit", "thema", "maatregel", "effectindicator", "doel"}

MAAK_EXPORTS = (
    "Maak de exports in de map van het plan: het toetsrapport met 'make toets' (of "
    "'sphinx-build -b kernbeleid-check . _build/check') en needs.json met "
    "'sphinx-build -b needs . _build/needs'."
)


class ExportProblem(Exception):
    """A plan's exports cannot be used; the message is a Dutch sentence naming the file."""


@dataclass(frozen=True)
class PlanExport:
    """The two exports of one gemeente's plan, read and checked."""

    bron: Path  # what the user named: the plan's folder or one of the files
    rapport_pad: Path
    needs_pad: Path
    rapport: dict[str, Any]
    needs: dict[str, dict[str, Any]]  # need id -> need as needs.json holds it

    @property
    def gemeente(self) -> str:
        return str(self.rapport["gemeente"]).strip()


def read_plan(path: Path) -> PlanExport:
    """One plan from a folder or a JSON file; :class:`ExportProblem` when it cannot be used."""
    if not path.exists():
        raise ExportProblem(
            f"{path} bestaat niet. Geef de map van een plan op, of het toetsrapport "
            f"({RAPPORT}) of de needs.json van een plan."
        )
    if path.is_dir():
        rapport_pad = _one_in(path, RAPPORT)
        needs_pad = _one_in(path, NEEDS)
    else:
        data = _load(path)
        if _is_rapport(data):
            rapport_pad, needs_pad = path, _beside(path, NEEDS)
        elif _is_needs(data):
            rapport_pad, needs_pad = _beside(path, RAPPORT), path
        else:
            raise ExportProblem(_onbekend(path))
    rapport = _read_rapport(rapport_pad)
    needs = _read_needs(needs_pad)
    _check_pair(rapport, needs, rapport_pad, needs_pad)
    return PlanExport(path, rapport_pad, needs_pad, rapport, needs)


def duplicate(seen: dict[str, Path], plan: PlanExport) -> str | None:
    """A Dutch sentence when ``plan``'s gemeente was read before; records it otherwise.

    Two exports of the same gemeente are refused: which one is meant is for the user to
    say, not for the tool to guess.
    """
    name = plan.gemeente.casefold()
    if name in seen:
        return (
            f"{plan.gemeente} staat er twee keer in: {seen[name]} en {plan.bron}. Geef per "
            "gemeente één plan op (het laatst vastgestelde of het nieuwste)."
        )
    seen[name] = plan.bron
    return None


def _one_in(folder: Path, name: str) -> Path:
    """The one file called ``name`` under ``folder/_build`` (or under ``folder`` itself)."""
    root = folder / "_build" if (folder / "_build").is_dir() else folder
    found = sorted(p for p in root.rglob(name) if p.is_file())
    if not found:
        wat = "het toetsrapport" if name == RAPPORT else "needs.json"
        raise ExportProblem(f"In {folder} staat geen {name} ({wat}). {MAAK_EXPORTS}")
    if len(found) > 1:
        lijst = ", ".join(str(p) for p in found)
        raise ExportProblem(
            f"In {folder} staan meer dan één {name}: {lijst}. Geef het bestand dat u bedoelt "
            "zelf op in plaats van de map."
        )
    return found[0]


def _beside(path: Path, name: str) -> Path:
    """The partner export of ``path``: in the same folder or a sibling build folder."""
    same = path.parent / name
    if same.is_file():
        return same
    siblings = sorted(p for p in path.parent.parent.glob(f"*/{name}") if p.is_file())
    if len(siblings) == 1:
        return siblings[0]
    wat = "het toetsrapport" if name == RAPPORT else "needs.json"
    raise ExportProblem(
        f"Bij {path} hoort {wat} ({name}) van hetzelfde plan, maar dat staat niet in "
        f"{path.parent} of in één map ernaast. Geef de map van het plan op. {MAAK_EXPORTS}"
    )


def _load(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as err:
        raise ExportProblem(f"{path} kon niet worden gelezen ({err.strerror}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ExportProblem(
            f"{path} is geen leesbaar JSON-bestand; het is misschien afgebroken of met de "
            f"hand gewijzigd. {MAAK_EXPORTS}"
        ) from None


def _is_rapport(data: Any) -> bool:
    return isinstance(data, dict) and "schema_version" in data


def _is_needs(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("versions"), dict)


def _onbekend(path: Path) -> str:
    return (
        f"{path} is geen export van kernbeleid: geen toetsrapport ({RAPPORT}) en geen "
        f"needs.json. {MAAK_EXPORTS}"
    )


def _read_rapport(path: Path) -> dict[str, Any]:
    data = _load(path)
    if not _is_rapport(data):
        raise ExportProblem(_onbekend(path))
    versie = data.get("schema_version")
    if versie not in RAPPORT_VERSIES:
        bekend = ", ".join(str(v) for v in RAPPORT_VERSIES)
        raise ExportProblem(
            f"{path} heeft rapportformaat {versie!r}; deze versie van kernbeleid leest "
            f"formaat {bekend}. Het is gemaakt met een andere versie: maak het rapport "
            "opnieuw met deze versie (sphinx-build -b kernbeleid-check), of werk kernbeleid bij."
        )
    missing = [key for key in RAPPORT_SLEUTELS if key not in data]
    if missing:
        raise ExportProblem(
            f"{path} mist {', '.join(missing)}; het is geen volledig toetsrapport van "
            f"kernbeleid. {MAAK_EXPORTS}"
        )
    if not str(data.get("gemeente") or "").strip():
        raise ExportProblem(
            f"{path} noemt geen gemeente. Zet kernbeleid_gemeente in conf.py van het plan "
            "en maak het toetsrapport opnieuw."
        )
    return data


def _read_needs(path: Path) -> dict[str, dict[str, Any]]:
    data = _load(path)
    if not _is_needs(data):
        raise ExportProblem(_onbekend(path))
    versions = data["versions"]
    current = data.get("current_version", "")
    version = versions.get(current) if current in versions else None
    if version is None and len(versions) == 1:
        version = next(iter(versions.values()))
    needs = version.get("needs") if isinstance(version, dict) else None
    if not isinstance(needs, dict) or not all(isinstance(n, dict) for n in needs.values()):
        raise ExportProblem(
            f"{path} heeft een indeling die deze versie van kernbeleid niet kent (geen "
            f"'needs' bij versie {current!r}). {MAAK_EXPORTS}"
        )
    if not any(n.get("type") in PLAN_TYPES for n in needs.values()):
        raise ExportProblem(
            f"{path} bevat geen prioriteiten, thema's of maatregelen: het is niet de "
            f"needs.json van een veiligheidsplan. {MAAK_EXPORTS}"
        )
    return needs


def _check_pair(
    rapport: dict[str, Any], needs: dict[str, dict[str, Any]], rapport_pad: Path, needs_pad: Path
) -> None:
    """Both files must come from the same build of the same plan."""
    counted = {
        m for group in rapport["matrix"].get("groups", []) for m in group.get("maatregelen", [])
    }
    missing = sorted(counted - needs.keys())
    if missing:
        raise ExportProblem(
            f"{rapport_pad} en {needs_pad} horen niet bij dezelfde versie van het plan: "
            f"{len(missing)} maatregel(en) uit het rapport staan niet in needs.json "
            f"(bijvoorbeeld {missing[0]}). Maak beide opnieuw. {MAAK_EXPORTS}"
        )
