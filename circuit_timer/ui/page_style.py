"""The house style's spacing grid and the labels every page shares: a section heading,
an empty state that says what to do next, and a hint.

The window's style sheet styles them by object name, so no page sets their colours.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# The 8 px grid: around a page, between groups, inside a group.
MARGIN = 24
GROUP = 16
INNER = 8
# Lines of text longer than about this many characters are hard to follow from one line
# to the next: on a big screen, text keeps to this width.
READABLE_CHARS = 140


def readable_width(widget: QWidget, chars: int = READABLE_CHARS) -> int:
    """The width of ``chars`` average characters in ``widget``'s font."""
    return widget.fontMetrics().averageCharWidth() * chars


def section_title(text: str, parent: QWidget | None = None) -> QLabel:
    """A heading inside a page (not the page's title: the window adds that)."""
    label = QLabel(text, parent)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    label.setFont(font)
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
