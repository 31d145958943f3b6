"""The Charts page on a seeded history: the plotted points are exactly the seeded ones."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QBrush, QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from circuit_timer.core.asymmetry import ExerciseAsymmetry, side_point
from circuit_timer.core.records import CompletedSet
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.charts import (
    DARK_SERIES,
    EMPTY_TEXT,
    LIGHT_SERIES,
    ChartsPage,
    PainChart,
    SymmetryChart,
    series_look,
    tick_step,
    timestamp,
)
from tests.ui.layout_checks import clipping

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
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.refresh()
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


def test_timestamps_are_utc_midnight() -> None:
    assert timestamp(date(1970, 1, 2)) == 86_400.0
    assert timestamp(TODAY) == datetime.combine(TODAY, time(), tzinfo=UTC).timestamp()


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
    qtbot.addWidget(widget)
    assert widget.symmetry_chart.y_range() == pytest.approx((45.0, 105.0))
    assert widget.symmetry_chart.flagged_data() == [(timestamp(day(1)), 50.0)]
    # No pain yet: the pain chart says how to record it.
    assert widget.pain_chart.pain_data() == ([], [])
    assert "circuit-timer pain N" in widget.pain_chart.empty.text()
    assert widget.pain_chart.view.isHidden()


def test_an_empty_history_shows_how_to_start(qtbot: QtBot, store: HistoryStore) -> None:
    widget = ChartsPage(store, lambda: TODAY)
    qtbot.addWidget(widget)
    assert widget.is_empty()
    assert widget.empty.text() == EMPTY_TEXT
    assert "circuit-timer pain N" in EMPTY_TEXT and "Today page" in EMPTY_TEXT
    store.add_pain(TODAY, "morning", 4)
    widget.refresh()
    assert not widget.is_empty()
    assert widget.pain_chart.pain_data() == ([timestamp(TODAY)], [4.0])
    assert widget.symmetry_chart.series() == []


def test_charts_can_be_used_alone(qtbot: QtBot) -> None:
    pain, sides = PainChart(), SymmetryChart()
    qtbot.addWidget(pain)
    qtbot.addWidget(sides)
    pain.set_data([(TODAY, 2)], [TODAY, TODAY - timedelta(days=30)])
    assert pain.session_data() == [timestamp(TODAY)]  # only days within the pain span
    sides.set_data([])
    assert sides.threshold_value() is None


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#171717",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#303134",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Mid: "#5f6368",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture
def restore_palette() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    yield
    app.setPalette(before)


def _check_shot(image: QImage) -> None:
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 6  # not a blank frame


def test_renders_in_light_and_dark_themes(
    page: ChartsPage, tmp_path: Path, restore_palette: None
) -> None:
    # CIRCUIT_TIMER_SHOTS=/tmp keeps the pictures for a person to look at.
    folder = Path(os.environ.get("CIRCUIT_TIMER_SHOTS", tmp_path))
    page.show()
    light = page.grab()
    assert light.save(str(folder / "charts.png"))
    _check_shot(light.toImage())
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert page.pain_chart.view.backgroundBrush().color() == base

    QApplication.setPalette(dark_palette())
    QApplication.processEvents()  # the palette change reaches the widgets as posted events
    dark = page.grab()
    assert dark.save(str(folder / "charts-dark.png"))
    _check_shot(dark.toImage())
    # The charts follow the palette, and the data is still all there.
    assert page.pain_chart.view.backgroundBrush().color() == QColor("#171717")
    assert page.symmetry_chart.view.backgroundBrush().color() == QColor("#171717")
    assert len(page.pain_chart.pain_data()[0]) == len(MORNINGS)
    assert [e for e, _, _ in page.symmetry_chart.series()] == [HEEL, BRIDGE]


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
def test_no_two_series_share_a_colour_and_a_marker(
    qtbot: QtBot, restore_palette: None, dark: bool
) -> None:
    if dark:
        QApplication.setPalette(dark_palette())
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


def test_every_day_is_labelled_when_there_is_room() -> None:
    assert tick_step(13, 80.0, 50.0) == 1
    assert tick_step(13, 30.0, 50.0) == 2
    assert tick_step(30, 10.0, 50.0) == 7
    assert tick_step(75, 3.0, 50.0) == 21
    assert tick_step(76, 100.0, 50.0) is None


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
    assert [exercise for exercise, _, _ in chart.series()] == [BRIDGE]
    assert chart.legend_names()[0] == "Single-leg glute bridge"


def test_the_pain_check_is_the_clis_advice(page: ChartsPage, seeded: HistoryStore) -> None:
    _, advice = insights.pain(seeded, TODAY)
    assert not page.advice_box.isHidden()
    assert page.advice.message.text() == advice.message
    assert page.advice.advice == advice


def test_no_pain_check_before_anything_to_check(qtbot: QtBot, store: HistoryStore) -> None:
    widget = ChartsPage(store, lambda: TODAY)
    qtbot.addWidget(widget)
    assert widget.advice_box.isHidden()
    # Pain after a session, and nothing else: the page is not empty, the check is kept.
    started = datetime.combine(TODAY, time(7, 0), tzinfo=UTC)
    uid = store.start_session("pf-crash-course", started_at=started, local_date=TODAY)
    store.finish_session(uid, "completed", pain_after=6, ended_at=started)
    widget.refresh()
    assert not widget.is_empty() and not widget.advice_box.isHidden()
    assert widget.advice.title.text() == "Go lighter next session"
    assert widget.advice.decided.text().startswith("Decided by the during-after check")
