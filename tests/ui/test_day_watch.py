"""A page left open overnight is refreshed once the day turns, and only while shown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui import day_watch
from circuit_timer.ui.day_watch import DayWatch

MONDAY = date(2026, 11, 30)


def test_the_minute_timer_refreshes_a_shown_page_when_the_day_turns(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(day_watch, "DAY_CHECK_MS", 10)
    page = QWidget()
    qtbot.addWidget(page)
    day = [MONDAY]
    refreshed: list[date] = []
    watch = DayWatch(page, lambda: day[0], lambda: refreshed.append(day[0]))
    assert watch.shown == MONDAY
    page.show()
    day[0] = MONDAY + timedelta(days=1)
    qtbot.waitUntil(lambda: bool(refreshed), timeout=2000)
    assert refreshed[0] == MONDAY + timedelta(days=1)


def test_check_refreshes_only_a_visible_page_on_another_day(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    day = [MONDAY]
    calls: list[int] = []
    watch = DayWatch(page, lambda: day[0], lambda: calls.append(1))
    page.show()
    watch.check()
    assert calls == []  # the same day
    page.hide()
    day[0] = MONDAY + timedelta(days=1)
    watch.check()
    assert calls == []  # hidden: it waits for its showEvent
    page.show()
    watch.check()
    assert calls == [1]
    # Once the page says it shows the new day, there is nothing more to do.
    watch.shown = day[0]
    watch.check()
    assert calls == [1]
