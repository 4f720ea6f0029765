"""The plan of the current build: built once, after reading, shared by every output.

Built in ``write-started`` (main process, before any parallel writer forks) so the
model's problems are reported once per build, then read by renderers and builders.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx_needs.api import get_needs_view

from ..authoring import invullen
from ..records import metingen, vastgesteld, voortgang
from ..check import rules
from ..model.plan import Plan, Problem, build_plan
from ..model.settings import Settings
from .settings import settings_of

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


def get_settings(app: Sphinx) -> Settings:
    """The ``kernbeleid_*`` settings of this build, as one object (read once per plan)."""
    plan = _PLANS.get(app.env)
    return plan.settings if plan is not None else settings_of(app)


def get_plan(app: Sphinx) -> Plan:
    """The complete plan of this build, progress included (built on first use)."""
    plan = _PLANS.get(app.env)
    if plan is None:
        srcdir = Path(app.srcdir)
        plan = build_plan(
            get_needs_view(app).values(),
            settings_of(app),
            progress=lambda new: (
                voortgang.attach(new, srcdir)
                + metingen.attach(new, srcdir)
                + vastgesteld.attach(new, srcdir, app.config.kernbeleid_vastgesteld)
            ),
        )
        _PLANS[app.env] = plan
    return plan


def report_problem(problem: Problem) -> None:
    """A located Dutch warning; ``-W`` turns it into an error."""
    if problem.code.endswith("-advies"):
        return  # advice: in the check report only, never a failing warning
    location = voortgang.location(problem)  # a progress file is not a document (i11)
    logger.warning(problem.message, type="kernbeleid", subtype=problem.code, location=location)


def get_findings(app: Sphinx, plan: Plan | None = None) -> list[rules.Finding]:
    """All findings of the plan, the model's problems included; the rules run once per plan.

    The check builder reports them all; document builds leave out those with source
    ``invoer`` (the problems are reported on their own), exactly what
    ``rules.check(plan, config)`` without problems gives.
    """
    plan = plan if plan is not None else get_plan(app)
    findings = _FINDINGS.get(plan)
    if findings is None:
        findings = rules.check(
            plan, plan.settings.regels, with_problems=True, extra=build_findings(app, plan)
        )
        findings = invullen.apply(app.env, plan, findings, app.config)
        _FINDINGS[plan] = findings
    return findings


def build_findings(app: Sphinx, plan: Plan) -> list[rules.Finding]:
    """What the build lost and what conf.py got wrong, as findings (already logged)."""
    from ..authoring.bouwmeldingen import all_problems

    return rules.build_findings(all_problems(app, plan), settings_of(app).problems)


def on_write_started(app: Sphinx, builder: Builder) -> None:
    _PLANS.pop(app.env, None)
    with collector_paused():
        plan = get_plan(app)
        for problem in plan.problems:
            report_problem(problem)
        report_findings(app, plan)


def report_findings(app: Sphinx, plan: Plan) -> None:
    """Rule findings as located warnings in every build, so ``-W`` fails on them.

    Waived findings stay silent here (the check report lists them). The check builder
    also writes its report and sets the exit code from the ``fout`` findings alone.
    """
    for finding in get_findings(app, plan):
        if finding.source != "regel" or finding.waived is not None or finding.severity == "advies":
            continue
        location = (finding.docname, finding.lineno) if finding.docname else None
        logger.warning(
            f"[{finding.rule}] {finding.severity}: {finding.message}",
            type="kernbeleid",
            subtype="regel",
            location=location,
        )


def forget_plan(app: Sphinx, *_args: object) -> None:
    _PLANS.pop(app.env, None)
