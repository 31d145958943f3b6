"""The history page: streaks, a heatmap of the last year, and every session with its sets.

A session's sets are read only when it is expanded, so ten years of daily sessions
open as quickly as a few. Deleting asks first and can be undone from an inline bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import plural
from circuit_timer.core.library import Library
from circuit_timer.core.records import SessionRecord, SetRecord
from circuit_timer.core.streaks import Streaks, heatmap, partial_days
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.heatmap import WEEKS, HeatmapWidget
from circuit_timer.ui.history_undo import Deleted, HistoryUndo
from circuit_timer.ui.page_loader import LOADING_TEXT, PageLoader
from circuit_timer.ui.page_style import GROUP, INNER, MARGIN, empty_state, readable_width
from circuit_timer.ui.session_list import NO_SESSIONS, UUID, SessionList
from circuit_timer.ui.streak_card import StreakCard

ERROR_STYLE = "color: #D55E00; font-weight: bold;"
# What the page reads in one go: streaks, every session, and the set counts.
_Read = tuple[Streaks, list[SessionRecord], dict[str, tuple[int, int]]]


class HistoryPage(QWidget, HistoryUndo):
    """Streak cards, the heatmap and the session list, read from ``store``.

    ``library`` and ``today`` are called on every refresh, so plan changes and the date
    rolling over at midnight show up without rebuilding the page.

    Signals:
        changed(): a session was deleted or brought back (other pages may refresh).
    """

    changed = Signal()

    def __init__(
        self,
        store: HistoryStore,
        library: Callable[[], Library],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.library = library
        self.today = today
        self.streaks: Streaks | None = None
        self.filter_day: date | None = None
        # Every session's item, newest first, by day and by uuid: the filter and the
        # lookups never walk the tree.
        self._order: list[QTreeWidgetItem] = []
        self._items: dict[date, list[QTreeWidgetItem]] = {}
        self._by_uuid: dict[str, QTreeWidgetItem] = {}
        self._undo: list[Deleted] = []
        # Each listed session and its set count, as last read: what Delete asks about.
        self._sessions: dict[str, tuple[SessionRecord, int]] = {}
        self._pending: str | None = None

        self.current_weeks = StreakCard("Current week streak")
        self.longest_weeks = StreakCard("Longest week streak")
        self.current_days = StreakCard("Current day streak")
        self.longest_days = StreakCard("Longest day streak")
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        small = self.totals.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.totals.setFont(small)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.undo_bar = QFrame()
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_label = QLabel()
        self.undo_button = QPushButton("Undo")
        self.undo_close = QPushButton("Dismiss")
        self.heatmap = HeatmapWidget(weeks=WEEKS)
        self.filter_label = QLabel()
        self.show_all = QPushButton("Show all")
        self.show_all.hide()
        self.list = SessionList()
        self.empty = empty_state(NO_SESSIONS)
        self.empty.hide()
        # Until the first read comes (off the GUI thread, ui/page_loader.py).
        self.loading = empty_state(LOADING_TEXT)
        self.loading.hide()
        self._filled = False
        self.loader = PageLoader(store.path, self)
        self.loader.waiting.connect(self._show_loading)
        self.loader.failed.connect(self._show_error)
        # A session's sets, read when it is expanded (a refresh does not drop them).
        self.sets_loader = PageLoader(store.path, self)
        for said in (self.sets_loader.waiting, self.sets_loader.failed):
            said.connect(self._show_error)
        # Delete and Undo write off the GUI thread, one at a time (ui/history_undo.py).
        self.writer = PageLoader(store.path, self, writable=True)
        self.writer.waiting.connect(self._write_locked)
        self.writer.failed.connect(self._write_failed)
        self.delete = QPushButton("Delete session…")
        self.delete.setEnabled(False)
        for label in (self.totals, self.message, self.undo_label, self.filter_label,
                      self.empty, self.loading):  # fmt: skip
            label.setMaximumWidth(readable_width(label))
        self._build()

        self.heatmap.day_clicked.connect(self.show_day)
        self.show_all.clicked.connect(lambda: self.show_day(None))
        self.list.itemExpanded.connect(self._load_sets)
        self.list.currentItemChanged.connect(lambda *_: self._enable_delete())
        self.delete.clicked.connect(self.delete_selected)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_selected)
        # Only while the list has focus: Delete in any other field must not delete sessions.
        delete_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_button.clicked.connect(self.undo)
        self.undo_close.clicked.connect(self._dismiss_undo)

    def _build(self) -> None:
        cards = QHBoxLayout()
        for card in (self.current_weeks, self.longest_weeks, self.current_days,
                     self.longest_days):  # fmt: skip
            cards.addWidget(card, 1)  # the same width each, whatever their titles
        undo = QHBoxLayout(self.undo_bar)
        undo.setContentsMargins(8, 4, 4, 4)
        undo.addWidget(self.undo_label, 1)
        undo.addWidget(self.undo_button)
        undo.addWidget(self.undo_close)
        self.undo_bar.hide()
        self.undo_label.setWordWrap(True)
        cards.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.filter_label.setWordWrap(True)
        self.filters = QWidget()
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setSpacing(INNER)
        filters.addWidget(self.filter_label, 1)
        filters.addWidget(self.show_all)
        filters.addWidget(self.delete)
        page = QVBoxLayout(self)
        page.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        page.setSpacing(INNER)
        cards.setSpacing(INNER)
        page.addLayout(cards)
        page.addWidget(self.totals)
        page.addWidget(self.message)
        page.addWidget(self.undo_bar)
        page.addSpacing(GROUP - INNER)
        page.addWidget(self.heatmap)
        page.addSpacing(GROUP - INNER)
        page.addWidget(self.filters)
        page.addWidget(self.list, 1)
        page.addWidget(self.empty, 1)
        page.addWidget(self.loading, 1)

    # -- filling -----------------------------------------------------------------

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the store again, off the GUI thread, and show it, keeping the day filter
        and the selection; then call ``then``. "Loading" (or "Waiting", while the history
        is locked) shows until the first read comes."""
        today = self.today()
        library = self.library()
        if not self._filled:
            self._show_loading(LOADING_TEXT)
        self.loader.load(
            lambda store: (
                insights.streaks(store, library, today),
                store.sessions(),
                store.set_counts(),
            ),
            lambda read: self._show(today, read, then),
        )

    def _show(self, today: date, read: _Read, then: Callable[[], None] | None) -> None:
        streaks, sessions, counts = read
        self._filled = True
        self._show_parts(True)
        if self._pending is None:  # "Deleting…" stays until the history has it so
            self.message.hide()
        self.loading.hide()
        self.streaks = streaks
        self._show_streaks(streaks)
        self.heatmap.set_data(
            heatmap(sessions, today, WEEKS), partial_days(sessions, today, WEEKS), today
        )
        self._fill_list(sessions, counts)
        self.show_day(self.filter_day)
        if then is not None:
            then()

    def _show_loading(self, text: str) -> None:
        """One line, instead of an empty history that would look like "no sessions"."""
        if self._filled:
            # Shown above what was read last: it may be out of date until the lock goes.
            self._show_error(text)
            return
        self.loading.setText(text)
        self.loading.show()
        self._show_parts(False)
        for part in (self.empty, self.list, self.filters):
            part.hide()

    def _show_parts(self, shown: bool) -> None:
        # Before the first read, cards at 0 and a blank year would say "no sessions".
        cards = (self.current_weeks, self.longest_weeks, self.current_days, self.longest_days)
        for part in (*cards, self.totals, self.heatmap):
            part.setVisible(shown)

    def _show_streaks(self, streaks: Streaks) -> None:
        self.current_weeks.show_number(streaks.current_weeks, "week")
        self.longest_weeks.show_number(streaks.longest_weeks, "week")
        self.current_days.show_number(streaks.current_days, "day")
        self.longest_days.show_number(streaks.longest_days, "day")
        self.totals.setText(
            f"{plural(streaks.sessions_total, 'completed session')} in all · weekly target "
            f"this week: {plural(streaks.weekly_target, 'session')}"
        )

    def _fill_list(self, sessions: list[SessionRecord], counts: dict[str, tuple[int, int]]) -> None:
        items = self.list.fill(sessions, counts, self.selected_uuid() or "")
        self._order = items
        self._items = {}
        self._by_uuid = {}
        self._sessions = {s.uuid: (s, counts.get(s.uuid, (0, 0))[0]) for s in sessions}
        for s, item in zip(reversed(sessions), items, strict=True):
            self._items.setdefault(s.local_date, []).append(item)
            self._by_uuid[s.uuid] = item
        nothing = not items
        self.empty.setVisible(nothing)
        self.list.setVisible(not nothing)
        self.filters.setVisible(not nothing)
        self._enable_delete()

    def _load_sets(self, item: QTreeWidgetItem) -> None:
        if not SessionList.needs_sets(item):
            return
        uuid = str(item.data(0, UUID))
        self.sets_loader.load(
            lambda store: store.sets(session_uuid=uuid), lambda sets: self._add_sets(uuid, sets)
        )

    def _add_sets(self, uuid: str, sets: list[SetRecord]) -> None:
        # The list may have been filled again meanwhile: find the session's item now.
        item = self._by_uuid.get(uuid)
        if item is not None and SessionList.needs_sets(item):
            SessionList.add_sets(item, sets)

    # -- the day filter ----------------------------------------------------------

    def show_day(self, day: date | None) -> None:
        """List only the sessions on ``day``; None lists them all."""
        self.filter_day = day
        self.list.setUpdatesEnabled(False)
        try:
            for item in self._order:
                item.setHidden(day is not None)
            for item in self._items.get(day, []) if day is not None else []:
                item.setHidden(False)
        finally:
            self.list.setUpdatesEnabled(True)
        self.show_all.setVisible(day is not None)
        self.heatmap.selected = day
        self.heatmap.update()
        if day is None:
            total = len(self._order)
            self.filter_label.setText(f"All sessions, newest first: {total:,}")
        else:
            found = self._items.get(day, [])
            what = plural(len(found), "session") if found else "No sessions"
            self.filter_label.setText(f"{what} on {day_text(day, year=True)}")
            if found:
                self.list.setCurrentItem(found[0])
                self.list.scrollToItem(found[0])
        self._enable_delete()

    def visible_uuids(self) -> list[str]:
        """The uuids of the sessions listed, top to bottom (for tests and checks)."""
        return [str(item.data(0, UUID)) for item in self._order if not item.isHidden()]

    def item_of(self, uuid: str) -> QTreeWidgetItem | None:
        """The list item of session ``uuid``."""
        return self._by_uuid.get(uuid)

    # -- deleting and undoing ----------------------------------------------------

    def selected_uuid(self) -> str | None:
        """The uuid of the selected session (a selected set counts as its session)."""
        item = self.list.currentItem()
        if item is None:
            return None
        top = item.parent() or item
        if top.isHidden():
            return None
        value = top.data(0, UUID)
        return str(value) if value else None

    def _enable_delete(self) -> None:
        self.delete.setEnabled(
            self.selected_uuid() is not None and not self.store.readonly and self._pending is None
        )
        if self.store.readonly:
            self.delete.setToolTip("The history is open read-only.")

    def _changed(self) -> None:
        self.changed.emit()

    def _show_error(self, text: str) -> None:
        self.loading.hide()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text[:1].upper() + text[1:])
        self.message.show()

    def _say_state(self, text: str) -> None:
        """One line on a write on its way ("Deleting…"); empty hides it."""
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.message.setVisible(bool(text))
