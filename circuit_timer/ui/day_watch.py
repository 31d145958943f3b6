"""A page left open overnight must not offer yesterday's session this morning."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

# How often a page left open looks whether the day has turned.
DAY_CHECK_MS = 60_000


class DayWatch(QObject):
    """Refreshes ``page`` when the day has turned since it last showed ``shown``.

    It looks every minute while the page is visible, and whenever ``check`` is called
    (from the page's showEvent: the page may have been hidden when the day turned).
    """

    def __init__(
        self, page: QWidget, today: Callable[[], date], refresh: Callable[[], None]
    ) -> None:
        super().__init__(page)
        self._page = page
        self._today = today
        self._refresh = refresh
        self.shown = today()
        self._timer = QTimer(self)
        self._timer.setInterval(DAY_CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Refresh the page if it is visible and the day is not the one it shows."""
        if self._page.isVisible() and self._today() != self.shown:
            self._refresh()
