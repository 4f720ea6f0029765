"""The plan of the current build: built once, after reading, shared by every output.

Built in ``write-started`` (main process, before any parallel writer forks) so the
model's problems are reported once per build, then read by renderers and builders.

A rebuild in which Sphinx read no document (it then keeps its saved environment as it
was) repeats the warnings of the build that saved it, kept beside the doctrees, and
builds the plan only if a page still needs it: nothing the plan is made of can have
changed (sources, settings and the progress and measurement files all make Sphinx read
again).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx_needs.api import get_needs_view

from ..files import atomic
from ..files.errors import FileProblem
from ..version import __version__
from .settings import settings_of, settings_shown

if TYPE_CHECKING:
    from ..check import gevolgen, rules
    from ..model.plan import Plan, Problem

# The model, the rules and the records are imported where the plan is built or checked:
# every build sets this module up, and a rebuild in which nothing changed does neither
# (tests/test_import_cost.py).

logger = logging.getLogger(__name__)

_PLANS: WeakKeyDictionary[BuildEnvironment, Plan] = WeakKeyDictionary()
_FINDINGS: WeakKeyDictionary[Plan, list[rules.Finding]] = WeakKeyDictionary()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while we build the plan and the reports.

    After reading, the heap holds millions of long-lived objects (doctrees, sphinx-needs'
    data); every full collection walks all of them (about a second at 10.000
    maatregelen), and the many small objects of the plan and the reports set off several.
    What we allocate stays alive until we are done, and reference counting still frees
    the rest, so pausing only saves time.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


#: While a Word document of one gemeente of a joint plan is written: its own plan.
_SHOWN: WeakKeyDictionary[BuildEnvironment, Plan] = WeakKeyDictionary()


@contextmanager
def showing(app: Sphinx, view: Plan) -> Iterator[None]:
    """Everything asking for the plan (and its settings) gets ``view`` for a while: one
    gemeente's own plan (:func:`..model.gemeenten.plan_voor`) while its documents are made."""
    _SHOWN[app.env] = view
    settings_shown(app, view.settings)
    try:
        yield
    finally:
        _SHOWN.pop(app.env, None)
        settings_shown(app, None)


def whole_plan(app: Sphinx) -> Plan:
    """The whole plan, also while one gemeente's view is shown."""
    shown = _SHOWN.pop(app.env, None)
    try:
        return get_plan(app)
    finally:
        if shown is not None:
            _SHOWN[app.env] = shown


def get_plan(app: Sphinx) -> Plan:
    """The complete plan of this build, progress included (built on first use)."""
    shown = _SHOWN.get(app.env)
    if shown is not None:
        return shown
    plan = _PLANS.get(app.env)
    if plan is None:
        from ..authoring import amendementen
        from ..model.plan import build_plan
        from ..records import metingen, vastgesteld, voortgang

        srcdir = Path(app.srcdir)
        plan = build_plan(
            # the texts of aangenomen amendementen too (needextend changes options only)
            amendementen.amended(app.env, get_needs_view(app).values()),
            settings_of(app),
            progress=lambda new: (
                voortgang.attach(new, srcdir)
                + metingen.attach(new, srcdir)
                + vastgesteld.attach(new, srcdir, new.settings.vastgesteld)
            ),
        )
        _PLANS[app.env] = plan
    return plan


#: A warning as the logger gets it: message, subtype, location.
Warning = tuple[str, str, str | tuple[str, int | None] | None]
#: The warnings of the build that saved the environment, beside the doctrees.
KEPT_WARNINGS = "kernbeleid-meldingen.json"


def problem_warning(problem: Problem, cause: gevolgen.LostBlock | None = None) -> Warning | None:
    """A located Dutch warning (naming the lost block that probably caused it); ``-W``
    turns it into an error."""
    if problem.code.endswith("-advies"):
        return None  # advice: in the check report only, never a failing warning
    from ..check import gevolgen
    from ..records import voortgang

    location = voortgang.location(problem)  # a progress file is not a document
    message = problem.message.rstrip() + gevolgen.note(cause) if cause else problem.message
    return message, problem.code, location


def get_findings(app: Sphinx, plan: Plan | None = None) -> list[rules.Finding]:
    """All findings of the plan, the model's problems included; the rules run once per plan.

    The check builder reports them all; document builds leave out those with source
    ``invoer`` (the problems are reported on their own), exactly what
    ``rules.check(plan, config)`` without problems gives.
    """
    from ..authoring import bouwmeldingen, invullen
    from ..check import gemeenten as samen
    from ..check import gevolgen, rules

    plan = plan if plan is not None else get_plan(app)
    findings = _FINDINGS.get(plan)
    if findings is None and plan.settings.gemeenten:  # a joint plan: per gemeente
        findings = samen.check(plan, plan.settings.regels, extra=build_findings(app, plan))
    elif findings is None:
        findings = rules.check(
            plan, plan.settings.regels, with_problems=True, extra=build_findings(app, plan)
        )
    if plan not in _FINDINGS:
        findings = invullen.apply(app.env, plan, findings, plan.settings.regels)
        findings = bouwmeldingen.with_consequences(app.env, plan, findings)
        findings = gevolgen.mark(findings, *_lost(app, plan))
        _FINDINGS[plan] = findings
    return findings


