"""A small trend chart of one theme's police figures: PNG bytes plus the same in words.

Bars per year (a provisional year hatched and named so in the legend: never colour
alone), cached by a hash of the data so a rebuild draws nothing new. Shared by the
veiligheidsanalyse (HTML and Word) and the prioriteringssessie (PowerPoint).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping
from pathlib import Path

from ..files import atomic
from ..model.analyse import Cijfer
from ..model.parsing import format_number

BLUE, GREY = "#0072B2", "#555555"
STYLE = "2"


def series(cijfers: Mapping[int, Cijfer]) -> list[tuple[int, str, bool]]:
    """(year, count as text, provisional) in year order: what the chart and its text show."""
    return [(y, str(c.aantal), c.voorlopig) for y, c in sorted(cijfers.items())]


def alt_text(titel: str, cijfers: Mapping[int, Cijfer]) -> str:
    """``Geregistreerde misdrijven, 1.3 …, per jaar: 2022: 450; 2023: 470 (voorlopig).``"""
    from decimal import Decimal

    points = "; ".join(
        f"{y}: {format_number(Decimal(n))}{' (voorlopig)' if v else ''}"
        for y, n, v in series(cijfers)
    )
    return f"Geregistreerde misdrijven, {titel}, per jaar: {points or 'geen cijfers'}."


def draw_png(titel: str, cijfers: Mapping[int, Cijfer]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    points = series(cijfers)
    figure = Figure(figsize=(4.8, 2.4), dpi=100)
    axes = figure.add_subplot()
    years = [str(y) for y, _n, _v in points]
    values = [float(n) for _y, n, _v in points]
    bars = axes.bar(years, values, color=BLUE, label="Geregistreerd")
    for bar, (_y, _n, voorlopig) in zip(bars, points, strict=True):
        if voorlopig:
            bar.set_facecolor("white")
            bar.set_edgecolor(GREY)
            bar.set_hatch("//")
            bar.set_label("Voorlopig (deel van het jaar)")
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.tick_params(labelsize=8)
    axes.yaxis.set_major_formatter(lambda v, _p: format_number(_whole(v)))
    figure.text(0.02, 0.97, titel[:70], fontsize=9, va="top")
    if any(v for _y, _n, v in points):
        handles, labels = axes.get_legend_handles_labels()
        unique = dict(zip(labels, handles, strict=True))
        axes.legend(
            unique.values(),
            unique.keys(),
            fontsize=7,
            frameon=False,
            ncol=2,
            loc="lower right",
            bbox_to_anchor=(1.0, 1.0),
        )
    figure.subplots_adjust(left=0.14, right=0.98, top=0.80, bottom=0.12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _whole(value: float):
    from decimal import Decimal

    return Decimal(int(round(value)))


def cached_png(titel: str, cijfers: Mapping[int, Cijfer], cache_dir: Path) -> Path:
    """The chart's PNG in ``cache_dir``, drawn only when its data is new."""
    key = json.dumps([STYLE, titel, series(cijfers)], ensure_ascii=False)
    path = cache_dir / f"analyse-{hashlib.sha256(key.encode()).hexdigest()[:20]}.png"
    if not path.is_file():
        png = draw_png(titel, cijfers)

        def write(tmp: Path) -> None:
            tmp.write_bytes(png)

        atomic.write(path, write)
    return path
