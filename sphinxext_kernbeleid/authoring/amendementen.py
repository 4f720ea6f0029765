"""Amendementen: ``.. amendement:: A1`` in a source file of its own, applied in the build.

An amendement names its title, indieners, status (``aangenomen`` or ``verworpen``) and
date, and holds its changes, one ``.. wijzig:: ITEM_ID`` each: new option values (any
field of a Kernbeleid item, e.g. ``:budget:`` or ``:streefwaarde:``) and, as the
directive's content, a new text for the item.

An aangenomen amendement is applied through sphinx-needs' own ``needextend`` (its public
directive, parsed here with a filter on the id, so an unknown target is told by us, in
Dutch): every output then reads the amended values. Its new texts replace the item's
text at ``doctree-resolved`` (:data:`events.AMENDMENTS_APPLIED`, before the HTML layout
and the Word items are made of the Need node), and each changed item gets the sentence
"Zoals gewijzigd bij amendement A1 (aangenomen 17 december 2026)." A verworpen
amendement changes nothing; both are listed (``.. kernbeleid-amendementen::``, and in the
Word raadsvoorstel).

The check (:func:`findings`) reports a change whose target does not exist, an option an
item cannot have, a status or date it cannot read, and a number used twice, each at the
line in the amendement's file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx_needs.nodes import Need

from ..model.needtypes import FIELDS
from ..model.parsing import MONTHS, dutch_date

if TYPE_CHECKING:  # every build sets this module up; the check's types only when checking
    from ..check.ruleset import Finding
    from ..model.plan import Plan

AANGENOMEN = "aangenomen"
VERWORPEN = "verworpen"
STATUSES = (AANGENOMEN, VERWORPEN)

#: The options a ``wijzig`` may change: every Kernbeleid field, and the status.
CHANGEABLE = (*FIELDS, "status")

RULE_ID = "KB-R0-bouw"

_ENV_KEY = "kernbeleid_amendementen"
_TEMP_KEY = "kernbeleid_amendement"


# --------------------------------------------------------------------------- the data


def _store(env: BuildEnvironment) -> dict[str, list[dict[str, Any]]]:
    """docname -> the amendementen read from it (plain dicts: pickled with the env)."""
    if not hasattr(env, _ENV_KEY):
        setattr(env, _ENV_KEY, {})
    return getattr(env, _ENV_KEY)


def all_amendementen(env: BuildEnvironment) -> list[dict[str, Any]]:
    """Every amendement of the plan, by number as written (A1, A2, … A10)."""
    found = [a for docname in sorted(_store(env)) for a in _store(env)[docname]]
    return sorted(found, key=lambda a: _natural(a["nummer"]))


def _natural(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]


def parse_date(text: str) -> dt.date | None:
    """``2026-12-17``, ``17-12-2026`` or ``17 december 2026``; None when unreadable."""
    text = text.strip().lower()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    match = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", text)
    if match and match.group(2) in MONTHS:
        try:
            return dt.date(int(match.group(3)), MONTHS.index(match.group(2)) + 1, int(match[1]))
        except ValueError:
            return None
    return None


#: What an aangenomen change did to an item, as the sentence at the item begins.
SENTENCES = {
    "wijzig": "Zoals gewijzigd bij",
    "vervalt": "Vervallen bij",
    "voeg-toe": "Toegevoegd bij",
}


def sentence(amendement: dict[str, Any], soort: str = "wijzig") -> str:
    """``Zoals gewijzigd bij amendement A1 (aangenomen 17 december 2026).``"""
    datum = amendement["datum"]
    when = f" {dutch_date(dt.date.fromisoformat(datum))}" if datum else ""
    return f"{SENTENCES[soort]} amendement {amendement['nummer']} ({AANGENOMEN}{when})."


def status_text(amendement: dict[str, Any]) -> str:
    """``aangenomen op 17 december 2026``, ``verworpen``, or the status as written."""
    status = amendement["status"]
    if amendement["datum"] and status in STATUSES:
        return f"{status} op {dutch_date(dt.date.fromisoformat(amendement['datum']))}"
    return status or "onbekend"


def change_text(change: dict[str, Any]) -> str:
    """What one change does, in a sentence part: ``MR_X: budget € 40.000; nieuwe tekst``."""
    soort = change.get("soort", "wijzig")
    if soort == "vervalt":
        return f"{change['target']}: vervalt"
    if soort == "voeg-toe":
        return f"{change['target']}: toegevoegd"
    parts = [f"{name} wordt {value}" for name, value in change["options"].items()]
    if change["tekst"]:
        parts.append("nieuwe tekst")
    return f"{change['target']}: " + ("; ".join(parts) if parts else "geen wijziging")


# --------------------------------------------------------------------------- directives


class _AnyOption(dict):
    """An option_spec that accepts every option: ``wijzig`` checks the names itself, so a
    misspelt one gets a Dutch message naming what may be changed."""

    def __missing__(self, key: str) -> Any:
        return directives.unchanged


class AmendementDirective(SphinxDirective):
    """``.. amendement:: A1`` with ``:titel:``, ``:indieners:``, ``:status:``, ``:datum:``."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "titel": directives.unchanged,
        "indieners": directives.unchanged,
        "status": directives.unchanged,
        "datum": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        nummer = self.arguments[0].strip()
        status = (self.options.get("status") or "").strip().lower()
        problems: list[tuple[int, str]] = []
        if status not in STATUSES:
            problems.append(
                (
                    self.lineno,
                    f"Amendement {nummer}: status '{self.options.get('status', '')}' is "
                    f"onbekend. Schrijf ':status: aangenomen' of ':status: verworpen'; tot "
                    f"dan wordt het amendement niet toegepast.",
                )
            )
        written_date = (self.options.get("datum") or "").strip()
        datum = parse_date(written_date) if written_date else None
        if written_date and datum is None:
            problems.append(
                (
                    self.lineno,
                    f"Amendement {nummer}: datum '{written_date}' is onleesbaar. Schrijf "
                    f"bijvoorbeeld ':datum: 17 december 2026' of ':datum: 2026-12-17'.",
                )
            )
        titel = (self.options.get("titel") or "").strip()
        if not titel:
            problems.append(
                (
                    self.lineno,
                    f"Amendement {nummer} heeft geen titel. Schrijf bijvoorbeeld "
                    f"':titel: Meer inzet op jongerenwerk'.",
                )
            )
        record: dict[str, Any] = {
            "nummer": nummer,
            "titel": titel,
            "indieners": (self.options.get("indieners") or "").strip(),
            "status": status,
            "datum": datum.isoformat() if datum else "",
            "docname": self.env.docname,
            "lineno": self.lineno,
            "wijzigingen": [],
            "problems": problems,
        }
        _store(self.env).setdefault(self.env.docname, []).append(record)

        box = nodes.container(classes=["kernbeleid-amendement"], kb_amendement=nummer)
        self.set_source_info(box)
        box += nodes.rubric(
            "", f"Amendement {nummer}: {titel}" if titel else f"Amendement {nummer}"
        )
        for label, value in (
            ("Indieners", record["indieners"] or "niet vermeld"),
            ("Status", status_text(record)),
        ):
            para = nodes.paragraph()
            para += nodes.strong("", f"{label}: ")
            para += nodes.Text(value)
            box += para
        self.env.temp_data[_TEMP_KEY] = record
        try:
            box.extend(self.parse_content_to_nodes())
        finally:
            self.env.temp_data.pop(_TEMP_KEY, None)
        return [box]


