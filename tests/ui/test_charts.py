"""The Charts page on a seeded history: the plotted points are exactly the seeded ones."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circuit_timer.core.records import CompletedSet
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.chart_data import timestamp
from circuit_timer.ui.charts import EMPTY_TEXT, ChartsPage
from tests.ui.driving import wait_loaded
from tests.ui.palettes import applied, dark_palette

TODAY = date(2025, 3, 14)
START = TODAY - timedelta(days=13)  # two weeks of mornings, START to TODAY
HEEL = "single-leg-heel-raise-test"
BRIDGE = "single-leg-glute-bridge"

# Morning pain by day offset from START; day 5 has no entry.
MORNINGS = {0: 6, 1: 6, 2: 5, 3: 6, 4: 5, 6: 4, 7: 4, 8: 4, 9: 3, 10: 4, 11: 3, 12: 3, 13: 3}
# Completed sessions by day offset, with (left, right) reps for the per-side exercises.
SESSIONS: dict[int, dict[str, tuple[int, int]]] = {
    1: {HEEL: (20, 25)},
    3: {BRIDGE: (10, 12)},
    6: {HEEL: (22, 25), BRIDGE: (12, 12)},
    10: {HEEL: (26, 24)},
    13: {HEEL: (25, 26), BRIDGE: (11, 12)},
}
PARTIAL_DAY = 8  # a session finished early: not a session day on the chart


def day(offset: int) -> date:
    return START + timedelta(days=offset)


def lsi(left: int, right: int) -> float:
    return min(left, right) * 100 / max(left, right)


def add_session(
    store: HistoryStore, on: date, sides: dict[str, tuple[int, int]], status: str
) -> None:
    started = datetime.combine(on, time(7, 0), tzinfo=UTC)
    uid = store.start_session("pf-crash-course", started_at=started, local_date=on)
    names = {HEEL: "Single-leg heel-raise test", BRIDGE: "Single-leg glute bridge"}
    for exercise, (left, right) in sides.items():
        for side, reps in (("left", left), ("right", right)):
            store.record_set(
                uid,
                CompletedSet(
                    block=1,
                    round=1,
                    exercise_id=exercise,
                    set_number=1,
                    side=side,  # type: ignore[arg-type]
                    reps_target=None,
                    reps_done=reps,
                    seconds=40.0,
                    exercise_name=names[exercise],
                    dose="open",
                    test=True,  # LSI comes only from counted tests
                    counted=True,
                ),
            )
    store.finish_session(uid, status, ended_at=started + timedelta(minutes=30))  # type: ignore[arg-type]


@pytest.fixture
def seeded(store: HistoryStore) -> HistoryStore:
    for offset, value in MORNINGS.items():
        store.add_pain(day(offset), "morning", value)
    store.add_pain(day(2), "during", 7)  # not morning pain: not on the chart
    store.add_pain(TODAY + timedelta(days=1), "morning", 9)  # after today: not shown
    for offset, sides in SESSIONS.items():
        add_session(store, day(offset), sides, "completed")
    add_session(store, day(PARTIAL_DAY), {}, "partial")
    add_session(store, TODAY + timedelta(days=2), {HEEL: (1, 30)}, "completed")  # future
    return store


@pytest.fixture
def page(qtbot: QtBot, seeded: HistoryStore) -> ChartsPage:
    widget = ChartsPage(seeded, lambda: TODAY)
    wait_loaded(qtbot, widget)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.refresh()
    wait_loaded(qtbot, widget)
    return widget


def test_the_pain_chart_has_the_seeded_mornings_and_session_days(page: ChartsPage) -> None:
    chart = page.pain_chart
    xs, ys = chart.pain_data()
    assert xs == [timestamp(day(o)) for o in sorted(MORNINGS)]
    assert ys == [float(MORNINGS[o]) for o in sorted(MORNINGS)]
    # Completed sessions only, up to today; a partial one is not a session day.
    assert chart.session_data() == [timestamp(day(o)) for o in sorted(SESSIONS)]
    assert chart.legend_names() == ["Morning pain (0-10)", "Session day"]
    assert chart.y_range() == pytest.approx((-0.3, 10.3))
    assert chart.summary.text().startswith("Morning pain 6 \u2192 3 over 14 days: down 3 points")
    assert "meaningful" in chart.summary.text() and "5 session days" in chart.summary.text()
    assert not page.is_empty()


def test_the_symmetry_chart_has_each_exercise_headline_first(page: ChartsPage) -> None:
    chart = page.symmetry_chart
    series = chart.series()
    assert [exercise for exercise, _, _ in series] == [HEEL, BRIDGE]
    for exercise, xs, ys in series:
        seeded = sorted((o, s[exercise]) for o, s in SESSIONS.items() if exercise in s)
        assert xs == [timestamp(day(o)) for o, _ in seeded]
        assert ys == pytest.approx([lsi(*reps) for _, reps in seeded])
    # The headline is drawn thicker and comes first in the legend; the 90% line is there.
    widths = chart.pen_widths()
    assert widths[0] > widths[1]
    assert chart.legend_names()[:2] == ["Single-leg heel-raise test", "Single-leg glute bridge"]
    assert chart.threshold_value() == 90.0
    assert chart.threshold_label() == "90%"
    # Points under 90% are marked: 80% and 88% on the heel raise, 83.3% on the bridge.
    flagged = sorted(chart.flagged_data())
    expected = sorted(
        (timestamp(day(o)), lsi(*reps))
        for o, s in SESSIONS.items()
        for reps in s.values()
        if lsi(*reps) < 90
    )
    assert [x for x, _ in flagged] == [x for x, _ in expected]
    assert [y for _, y in flagged] == pytest.approx([y for _, y in expected])
    assert chart.y_range() == pytest.approx((60.0, 105.0))
    text = chart.summary.text()
    assert text.startswith("Single-leg heel-raise test: latest LSI 96.2%")
    assert "left side weaker" in text


def test_a_low_lsi_lowers_the_y_axis(qtbot: QtBot, store: HistoryStore) -> None:
    add_session(store, day(1), {HEEL: (10, 20)}, "completed")
    widget = ChartsPage(store, lambda: TODAY)
    wait_loaded(qtbot, widget)
    qtbot.addWidget(widget)
    assert widget.symmetry_chart.y_range() == pytest.approx((45.0, 105.0))
    assert widget.symmetry_chart.flagged_data() == [(timestamp(day(1)), 50.0)]
    # No pain yet: the pain chart says how to record it.
    assert widget.pain_chart.pain_data() == ([], [])
    assert "circuit-timer pain N" in widget.pain_chart.empty.text()
    assert widget.pain_chart.view.isHidden()


def test_an_empty_history_shows_how_to_start(qtbot: QtBot, store: HistoryStore) -> None:
    widget = ChartsPage(store, lambda: TODAY)
    wait_loaded(qtbot, widget)
    qtbot.addWidget(widget)
    assert widget.is_empty()
    assert widget.empty.text() == EMPTY_TEXT
    assert "circuit-timer pain N" in EMPTY_TEXT and "Today page" in EMPTY_TEXT
    store.add_pain(TODAY, "morning", 4)
    widget.refresh()
    wait_loaded(qtbot, widget)
    assert not widget.is_empty()
    assert widget.pain_chart.pain_data() == ([timestamp(TODAY)], [4.0])
    assert widget.symmetry_chart.series() == []


def _check_shot(image: QImage) -> None:
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 6  # not a blank frame


def test_renders_in_light_and_dark_themes(page: ChartsPage, tmp_path: Path) -> None:
    # CIRCUIT_TIMER_SHOTS=/tmp keeps the pictures for a person to look at.
    folder = Path(os.environ.get("CIRCUIT_TIMER_SHOTS", tmp_path))
    page.show()
    light = page.grab()
    assert light.save(str(folder / "charts.png"))
    _check_shot(light.toImage())
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert page.pain_chart.view.backgroundBrush().color() == base

    with applied(dark_palette()):
        QApplication.processEvents()  # the palette change reaches the widgets as posted events
        dark = page.grab()
        assert dark.save(str(folder / "charts-dark.png"))
        _check_shot(dark.toImage())
        # The charts follow the palette, and the data is still all there.
        assert page.pain_chart.view.backgroundBrush().color() == QColor("#171717")
        assert page.symmetry_chart.view.backgroundBrush().color() == QColor("#171717")
        assert len(page.pain_chart.pain_data()[0]) == len(MORNINGS)
        assert [e for e, _, _ in page.symmetry_chart.series()] == [HEEL, BRIDGE]


def test_only_counted_tests_are_charted_and_no_test_says_what_to_do(
    qtbot: QtBot, store: HistoryStore
) -> None:
    # A training session with per-side sets counted by hand, a hold and a test nobody
    # counted: none of them is a left-right measurement.
    started = datetime.combine(day(2), time(7, 0), tzinfo=UTC)
    uid = store.start_session("pf-crash-course", started_at=started, local_date=day(2))
    for exercise, test, counted, dose in (("banded-eversion", False, True, "open"),
                                          ("calf-stretch", False, False, "hold"),
                                          (HEEL, True, False, "open")):  # fmt: skip
        for side in ("left", "right"):
            store.record_set(uid, CompletedSet(block=1, round=1, exercise_id=exercise, set_number=1,
                             side=side, reps_target=15, reps_done=15 if side == "left" else 9,  # type: ignore[arg-type]
                             seconds=40.0, dose=dose, test=test, counted=counted))  # fmt: skip
    store.finish_session(uid, "completed", ended_at=started + timedelta(minutes=30))
    widget = ChartsPage(store, lambda: TODAY)
    wait_loaded(qtbot, widget)
    qtbot.addWidget(widget)
    chart = widget.symmetry_chart
    assert chart.series() == [] and chart.view.isHidden()
    assert chart.empty.text().startswith(
        "Do the left-right check (Library \u203a Heel raise test) to see your balance."
    )
    assert "Heel raise test" in EMPTY_TEXT
    # Then a counted test: the only series.
    add_session(store, day(4), {BRIDGE: (9, 12)}, "completed")
    widget.refresh()
    wait_loaded(qtbot, widget)
    assert [exercise for exercise, _, _ in chart.series()] == [BRIDGE]
    assert chart.legend_names()[0] == "Single-leg glute bridge"


def test_the_pain_check_is_the_clis_advice(page: ChartsPage, seeded: HistoryStore) -> None:
    _, advice = insights.pain(seeded, TODAY)
    assert not page.advice_box.isHidden()
    assert page.advice.message.text() == advice.message
    assert page.advice.advice == advice


def test_no_pain_check_before_anything_to_check(qtbot: QtBot, store: HistoryStore) -> None:
    widget = ChartsPage(store, lambda: TODAY)
    wait_loaded(qtbot, widget)
    qtbot.addWidget(widget)
    assert widget.advice_box.isHidden()
    # Pain after a session, and nothing else: the page is not empty, the check is kept.
    started = datetime.combine(TODAY, time(7, 0), tzinfo=UTC)
    uid = store.start_session("pf-crash-course", started_at=started, local_date=TODAY)
    store.finish_session(uid, "completed", pain_after=6, ended_at=started)
    widget.refresh()
    wait_loaded(qtbot, widget)
    assert not widget.is_empty() and not widget.advice_box.isHidden()
    assert widget.advice.title.text() == "Go lighter next session"
    assert widget.advice.decided.text().startswith("Decided by the during-after check")
