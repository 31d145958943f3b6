"""The window driven offscreen: library, workout, summary, history; keys and sizes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QFontMetrics, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.dates import long_date
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.app import open_main_window
from circuit_timer.ui.lazy_page import LazyPage
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.navigation import PAGE_TEXT
from circuit_timer.ui.style import PAGE_MARGIN, Colours
from tests.ui.driving import (
    FakeKeepAwake,
    Locker,
    StallMeter,
    advance,
    rollback_journal,
    run_to_end,
    start,
    to_next,
    wait_loaded,
)


def test_library_lists_searches_and_filters(window: MainWindow) -> None:
    page = window.library_page
    titles = page.visible_titles()
    assert "Plantar fasciitis crash course" in titles
    assert any("3-4 weeks to race day" in t for t in titles)
    page.search.setText("glute bridge")  # matches exercise names too
    assert "Plantar fasciitis crash course" in page.visible_titles()
    assert "Calf and Achilles" not in page.visible_titles()
    page.search.clear()
    page.tags.setCurrentText("plantar-fasciitis")
    assert "Runner's knee" not in page.visible_titles()
    page.select("pf-crash-course")
    html = page.preview.toHtml()
    assert "Towel" in html or "towel" in html
    assert "each side" in html and "About 33 min" in html
    assert page.start.isEnabled()


def test_a_whole_workout_from_library_to_summary_to_history(
    window: MainWindow, qtbot: QtBot, private_home: Path
) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    assert window.keep_awake.calls == ["hold"]  # type: ignore[attr-defined]
    assert page.kind.text() == "GET READY"
    # Pause and resume with the space bar; paused time does not count.
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert "PAUSED" in page.kind.text()
    assert window.keep_awake.calls == ["hold", "release"]  # type: ignore[attr-defined]
    advance(window, 300)
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert window.keep_awake.calls == ["hold", "release", "hold"]  # type: ignore[attr-defined]
    # Count reps on the first open set with Up and Down, then Enter marks it done. An open
    # set's count stands where the countdown would (issue 10 moved it from the reps label).
    to_next(window, "work")
    assert page.countdown.text() == "0 / 10"
    assert page.reps.text() == "not counted: Done ✓ saves 10"
    qtbot.keyClick(page, Qt.Key.Key_Up)
    qtbot.keyClick(page, Qt.Key.Key_Up)
    qtbot.keyClick(page, Qt.Key.Key_Up)
    qtbot.keyClick(page, Qt.Key.Key_Down)
    assert page.countdown.text() == "2 / 10"
    assert page.reps.text() == "reps counted"
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.controller is not None
    assert window.controller.sets[-1].reps_done == 2
    # Skip with the right arrow: the rest is gone.
    assert page.kind.text() == "REST"
    assert page.name.text() == "Next: Toe yoga, 10 reps"  # the rest tells what comes next
    qtbot.keyClick(page, Qt.Key.Key_Right)
    assert page.kind.text() == "WORK"
    # Sides: the badge says LEFT, then SWITCH SIDES, then RIGHT.
    to_next(window, "work", "left")
    assert page.side.text() == "LEFT"
    to_next(window, "switch")
    assert page.kind.text() == "SWITCH SIDES"
    to_next(window, "work", "right")
    assert page.side.text() == "RIGHT"
    # Finish early with Esc, confirmed (issue 10: on the page's finish bar, not a dialog).
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert page.asking
    qtbot.mouseClick(page.finish_bar.finish, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.summary_page
    assert window.keep_awake.calls[-1] == "release"  # type: ignore[attr-defined]
    summary = window.summary_page
    assert summary.heading.text().startswith("Finished early")
    assert summary.table.rowCount() >= 1
    qtbot.mouseClick(summary.pain_after.buttons[4], Qt.MouseButton.LeftButton)
    summary.note.setText("left heel sore")
    qtbot.mouseClick(summary.save, Qt.MouseButton.LeftButton)
    # Issue 11: the summary stays to show the advice; Done goes on to the history.
    assert window.pages.currentWidget() is window.summary_page and summary.saved
    qtbot.mouseClick(summary.done, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.holders["History"]  # the session just saved
    assert window.nav.isVisible()
    with HistoryStore.in_folder(private_home) as store:
        [session] = store.sessions()
        assert (session.status, session.pain_after, session.notes) == (
            "partial", 4, "left heel sore",
        )  # fmt: skip
        assert store.sets()[0].reps_done == 2


def test_a_completed_workout_says_so(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "heel-raise-test")
    run_to_end(window)
    assert window.summary_page.heading.text() == (
        "Completed: Left-right check: heel raise, bridge, hip abduction"
    )
    assert window.keep_awake.calls == ["hold", "release"]  # type: ignore[attr-defined]


def test_the_user_folder_is_watched(window: MainWindow, qtbot: QtBot, private_home: Path) -> None:
    folder = private_home / "circuits"
    folder.mkdir(exist_ok=True)
    path = folder / "mine.yaml"
    path.write_text("title: My own\nblocks:\n  - exercises:\n      - {id: a, name: A, work: 5}\n")
    qtbot.waitUntil(lambda: "My own" in window.library_page.visible_titles(), timeout=5000)
    path.write_text("title: My own\nblocks:\n  - exercises:\n      - {id: a, name: A, wrk: 5}\n")

    def broken_shown() -> bool:
        return (
            any(t.startswith("\u26a0 mine.yaml") for t in window.library_page.visible_titles())
            and "My own" not in window.library_page.visible_titles()
        )

    qtbot.waitUntil(broken_shown, timeout=5000)
    page = window.library_page
    [broken] = [page.list.item(r) for r in range(page.list.count())
                if page.list.item(r).text().startswith("\u26a0")]  # fmt: skip
    assert "4:9: exercise 'a' has no dose" in broken.text()
    page.list.setCurrentItem(broken)
    assert "4:26: unknown key 'wrk' (did you mean 'work'?)" in page.preview.toPlainText()
    assert not page.start.isEnabled()


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080), (3840, 2160)])
def test_the_countdown_is_big_and_nothing_is_clipped(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    window.resize(*size)
    start(window, qtbot, "pf-crash-course")
    to_next(window, "work", "left")
    to_next(window, "work", "left")  # a tempo set, per side: every label is in use
    qtbot.wait(50)
    page = window.workout_page
    assert window.height() == size[1]
    digits = QFontMetrics(page.countdown.font()).tightBoundingRect(page.countdown.text())
    assert digits.height() >= window.height() / 4
    for label in page.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        metrics = QFontMetrics(label.font())
        room = label.contentsRect()
        assert metrics.horizontalAdvance(label.text()) <= room.width(), label.objectName()
        assert metrics.height() <= room.height() + 2, (label.objectName(), metrics.height(), room)


def test_todays_plan_session_records_its_plan_and_week(qtbot: QtBot, private_home: Path) -> None:
    from datetime import date, timedelta

    today = date(2026, 11, 25)  # a Wednesday, 18 days (week 2 out) before Sunday 13 Dec
    with HistoryStore.in_folder(private_home) as store:
        store.enrol("pf-crash-course-4-weeks", today + timedelta(days=18), today)
    win = open_main_window(clock=FakeClock(), cue_factory=None, keep_awake=FakeKeepAwake(),
                           today=lambda: today)  # fmt: skip
    qtbot.addWidget(win)
    win.show()
    wait_loaded(qtbot, win)  # the start-up read and the pages' reads, off the GUI thread
    assert win.pages.currentWidget() is win.holders["Today"]  # with a plan, Today first
    assert "Plantar fasciitis crash course" in win.library_page.today.text()
    wait_loaded(qtbot, win)
    qtbot.mouseClick(win.today_page.start, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, win)  # today's session is read off the GUI thread, then started
    assert win.controller is not None
    towel = next(ex for b in win.controller.workout.circuit.blocks for ex in b.exercises
             if ex.id == "towel-heel-raise")  # fmt: skip
    # Issue 14: a late start begins at the ladder's first step (3 x 12), as `run` does;
    # week 2 out still halves its sets.
    assert (towel.sets, towel.reps) == (2, 12)
    to_next(win, "work")
    win.controller.done()  # one set: a workout with none is not kept unless asked (issue 10)
    win.controller.finish_early()
    win.close()
    with HistoryStore.in_folder(private_home) as store:
        [session] = store.sessions()
        assert (session.plan_id, session.plan_week) == ("pf-crash-course-4-weeks", 2)


def test_start_records_the_hash_of_the_circuit_file_as_loaded(
    window: MainWindow, qtbot: QtBot, private_home: Path
) -> None:
    folder = private_home / "circuits"
    folder.mkdir(exist_ok=True)
    path = folder / "mine.yaml"
    path.write_text("title: My own\nblocks:\n  - exercises:\n      - {id: a, name: A, work: 5}\n")
    qtbot.waitUntil(lambda: "My own" in window.library_page.visible_titles(), timeout=5000)
    loaded = path.read_bytes()
    # Edited between loading and Start (before the watcher could reload): the file that
    # runs is the one loaded, so its hash is the one recorded.
    path.write_text(path.read_text().replace("work: 5", "work: 50"))
    window.start_circuit("mine")
    to_next(window, "work")
    assert window.controller is not None
    window.controller.done()
    with HistoryStore.in_folder(private_home) as store:
        [session] = store.sessions()
    assert session.circuit_hash == hashlib.sha256(loaded).hexdigest()


# -- the sidebar, the page titles and the look ------------------------------------------


def _inked(icon: QIcon, mode: QIcon.Mode) -> set[int]:
    """The colours of an icon's opaque pixels."""
    image = icon.pixmap(QSize(20, 20), mode).toImage()
    return {
        image.pixelColor(x, y).rgb()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_the_sidebar_has_an_icon_per_page_drawn_in_the_text_colour(window: MainWindow) -> None:
    nav = window.nav
    assert [nav.item(r).text() for r in range(nav.count())] == list(PAGE_TEXT)
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText).rgb()
    selected = palette.color(QPalette.ColorRole.HighlightedText).rgb()
    drawings = set()
    for row in range(nav.count()):
        icon = nav.item(row).icon()
        assert _inked(icon, QIcon.Mode.Normal) == {text}, nav.item(row).text()
        assert _inked(icon, QIcon.Mode.Selected) == {selected}, nav.item(row).text()
        drawings.add(icon.pixmap(QSize(20, 20)).toImage().bits().tobytes())
    assert len(drawings) == nav.count()  # five different drawings
    assert nav.findChild(QLabel, "appName").text() == "circuit-timer"


