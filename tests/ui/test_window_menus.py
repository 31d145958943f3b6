"""The main window's menus: each item calls what it names on the window, with the
shortcuts a desktop user expects; F11 toggles full screen; About names the version."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer import __version__
from circuit_timer.core.describe import CLINICIAN_NOTE
from circuit_timer.ui.window_menus import add_menus, toggle_fullscreen


class Window(QMainWindow):
    """A window with what the menus call, recording the calls."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def new_circuit(self) -> None:
        self.calls.append("new_circuit")

    def open_folder(self) -> None:
        self.calls.append("open_folder")

    def open_settings(self) -> None:
        self.calls.append("open_settings")

    def export_history(self) -> None:
        self.calls.append("export_history")

    def import_history(self) -> None:
        self.calls.append("import_history")


def actions(window: QMainWindow) -> dict[str, QAction]:
    found: dict[str, QAction] = {}
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            if not action.isSeparator():
                found[action.text().replace("&", "")] = action
    return found


def test_each_file_item_calls_the_window(qtbot: QtBot) -> None:
    window = Window()
    qtbot.addWidget(window)
    add_menus(window)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&View", "&Help"]
    found = actions(window)
    for text, call in [
        ("New circuit…", "new_circuit"),
        ("Open circuits folder", "open_folder"),
        ("Settings…", "open_settings"),
        ("Export history…", "export_history"),
        ("Import history…", "import_history"),
    ]:
        found[text].trigger()
        assert window.calls[-1] == call, text
    assert found["New circuit…"].shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert found["Settings…"].shortcut() == QKeySequence("Ctrl+,")
    assert found["Full screen"].shortcut() == QKeySequence("F11")


def test_quit_closes_the_window(qtbot: QtBot) -> None:
    window = Window()
    qtbot.addWidget(window)
    add_menus(window)
    window.show()
    actions(window)["Quit"].trigger()
    assert not window.isVisible()


def test_full_screen_toggles(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    toggle_fullscreen(widget)
    assert widget.isFullScreen()
    toggle_fullscreen(widget)
    assert not widget.isFullScreen()


def test_about_names_the_version_and_the_clinician_note(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda parent, title, text: shown.append((title, text))
    )
    window = Window()
    qtbot.addWidget(window)
    add_menus(window)
    actions(window)["About circuit-timer"].trigger()
    [(title, text)] = shown
    assert title == "About circuit-timer" and f"circuit-timer {__version__}" in text
    assert CLINICIAN_NOTE in text
