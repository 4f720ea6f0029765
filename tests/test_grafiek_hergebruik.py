"""Charts drawn on one reused figure are, byte for byte, the charts of a fresh figure."""

from __future__ import annotations

import io

import pytest

from sphinxext_kernbeleid.render.charts import ChartData, draw_figure, draw_png


def _fresh_png(data: ChartData) -> bytes:
    buffer = io.BytesIO()
    draw_figure(data).savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _series(first: int, last: int, **changes) -> ChartData:
    years = range(first + 1, last)
    data = {
        "titel": "Woninginbraken per 1.000 woningen",
        "eenheid": "aantal per 1.000 woningen",
        "percent": False,
        "nulmeting": (first, "4.5", "4,5"),
        "streefwaarde": (last, "3.0", "3,0"),
        "metingen": tuple((y, f"{4.5 - 0.1 * (y - first):.1f}", "x", False) for y in years),
        "vergelijking": tuple(("Nederland", y, "4.0", "4,0") for y in years),
        "oordeel": "op koers",
        "symbool": "✔",
    }
    data.update(changes)
    return ChartData(**data)


#: Charts that differ in what a reused axes could carry over: the number of year and
#: value ticks (many, then few), the unit, percentages, the legend's entries, the title's
#: length, the verdict, a provisional figure and a chart with one point.
CHARTS = [
    _series(2000, 2030),
    _series(2023, 2026),
    _series(
        2019,
        2028,
        titel="Percentage inwoners dat zich wel eens onveilig voelt in de eigen buurt, "
        "volgens de veiligheidsmonitor",
        eenheid="",
        percent=True,
        nulmeting=(2019, "32", "32%"),
        streefwaarde=(2028, "25", "25%"),
        metingen=((2021, "31", "31%", False), (2025, "29", "29%", True)),
        vergelijking=(("Nederland", 2021, "30", "30%"), ("Regio", 2021, "28", "28%")),
        oordeel="achter op koers",
        symbool="✘",
    ),
    _series(2024, 2028, streefwaarde=None, metingen=(), vergelijking=()),
    _series(2016, 2026, nulmeting=(2016, "1200", "1.200"), streefwaarde=(2026, "900", "900")),
    _series(2023, 2028),
]


def test_every_chart_on_the_reused_figure_is_the_fresh_chart():
    drawn = [draw_png(data) for data in CHARTS]
    for data, png in zip(CHARTS, drawn, strict=True):
        assert png == _fresh_png(data), data.titel


def test_a_chart_that_fails_halfway_leaves_nothing_on_the_next():
    draw_png(CHARTS[0])
    broken = _series(2020, 2028, metingen=((2022, "niet te lezen", "?", False),))
    with pytest.raises(ValueError):
        draw_png(broken)  # the plan's lines are drawn, then the measurement fails
    assert draw_png(CHARTS[1]) == _fresh_png(CHARTS[1])
