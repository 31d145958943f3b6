"""The beat of a paced set, as a band across the workout page under the rep count.

It pulses on every beat: filled on the on-beat (UP, for a test), outlined on the
off-beat (DOWN), so the change shows from two metres and in any colour vision, and the
word says which half of the rep it is. The rep count above it stays the largest text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from circuit_timer.core.engine import Snapshot
from circuit_timer.core.segment_words import beat_on
from circuit_timer.ui import theme
from circuit_timer.ui.fitting import fit, set_style
from circuit_timer.ui.workout_text import beat_text


class BeatBand(QLabel):
    """Shown only while a paced set runs (its snapshot has a beat)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("beat")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.hide()

    @property
    def on_beat(self) -> bool:
        """Whether the band is filled (the on-beat)."""
        return bool(self.property("on_beat"))

    def show_beat(self, snap: Snapshot, pixel_size: int, width: int) -> None:
        """Draw ``snap``'s beat (or hide, when its set has none)."""
        text = beat_text(snap)
        if self.isHidden() == bool(text):
            self.setVisible(bool(text))
        if not text or snap.beat is None:
            return
        fit(self, text, pixel_size, width)
        colour = theme.KINDS["work"]
        on = beat_on(snap.beat)
        self.setProperty("on_beat", on)
        border = f"border: 3px solid {colour.background}; padding: 2px;"
        fill = f"background-color: {colour.background}; color: {colour.text};"
        set_style(self, f"{fill} {border}" if on else f"background-color: transparent; {border}")
