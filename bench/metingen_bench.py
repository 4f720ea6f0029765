"""Time the measurement import and the charts (the targets for measurements and charts).

1. ``kernbeleid metingen importeer`` on a generated police export of 100.000 rows
   (the CBS/Politie open-data shape: padded codes, years and months, many gemeenten):
   target ≤ 5 s.
2. Charts on a rebuild of the example without changes (target: ≤ 1 s added). By design
   no chart is drawn then (unchanged pages are not written again and charts are cached
   on their data); the script measures the rebuild and the time spent in chart code.
3. What charts add to a full HTML build of the bench plan (target ≤ 10 % at N = 1.000):
   the same plan built in this process with charts switched off and on, each into a fresh
   output and doctree folder (so the chart cache is cold).

Usage::

    .venv/bin/python bench/metingen_bench.py                   # all three, N = 1.000
    .venv/bin/python bench/metingen_bench.py --rijen 100000 --n 200
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

CODES = ["0.0.0 ", "1.1.1 ", "1.2.1 ", "1.4 ", "1.4.5 ", "2.2.1 ", "3.5.2 ", "3.6.4 "]


def police_export(path: Path, rows: int) -> None:
    """A CBS/Politie-shaped export with ``rows`` rows; gemeente GM9999 is ours."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("TypedDataSet")
    sheet.append(["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden",
                  "GeregistreerdeMisdrijven_1"])  # fmt: skip
    periods = [f"{y}JJ00" for y in range(2015, 2026)] + [f"2026MM{m:02d}" for m in range(1, 4)]
    number = 0
    gemeente = 9000
    while number < rows:
        for code in CODES:
            for period in periods:
                if number >= rows:
                    break
                sheet.append([number, code, f"GM{gemeente:04d}    ", period, 100 + number % 97])
                number += 1
        gemeente = 9999 if gemeente == 9000 else (gemeente + 1 if gemeente < 9998 else 9001)
    workbook.save(path)


