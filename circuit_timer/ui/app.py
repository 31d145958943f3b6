"""Start the desktop app."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from circuit_timer import __version__, paths
from circuit_timer.cue_scheduler import favour_cue_thread
from circuit_timer.ui.main_window import MainWindow


def make_application(argv: Sequence[str] = ()) -> QApplication:
    """The QApplication with the app's name and icon (reused if one exists)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *argv])
    app.setApplicationName("circuit-timer")
    app.setOrganizationName("circuit-timer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("circuit-timer")
    icon = paths.assets_dir() / "circuit-timer.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_app(speed: float = 1.0) -> int:
    """Open the window and run until it closes."""
    app = make_application()
    favour_cue_thread()
    window = MainWindow(speed=speed)
    window.show()
    return app.exec()
