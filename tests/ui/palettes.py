"""A dark palette for theme tests, and a way to apply one that always puts the old back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def dark_palette() -> QPalette:
    """A dark theme's palette: light text on a near-black base."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#171717",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#303134",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Mid: "#5f6368",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    return palette


@contextmanager
def applied(palette: QPalette) -> Iterator[None]:
    """The application's palette set to ``palette`` until the block ends."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    QApplication.setPalette(palette)
    try:
        yield
    finally:
        app.setPalette(before)
