"""Start and Stop on the Plan page: a stale page does not start a plan toward a race
that has passed, and Stop with no plan followed asks nothing and changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import load_library
from circuit_timer.files import paths
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.plan_page import PlanPage
from tests.ui.driving import wait_loaded

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
