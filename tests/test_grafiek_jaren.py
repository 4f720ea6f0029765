"""The year labels of an indicator's chart stay readable for a long measurement series."""

from __future__ import annotations

import pytest

from sphinxext_kernbeleid.render.charts import ChartData, draw_figure


def _data(first: int, last: int) -> ChartData:
    years = range(first + 1, last)
    return ChartData(
        titel="Woninginbraken per 1.000 woningen",
        eenheid="aantal per 1.000 woningen",
        percent=False,
        nulmeting=(first, "4.5", "4,5"),
        streefwaarde=(last, "3.0", "3,0"),
        metingen=tuple((y, f"{4.5 - 0.1 * (y - first):.1f}", "x", False) for y in years),
        vergelijking=tuple(("Nederland", y, "4.0", "4,0") for y in years),
        oordeel="op koers",
        symbool="✔",
    )


def _year_labels(data: ChartData) -> list[tuple[str, object]]:
    figure = draw_figure(data)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)  # places the ticks as the PNG would
    axes = figure.axes[0]
    low, high = axes.get_xlim()
    labels = []
    for tick in axes.xaxis.get_major_ticks():
        label = tick.label1
        if label.get_visible() and label.get_text() and low <= tick.get_loc() <= high:
            labels.append((label.get_text(), label.get_window_extent(renderer)))
    return labels


@pytest.mark.parametrize("first,last", [(2019, 2028), (2016, 2026), (2012, 2030), (2000, 2030)])
def test_year_labels_of_a_long_series_do_not_touch(first, last):
    labels = _year_labels(_data(first, last))
    assert len(labels) >= 3, labels
    gap = 6  # pixels between two labels, about a space
    for (text_a, box_a), (text_b, box_b) in zip(labels, labels[1:], strict=False):
        assert box_a.x1 + gap <= box_b.x0, f"{text_a} and {text_b} run together"
    assert all(len(text) == 4 and text.isdigit() for text, _box in labels)


def test_a_short_series_labels_every_year():
    texts = [text for text, _box in _year_labels(_data(2023, 2028))]
    assert texts == [str(y) for y in range(2023, 2029)]


def test_dashboard_counts_are_whole_numbers():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from sphinxext_kernbeleid.render.charts import DashboardData, dashboard_figure

    data = DashboardData(
        titel="Voortgangsrapportage – stand tweede kwartaal 2026",
        klassen=("gereed", "lopend"),
        rows=(("Prioriteit 1", (0, 1)), ("Thema", (1, 0))),
        koers=(("✔ op koers", 0), ("– geen nieuwe meting", 8)),
    )
    figure = dashboard_figure(data)
    FigureCanvasAgg(figure).draw()
    for axes in figure.axes:
        low, high = axes.get_xlim()
        ticks = [t for t in axes.get_xticks() if low <= t <= high]
        assert ticks and all(float(t).is_integer() for t in ticks), ticks
