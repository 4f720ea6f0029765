"""One chart per effect indicator: realisations, nulmeting, the path to the streefwaarde.

:func:`chart_png` gives the PNG bytes and the text alternative that says the same in
words; any output (HTML here, Word later) embeds those. matplotlib is imported only
when a chart is actually drawn, and :func:`cached_png` draws a chart only when its data
changed (the file name is a hash of the data), so a rebuild without changes draws
nothing. Colours are the Okabe-Ito palette (safe for colour-blind readers) and every
series also has its own marker and line style: colour never carries meaning alone.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from collections.abc import Callable
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..files import atomic
from ..model.koers import koers
from ..model.parsing import format_number
from ..model.plan import EffectIndicator

#: Change when the drawing changes, so cached charts are redrawn.
STYLE_VERSION = "3"
#: How many year labels fit the x-axis side by side (its 3.5 inch at the tick font size).
YEAR_LABELS = 6
BLUE, ORANGE, GREY, VERMILLION = "#0072B2", "#E69F00", "#555555", "#D55E00"


@dataclass(frozen=True)
class ChartData:
    """Everything a chart shows; its hash names the cached file."""

    titel: str
    eenheid: str
    percent: bool
    nulmeting: tuple[int, str, str] | None  # (year, value, value as written)
    streefwaarde: tuple[int, str, str] | None
    metingen: tuple[tuple[int, str, str, bool], ...]  # (year, value, as written, voorlopig)
    vergelijking: tuple[tuple[str, int, str, str], ...]  # (name, year, value, as written)
    oordeel: str  # words, e.g. "op koers"
    symbool: str  # e.g. "✔"

    def key(self) -> str:
        text = json.dumps([STYLE_VERSION, asdict(self)], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def chart_data(ei: EffectIndicator) -> ChartData:
    nul, streef = ei.nulmeting, ei.streefwaarde
    percent = bool(nul and nul.quantity.percent)
    return ChartData(
        titel=ei.title,
        eenheid=ei.eenheid or "",
        percent=percent,
        nulmeting=(nul.year, str(nul.value), str(nul.quantity)) if nul else None,
        streefwaarde=(streef.year, str(streef.value), str(streef.quantity)) if streef else None,
        metingen=tuple((m.year, str(m.value), str(m.quantity), m.voorlopig) for m in ei.metingen),
        vergelijking=tuple(
            (v.naam, v.year, str(v.value), str(v.quantity)) for v in ei.vergelijking
        ),
        oordeel=koers(ei).oordeel.woorden,
        symbool=koers(ei).oordeel.symbool,
    )


def has_chart(ei: EffectIndicator) -> bool:
    """A chart says something once there is a nulmeting or a measurement."""
    return ei.nulmeting is not None or bool(ei.metingen)


def alt_text(ei: EffectIndicator) -> str:
    """The chart in words: ``Rapportcijfer veiligheid: 6,9 in 2023, 7,1 in 2025; …``."""
    data = chart_data(ei)
    points: dict[int, str] = {}
    if data.nulmeting:
        points[data.nulmeting[0]] = data.nulmeting[2]
    # Exactly the points the chart draws: a provisional part-year figure is not drawn,
    # so it is named apart, never as a point of its year.
    provisional = []
    for year, _value, text, voorlopig in data.metingen:
        if voorlopig:
            provisional.append(
                f"voorlopig cijfer {year} ({text}, nog geen heel jaar) niet getekend"
            )
        else:
            points[year] = text
    parts = [", ".join(f"{value} in {year}" for year, value in sorted(points.items()))]
    if data.streefwaarde:
        year, _value, text = data.streefwaarde
        parts.append(f"streefwaarde {text} in {year}")
    names: dict[str, list[str]] = {}
    for name, year, _value, text in data.vergelijking:
        names.setdefault(name, []).append(f"{text} in {year}")
    parts += [f"{name} {', '.join(values)}" for name, values in names.items()]
    parts += provisional
    parts.append(data.oordeel)
    return f"{data.titel}: " + "; ".join(p for p in parts if p)


def draw_figure(data: ChartData) -> Any:
    """The chart as a matplotlib ``Figure`` (headless), not yet rendered."""
    figure, axes = _new_figure()
    _draw_on(figure, axes, data)
    return figure


def draw_png(data: ChartData) -> bytes:
    """Draw the chart (matplotlib, headless) and return the PNG bytes."""
    import io

    with _REUSED.lock:
        figure, axes = _REUSED.take()
        _draw_on(figure, axes, data)
        buffer = io.BytesIO()
        # No timestamps in the PNG: the same data gives the same bytes.
        figure.savefig(buffer, format="png", metadata={"Software": None})
        _REUSED.give_back(figure, axes)
    return buffer.getvalue()


def _new_figure() -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6.4, 3.4), dpi=100)
    # Its own Agg canvas: saving as PNG then draws with the canvas' renderer, which a
    # reused figure keeps, and with it the measured sizes of texts drawn before.
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _draw_on(figure: Any, axes: Any, data: ChartData) -> None:
    _plot_plan(axes, data)
    _plot_measurements(axes, data)
    _plot_comparisons(axes, data)
    _finish(figure, axes, data)


class _ReusedFigure:
    """One figure and axes, drawn on again for every chart of a process.

    Making a new figure, its axes, their tick marks and a renderer for every chart cost
    a quarter of the drawing (the 30 charts of the benchmark plan: 2.5 s, now 1.85 s).
    After a chart is saved, the lines, texts and legend it added are taken off and the
    data limits forgotten; what stays is what every chart sets alike, so the next
    chart's PNG is byte for byte that of a fresh figure (tests/test_grafiek_hergebruik.py).
    A chart that fails halfway is not given back: the next one starts a new figure.
    """

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.kept: tuple[Any, Any] | None = None

    def take(self) -> tuple[Any, Any]:
        kept, self.kept = self.kept, None
        return kept if kept is not None else _new_figure()

    def give_back(self, figure: Any, axes: Any) -> None:
        for artist in [*axes.lines, *axes.texts, *figure.texts]:
            artist.remove()
        if axes.get_legend() is not None:
            axes.get_legend().remove()
        axes.relim()  # data limits of no line: the next chart's own
        axes.set_prop_cycle(None)
        self.kept = figure, axes


_REUSED = _ReusedFigure()


def _plot_plan(axes: Any, data: ChartData) -> None:
    """The nulmeting, the streefwaarde and the dashed path between them."""
    if data.nulmeting and data.streefwaarde:
        (y0, v0, _t0), (y1, v1, _t1) = data.nulmeting, data.streefwaarde
        axes.plot(
            [y0, y1],
            [float(v0), float(v1)],
            linestyle="--",
            color=GREY,
            linewidth=1.5,
            label="Pad naar de streefwaarde",
        )
    if data.nulmeting:
        axes.plot(
            [data.nulmeting[0]],
            [float(data.nulmeting[1])],
            marker="s",
            markersize=8,
            linestyle="none",
            color=GREY,
            label="Nulmeting",
            zorder=4,
        )
    if data.streefwaarde:
        axes.plot(
            [data.streefwaarde[0]],
            [float(data.streefwaarde[1])],
            marker="*",
            markersize=14,
            linestyle="none",
            color=VERMILLION,
            label="Streefwaarde",
            zorder=4,
        )


def _plot_measurements(axes: Any, data: ChartData) -> None:
    # Provisional figures (an incomplete year: a sum of some months) are not comparable
    # with whole years; the text alternative and the item list them, the chart does not.
    measured = [(y, float(v)) for y, v, _t, voorlopig in data.metingen if not voorlopig]
    if not measured:
        return
    start = data.nulmeting
    line = [(start[0], float(start[1]))] if start and start[0] < measured[0][0] else []
    line += measured
    axes.plot(
        [p[0] for p in line],
        [p[1] for p in line],
        color=BLUE,
        linewidth=2,
        marker="o",
        markersize=7,
        markevery=list(range(len(line) - len(measured), len(line))),
        label="Meting",
    )


def _plot_comparisons(axes: Any, data: ChartData) -> None:
    names: dict[str, list[tuple[int, float]]] = {}
    for name, year, value, _text in data.vergelijking:
        names.setdefault(name, []).append((year, float(value)))
    for index, (name, points) in enumerate(names.items()):
        points.sort()
        axes.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            color=ORANGE,
            linestyle=":",
            linewidth=2,
            marker="^v<>"[index % 4],
            markersize=7,
            label=name,
        )


def _finish(figure: Any, axes: Any, data: ChartData) -> None:
    """Axes in Dutch numbers, the title, the legend and the verdict beside the chart."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    percent = data.percent

    def dutch(value: float, _pos: object = None) -> str:
        rounded = Decimal(repr(round(float(value), 2))).normalize()
        return format_number(rounded) + ("%" if percent else "")

    # At most one year label per ~0.5 inch of axis (a year is four digits wide): a
    # series of ten or more years gets every second (or fifth) year, never labels that
    # run together. The axes are 0.54 of the 6.4 inch figure wide (see below).
    axes.xaxis.set_major_locator(
        MaxNLocator(nbins=YEAR_LABELS, integer=True, steps=[1, 2, 5, 10], min_n_ticks=2)
    )
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: str(int(v))))
    axes.yaxis.set_major_formatter(FuncFormatter(dutch))
    axes.set_ylabel(data.eenheid, fontsize=9)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.spines[["top", "right"]].set_visible(False)
    # A figure text, not an axes title: matplotlib then skips measuring the tick labels
    # to place the title (a third of the drawing time).
    figure.text(0.12, 0.97, textwrap.fill(data.titel, 60), fontsize=10, va="top")
    axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    axes.text(
        1.02,
        0.02,
        f"Op koers?\n{data.symbool} {data.oordeel}",
        transform=axes.transAxes,
        fontsize=9,
        fontweight="bold",
    )
    # Fixed margins instead of tight_layout: a third faster, and every chart aligns.
    figure.subplots_adjust(left=0.12, right=0.66, top=0.86, bottom=0.1)


