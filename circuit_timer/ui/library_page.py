"""The library page: circuits and plans with search and a tag filter, a preview, Start.

Broken files stay in the list with their line:col error, so a bad edit never makes a
circuit silently vanish.

With a plan active there is one obvious Start. When the selected circuit is today's plan
session, the big button runs it with the plan's changes (the preview shows the plan's
doses) and running the file as written is the smaller, plainly labelled choice. Any
other circuit's Start runs it as written, and the page says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.schedule import PlannedSession
from circuit_timer.core.today import todays_session
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.library_words import (
    ALL_TAGS,
    EMPTY_LIBRARY,
    as_written_note,
    by_file,
    item_text,
    library_status,
    no_match_text,
    problem_text,
)
from circuit_timer.ui.page_colours import ERROR_COLOUR
from circuit_timer.ui.page_loader import PageLoader
from circuit_timer.ui.page_style import set_role
from circuit_timer.ui.preview import circuit_html, plan_html, plan_session_html

ENTRY = Qt.ItemDataRole.UserRole
PROBLEM = Qt.ItemDataRole.UserRole + 1
PLAN_START_TEXT = "Start today's plan session\n(with the plan's changes)"
AS_WRITTEN_TEXT = "Run as written\n(without the plan's changes)"


class LibraryPage(QWidget):
    """Lists the library and starts a circuit, as written or as today's plan session.

    Signals:
        start_requested(str): run the circuit with this id as written.
        plan_session_requested(): run today's plan session with the plan's changes.
        new_requested(): make a new circuit.
        open_folder_requested(): show the user's circuits folder.
    """

    start_requested = Signal(str)
    plan_session_requested = Signal()
    new_requested = Signal()
    open_folder_requested = Signal()

    def __init__(
        self,
        store: HistoryStore | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._today = today
        self.library = Library()
        self.overview: insights.PlanOverview | None = None
        # The session a plan Start runs (the window's choice too), with its changes applied.
        self.plan_session: tuple[PlannedSession, Circuit] | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search circuits and plans")
        self.search.setClearButtonEnabled(True)
        self.tags = QComboBox()
        self.list = QListWidget()
        # Long titles wrap rather than hide behind a sideways scroll bar in a small window.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(False)
        self.preview.setPlaceholderText("Select a circuit or plan to see it here.")
        self.plan_note = QLabel()
        self.plan_note.setObjectName("hint")
        self.plan_note.setWordWrap(True)
        self.plan_note.hide()
        self.plan_start = QPushButton(PLAN_START_TEXT)
        self.plan_start.setObjectName("primary")
        self.plan_start.hide()
        self.start = QPushButton("Start")
        self.start.setObjectName("primary")
        self.start.setDefault(True)
        # Names today's plan session; its link selects the circuit and starts nothing.
        self.today = QLabel()
        self.today.setWordWrap(True)
        self.today.setTextFormat(Qt.TextFormat.RichText)
        self.today.hide()
        self.new = QPushButton("New circuit…")
        self.open_folder = QPushButton("Open circuits folder")
        self.status = QLabel()
        self.loader = PageLoader(store.path, self) if store is not None else None
        for said in (self.loader.waiting, self.loader.failed) if self.loader else ():
            said.connect(self.status.setText)
        self._build()
        self.search.textChanged.connect(self._filter)
        self.tags.currentTextChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._show)
        self.list.itemActivated.connect(lambda _item: self._activate())
        self.start.clicked.connect(self._start)
        self.plan_start.clicked.connect(self.plan_session_requested.emit)
        self.today.linkActivated.connect(lambda _link: self.select_plan_session())
        self.new.clicked.connect(self.new_requested.emit)
        self.open_folder.clicked.connect(self.open_folder_requested.emit)

    def _build(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(8)
        column.addWidget(self.today)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.tags, 1)
        column.addLayout(filters)
        column.addWidget(self.empty)
        column.addWidget(self.list, 1)
        files = QHBoxLayout()
        files.addWidget(self.new)
        files.addWidget(self.open_folder)
        column.addLayout(files)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(8, 0, 0, 0)
        side.setSpacing(8)
        side.addWidget(self.preview, 1)
        side.addWidget(self.plan_note)
        side.addWidget(self.plan_start)
        side.addWidget(self.start)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        page = QVBoxLayout(self)
        page.setContentsMargins(24, 24, 24, 24)
        page.setSpacing(16)
        page.addWidget(split, 1)
        page.addWidget(self.status)

    # -- filling -----------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Show ``library``, keeping the selection where it can."""
        selected = self.selected_id()
        self.library = library
        self._read_plan()
        tags = sorted({t for e in library.entries.values() for t in e.document.tags})
        current = self.tags.currentText()
        self.tags.blockSignals(True)
        self.tags.clear()
        self.tags.addItems([ALL_TAGS, *tags])
        self.tags.setCurrentText(current if current in tags else ALL_TAGS)
        self.tags.blockSignals(False)
        self.list.blockSignals(True)
        self.list.clear()
        for entry in library.sorted_entries():
            item = QListWidgetItem(item_text(entry, self.plan_session))
            item.setData(ENTRY, entry.id)
            item.setToolTip(str(entry.path))
            self.list.addItem(item)
        for path, problems in by_file(library.problems).items():
            item = QListWidgetItem(problem_text(path, problems))
            item.setForeground(QColor(ERROR_COLOUR))
            item.setData(PROBLEM, "\n".join(str(p) for p in problems))
            item.setToolTip(str(path))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.status.setText(library_status(library))
        self._filter()
        # The flagship first, for a runner opening the app for the first time.
        self.select(
            selected or ("pf-crash-course" if "pf-crash-course" in library.entries else None)
        )
        self._show(self.list.currentItem())

    def show_today(self, _title: str | None = None) -> None:
        """Read today's plan session again (the plan, library or history may have changed)."""
        self._read_plan()

    def refresh(self) -> None:
        """Re-read today's plan session (the window calls this when it shows the page)."""
        self.show_today()

    def showEvent(self, event: QShowEvent) -> None:
        """A page left open overnight must not offer yesterday's plan session."""
        super().showEvent(event)
        if self.overview is not None and self.overview.today != self._today():
            self.show_today()

    def _read_plan(self) -> None:
        """Read today's plan session off the GUI thread; the last one read stays till then."""
        if self.loader is not None:
            library, today = self.library, self._today()
            self.loader.load(lambda store: insights.plan_overview(store, library, today),
                             self._plan_read)  # fmt: skip

    def _plan_read(self, overview: insights.PlanOverview | None) -> None:
        self.overview = overview
        self.status.setText(library_status(self.library))  # a "waiting" line has gone
        t = todays_session(overview.today_sessions) if overview else None
        self.plan_session = found = (t.planned, t.circuit) if t and t.circuit else None
        self.today.setVisible(found is not None)
        if found is not None:
            self.today.setText(
                f"Today's plan session: <a href='select'>{escape(found[1].title)}</a>"
            )
        for row in range(self.list.count()):
            item = self.list.item(row)
            entry = self.library.entries.get(item.data(ENTRY) or "")
            if entry is not None:
                item.setText(item_text(entry, self.plan_session))
        self._show(self.list.currentItem())

    def select(self, entry_id: str | None) -> None:
        """Select the entry with ``entry_id`` (or the first visible one)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.isHidden() and (entry_id is None or item.data(ENTRY) == entry_id):
                self.list.setCurrentItem(item)
                return
        if entry_id is not None:
            self.select(None)

    def select_plan_session(self) -> None:
        """Select today's plan session's circuit, clearing a search that hides it."""
        if self.plan_session is None:
            return
        circuit_id = self.plan_session[0].circuit_id
        visible = any(
            self.list.item(r).data(ENTRY) == circuit_id and not self.list.item(r).isHidden()
            for r in range(self.list.count())
        )
        if not visible:
            self.search.clear()
            self.tags.setCurrentText(ALL_TAGS)
        self.select(circuit_id)

    def selected_id(self) -> str | None:
        """The id of the selected circuit or plan."""
        item = self.list.currentItem()
        value = item.data(ENTRY) if item is not None else None
        return str(value) if value else None

    def visible_titles(self) -> list[str]:
        """The first lines of the items shown (for tests and accessibility)."""
        return [
            self.list.item(r).text().split("\n")[0]
            for r in range(self.list.count())
            if not self.list.item(r).isHidden()
        ]

    def is_plan_session_selected(self) -> bool:
        """Whether the selected circuit is today's plan session (still to do)."""
        found = self.plan_session
        return found is not None and self.selected_id() == found[0].circuit_id

    # -- reacting ----------------------------------------------------------------

    def _filter(self) -> None:
        words = self.search.text().lower().split()
        tag = self.tags.currentText()
        for row in range(self.list.count()):
            item = self.list.item(row)
            entry = self.library.entries.get(item.data(ENTRY) or "")
            if entry is None:  # a broken file: shown unless a search hides it
                item.setHidden(bool(words) and not all(w in item.text().lower() for w in words))
                continue
            doc = entry.document
            text = " ".join([doc.id, doc.title, doc.summary or "", *doc.tags]).lower()
            if isinstance(doc, Circuit):
                text += " " + " ".join(
                    ex.name.lower() for block in doc.blocks for ex in block.exercises
                )
            hidden = not all(w in text for w in words) or (tag != ALL_TAGS and tag not in doc.tags)
            item.setHidden(hidden)
        self._show_empty(words, tag)
        current = self.list.currentItem()
        if current is not None and current.isHidden():
            # A hidden item must not stay the one Start would run.
            self.list.setCurrentRow(-1)
            self.select(None)

    def _show_empty(self, words: list[str], tag: str) -> None:
        shown = any(not self.list.item(r).isHidden() for r in range(self.list.count()))
        if shown:
            self.empty.hide()
            return
        search = self.search.text().strip() if words else ""
        self.empty.setText(EMPTY_LIBRARY if self.list.count() == 0 else no_match_text(search, tag))
        self.empty.show()

    def _show(self, item: QListWidgetItem | None) -> None:
        self._set_actions(None)
        if item is None:
            self.preview.setHtml("")
            self.start.setEnabled(False)
            return
        problem = item.data(PROBLEM)
        if problem:
            self.preview.setPlainText("This file has errors and was not loaded:\n\n" + problem)
            self.start.setEnabled(False)
            return
        entry = self.library.entries[item.data(ENTRY)]
        doc = entry.document
        if not isinstance(doc, Circuit):
            self.preview.setHtml(plan_html(doc, self.library))
            self.start.setEnabled(False)
            self._note("Plans are followed from the Plan page, where you pick your race date.")
            return
        self.start.setEnabled(True)
        found = self.plan_session
        if found is not None and found[0].circuit_id == doc.id:
            planned, adjusted = found
            self.preview.setHtml(plan_session_html(planned, adjusted, doc))
            self._set_actions(planned)
            return
        self.preview.setHtml(circuit_html(doc))
        self._note(self._as_written_note(doc))

    def _as_written_note(self, circuit: Circuit) -> str:
        """What Start does with a circuit that is not today's plan session, when a plan is
        followed (empty when none is)."""
        overview = self.overview
        if overview is None:
            return ""
        found = self.plan_session
        done = any(s is not None and s.status == "done" for _, _, s in overview.today_sessions)
        return as_written_note(circuit, found[1].title if found is not None else None, done)

    def _note(self, text: str) -> None:
        self.plan_note.setText(text)
        self.plan_note.setVisible(bool(text))

    def _set_actions(self, planned: PlannedSession | None) -> None:
        """One primary action: today's plan session when ``planned`` is given (the file as
        written is then the plainly labelled second choice), else Start as written."""
        plan = planned is not None
        self.plan_start.setVisible(plan)
        self.plan_start.setDefault(plan)
        self.start.setDefault(not plan)
        self.start.setText(AS_WRITTEN_TEXT if plan else "Start")
        set_role(self.start, "" if plan else "primary")
        font = self.font()
        font.setBold(True)
        self.plan_start.setFont(font)
        self.start.setFont(self.font() if plan else font)
        self.plan_start.setMinimumHeight(56)
        self.start.setMinimumHeight(0 if plan else 40)
        if planned is not None:
            self._note(
                "The preview shows the doses the plan sets today; Run as written ignores them."
            )
        else:
            self._note("")

    def _activate(self) -> None:
        # Enter or a double click does what the big button does, never the other dose.
        if self.is_plan_session_selected():
            self.plan_session_requested.emit()
        else:
            self._start()

    def _start(self) -> None:
        entry_id = self.selected_id()
        if entry_id and isinstance(self.library.entries[entry_id].document, Circuit):
            self.start_requested.emit(entry_id)
