"""The Today page's morning pain: how the first steps out of bed felt, 0-10, then Save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.page_colours import ERROR_COLOUR
from circuit_timer.ui.page_loader import PageLoader
from circuit_timer.ui.page_style import INNER, scaled_font, section_title
from circuit_timer.ui.pain_scale import PAIN_BUTTON_SIZE, PainScale


def morning_score(store: HistoryStore, today: date) -> int | None:
    """The morning pain score saved for ``today``, if there is one."""
    entries = store.pain_entries(until=today)
    return next((e.value for e in entries if e.date == today and e.kind == "morning"), None)


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
        # Saving runs in a worker, with its own connection (ui/page_loader.py).
        self._saving = False
        self.writer = PageLoader(store.path, self, writable=True) if store is not None else None
        if self.writer is not None:
            self.writer.waiting.connect(self._locked)
            self.writer.failed.connect(self._failed)
        self.group.idToggled.connect(self._picked)
        self.save.clicked.connect(self.save_score)

    def show_saved(self, today: date) -> None:
        """Press the score saved for ``today``, if there is one (read here: the Today page
        reads it off the GUI thread and calls ``show_score``)."""
        saved = None
        if self.store is not None:
            try:
                saved = morning_score(self.store, today)
            except StoreError as exc:
                self._say(str(exc), error=True)
                return
        self.show_score(saved)

    def show_loading(self) -> None:
        """Nothing can be pressed until today's score is read."""
        self.scale.clear()
        for button in self.buttons:
            button.setEnabled(False)
        self.save.setEnabled(False)
        self._say("")

    def show_score(self, saved: int | None) -> None:
        """Press ``saved``, today's saved score, if there is one."""
        if self._saving:
            return  # the score being saved shows, not the one read before it
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
        """Save the pressed score as today's morning pain, off the GUI thread: it says
        "Saving" until the history has it, and "Saved" only then."""
        value = self.value()
        if value is None or self.store is None or self.writer is None:
            return
        day = self._today()
        self._saving = True
        self.save.setEnabled(False)
        self._say(f"Saving {value}/10\u2026")
        self.writer.load(
            lambda store: store.add_pain(day, "morning", value),
            lambda _: self._stored(value),
        )

    def _stored(self, value: int) -> None:
        self._saving = False
        self._say(f"Saved: {value}/10 this morning")
        self.save.setEnabled(False)
        self.saved.emit(value)

    def _locked(self, _text: str) -> None:
        value = self.value()
        self._say(
            f"Not saved yet: another program is using your history. Trying again to save "
            f"{value}/10\u2026",
            error=True,
        )

    def _failed(self, text: str) -> None:
        self._saving = False
        self._say(text, error=True)
        self.save.setEnabled(True)  # the runner may try again

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.status.setText(text)
