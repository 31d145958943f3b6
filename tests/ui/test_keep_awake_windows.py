"""The Windows backend, against a fake kernel32: SetThreadExecutionState with display and
system required to hold, ES_CONTINUOUS alone to release, paired, on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.ui.app import open_main_window
from circuit_timer.ui.keep_awake import KeepAwake
from circuit_timer.ui.keep_awake_windows import (
    ES_CONTINUOUS,
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    WindowsExecutionState,
)
from tests.ui.driving import start

HOLD = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED


class FakeKernel32:
    """SetThreadExecutionState that records each call's flags and thread."""

    def __init__(self, *, refuse: bool = False, broken: bool = False) -> None:
        self.calls: list[int] = []
        self.threads: set[int] = set()
        self.refuse = refuse
        self.broken = broken
        self.state = ES_CONTINUOUS

    def SetThreadExecutionState(self, flags: int) -> int:
        self.calls.append(flags)
        self.threads.add(threading.get_ident())
        if self.broken:
            raise OSError("no such function")
        if self.refuse:
            return 0  # NULL: the call failed
        previous, self.state = self.state, flags
        return previous


def test_hold_and_release_pair_the_execution_states() -> None:
    kernel32 = FakeKernel32()
    awake = KeepAwake(WindowsExecutionState(kernel32))
    awake.hold("Workout in progress")
    assert awake.cookie is not None
    awake.hold()  # already held: not asked again
    awake.release()
    awake.hold()
    awake.release()
    awake.release()
    assert kernel32.calls == [HOLD, ES_CONTINUOUS, HOLD, ES_CONTINUOUS]
    assert kernel32.state == ES_CONTINUOUS


def test_the_state_is_released_only_when_the_last_hold_is() -> None:
    kernel32 = FakeKernel32()
    backend = WindowsExecutionState(kernel32)
    first = backend.inhibit("circuit-timer", "a")
    second = backend.inhibit("circuit-timer", "b")
    assert first is not None and second is not None and first != second
    backend.uninhibit(first)
    assert kernel32.calls == [HOLD, HOLD]
    backend.uninhibit(second)
    assert kernel32.calls == [HOLD, HOLD, ES_CONTINUOUS]


def test_a_refused_or_broken_call_holds_nothing_and_raises_nothing() -> None:
    refused = FakeKernel32(refuse=True)
    awake = KeepAwake(WindowsExecutionState(refused))
    awake.hold()
    assert awake.held and awake.cookie is None
    awake.release()
    assert refused.calls == [HOLD]  # nothing to give back
    broken = KeepAwake(WindowsExecutionState(FakeKernel32(broken=True)))
    broken.hold()
    assert broken.cookie is None
    broken.release()


def test_without_kernel32_there_is_nothing_to_ask() -> None:
    # This machine is not Windows: no library, no cookie, no error.
    assert WindowsExecutionState().inhibit("circuit-timer", "x") is None


def test_a_workout_holds_and_releases_on_the_gui_thread(qtbot: QtBot) -> None:
    kernel32 = FakeKernel32()
    win = open_main_window(
        clock=FakeClock(), cue_factory=None, keep_awake=KeepAwake(WindowsExecutionState(kernel32))
    )
    qtbot.addWidget(win)
    win.show()
    start(win, qtbot, "heel-raise-test")
    qtbot.keyClick(win.workout_page, Qt.Key.Key_Space)  # pause
    assert kernel32.calls == [HOLD, ES_CONTINUOUS]
    # The state belongs to the thread that set it: both calls came from the GUI thread.
    assert kernel32.threads == {threading.main_thread().ident}
    win.close()
