"""The first-run screen: the idea in three lines and the note that the app is no clinician.

It is shown once per user. The version that showed it is stored (rather than a flag) so a
later release whose idea text changes can decide to show it again.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from circuit_timer import __version__
from circuit_timer.core.describe import CLINICIAN_NOTE
from circuit_timer.files import paths

SHOWN_KEY = "first_run/shown_version"
ICON_SIZE = 64
SPACING = 16
MARGIN = 24

IDEA = (
    "Pick a circuit, or a plan counted back from your race date.",
    "Follow the timer from two metres away; every set is saved as you go.",
    "Watch your streak, your morning pain and your left-right balance.",
)


def should_show(settings: QSettings) -> bool:
    """Whether the first-run screen has never been shown for this user."""
    return not settings.value(SHOWN_KEY, "")


def mark_shown(settings: QSettings) -> None:
    """Remember that the first-run screen was shown (and by which version)."""
    settings.setValue(SHOWN_KEY, __version__)
    # Written now: the app may be killed rather than closed, and it must not show twice.
    settings.sync()


class FirstRunDialog(QDialog):
    """Welcome: three numbered lines, the clinician note, and a "Get started" button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to circuit-timer")
        self.setModal(True)

        app_icon = QApplication.windowIcon()
        if app_icon.isNull():  # shown before make_application set it (tests, tools)
            app_icon = QIcon(str(paths.assets_dir() / "circuit-timer.svg"))
        icon = QLabel()
        icon.setPixmap(app_icon.pixmap(ICON_SIZE, ICON_SIZE))
        title = QLabel("Welcome to circuit-timer")
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        title.setFont(title_font)
        subtitle = QLabel("Strength and rehab circuits for runners, with a timer and a log.")
        subtitle.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addStretch(1)
        heading.addWidget(title)
        heading.addWidget(subtitle)
        heading.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addLayout(heading, 1)

        # A slightly larger font than the body: these three lines are the point of the screen.
        idea_font = QFont(self.font())
        idea_font.setPointSizeF(idea_font.pointSizeF() * 1.15)
        self.idea_labels: list[QLabel] = []
        ideas = QGridLayout()
        ideas.setHorizontalSpacing(8)
        ideas.setVerticalSpacing(10)
        ideas.setColumnStretch(1, 1)
        for row, line in enumerate(IDEA):
            # The number in its own column, so a line that wraps keeps a hanging indent.
            number = QLabel(f"{row + 1}.")
            number.setFont(idea_font)
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label = QLabel(line)
            label.setFont(idea_font)
            label.setWordWrap(True)
            self.idea_labels.append(label)
            ideas.addWidget(number, row, 0)
            ideas.addWidget(label, row, 1)

        # The note sits in its own frame so it reads as a caution, not as a fourth step.
        self.note_label = QLabel(CLINICIAN_NOTE)
        self.note_label.setWordWrap(True)
        note_box = QFrame()
        note_box.setFrameShape(QFrame.Shape.StyledPanel)
        note_layout = QVBoxLayout(note_box)
        note_layout.setContentsMargins(12, 10, 12, 10)
        note_layout.addWidget(self.note_label)

        buttons = QDialogButtonBox()
        self.start_button = QPushButton("Get started")
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)
        buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, 18)
        layout.setSpacing(18)
        layout.addLayout(top)
        layout.addLayout(ideas)
        layout.addWidget(note_box)
        layout.addWidget(buttons)
        self._fit(layout, title, subtitle, idea_font)
        self.start_button.setFocus()

    def lines(self) -> list[str]:
        """The idea lines and the note, as shown."""
        return [label.text() for label in self.idea_labels] + [self.note_label.text()]

    def _fit(self, layout: QVBoxLayout, title: QLabel, subtitle: QLabel, font: QFont) -> None:
        """Size the window so each idea stays on one line at the user's font size (up to
        most of the screen), with the height the wrapped lines then need.

        Done by hand because a top-level window sizes word-wrapping labels for their
        narrowest width, which pads the note's frame with empty lines.
        """
        ideas = QFontMetrics(font)
        beside_icon = ICON_SIZE + SPACING
        widest = max(
            ideas.horizontalAdvance("3.") + 8 + max(ideas.horizontalAdvance(t) for t in IDEA),
            beside_icon + QFontMetrics(title.font()).horizontalAdvance(title.text()),
            beside_icon + QFontMetrics(subtitle.font()).horizontalAdvance(subtitle.text()),
        )
        width = max(600, widest + 2 * MARGIN + 8)
        screen = self.screen()
        if screen is not None:
            width = min(width, int(screen.availableGeometry().width() * 0.9))
        self.setMinimumWidth(min(width, 600))
        layout.activate()
        self.resize(width, layout.totalHeightForWidth(width))
