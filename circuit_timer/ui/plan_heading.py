"""The heading over the Plan page's schedule: its title, and under it the progression
rule's reason for today's adapted dose.

The reason is a sentence of explanation, so it reads as body text at the size of the
schedule's rows, never in the title's larger bold. Not in the muted ``hint`` colour: it
says why today's dose changed, which the runner reads from a few steps away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from circuit_timer.ui.page_style import INNER, scaled_font, text_label
from circuit_timer.ui.style import SECTION_TITLE_NAME

# The reason's size against the body font: that of the schedule's rows, so it reads as
# the table's text does; the title above is larger and bold.
REASON_SCALE = 1.1


class PlanHeading(QWidget):
    """The schedule's ``title`` and, when the rule adapted today's dose, its ``reason``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName(SECTION_TITLE_NAME)
        self.title.setWordWrap(True)
        self.title.setFont(scaled_font(self, 1.15, bold=True))
        self.reason = text_label(self, REASON_SCALE)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(INNER // 2)
        column.addWidget(self.title)
        column.addWidget(self.reason)

    def show_title(self, title: str, reason: str = "") -> None:
        """Show ``title``, with ``reason`` under it (none: the reason line goes)."""
        self.title.setText(title)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
