"""One WorkoutRun per workout: a press reaches the workout on screen and nothing it left
behind; what a workout starts (its sound, its timers) ends with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.events import Event
from circuit_timer.session.sound import SoundCues
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.app import open_main_window
from circuit_timer.ui.controller import WorkoutController
from circuit_timer.ui.main_window import MainWindow
from tests.ui.driving import FakeKeepAwake, open_window, start, to_next


class FakeSound:
    """A cue factory that records what each workout's sound heard, and when it closed."""

    def __init__(self) -> None:
        self.heard: list[list[Event]] = []
        self.closed: list[bool] = []

    def __call__(self, store: HistoryStore | None) -> SoundCues:
        heard: list[Event] = []
        self.heard.append(heard)
        self.closed.append(False)
        index = len(self.closed) - 1

        def close(wait: bool) -> str | None:
            self.closed[index] = True
            return None

        return SoundCues(heard.append, None, close)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = open_window(qtbot)
    yield win
    win.close()


@pytest.fixture
def done_calls(monkeypatch: pytest.MonkeyPatch) -> list[WorkoutController]:
    """Every controller whose ``done`` runs, in order."""
    calls: list[WorkoutController] = []
    real: Callable[[WorkoutController], None] = WorkoutController.done

    def spy(self: WorkoutController) -> None:
        calls.append(self)
        real(self)

    monkeypatch.setattr(WorkoutController, "done", spy)
    return calls


def finish_and_leave(win: MainWindow, qtbot: QtBot) -> None:
    """Finish early on the finish bar, then leave the summary with Done."""
    page = win.workout_page
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.finish_bar.finish, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is win.summary_page
    qtbot.mouseClick(win.summary_page.done, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is win.holders["History"]


def test_three_workouts_in_a_row_each_done_press_reaches_one_controller(
    window: MainWindow, qtbot: QtBot, done_calls: list[WorkoutController]
) -> None:
    controllers: list[WorkoutController] = []
    page = window.workout_page  # one page, lent to each workout in turn
    for _ in range(3):
        start(window, qtbot, "pf-crash-course")
        controller = window.controller
        assert controller is not None and controller not in controllers
        controllers.append(controller)
        to_next(window, "work")  # an open rep set: it waits for Done
        sets = len(controller.sets)
        for press in (
            lambda: qtbot.mouseClick(page.buttons["done"], Qt.MouseButton.LeftButton),
            lambda: qtbot.keyClick(page, Qt.Key.Key_Return),
        ):
            done_calls.clear()
            press()
            assert done_calls == [controller]
            to_next(window, "work")
        assert len(controller.sets) == sets + 2
        finish_and_leave(window, qtbot)
        assert window.controller is None
        assert page.controller is None  # the page let go of it
    assert len(controllers) == 3
    # Pressed now, with no workout on: nothing left behind answers.
    done_calls.clear()
    qtbot.mouseClick(page.buttons["done"], Qt.MouseButton.LeftButton)
    assert done_calls == []


def test_each_workouts_sound_closes_when_it_ends(qtbot: QtBot) -> None:
    sound = FakeSound()
    win = open_main_window(clock=FakeClock(), cue_factory=sound, keep_awake=FakeKeepAwake())
    qtbot.addWidget(win)
    win.show()
    for n in range(1, 3):
        start(win, qtbot, "pf-crash-course")
        assert sound.closed == [True] * (n - 1) + [False]  # open while it runs
        assert win.controller is not None
        win.controller.finish_early()
        assert win.pages.currentWidget() is win.summary_page
        assert sound.closed == [True] * n  # closed as it ended, before the summary's buttons
        assert sound.heard[-1]  # it was this workout's sound: it heard its events
        qtbot.mouseClick(win.summary_page.done, Qt.MouseButton.LeftButton)
    win.close()


def test_closing_mid_workout_stops_its_timers_and_sound(qtbot: QtBot) -> None:
    sound = FakeSound()
    win = open_main_window(clock=FakeClock(), cue_factory=sound, keep_awake=FakeKeepAwake())
    qtbot.addWidget(win)
    win.show()
    start(win, qtbot, "pf-crash-course")
    controller = win.controller
    assert controller is not None
    win.close()
    assert controller.workout.finished and controller.workout.status == "partial"
    assert not controller._wake.isActive() and not controller._redraw.isActive()
    assert sound.closed == [True]
    assert win.keep_awake.calls == ["hold", "release"]  # type: ignore[attr-defined]
