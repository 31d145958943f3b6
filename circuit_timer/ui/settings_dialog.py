"""Settings: volume (with a test sound), spoken cues, countdown beeps, weekly target.

They live in the history database, shared with `circuit-timer settings`; the window's
own size and position are kept with QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSlider,
    QSpinBox,
    QWidget,
)

from circuit_timer.store import settings
from circuit_timer.store.history import HistoryStore


class SettingsDialog(QDialog):
    """Edits the shared settings; Save writes them, Cancel leaves them."""

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.store = store
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(int(settings.get(store, "volume")))
        self.test = QPushButton("Test")
        self.test.clicked.connect(self.play_test)
        self.voice = QCheckBox("Spoken cues (\u201cNext: ...\u201d), where espeak-ng is installed")
        self.voice.setChecked(settings.is_on(store, "voice"))
        self.beeps = QCheckBox("3-2-1 beeps before each change")
        self.beeps.setChecked(settings.is_on(store, "countdown_beeps"))
        self.target = QSpinBox()
        self.target.setRange(1, 14)
        self.target.setValue(int(settings.get(store, "weekly_target")))
        self.target.setSuffix(" sessions a week")
        volume = QHBoxLayout()
        volume.addWidget(self.volume, 1)
        volume.addWidget(self.test)
        form = QFormLayout(self)
        form.addRow("Cue volume", volume)
        form.addRow("", self.voice)
        form.addRow("", self.beeps)
        form.addRow("Weekly streak target (no plan)", self.target)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def play_test(self) -> None:
        """Play the "go" cue at the chosen volume."""
        from circuit_timer.audio.players import make_player
        from circuit_timer.audio.tones import cue

        player = make_player(True)
        notice = player.take_notice()
        if notice:
            self.test.setText("No sound")
            self.test.setToolTip(notice)
            return
        player.play(cue("go", self.volume.value() / 100))

    def accept(self) -> None:
        """Save and close."""
        settings.put(self.store, "volume", str(self.volume.value()))
        settings.put(self.store, "voice", "on" if self.voice.isChecked() else "off")
        settings.put(self.store, "countdown_beeps", "on" if self.beeps.isChecked() else "off")
        settings.put(self.store, "weekly_target", str(self.target.value()))
        super().accept()
