"""The question before finishing a workout early, asked at the bottom of the workout page.

It is no modal dialog: it lies over the bottom rows (what comes next, the cues, the
buttons) and leaves the countdown, the exercise, the side and the rep count in view,
and the workout goes on while it is open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from circuit_timer.core.describe import plural


def question(sets_done: int) -> str:
    """What finishing now would keep, in the runner's words."""
    if sets_done == 0:
        return (
            "Finish now? No set is done yet: nothing is saved unless you choose to keep "
            "this session on the next screen."
        )
    verb = "is" if sets_done == 1 else "are"
    return f"Finish now? Your {plural(sets_done, 'set')} so far {verb} saved as a partial session."


class FinishBar(QFrame):
    """Keep going (the default, also Esc and Enter) or Finish and save ("Finish" while no
    set is done: then the summary asks whether to keep the session).

    Signals:
        keep_going(): the runner carries on; the bar hides.
        finish_confirmed(): finish now; the bar hides.
    """

    keep_going = Signal()
    finish_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finishBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # opaque over the rows it covers
        self.message = QLabel()
        self.message.setObjectName("finishQuestion")
        self.message.setWordWrap(True)
        self.hint = QLabel("The clock keeps running while you decide.")
        self.hint.setObjectName("hint")
        self.keep = QPushButton("Keep going")
        self.keep.setObjectName("primary")
        self.keep.setDefault(True)
        self.finish = QPushButton("Finish and save")
        # Keys stay with the workout page, which turns Esc and Enter into Keep going.
        for button in (self.keep, self.finish):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keep.clicked.connect(self.choose_keep)
        self.finish.clicked.connect(self.choose_finish)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.keep)
        buttons.addWidget(self.finish)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.hide()

    def ask(self, sets_done: int) -> None:
        """Show the question for a workout with ``sets_done`` completed sets so far."""
        self.update_sets(sets_done)
        self.show()
        self.raise_()

    def update_sets(self, sets_done: int) -> None:
        """A set finished while asking: say what finishing now would keep."""
        text = question(sets_done)
        if self.message.text() != text:
            self.message.setText(text)
        # With no set done there is nothing to save yet: the button says only what it does.
        label = "Finish and save" if sets_done else "Finish"
        if self.finish.text() != label:
            self.finish.setText(label)
            self.setProperty("pixel_size", None)  # re-measure the button

    def place(self, top: int, pixel_size: int) -> None:
        """Lie at the bottom of the parent page from ``top`` down (higher only if the
        question needs more room), its text at ``pixel_size``."""
        page = self.parentWidget()
        if page is None:
            return
        self.set_pixel_size(pixel_size)
        margin = 8
        width = max(1, page.width() - 2 * margin)
        needed = self.heightForWidth(width)
        if needed < 0:
            needed = self.sizeHint().height()
        bottom = page.height() - margin
        top = min(top, bottom - needed)
        self.setGeometry(margin, top, width, bottom - top)

    def set_pixel_size(self, pixel_size: int) -> None:
        """Text and buttons follow the workout page's size."""
        if self.property("pixel_size") == pixel_size:
            return
        self.setProperty("pixel_size", pixel_size)
        for widget in (self.message, self.keep, self.finish):
            font = widget.font()
            font.setPixelSize(pixel_size)
            font.setBold(widget is self.message)
            widget.setFont(font)
        hint_font = self.hint.font()
        hint_font.setPixelSize(max(12, int(pixel_size * 0.8)))
        self.hint.setFont(hint_font)
        for button in (self.keep, self.finish):
            button.setMinimumHeight(int(pixel_size * 1.8))
            button.setMinimumWidth(int(button.fontMetrics().horizontalAdvance(button.text()) * 1.3))

    def choose_keep(self) -> None:
        """Keep going: hide the question and carry on."""
        self.hide()
        self.keep_going.emit()

    def choose_finish(self) -> None:
        """Finish and save."""
        self.hide()
        self.finish_confirmed.emit()
