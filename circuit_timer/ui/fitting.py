"""Sizing text to be read from a distance: digits of a given height, text that shrinks to
fit instead of clipping, and widget updates that touch nothing when nothing changed."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
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


def fit_wrapped(label: QLabel, text: str, pixel_size: int, more: str) -> bool:
    """Show ``text`` word-wrapped in ``label`` at ``pixel_size``, within the room the
    layout gave it: when it needs more, as many whole words as fit, then "… " and
    ``more``. True when the text was cut. The label never asks for more room.
    """
    margin = label.margin()
    room = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    wanted = (text, pixel_size, room.width(), room.height(), more)
    if label.property("fitted") == wanted:
        return bool(label.property("cut"))
    font = QFont(label.font())
    font.setPixelSize(pixel_size)
    metrics = QFontMetrics(font)
    flags = int(Qt.TextFlag.TextWordWrap) | int(label.alignment())
    space = QRect(0, 0, max(1, room.width()), 1 << 20)

    def fits(candidate: str) -> bool:
        return metrics.boundingRect(space, flags, candidate).height() <= room.height()

    shown, cut = text, False
    if text and not fits(text):
        words = text.split()
        fitting_words, too_many = 0, len(words)  # the most words that fit with ``more``
        while too_many - fitting_words > 1:
            middle = (fitting_words + too_many) // 2
            if fits(" ".join(words[:middle]) + "… " + more):
                fitting_words = middle
            else:
                too_many = middle
        shown = " ".join(words[:fitting_words]) + "… " + more if fitting_words else more
        cut = True
    label.setProperty("fitted", wanted)
    label.setProperty("cut", cut)
    label.setFont(font)
    label.setText(shown)
    return cut


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
