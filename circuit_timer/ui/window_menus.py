"""The main window's menu bar: File, View and Help, and what only the menus do."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from circuit_timer import __version__
from circuit_timer.core.describe import CLINICIAN_NOTE
from circuit_timer.ui.sheet_export import add_save_as_pdf


class MenuWindow(Protocol):
    """What the menus call on the window (ui/main_window.py's MainWindow)."""

    def new_circuit(self) -> None: ...
    def open_folder(self) -> None: ...
    def open_settings(self) -> None: ...
    def export_history(self) -> None: ...
    def import_history(self) -> None: ...


def add_menus(window: QMainWindow) -> None:
    """File (new circuit, folder, settings, export, import, plan to calendar, PDF, quit), View
    (full screen) and Help (about)."""
    calls: MenuWindow = window  # type: ignore[assignment]
    file = window.menuBar().addMenu("&File")
    add = partial(_action, window)
    add(file, "&New circuit…", calls.new_circuit, QKeySequence.StandardKey.New)
    add(file, "&Open circuits folder", calls.open_folder)
    add(file, "&Settings…", calls.open_settings, QKeySequence("Ctrl+,"))
    file.addSeparator()
    add(file, "&Export history…", calls.export_history)
    add(file, "&Import history…", calls.import_history)
    add(file, "Export plan to &calendar…", lambda: export_calendar(window))
    add_save_as_pdf(window, file)
    file.addSeparator()
    add(file, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    view = window.menuBar().addMenu("&View")
    add(view, "&Full screen", lambda: toggle_fullscreen(window), QKeySequence("F11"))
    help_menu = window.menuBar().addMenu("&Help")
    add(help_menu, "&About circuit-timer", lambda: about(window))


def _action(
    window: QWidget,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def export_calendar(window: QMainWindow) -> None:
    """File > Export plan to calendar… (imported when chosen: it brings icalendar)."""
    from circuit_timer.ui.calendar_export import export_plan_calendar

    export_plan_calendar(window)


def toggle_fullscreen(window: QWidget) -> None:
    """F11: fullscreen on and off."""
    window.showNormal() if window.isFullScreen() else window.showFullScreen()


def about(parent: QWidget) -> None:
    """The About box."""
    QMessageBox.about(
        parent,
        "About circuit-timer",
        f"<h3>circuit-timer {__version__}</h3><p>An exercise-circuit timer for runners."
        f"</p><p>{CLINICIAN_NOTE}</p>",
    )
