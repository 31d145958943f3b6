"""The settings dialog: it saves what it shows, and counts sessions in words."""

from __future__ import annotations

import pytest
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


class FakePlayer:
    """Records what it played and whether it was closed."""

    def __init__(self) -> None:
        self.played: list[str] = []
        self.closed = False

    def play(self, sound: object, *, interrupt: bool = False) -> None:
        self.played.append(getattr(sound, "name", "?"))

    def take_notice(self) -> str | None:
        return None

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize("close", ["save", "cancel", "window closed"])
def test_the_test_sounds_player_is_closed_with_the_dialog(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch, close: str
) -> None:
    from PySide6.QtCore import Qt

    from circuit_timer.audio import players

    made: list[FakePlayer] = []

    def make_player(enabled: bool) -> FakePlayer:
        made.append(FakePlayer())
        return made[-1]

    monkeypatch.setattr(players, "make_player", make_player)
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    [player] = made  # one player for the dialog, however often Test is pressed
    assert player.played == ["go", "go"] and not player.closed
    {"save": dialog.accept, "cancel": dialog.reject, "window closed": dialog.close}[close]()
    assert player.closed
    assert dialog.player is None


def test_the_weekly_target_and_volume_stay_in_their_ranges(
    qtbot: QtBot, store: HistoryStore
) -> None:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    assert (dialog.target.minimum(), dialog.target.maximum()) == (1, 14)
    dialog.target.setValue(99)
    assert dialog.target.value() == 14
    dialog.target.setValue(0)
    assert dialog.target.value() == 1
    dialog.volume.setValue(500)
    assert dialog.volume.value() == 100
    dialog.volume.setValue(-5)
    assert dialog.volume.value() == 0
    # Typed: "²" and "99" are not taken; the box keeps a value the settings accept.
    line = dialog.target.lineEdit()
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "²")
    dialog.target.interpretText()
    assert dialog.target.value() == 1
    line.selectAll()
    qtbot.keyClicks(line, "99")
    dialog.target.interpretText()
    assert dialog.target.value() == 9  # the second 9 would make 99: refused as typed
    dialog.accept()
    assert (store.setting("weekly_target"), store.setting("volume")) == ("9", "0")


def test_a_stored_weekly_target_out_of_range_shows_the_default(
    qtbot: QtBot, store: HistoryStore
) -> None:
    store.set_setting("weekly_target", "²")
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.target.value() == 3
