"""The summary after a workout: time and sets, a test's LSI, pain during and after, a note,
the notes that carry a safety rule, and once saved, the advice for the next session.

Pain is entered or it is absent: no score is pressed at first, and Save with none pressed
(or Skip) stores nothing, never 0. After saving, the page stays to show the advice (the
pain-monitoring rule on the history including this session) at its top, where the runner
looks while deciding next time's load; Done goes on to the history.

A workout that ended with no completed set is not in the history: the runner keeps it
(as it ended, with pain and note) or discards it here.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.describe import clock as mmss
from circuit_timer.core.model import Circuit
from circuit_timer.core.pain import PainAdvice
from circuit_timer.core.records import CompletedSet
from circuit_timer.session.load_entry import Load
from circuit_timer.ui.advice_view import AdviceView
from circuit_timer.ui.page_style import GROUP, INNER, MARGIN, hint, section_title
from circuit_timer.ui.pain_scale import PainScale
from circuit_timer.ui.summary_text import (
    BANDS_TEXT,
    SideTest,
    choice_text,
    facts_text,
    load_text,
    parse_loads,
    safety_notes,
    saved_text,
    side_test_detail,
    stored_pain_text,
    summarise,
)

__all__ = ["SummaryPage", "facts_text", "saved_text", "summarise"]

LOAD_COLUMN = 5
LOAD_HINT = (
    "To correct a load used, click its cell: kilograms for every set (7.5) or for each "
    "(5, 7.5), bw for bodyweight, \u2013 for none."
)


class SummaryPage(QWidget):
    """Shows how the workout went and saves pain during and after and a note with it.

    Signals:
        save_requested(object, object, str): pain after and pain during (0-10, or None
            when not entered) and the note; for a workout with no completed set, this is
            the runner choosing to keep it.
        discard_requested(): leave a workout with no completed set out of the history.
        done_requested(): the runner has read the advice and leaves the summary.
    """

    save_requested = Signal(object, object, str)
    discard_requested = Signal()
    done_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = section_title("")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.empty_note = QLabel()
        self.empty_note.setObjectName("emptyState")
        self.empty_note.setWordWrap(True)
        self.advice_title = section_title("Your next session")
        self.advice = AdviceView()
        self.tests_title = section_title("Left-right test")
        self.tests = QLabel()
        self.tests.setWordWrap(True)
        self.tests.setTextFormat(Qt.TextFormat.RichText)
        self.pain_during = PainScale("Pain during the session", skip=True)
        self.pain_after = PainScale("Pain after the session", skip=True)
        self.during_status = hint()
        self.after_status = hint()
        self.note = QLineEdit()
        self.note.setPlaceholderText("A note for this session (optional)")
        self.notes_title = section_title("Safety notes from this circuit")
        self.safety = QLabel()
        self.safety.setWordWrap(True)
        self.safety.setTextFormat(Qt.TextFormat.RichText)
        self.sets_title = section_title("Sets")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(["Exercise", "Side", "Sets", "Reps", "Time", "Load"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        # Only a Load cell can be edited (a click on it), to correct the load used.
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.table.itemChanged.connect(self._load_edited)
        self.load_hint = hint(LOAD_HINT)
        self._rows: list[tuple[CompletedSet, ...]] = []
        self._loads: dict[int, list[Load | None]] = {}
        # The page scrolls, not the table: it is as tall as its rows.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.save = QPushButton("Save")
        self.save.setObjectName("primary")
        self.save.setDefault(True)
        self.keep = QPushButton("Keep this session")
        self.discard = QPushButton("Discard")
        self.done = QPushButton("Done")
        self.done.setObjectName("primary")
        self.saved_label = hint()
        self.pain_during.chosen.connect(self._pain_text)
        self.pain_after.chosen.connect(self._pain_text)
        self.save.clicked.connect(self._save)
        self.keep.clicked.connect(self._save)
        self.discard.clicked.connect(self.discard_requested.emit)
        self.done.clicked.connect(self.done_requested.emit)
        self._build()
        self._pain_text()

    def _build(self) -> None:
        body = QWidget()
        page = QVBoxLayout(body)
        page.setContentsMargins(MARGIN, MARGIN, MARGIN, GROUP)
        page.setSpacing(GROUP)
        page.addLayout(_group(self.heading, self.facts))
        page.addWidget(self.empty_note)
        page.addLayout(_group(self.advice_title, self.advice))
        # The notes' own rules, right under the advice: read as next time's load is decided
        # (and, before saving, just before the pain questions they bear on).
        page.addLayout(_group(self.notes_title, self.safety))
        page.addLayout(_group(self.tests_title, self.tests))
        pain = _group(
            section_title("Pain"),
            hint(f"{BANDS_TEXT} Pick a score, or Skip: a question left open saves nothing."),
        )
        for what, scale, status in (
            ("During the session", self.pain_during, self.during_status),
            ("After the session, now", self.pain_after, self.after_status),
        ):
            label = QLabel(what)
            label.setWordWrap(True)
            label.setBuddy(scale)
            pain.addSpacing(INNER)
            for widget in (label, scale, status):
                pain.addWidget(widget)
        pain.addSpacing(INNER)
        pain.addWidget(self.note)
        page.addLayout(pain)
        page.addLayout(_group(self.sets_title, self.table, self.load_hint))
        page.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(body)
        # The buttons stay in view below the scrolled part.
        bar = QHBoxLayout()
        bar.setContentsMargins(MARGIN, INNER, MARGIN, MARGIN)
        bar.setSpacing(INNER)
        bar.addWidget(self.saved_label, 1)
        for button in (self.discard, self.keep, self.save, self.done):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(bar)

    def show_workout(
        self,
        title: str,
        status: str,
        seconds: float,
        sets: list[CompletedSet],
        saved: int | None = None,
        *,
        kept: int | None = None,
        circuit: Circuit | None = None,
        tests: list[SideTest] | None = None,
    ) -> None:
        """Fill the page for a workout that just ended; ``saved`` is how many of its sets
        the history holds (None: no history is open), ``kept`` how many are safe on disk
        (in the history or its journal). ``circuit`` gives the notes with a
        safety rule, ``tests`` the left-right tests done (``summary_text.side_tests``)."""
        word = "Completed" if status == "completed" else "Finished early"
        self.heading.setText(f"{word}: {title}")
        self.facts.setText(facts_text(seconds, sets))
        empty = not sets and saved is not None
        # With no set, what happens to the session is the page's main message.
        self.empty_note.setText(saved_text(0, saved) if empty else "")
        self.empty_note.setVisible(empty)
        self.saved_label.setText("" if empty else saved_text(len(sets), saved, kept))
        self.save.setVisible(not empty)
        self.keep.setVisible(empty)
        self.discard.setVisible(empty)
        self.done.hide()
        self.save.setEnabled(True)
        self.keep.setEnabled(True)
        self.advice_title.hide()
        self.advice.hide()
        self._show_tests(tests or [])
        self._show_notes(circuit)
        self._show_sets(sets)
        for scale in (self.pain_during, self.pain_after):
            scale.clear()
            scale.set_locked(False)
        self._pain_text()
        self.note.clear()
        self.note.setReadOnly(False)
        self.scroller.verticalScrollBar().setValue(0)

    def _show_tests(self, tests: list[SideTest]) -> None:
        self.tests.setText(
            "".join(f"<p><b>{escape(t.name)}</b>: {escape(side_test_detail(t))}</p>" for t in tests)
        )
        for widget in (self.tests_title, self.tests):
            widget.setVisible(bool(tests))

    def _show_notes(self, circuit: Circuit | None) -> None:
        notes = safety_notes(circuit) if circuit is not None else []
        self.safety.setText(
            "".join(f"<p><b>{escape(name)}</b>: {escape(note)}</p>" for name, note in notes)
        )
        for widget in (self.notes_title, self.safety):
            widget.setVisible(bool(notes))

    def _show_sets(self, sets: list[CompletedSet]) -> None:
        rows = summarise(sets)
        self._rows = [row.done for row in rows]
        self._loads = {}
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            loads = [_load_of(done) for done in row.done]
            values = [row.exercise, row.side, str(row.sets), row.reps, mmss(row.seconds)]
            for c, value in enumerate([*values, load_text(loads)]):
                item = QTableWidgetItem(value)
                # A load can be corrected where the exercise has one (or one was entered).
                if c < LOAD_COLUMN or not any(d.load or d.load_kg for d in row.done):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self.load_hint.setText(LOAD_HINT)
        self._lock_loads(False)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().sizeHint().height()
        height += self.table.verticalHeader().length() + 2 * self.table.frameWidth()
        self.table.setFixedHeight(height)
        for widget in (self.sets_title, self.table):
            widget.setVisible(bool(sets))
        self.load_hint.setVisible(any(any(d.load for d in done) for done in self._rows))

    def _lock_loads(self, locked: bool) -> None:
        triggers = QTableWidget.EditTrigger
        self.table.setEditTriggers(
            triggers.NoEditTriggers if locked else triggers.CurrentChanged | triggers.DoubleClicked
        )

    def _load_edited(self, item: QTableWidgetItem) -> None:
        """A Load cell edited: kept when it reads as loads, else put back and said why."""
        r = item.row()
        if item.column() != LOAD_COLUMN or r >= len(self._rows):
            return
        done = self._rows[r]
        try:
            loads = parse_loads(item.text(), len(done))
        except ValueError as exc:
            self.load_hint.setText(f"{done[0].exercise_name or done[0].exercise_id}: {exc}.")
            loads = self._loads.get(r, [_load_of(d) for d in done])
        else:
            self.load_hint.setText(LOAD_HINT)
            self._loads[r] = loads
        self.table.blockSignals(True)
        item.setText(load_text(loads))
        self.table.blockSignals(False)

    def load_changes(self) -> list[tuple[CompletedSet, float | None, bool]]:
        """The sets whose load the runner corrected here: (set, kilograms, bodyweight)."""
        changes = []
        for r, loads in self._loads.items():
            for done, load in zip(self._rows[r], loads, strict=True):
                if load != _load_of(done):
                    kg, bodyweight = load if load is not None else (None, False)
                    changes.append((done, kg, bodyweight))
        return changes

    def show_saved(
        self, advice: PainAdvice | None, error: str = "", *, written: bool = True
    ) -> None:
        """The session is saved (``written``: in the history; else kept safely, to be
        written): show what was stored and the advice, at the top."""
        during, after = self.pain_during.value(), self.pain_after.value()
        self.saved_label.setText(stored_pain_text(during, after, written=written))
        for scale in (self.pain_during, self.pain_after):
            scale.set_locked(True)
        self.note.setReadOnly(True)
        self._lock_loads(True)
        for button in (self.save, self.keep, self.discard):
            button.hide()
        self.empty_note.hide()
        self.done.show()
        self.done.setDefault(True)
        self.done.setFocus()
        if advice is not None:
            self.advice.set_advice(advice)
        else:
            self.advice.set_error(error or "The history could not be read.")
        self.advice_title.show()
        self.advice.show()
        self.scroller.verticalScrollBar().setValue(0)

    def save_failed(self) -> None:
        """Saving failed (the window said why): Save can be pressed again."""
        self.save.setEnabled(True)
        self.keep.setEnabled(True)

    @property
    def asks_to_keep(self) -> bool:
        """Whether the page offers Keep this session / Discard (no completed set)."""
        return self.keep.isVisibleTo(self)

    @property
    def saved(self) -> bool:
        """Whether the page shows a saved session (its advice and Done)."""
        return self.done.isVisibleTo(self)

    def _pain_text(self) -> None:
        self.during_status.setText(choice_text(self.pain_during.choice()))
        self.after_status.setText(choice_text(self.pain_after.choice()))

    def _save(self) -> None:
        self.save.setEnabled(False)  # one save, however quick the second click
        self.keep.setEnabled(False)
        self.save_requested.emit(
            self.pain_after.value(), self.pain_during.value(), self.note.text().strip()
        )


def _load_of(done: CompletedSet) -> Load | None:
    """The load entered for a set, or None."""
    if done.bodyweight:
        return None, True
    return None if done.load_kg is None else (done.load_kg, False)


def _group(*widgets: QWidget) -> QVBoxLayout:
    """Widgets one under the other, on the inner gap of a group."""
    group = QVBoxLayout()
    group.setSpacing(INNER)
    for widget in widgets:
        group.addWidget(widget)
    return group
