"""The history page's list of sessions, newest first, each with its sets underneath.

Made for thousands of rows: rows of one height, columns measured once per fill from
their texts (not by the view, on every layout), and a session's sets added only when it
is first expanded.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from circuit_timer.core.history_words import session_row, set_text
from circuit_timer.core.records import SessionRecord, SetRecord
from circuit_timer.ui.theme import is_dark

COLUMNS = ("Date", "Circuit", "Status", "Sets", "Reps", "Pain during", "Pain after", "Note")
NOTE_COLUMN = len(COLUMNS) - 1
UUID = Qt.ItemDataRole.UserRole
LOADED = Qt.ItemDataRole.UserRole + 1
PARTIAL_LIGHT, PARTIAL_DARK = "#B34700", "#F0A830"  # Readable orange on each theme.
NO_SESSIONS = (
    "No sessions yet. Start a circuit from the Library and it will show here, set by set. "
    "A session done away from the app can be added with \u201ccircuit-timer log CIRCUIT\u201d."
)
# Room around a cell's text beyond what the style's own padding adds: rows that do not crowd.
CELL_AIR = 12


class SessionList(QTreeWidget):
    """Sessions as rows (a partial one in orange, its status bold), sets as children."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        # Uniform rows let the view skip measuring thousands of items.
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        header = self.header()
        header.setStretchLastSection(True)
        # Each column is as wide as its widest text, measured when the list is filled
        # (asking the view to size to contents would measure thousands of rows on every
        # layout); the note, last, takes whatever room is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def fill(
        self, sessions: Sequence[SessionRecord], counts: dict[str, tuple[int, int]], current: str
    ) -> list[QTreeWidgetItem]:
        """Show ``sessions`` newest first, with their (sets, reps) ``counts``; keep the
        session ``current`` selected and the scroll where it was. Returns the items."""
        scroll = self.verticalScrollBar().value()
        partial_colour = QBrush(QColor(PARTIAL_DARK if is_dark() else PARTIAL_LIGHT))
        bold = QFont(self.font())
        bold.setBold(True)
        # Looked up once: an enum member costs a Python call on every access.
        expandable = QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator
        items: list[QTreeWidgetItem] = []
        select: QTreeWidgetItem | None = None
        # Each column's texts, to size it (a set: a thousand "Completed" measure once).
        texts: list[set[str]] = [set() for _ in COLUMNS[:-1]]
        bold_texts: set[str] = set()
        for s in reversed(sessions):  # Newest first.
            sets, reps = counts.get(s.uuid, (0, 0))
            row = session_row(s, sets, reps)
            item = QTreeWidgetItem(row)
            for column, text in enumerate(row[:-1]):
                texts[column].add(text)
            item.setData(0, UUID, s.uuid)
            if s.notes:
                item.setToolTip(NOTE_COLUMN, s.notes)
            if s.status != "completed":
                for column in range(len(COLUMNS)):
                    item.setForeground(column, partial_colour)
                item.setFont(2, bold)
                item.setToolTip(2, "Ended early: shown here, counted in no streak.")
                bold_texts.add(row[2])
            if sets:
                # The sets are added when the session is first expanded.
                item.setChildIndicatorPolicy(expandable)
            items.append(item)
            if s.uuid == current:
                select = item
        self.setUpdatesEnabled(False)
        try:
            self.clear()
            self.addTopLevelItems(items)
            if select is not None:
                self.setCurrentItem(select)
            self.verticalScrollBar().setValue(scroll)
        finally:
            self.setUpdatesEnabled(True)
        self._fit_columns(texts, bold_texts)
        return items

    def _fit_columns(self, texts: list[set[str]], bold_texts: set[str]) -> None:
        """Make each column but the note as wide as its widest text and its heading."""
        metrics = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        heavy = QFontMetrics(bold)
        header = self.header()
        # The style's padding around a cell's text, found from a cell the view has measured.
        first = self.topLevelItem(0)
        padding = 8
        if first is not None:
            index = self.indexFromItem(first, 3)
            padding = max(
                0, self.sizeHintForIndex(index).width() - metrics.horizontalAdvance(first.text(3))
            )
        for column, shown in enumerate(texts):
            widest = max((metrics.horizontalAdvance(t) for t in shown), default=0)
            if column == 2 and bold_texts:
                widest = max(widest, max(heavy.horizontalAdvance(t) for t in bold_texts))
            width = widest + padding + CELL_AIR
            if column == 0:
                width += self.indentation()  # the expand arrow's room
            self.setColumnWidth(column, max(width, header.sectionSizeHint(column)))

    @staticmethod
    def needs_sets(item: QTreeWidgetItem) -> bool:
        """Whether ``item`` is a session whose sets have not been added yet."""
        return item.parent() is None and not item.data(0, LOADED)

    @staticmethod
    def add_sets(item: QTreeWidgetItem, sets: Sequence[SetRecord]) -> None:
        """Add the session's ``sets`` under ``item``, one sentence across each row."""
        item.setData(0, LOADED, True)
        children = []
        for s in sets:
            child = QTreeWidgetItem([set_text(s)])
            child.setToolTip(0, set_text(s))
            children.append(child)
        item.addChildren(children)
        for child in children:
            # One sentence across the row reads better than fragments under the headings.
            child.setFirstColumnSpanned(True)
        if not children:
            item.setChildIndicatorPolicy(
                QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless
            )
