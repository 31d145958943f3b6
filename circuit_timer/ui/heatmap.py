"""A calendar heatmap of sessions per day: ISO weeks as columns, Monday at the top.

Everything is painted in one paintEvent (no widget per day), so a year of days costs a
few hundred rectangles per repaint. The squares scale with the widget's width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from circuit_timer.core.dates import DAY_NAMES, MONTH_NAMES, day_text
from circuit_timer.core.describe import plural
from circuit_timer.core.streaks import heatmap_start
from circuit_timer.ui.theme import is_dark

# 52 whole weeks before today's week, and today's: always at least a full year back.
WEEKS = 53
MIN_PITCH = 9.0  # Smaller squares are too fiddly to click.
MAX_PITCH = 30.0  # Larger ones make the heatmap push the session list off a big screen.

# One hue (Okabe-Ito bluish green, as the theme's "done") in three steps for 1, 2, 3+
# sessions. The ramp runs away from the background: darker on a light theme, lighter
# on a dark one, so more sessions always means more contrast.
GREENS_LIGHT = ("#9EDFC8", "#2FAE82", "#006B4C")
GREENS_DARK = ("#1A6E53", "#2BA57C", "#7DEBC4")
# Partial-only days: a pale orange fill and an orange outline (Okabe-Ito orange and
# vermillion), a different hue so they never read as "one session done".
PARTIAL_FILL_LIGHT, PARTIAL_EDGE_LIGHT = "#FCE3B6", "#D55E00"
PARTIAL_FILL_DARK, PARTIAL_EDGE_DARK = "#4D3A12", "#E69F00"


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    """``a`` moved ``share`` of the way to ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * share,
        a.greenF() + (b.greenF() - a.greenF()) * share,
        a.blueF() + (b.blueF() - a.blueF()) * share,
    )


@dataclass(frozen=True)
class _Geometry:
    """Where the grid sits: its top-left corner and the distance between squares."""

    left: float
    top: float
    pitch: float

    @property
    def square(self) -> float:
        # A gap of about a sixth keeps neighbouring days apart at every size.
        return self.pitch * 0.82


@dataclass(frozen=True)
class _Colours:
    """The heatmap's colours on the current theme."""

    empty: QColor
    greens: tuple[QColor, QColor, QColor]  # 1, 2, 3+ sessions
    partial_fill: QColor
    partial_edge: QColor


