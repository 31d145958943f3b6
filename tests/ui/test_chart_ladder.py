"""The earned-load chart alone: steps as heights, a gap for a session run as written,
the rung below the first, loads as labels, and no two ladders alike."""

from __future__ import annotations

import math
from datetime import date, timedelta

from PySide6.QtGui import QBrush, QColor
from pytestqt.qtbot import QtBot

from circuit_timer.core.ladder import BACK
from circuit_timer.ui.chart_data import LadderPoint, LadderSeries, ladder_summary, timestamp
from circuit_timer.ui.chart_ladder import NO_LADDER_TEXT, NO_STEP_TEXT, EarnedLoadChart

DAY1 = date(2025, 3, 1)


def pg_name(brush: object) -> str:
    """A symbol brush's colour as #rrggbb (pyqtgraph keeps a QColor or a QBrush)."""
    colour = brush.color() if isinstance(brush, QBrush) else brush
    assert isinstance(colour, QColor)
    return colour.name()


def _series(exercise_id: str, steps: list[int | None], kg: float | None = None) -> LadderSeries:
    points = tuple(
        LadderPoint(DAY1 + timedelta(days=2 * n), step, kg) for n, step in enumerate(steps)
    )
    return LadderSeries(exercise_id, exercise_id.title(), ("3 x 12", "4 x 10"), "2 x 12", points)


def test_a_step_back_and_a_session_as_written(qtbot: QtBot) -> None:
    chart = EarnedLoadChart()
    qtbot.addWidget(chart)
    chart.set_data([_series("raise", [0, 1, None, BACK], kg=5.0)])
    ((_, xs, ys),) = chart.series()
    # The session run as written has no point: it is not on the ladder.
    assert xs == [timestamp(DAY1 + timedelta(days=d)) for d in (0, 2, 6)]
    assert ys == [1.0, 2.0, 0.0]
    assert chart.step_ticks() == ["2 x 12", "3 x 12", "4 x 10"]
    assert [text for _, text in chart.load_labels()] == ["5 kg"] * 3
    line = chart.plot.listDataItems()[0]
    assert any(math.isnan(float(y)) for y in line.getData()[1])  # the gap
    assert "1 session run as the plan is written (no step): a gap" in chart.summary.text()


def test_two_ladders_differ_in_colour_or_marker(qtbot: QtBot) -> None:
    chart = EarnedLoadChart()
    qtbot.addWidget(chart)
    chart.set_data([_series("raise", [0, 1]), _series("hop", [0, 0])])
    looks = [(pg_name(item.opts["symbolBrush"]), item.opts["symbol"]) for _, item in chart.lines]
    assert len(set(looks)) == 2
    assert chart.legend_names() == ["Raise", "Hop"]
    assert chart.step_ticks() == ["Step 1", "Step 2"]  # doses differ between ladders


def test_no_session_on_a_ladder_is_the_empty_state(qtbot: QtBot) -> None:
    chart = EarnedLoadChart()
    qtbot.addWidget(chart)
    chart.set_data([_series("raise", [])])
    assert not chart.has_data()
    assert chart.empty.text() == NO_STEP_TEXT and chart.view.isHidden()
    chart.set_data([])  # the plan has no ladder
    assert chart.empty.text() == NO_LADDER_TEXT and chart.view.isHidden()


def test_the_summary_says_the_step_its_start_and_the_last_load() -> None:
    series = _series("raise", [0, 1, 1])
    assert ladder_summary(series) == "Raise: step 2 of 2 (4 x 10) since 3 Mar; no load entered yet."
    back = _series("raise", [1, BACK], kg=7.5)
    assert ladder_summary(back) == (
        "Raise: a step back below step 1 (2 x 12) since 3 Mar; last load 7.5 kg."
    )
    assert ladder_summary(_series("raise", [None])) == (
        "Raise: no session on the ladder yet. 1 session run as the plan is written "
        "(no step): a gap in the line."
    )
