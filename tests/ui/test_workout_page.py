"""The workout page: Finish asks first (and hides no clock), open rep sets show their count."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.timeline import Segment
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.workout_page import WorkoutPage
from circuit_timer.ui.workout_text import next_text
from tests.ui.driving import advance, run_to_end, start, to_next
from tests.ui.layout_checks import assert_fits


def engine_state(win: MainWindow) -> str:
    assert win.controller is not None
    return win.controller.workout.engine.state


def to_open_set(win: MainWindow) -> None:
    """Run forward to the first open rep set (reps, no tempo: ends on Done)."""
    to_next(win, "work")
    assert win.controller is not None
    segment = win.controller.workout.engine.snapshot().segment
    assert segment.seconds is None and segment.reps is not None


def to_timed_set(win: MainWindow) -> None:
    """Run forward (marking open sets done) to a work segment with a clock."""
    assert win.controller is not None
    for _ in range(100):
        to_next(win, "work")
        if win.controller.workout.engine.snapshot().segment.seconds is not None:
            return
        win.controller.done()
    raise AssertionError("no timed work segment")


def clear_of(page: WorkoutPage, widget: QWidget) -> bool:
    """Whether the finish bar leaves ``widget`` wholly in view."""
    return not page.finish_bar.geometry().intersects(widget.geometry())


def test_the_finish_button_asks_and_keep_going_keeps_the_workout_running(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    to_timed_set(window)
    before = page.countdown.text()
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    assert page.asking and page.finish_bar.isVisible()
    assert page.finish_bar.keep.text() == "Keep going"
    assert page.finish_bar.finish.text() == "Finish and save"
    assert window.pages.currentWidget() is page and engine_state(window) == "running"
    # The clock runs on while asking, in plain view.
    advance(window, 5)
    assert page.countdown.text() != before and engine_state(window) == "running"
    assert clear_of(page, page.countdown) and page.countdown.isVisible()
    qtbot.mouseClick(page.finish_bar.keep, Qt.MouseButton.LeftButton)
    assert not page.asking and engine_state(window) == "running"
    assert window.pages.currentWidget() is page
    # Asked again, Finish and save ends it as partial.
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.finish_bar.finish, Qt.MouseButton.LeftButton)
    assert window.controller is not None
    assert window.controller.workout.status == "partial"
    assert window.pages.currentWidget() is window.summary_page
    assert window.summary_page.heading.text().startswith("Finished early")


def test_esc_and_enter_while_asking_mean_keep_going(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    to_open_set(window)
    assert window.controller is not None
    index = window.controller.workout.engine.index
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc asks, like the Finish button
    assert page.asking
    qtbot.keyClick(page, Qt.Key.Key_Escape)  # Esc again: the escape button, keep going
    assert not page.asking and engine_state(window) == "running"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(page, Qt.Key.Key_Return)  # Enter: the default button, keep going
    assert not page.asking
    assert window.controller.workout.engine.index == index  # Enter did not mark it done
    assert window.controller.sets == []
    qtbot.keyClick(page, Qt.Key.Key_Return)  # not asking: Enter marks the set done again
    assert len(window.controller.sets) == 1


def test_a_set_that_ends_while_asking_is_recorded(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    to_timed_set(window)
    assert window.controller is not None
    done = len(window.controller.sets)
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    assert f"Your {done} sets so far are saved" in page.finish_bar.message.text()
    remaining = window.controller.workout.engine.snapshot().remaining
    assert remaining is not None
    advance(window, remaining + 0.01)
    assert len(window.controller.sets) == done + 1
    assert page.asking  # still asking, and it says what finishing now keeps
    assert f"Your {done + 1} sets so far are saved" in page.finish_bar.message.text()


def test_with_no_set_done_the_question_says_nothing_is_saved_yet(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, "heel-raise-test")
    page = window.workout_page
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    assert "No set is done yet: nothing is saved" in page.finish_bar.message.text()
    assert page.finish_bar.finish.text() == "Finish"
    to_next(window, "work")
    assert window.controller is not None
    window.controller.done()
    assert "Your 1 set so far is saved as a partial session" in page.finish_bar.message.text()
    assert page.finish_bar.finish.text() == "Finish and save"


def test_the_question_goes_when_the_workout_ends_by_itself(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, "heel-raise-test")
    page = window.workout_page
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    run_to_end(window)
    assert not page.asking
    assert window.controller.workout.status == "completed"


@pytest.mark.parametrize("size", [(800, 600), (1100, 760), (3840, 2160)])
def test_the_question_leaves_the_clock_and_the_exercise_in_view(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    start(window, qtbot, "pf-crash-course")
    to_next(window, "work", "left")
    to_next(window, "work", "left")  # a tempo set, per side: every label is in use
    page = window.workout_page
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    bar = page.finish_bar
    for widget in (page.kind, page.countdown, page.name, page.side, page.reps, page.tempo):
        assert widget.isVisible() and widget.text(), widget.objectName()
        assert clear_of(page, widget), widget.objectName()
    assert page.rect().contains(bar.geometry())
    for widget in (bar.message, bar.hint, bar.keep, bar.finish):
        assert_fits(widget)


@pytest.mark.parametrize("size", [(800, 600), (1100, 760), (3840, 2160)])
def test_an_open_rep_set_shows_its_count_biggest_and_elapsed_as_elapsed(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    to_open_set(window)
    advance(window, 12)
    qtbot.keyClick(page, Qt.Key.Key_Up)
    qtbot.keyClick(page, Qt.Key.Key_Up)
    qtbot.wait(20)
    assert page.countdown.text() == "2 / 10"  # a count, never a clock
    assert page.tempo.text() == "+0:12 elapsed"
    assert not page.segment_bar.isVisible()  # no clock to fill it
    shown = [lb for lb in page.findChildren(QLabel) if lb.isVisible() and lb.text()]
    biggest = max(shown, key=lambda lb: lb.font().pixelSize())
    assert biggest is page.countdown
    others = [lb.font().pixelSize() for lb in shown if lb is not page.countdown]
    assert page.countdown.font().pixelSize() > 2 * max(others)
    assert page.tempo.font().pixelSize() < page.reps.font().pixelSize()
    for label in shown:
        assert_fits(label)
    assert not any(re.fullmatch(r"\d+:\d\d", lb.text()) for lb in shown)  # no bare clock


def test_an_uncounted_open_set_says_what_done_records(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    to_open_set(window)
    assert page.countdown.text() == "0 / 10"
    assert page.reps.text() == "not counted: Done ✓ saves 10"
    qtbot.keyClick(page, Qt.Key.Key_Up)
    qtbot.keyClick(page, Qt.Key.Key_Down)  # counted, down to 0: Done records 0
    assert page.reps.text() == "reps counted"
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.controller is not None
    assert window.controller.sets[-1].reps_done == 0


def segment(**fields: object) -> Segment:
    base: dict[str, object] = dict(
        kind="work", block=1, round=1, rounds=1, exercise="x", name="Bridge",
        set=1, sets=1, side=None, reps=None, rep=None, seconds=None, tempo=None, estimate=1.0,
    )  # fmt: skip
    base.update(fields)
    return Segment(**base)  # type: ignore[arg-type]


def test_what_comes_next_is_in_plain_words() -> None:
    assert next_text(segment(reps=1)) == "Next: Bridge, 1 rep"
    assert next_text(segment(reps=12, side="left")) == "Next: Bridge, left, 12 reps"
    # Beside a LEFT badge (a rest before the left side), "left" is not said twice.
    assert next_text(segment(reps=12, side="left"), side_shown="left") == "Next: Bridge, 12 reps"
    assert next_text(segment(reps=12, side="right"), side_shown="left") == (
        "Next: Bridge, right, 12 reps"
    )
    assert next_text(segment(kind="hold", reps=1, seconds=30)) == "Next: Bridge, 30 s hold"
    assert next_text(segment(kind="hold", reps=5, seconds=45)) == "Next: Bridge, 5 x 45 s hold"
    assert next_text(segment(seconds=30)) == "Next: Bridge, 30 s"
    assert next_text(None) == "Next: finish"


def test_a_rest_before_a_side_names_the_side_once(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "pf-crash-course")
    to_next(window, "rest", "left")
    page = window.workout_page
    assert page.side.text() == "LEFT"
    assert page.name.text().startswith("Next: ") and "left" not in page.name.text()