class HeatmapWidget(QWidget):
    """Completed sessions per day over the last ``weeks`` ISO weeks up to today.

    Signals:
        day_clicked(date): a day was clicked (or chosen with Enter / Space).
    """

    day_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, weeks: int = WEEKS) -> None:
        super().__init__(parent)
        self.weeks = weeks
        self.today = date.today()
        self.start = heatmap_start(self.today, weeks)
        self.counts: dict[date, int] = {}
        self.partial: dict[date, int] = {}
        self.selected: date | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Sessions per day")

    # -- data --------------------------------------------------------------------

    def set_data(self, counts: dict[date, int], partial: dict[date, int], today: date) -> None:
        """Show completed ``counts`` and ``partial`` sessions per day, up to ``today``."""
        self.today = today
        self.start = heatmap_start(today, self.weeks)
        self.counts = {d: n for d, n in counts.items() if n > 0}
        self.partial = {d: n for d, n in partial.items() if n > 0}
        if self.selected is not None and not self._shown(self.selected):
            self.selected = None
        days = sum(1 for d in self.counts if self._shown(d))
        self.setAccessibleDescription(
            f"{plural(days, 'day')} with sessions in the {self.weeks} weeks to "
            f"{day_text(today, year=True)}"
        )
        self.update()

    def _shown(self, day: date) -> bool:
        return self.start <= day <= self.today

    def colours(self) -> _Colours:
        """The colours for the current theme."""
        dark = is_dark()
        # A little of the text colour over the background: visible as an empty square
        # on any theme, without competing with the days that have sessions.
        palette = self.palette()
        empty = _mix(
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.WindowText),
            0.13,
        )
        greens = GREENS_DARK if dark else GREENS_LIGHT
        return _Colours(
            empty=empty,
            greens=(QColor(greens[0]), QColor(greens[1]), QColor(greens[2])),
            partial_fill=QColor(PARTIAL_FILL_DARK if dark else PARTIAL_FILL_LIGHT),
            partial_edge=QColor(PARTIAL_EDGE_DARK if dark else PARTIAL_EDGE_LIGHT),
        )

    def colour_of(self, day: date, colours: _Colours | None = None) -> QColor:
        """The fill of ``day``'s square; an invalid QColor for a day not on the grid."""
        if not self._shown(day):
            return QColor()
        colours = colours or self.colours()
        done = self.counts.get(day, 0)
        if done:
            return colours.greens[min(done, 3) - 1]
        if self.partial.get(day):
            return colours.partial_fill
        return colours.empty

    def outline_of(self, day: date, colours: _Colours | None = None) -> QColor | None:
        """The outline that marks a day with a partial session, or None."""
        if not self._shown(day) or not self.partial.get(day):
            return None
        return (colours or self.colours()).partial_edge

    def tooltip_of(self, day: date) -> str:
        """What the tooltip says about ``day``."""
        done = self.counts.get(day, 0)
        partial = self.partial.get(day, 0)
        parts = [plural(done, "session") if done else "no sessions"]
        if partial:
            parts.append(f"{partial} partial")
        return f"{day_text(day, year=True)}: {', '.join(parts)}"

    # -- geometry ----------------------------------------------------------------

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(d) for d in DAY_NAMES) + metrics.averageCharWidth()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 4

    def _pitch_for(self, width: int, height: int | None) -> float:
        pitch = (width - self._label_width() - 2) / self.weeks
        if height is not None:
            pitch = min(pitch, (height - 2 * self._row_height()) / 7)
        return max(MIN_PITCH, min(MAX_PITCH, pitch))

    def _geometry(self) -> _Geometry:
        pitch = self._pitch_for(self.width(), self.height())
        grid = pitch * self.weeks
        # Labels and grid are centred together when there is more room than squares.
        spare = max(0.0, self.width() - self._label_width() - grid)
        return _Geometry(self._label_width() + spare / 2, self._row_height(), pitch)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(7 * self._pitch_for(width, None) + 2 * self._row_height()) + 2

    def sizeHint(self) -> QSize:
        width = round(self._label_width() + 16 * self.weeks)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = round(self._label_width() + MIN_PITCH * self.weeks) + 2
        return QSize(width, self.heightForWidth(width))

    def cell_rect(self, day: date) -> QRectF | None:
        """The square of ``day`` in widget coordinates, or None if it is not shown."""
        if not self._shown(day):
            return None
        g = self._geometry()
        column, row = divmod((day - self.start).days, 7)
        return QRectF(g.left + column * g.pitch, g.top + row * g.pitch, g.square, g.square)

    def cell_at(self, point: QPoint | QPointF) -> date | None:
        """The day under ``point`` (gaps between squares belong to the square before them)."""
        g = self._geometry()
        x = (point.x() - g.left) / g.pitch
        y = (point.y() - g.top) / g.pitch
        if not (0 <= x < self.weeks and 0 <= y < 7):
            return None
        day = self.start + timedelta(days=int(x) * 7 + int(y))
        return day if day <= self.today else None

    # -- painting ----------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Geometry and colours once per paint: asking per square costs more than drawing.
        g = self._geometry()
        colours = self.colours()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        self._paint_labels(painter, g, metrics, text)
        radius = g.square * 0.18
        edge_width = max(1.5, g.square * 0.12)
        for offset in range((self.today - self.start).days + 1):
            day = self.start + timedelta(days=offset)
            column, row = divmod(offset, 7)
            rect = QRectF(g.left + column * g.pitch, g.top + row * g.pitch, g.square, g.square)
            painter.setBrush(self.colour_of(day, colours))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect, radius, radius)
            edge = self.outline_of(day, colours)
            if edge is not None:
                # Inset by half the pen so the outline stays inside the square.
                painter.setPen(QPen(edge, edge_width))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                inset = edge_width / 2
                painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset), radius, radius)
        chosen = self.cell_rect(self.selected) if self.selected is not None else None
        if chosen is not None:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            grow = g.pitch * 0.08
            painter.drawRoundedRect(chosen.adjusted(-grow, -grow, grow, grow), radius, radius)
        self._paint_legend(painter, g, colours, metrics, text)
        painter.end()

    def _labels(self, g: _Geometry, metrics: QFontMetrics) -> list[tuple[str, QRectF]]:
        """The weekday and month names and where they go."""
        height = metrics.height()
        labels = []
        # Every weekday when the rows are tall enough for the text, else Mon, Wed, Fri,
        # else as many as fit without touching.
        step = max(1, math.ceil((height - 1) / g.pitch))
        for row in range(0, 7, step):
            if step == 2 and row == 6:
                continue
            middle = g.top + row * g.pitch + g.square / 2
            labels.append((DAY_NAMES[row], QRectF(0, middle - height / 2, g.left - 4, height)))
        # A month's name over the week holding its 1st, unless it would touch the one before.
        free_from = 0.0
        for column in range(self.weeks):
            monday = self.start + timedelta(days=7 * column)
            sunday = monday + timedelta(days=6)
            if sunday.day <= 7:
                month = sunday.month
            elif column == 0 and monday.day <= 10:
                month = monday.month  # The month the grid starts in, if it has room.
            else:
                continue
            x = g.left + column * g.pitch
            name = MONTH_NAMES[month - 1]
            width = metrics.horizontalAdvance(name)
            if x < free_from or x + width > self.width():
                continue
            labels.append((name, QRectF(x, g.top - 2 - height, width, height)))
            free_from = x + width + metrics.averageCharWidth()
        return labels

    def _legend(
        self, g: _Geometry, colours: _Colours, metrics: QFontMetrics
    ) -> list[tuple[QRectF, QColor, QColor | None, str, QRectF]]:
        """The legend under the grid, right-aligned with it: each swatch, its fill, its
        outline, its word and the word's place."""
        top = g.top + 7 * g.pitch + 3
        height = metrics.height()
        side = min(g.square, metrics.ascent())
        gap = metrics.averageCharWidth()
        entries = [(fill, None, word) for fill, word in zip(
            (colours.empty, *colours.greens), ("0", "1", "2", "3+ sessions"), strict=True
        )] + [(colours.partial_fill, colours.partial_edge, "partial only")]  # fmt: skip
        width = sum(side + gap / 2 + metrics.horizontalAdvance(w) for *_, w in entries)
        width += gap * (len(entries) - 1)
        x = max(0.0, g.left + self.weeks * g.pitch - width)
        legend = []
        for fill, edge, word in entries:
            swatch = QRectF(x, top + (height - side) / 2, side, side)
            x += side + gap / 2
            advance = metrics.horizontalAdvance(word)
            legend.append((swatch, fill, edge, word, QRectF(x, top, advance, height)))
            x += advance + gap
        return legend

    def text_rects(self) -> list[tuple[str, QRectF]]:
        """Every word painted (weekdays, months, the legend) and where (for tests)."""
        g = self._geometry()
        metrics = self.fontMetrics()
        legend = [(word, rect) for *_, word, rect in self._legend(g, self.colours(), metrics)]
        return self._labels(g, metrics) + legend

    def _paint_labels(
        self, painter: QPainter, g: _Geometry, metrics: QFontMetrics, text: QColor
    ) -> None:
        painter.setPen(text)
        for name, rect in self._labels(g, metrics):
            align = Qt.AlignmentFlag.AlignRight if name in DAY_NAMES else Qt.AlignmentFlag.AlignLeft
            painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, name)

    def _paint_legend(
        self,
        painter: QPainter,
        g: _Geometry,
        colours: _Colours,
        metrics: QFontMetrics,
        text: QColor,
    ) -> None:
        for swatch, fill, edge, word, place in self._legend(g, colours, metrics):
            painter.setPen(QPen(edge, 1.5) if edge is not None else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            radius = swatch.width() * 0.18
            painter.drawRoundedRect(swatch, radius, radius)
            painter.setPen(text)
            painter.drawText(
                place, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, word
            )

    # -- interaction -------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.cell_at(event.pos())
            if day is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_of(day), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.cell_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and day is not None:
            self._choose(day)
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Left: -7, Qt.Key.Key_Right: 7, Qt.Key.Key_Up: -1,
                 Qt.Key.Key_Down: 1}  # fmt: skip
        key = Qt.Key(event.key())
        if key in steps:
            current = self.selected or self.today
            moved = current + timedelta(days=steps[key])
            self.selected = min(max(moved, self.start), self.today)
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._choose(self.selected or self.today)
            return
        super().keyPressEvent(event)

    def _choose(self, day: date) -> None:
        self.selected = day
        self.update()
        self.day_clicked.emit(day)
