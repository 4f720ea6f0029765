"""Time the veiligheidsanalyse (Word) and the prioriteringssessie (PowerPoint) for all 22 themes.

Target (issue): each ≤ 5 s after reading. A plan with an analysis of every theme and
aspect (every theme a candidate, so the presentation has a slide per theme) and police
figures for ten years of every code is built in this process; the time from the end of
reading (``env-updated``) to ``build-finished`` is the writing. Charts are drawn cold
(fresh doctree folder), the worst case.

Usage::

    .venv/bin/python bench/analyse_bench.py
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden", "GeregistreerdeMisdrijven_1"]
CONF = """\
extensions = ["sphinxext_kernbeleid"]
language = "nl"
kernbeleid_gemeente = "Benchstad"
kernbeleid_periode = (2026, 2029)
kernbeleid_docx_documents = [("kernbeleid:veiligheidsanalyse", "Veiligheidsanalyse.docx")]
"""


def plan(root: Path) -> Path:
    from sphinxext_kernbeleid.imports.politie import importeer
    from sphinxext_kernbeleid.model import catalogue, politiecodes

    src = root / "src"
    (src / "metingen").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, "utf-8")
    (src / "metingen" / "koppeling.yaml").write_text("inwoners:\n  2024: 90000\n", "utf-8")
    items = []
    cat = catalogue.load()
    for theme in [*cat.themes, *cat.aspects]:
        code = theme.code.replace(".", "_")
        items.append(
            f".. analyse:: {theme.naam}\n   :id: AN_{code}\n   :kv: {theme.code}\n\n"
            f"   **Problematiek.** {'Een probleem dat groeit. ' * 12}\n\n"
            f"   **Huidige aanpak.** {'Wat gemeente en partners doen. ' * 10}\n\n"
            f"   **Extra?** Ja, {'meer gerichte inzet. ' * 8}\n"
        )
    text = "Analyse\n=======\n\n" + "\n".join(items) + "\n.. kernbeleid-veiligheidsanalyse::\n"
    (src / "index.rst").write_text(text, "utf-8")
    export = root / "misdrijven.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        n = 0
        for code in politiecodes.load().codes:
            for year in range(2016, 2026):
                writer.writerow([n, f"{code} ", "GM0001    ", f"{year}JJ00", 50 + n % 37])
                n += 1
    assert importeer(export, "GM0001", src, say=lambda _t: None) == 0
    return src


def time_build(src: Path, builder: str, out: Path) -> tuple[float, float]:
    from sphinx.application import Sphinx

    marks: dict[str, float] = {}
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        app = Sphinx(str(src), str(src), str(out / builder), str(out / f"{builder}-doctrees"),
                     builder, freshenv=True, status=None, warning=sys.stderr)  # fmt: skip

        def read_done(*_args: object) -> list[str]:
            marks["read"], marks["cpu"] = time.perf_counter(), time.process_time()
            return []

        app.connect("env-updated", read_done)
        app.build()
    return time.perf_counter() - marks["read"], time.process_time() - marks["cpu"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = plan(root)
        for builder, what in (("kernbeleid-docx", "Word-veiligheidsanalyse"),
                              ("kernbeleid-pptx", "PowerPoint-prioriteringssessie")):  # fmt: skip
            seconds, cpu = time_build(src, builder, root / "out")
            verdict = "OK" if seconds <= 5 else "TE TRAAG"
            print(f"{what}, 22 thema's + 6 aspecten: {seconds:.2f} s na het lezen "
                  f"(processortijd {cpu:.2f} s; doel ≤ 5 s: {verdict})")  # fmt: skip


if __name__ == "__main__":
    main()
