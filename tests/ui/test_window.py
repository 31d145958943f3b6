"""The window driven offscreen: library, workout, summary, history; keys and sizes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.main_window import MainWindow
from tests.ui.driving import FakeKeepAwake, advance, clock, open_window, start, to_next


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = open_window(qtbot)
    yield win
    win.close()


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
    summary.pain.setValue(4)
    summary.note.setText("left heel sore")
    qtbot.mouseClick(summary.save, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.history_page  # the session just saved
    assert window.nav.isVisible()
    with HistoryStore.in_folder(private_home) as store:
        [session] = store.sessions()
        assert (session.status, session.pain_after, session.notes) == (
            "partial", 4, "left heel sore",
        )  # fmt: skip
        assert store.sets()[0].reps_done == 2


def test_a_completed_workout_says_so(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "heel-raise-test")
    assert window.controller is not None
    while not window.controller.workout.finished:
        wake = window.controller.workout.engine.next_wakeup()
        if wake is None:
            window.controller.done()
        else:
            clock(window).set(wake)
            window.controller.pump()
    assert window.summary_page.heading.text() == "Completed: Heel raise test (left-right check)"
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
    win = MainWindow(clock=FakeClock(), cue_factory=None, keep_awake=FakeKeepAwake(),  # type: ignore[arg-type]
                     today=lambda: today)  # fmt: skip
    qtbot.addWidget(win)
    win.show()
    assert win.pages.currentWidget() is win.holders["Today"]  # with a plan, Today first
    assert "Plantar fasciitis crash course" in win.library_page.today.text()
    qtbot.mouseClick(win.today_page.start, Qt.MouseButton.LeftButton)
    assert win.controller is not None
    towel = next(ex for b in win.controller.workout.circuit.blocks for ex in b.exercises
             if ex.id == "towel-heel-raise")  # fmt: skip
    assert (towel.sets, towel.reps) == (2, 10)  # week 2 out: half the sets, 10 reps
    to_next(win, "work")
    win.controller.done()  # one set: a workout with none is not kept unless asked (issue 10)
    win.controller.finish_early()
    win.close()
    with HistoryStore.in_folder(private_home) as store:
        [session] = store.sessions()
        assert (session.plan_id, session.plan_week) == ("pf-crash-course-4-weeks", 2)
