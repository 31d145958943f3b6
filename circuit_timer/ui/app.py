"""Start the desktop app."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from circuit_timer import __version__
from circuit_timer.files import paths
from circuit_timer.session.cue_scheduler import favour_cue_thread
from circuit_timer.ui.first_run import FirstRunDialog, mark_shown, should_show
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.theme import apply_theme


def make_application(argv: Sequence[str] = ()) -> QApplication:
    """The QApplication with the app's name and icon (reused if one exists)."""
    existing = QApplication.instance()
    # Qt takes the window's WM_CLASS from the program name: "circuit-timer" matches the
    # desktop entry's StartupWMClass even when started as `python -m circuit_timer`.
    app = existing if isinstance(existing, QApplication) else QApplication(["circuit-timer", *argv])
    app.setApplicationName("circuit-timer")
    app.setOrganizationName("circuit-timer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("circuit-timer")
    apply_theme(app)
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
    settings = QSettings()
    if should_show(settings):
        FirstRunDialog(window).exec()
        mark_shown(settings)
    return app.exec()
