"""Settings: volume (with a test sound), spoken cues, countdown beeps, weekly target.

They live in the history database, shared with `circuit-timer settings`; the window's
own size and position are kept with QSettings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSlider,
    QSpacerItem,
    QSpinBox,
    QWidget,
)

from circuit_timer.store import settings
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.page_style import GROUP, INNER, MARGIN

if TYPE_CHECKING:  # the audio modules load on the first Test, not with the window
    from circuit_timer.audio.players import Player


class SettingsDialog(QDialog):
    """Edits the shared settings; Save writes them, Cancel leaves them."""

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.store = store
        self.player: Player | None = None  # made on the first Test, closed with the dialog
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(int(settings.get(store, "volume")))
        self.test = QPushButton("Test")
        self.test.clicked.connect(self.play_test)
        self.voice = QCheckBox("Spoken cues (\u201cNext: ...\u201d), where speech is available")
        self.voice.setChecked(settings.is_on(store, "voice"))
        self.beeps = QCheckBox("3-2-1 beeps before each change")
        self.beeps.setChecked(settings.is_on(store, "countdown_beeps"))
        self.target = QSpinBox()
        self.target.setRange(1, 14)
        self.target.valueChanged.connect(self._target_words)
        self.target.setValue(int(settings.get(store, "weekly_target")))
        self._target_words(self.target.value())
        volume = QHBoxLayout()
        volume.setSpacing(INNER)
        volume.addWidget(self.volume, 1)
        volume.addWidget(self.test)
        form = QFormLayout(self)
        form.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        form.setHorizontalSpacing(GROUP)
        form.setVerticalSpacing(INNER)
        form.addRow("Cue volume", volume)
        form.addRow("", self.voice)
        form.addRow("", self.beeps)
        form.addRow("Weekly streak target (no plan)", self.target)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setObjectName("primary")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addItem(QSpacerItem(0, GROUP - INNER))
        form.addRow(buttons)

    def _target_words(self, value: int) -> None:
        # "1 session a week", not "1 sessions a week".
        self.target.setSuffix(" session a week" if value == 1 else " sessions a week")

    def play_test(self) -> None:
        """Play the "go" cue at the chosen volume (on one player for the dialog's life)."""
        from circuit_timer.audio.players import make_player
        from circuit_timer.audio.tones import cue

        if self.player is None:
            self.player = make_player(True)
        notice = self.player.take_notice()
        if notice:
            self.test.setText("No sound")
            self.test.setToolTip(notice)
            return
        self.player.play(cue("go", self.volume.value() / 100))

    def done(self, result: int) -> None:
        """Closed (saved or not): the test sound's player goes with the dialog."""
        if self.player is not None:
            self.player.close()
            self.player = None
        super().done(result)

    def accept(self) -> None:
        """Save and close."""
        settings.put(self.store, "volume", str(self.volume.value()))
        settings.put(self.store, "voice", "on" if self.voice.isChecked() else "off")
        settings.put(self.store, "countdown_beeps", "on" if self.beeps.isChecked() else "off")
        settings.put(self.store, "weekly_target", str(self.target.value()))
        super().accept()
