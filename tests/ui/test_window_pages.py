"""The window's pages are built when first needed, once, and wired to the window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.ui.app import build_window
from circuit_timer.ui.main_window import MainWindow
from tests.ui.driving import FakeKeepAwake


def unloaded(qtbot: QtBot) -> MainWindow:
    """A window as the first paint sees it: built, the library not loaded yet."""
    win = build_window(clock=FakeClock(), cue_factory=None, keep_awake=FakeKeepAwake())
    qtbot.addWidget(win)
    return win


def test_before_loading_no_page_is_built(qtbot: QtBot) -> None:
    win = unloaded(qtbot)
    assert win._library_page is None
    assert win._workout_page is None and win._summary_page is None
    assert win.today_page is None and win.plan_page is None and win.history_page is None


def test_the_workout_and_summary_pages_are_built_once_on_first_use(qtbot: QtBot) -> None:
    win = unloaded(qtbot)
    workout = win.workout_page
    assert win.workout_page is workout and win.pages.indexOf(workout) >= 0
    summary = win.summary_page
    assert win.summary_page is summary and win.pages.indexOf(summary) >= 0
    assert summary in win.page_host.untitled  # the summary has no page title


def test_the_library_page_is_built_on_first_use_and_its_start_reaches_the_window(
    qtbot: QtBot,
) -> None:
    win = unloaded(qtbot)
    started: list[str] = []
    win.start_circuit = started.append  # type: ignore[method-assign]
    page = win.library_page
    assert win.library_page is page
    page.start_requested.emit("heel-raise-test")
    assert started == ["heel-raise-test"]