class WijzigDirective(SphinxDirective):
    """``.. wijzig:: ITEM_ID`` inside an amendement: new option values and/or new text."""

    required_arguments = 1
    final_argument_whitespace = False
    has_content = True
    # not empty: docutils reads options only when the spec is truthy
    option_spec = _AnyOption(budget=directives.unchanged)

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0].strip()
        record = _record_or_problem(self, f".. wijzig:: {target}")
        if record is None:
            return []
        options: dict[str, str] = {}
        for name, value in self.options.items():
            if name not in CHANGEABLE:
                record["problems"].append(
                    (
                        self.lineno,
                        f"Amendement {record['nummer']}: ':{name}:' bij '{target}' is geen "
                        f"optie van een item en wordt niet toegepast. Te wijzigen zijn: "
                        f"{', '.join(CHANGEABLE)}; een nieuwe tekst schrijft u ingesprongen "
                        f"onder de wijziging.",
                    )
                )
                continue
            options[name] = (value or "").strip()
        change = {
            "soort": "wijzig",
            "target": target,
            "options": options,
            "tekst": bool("\n".join(self.content).strip()),
            # the new text as written: the item's text in the plan's data (amended_texts)
            "bron": "\n".join(self.content).strip(),
            "lineno": self.lineno,
        }
        record["wijzigingen"].append(change)

        out: list[nodes.Node] = []
        if record["status"] == AANGENOMEN and options:
            # sphinx-needs' needextend applies the values before needs are resolved; the
            # filter (not '<id>') matches nothing silently: findings() names a wrong id.
            out.extend(_needextend(self, target, options))
        box = nodes.container(
            classes=["kernbeleid-wijziging"], kb_amendement=record["nummer"], kb_target=target
        )
        self.set_source_info(box)
        box += _line("Wijziging: ", change_text(change))
        if change["tekst"]:
            text = nodes.container(classes=["kernbeleid-nieuwe-tekst"])
            text.extend(self.parse_content_to_nodes())
            box += text
        out.append(box)
        return out


