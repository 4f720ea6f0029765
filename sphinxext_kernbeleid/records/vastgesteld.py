"""The adopted versions of the plan (``vastgesteld/<datum>/``) and the recorded reviews.

After the raad's decision the adopted text is the reference for four years. An adoption
folder holds what was decided: the needs export (``needs.json``), the check report of that
moment and ``manifest.json`` (source hash, version, date, besluit). It is written once and
never replaced. ``vastgesteld/beoordelingen.json`` holds the reviews of maatregelen whose
doel or indicator changed since (:mod:`..check.herbeoordeling`): per maatregel the
fingerprint of what it was reviewed against.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from ..files import atomic
from ..files.errors import FileProblem, explain
from ..model.needtypes import FIELDS, LINKS
from ..model.plan import Need, Plan, Problem

#: What the user does once a file problem is solved.
AGAIN = "probeer het opnieuw"
FOLDER = "vastgesteld"
NEEDS = "needs.json"
MANIFEST = "manifest.json"
REPORT = "kernbeleid-rapport.json"
REVIEWS = "beoordelingen.json"
#: The manifest's key for the adopted Word documents: start document -> file name.
DOCUMENTS = "documenten"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Folders whose files are not the plan's source (outputs, records of the decision).
_NOT_SOURCE = {FOLDER, "_build", "__pycache__", ".git"}
#: The need keys an export keeps: enough to rebuild the plan and compare versions.
EXPORTED = ("id", "type", "title", "content", "docname", "lineno", "status", *FIELDS, *LINKS)


class VastgesteldFout(Exception):
    """The adoption folder cannot be read or written; the message says why (Dutch)."""


@dataclass(frozen=True)
class Adoption:
    """One adopted version: its folder's name (the date), manifest and needs."""

    datum: str
    folder: Path
    manifest: Mapping[str, Any]
    needs: Mapping[str, Mapping[str, Any]]


@dataclass
class Baseline:
    """What the current build compares against: the adoption and the recorded reviews."""

    adoption: Adoption
    reviews: dict[str, Mapping[str, Any]] = field(default_factory=dict)


def export_need(need: Need) -> dict[str, Any]:
    """One need as the export keeps it: plain JSON values, empty ones left out."""
    out: dict[str, Any] = {}
    for key in EXPORTED:
        value = need.get(key)
        if value in (None, "", []):
            continue
        out[key] = list(value) if isinstance(value, list | tuple) else value
    return out


def export(needs: Iterable[Need]) -> dict[str, Any]:
    """The needs export in sphinx-needs' ``needs.json`` layout (one version)."""
    items = {str(n["id"]): export_need(n) for n in needs if not n.get("is_part")}
    return {"current_version": "", "versions": {"": {"needs": items}}}


def source_hash(srcdir: Path) -> str:
    """SHA-256 over every file of the plan (path and bytes), outputs and adoptions left out."""
    digest = hashlib.sha256()
    for path in sorted(srcdir.rglob("*")):
        relative = path.relative_to(srcdir)
        if not path.is_file() or relative.parts[0] in _NOT_SOURCE:
            continue
        if any(part.startswith(".") for part in relative.parts):
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def adoptions(srcdir: Path) -> list[str]:
    """The adoption folders' dates, oldest first."""
    folder = srcdir / FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        p.name for p in folder.iterdir() if p.is_dir() and _DATE.match(p.name) and _complete(p)
    )


def _complete(folder: Path) -> bool:
    return (folder / MANIFEST).is_file() and (folder / NEEDS).is_file()


def load(srcdir: Path, name: str = "") -> Adoption | None:
    """The adoption ``name`` (a date) or, without a name, the latest; None when there is none."""
    dates = adoptions(srcdir)
    if not name:
        if not dates:
            return None
        name = dates[-1]
    elif name not in dates:
        known = ", ".join(dates) or "geen"
        raise VastgesteldFout(
            f"kernbeleid_vastgesteld = '{name}': er is geen vastgestelde versie met die "
            f"datum in {FOLDER}/ (wel: {known}). Geef een datum uit die lijst of laat de "
            "instelling weg (dan geldt de laatste vaststelling)."
        )
    folder = srcdir / FOLDER / name
    manifest = _read_json(folder / MANIFEST)
    data = _read_json(folder / NEEDS)
    try:
        needs = data["versions"][data["current_version"]]["needs"]
    except (KeyError, TypeError):
        raise VastgesteldFout(
            f"{FOLDER}/{name}/{NEEDS} is geen export van een plan; zet het bestand terug "
            "zoals 'kernbeleid vaststellen' het schreef."
        ) from None
    return Adoption(name, folder, manifest, needs)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise VastgesteldFout(
            f"{path.parent.parent.name}/{path.parent.name}/{path.name} is niet leesbaar "
            f"({err}); zet het bestand terug zoals 'kernbeleid vaststellen' het schreef."
        ) from None


