"""``sphinx-build -b kernbeleid-check SRC OUT``: the pre-decision check as one command.

Writes ``kernbeleid-rapport.json``, ``.html`` and ``.xlsx`` to OUT and makes the
process exit 1 when any ``fout`` remains, with or without ``-W`` (Sphinx returns
``app.statuscode``). Rule findings are also printed as located warnings, like in an html
build. At the end the screen shows every finding of the report, grouped per rule with a
count (a large group compactly: the text all its findings share once, then one short line
per finding), the files written, and the verdict as the last line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.console import bold, darkgreen, red

from .plan_output import PlanOutputBuilder

logger = logging.getLogger(__name__)

REPORT_NAME = "kernbeleid-rapport"
#: A group of at least this many findings is printed compactly.
COMPACT_FROM = 4
_CLAUSE_END = re.compile(r"(?<=[.!?:;])\s+")


def _where(finding: Mapping[str, Any]) -> str:
    where = str(finding.get("file") or "")
    if where and finding.get("line"):
        where += f":{finding['line']}"
    need = finding.get("need")
    return f"{where} {need}".strip() if need else where


def _severity_count(findings: Sequence[Mapping[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for finding in findings:
        kind = "afwijking" if finding.get("waived") else str(finding.get("severity"))
        counts[kind] = counts.get(kind, 0) + 1
    many = {"fout": "fouten", "waarschuwing": "waarschuwingen", "afwijking": "afwijkingen"}
    return ", ".join(
        f"{n} {kind if n == 1 else many.get(kind, kind)}" for kind, n in counts.items()
    )


def _shared_tail(messages: Sequence[str]) -> str:
    """The clauses at the end that every message has (``vervang '[IN TE VULLEN]' …``),
    as long as each message keeps a part of its own."""
    split = [_CLAUSE_END.split(message.strip()) for message in messages]
    shared = 0
    while all(len(parts) > shared + 1 for parts in split) and (
        len({parts[-1 - shared] for parts in split}) == 1
    ):
        shared += 1
    return " ".join(split[0][len(split[0]) - shared :]) if shared else ""


def screen_lines(report: Mapping[str, Any]) -> list[str]:
    """Every finding of the report, grouped per rule (in the report's rule order) with a
    count; a group of :data:`COMPACT_FROM` or more says once what its findings share."""
    findings: list[Mapping[str, Any]] = list(report.get("findings", []))
    if not findings:
        return ["Geen bevindingen."]
    order = [row["rule"] for row in report.get("rules", [])]
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for finding in findings:
        groups.setdefault(str(finding["rule"]), []).append(finding)
    ranked = sorted(groups, key=lambda r: order.index(r) if r in order else len(order))
    lines = [f"Bevindingen van de toets ({len(findings)}), per regel:"]
    for rule in ranked:
        group = groups[rule]
        title = group[0].get("rule_title") or ""
        lines.append("")
        lines.append(f"{rule} {title}: {_severity_count(group)}".replace("  ", " "))
        compact = len(group) >= COMPACT_FROM
        tail = _shared_tail([str(f["message"]) for f in group]) if compact else ""
        if tail:
            lines.append(f"  Bij elk van deze {len(group)}: {tail}")
        for finding in group:
            message = str(finding["message"]).strip()
            if tail:
                message = message[: len(message) - len(tail)].rstrip().rstrip(":")
            mark = " (afwijking)" if finding.get("waived") else ""
            if finding.get("severity") == "waarschuwing" and not finding.get("waived"):
                mark = " (waarschuwing)"
            where = _where(finding)
            lines.append(f"  {where}: {message}{mark}" if where else f"  {message}{mark}")
    return lines


class KernbeleidCheckBuilder(PlanOutputBuilder):
    """Reads the plan, runs the rules, writes the report; no per-document output."""

    name = "kernbeleid-check"
    format = "kernbeleid-check"
    where = "Het toetsrapport staat in %(outdir)s/" + REPORT_NAME + ".html (ook .json en .xlsx)."
    epilog = ""  # the check says where its report is itself, before the verdict

    def _file_of(self, docname: str) -> str:
        from ..authoring.bronbestanden import source_file

        return source_file(self.env, docname)

    def finish(self) -> None:
        from ..build.plan_cache import collector_paused

        with collector_paused():
            self._write_report()

    def _write_report(self) -> None:
        # Imported here, not at the top: every build registers this builder (setup), and
        # an html build need not pay for the plan, the rules or openpyxl
        # (tests/test_import_cost.py).
        from ..build import stempel, uitvoermap
        from ..build.huisstijl import huisstijl
        from ..build.plan_cache import get_findings, get_plan
        from ..check.rapport import build_report
        from ..check.wijzigingen import report_of
        from ..files import atomic
        from ..files.errors import FileProblem
        from ..writers.rapport_html import render_html
        from ..writers.rapport_xlsx import xlsx_writer

        app = self._sphinx
        plan = get_plan(app)
        findings = get_findings(app, plan)  # the same run that gave the build's warnings
        changes = report_of(plan, self._file_of)
        report = build_report(plan, findings, file_of=self._file_of, wijzigingen=changes)
        report["bronhash"] = stempel.stamp(app).bronhash  # the sources it was made from
        outdir = Path(self.outdir)
        outputs: list[tuple[Path, Callable[[Path], None]]] = [
            (
                outdir / f"{REPORT_NAME}.json",
                atomic.text_writer(json.dumps(report, ensure_ascii=False, indent=2) + "\n"),
            ),
            (
                outdir / f"{REPORT_NAME}.html",
                atomic.text_writer(render_html(report, huisstijl(app))),
            ),
            (outdir / f"{REPORT_NAME}.xlsx", xlsx_writer(report)),
        ]
        if changes["vastgesteld"] is not None:  # the full report the section links to
            from .wijzigingen import write_report

            write_report(app, outdir, changes)
        for target, writer in outputs:
            # One file that cannot be replaced (open in Excel, read-only) is told; the
            # others are still written, and each keeps its old version until replaced.
            try:
                atomic.write(target, writer)
            except FileProblem as problem:
                uitvoermap.record_failure(app, problem)
            else:
                uitvoermap.record_written(app, target)
        for line in ["", *screen_lines(report), ""]:
            uitvoermap.say(app, line)
        uitvoermap.report_written(app)
        uitvoermap.say(app, self.where % {"outdir": self.outdir})
        for row in report.get("gemeenten", []):  # a joint plan: each gemeente's own verdict
            uitvoermap.say(app, (darkgreen if row["raadsrijp"] else red)(row["verdict"]))
        fouten = report["summary"]["fouten"]
        if fouten:
            app.statuscode = 1
            uitvoermap.say(app, bold(red(report["verdict"])))
        else:
            uitvoermap.say(app, bold(darkgreen(report["verdict"])))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the builder and its config values."""
    # Rules run in the write phase: changing thresholds needs no re-reading.
    app.add_config_value("kernbeleid_regels", {}, "", dict)
    app.add_builder(KernbeleidCheckBuilder)
    return {}
