"""A layout that puts its items in a row and wraps them onto more rows when the width runs
out, so a row of buttons or a chart legend never clips in a narrow window.

Qt has no such layout; QBoxLayout would force the whole row's width on the window.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping onto as many rows as the width needs.

    With ``balanced``, the items are cells of one width (the widest item's) and every
    row but the last holds the same number: eleven pain scores split 0-5 / 6-10, never
    0-9 / 10. Items that expand horizontally share their row's width, up to their
    maximum width.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 8,
        row_spacing: int | None = None,
        balanced: bool = False,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._balanced = balanced
        self._row_spacing = spacing if row_spacing is None else row_spacing
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's item list -----------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes -------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        margins = self.contentsMargins()
        if not shown:
            return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
        cell = self._cell() if self._balanced else None
        widths = [cell.width() if cell else i.sizeHint().width() for i in shown]
        width = sum(widths) + self.spacing() * (len(shown) - 1)
        height = max(i.sizeHint().height() for i in shown)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        # One item a row at the narrowest: the widest item is all the width it needs.
        shown = self._shown()
        margins = self.contentsMargins()
        widest = max((self._min_width(i) for i in shown), default=0)
        return QSize(widest + margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    # -- placing -----------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _cell(self) -> QSize:
        shown = self._shown()
        return QSize(
            max(i.sizeHint().width() for i in shown), max(i.sizeHint().height() for i in shown)
        )

    def _min_width(self, item: QLayoutItem) -> int:
        if self._balanced:
            return self._cell().width()
        return max(item.minimumSize().width(), item.sizeHint().width())

    def rows(self, width: int) -> list[list[QLayoutItem]]:
        """The items in the rows they take at ``width`` (the layout's whole width)."""
        margins = self.contentsMargins()
        room = max(0, width - margins.left() - margins.right())
        shown = self._shown()
        if not shown:
            return []
        gap = self.spacing()
        if self._balanced:
            cell = self._cell().width()
            fit = max(1, (room + gap) // (cell + gap))
            per_row = math.ceil(len(shown) / math.ceil(len(shown) / fit))
            return [shown[n : n + per_row] for n in range(0, len(shown), per_row)]
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in shown:
            need = item.sizeHint().width()
            if rows[-1] and used + gap + need > room:
                rows.append([])
                used = 0
            used += (gap if rows[-1] else 0) + need
            rows[-1].append(item)
        return rows

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (if ``move``); returns the height they take."""
        margins = self.contentsMargins()
        gap = self.spacing()
        room = max(0, rect.width() - margins.left() - margins.right())
        y = rect.y() + margins.top()
        rows = self.rows(rect.width())
        cell = self._cell().width() if self._balanced and rows else 0
        per_row = len(rows[0]) if rows else 0
        for row in rows:
            x = rect.x() + margins.left()
            height = max(item.sizeHint().height() for item in row)
            share = (room - gap * (per_row - 1)) // per_row if per_row else 0
            for item in row:
                width = item.sizeHint().width()
                if self._balanced:
                    width = cell
                    if item.expandingDirections() & Qt.Orientation.Horizontal:
                        width = max(cell, min(share, item.maximumSize().width()))
                width = min(width, room) if not self._balanced else width
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + gap
            y += height + self._row_spacing
        used = y - self._row_spacing - rect.y() if rows else margins.top()
        return used + margins.bottom()