def chart_png(ei: EffectIndicator) -> tuple[bytes, str]:
    """PNG bytes and the text alternative of one indicator's chart (for Word and others)."""
    return draw_png(chart_data(ei)), alt_text(ei)


def cached_path(data: ChartData, cache_dir: Path) -> Path:
    return cache_dir / f"{data.key()}.png"


def draw_to(data: ChartData, path: Path) -> Path:
    """Draw ``data`` into ``path`` in one step (a reader never sees half a PNG)."""
    png = draw_png(data)

    def write(tmp: Path) -> None:
        tmp.write_bytes(png)

    atomic.write(path, write)
    return path


def cached_png(
    ei: EffectIndicator, cache_dir: Path, wait: Callable[[Path], None] | None = None
) -> tuple[Path, str]:
    """The chart's PNG in ``cache_dir`` (drawn only when its data is new) and its alt text.

    ``wait`` may first let a drawing that is already under way elsewhere finish.
    """
    data = chart_data(ei)
    path = cached_path(data, cache_dir)
    if not path.is_file() and wait is not None:
        wait(path)
    if not path.is_file():
        draw_to(data, path)
    return path, alt_text(ei)


# --------------------------------------------------------------------------- dashboard picture

#: One colour and one hatch per dashboard class (Okabe-Ito; the hatch and the number in
#: each bar carry the meaning without colour).
KLASSE_STYLE = {
    "gereed": ("#009E73", ""),
    "lopend": (BLUE, "//"),
    "vertraagd": (VERMILLION, "xx"),
    "nog niet gestart": ("#56B4E9", ".."),
    "geen rapportage": ("#999999", "\\\\"),
    "vervallen": ("#CC79A7", "--"),
}


