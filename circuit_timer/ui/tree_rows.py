"""Tree widget helpers the pages share: walking the items, and rows whose wrapped text
fits."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)


def tree_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The top-level items of ``tree``."""
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The children of ``item``."""
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]


class WrappingDelegate(QStyledItemDelegate):
    """Row heights that fit wrapped text in the given columns and in spanned (week) rows.

    QTreeView asks its delegate for a row's height without telling it the column's
    width, so wrapped text would be cut off after one line; this passes the width on,
    and lays the rows out again when one of those columns' width changes.
    """

    def __init__(self, tree: QTreeWidget, *columns: int) -> None:
        super().__init__(tree)
        self._tree = tree
        self._columns = columns
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.header().sectionResized.connect(self._resized)

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column in self._columns:
            self._tree.doItemsLayout()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The size of the item's text wrapped to the width it is shown in."""
        tree = self._tree
        spanned = tree.isFirstColumnSpanned(index.row(), QModelIndex(index.parent()))
        if not spanned and index.column() not in self._columns:
            # The other columns size to their contents, so they must not wrap.
            return super().sizeHint(option, index)
        width = tree.viewport().width() if spanned else tree.header().sectionSize(index.column())
        if index.parent().isValid() and (spanned or index.column() == 0):
            width -= tree.indentation()
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, max(width, 10), max(option.rect.height(), 1))
        hint = super().sizeHint(wrapped, index)
        room = wrapped.rect.width()
        while hint.width() > width and room > 10:
            # The cell's padding comes on top of the wrapped text: wrap it narrower by as
            # much, so the cell fits its column.
            room = max(room - (hint.width() - width), 10)
            wrapped.rect.setWidth(room)
            hint = super().sizeHint(wrapped, index)
        return hint
