"""The window opens where it was left, but never smaller than the pages are laid out for."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui.window_geometry import DEFAULT_SIZE, SMALLEST_SIZE, restore_geometry


def _saved_at(qtbot: QtBot, width: int, height: int) -> QByteArray:
    old = QWidget()
    qtbot.addWidget(old)
    old.resize(width, height)
    return old.saveGeometry()


def test_nothing_saved_opens_at_the_default_size(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    restore_geometry(window, None)
    assert window.size() == DEFAULT_SIZE
    restore_geometry(window, QByteArray(b"not a geometry"))
    assert window.size() == DEFAULT_SIZE


def test_a_saved_size_that_fits_is_kept(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    restore_geometry(window, _saved_at(qtbot, 700 + 100, 600))
    assert (window.width(), window.height()) == (800, 600)


def test_a_saved_size_too_small_to_read_grows_to_the_smallest_laid_out(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    restore_geometry(window, _saved_at(qtbot, 581, 296))
    screen = window.screen().availableGeometry().size()
    assert window.width() == min(SMALLEST_SIZE.width(), screen.width())
    assert window.height() == min(SMALLEST_SIZE.height(), screen.height())
    assert window.width() > 581 and window.height() > 296