def _needextend(
    directive: SphinxDirective, target: str, options: dict[str, str]
) -> list[nodes.Node]:
    """sphinx-needs' own ``needextend`` directive, run here (in rst and MyST alike): it
    applies the values before needs are resolved. The filter (not ``<id>``) matches
    nothing silently for an unknown id, which :func:`findings` names in Dutch."""
    from sphinx_needs.directives.needextend import NeedextendDirective

    extend = NeedextendDirective(
        "needextend",
        [f'id == "{target}"'],
        dict(options),
        StringList(),
        directive.lineno,
        directive.content_offset,
        "",
        directive.state,
        directive.state_machine,
    )
    return list(extend.run())


def _line(label: str, text: str) -> nodes.line_block:
    """A line of the amendement's summary: a line block, not a paragraph, so the check's
    arithmetic (which reads the writer's sentences with amounts) leaves it alone."""
    block = nodes.line_block(classes=["kernbeleid-wijziging"])
    line = nodes.line()
    line += nodes.strong("", label)
    line += nodes.Text(text)
    block += line
    return block


def _record_or_problem(directive: SphinxDirective, what: str) -> dict[str, Any] | None:
    record = directive.env.temp_data.get(_TEMP_KEY)
    if record is None:
        lone = {
            "nummer": "?",
            "titel": "",
            "indieners": "",
            "status": "",
            "datum": "",
            "docname": directive.env.docname,
            "lineno": directive.lineno,
            "wijzigingen": [],
            "problems": [
                (
                    directive.lineno,
                    f"'{what}' staat niet in een amendement en wordt niet toegepast. Zet het "
                    f"ingesprongen onder '.. amendement:: A1'.",
                )
            ],
            "los": True,
        }
        _store(directive.env).setdefault(directive.env.docname, []).append(lone)
    return record


class VervaltDirective(SphinxDirective):
    """``.. vervalt:: MR_ID`` inside an amendement: the maatregel lapses (status vervallen,
    so it counts for nothing but stays listed, marked)."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0].strip()
        record = _record_or_problem(self, f".. vervalt:: {target}")
        if record is None:
            return []
        change = {
            "soort": "vervalt",
            "target": target,
            "options": {"status": "vervallen"},
            "tekst": False,
            "lineno": self.lineno,
        }
        record["wijzigingen"].append(change)
        out: list[nodes.Node] = []
        if record["status"] == AANGENOMEN:
            out.extend(_needextend(self, target, {"status": "vervallen"}))
        out.append(_line("Vervalt: ", target))
        return out


class VoegToeDirective(SphinxDirective):
    """``.. voeg-toe::`` inside an amendement: the items written in it are added to the
    plan when the amendement is aangenomen; otherwise they are shown as proposed text."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        record = _record_or_problem(self, ".. voeg-toe::")
        if record is None:
            return []
        ids = re.findall(r"^\s*:id:\s*(\S+)", "\n".join(self.content), flags=re.MULTILINE)
        for need_id in ids:
            record["wijzigingen"].append(
                {
                    "soort": "voeg-toe",
                    "target": need_id,
                    "options": {},
                    "tekst": False,
                    "lineno": self.lineno,
                }
            )
        box = nodes.container(classes=["kernbeleid-toevoeging"])
        para = nodes.paragraph()
        para += nodes.strong(
            "", "Toegevoegd: " if record["status"] == AANGENOMEN else "Voorgesteld: "
        )
        para += nodes.Text(", ".join(ids) or "geen items")
        box += para
        if record["status"] == AANGENOMEN:
            box.extend(self.parse_content_to_nodes())
        else:
            # Not adopted: the items are shown as written, never read as items.
            written = "\n".join(self.content)
            box += nodes.literal_block(written, written, language="text")
        return [box]


