"""CIRCUIT_TIMER_THEME: light is Fusion's standard palette, dark is the app's own, and
anything else leaves the system's choice alone; the dark palette has dark bevel shades."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from circuit_timer.ui import theme

ROLE = QPalette.ColorRole


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test QApplication, its style and palette put back afterwards."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(QStyleFactory.create(style))
    qapp.setPalette(palette)


def test_dark_is_dark_down_to_the_bevels(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(theme.THEME_ENV, "dark")
    theme.apply_theme(app)
    palette = app.palette()
    assert app.style().name().lower() == "fusion"
    assert theme.is_dark()
    window = palette.color(ROLE.Window).lightness()
    # Unset, these stay the light palette's: white lines around every Fusion frame.
    for role in (ROLE.Light, ROLE.Midlight, ROLE.Mid, ROLE.Dark, ROLE.Shadow):
        assert palette.color(role).lightness() < 100, role
    assert palette.color(ROLE.Dark).lightness() < window < palette.color(ROLE.Light).lightness()


def test_light_is_fusions_standard_palette(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(theme.THEME_ENV, "light")
    theme.apply_theme(app)
    standard = app.style().standardPalette()
    for role in (ROLE.Window, ROLE.WindowText, ROLE.Base, ROLE.Highlight):
        assert app.palette().color(role) == standard.color(role), role
    assert not theme.is_dark()


def test_no_override_keeps_the_system_palette(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = QPalette(app.palette())
    monkeypatch.setenv(theme.THEME_ENV, "sepia")
    theme.apply_theme(app)
    assert app.palette() == before
