"""The settings dialog: it saves what it shows, and counts sessions in words."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from circuit_timer.store import settings
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.settings_dialog import SettingsDialog


def test_the_weekly_target_says_session_or_sessions(qtbot: QtBot, store: HistoryStore) -> None:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.target.setValue(1)
    assert dialog.target.text() == "1 session a week"
    dialog.target.setValue(4)
    assert dialog.target.text() == "4 sessions a week"
    dialog.accept()
    assert settings.get(store, "weekly_target") == "4"
