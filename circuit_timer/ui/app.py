"""Start the desktop app: the window's composition root.

The history store and the library are opened here, once, and handed to the window (which
closes neither). ``run_app`` shows the window first and fills it a moment later: the
library and the first page's history are read after the first paint. ``open_main_window``
builds a window already filled, for tests and scripts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from circuit_timer import __version__
from circuit_timer.files import paths
from circuit_timer.session.cue_scheduler import favour_cue_thread
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.first_run import FirstRunDialog, mark_shown, should_show
from circuit_timer.ui.library_watch import LibraryWatcher
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


def open_store(home: Path | None = None) -> tuple[HistoryStore | None, list[str]]:
    """The history in ``home`` (the user's data folder by default), and what to tell the
    runner about it; None when it cannot be opened: the window then saves nothing."""
    try:
        store = HistoryStore.in_folder(home or paths.user_home())
    except StoreError as exc:
        return None, [f"{exc} Workouts will not be saved."]
    return store, list(store.notices)


def library_watcher() -> LibraryWatcher:
    """The bundled and the user's library, not read yet (``reload`` reads it)."""
    return LibraryWatcher(paths.bundled_circuits_dir(), paths.user_circuits_dir())


def build_window(**options: Any) -> MainWindow:
    """The window on the user's store and library, neither loaded nor shown yet; both
    close once the window has. ``options`` go to MainWindow."""
    store, notices = open_store()
    library = library_watcher()
    window = MainWindow(store=store, library=library, notices=notices, **options)
    window.closed.connect(library.stop)
    if store is not None:
        window.closed.connect(store.close)
    return window


def open_main_window(**options: Any) -> MainWindow:
    """The window loaded (library listed, first page shown) but not shown; its store
    closes with it. For tests and scripts; ``options`` go to MainWindow."""
    window = build_window(**options)
    window.load()
    return window


class _LoadAfterFirstPaint(QObject):
    """Loads its window on the next turn of the event loop after the window's first
    paint (see ``load_after_first_paint``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the first paint, load soon after; then stop watching."""
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.window.load)
        return False


def load_after_first_paint(window: MainWindow) -> None:
    """Load ``window`` once it has painted: a timer started at ``show`` could fire before
    the first paint (the paint is itself a posted event), and the runner would wait on
    the library before seeing anything."""
    _LoadAfterFirstPaint(window)


def start_window(**options: Any) -> MainWindow:
    """Show the window at once ("Loading…"), and fill it after its first paint: the
    library and the history are read then (``MainWindow.library_listed`` says when the
    library is listed). ``options`` go to MainWindow."""
    window = build_window(**options)
    load_after_first_paint(window)
    window.show()
    return window


def run_app(speed: float = 1.0) -> int:
    """Open the window and run until it closes."""
    app = make_application()
    favour_cue_thread()
    from circuit_timer.ui.mpris import media_remote

    window = start_window(speed=speed, remote=media_remote)
    settings = QSettings()
    if should_show(settings):
        FirstRunDialog(window).exec()
        mark_shown(settings)
    return app.exec()
