"""Driving the main window in tests: a fake screen-saver inhibitor, a window on a fake
clock, moving a workout forward, waiting for a page's reads, another process that holds the
history locked, and a meter of the event loop's stalls."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.app import open_main_window
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.page_loader import PageLoader, wait_for_reads

W = TypeVar("W", bound=QObject)


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


def wait_loaded(qtbot: QtBot, widget: QObject, timeout: int = 5000) -> None:
    """Wait until every read of the history ``widget`` (a window, a page, or a
    PageLoader itself) asked for off the GUI thread has been shown (ui/page_loader.py)."""
    loaders = [widget] if isinstance(widget, PageLoader) else widget.findChildren(PageLoader)
    qtbot.waitUntil(lambda: not any(loader.busy for loader in loaders), timeout=timeout)


def loaded(widget: W) -> W:
    """``widget`` once every read it asked for off the GUI thread has been shown (for
    builders that have no qtbot at hand)."""
    deadline = time.monotonic() + 10
    while any(loader.busy for loader in widget.findChildren(PageLoader)):
        assert time.monotonic() < deadline, "the page's reads did not come"
        wait_for_reads()
        QApplication.processEvents()
    return widget


def wait_shown(qtbot: QtBot, win: MainWindow, name: str) -> QWidget:
    """Show the browse page ``name`` and wait until it has loaded; the page."""
    win.show_page(name)
    page = win.browse[name]
    wait_loaded(qtbot, page)
    return page


# Holds an exclusive lock on a database until told to let go (a line on stdin), as
# tests/reliability/test_broken_storage.py's locker does.
LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


def rollback_journal(store: HistoryStore) -> None:
    """Put ``store``'s file in rollback-journal mode, the one the store keeps where the
    file system cannot do WAL (some network shares): there an exclusive lock keeps
    readers out too, while in WAL mode they read on. ``store`` must be its only
    connection: a page's reader still closing on its worker thread is waited for."""
    deadline = time.monotonic() + 10
    while True:
        try:
            mode = store._conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            break
        except sqlite3.OperationalError:
            # Leaving WAL needs the file to itself, and SQLite does not wait for it.
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    assert mode == "delete"


class Locker:
    """Another process that holds the history at ``path`` locked while in its ``with``,
    or until ``release``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Locker:
        self._process = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(self.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        assert self._process.stdout.readline().strip() == "locked"
        return self

    def release(self, qtbot: QtBot | None = None) -> None:
        """Let go of the lock, and wait for the process to end (with ``qtbot``, the
        event loop runs meanwhile, so the wait is not a stall of the window)."""
        process = self._process
        if process is None:
            return
        self._process = None
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("\n")
        process.stdin.close()
        if qtbot is not None:
            qtbot.waitUntil(lambda: process.poll() is not None, timeout=10_000)
        process.wait(timeout=10)
        process.stdout.close()
        assert process.returncode == 0

    def __exit__(self, *exc: object) -> None:
        self.release()


# The longest the event loop may go without turning while the history is locked.
MAX_STALL = 0.1


class StallMeter:
    """Ticks every 10 ms on the GUI thread; ``longest`` is the longest the event loop
    went without ticking, in seconds."""

    def __init__(self) -> None:
        # What earlier tests left to delete (their windows: closing a file watcher alone
        # takes the kernel 10-20 ms) is deleted now, not in the first interval measured.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        self.longest = 0.0
        self._last = time.monotonic()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def check(self) -> None:
        """Stop, and fail if the event loop ever stalled over MAX_STALL."""
        self.timer.stop()
        assert self.longest < MAX_STALL, f"the event loop stalled {self.longest * 1000:.0f} ms"
