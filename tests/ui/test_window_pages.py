"""The window's pages are built when first needed, once, and wired to the window; they
read the history off the GUI thread, so a locked history never stalls the window."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.dates import day_text
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.app import build_window
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.page_loader import WAITING_TEXT
from tests.ui.driving import (
    FakeKeepAwake,
    Locker,
    StallMeter,
    open_window,
    rollback_journal,
    wait_loaded,
)


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


def says_waiting(page: QWidget) -> bool:
    """Whether the page shows the one line saying it waits for the history."""
    return any(
        label.isVisible() and label.text() == WAITING_TEXT for label in page.findChildren(QLabel)
    )


def test_a_locked_history_never_stalls_the_window_and_the_pages_fill_in_after(
    qtbot: QtBot, private_home: Path
) -> None:
    today = date.today()
    with HistoryStore.in_folder(private_home) as store:
        store.enrol("pf-crash-course-4-weeks", today + timedelta(days=18), today)
        uid = store.start_session("pf-crash-course", local_date=today)
        store.finish_session(uid, "completed")
        store.add_pain(today, "morning", 2)
    # No circuits folder: the library watcher watches the data folder above it, where the
    # lock's journal comes and goes; that must not reload the library on the GUI thread.
    assert not (private_home / "circuits").exists()
    win = open_window(qtbot)
    wait_loaded(qtbot, win)
    # Imported at the first visit to Charts (pyqtgraph, about 260 ms): not a wait on the
    # history, so not measured here.
    import circuit_timer.ui.charts

    assert win.store is not None
    # In WAL mode another process's lock keeps writers out but lets readers read: the
    # rollback journal (kept where WAL cannot be) makes every read wait for it too.
    rollback_journal(win.store)
    pages = ("Today", "History", "Charts", "Plan")
    with Locker(win.store.path) as locker:
        # First visits: each page is built, says it is loading, then that it waits.
        for name in pages:
            win.show_page(name)
            page = win.browse[name]
            qtbot.waitUntil(lambda page=page: says_waiting(page), timeout=5000)
        # Measured from here: building a page (not a wait on the history) is not.
        meter = StallMeter()
        # Visited again, as after a workout or a plan change: each page reads again,
        # and says again that it waits, retrying in the background.
        for name in pages:
            win.show_page(name)
            page = win.browse[name]
            qtbot.waitUntil(lambda page=page: says_waiting(page), timeout=5000)
            qtbot.wait(300)
            assert says_waiting(page)
        meter.check()
        locker.release(qtbot)
    # Once the lock has gone, each page fills in (drawing a plan's table or a chart is
    # work for the GUI thread, but no wait on the history).
    for name in pages:
        win.show_page(name)
        wait_loaded(qtbot, win.browse[name])
        assert not says_waiting(win.browse[name])
    # Each page shows the history once the lock has gone.
    assert win.today_page is not None and win.history_page is not None
    assert win.plan_page is not None
    assert (
        win.today_page.headline.text()
        == f"18 days to your race ({day_text(today + timedelta(days=18))})"
    )
    assert win.today_page.pain_value() == 2
    assert win.history_page.visible_uuids() == [uid]
    charts = win.browse["Charts"].page
    assert isinstance(charts, circuit_timer.ui.charts.ChartsPage) and not charts.is_empty()
    assert win.plan_page.following_shown()
