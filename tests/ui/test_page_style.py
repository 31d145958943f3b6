"""What every page shares: headings, empty states and hints by their style-sheet role, the
8 px grid, fonts scaled from the body, and a readable text width."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.ui import style
from circuit_timer.ui.page_style import (
    GROUP,
    INNER,
    MARGIN,
    empty_state,
    hint,
    readable_width,
    scaled_font,
    section_title,
    set_role,
    text_label,
)


def test_the_shared_labels_carry_their_role_and_wrap(qtbot: QtBot) -> None:
    labels = [section_title("Week"), empty_state("Nothing yet"), hint("What it means")]
    for label in labels:
        qtbot.addWidget(label)
    assert [label.objectName() for label in labels] == ["sectionTitle", "emptyState", "hint"]
    assert all(label.wordWrap() for label in labels)


def test_set_role_switches_the_role(qtbot: QtBot) -> None:
    label = QLabel("3 sessions")
    qtbot.addWidget(label)
    set_role(label, "emptyState")
    assert label.objectName() == "emptyState"
    set_role(label, "hint")
    assert label.objectName() == "hint"


def test_fonts_scale_from_the_widgets_own(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    base = widget.font().pointSizeF()
    big = scaled_font(widget, 2.0, bold=True)
    assert big.pointSizeF() == 2.0 * base and big.bold()
    assert widget.font().pointSizeF() == base  # the widget's own font is untouched
    label = text_label(widget, 1.5)
    qtbot.addWidget(label)
    assert label.font().pointSizeF() == 1.5 * base and label.wordWrap()


def test_the_grid_is_the_house_styles_and_text_keeps_a_readable_width(qtbot: QtBot) -> None:
    assert (MARGIN, GROUP, INNER) == (style.PAGE_MARGIN, style.GROUP_GAP, style.INNER_GAP)
    assert all(gap % 8 == 0 for gap in (MARGIN, GROUP, INNER))
    widget = QWidget()
    qtbot.addWidget(widget)
    char = widget.fontMetrics().averageCharWidth()
    assert readable_width(widget) == 140 * char
    assert readable_width(widget, 60) == 60 * char
