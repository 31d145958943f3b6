"""Sizing text to be read from a distance: digits of a given height, text that shrinks to
fit instead of clipping, and widget updates that touch nothing when nothing changed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

DIGITS = "0123456789:"


def digit_pixel_size(font: QFont, digits_height: float) -> int:
    """The pixel size at which ``font``'s digits are ``digits_height`` pixels tall."""
    probe = QFont(font)
    probe.setPixelSize(100)
    tall = QFontMetrics(probe).tightBoundingRect(DIGITS).height() or 72
    return max(10, int(digits_height * 100 / tall) + 1)


def fit(label: QLabel, text: str, pixel_size: int, width: int, minimum: int = 10) -> None:
    """Show ``text`` in ``label`` at ``pixel_size``, smaller if needed to fit ``width``.

    Redraws come 20 times a second: when nothing changed, nothing is touched.
    """
    wanted = (text, pixel_size, width, minimum)
    if label.property("fitted") == wanted:
        return
    label.setProperty("fitted", wanted)
    font = QFont(label.font())
    size = max(minimum, pixel_size)
    while True:
        font.setPixelSize(size)
        if size <= minimum or QFontMetrics(font).horizontalAdvance(text) <= width:
            break
        size = max(minimum, int(size * 0.92))
    label.setFont(font)
    label.setText(text)


def set_style(widget: QWidget, sheet: str) -> None:
    """Set a style sheet only when it changes (each set re-polishes the widget)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def set_progress(bar: QProgressBar, fraction: float) -> None:
    """Move a progress bar only by whole pixels: setValue repaints it every time."""
    steps = max(1, bar.width())
    if bar.maximum() != steps:
        bar.setMaximum(steps)
    value = int(fraction * steps)
    if bar.value() != value:
        bar.setValue(value)
