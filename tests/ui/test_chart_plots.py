"""The two charts on their own: colours and markers, the legend, the date labels."""

from __future__ import annotations

import itertools
from contextlib import nullcontext
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from circuit_timer.core.asymmetry import ExerciseAsymmetry, side_point
from circuit_timer.ui.chart_data import DARK_SERIES, LIGHT_SERIES, series_look, timestamp
from circuit_timer.ui.chart_plots import PainChart, SymmetryChart
from tests.ui.layout_checks import clipping
from tests.ui.palettes import applied, dark_palette

TODAY = date(2025, 3, 14)
START = TODAY - timedelta(days=13)


def test_charts_can_be_used_alone(qtbot: QtBot) -> None:
    pain, sides = PainChart(), SymmetryChart()
    qtbot.addWidget(pain)
    qtbot.addWidget(sides)
    pain.set_data([(TODAY, 2)], [TODAY, TODAY - timedelta(days=30)])
    assert pain.session_data() == [timestamp(TODAY)]  # only days within the pain span
    sides.set_data([])
    assert sides.threshold_value() is None


def many_sides(count: int) -> list[ExerciseAsymmetry]:
    """``count`` per-side exercises, each tested on the same three days."""
    items = []
    for n in range(count):
        points = [
            side_point(START + timedelta(days=d), f"s{d}", 20.0 + n, 22.0 - d, "reps")
            for d in (0, 4, 9)
        ]
        items.append(ExerciseAsymmetry(f"exercise-{n}", f"Exercise number {n}", points,
                                       points[-1], None, ""))  # fmt: skip
    return items


def looks(items: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """(colour, marker) of each plotted series; the session-day bars have no marker."""
    found = []
    for _, item in items:
        if "symbol" in item.opts:
            found.append((item.opts["pen"].color().name(), str(item.opts["symbol"])))
        else:
            found.append((QBrush(item.opts["brush"]).color().name(), "bar"))
    return found


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_no_two_series_share_a_colour_and_a_marker(qtbot: QtBot, dark: bool) -> None:
    with applied(dark_palette()) if dark else nullcontext():
        no_two_series_share_a_colour_and_a_marker(qtbot, dark)


def no_two_series_share_a_colour_and_a_marker(qtbot: QtBot, dark: bool) -> None:
    sides = SymmetryChart()
    qtbot.addWidget(sides)
    count = len(LIGHT_SERIES) * 2 + 3  # round the colours twice and more
    sides.set_data(many_sides(count))
    pairs = looks(sides.lines)
    assert len(pairs) == count and len(set(pairs)) == count, pairs
    assert {colour for colour, _ in pairs} == {
        QColor(c).name() for c in (DARK_SERIES if dark else LIGHT_SERIES)
    }
    assert len({series_look(n, dark) for n in range(36)}) == 36
    pain = PainChart()
    qtbot.addWidget(pain)
    pain.set_data([(START, 3), (TODAY, 2)], [START + timedelta(days=1)])
    plotted = [("line", pain.line), ("days", pain.sessions)]
    assert len(set(looks(plotted))) == 2


def test_the_legend_wraps_and_stays_inside_a_narrow_chart(qtbot: QtBot) -> None:
    chart = SymmetryChart()
    qtbot.addWidget(chart)
    chart.set_data(many_sides(9))
    rows = {}
    for width in (560, 1600):
        chart.resize(width, 700)
        chart.show()
        for _ in range(5):
            QApplication.processEvents()
        assert clipping(chart) == []
        names = chart.legend_names()
        labels = [w for w in chart.legend.findChildren(QLabel) if w.text() in names]
        assert sorted(label.text() for label in labels) == sorted(names)
        rows[width] = len({label.mapTo(chart, label.rect().topLeft()).y() for label in labels})
    assert rows[560] > rows[1600] >= 1


@pytest.mark.parametrize("days", [6, 13, 30, 75])
def test_the_dates_on_the_axis_never_touch(qtbot: QtBot, days: int) -> None:
    chart = PainChart()
    qtbot.addWidget(chart)
    chart.set_data([(TODAY - timedelta(days=n), n % 10) for n in range(days + 1)], [])
    for width in (520, 1200):
        chart.resize(width, 400)
        chart.show()
        for _ in range(5):
            QApplication.processEvents()
        labels = chart.date_labels()
        assert labels and labels[-1][0] == f"{TODAY.day} {TODAY:%b}"  # the latest day named
        view = chart.view.viewport().rect().toRectF()
        for (text, rect), (after, next_rect) in itertools.pairwise(labels):
            assert rect.right() < next_rect.left(), (width, text, after)
        for text, rect in labels:
            assert view.contains(rect), (width, text)