def document_key(start: str, gemeente: str | None = None) -> str:
    """A Word document's key in the manifest: its start document, and in a joint plan the
    gemeente it is written for (each gemeente has her own IVP from the same start)."""
    return f"{start}#{gemeente}" if gemeente else start


def adopted_document(adoption: Adoption, start: str, gemeente: str | None = None) -> Path | None:
    """The Word document of start document ``start`` (for ``gemeente``) as adopted, or None
    when the adoption holds none (``manifest.json``'s ``documenten``: key -> file name)."""
    documents = adoption.manifest.get(DOCUMENTS)
    key = document_key(start, gemeente)
    name = documents.get(key) if isinstance(documents, Mapping) else None
    if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = adoption.folder / name
    return path if path.is_file() else None


def write_adoption(
    srcdir: Path,
    datum: dt.date,
    manifest: Mapping[str, Any],
    needs_export: Mapping[str, Any],
    report: Mapping[str, Any],
    documents: Iterable[Path] = (),
) -> Path:
    """Write ``vastgesteld/<datum>/``; refuses when it exists (an adoption is never replaced).

    ``documents`` (the Word documents and PDFs of the adopted version) are copied beside the
    JSON files under their own names.

    The files go into a hidden folder first, which is renamed into place when complete: a
    killed run leaves no half adoption (its leftover is removed by the next run). The caller
    holds the lock, so the existence test and the rename are one step for other runs.
    """
    folder = srcdir / FOLDER / datum.isoformat()
    if folder.exists():
        raise VastgesteldFout(
            f"er is al een vastgestelde versie van {datum.isoformat()} ({FOLDER}/"
            f"{datum.isoformat()}/); die wordt nooit overschreven. Is het een nieuw besluit, "
            "geef dan de datum van dat besluit."
        )
    tmp = srcdir / FOLDER / f".{datum.isoformat()}.tmp"
    try:
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        for name, data in ((NEEDS, needs_export), (REPORT, report), (MANIFEST, manifest)):
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            atomic.write_text(tmp / name, text, again=AGAIN)
        for document in documents:
            shutil.copyfile(document, tmp / document.name)
        os.rename(tmp, folder)
    except OSError as err:
        raise FileProblem(explain(err, folder, again=AGAIN)) from None
    return folder


# --------------------------------------------------------------------------- reviews


def reviews_path(srcdir: Path) -> Path:
    return srcdir / FOLDER / REVIEWS


def load_reviews(srcdir: Path) -> dict[str, Mapping[str, Any]]:
    path = reviews_path(srcdir)
    if not path.is_file():
        return {}
    data = _read_json(path)
    return dict(data) if isinstance(data, dict) else {}


def record_review(srcdir: Path, maatregel: str, entry: Mapping[str, Any]) -> None:
    """Store one review (read, merge, replace whole); the caller holds the lock."""
    reviews = load_reviews(srcdir)
    reviews[maatregel] = dict(entry)
    text = json.dumps(dict(sorted(reviews.items())), ensure_ascii=False, indent=2) + "\n"
    atomic.write_text(reviews_path(srcdir), text, again=AGAIN)


# --------------------------------------------------------------------------- the build

_BASELINES: WeakKeyDictionary[Plan, Baseline] = WeakKeyDictionary()


def attach(plan: Plan, srcdir: Path, setting: str = "") -> list[Problem]:
    """Keep the plan's baseline (the adoption ``setting`` names, else the latest) with it."""
    try:
        adoption = load(srcdir, setting or "")
        reviews = load_reviews(srcdir) if adoption is not None else {}
    except VastgesteldFout as err:
        return [Problem("vastgesteld", "", None, None, str(err))]
    if adoption is not None:
        _BASELINES[plan] = Baseline(adoption, reviews)
    return []


def baseline_of(plan: Plan) -> Baseline | None:
    """The adopted version this build compares against, or None before any adoption."""
    return _BASELINES.get(plan)
