"""The Today page's morning pain: how the first steps out of bed felt, 0-10, then Save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.page_colours import ERROR_COLOUR
from circuit_timer.ui.page_style import INNER, scaled_font, section_title
from circuit_timer.ui.pain_scale import PAIN_BUTTON_SIZE, PainScale


class MorningPain(QWidget):
    """A 0-10 row of buttons (two rows in a narrow window), Save, and what was saved.

    Signals:
        saved(int): a morning pain score (0-10) was saved for today.
    """

    saved = Signal(int)

    def __init__(
        self, store: HistoryStore | None, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._today = today
        self.scale = PainScale("Morning pain")
        self.group = self.scale.group
        self.buttons = self.scale.buttons
        self.save = QPushButton("Save")
        self.save.setMinimumHeight(PAIN_BUTTON_SIZE.height())
        self.save.setFont(scaled_font(self, 1.2, bold=True))
        self.save.setEnabled(False)
        self.status = QLabel()
        self.status.setFont(scaled_font(self, 1.15))
        self.status.setWordWrap(True)
        question = QLabel("How did your first steps out of bed feel? 0 is no pain, 10 the worst.")
        question.setObjectName("hint")
        question.setWordWrap(True)
        saving = QHBoxLayout()
        saving.setSpacing(INNER)
        saving.addWidget(self.status, 1)
        saving.addWidget(self.save)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(INNER)
        column.addWidget(section_title("Morning pain"))
        column.addWidget(question)
        column.addWidget(self.scale)
        column.addLayout(saving)
        self.group.idToggled.connect(self._picked)
        self.save.clicked.connect(self.save_score)

    def show_saved(self, today: date) -> None:
        """Press the score saved for ``today``, if there is one."""
        saved = None
        if self.store is not None:
            try:
                saved = next(
                    (
                        e.value
                        for e in self.store.pain_entries(until=today)
                        if e.date == today and e.kind == "morning"
                    ),
                    None,
                )
            except StoreError as exc:
                self._say(str(exc), error=True)
                return
        for button in self.buttons:
            button.setEnabled(self.store is not None)
        if saved is None:
            # Nothing saved today: no button stays pressed from yesterday.
            self.scale.clear()
            self.save.setEnabled(False)
            self._say("")
        else:
            self.buttons[saved].setChecked(True)
            self.save.setEnabled(False)
            self._say(f"Saved: {saved}/10 this morning")

    def value(self) -> int | None:
        """The pressed button's value, or None."""
        value = self.group.checkedId()
        return value if value >= 0 else None

    def _picked(self, level: int, checked: bool) -> None:
        if checked:
            self.save.setEnabled(self.store is not None)
            self._say(f"{level}/10: press Save")

    def save_score(self) -> None:
        """Save the pressed score as today's morning pain."""
        value = self.value()
        if value is None or self.store is None:
            return
        try:
            self.store.add_pain(self._today(), "morning", value)
        except StoreError as exc:
            self._say(str(exc), error=True)
            return
        self.save.setEnabled(False)
        self._say(f"Saved: {value}/10 this morning")
        self.saved.emit(value)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.status.setText(text)
