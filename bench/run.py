"""Time builds of a synthetic plan in three variants, side by side, and print a table.

For each size N the plan from :mod:`generate` is written as ``kernbeleid`` (our
extension), ``needs`` (plain sphinx-needs) and ``sphinx`` (plain Sphinx). Every build runs
in a fresh ``python -m sphinx`` subprocess; wall time and peak memory (``ru_maxrss`` of
that child, via ``os.wait4``) are measured per build.

Steps: full HTML build, rebuild without changes, rebuild after editing one maatregel
(all three variants), and the ``kernbeleid-check``, ``kernbeleid-docx`` and
``kernbeleid-xlsx`` builders (variant kernbeleid only; reported as "niet beschikbaar" when
Sphinx does not know them).
Next to the check, sphinx-needs' own ``needs`` builder (needs.json) runs on variant
``needs``: the same content read and resolved by plain sphinx-needs, written to one file.

"Na het lezen" (beyond reading): the generated conf.py records, when asked through
``KB_BENCH_PHASES``, the moment Sphinx emits ``env-updated`` (all documents read) and
``build-finished``; the difference is what a builder costs on top of reading the sources.
We chose this over "whole build minus a read-only build" because it comes from one
process: no second build's noise, and startup/reading are excluded exactly. That time is
split in three: Sphinx saving the environment (``env-updated`` to ``write-started``),
sphinx-needs resolving its needs (back links, dynamic functions, schema checks: its
``write-started`` handlers, priority 500) and the rest, the builder's own work.

Usage::

    .venv/bin/python bench/run.py                 # N = 1.000
    .venv/bin/python bench/run.py --groot         # N = 1.000 and 10.000
    .venv/bin/python bench/run.py --sizes 200,5000 --json results.json
    .venv/bin/python bench/run.py --sizes 10000 --alleen docx   # one builder only
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

NOT_REGISTERED = "not registered"


@dataclass
class Measurement:
    variant: str
    step: str
    seconds: float | None  # None: builder not available
    peak_mb: float | None = None
    cpu: float | None = None  # user + system seconds of the build process
    beyond_reading: float | None = None  # build-finished minus env-updated
    reading: float | None = None  # process start to env-updated
    exit_code: int | None = None
    warnings: int = 0
    note: str = ""
    saving_env: float | None = None  # env-updated to write-started: Sphinx pickles the env
    needs_post: float | None = None  # sphinx-needs' write-started work (resolving needs)
    own: float | None = None  # from there to build-finished: the builder itself
    beyond_reading_cpu: float | None = None  # cpu seconds of the build process in that time


def sphinx_build(
    builder: str, src: Path, out: Path, doctrees: Path, jobs: int
) -> tuple[float, float, float, int, str, dict[str, float]]:
    """One build in a fresh process: (seconds, peak MB, cpu s, exit code, stderr, phases)."""
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False) as phases_file:
        phases_path = phases_file.name
    env = {**os.environ, "KB_BENCH_PHASES": phases_path, "PYTHONHASHSEED": "0"}
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-d", str(doctrees)]
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    cmd += [str(src), str(out)]
    with tempfile.TemporaryFile("w+") as err:
        wall_start = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    phases: dict[str, float] = {}
    with open(phases_path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            phases.setdefault(record["phase"], record["t"] - wall_start)
            if "cpu" in record:
                phases.setdefault(f"{record['phase']}_cpu", record["cpu"])
    os.unlink(phases_path)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / 1024, cpu, proc.returncode, stderr, phases


def count_warnings(stderr: str) -> int:
    return sum(1 for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line)


def measure(
    variant: str, step: str, builder: str, src: Path, out: Path, doctrees: Path, jobs: int
) -> Measurement:
    seconds, peak, cpu, code, stderr, phases = sphinx_build(builder, src, out, doctrees, jobs)
    if code != 0 and NOT_REGISTERED in stderr:
        return Measurement(variant, step, None, note="niet beschikbaar")

    def span(start: str, end: str) -> float | None:
        return phases[end] - phases[start] if start in phases and end in phases else None

    beyond = span("read_done", "build_finished")
    m = Measurement(
        variant,
        step,
        seconds,
        peak,
        cpu,
        beyond,
        phases.get("read_done"),
        code,
        count_warnings(stderr),
        saving_env=span("read_done", "write_started"),
        needs_post=span("write_started", "needs_done"),
        own=span("needs_done", "build_finished"),
        beyond_reading_cpu=span("read_done_cpu", "build_finished_cpu"),
    )
    if code != 0:
        first = next((ln for ln in stderr.splitlines() if ln.strip()), "")
        m.note = f"exitcode {code}: {first[:100]}"
    elif m.warnings:
        m.note = f"{m.warnings} waarschuwingen"
    return m


def best(runs: list[Measurement]) -> Measurement:
    """The fastest of repeated builds: the least disturbed by other work on the machine."""
    timed = [m for m in runs if m.seconds is not None]
    return min(timed, key=lambda m: m.seconds) if timed else runs[0]


def run_size(
    n: int, root: Path, per_file: int, jobs: int, repeat: int, only: str | None = None
) -> list[Measurement]:
    base = root / f"n{n}"
    plan = generate.generate(n, base, per_file)
    results: list[Measurement] = []

    def report(m: Measurement) -> None:
        results.append(m)
        cpu = f"(cpu {m.cpu:.2f} s)" if m.cpu is not None else ""
        print(f"  {m.step:<22} {m.variant:<11} {fmt_s(m.seconds)} {cpu} {m.note}", flush=True)

    def build_folder(variant: str) -> Path:
        """One build folder per variant, as a plan has (``make schoon`` removes it): the
        builders share what is kept there, such as the chart cache."""
        return base / "uit" / variant / "_build"

    def html(step: str) -> None:
        for variant in generate.VARIANTS:
            src = base / variant
            build = build_folder(variant)
            runs = []
            for _ in range(repeat):
                if step == "html":
                    shutil.rmtree(build, ignore_errors=True)
                elif step == "html_een_wijziging":
                    time.sleep(1.1)  # a new mtime, also with one-second resolution
                    generate.edit_one_maatregel(plan, src, f"benchmark {time.time():.0f}")
                runs.append(
                    measure(variant, step, "html", src, build / "html", build / "doctrees", jobs)
                )
            report(best(runs))

    if only is None:
        html("html")
        html("html_geen_wijziging")
        html("html_een_wijziging")
    for variant, step, builder in (
        ("kernbeleid", "check", "kernbeleid-check"),
        ("needs", "check", "needs"),  # plain sphinx-needs: read, resolve, write needs.json
        ("kernbeleid", "docx", "kernbeleid-docx"),
        ("kernbeleid", "xlsx", "kernbeleid-xlsx"),
    ):
        if only is not None and step != only:
            continue
        # Beside the site, as `make website` then `make word` would: a fresh output and
        # environment, the chart cache of the HTML build kept.
        out, doctrees = (
            build_folder(variant) / builder,
            build_folder(variant) / f"{builder}-doctrees",
        )
        src = base / variant
        runs = []
        for _ in range(repeat):
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(doctrees, ignore_errors=True)
            m = measure(variant, step, builder, src, out, doctrees, jobs)
            runs.append(m)
            if m.seconds is None:
                break
        report(best(runs))
    return results


# --------------------------------------------------------------------------- the table

STEP_LABELS = {
    "html": "HTML, volledige build",
    "html_geen_wijziging": "HTML, opnieuw zonder wijziging",
    "html_een_wijziging": "HTML, na wijziging van 1 maatregel",
    "check": "kernbeleid-check (needs: -b needs)",
    "docx": "kernbeleid-docx",
    "xlsx": "kernbeleid-xlsx",
}


def fmt_s(value: float | None) -> str:
    return f"{value:7.2f} s" if value is not None else "      – "


def fmt_ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:6.2f}×" if a is not None and b else "     – "


def fmt_mb(value: float | None) -> str:
    return f"{value:5.0f}" if value is not None else "    –"


def table(n: int, results: list[Measurement]) -> str:
    by = {(m.variant, m.step): m for m in results}
    lines = [
        f"N = {n:,} maatregelen".replace(",", "."),
        f"{'stap':<36}{'kernbeleid':>11}{'sphinx-needs':>13}{'Sphinx':>11}"
        f"{'÷needs':>9}{'÷Sphinx':>9}   {'piekgeheugen MB (kb/needs/sphinx)':<34} opmerking",
    ]
    for step, label in STEP_LABELS.items():
        kb, nd, sx = (by.get((v, step)) for v in generate.VARIANTS)
        get = lambda m: m.seconds if m else None  # noqa: E731
        mem = "/".join(fmt_mb(m.peak_mb if m else None).strip() for m in (kb, nd, sx))
        note = kb.note if kb else ""
        lines.append(
            f"{label:<36}{fmt_s(get(kb)):>11}{fmt_s(get(nd)):>13}{fmt_s(get(sx)):>11}"
            f"{fmt_ratio(get(kb), get(nd)):>9}{fmt_ratio(get(kb), get(sx)):>9}   {mem:<34} {note}"
        )
        if step in ("check", "docx", "xlsx") and kb and kb.seconds is not None:
            nd_beyond = nd.beyond_reading if nd else None
            cpu = f", cpu {kb.beyond_reading_cpu:.2f} s" if kb.beyond_reading_cpu else ""
            lines.append(
                f"{'  waarvan na het lezen':<36}{fmt_s(kb.beyond_reading):>11}"
                f"{fmt_s(nd_beyond) if nd else '':>13}{'':>11}"
                f"{fmt_ratio(kb.beyond_reading, nd_beyond) if nd else '':>9}{'':>9}"
                f"   (lezen: {kb.reading or 0:.2f} s{cpu})"
            )
            for m in (kb, nd):
                if m and m.beyond_reading is not None:
                    lines.append(f"    {m.variant}: {split_text(m)}")
    for variant in generate.VARIANTS:
        m = by.get((variant, "html"))
        if m and m.reading is not None and m.beyond_reading is not None:
            lines.append(
                f"  {variant}: HTML lezen {m.reading:.2f} s, schrijven {m.beyond_reading:.2f} s,"
                f" cpu {m.cpu or 0:.2f} s"
            )
    return "\n".join(lines)


def split_text(m: Measurement) -> str:
    """Where the time after reading goes: Sphinx, sphinx-needs, the builder itself."""
    parts = (
        ("omgeving opslaan (Sphinx)", m.saving_env),
        ("needs afmaken (sphinx-needs)", m.needs_post),
        ("builder zelf", m.own),
    )
    return ", ".join(f"{label} {value:.2f} s" for label, value in parts if value is not None)


def beyond_target(n: int, label: str, m: Measurement, limit: float) -> str:
    head = f"N={n}: {label} ≤ {limit:g} s na het lezen"
    if m.beyond_reading is None:
        return f"{head}: niet gemeten ({m.note})"
    mark = "gehaald" if m.beyond_reading <= limit else "NIET gehaald"
    cpu = f", cpu {m.beyond_reading_cpu:.2f} s" if m.beyond_reading_cpu else ""
    return f"{head}: {m.beyond_reading:.2f} s{cpu} ({mark}; {split_text(m)})"


def targets(all_results: dict[int, list[Measurement]]) -> list[str]:
    """The issue's targets, each with the figure reached."""
    out = []

    def get(n: int, variant: str, step: str) -> Measurement | None:
        return next(
            (m for m in all_results.get(n, []) if m.variant == variant and m.step == step), None
        )

    for n in sorted(all_results):
        kb, nd, sx = (get(n, v, "html") for v in generate.VARIANTS)
        if kb and nd and kb.seconds and nd.seconds:
            ratio = kb.seconds / nd.seconds
            mark = "gehaald" if ratio <= 0.75 else "NIET gehaald"
            cpu = f", cpu {kb.cpu / nd.cpu:.2f}×" if kb.cpu and nd.cpu else ""
            out.append(f"N={n}: HTML ≤ 0,75× sphinx-needs: {ratio:.2f}×{cpu} ({mark})")
        same_kb, same_nd = (get(n, v, "html_geen_wijziging") for v in generate.VARIANTS[:2])
        if same_kb and same_nd and same_kb.seconds and same_nd.seconds:
            ratio = same_kb.seconds / same_nd.seconds
            mark = "gehaald" if ratio <= 1.0 else "NIET gehaald"
            out.append(
                f"N={n}: opnieuw zonder wijziging ≤ 1,0× sphinx-needs: {ratio:.2f}× ({mark})"
            )
        if kb and sx and kb.seconds and sx.seconds:
            ratio = kb.seconds / sx.seconds
            mark = "gehaald" if ratio <= 2.0 else "NIET gehaald"
            out.append(f"N={n}: HTML ≤ 2× Sphinx zonder sphinx-needs: {ratio:.2f}× ({mark})")
        same, edit = (
            get(n, "kernbeleid", "html_geen_wijziging"),
            get(n, "kernbeleid", "html_een_wijziging"),
        )
        if same and edit and same.seconds and edit.seconds:
            ratio = edit.seconds / same.seconds
            mark = "gehaald" if ratio <= 2.0 else "NIET gehaald"
            out.append(f"N={n}: na 1 wijziging ≤ 2× zonder wijziging: {ratio:.2f}× ({mark})")
        check, docx = get(n, "kernbeleid", "check"), get(n, "kernbeleid", "docx")
        if n >= 10_000 and check:
            out.append(beyond_target(n, "check", check, 2.0))
            plain = get(n, "needs", "check")
            if plain and plain.beyond_reading is not None:
                out.append(
                    f"N={n}: ter vergelijking sphinx-needs zonder ons (-b needs) na het lezen: "
                    f"{plain.beyond_reading:.2f} s ({split_text(plain)})"
                )
        if docx and n in DOCX_TARGETS:
            out.append(beyond_target(n, "DOCX", docx, DOCX_TARGETS[n]))
            if n >= 10_000 and docx.peak_mb is not None:
                mark = "gehaald" if docx.peak_mb <= 1024 else "NIET gehaald"
                out.append(f"N={n}: DOCX piekgeheugen ≤ 1 GB: {docx.peak_mb:.0f} MB ({mark})")
    return out


