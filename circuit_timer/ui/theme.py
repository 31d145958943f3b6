"""Colours and words for segment kinds, legible in light and dark themes.

The colours are from the Okabe-Ito palette, chosen to stay distinguishable for the common
forms of colour blindness; the kind is always written as a word as well.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from circuit_timer.core.segment_words import KIND_WORDS

THEME_ENV = "CIRCUIT_TIMER_THEME"


@dataclass(frozen=True)
class KindStyle:
    """How one segment kind looks: its word, background and text colours."""

    word: str
    background: str
    text: str


KINDS: dict[str, KindStyle] = {
    # The words are the terminal's too (core.segment_words).
    "prepare": KindStyle(KIND_WORDS["prepare"], "#E69F00", "#000000"),  # orange
    "work": KindStyle(KIND_WORDS["work"], "#D55E00", "#FFFFFF"),  # vermillion
    "hold": KindStyle(KIND_WORDS["hold"], "#CC79A7", "#000000"),  # reddish purple
    "rest": KindStyle(KIND_WORDS["rest"], "#0072B2", "#FFFFFF"),  # blue
    "switch": KindStyle(KIND_WORDS["switch"], "#009E73", "#FFFFFF"),  # bluish green
}
SIDE_COLOURS = {"left": ("#56B4E9", "#000000"), "right": ("#F0E442", "#000000")}  # sky, yellow
FINISHED = KindStyle("DONE", "#009E73", "#FFFFFF")


def is_dark() -> bool:
    """Whether the system theme is dark (the window background is darker than its text)."""
    palette = QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def flash_colour() -> QColor:
    """A flash that shows on either theme."""
    return QColor("#FFFFFF") if is_dark() else QColor("#000000")


def apply_theme(app: QApplication) -> None:
    """Follow the system's theme; ``CIRCUIT_TIMER_THEME=dark`` or ``light`` overrides it
    (for desktops that do not tell Qt, and for screenshots of both)."""
    choice = os.environ.get(THEME_ENV, "").lower()
    if choice not in ("dark", "light"):
        return
    app.setStyle(QStyleFactory.create("Fusion"))
    if choice == "light":
        app.setPalette(app.style().standardPalette())
        return
    app.setPalette(dark_palette())


def dark_palette() -> QPalette:
    """The app's dark palette (blue highlight from the segment colours' Okabe-Ito set)."""
    palette = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, "#202124"),
        (role.WindowText, "#E8EAED"),
        (role.Base, "#17181A"),
        (role.AlternateBase, "#2A2B2E"),
        (role.Text, "#E8EAED"),
        (role.Button, "#303134"),
        (role.ButtonText, "#E8EAED"),
        (role.ToolTipBase, "#303134"),
        (role.ToolTipText, "#E8EAED"),
        (role.Highlight, "#0072B2"),
        (role.HighlightedText, "#FFFFFF"),
        (role.Accent, "#0072B2"),
        (role.PlaceholderText, "#9AA0A6"),
        (role.Link, "#56B4E9"),
        # The bevel shades: left unset they stay the light palette's (white lines).
        (role.Light, "#4A4C50"),
        (role.Midlight, "#3A3B3F"),
        (role.Mid, "#2A2B2E"),
        (role.Dark, "#111214"),
        (role.Shadow, "#000000"),
    ):
        palette.setColor(which, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor("#7F8388"))
    palette.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor("#7F8388"))
    return palette
