"""The Today page's week: each plan session from Monday to Sunday with its length and
status, as tall as its rows and never scrolled."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QSizePolicy, QTreeWidget, QTreeWidgetItem, QWidget

from circuit_timer.core.dates import day_text
from circuit_timer.core.library import Library
from circuit_timer.core.plan_words import session_minutes
from circuit_timer.core.schedule import PlannedStatus
from circuit_timer.core.today import shown_status
from circuit_timer.ui.page_colours import STATUS_LOOK
from circuit_timer.ui.page_style import scaled_font
from circuit_timer.ui.tree_rows import WrappingDelegate, tree_items

STATUS = Qt.ItemDataRole.UserRole
# The week's session titles need this many characters, or the week goes under today's
# session.
WEEK_TITLE_CHARS = 16


class WeekTable(QTreeWidget):
    """This week's plan sessions: day, session, time and status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels(["Day", "Session", "Time", "Status"])
        self.setItemDelegate(WrappingDelegate(self, 1))
        self.setRootIsDecorated(False)
        self.setFont(scaled_font(self, 1.15))
        self.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A week is a few rows: the table is as tall as they are and never scrolls.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # Its titles wrap to the table's width: refit its height once the columns have
        # taken a new width (the stretched column says nothing when it changes).
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit)

    def show_week(self, progress: Sequence[PlannedStatus], today: date, library: Library) -> None:
        """The sessions of ``today``'s week (Monday to Sunday) with their status."""
        monday = today - timedelta(days=today.weekday())
        sunday = monday + timedelta(days=6)
        self.clear()
        for status in progress:
            planned = status.planned
            if not monday <= planned.date <= sunday:
                continue
            word, colour = STATUS_LOOK[shown_status(status, today)]
            circuit = library.circuit(planned.circuit_id)
            length = session_minutes(planned, circuit)
            item = QTreeWidgetItem(
                [
                    day_text(planned.date),
                    circuit.title if circuit else planned.circuit_id,
                    f"{length} min" if length is not None else "",
                    word,
                ]
            )
            item.setData(0, STATUS, status.status)
            if colour is not None:
                item.setForeground(3, QBrush(QColor(colour)))
            if planned.date == today:
                font = item.font(0)
                font.setBold(True)
                for column in range(4):
                    item.setFont(column, font)
            self.addTopLevelItem(item)
        if self.topLevelItemCount() == 0:
            self.addTopLevelItem(QTreeWidgetItem(["", "No plan sessions this week", "", ""]))

    def statuses(self) -> list[tuple[str, str, str]]:
        """(day, status, the status as shown) for each session listed."""
        return [
            (item.text(0), str(item.data(0, STATUS)), item.text(3))
            for item in tree_items(self)
            if item.data(0, STATUS) is not None
        ]

    def needed_width(self) -> int:
        """The width the table needs: its columns and room for a title wrapped to a few
        words."""
        header = self.header()
        columns = sum(max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in (0, 2, 3))
        title = max(
            header.sectionSizeHint(1), WEEK_TITLE_CHARS * self.fontMetrics().averageCharWidth()
        )
        return columns + title + 2 * self.frameWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit the height after the width changes."""
        super().resizeEvent(event)
        self._refit.start()

    def fit(self) -> None:
        """Make the table exactly as tall as its rows, wrapped at their width."""
        model = self.model()
        rows = sum(
            max(self.sizeHintForIndex(model.index(r, c)).height() for c in range(4))
            for r in range(model.rowCount())
        )
        header = self.header().sizeHint().height()
        self.setFixedHeight(header + rows + 2 * self.frameWidth())