#: Seconds after reading the Word build may take (the issue's goals), per size.
DOCX_TARGETS = {1_000: 3.5, 10_000: 20.0}


def compile_package() -> None:
    """Write our package's bytecode, as ``pip install`` does for an installed package.

    Sphinx and sphinx-needs come from site-packages with their bytecode; our package is an
    editable install, and where ``PYTHONDONTWRITEBYTECODE`` is set (as on our CI machines)
    every build would compile its sources again: a cost no user pays (about 0.1 s of a
    rebuild without change at N = 1.000)."""
    import compileall

    import sphinxext_kernbeleid

    compileall.compile_dir(Path(sphinxext_kernbeleid.__file__).parent, quiet=1)


def machine_speed(rounds: int = 3) -> float:
    """Seconds a fixed piece of pure Python takes here (the fastest of ``rounds``).

    The same code's Word build at N = 10.000 took 24.0 s after reading on one day and
    26.9 and 33.1 s in two runs one after the other on another (issue 25): the machines we
    measure on are shared, and their speed changes. Printed at the start and at the end, it
    says how fast the machine was: compare two runs' seconds only with their machine speed
    beside them. The work is what a build does most: objects made and looked up, strings
    joined and split."""

    def work() -> int:
        found = 0
        for block in range(40):
            items = {f"MR_{block:02d}_{i:05d}": [i, str(i), (i, block)] for i in range(10_000)}
            text = ";".join(key for key in items if key.endswith("7"))
            found += len(text.split(";")) + sum(v[0] for v in items.values() if v[0] % 3 == 0)
        return found

    best_time = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        work()
        best_time = min(best_time, time.process_time() - start)
    return best_time


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark: kernbeleid vs sphinx-needs vs Sphinx")
    parser.add_argument("--sizes", default="1000", help="aantallen maatregelen, bijv. 1000,10000")
    parser.add_argument("--groot", action="store_true", help="ook N = 10.000")
    parser.add_argument("--per-bestand", type=int, default=50, help="maatregelen per bestand")
    parser.add_argument(
        "--herhaal", type=int, default=1, help="bouw elke stap zo vaak; de snelste telt"
    )
    parser.add_argument("-j", "--jobs", type=int, default=1, help="sphinx-build -j")
    parser.add_argument("--werkmap", type=Path, help="waar de plannen komen (standaard: tmp)")
    parser.add_argument("--json", type=Path, help="schrijf de metingen ook als JSON")
    parser.add_argument(
        "--alleen",
        choices=("check", "docx", "xlsx"),
        help="alleen deze builder (zonder de HTML-builds ervoor: grafieken worden getekend)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.groot and 10_000 not in sizes:
        sizes.append(10_000)
    root = args.werkmap or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    compile_package()
    speed = machine_speed()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cpu's, -j {args.jobs}, "
        f"herhaal {args.herhaal}; rekenmaat van deze machine {speed:.2f} s "
        f"(vaste Python-taak; kleiner is sneller); werkmap {root}",
        flush=True,
    )
    all_results: dict[int, list[Measurement]] = {}
    for n in sizes:
        print(f"N = {n}:", flush=True)
        all_results[n] = run_size(n, root, args.per_bestand, args.jobs, args.herhaal, args.alleen)
    speed_after = machine_speed()
    print()
    for n, results in all_results.items():
        print(table(n, results))
        print()
    print(
        f"Rekenmaat van deze machine: {speed:.2f} s bij het begin, {speed_after:.2f} s aan "
        "het einde (dezelfde vaste Python-taak; verschillen ze veel, dan werd de machine "
        "tussendoor trager of sneller: meet opnieuw, met --herhaal 3)."
    )
    print("Doelen:")
    for line in targets(all_results):
        print(f"  {line}")
    if args.json:
        measured = {str(n): [asdict(m) for m in r] for n, r in all_results.items()}
        args.json.write_text(
            json.dumps(
                {"rekenmaat_s": {"begin": round(speed, 3), "einde": round(speed_after, 3)}}
                | measured,
                indent=2,
            ),
            "utf-8",
        )
    if not args.werkmap:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
