"""A browse page built the first time it is shown.

The pages that read the history (Today, Plan, History, Charts) are built on their first
visit: the window's first paint waits for none of them, and a page never visited never
reads anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from circuit_timer.ui.page_style import empty_state

if TYPE_CHECKING:
    from circuit_timer.core.library import Library
    from circuit_timer.store.history import HistoryStore


class LazyPage(QWidget):
    """Holds the page ``build`` makes, made on the first ``refresh``."""

    def __init__(self, build: Callable[[], QWidget]) -> None:
        super().__init__()
        self._build = build
        self.page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def built(self) -> QWidget:
        """The page, built now if it was not yet."""
        if self.page is None:
            self.page = self._build()
            self._layout.addWidget(self.page)
        return self.page

    def refresh(self) -> None:
        """Build the page if needed, then refresh it."""
        refresh = getattr(self.built(), "refresh", None)
        if callable(refresh):
            refresh()


def charts_page(
    store: HistoryStore | None,
    today: Callable[[], date],
    library: Callable[[], Library] | None = None,
) -> QWidget:
    """The Charts page, for a LazyPage: its import waits for its first visit too."""
    # pyqtgraph and numpy cost about 260 ms and 50 MB at start-up.
    from circuit_timer.ui.charts import ChartsPage

    assert store is not None
    return ChartsPage(store, today, library=library)


def loading_page() -> QWidget:
    """What the window shows in the page's place until its library is read: "Loading…"
    as an empty state (its label's object name), centred."""
    page = QWidget()
    column = QVBoxLayout(page)
    label = empty_state("Loading\u2026")
    label.setWordWrap(False)
    column.addWidget(label, 0, Qt.AlignmentFlag.AlignCenter)
    return page