# --------------------------------------------------------------------------- applying


def accepted_changes(env: BuildEnvironment) -> dict[str, list[tuple[dict, dict]]]:
    """target id -> (amendement, change) of every aangenomen amendement, in number order."""
    out: dict[str, list[tuple[dict, dict]]] = {}
    for amendement in all_amendementen(env):
        if amendement["status"] != AANGENOMEN:
            continue
        for change in amendement["wijzigingen"]:
            out.setdefault(change["target"], []).append((amendement, change))
    return out


def amended_texts(env: BuildEnvironment) -> dict[str, str]:
    """item id -> its text as the aangenomen amendementen wrote it (the last one in number
    order wins), as source text like sphinx-needs' ``content``.

    sphinx-needs' ``needextend`` changes options only, not an item's text; the build shows
    the new text (:func:`apply_to_doctree`), and the plan's data (the change report, the
    suspect links, the adopted version's export) reads it from here (:func:`amended`)."""
    out: dict[str, str] = {}
    for target, changes in accepted_changes(env).items():
        for _amendement, change in changes:
            if change.get("tekst") and change.get("bron"):
                out[target] = change["bron"]
    return out


def amended(env: BuildEnvironment, needs: Iterable[Any]) -> list[Any]:
    """The needs as the amended plan has them: an item whose text an aangenomen amendement
    replaced is a copy with that text as ``content``; the others as they are."""
    texts = amended_texts(env)
    if not texts:
        return list(needs)
    return [
        {**need, "content": texts[need["id"]]} if need["id"] in texts else need for need in needs
    ]


#: The doctrees of the documents with amendementen, unpickled once per build (not once
#: per changed item); forgotten when reading ends (``env-updated``).
_DOCTREES: WeakKeyDictionary[BuildEnvironment, dict[str, nodes.document]] = WeakKeyDictionary()


def _new_text(env: BuildEnvironment, amendement: dict, change: dict) -> list[nodes.Node]:
    read = _DOCTREES.setdefault(env, {})
    doctree = read.get(amendement["docname"])
    if doctree is None:
        doctree = read[amendement["docname"]] = env.get_doctree(amendement["docname"])
    for box in doctree.findall(nodes.container):
        if (
            box.get("kb_amendement") == amendement["nummer"]
            and box.get("kb_target") == change["target"]
        ):
            for part in box.findall(nodes.container):
                if "kernbeleid-nieuwe-tekst" in part["classes"]:
                    return [child.deepcopy() for child in part.children]
    return []


