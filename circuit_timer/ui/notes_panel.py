"""An exercise's notes on the workout page: cut to fit in the pause before it, and in
full over the bottom of the page on the `I` key.

Notes hold the safety lines (the pain bands, when to stop, the counting rules of a test),
so the runner can read them at any moment, work included. Neither takes room from the
countdown, the exercise, the side or the rep count: the cut notes fill the empty counter
row of a pause, and the panel, like the finish bar, lies over the rows below the rep
counter; long notes scroll inside it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSlider,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.engine import Snapshot
from circuit_timer.ui.fitting import fit_wrapped
from circuit_timer.ui.workout_text import shows_notes

MORE = "(press I for more)"


class NotesArea(QLabel):
    """The next exercise's notes in a get-ready, rest or switch, cut to the room the
    layout gives it (it never asks for more), ending "… (press I for more)" when cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notes")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.hide()

    def show_for(self, snap: Snapshot, notes: str | None, pixel_size: int) -> None:
        """Show ``notes`` (of ``snap``'s exercise) if ``snap`` is a pause before it."""
        showing = bool(notes) and shows_notes(snap.segment) and snap.state != "finished"
        if self.isHidden() == showing:
            self.setVisible(showing)
        if showing and notes:
            fit_wrapped(self, notes, pixel_size, MORE)


class NotesPanel(QFrame):
    """The notes of one exercise, scrollable, with a Close button (also `I` and Esc).

    Signals:
        closed(): the runner closed the panel; it hides.
    """

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)  # opaque over the rows it covers
        self.exercise = ""
        self.notes = ""
        self.text = QLabel()
        self.text.setObjectName("notesText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self.text)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # It takes the room the page gives it and scrolls, never asking for more.
        self.scroller.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.close_button = QPushButton("Close")
        self.hint = QLabel("I or Esc")
        self.hint.setObjectName("hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setToolTip("Page Up and Page Down scroll the notes")
        # Keys stay with the workout page: Enter still marks the set done.
        for widget in (self.scroller, self.close_button):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_panel)
        side = QVBoxLayout()
        side.setSpacing(4)
        side.addWidget(self.close_button)
        side.addWidget(self.hint)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 8, 4)
        layout.setSpacing(16)
        layout.addWidget(self.scroller, 1)
        layout.addLayout(side)
        self.hide()

    def show_notes(self, exercise: str, notes: str) -> None:
        """Show the ``notes`` of the exercise named ``exercise``."""
        if (exercise, notes) == (self.exercise, self.notes):
            return
        self.exercise, self.notes = exercise, notes
        body = html.escape(notes)
        self.text.setText(f"<b>{html.escape(exercise)}:</b> {body}")
        self.scroller.verticalScrollBar().setValue(0)

    def page(self, down: bool) -> None:
        """Scroll a page down (or up)."""
        step = QAbstractSlider.SliderAction
        action = step.SliderPageStepAdd if down else step.SliderPageStepSub
        self.scroller.verticalScrollBar().triggerAction(action)

    def place(self, top: int, pixel_size: int) -> None:
        """Lie over the parent page from ``top`` down to its bottom, text at ``pixel_size``."""
        page = self.parentWidget()
        if page is None:
            return
        self.set_pixel_size(max(14, pixel_size))
        margin = 8
        bottom = page.height() - margin
        self.setGeometry(margin, top, max(1, page.width() - 2 * margin), max(1, bottom - top))

    def set_pixel_size(self, pixel_size: int) -> None:
        """Text and button follow the workout page's size."""
        if self.property("pixel_size") == pixel_size:
            return
        self.setProperty("pixel_size", pixel_size)
        for widget in (self.text, self.close_button):
            font = widget.font()
            font.setPixelSize(pixel_size)
            widget.setFont(font)
        hint_font = self.hint.font()
        hint_font.setPixelSize(max(12, int(pixel_size * 0.8)))
        self.hint.setFont(hint_font)
        self.close_button.setMinimumHeight(int(pixel_size * 1.4))

    def close_panel(self) -> None:
        """Hide the notes."""
        self.hide()
        self.closed.emit()
