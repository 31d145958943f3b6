"""Where the main window opens: where the runner left it, but never too small to read."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = QSize(1100, 760)
# The smallest size every page is laid out for (the layout tests check 800x600).
SMALLEST_SIZE = QSize(800, 600)


def restore_geometry(window: QWidget, saved: object) -> None:
    """Put ``window`` where ``saved`` (a ``saveGeometry`` blob, or anything else) says.

    A saved geometry can come back smaller than the pages are laid out for: one saved on
    another screen, or that Qt shrank to fit; the window then grows to the smallest size
    the pages need, as far as the screen allows.
    """
    if not (isinstance(saved, QByteArray) and not saved.isEmpty()):
        window.resize(DEFAULT_SIZE)
        return
    if not window.restoreGeometry(saved):
        window.resize(DEFAULT_SIZE)
        return
    if window.isMaximized() or window.isFullScreen():
        return
    wanted = window.size().expandedTo(SMALLEST_SIZE)
    screen = window.screen()
    if screen is not None:
        wanted = wanted.boundedTo(screen.availableGeometry().size())
    window.resize(wanted)
