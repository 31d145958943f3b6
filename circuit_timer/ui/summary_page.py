"""The summary after a workout: time, sets and reps per exercise and side, pain, a note."""

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
        grouped.setdefault((s.exercise_name, s.side or "both"), []).append(s)
    rows = []
    for (name, side), done in grouped.items():
        targets = [s.reps_target for s in done if s.reps_target is not None]
        reps = [s.reps_done for s in done if s.reps_done is not None]
        text = f"{sum(reps)} / {sum(targets)}" if reps and targets else "\u2013"
        rows.append(Row(name, side, len(done), text, sum(s.seconds for s in done)))
    return rows


class SummaryPage(QWidget):
    """Shows how the workout went and saves pain-after and a note with it.

    Signals:
        save_requested(int, str): pain after (0-10) and the note.
        closed(): back to the library.
    """

    save_requested = Signal(int, str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSize(font.pointSize() * 2)
        font.setBold(True)
        self.heading.setFont(font)
        self.facts = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Exercise", "Side", "Sets", "Reps", "Time"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.pain = QSlider(Qt.Orientation.Horizontal)
        self.pain.setRange(0, 10)
        self.pain.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.pain.setTickInterval(1)
        self.pain_label = QLabel()
        self.note = QLineEdit()
        self.note.setPlaceholderText("A note for this session (optional)")
        self.save = QPushButton("Save and finish")
        self.save.setDefault(True)
        self.saved_label = QLabel()
        self.pain.valueChanged.connect(self._pain_text)
        self.save.clicked.connect(self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.table, 1)
        pain = QHBoxLayout()
        pain.addWidget(QLabel("Pain after (0-10):"))
        pain.addWidget(self.pain, 1)
        pain.addWidget(self.pain_label)
        layout.addLayout(pain)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.save)
        layout.addLayout(buttons)
        self._pain_text(0)

    def show_workout(
        self, title: str, status: str, seconds: float, sets: list[SetCompleted]
    ) -> None:
        """Fill the page for a workout that just ended."""
        word = "Completed" if status == "completed" else "Finished early"
        self.heading.setText(f"{word}: {title}")
        reps = sum(s.reps_done or 0 for s in sets)
        self.facts.setText(f"Time {mmss(seconds)} · {len(sets)} sets · {reps} reps")
        rows = summarise(sets)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [row.exercise, row.side, str(row.sets), row.reps, mmss(row.seconds)]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.pain.setValue(0)
        self.note.clear()
        self.saved_label.clear()

    def _pain_text(self, value: int) -> None:
        # The pain-monitoring rule, in the runner's words (evidence.md, Silbernagel 2007).
        word = "safe" if value <= 3 else "acceptable" if value <= 5 else "too much: go lighter"
        self.pain_label.setText(f"{value}  ({word})")

    def _save(self) -> None:
        self.save_requested.emit(self.pain.value(), self.note.text().strip())
