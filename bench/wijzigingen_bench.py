"""Time the change report and the tracked-changes Word build beside the plain Word build.

Writes the benchmark plan (:mod:`generate`) at size N, adopts it (``kernbeleid
vaststellen``), changes it (every 20th streefwaarde and budget, every 5th doel's title,
one maatregel's text), then
times, each in a fresh ``python -m sphinx -E`` subprocess: ``-b kernbeleid-wijzigingen``,
``-b kernbeleid-check`` (with its section "Wijzigingen sinds de vaststelling"),
``-b kernbeleid-docx`` (our plain Word build; with an adoption it writes the change annex
too), the same with ``kernbeleid_docx_wijzigingen`` (the changes as Word revisions; issue 21
asks ≤ 2× the plain Word build) and ``-b html`` of the plain sphinx-needs variant.

Times are CPU seconds of the build process (user + system), the machine being shared; the
builds run ``--rondes`` times in alternating order and the minimum counts.

Usage::

    .venv/bin/python bench/wijzigingen_bench.py            # N = 1.000
    .venv/bin/python bench/wijzigingen_bench.py --n 200
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402


def timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    """CPU seconds (user + system) of the subprocess: the machine is shared, so wall time
    says more about the neighbours than about us."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, proc


def change(src: Path) -> int:
    """Every 20th streefwaarde and budget and every 5th doel's title changed; returns how
    many values changed."""
    count = 0
    for path in sorted(src.rglob("*.rst")):
        text = path.read_text("utf-8")
        seen = 0

        def bump(match: re.Match[str]) -> str:
            nonlocal seen, count
            seen += 1
            if seen % 20:
                return match.group(0)
            count += 1
            return f"{match.group(1)}{match.group(2)}1"

        text = re.sub(r"(:(?:streefwaarde|budget): [^\n]*?)(\d)(?=\D*\n)", bump, text)
        doelen = 0

        def reword(match: re.Match[str]) -> str:
            nonlocal doelen, count
            doelen += 1
            if doelen % 5:
                return match.group(0)
            count += 1
            return match.group(0) + "Herzien: "

        text = re.sub(r"^\.\. doel:: ", reword, text, flags=re.M)
        path.write_text(text, "utf-8")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument(
        "--rondes", type=int, default=2, help="rounds, alternating the order of the builds"
    )
    parser.add_argument("--zonder-needs", action="store_true", help="skip the sphinx-needs html")
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="kb-wijz-") as tmp:
        root = Path(tmp)
        plan = generate.generate(args.n, root, variants=("kernbeleid", "needs"))
        src = root / "kernbeleid"
        seconds, proc = timed(
            [py, "-m", "sphinxext_kernbeleid", "vaststellen", "--datum", "2026-12-17"]
            + ["--plan", str(src)]
        )
        print(f"vaststellen: {seconds:.1f} s CPU (exit {proc.returncode})")
        if proc.returncode:
            print(proc.stderr[-2000:])
            return
        changed = change(src)
        generate.edit_one_maatregel(plan, src, "benchmark")
        print(f"gewijzigde waarden: {changed} (+1 tekst)")
        # The baseline: the same builds compared with no adoption (a date without a folder),
        # so without the check's change section and without the Word change annex.
        geen = ("-D", "kernbeleid_vastgesteld=2000-01-01")
        rows = [
            ("kernbeleid-wijzigingen", src, "kernbeleid-wijzigingen", ()),
            ("check zonder vaststelling", src, "kernbeleid-check", geen),
            ("kernbeleid-check", src, "kernbeleid-check", ()),
            ("Word zonder vaststelling", src, "kernbeleid-docx", geen),
            ("kernbeleid-docx (Word)", src, "kernbeleid-docx", ()),
            (
                "Word met revisies",
                src,
                "kernbeleid-docx",
                ("-D", "kernbeleid_docx_wijzigingen=1"),
            ),
        ]
        if not args.zonder_needs:
            rows.append(("sphinx-needs html", root / "needs", "html", ()))
        times: dict[str, list[float]] = {label: [] for label, *_ in rows}
        for ronde in range(args.rondes):
            # alternate the order, so a neighbour's burst does not always hit the same build
            for label, folder, builder, extra in rows if ronde % 2 == 0 else rows[::-1]:
                out = root / "_build" / label.replace(" ", "-") / builder
                cpu, proc = timed(
                    [py, "-m", "sphinx", "-q", "-E", "-b", builder, *extra, str(folder), str(out)]
                )
                times[label].append(cpu)
                print(f"ronde {ronde + 1}: {label:28} {cpu:6.1f} s CPU (exit {proc.returncode})")
                if ronde:
                    continue
                for docx in sorted(out.glob("*.docx")):
                    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
                    marks = xml.count("<w:ins ") + xml.count("<w:del ")
                    print(f"  {docx.name}: {marks} revisies, {docx.stat().st_size // 1024} kB")
                report = out / "kernbeleid-wijzigingen.json"
                if report.is_file():
                    data = json.loads(report.read_text("utf-8"))
                    print(
                        f"  gewijzigd {len(data['gewijzigd'])}, te herbeoordelen "
                        f"{len(data['herbeoordelen'])}"
                    )
        best = {label: min(values) for label, values in times.items()}
        word = best["kernbeleid-docx (Word)"]
        print("\nCPU-seconden (minimum over de rondes; per ronde):")
        for label, values in times.items():
            each = ", ".join(f"{v:.1f}" for v in values)
            print(f"  {label:28} {best[label]:6.1f} s  ({each})  {best[label] / word:.2f}× Word")


if __name__ == "__main__":
    main()
