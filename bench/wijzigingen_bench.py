"""Time the change report and the tracked-changes Word build beside the plain Word build.

Writes the benchmark plan (:mod:`generate`) at size N, adopts it (``kernbeleid
vaststellen``), changes it (every 20th streefwaarde and budget, every 5th doel's title,
one maatregel's text), then
times, each in a fresh ``python -m sphinx -E`` subprocess: ``-b kernbeleid-wijzigingen``,
``-b kernbeleid-docx`` (our plain Word build), the same with ``kernbeleid_docx_wijzigingen``
(the changes as Word revisions; issue 21 asks ≤ 2× the plain Word build) and ``-b html`` of
the plain sphinx-needs variant.

Usage::

    .venv/bin/python bench/wijzigingen_bench.py            # N = 1.000
    .venv/bin/python bench/wijzigingen_bench.py --n 200
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402


def timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - start, proc


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
        print(f"vaststellen: {seconds:.1f} s (exit {proc.returncode})")
        if proc.returncode:
            print(proc.stderr[-2000:])
            return
        changed = change(src)
        generate.edit_one_maatregel(plan, src, "benchmark")
        print(f"gewijzigde waarden: {changed} (+1 tekst)")
        rows = [
            ("kernbeleid-wijzigingen", src, "kernbeleid-wijzigingen", ()),
            ("kernbeleid-docx (Word)", src, "kernbeleid-docx", ()),
            (
                "Word met revisies",
                src,
                "kernbeleid-docx",
                ("-D", "kernbeleid_docx_wijzigingen=1"),
            ),
            ("sphinx-needs html", root / "needs", "html", ()),
        ]
        times: dict[str, float] = {}
        for label, folder, builder, extra in rows:
            out = root / "_build" / label.split()[0] / builder
            seconds, proc = timed(
                [py, "-m", "sphinx", "-q", "-E", "-b", builder, *extra, str(folder), str(out)]
            )
            times[label] = seconds
            print(f"{label:28} {seconds:6.1f} s (exit {proc.returncode})")
            if extra:
                print(f"  {seconds / times['kernbeleid-docx (Word)']:.2f}× de gewone Word-bouw")
                for docx in sorted(out.glob("*.docx")):
                    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
                    marks = xml.count("<w:ins ") + xml.count("<w:del ")
                    print(f"  {docx.name}: {marks} revisies")
            report = out / "kernbeleid-wijzigingen.json"
            if report.is_file():
                data = json.loads(report.read_text("utf-8"))
                print(
                    f"  gewijzigd {len(data['gewijzigd'])}, te herbeoordelen "
                    f"{len(data['herbeoordelen'])}"
                )


if __name__ == "__main__":
    main()
