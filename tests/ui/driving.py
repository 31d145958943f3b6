"""Driving the main window in tests: a fake screen-saver inhibitor, a window on a fake
clock, and moving a workout forward."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.ui.app import open_main_window
from circuit_timer.ui.main_window import MainWindow


class FakeKeepAwake:
    """Records what the window asks of the screen saver."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.held = False

    def hold(self, reason: str = "") -> None:
        if not self.held:
            self.calls.append("hold")
        self.held = True

    def release(self) -> None:
        if self.held:
            self.calls.append("release")
        self.held = False


def open_window(qtbot: QtBot, size: tuple[int, int] = (1000, 750)) -> MainWindow:
    """A shown main window on a fake clock, with no sound and a fake inhibitor."""
    win = open_main_window(clock=FakeClock(), cue_factory=None, keep_awake=FakeKeepAwake())
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    return win


def clock(win: MainWindow) -> FakeClock:
    assert isinstance(win.clock, FakeClock)
    return win.clock


def advance(win: MainWindow, seconds: float) -> None:
    clock(win).advance(seconds)
    assert win.controller is not None
    win.controller.pump()


def to_next(win: MainWindow, kind: str, side: str | None = "any") -> None:
    """Run time forward (marking open sets done) until a segment of ``kind`` is on."""
    assert win.controller is not None
    engine = win.controller.workout.engine
    for _ in range(2000):
        seg = engine.snapshot().segment
        if seg.kind == kind and (side == "any" or seg.side == side):
            return
        wake = engine.next_wakeup()
        # An open rep set waits for Done (a paced one beats on, so it has wake-ups).
        if wake is None or (seg.kind == "work" and seg.seconds is None):
            win.controller.done()
        else:
            clock(win).set(wake)
            win.controller.pump()
    raise AssertionError(f"no {kind} segment")


def start(win: MainWindow, qtbot: QtBot, circuit_id: str) -> None:
    page = win.library_page
    page.search.setText(circuit_id)
    page.select(circuit_id)
    assert page.selected_id() == circuit_id
    qtbot.mouseClick(page.start, Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is win.workout_page


def run_to_end(win: MainWindow) -> None:
    """Run the window's workout to its end: wake at each due time, and press Done on
    every open set (paced or not), as a runner would."""
    assert win.controller is not None
    workout = win.controller.workout
    while not workout.finished:
        wake = workout.next_wakeup()
        segment = workout.snapshot().segment
        if wake is None or (segment.kind == "work" and segment.seconds is None):
            win.controller.done()
        else:
            clock(win).set(wake)
            win.controller.pump()