#: Change when the dashboard picture's drawing changes, so cached ones are redrawn.
DASHBOARD_STYLE = "d3"


@dataclass(frozen=True)
class DashboardData:
    """What the dashboard picture shows: classes per row, and the indicator verdicts."""

    titel: str
    klassen: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (label, count per class)
    koers: tuple[tuple[str, int], ...]  # (verdict with symbol, count)

    def key(self) -> str:
        text = json.dumps([DASHBOARD_STYLE, asdict(self)], ensure_ascii=False, sort_keys=True)
        return "dashboard-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]

    @property
    def alt(self) -> str:
        """The picture in words: every bar and every number it shows."""
        parts = []
        for label, counts in self.rows:
            said = ", ".join(f"{n} {k}" for k, n in zip(self.klassen, counts, strict=True) if n)
            parts.append(f"{label}: {said or 'geen maatregelen'}")
        verdicts = ", ".join(f"{n} {label.split(' ', 1)[1]}" for label, n in self.koers if n)
        text = f"{self.titel}. Maatregelen per prioriteit en thema – " + "; ".join(parts) + "."
        return text + (f" Effectindicatoren: {verdicts}." if verdicts else "")


def draw_dashboard(data: DashboardData) -> bytes:
    """Status per prioriteit/thema as stacked bars, and the verdicts as bars (PNG)."""
    import io

    figure = dashboard_figure(data)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def dashboard_figure(data: DashboardData) -> Any:
    """The dashboard picture as a matplotlib ``Figure`` (headless)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    height = 2.2 + 0.5 * len(data.rows)
    figure = Figure(figsize=(9.0, height), dpi=100)
    left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 1.4]})
    labels = [textwrap.fill(label, 34) for label, _c in data.rows][::-1]
    counts = [c for _l, c in data.rows][::-1]
    offsets = [0] * len(counts)
    for index, name in enumerate(data.klassen):
        values = [c[index] for c in counts]
        colour, hatch = KLASSE_STYLE.get(name, (GREY, ""))
        bars = left.barh(
            labels,
            values,
            left=offsets,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            linewidth=0.5,
            label=name,
        )
        left.bar_label(
            bars,
            labels=[str(v) if v else "" for v in values],
            label_type="center",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "linewidth": 0},
        )
        offsets = [o + v for o, v in zip(offsets, values, strict=True)]
    left.set_title("Maatregelen per status", fontsize=10, loc="left")
    left.legend(fontsize=8, frameon=False, ncols=3, loc="upper left", bbox_to_anchor=(0, -0.06))
    left.tick_params(axis="y", labelsize=8)
    left.spines[["top", "right"]].set_visible(False)
    verdicts = [label for label, _n in data.koers][::-1]
    bars = right.barh(verdicts, [n for _l, n in data.koers][::-1], color=GREY)
    right.bar_label(bars, labels=[str(n) for _l, n in data.koers][::-1], padding=2)
    right.set_title("Effectindicatoren", fontsize=10, loc="left")
    right.tick_params(axis="y", labelsize=8)
    right.spines[["top", "right"]].set_visible(False)
    # Counts of maatregelen and indicators: whole numbers on the axes, never "0.2".
    for axes in (left, right):
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    figure.suptitle(data.titel, fontsize=11, x=0.01, ha="left")
    figure.tight_layout()
    return figure


def cached_dashboard(data: DashboardData, cache_dir: Path) -> Path:
    """The dashboard picture in ``cache_dir``, drawn only when its data is new."""
    path = cache_dir / f"{data.key()}.png"
    if not path.is_file():
        png = draw_dashboard(data)

        def write(tmp: Path) -> None:
            tmp.write_bytes(png)

        cache_dir.mkdir(parents=True, exist_ok=True)
        atomic.write(path, write)
    return path
