"""A streak as a card: a big number with what it counts above it and its unit below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from circuit_timer.core.describe import plural

CARD_CHARS = 28


class StreakCard(QFrame):
    """A big number with what it counts above it and its unit below."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        self.value = QLabel("0")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.value.setFont(font)
        self.unit = QLabel()
        for label in (self.title, self.value, self.unit):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Four cards share a narrow window: a title may take two lines.
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.unit)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # On a big screen a card stays a card, not a banner.
        self.setMaximumWidth(CARD_CHARS * self.fontMetrics().averageCharWidth())

    def show_number(self, number: int, unit: str) -> None:
        """Show ``number`` and its unit ("week" / "weeks")."""
        self.value.setText(str(number))
        self.unit.setText(unit if number == 1 else unit + "s")
        self.setAccessibleName(f"{self.title.text()}: {plural(number, unit)}")
