"""Text sized to be read from a distance: it shrinks to fit rather than clip, a cut text
ends in whole words and the "more" link, and nothing is touched when nothing changed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QProgressBar, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui.fitting import (
    DIGITS,
    digit_pixel_size,
    fit,
    fit_wrapped,
    set_progress,
    set_style,
)

TEXT = "Towel heel raise, slow on the way down, full range every rep"


def label(qtbot: QtBot, width: int = 300, height: int = 60) -> QLabel:
    widget = QLabel()
    qtbot.addWidget(widget)
    widget.resize(width, height)
    return widget


def test_digits_come_out_at_least_the_height_asked_for(qapp: QApplication) -> None:
    font = QFont()
    for height in (40, 120, 300):
        size = digit_pixel_size(font, height)
        probe = QFont(font)
        probe.setPixelSize(size)
        assert QFontMetrics(probe).tightBoundingRect(DIGITS).height() >= height * 0.95
    assert digit_pixel_size(font, 1) == 10  # never below a readable size


def test_fit_keeps_the_size_when_the_text_fits(qtbot: QtBot) -> None:
    shown = label(qtbot)
    fit(shown, "0:45", 40, 1000)
    assert shown.text() == "0:45"
    assert shown.font().pixelSize() == 40


def test_fit_shrinks_a_long_text_to_the_width_but_not_below_the_minimum(
    qtbot: QtBot,
) -> None:
    shown = label(qtbot)
    fit(shown, TEXT, 60, 600)
    size = shown.font().pixelSize()
    assert 10 < size < 60
    assert QFontMetrics(shown.font()).horizontalAdvance(TEXT) <= 600
    fit(shown, TEXT, 60, 5, minimum=14)  # cannot fit: stops at the minimum
    assert shown.font().pixelSize() == 14
    assert shown.text() == TEXT  # shrunk, never cut


def test_fit_touches_nothing_when_nothing_changed(qtbot: QtBot) -> None:
    shown = label(qtbot)
    fit(shown, "0:45", 40, 1000)
    shown.setText("changed behind its back")
    fit(shown, "0:45", 40, 1000)  # same request: left alone
    assert shown.text() == "changed behind its back"
    fit(shown, "0:44", 40, 1000)
    assert shown.text() == "0:44"


def test_fit_wrapped_shows_a_text_that_fits_whole(qtbot: QtBot) -> None:
    shown = label(qtbot, 400, 200)
    shown.setWordWrap(True)
    assert fit_wrapped(shown, "Slow down", 14, "more") is False
    assert shown.text() == "Slow down"


def test_fit_wrapped_cuts_at_a_whole_word_and_adds_more(qtbot: QtBot) -> None:
    shown = label(qtbot, 120, 40)
    shown.setWordWrap(True)
    assert fit_wrapped(shown, TEXT, 14, "more") is True
    text = shown.text()
    assert text.endswith("… more") and text != "… more"
    kept = text.removesuffix("… more").split()
    assert kept == TEXT.split()[: len(kept)]  # whole words, from the start
    # The same request again answers from what it did, and still says it was cut.
    assert fit_wrapped(shown, TEXT, 14, "more") is True


def test_set_style_only_sets_a_changed_sheet(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    set_style(widget, "color: red;")
    assert widget.styleSheet() == "color: red;"
    set_style(widget, "color: red;")
    assert widget.styleSheet() == "color: red;"
    set_style(widget, "")
    assert widget.styleSheet() == ""


def test_set_progress_moves_by_whole_pixels(qtbot: QtBot) -> None:
    bar = QProgressBar()
    qtbot.addWidget(bar)
    bar.resize(200, 10)
    set_progress(bar, 0.5)
    assert (bar.maximum(), bar.value()) == (200, 100)
    set_progress(bar, 0.5024)  # less than a pixel more: the value stays
    assert bar.value() == 100
    set_progress(bar, 1.0)
    assert bar.value() == 200