def time_import(rows: int, work: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one import of a ``rows``-row police export."""
    from sphinxext_kernbeleid.imports.metingen import importeer

    plan = work / "plan"
    (plan / "data").mkdir(parents=True)
    (plan / "conf.py").write_text('extensions = ["sphinxext_kernbeleid"]\n', "utf-8")
    ids = [f"EI_{n}" for n in range(len(CODES))]
    (plan / "index.rst").write_text(
        "Plan\n====\n\n" + "".join(f".. effectindicator:: X\n   :id: {i}\n\n" for i in ids),
        "utf-8",
    )
    police_export(plan / "data" / "politie.xlsx", rows)
    mapping = (
        "bestanden:\n  politie:\n    bestand: ../data/politie.xlsx\n    periode: Perioden\n"
        "    waarde: GeregistreerdeMisdrijven_1\n    filter: {WijkenEnBuurten: GM9999}\n"
        "indicatoren:\n"
        + "".join(
            f'  {i}:\n    bestand: politie\n    filter: {{SoortMisdrijf: "{c.strip()}"}}\n'
            for i, c in zip(ids, CODES, strict=True)
        )
    )
    (plan / "metingen").mkdir()
    (plan / "metingen" / "koppeling.yaml").write_text(mapping, "utf-8")
    said: list[str] = []
    start, cpu = time.perf_counter(), time.process_time()
    code = importeer(plan, say=said.append)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert code == 0, said
    return seconds, cpu


class ChartTimer:
    """Adds up the time spent in :func:`render.metingen.chart_node` during a build."""

    def __init__(self) -> None:
        from sphinxext_kernbeleid.render import metingen as render_metingen

        self.module = render_metingen
        self.original = render_metingen.chart_node
        self.seconds = 0.0
        self.calls = 0

    def __enter__(self) -> ChartTimer:
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
                self.calls += 1

        self.module.chart_node = timed
        return self

    def __exit__(self, *exc: object) -> None:
        self.module.chart_node = self.original


CPU: list[tuple[float, float]] = []  # (this process, worker processes) per build


def build(src: Path, out: Path, *extra: str) -> float:
    """Wall seconds of one build; its CPU seconds (ours, the chart worker's) go to CPU."""
    import resource

    from sphinx.cmd.build import build_main

    def cpu(who: int) -> float:
        usage = resource.getrusage(who)
        return usage.ru_utime + usage.ru_stime

    own, children = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        status = build_main(["-b", "html", "-q", *extra, str(src), str(out)])
    assert status == 0
    wall = time.perf_counter() - start
    CPU.append((cpu(resource.RUSAGE_SELF) - own, cpu(resource.RUSAGE_CHILDREN) - children))
    return wall


def example_rebuild(work: Path) -> tuple[float, float, float]:
    """(full build, rebuild without change, chart time in that rebuild) of the example."""
    src = work / "example"
    shutil.copytree(ROOT / "example_project", src, ignore=shutil.ignore_patterns("_build"))
    full = build(src, work / "example_out")
    with ChartTimer() as timer:
        again = build(src, work / "example_out")
    return full, again, timer.seconds


class NoCharts:
    """Builds the same plan without charts, to see what the charts add."""

    def __enter__(self) -> NoCharts:
        from sphinxext_kernbeleid.render import chart_prefetch
        from sphinxext_kernbeleid.render import metingen as render_metingen

        self.saved = (render_metingen.chart_node, chart_prefetch.on_write_started)
        render_metingen.chart_node = lambda *args, **kwargs: None
        chart_prefetch.on_write_started = lambda *args, **kwargs: None
        return self

    def __exit__(self, *exc: object) -> None:
        from sphinxext_kernbeleid.render import chart_prefetch
        from sphinxext_kernbeleid.render import metingen as render_metingen

        render_metingen.chart_node, chart_prefetch.on_write_started = self.saved


def bench_plan_share(n: int, work: Path, repeat: int) -> dict[str, float]:
    """Best wall and CPU seconds of full builds without and with charts (cold cache)."""
    import generate

    generate.generate(n, work / "bench", variants=("kernbeleid",))
    src = work / "bench" / "kernbeleid"
    runs: dict[str, list[tuple[float, float, float]]] = {"zonder": [], "met": []}
    drawn = 0
    for attempt in range(repeat):
        for kind in ("zonder", "met"):
            out = work / f"{kind}{attempt}"
            if kind == "zonder":
                with NoCharts():
                    wall = build(src, out)
            else:
                wall = build(src, out)
                drawn = len(list((out / ".doctrees" / "kernbeleid-grafieken").glob("*.png")))
            runs[kind].append((wall, *CPU[-1]))
    best = {kind: min(values) for kind, values in runs.items()}
    return {
        "zonder": best["zonder"][0],
        "met": best["met"][0],
        "cpu_zonder": best["zonder"][1],
        "cpu_met": best["met"][1],
        "cpu_tekenaar": best["met"][2],
        "grafieken": drawn,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, default=100_000)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--herhaal", type=int, default=1, help="de snelste van zoveel builds telt")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        runs = [time_import(args.rijen, work / f"import{n}") for n in range(args.herhaal)]
        seconds, cpu = min(runs)
        print(
            f"Import van {args.rijen:,} rijen politie-export: {seconds:.2f} s ({cpu:.2f} s cpu) "
            "(doel ≤ 5 s)"
        )
        full, again, charts = example_rebuild(work)
        print(
            f"Voorbeeld: volledige build {full:.2f} s; opnieuw zonder wijziging {again:.2f} s, "
            f"waarvan grafieken {charts:.3f} s (doel ≤ 1 s)"
        )
        r = bench_plan_share(args.n, work, args.herhaal)
        extra = r["met"] - r["zonder"]
        print(
            f"Bench-plan N={args.n}: volledige build zonder grafieken {r['zonder']:.2f} s, met "
            f"{r['grafieken']:.0f} grafieken {r['met']:.2f} s: {extra:+.2f} s = "
            f"{100 * extra / r['zonder']:+.1f} % (doel ≤ 10 %)"
        )
        print(
            f"  cpu van de build zelf: {r['cpu_zonder']:.2f} s zonder, {r['cpu_met']:.2f} s met "
            f"grafieken ({100 * (r['cpu_met'] / r['cpu_zonder'] - 1):+.1f} %); "
            f"tekenproces daarnaast {r['cpu_tekenaar']:.2f} s cpu"
        )


if __name__ == "__main__":
    main()
