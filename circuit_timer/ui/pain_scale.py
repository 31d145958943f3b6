"""A 0-10 pain score as a row of buttons, none pressed until the runner picks one.

Today's morning pain and the summary's pain during and after share it. A slider would
always hold some value, and an untouched 0 would be stored as if the runner had said it;
with buttons, "not chosen" is a state of its own, and the summary adds a "Skip" button
for a question the runner does not want to answer.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QButtonGroup, QSizePolicy, QToolButton, QWidget

from circuit_timer.ui.flow_layout import FlowLayout
from circuit_timer.ui.page_style import scaled_font

PAIN_LEVELS = range(11)
PAIN_BUTTON_SIZE = QSize(44, 40)  # a comfortable target for a finger or a sleepy click
# The Skip button's id in the group: not a score, and not -1 (the group's "none pressed").
SKIP = 100
# The pressed score must show from a distance, not only as a slightly darker button.
PAIN_CHECKED = (
    "QToolButton:checked { background-color: #0072B2; color: #FFFFFF; "
    "border: 1px solid #00507D; border-radius: 3px; }"
)

Choice = int | Literal["skip"] | None


class PainScale(QWidget):
    """Buttons 0-10 (and "Skip" if ``skip``), wrapping onto two balanced rows when narrow.

    ``what`` names the score for screen readers and tooltips ("Morning pain").

    Signals:
        chosen(): the runner pressed a score or Skip.
    """

    chosen = Signal()

    def __init__(self, what: str, *, skip: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QToolButton] = []
        flow = FlowLayout(self, spacing=4, balanced=True)
        for level in PAIN_LEVELS:
            button = self._button(str(level), f"{what} {level} of 10")
            self.group.addButton(button, level)
            self.buttons.append(button)
            flow.addWidget(button)
        self.skip_button: QToolButton | None = None
        if skip:
            self.skip_button = self._button("Skip", f"{what}: skip, save no score")
            self.group.addButton(self.skip_button, SKIP)
            flow.addWidget(self.skip_button)
        self.group.idToggled.connect(self._toggled)

    def _button(self, text: str, name: str) -> QToolButton:
        # Tool buttons: a push button's style may insist on 80 px for "3".
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setMinimumSize(PAIN_BUTTON_SIZE)
        button.setMaximumWidth(2 * PAIN_BUTTON_SIZE.width())
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setFont(scaled_font(self, 1.2, bold=True))
        button.setToolTip(name)
        button.setAccessibleName(name)
        button.setStyleSheet(PAIN_CHECKED)
        return button

    def _toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.chosen.emit()

    def choice(self) -> Choice:
        """The pressed score, "skip", or None while nothing is pressed."""
        pressed = self.group.checkedId()
        if pressed == SKIP:
            return "skip"
        return pressed if pressed in PAIN_LEVELS else None

    def value(self) -> int | None:
        """The pressed score; None when nothing or Skip is pressed."""
        choice = self.choice()
        return choice if isinstance(choice, int) else None

    def pick(self, choice: Choice) -> None:
        """Press ``choice``'s button (None: release them all)."""
        if choice is None:
            self.clear()
        elif choice == "skip":
            if self.skip_button is not None:
                self.skip_button.setChecked(True)
        else:
            self.buttons[choice].setChecked(True)

    def clear(self) -> None:
        """No button pressed (an exclusive group would keep one)."""
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)

    def set_locked(self, locked: bool) -> None:
        """Enable or disable every button (the choice stays shown)."""
        for button in self.group.buttons():
            button.setEnabled(not locked)
