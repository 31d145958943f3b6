"""The composition root: the window paints before it reads the library and the history,
and the store it opens is closed after the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.app import open_main_window, start_window
from tests.ui.driving import FakeKeepAwake


class Paints(QObject):
    """Whether the window had its library listed at each of its paints."""

    def __init__(self) -> None:
        super().__init__()
        self.listed_at_paint: list[bool] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.listed_at_paint.append(bool(watched.property("listed_now")))
        return False


def test_the_window_paints_loading_first_then_lists_the_library(qtbot: QtBot) -> None:
    win = start_window(clock=FakeClock(), cue_factory=None, keep_awake=FakeKeepAwake())
    qtbot.addWidget(win)
    paints = Paints()
    win.installEventFilter(paints)
    win.library_listed.connect(lambda: win.setProperty("listed_now", True))
    # Shown, and nothing read yet: the page's place says so.
    assert win.isVisible() and not win.listed
    assert win.pages.currentWidget() is win.loading
    [loading] = win.loading.findChildren(QLabel)
    assert loading.objectName() == "emptyState" and loading.text() == "Loading\u2026"
    assert loading.isVisible()
    assert win.library_page.list.count() == 0
    with qtbot.waitSignal(win.library_listed, timeout=10_000):
        pass
    assert win.listed
    assert paints.listed_at_paint[0] is False  # the first paint came before the library
    assert win.pages.currentWidget() is win.holders["Library"]  # no plan: the library
    assert "Plantar fasciitis crash course" in win.library_page.visible_titles()
    assert not loading.isVisible()
    win.close()


def test_with_a_plan_today_comes_first_once_loaded(qtbot: QtBot, private_home: Path) -> None:
    from datetime import date, timedelta

    today = date(2026, 11, 25)
    with HistoryStore.in_folder(private_home) as store:
        store.enrol("pf-crash-course-4-weeks", today + timedelta(days=18), today)
    win = start_window(cue_factory=None, keep_awake=FakeKeepAwake(), today=lambda: today)
    qtbot.addWidget(win)
    # Focus coming to the sidebar (as the window is activated) builds nothing before the
    # first paint.
    QApplication.sendEvent(
        win.nav.list, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.TabFocusReason)
    )
    assert win.today_page is None  # built on its first visit, after the first paint
    assert win.pages.currentWidget() is win.loading
    qtbot.waitSignal(win.library_listed, timeout=10_000).wait()
    # Which page comes first is read off the GUI thread (in before the first paint as a
    # rule; if not, Today takes Library's place as soon as it is).
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.holders["Today"], timeout=5000)
    assert win.nav.currentItem().text() == "Today"
    assert win.today_page is not None and win.today_page.isVisible()
    win.close()


def test_the_store_is_opened_once_and_closed_after_the_window(
    qtbot: QtBot, private_home: Path
) -> None:
    win = open_main_window(cue_factory=None, keep_awake=FakeKeepAwake())
    qtbot.addWidget(win)
    store = win.store
    assert store is not None and store.path.parent == private_home
    assert win.listed  # loaded before it is shown: what tests and scripts start from
    store.sessions()  # open
    win.close()
    try:
        store.sessions()
    except Exception as exc:  # sqlite3.ProgrammingError, as the store lets it through
        assert "closed" in str(exc)
    else:
        raise AssertionError("the store is still open after the window closed")