def _content_left(page: QWidget, host: QWidget) -> int:
    """Where ``page``'s laid-out content starts, in ``host``'s coordinates."""
    layout = page.layout()
    assert layout is not None
    return page.mapTo(host, layout.contentsRect().topLeft()).x()


def test_picking_a_page_in_the_sidebar_shows_it_under_its_title(
    window: MainWindow, qtbot: QtBot
) -> None:
    nav, host = window.nav, window.page_host
    accent = Colours.from_palette(QApplication.palette()).accent
    for name in ("History", "Plan", "Charts", "Today", "Library"):
        row = list(PAGE_TEXT).index(name)
        rect = nav.list.visualItemRect(nav.item(row))
        qtbot.mouseClick(nav.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.pages.currentWidget() is window.holders[name]
        assert nav.currentItem().text() == name
        assert host.header.isVisible() and host.title.text() == PAGE_TEXT[name][0]
        subtitle = long_date(window.today()) if name == "Today" else PAGE_TEXT[name][1]
        assert host.subtitle.isVisible() and host.subtitle.text() == subtitle
        # The picked page is filled with the accent; another page is not.
        image = nav.list.viewport().grab().toImage()
        other = nav.list.visualItemRect(nav.item((row + 1) % nav.count()))
        assert image.pixelColor(rect.left() + 4, rect.center().y()).rgb() == accent.rgb()
        assert image.pixelColor(other.left() + 4, other.center().y()).rgb() != accent.rgb()
        # The page's content starts on the page margin, under the title's left edge.
        page = window.browse[name]
        content = page.page if isinstance(page, LazyPage) else page
        assert content is not None
        qtbot.waitUntil(lambda c=content: _content_left(c, host) == PAGE_MARGIN)
        assert host.title.mapTo(host, QPoint(0, 0)).x() == PAGE_MARGIN


def test_the_sidebar_words_fit_at_800x600(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800)
    nav = window.nav
    for row in range(nav.count()):
        item = nav.item(row)
        rect = nav.list.visualItemRect(item)
        words = QFontMetrics(nav.list.font()).horizontalAdvance(item.text())
        assert rect.right() < nav.list.viewport().width()
        assert nav.list.iconSize().width() + words < rect.width(), item.text()
    name = nav.findChild(QLabel, "appName")
    assert QFontMetrics(name.font()).horizontalAdvance(name.text()) <= name.contentsRect().width()


def test_the_workout_page_is_full_bleed_and_untouched_by_the_style_sheet(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, "pf-crash-course")
    to_next(window, "work", "left")
    page, host = window.workout_page, window.page_host
    assert not host.header.isVisible() and not window.nav.isVisible()
    qtbot.waitUntil(lambda: page.geometry().width() == host.width())
    page.flash.hide()
    styled = page.grab().toImage()
    window.setStyleSheet("")
    assert page.grab().toImage() == styled


def test_the_summary_sits_on_the_page_margin_under_its_own_heading(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, "pf-crash-course")
    assert window.controller is not None
    window.controller.finish_early()
    assert window.pages.currentWidget() is window.summary_page
    host = window.page_host
    assert not host.header.isVisible()  # the summary's heading says what it is
    qtbot.waitUntil(lambda: _content_left(window.summary_page, host) == PAGE_MARGIN)


def test_the_start_up_read_and_the_library_wait_out_a_lock_without_stalling(
    qtbot: QtBot, private_home: Path
) -> None:
    from datetime import date, timedelta

    from circuit_timer.ui.app import library_watcher
    from circuit_timer.ui.page_loader import WAITING_TEXT

    today = date(2026, 11, 25)
    with HistoryStore.in_folder(private_home) as store:
        store.enrol("pf-crash-course-4-weeks", today + timedelta(days=18), today)
        rollback_journal(store)  # in WAL mode a lock lets readers read on
        library = library_watcher()
        with Locker(store.path) as locker:
            # Which page comes first waits for the history, the window does not.
            meter = StallMeter()
            win = MainWindow(store=store, library=library, clock=FakeClock(), cue_factory=None,
                             keep_awake=FakeKeepAwake(), today=lambda: today)  # fmt: skip
            qtbot.addWidget(win)
            win.closed.connect(library.stop)
            qtbot.waitUntil(lambda: win.first_loader.locked, timeout=5000)
            qtbot.wait(300)
            assert win.nav.currentItem().text() == "Library"
            meter.check()
            # Listing the library and building its page is no wait on the history (as long
            # with the lock as without): measured from after it.
            win.load()
            page = win.library_page
            meter = StallMeter()
            qtbot.waitUntil(lambda: page.status.text() == WAITING_TEXT, timeout=5000)
            qtbot.wait(300)
            assert page.plan_session is None and not page.today.isVisible()
            meter.check()
            locker.release(qtbot)
        wait_loaded(qtbot, win)
        # Once the lock has gone: Today first, and the library offers today's session.
        assert win.pages.currentWidget() is win.holders["Today"]
        assert (
            page.plan_session is not None and page.plan_session[0].circuit_id == "pf-crash-course"
        )
        assert page.status.text() != WAITING_TEXT
        win.close()


def test_the_library_watcher_is_destroyed_with_the_window(qtbot: QtBot) -> None:
    # Not left to Python's garbage collector, which may run on any thread (a page's
    # reader): a watcher destroyed off the GUI thread left its notifier on a closed
    # descriptor, and the GUI thread warned about it without end (a CI run hung at 7 GB).
    import shiboken6

    win = open_main_window(clock=FakeClock(), cue_factory=None, keep_awake=FakeKeepAwake())
    watcher = win.watcher
    win.close()
    win.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(win))
    assert not shiboken6.isValid(watcher)
