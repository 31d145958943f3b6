"""The summary after a workout: time, sets and reps per exercise and side, pain, a note.

A workout that ended with no completed set is not in the history: the runner keeps it
(as it ended, with pain and note) or discards it here.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.describe import clock as mmss
from circuit_timer.core.describe import plural
from circuit_timer.core.events import SetCompleted


@dataclass(frozen=True)
class Row:
    """One exercise and side in the summary."""

    exercise: str
    side: str
    sets: int
    reps: str
    seconds: float


def summarise(sets: list[SetCompleted]) -> list[Row]:
    """Sets and reps per exercise and side, in the order they were done."""
    grouped: dict[tuple[str, str], list[SetCompleted]] = {}
    for s in sets:
        grouped.setdefault((s.exercise_name, s.side or "\u2013"), []).append(s)
    rows = []
    for (name, side), done in grouped.items():
        targets = [s.reps_target for s in done if s.reps_target is not None]
        reps = [s.reps_done for s in done if s.reps_done is not None]
        text = f"{sum(reps)} / {sum(targets)}" if reps and targets else "\u2013"
        rows.append(Row(name, side, len(done), text, sum(s.seconds for s in done)))
    return rows


def facts_text(seconds: float, sets: list[SetCompleted]) -> str:
    """'Time 12:34 · 3 sets · 30 reps' (reps only where sets count them)."""
    parts = [f"Time {mmss(seconds)}", plural(len(sets), "set") if sets else "no set done"]
    counted = [s.reps_done for s in sets if s.reps_done is not None]
    if counted:
        parts.append(plural(sum(counted), "rep"))
    return " · ".join(parts)


def saved_text(done: int, saved: int | None) -> str:
    """What the history holds of this workout, in plain words."""
    if saved is None:
        return "Not saved: the history could not be opened."
    if done == 0:
        return (
            "No set was completed, so this session is not in your history. Keep it to count "
            "it as a partial session, or discard it."
        )
    if saved == done:
        return f"{plural(saved, 'set')} saved to your history."
    return f"Only {saved} of {plural(done, 'set')} saved to your history (see the status bar)."


class SummaryPage(QWidget):
    """Shows how the workout went and saves pain-after and a note with it.

    Signals:
        save_requested(int, str): pain after (0-10) and the note; for a workout with no
            completed set, this is the runner choosing to keep it.
        discard_requested(): leave a workout with no completed set out of the history.
    """

    save_requested = Signal(int, str)
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.empty_note = QLabel()
        self.empty_note.setObjectName("emptyState")
        self.empty_note.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Exercise", "Side", "Sets", "Reps", "Time"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pain = QSlider(Qt.Orientation.Horizontal)
        self.pain.setRange(0, 10)
        self.pain.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.pain.setTickInterval(1)
        self.pain_label = QLabel()
        self.note = QLineEdit()
        self.note.setPlaceholderText("A note for this session (optional)")
        self.save = QPushButton("Save and finish")
        self.save.setObjectName("primary")
        self.save.setDefault(True)
        self.keep = QPushButton("Keep this session")
        self.discard = QPushButton("Discard")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("hint")
        self.saved_label.setWordWrap(True)
        self.pain.valueChanged.connect(self._pain_text)
        self.save.clicked.connect(self._save)
        self.keep.clicked.connect(self._save)
        self.discard.clicked.connect(self.discard_requested.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.table, 1)
        pain = QHBoxLayout()
        pain.addWidget(QLabel("Pain after (0-10):"))
        pain.addWidget(self.pain, 1)
        pain.addWidget(self.pain_label)
        layout.addLayout(pain)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.discard)
        buttons.addWidget(self.keep)
        buttons.addWidget(self.save)
        layout.addLayout(buttons)
        layout.addStretch(0)  # takes the table's room when there is no set to list
        self._pain_text(0)

    def show_workout(
        self,
        title: str,
        status: str,
        seconds: float,
        sets: list[SetCompleted],
        saved: int | None = None,
    ) -> None:
        """Fill the page for a workout that just ended; ``saved`` is how many of its sets
        the history holds (None: no history is open)."""
        word = "Completed" if status == "completed" else "Finished early"
        self.heading.setText(f"{word}: {title}")
        self.facts.setText(facts_text(seconds, sets))
        empty = not sets and saved is not None
        # With no set, what happens to the session is the page's main message.
        self.empty_note.setText(saved_text(0, saved) if empty else "")
        self.empty_note.setVisible(empty)
        self.saved_label.setText("" if empty else saved_text(len(sets), saved))
        self.save.setVisible(not empty)
        self.keep.setVisible(empty)
        self.discard.setVisible(empty)
        self.table.setVisible(bool(sets))
        rows = summarise(sets)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [row.exercise, row.side, str(row.sets), row.reps, mmss(row.seconds)]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.pain.setValue(0)
        self.note.clear()

    @property
    def asks_to_keep(self) -> bool:
        """Whether the page offers Keep this session / Discard (no completed set)."""
        return self.keep.isVisibleTo(self)

    def _pain_text(self, value: int) -> None:
        # The pain-monitoring rule, in the runner's words (evidence.md, Silbernagel 2007).
        word = "safe" if value <= 3 else "acceptable" if value <= 5 else "too much: go lighter"
        self.pain_label.setText(f"{value}  ({word})")

    def _save(self) -> None:
        self.save_requested.emit(self.pain.value(), self.note.text().strip())
