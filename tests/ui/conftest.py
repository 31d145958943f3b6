"""Fixtures the window tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.ui.main_window import MainWindow
from tests.ui.driving import open_window


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    """The main window, shown on a fake clock with no sound (see ``open_window``)."""
    win = open_window(qtbot)
    yield win
    win.close()