_LOST: WeakKeyDictionary[Plan, tuple[list[gevolgen.LostBlock], dict[str, list[str]]]] = (
    WeakKeyDictionary()
)


def _lost(app: Sphinx, plan: Plan) -> tuple[list[gevolgen.LostBlock], dict[str, list[str]]]:
    """The blocks the build lost, and each item's parents (ids), for knock-on findings
    (worked out once per plan: the warnings and the findings both ask)."""
    found = _LOST.get(plan)
    if found is None:
        from ..authoring import bouwmeldingen

        lost = bouwmeldingen.lost_blocks(app.env, plan)
        parents = (
            {i: [p.id for p in item.parents] for i, item in plan.items.items()} if lost else {}
        )
        found = _LOST[plan] = (lost, parents)

    return found


def build_findings(app: Sphinx, plan: Plan) -> list[rules.Finding]:
    """What the build lost and what conf.py got wrong, as findings (already logged)."""
    from ..authoring import amendementen, bedragen, raadsvoorstel
    from ..authoring.bouwmeldingen import all_problems
    from ..check import rules

    found = rules.build_findings(all_problems(app, plan), settings_of(app).problems)
    found += bedragen.check(app.env, plan)  # the arithmetic of hand-written figures
    found += amendementen.findings(app.env, plan)  # changes whose target does not exist
    return found + raadsvoorstel.findings(app.env)  # the raadsvoorstel's missing parts


def on_write_started(app: Sphinx, builder: Builder) -> None:
    _PLANS.pop(app.env, None)
    stamp = _environment_stamp(app)
    warnings = _kept_warnings(app, stamp)
    if warnings is None:
        from ..check import gevolgen

        with collector_paused():
            plan = get_plan(app)
            lost, parents = _lost(app, plan)
            warnings = [
                w
                for p in plan.problems
                if (
                    w := problem_warning(
                        p, gevolgen.cause_of(p.message, p.code, p.need_id, lost, parents)
                    )
                )
                is not None
            ]
            warnings += finding_warnings(app, plan)
        _keep_warnings(app, stamp, warnings)
    for message, subtype, location in warnings:
        logger.warning(message, type="kernbeleid", subtype=subtype, location=location)


def finding_warnings(app: Sphinx, plan: Plan) -> list[Warning]:
    """Rule findings as located warnings in every build, so ``-W`` fails on them.

    Waived findings stay silent here (the check report lists them). The check builder
    also writes its report and sets the exit code from the ``fout`` findings alone.
    """
    return [
        (
            f"[{finding.rule}] {finding.severity}: {finding.message}",
            "regel",
            (finding.docname, finding.lineno) if finding.docname else None,
        )
        for finding in get_findings(app, plan)
        if finding.source == "regel" and finding.waived is None and finding.severity != "advies"
    ]


def _environment_stamp(app: Sphinx) -> list[object] | None:
    """What identifies the saved environment: Sphinx writes it anew whenever it read."""
    try:
        stat = (Path(app.doctreedir) / ENV_PICKLE_FILENAME).stat()
    except OSError:
        return None
    return [__version__, stat.st_mtime_ns, stat.st_size]


def _kept_warnings(app: Sphinx, stamp: list[object] | None) -> list[Warning] | None:
    if stamp is None:
        return None
    try:
        kept = json.loads((Path(app.doctreedir) / KEPT_WARNINGS).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("stamp") != stamp:
        return None
    return [
        (message, subtype, tuple(location) if isinstance(location, list) else location)
        for message, subtype, location in kept["warnings"]
    ]


def _keep_warnings(app: Sphinx, stamp: list[object] | None, warnings: list[Warning]) -> None:
    """Kept before they are said: with ``-W`` the first one ends the build."""
    if stamp is None:
        return
    text = json.dumps({"stamp": stamp, "warnings": warnings}, ensure_ascii=False)

    def write(tmp: Path) -> None:
        tmp.write_text(text, "utf-8")

    try:
        atomic.write(Path(app.doctreedir) / KEPT_WARNINGS, write)
    except FileProblem:
        pass  # only a later rebuild is slower


def forget_plan(app: Sphinx, *_args: object) -> None:
    _PLANS.pop(app.env, None)
