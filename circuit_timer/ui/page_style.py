"""The house style's spacing grid and what every page shares: a section heading, an empty
state that says what to do next, a hint, a role to switch, and fonts scaled from the body.

The window's style sheet styles them by object name, so no page sets their colours.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from circuit_timer.ui.style import GROUP_GAP, INNER_GAP, PAGE_MARGIN

# The 8 px grid (one source: ui/style.py): around a page, between groups, inside a group.
MARGIN = PAGE_MARGIN
GROUP = GROUP_GAP
INNER = INNER_GAP
# Lines of text longer than about this many characters are hard to follow from one line
# to the next: on a big screen, text keeps to this width.
READABLE_CHARS = 140


def readable_width(widget: QWidget, chars: int = READABLE_CHARS) -> int:
    """The width of ``chars`` average characters in ``widget``'s font."""
    return widget.fontMetrics().averageCharWidth() * chars


def section_title(text: str, parent: QWidget | None = None) -> QLabel:
    """A heading inside a page (not the page's title: the window adds that). The style
    sheet gives it its size and weight."""
    label = QLabel(text, parent)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    return label


def empty_state(text: str = "", parent: QWidget | None = None) -> QLabel:
    """What a page shows instead of data it does not have yet: what to do next."""
    label = QLabel(text, parent)
    label.setObjectName("emptyState")
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def hint(text: str = "", parent: QWidget | None = None) -> QLabel:
    """Secondary text: help, or what a number means."""
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def text_label(widget: QWidget, factor: float, bold: bool = False) -> QLabel:
    """A wrapping label in ``widget``'s font, ``factor`` times as large."""
    label = QLabel()
    label.setFont(scaled_font(widget, factor, bold=bold))
    label.setWordWrap(True)
    return label


def set_role(widget: QWidget, name: str) -> None:
    """Give ``widget`` the style sheet role ``name`` ("emptyState", "hint", ...) and let the
    style see the change."""
    if widget.objectName() != name:
        widget.setObjectName(name)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    """``widget``'s font, ``factor`` times as large."""
    font = QFont(widget.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font
