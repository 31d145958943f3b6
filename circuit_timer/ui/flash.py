"""The workout page's flash: the whole page lights up briefly on each cue, so a change
shows without sound (and a tempo phase gets a shorter blink)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QWidget

from circuit_timer.ui import theme

FLASH_MS = 180
TEMPO_FLASH_MS = 90


class Flash(QFrame):
    """A see-through layer over its parent page; ``count`` says how often it flashed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.hide()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.count = 0

    def fire(self, short: bool = False) -> None:
        """Flash now (``short``: a tempo phase's blink)."""
        self.count += 1
        c = theme.flash_colour()
        self.setStyleSheet(f"background-color: rgba({c.red()}, {c.green()}, {c.blue()}, 110);")
        page = self.parentWidget()
        if page is not None:
            self.setGeometry(page.rect())
        self.raise_()
        self.show()
        self._timer.start(TEMPO_FLASH_MS if short else FLASH_MS)
