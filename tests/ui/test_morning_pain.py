"""Morning pain on the Today page: press a score, Save, and it is today's first-step pain;
a new day starts with nothing pressed; a history that cannot be written says so."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from circuit_timer.store import connection
from circuit_timer.store.errors import EnvironmentFault
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.morning_pain import MorningPain
from circuit_timer.ui.page_colours import ERROR_COLOUR
from tests.ui.driving import Locker, rollback_journal, wait_loaded

TODAY = date(2026, 11, 30)


def test_a_pressed_score_is_saved_as_todays_morning_pain(qtbot: QtBot, store: HistoryStore) -> None:
    pain = MorningPain(store, lambda: TODAY)
    qtbot.addWidget(pain)
    pain.show_saved(TODAY)
    assert not pain.save.isEnabled() and pain.value() is None
    qtbot.mouseClick(pain.buttons[4], Qt.MouseButton.LeftButton)
    assert pain.save.isEnabled() and pain.status.text() == "4/10: press Save"
    with qtbot.waitSignal(pain.saved) as signal:
        qtbot.mouseClick(pain.save, Qt.MouseButton.LeftButton)
    assert signal.args == [4]
    assert [(e.date, e.kind, e.value) for e in store.pain_entries()] == [(TODAY, "morning", 4)]
    assert pain.status.text() == "Saved: 4/10 this morning" and not pain.save.isEnabled()


def test_the_saved_score_shows_today_and_not_tomorrow(qtbot: QtBot, store: HistoryStore) -> None:
    store.add_pain(TODAY, "morning", 6)
    pain = MorningPain(store, lambda: TODAY)
    qtbot.addWidget(pain)
    pain.show_saved(TODAY)
    assert pain.value() == 6 and pain.status.text() == "Saved: 6/10 this morning"
    pain.show_saved(TODAY + timedelta(days=1))
    assert pain.value() is None and pain.status.text() == ""


def test_without_a_history_nothing_can_be_pressed(qtbot: QtBot) -> None:
    pain = MorningPain(None, lambda: TODAY)
    qtbot.addWidget(pain)
    pain.show_saved(TODAY)
    assert not any(button.isEnabled() for button in pain.buttons)
    assert not pain.save.isEnabled()


def read_only(*args: object) -> None:
    raise EnvironmentFault("Your history is read-only: nothing new can be saved.")


def test_a_history_that_cannot_be_written_says_so_in_red(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On the class: the score is saved in a worker, on a connection of its own.
    monkeypatch.setattr(HistoryStore, "add_pain", read_only)
    with HistoryStore.in_folder(tmp_path) as store:
        pain = MorningPain(store, lambda: TODAY)
        qtbot.addWidget(pain)
        pain.show_saved(TODAY)
        qtbot.mouseClick(pain.buttons[2], Qt.MouseButton.LeftButton)
        with qtbot.assertNotEmitted(pain.saved):
            qtbot.mouseClick(pain.save, Qt.MouseButton.LeftButton)
            wait_loaded(qtbot, pain.writer)
        assert pain.status.text() == "Your history is read-only: nothing new can be saved."
        assert ERROR_COLOUR in pain.status.styleSheet()
        assert pain.save.isEnabled()  # the runner may try again


def test_a_locked_history_says_not_saved_yet_then_saved(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)  # the writer's, in its thread
    rollback_journal(store)  # in WAL mode a lock lets readers on, but no writer
    pain = MorningPain(store, lambda: TODAY)
    qtbot.addWidget(pain)
    pain.show_saved(TODAY)
    qtbot.mouseClick(pain.buttons[3], Qt.MouseButton.LeftButton)
    with Locker(store.path) as locker:
        waiting = qtbot.waitSignal(pain.writer.waiting, timeout=15000)
        with qtbot.assertNotEmitted(pain.saved), waiting:
            qtbot.mouseClick(pain.save, Qt.MouseButton.LeftButton)
        assert pain.status.text() == (
            "Not saved yet: another program is using your history. Trying again to save 3/10\u2026"
        )
        with qtbot.waitSignal(pain.saved, timeout=15000) as saved:
            locker.release()
    assert saved.args == [3]
    assert pain.status.text() == "Saved: 3/10 this morning"
    assert [(e.date, e.value) for e in store.pain_entries()] == [(TODAY, 3)]