def apply_to_doctree(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """New texts and the "Zoals gewijzigd bij amendement …" sentence at each changed item."""
    changes = accepted_changes(app.env)
    if not changes:
        return
    for need in list(doctree.findall(Need)):
        ids = need.get("ids") or []
        if not ids or ids[0] not in changes:
            continue
        for amendement, change in changes[ids[0]]:
            if change["tekst"]:
                new = _new_text(app.env, amendement, change)
                if new:
                    kept = [c for c in need.children if isinstance(c, nodes.target)]
                    need.children = []
                    need.extend(kept + new)
            note = nodes.paragraph(classes=["kernbeleid-amendement-noot"])
            note += nodes.emphasis("", sentence(amendement, change.get("soort", "wijzig")))
            need += note


# --------------------------------------------------------------------------- the check


def findings(env: BuildEnvironment, plan: Plan) -> list[Finding]:
    """What an amendement cannot do, located at its line (``fout``: it changes the plan)."""
    from ..check.ruleset import FOUT, Finding

    out: list[Finding] = []

    seen: dict[str, dict] = {}

    def fout(amendement: dict, line: int, message: str) -> None:
        out.append(Finding(RULE_ID, FOUT, None, amendement["docname"], line, message))

    for amendement in all_amendementen(env):
        for line, message in amendement["problems"]:
            fout(amendement, line, message)
        if amendement.get("los"):
            continue
        earlier = seen.get(amendement["nummer"])
        if earlier is not None:
            fout(
                amendement,
                amendement["lineno"],
                f"Amendement {amendement['nummer']} bestaat al (in {earlier['docname']}, "
                f"regel {earlier['lineno']}). Geef elk amendement een eigen nummer.",
            )
        seen.setdefault(amendement["nummer"], amendement)
        for change in amendement["wijzigingen"]:
            if change.get("soort") == "voeg-toe":
                continue  # new items: read (and checked) as every item, when aangenomen
            target = plan.get(change["target"])
            if target is not None and change.get("soort") == "vervalt":
                if target.type != "maatregel":
                    fout(
                        amendement,
                        change["lineno"],
                        f"Amendement {amendement['nummer']}: '.. vervalt:: {change['target']}' "
                        f"kan alleen een maatregel laten vervallen; dit is een {target.type}. "
                        f"Wijzig het item met '.. wijzig::' of haal het uit de bron.",
                    )
                continue
            if target is None:
                fout(
                    amendement,
                    change["lineno"],
                    f"Amendement {amendement['nummer']} wijzigt '{change['target']}', maar "
                    f"het plan heeft geen item met dat id; de wijziging wordt niet "
                    f"toegepast. Controleer het id (zoals bij :id: van het item).",
                )
    return out


# --------------------------------------------------------------------------- env


def _purge(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _store(env).pop(docname, None)
    _item_ids(env).pop(docname, None)


def _merge(_app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: Any) -> None:
    theirs = getattr(other, _ENV_KEY, {})
    their_ids = getattr(other, _ENV_KEY + "_ids", {})
    for docname in docnames:
        if docname in theirs:
            _store(env)[docname] = theirs[docname]
        if docname in their_ids:
            _item_ids(env)[docname] = their_ids[docname]


def _item_ids(env: BuildEnvironment) -> dict[str, list[str]]:
    """docname -> the ids of the items read from it (kept with the env, like the store)."""
    if not hasattr(env, _ENV_KEY + "_ids"):
        setattr(env, _ENV_KEY + "_ids", {})
    return getattr(env, _ENV_KEY + "_ids")


def _collect_ids(app: Sphinx, doctree: nodes.document) -> None:
    ids = [need["ids"][0] for need in doctree.findall(Need) if need.get("ids")]
    if ids:
        _item_ids(app.env)[app.env.docname] = ids


def _target_docs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The documents of every item an amendement changes (now and in the previous build),
    written again so an incremental build shows the current amendementen there."""
    _DOCTREES.pop(env, None)  # read again: the doctrees may have changed
    targets = {c["target"] for a in all_amendementen(env) for c in a["wijzigingen"]}

    docs = {d for d, ids in _item_ids(env).items() if targets.intersection(ids)}
    previous = set(getattr(env, _ENV_KEY + "_docs", ()))
    setattr(env, _ENV_KEY + "_docs", sorted(docs))
    return sorted((docs | previous) & set(env.found_docs))


def setup(app: Sphinx) -> None:
    from .. import events
    from .directives import overview_directive

    app.add_directive("amendement", AmendementDirective)
    app.add_directive("wijzig", WijzigDirective)
    app.add_directive("vervalt", VervaltDirective)
    app.add_directive("voeg-toe", VoegToeDirective)
    app.add_directive(
        "kernbeleid-amendementen", overview_directive("amendementen", needs_argument=False)
    )
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-read", _collect_ids)
    app.connect("env-updated", _target_docs)
    app.connect("doctree-resolved", apply_to_doctree, priority=events.AMENDMENTS_APPLIED)
