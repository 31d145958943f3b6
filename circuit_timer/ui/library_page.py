"""The library page: circuits and plans with search and a tag filter, a preview, Start.

Broken files stay in the list with their line:col error, so a bad edit never makes a
circuit silently vanish.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
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

from circuit_timer.core.describe import minutes
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.problems import Problem
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.ui.preview import circuit_html, plan_html

ALL_TAGS = "All tags"
ENTRY = Qt.ItemDataRole.UserRole
PROBLEM = Qt.ItemDataRole.UserRole + 1


class LibraryPage(QWidget):
    """Lists the library and starts a circuit.

    Signals:
        start_requested(str): the id of the circuit to run.
        plan_session_requested(): run today's plan session.
        new_requested(): make a new circuit.
        open_folder_requested(): show the user's circuits folder.
    """

    start_requested = Signal(str)
    plan_session_requested = Signal()
    new_requested = Signal()
    open_folder_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = Library()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search circuits and plans")
        self.search.setClearButtonEnabled(True)
        self.tags = QComboBox()
        self.list = QListWidget()
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(False)
        self.start = QPushButton("Start")
        self.start.setDefault(True)
        self.today = QPushButton("Start today's plan session")
        self.today.hide()
        self.new = QPushButton("New circuit…")
        self.open_folder = QPushButton("Open circuits folder")
        self.status = QLabel()
        self._build()
        self.search.textChanged.connect(self._filter)
        self.tags.currentTextChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._show)
        self.list.itemActivated.connect(lambda _item: self._start())
        self.start.clicked.connect(self._start)
        self.today.clicked.connect(self.plan_session_requested.emit)
        self.new.clicked.connect(self.new_requested.emit)
        self.open_folder.clicked.connect(self.open_folder_requested.emit)

    def _build(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.today)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.tags, 1)
        column.addLayout(filters)
        column.addWidget(self.list)
        files = QHBoxLayout()
        files.addWidget(self.new)
        files.addWidget(self.open_folder)
        column.addLayout(files)
        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(self.preview)
        side.addWidget(self.start)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        page = QVBoxLayout(self)
        page.addWidget(split, 1)
        page.addWidget(self.status)

    # -- filling -----------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Show ``library``, keeping the selection where it can."""
        selected = self.selected_id()
        self.library = library
        tags = sorted({t for e in library.entries.values() for t in e.document.tags})
        current = self.tags.currentText()
        self.tags.blockSignals(True)
        self.tags.clear()
        self.tags.addItems([ALL_TAGS, *tags])
        self.tags.setCurrentText(current if current in tags else ALL_TAGS)
        self.tags.blockSignals(False)
        self.list.clear()
        for entry in library.sorted_entries():
            doc = entry.document
            if isinstance(doc, Circuit):
                length = f"{minutes(compile_timeline(doc).estimated_seconds)} min"
            else:
                length = f"plan, {len(doc.weeks)} weeks"
            source = "" if entry.origin == "bundled" else " · yours"
            item = QListWidgetItem(f"{doc.title}\n    {length}{source}")
            item.setData(ENTRY, entry.id)
            item.setToolTip(str(entry.path))
            self.list.addItem(item)
        for path, problems in _by_file(library.problems).items():
            first = problems[0]
            item = QListWidgetItem(f"⚠ {Path(path).name}\n    {first.line}:{first.col}: "
                                   f"{first.message}")  # fmt: skip
            item.setForeground(QColor("#D55E00"))
            item.setData(PROBLEM, "\n".join(str(p) for p in problems))
            item.setToolTip(str(path))
            self.list.addItem(item)
        count = len(library.entries)
        broken = len(_by_file(library.problems))
        self.status.setText(
            f"{count} circuits and plans" + (f"; {broken} file(s) with errors" if broken else "")
        )
        self._filter()
        # The flagship first, for a runner opening the app for the first time.
        self.select(
            selected or ("pf-crash-course" if "pf-crash-course" in library.entries else None)
        )

    def show_today(self, text: str | None) -> None:
        """Offer today's plan session (``text`` describes it), or hide the offer."""
        self.today.setVisible(text is not None)
        if text:
            self.today.setText(f"Start today's plan session: {text}")

    def select(self, entry_id: str | None) -> None:
        """Select the entry with ``entry_id`` (or the first visible one)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.isHidden() and (entry_id is None or item.data(ENTRY) == entry_id):
                self.list.setCurrentItem(item)
                return
        if entry_id is not None:
            self.select(None)

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

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.preview.clear()
            self.start.setEnabled(False)
            return
        problem = item.data(PROBLEM)
        if problem:
            self.preview.setPlainText("This file has errors and was not loaded:\n\n" + problem)
            self.start.setEnabled(False)
            return
        entry = self.library.entries[item.data(ENTRY)]
        if isinstance(entry.document, Circuit):
            self.preview.setHtml(circuit_html(entry.document))
            self.start.setEnabled(True)
        else:
            self.preview.setHtml(plan_html(entry.document))
            self.start.setEnabled(False)

    def _start(self) -> None:
        entry_id = self.selected_id()
        if entry_id and isinstance(self.library.entries[entry_id].document, Circuit):
            self.start_requested.emit(entry_id)


def _by_file(problems: list[Problem]) -> dict[str, list[Problem]]:
    grouped: dict[str, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault(problem.path, []).append(problem)
    return grouped
