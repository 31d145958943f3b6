"""What "nothing is clipped" means, measured from the widgets' geometry.

``clipping(root)`` walks every widget shown under ``root`` and lists each one that has
less room than it needs: a label narrower than its text (or, word-wrapped, shorter than
its lines at its width), a button or spin box smaller than its size hint, a table
column narrower than its header or one of its cells, a row shorter than its cell, a
widget sticking out of its parent, a scroll area that scrolls sideways. An empty list
means a person sees every character.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTreeView,
    QWidget,
)


def name(widget: QWidget) -> str:
    """A widget as a person would find it: its class and its text or object name."""
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()[:40]
    return f"{type(widget).__name__}({text or widget.objectName() or ''!r})"


def shown(root: QWidget) -> list[QWidget]:
    """``root`` and every widget under it that is shown."""
    return [root, *(w for w in root.findChildren(QWidget) if w.isVisibleTo(root))]


def _in_scroller(widget: QWidget) -> bool:
    """Whether ``widget`` is the scrolled contents of a scroll area (it may be larger)."""
    parent = widget.parentWidget()
    holder = parent.parentWidget() if parent is not None else None
    return isinstance(holder, QAbstractScrollArea) and parent is holder.viewport()


def label_problems(label: QLabel) -> list[str]:
    if not label.text() and label.pixmap().isNull():
        return []
    size = label.size()
    if label.wordWrap():
        # The longest word must fit, and the lines the text wraps to at this width.
        widest = label.minimumSizeHint().width()
        lines = label.heightForWidth(size.width())
        if size.width() < widest or size.height() < lines:
            return [f"{name(label)} is {size.width()}x{size.height()}, needs {widest} wide "
                    f"and {lines} high at that width"]  # fmt: skip
        return []
    need = label.sizeHint()
    if size.width() < need.width() or size.height() < need.height():
        return [f"{name(label)} is {size.width()}x{size.height()}, needs "
                f"{need.width()}x{need.height()}"]  # fmt: skip
    return []


def hint_problems(widget: QWidget) -> list[str]:
    need, size = widget.sizeHint(), widget.size()
    if size.width() < need.width() or size.height() < need.height():
        return [f"{name(widget)} is {size.width()}x{size.height()}, needs "
                f"{need.width()}x{need.height()}"]  # fmt: skip
    return []


def _indexes(view: QAbstractItemView) -> list[QModelIndex]:
    """Every row's first index shown in ``view`` (children of expanded tree rows too)."""
    model = view.model()
    found: list[QModelIndex] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if isinstance(view, QTreeView) and view.isRowHidden(row, parent):
                continue
            found.append(index)
            if isinstance(view, QTreeView) and view.isExpanded(index):
                walk(index)

    walk(QModelIndex())
    return found


def column_problems(view: QAbstractItemView, header: QHeaderView) -> list[str]:
    """Each column at least as wide as its header and cells, each row as tall as its
    cells (word-wrapped cells included)."""
    problems = []
    model = view.model()
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        title = model.headerData(column, header.orientation())
        if header.sectionSize(column) < header.sectionSizeHint(column):
            problems.append(f"{name(view)}: column {title!r} is {header.sectionSize(column)} "
                            f"wide, its header needs {header.sectionSizeHint(column)}")  # fmt: skip
        for first in _indexes(view):
            index = first.siblingAtColumn(column)
            spanned = isinstance(view, QTreeView) and view.isFirstColumnSpanned(
                first.row(), first.parent()
            )
            if spanned and column > 0:
                continue
            need = view.sizeHintForIndex(index)
            rect = view.visualRect(index)
            if spanned:
                rect = QRect(rect.x(), rect.y(), view.viewport().width() - rect.x(), rect.height())
            if rect.width() < need.width() or rect.height() < need.height():
                text = str(model.data(index))[:30]
                problems.append(f"{name(view)}: cell {text!r} in column {title!r} has "
                                f"{rect.width()}x{rect.height()}, needs "
                                f"{need.width()}x{need.height()}")  # fmt: skip
    return problems


def clipping(root: QWidget) -> list[str]:
    """Every widget under ``root`` that has less room than it needs (see the module)."""
    problems: list[str] = []
    for widget in shown(root):
        if isinstance(widget, QLabel):
            problems += label_problems(widget)
        elif isinstance(widget, QAbstractButton | QAbstractSpinBox):
            problems += hint_problems(widget)
        if isinstance(widget, QTreeView):
            problems += column_problems(widget, widget.header())
        elif isinstance(widget, QTableView):
            problems += column_problems(widget, widget.horizontalHeader())
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().maximum() > 0:
            problems.append(f"{name(widget)} scrolls sideways by "
                            f"{widget.horizontalScrollBar().maximum()} px")  # fmt: skip
        parent = widget.parentWidget()
        inside = widget is root or parent is None or _in_scroller(widget)
        if not inside and parent is not None and not parent.rect().contains(widget.geometry()):
            problems.append(f"{name(widget)} at {widget.geometry().getRect()} lies outside "
                                f"{name(parent)} {parent.rect().getRect()}")  # fmt: skip
    return problems


def assert_fits(widget: QLabel | QPushButton) -> None:
    """The widget's text fits in it: every wrapped line, or the one line, whole."""
    metrics = QFontMetrics(widget.font())
    room = widget.contentsRect()
    if isinstance(widget, QLabel) and widget.wordWrap():
        lines = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, widget.text())
        assert lines.height() <= room.height() + 2, (widget.objectName(), lines, room)
        return
    assert metrics.horizontalAdvance(widget.text()) <= room.width(), widget.text()
    assert metrics.height() <= room.height() + 2, (widget.text(), metrics.height(), room)


def hidden_columns(view: QTreeView) -> list[str]:
    """Each shown column that lies (wholly or partly) beyond the view's right edge."""
    header = view.header()
    width = view.viewport().width()
    return [
        f"{name(view)}: column {view.model().headerData(c, Qt.Orientation.Horizontal)!r} ends at "
        f"{header.sectionViewportPosition(c) + header.sectionSize(c)}, the view is {width} wide"
        for c in range(header.count())
        if not header.isSectionHidden(c)
        and header.sectionViewportPosition(c) + header.sectionSize(c) > width
    ]


def tall_rows(view: QTreeView, slack: int = 4) -> list[str]:
    """Each row taller than its tallest cell needs (a squeezed column's wrapping makes
    rows tall and empty elsewhere)."""
    problems = []
    for first in _indexes(view):
        columns = [c for c in range(view.model().columnCount()) if not view.isColumnHidden(c)]
        need = max(view.sizeHintForIndex(first.siblingAtColumn(c)).height() for c in columns)
        height = view.visualRect(first).height()
        if height > need + slack:
            problems.append(f"{name(view)}: row {str(first.data())[:30]!r} is {height} high, "
                            f"its cells need {need}")  # fmt: skip
    return problems


def settle() -> None:
    """Let layout requests and re-wrapping (posted events, each round posting the next)
    run out."""
    for _ in range(10):
        QApplication.processEvents()
