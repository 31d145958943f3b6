"""The Today page's session column: today's plan session, read from across the room, and
its Start button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from circuit_timer.ui.page_colours import PASSED_COLOUR
from circuit_timer.ui.page_style import INNER, scaled_font, section_title, text_label


class SessionColumn(QWidget):
    """The session's title, length, blocks and the plan's changes, or a rest day's words;
    then Start (the page fills them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label(self, 2.4, bold=True)
        self.facts = text_label(self, 1.6)
        self.blocks = text_label(self, 1.15)
        self.blocks.setStyleSheet(f"color: {PASSED_COLOUR};")
        self.changes = text_label(self, 1.3)
        self.changes.setTextFormat(Qt.TextFormat.RichText)
        self.changes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.start = QPushButton("Start")
        self.start.setObjectName("primary")
        # One short word, so it stays large at any width; the title is right above it.
        self.start.setFont(scaled_font(self, 2.6, bold=True))
        self.start.setMinimumHeight(80)
        self.start.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rest = text_label(self, 1.5)
        self.next_plan = QPushButton("Choose your next plan\u2026")
        self.next_plan.setFont(scaled_font(self, 1.3, bold=True))
        self.next_plan.setMinimumHeight(48)
        self.next_plan.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(INNER)
        column.addWidget(section_title("Today's session"))
        for label in (self.title, self.facts, self.blocks, self.changes, self.rest):
            column.addWidget(label)
        column.addWidget(self.next_plan, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        column.addWidget(self.start)
