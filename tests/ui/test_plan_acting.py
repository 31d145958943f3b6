"""Start and Stop on the Plan page: a stale page does not start a plan toward a race
that has passed, and Stop with no plan followed asks nothing and changes nothing. Both
write off the GUI thread: with the history locked by another program the window never
stalls, the page says it is not done yet, and once the lock goes each is done once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import load_library
from circuit_timer.files import paths
from circuit_timer.store import connection
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.plan_acting import NOT_STARTED_YET, NOT_STOPPED_YET
from circuit_timer.ui.plan_page import PlanPage
from tests.ui.driving import Locker, StallMeter, rollback_journal, wait_loaded

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
PF_PLAN = "pf-crash-course-4-weeks"
SUNDAY = date(2026, 11, 22)
RACE = date(2026, 12, 20)


def make_page(qtbot: QtBot, store: HistoryStore, today: list[date]) -> PlanPage:
    page = PlanPage(store, lambda: LIBRARY, lambda: today[0])
    qtbot.addWidget(page)
    page.show()
    wait_loaded(qtbot, page)
    return page


def test_a_stale_page_does_not_start_toward_a_race_that_has_passed(
    qtbot: QtBot, store: HistoryStore
) -> None:
    today = [SUNDAY]
    page = make_page(qtbot, store, today)
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    assert page.enrol.isEnabled()
    today[0] = RACE + timedelta(days=1)  # left open past the race
    with qtbot.assertNotEmitted(page.plan_changed):
        qtbot.mouseClick(page.enrol, Qt.MouseButton.LeftButton)
    assert page.message.text() == "The race date Sun 20 Dec 2026 has passed."
    assert store.active_enrolment(as_of=SUNDAY) is None


def test_stop_with_no_plan_followed_asks_nothing(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]))
    page = make_page(qtbot, store, [SUNDAY])
    with qtbot.assertNotEmitted(page.plan_changed):
        page.stop_plan()
    assert asked == [] and page.message.text() == ""


def enrolments_in(store: HistoryStore) -> list[tuple[str, date, date | None]]:
    """The plans followed, read afresh (the journal mode changed under ``store``)."""
    with HistoryStore(store.path, reader=True, recover=False) as fresh:
        return [(e.plan_id, e.race_date, e.ended_on) for e in fresh.enrolments()]


def test_start_and_stop_wait_out_a_lock_without_stalling_the_window(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    page = make_page(qtbot, store, [SUNDAY])
    page.select_plan(PF_PLAN)
    page.set_race_date(RACE)
    # The writer's, in its thread: it says "not yet" after this wait, not after 5 s; still
    # twice the longest stall allowed, were the wait on the GUI thread.
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    rollback_journal(store)  # in WAL mode a lock lets readers on, but no writer
    with Locker(store.path) as locker:
        meter = StallMeter()
        qtbot.mouseClick(page.enrol, Qt.MouseButton.LeftButton)
        assert page.message.text().startswith("Starting ")
        assert not page.enrol.isEnabled()
        qtbot.waitUntil(lambda: page.message.text() == NOT_STARTED_YET, timeout=15_000)
        # Not shown as followed while the history does not have it.
        assert page.active is None and not page.following_shown()
        assert page.active_label.text().startswith("No plan yet")
        meter.check()
        with qtbot.waitSignal(page.plan_changed, timeout=15_000):
            locker.release(qtbot)
    wait_loaded(qtbot, page)
    assert enrolments_in(store) == [(PF_PLAN, RACE, None)]
    assert page.following_shown() and page.stop.isEnabled()
    plan = LIBRARY.plan(PF_PLAN)
    assert plan is not None
    assert page.message.text() == f"Following {plan.title} toward Sun 20 Dec 2026."

    with Locker(store.path) as locker:
        meter = StallMeter()
        qtbot.mouseClick(page.stop, Qt.MouseButton.LeftButton)
        assert page.message.text().startswith("Stopping ") and not page.stop.isEnabled()
        qtbot.waitUntil(lambda: page.message.text() == NOT_STOPPED_YET, timeout=15_000)
        assert page.following_shown()  # still followed: the history has not heard yet
        meter.check()
        with qtbot.waitSignal(page.plan_changed, timeout=15_000):
            locker.release(qtbot)
    wait_loaded(qtbot, page)
    assert enrolments_in(store) == [(PF_PLAN, RACE, SUNDAY)]
    assert page.active is None and page.active_label.text().startswith("No plan yet")
    assert page.message.text().startswith("Stopped following ")
