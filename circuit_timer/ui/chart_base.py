"""The chart widget both charts are built on: a heading, a pyqtgraph plot with its
legend above it, and a plain-text summary below, for screen readers and for anyone who
would rather read than look.

Colours come from the widget palette, so the charts stay legible in light and dark
themes. Only the Charts page imports this module, on its first visit: pyqtgraph and numpy
are the largest imports the app has.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from circuit_timer.ui.chart_data import DAY, day_ticks, tick_step, timestamp
from circuit_timer.ui.flow_layout import FlowLayout
from circuit_timer.ui.page_style import GROUP, INNER, empty_state, readable_width

# pyqtgraph picks its Qt binding on import; the app is built on PySide6 only.
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
import pyqtgraph as pg

if pg.Qt.QT_LIB != "PySide6":  # pragma: no cover - only if another binding came first
    raise ImportError(f"pyqtgraph was loaded with {pg.Qt.QT_LIB}, not PySide6")

pg.setConfigOptions(antialias=True)

# `pg` too: the charts draw with pyqtgraph as set up here, on PySide6.
__all__ = ["SAMPLE_SIZE", "Chart", "Colours", "colours_of", "pg", "with_alpha"]

SAMPLE_SIZE = (28, 24)  # a legend entry's line-and-marker picture


@dataclass(frozen=True)
class Colours:
    """The palette colours a chart draws with, and whether the theme is dark."""

    background: QColor
    text: QColor
    dark: bool


def colours_of(widget: QWidget) -> Colours:
    """The colours of ``widget``'s palette."""
    palette = widget.palette()
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return Colours(background, text, background.lightness() < text.lightness())


def with_alpha(colour: QColor, alpha: int) -> QColor:
    """``colour`` with the given opacity (0-255)."""
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


class Chart(QWidget):
    """A heading, a pyqtgraph plot with its legend above it, and a text summary below."""

    def __init__(self, heading: str, y_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading)
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setMinimumHeight(200)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.view.setAccessibleName(heading)
        # The legend is made of Qt labels above the plot: it wraps onto more rows in a
        # narrow window, where a legend drawn inside the plot would run off its edge.
        self.legend = QWidget()
        self._legend_layout = FlowLayout(self.legend, spacing=GROUP, row_spacing=2)
        self._legend_entries: list[tuple[str, QWidget]] = []
        self.plot = self.view.addPlot(
            row=0, col=0, axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)}
        )
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.getAxis("left").setWidth(64)  # the same in both charts, so their dates align
        self.plot.vb.sigResized.connect(self._update_ticks)
        self._y_label = y_label
        self._span: tuple[date, date] | None = None
        self._shown_days: tuple[date, date] | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = empty_state()
        for label in (self.summary, self.empty):
            label.setMaximumWidth(readable_width(label))
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(INNER)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        self._style()

    # -- look ----------------------------------------------------------------

    def colours(self) -> Colours:
        """The colours to draw with now."""
        return colours_of(self)

    def _style(self) -> None:
        c = self.colours()
        self.view.setBackground(c.background)
        font = QFont(self.font())
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(c.text))
            axis.setTextPen(pg.mkPen(c.text))
            axis.setStyle(tickFont=font, tickTextOffset=6)
        self.plot.setLabel("left", self._y_label, color=c.text.name())
        self.plot.setLabel("bottom", "Date", color=c.text.name())
        # Room on the right for half of the last date's label, which sits on the last day.
        half = QFontMetrics(font).horizontalAdvance("30 Sep") // 2 + 4
        self.view.ci.setContentsMargins(4, 8, half, 4)

    def changeEvent(self, event: QEvent) -> None:
        """Redraw in the new colours when the theme changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style()
            self._draw()

    def _draw(self) -> None:
        raise NotImplementedError

    def _clear(self) -> None:
        self.plot.clear()
        for _, entry in self._legend_entries:
            entry.setParent(None)
            entry.deleteLater()
        self._legend_entries = []

    def _add_legend(self, item: object, text: str) -> None:
        """A legend entry: ``item``'s line and marker as pyqtgraph draws them, and ``text``."""
        width, height = SAMPLE_SIZE
        ratio = self.devicePixelRatioF()
        picture = QPixmap(round(width * ratio), round(height * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate((width - 20) / 2, (height - 20) / 2)  # pyqtgraph's 20 px sample
        pg.ItemSample(item).paint(painter)
        painter.end()
        entry = QWidget()
        row = QHBoxLayout(entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        sample = QLabel()
        sample.setPixmap(picture)
        label = QLabel(text)
        row.addWidget(sample)
        row.addWidget(label)
        self._legend_layout.addWidget(entry)
        self._legend_entries.append((text, entry))

    def _grid(self, values: Sequence[float]) -> None:
        """Faint horizontal lines at ``values``. (pyqtgraph's own grid would hide the
        label of a tick on the edge of the plot, such as 60% at the bottom.)"""
        pen = pg.mkPen(with_alpha(self.colours().text, 45), width=1)
        for value in values:
            line = pg.InfiniteLine(pos=value, angle=0, pen=pen)
            line.setZValue(-10)
            self.plot.addItem(line)

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
        # At least its lines at full width: a tall page that fits without scrolling gives
        # a hint-only chart no more than its minimum, which misses the wrapped lines.
        self.empty.setMinimumHeight(self.empty.heightForWidth(self.empty.maximumWidth()))
        self.empty.show()
        self.legend.hide()
        self.view.hide()
        self.summary.clear()
        self.summary.hide()
        self.setAccessibleDescription(text)

    def _show_plot(self, summary: str) -> None:
        self.empty.hide()
        self.legend.show()
        self.view.show()
        self.summary.setText(summary)
        self.summary.show()
        self.view.setAccessibleDescription(summary)
        self.setAccessibleDescription(summary)

    def _days_shown(self, days: Sequence[date]) -> tuple[date, date]:
        first, last = min(days), max(days)
        if self._span is not None:
            first, last = min(first, self._span[0]), max(last, self._span[1])
        return first, last

    def _set_x_range(self, days: Sequence[date]) -> None:
        """Show ``days`` with 3/4 of a day to spare on either side (a day is a bar wide)."""
        first, last = self._days_shown(days)
        self._shown_days = (first, last)
        self.plot.setXRange(timestamp(first) - 0.75 * DAY, timestamp(last) + 0.75 * DAY, padding=0)
        self._update_ticks()

    def _update_ticks(self, *_resized: object) -> None:
        """Label as many days as fit without the dates touching at the plot's width."""
        if self._shown_days is None:
            return
        first, last = self._shown_days
        days = (last - first).days
        day_width = self.plot.vb.width() / (days + 1.5)
        metrics = QFontMetrics(self.font())
        label = metrics.horizontalAdvance("30 Sep") + 2 * metrics.averageCharWidth()
        self.plot.getAxis("bottom").setTicks(
            day_ticks(first, last, tick_step(days, day_width, label))
        )

    # -- what is on the plot (for tests and the accessible summary) -----------

    def legend_names(self) -> list[str]:
        """The legend's entries, top-left first."""
        return [text for text, _ in self._legend_entries]

    def date_labels(self) -> list[tuple[str, QRectF]]:
        """The date axis's labels and where they are drawn, in the view's pixels."""
        ticks = self.plot.getAxis("bottom")._tickLevels
        if not ticks:
            return []
        metrics = QFontMetrics(self.font())
        labels = []
        for value, text in ticks[0]:
            x = self.view.mapFromScene(self.plot.vb.mapViewToScene(QPointF(value, 0))).x()
            width = metrics.horizontalAdvance(text)
            axis = self.view.mapFromScene(self.plot.getAxis("bottom").sceneBoundingRect())
            top = axis.boundingRect().top()
            labels.append((text, QRectF(x - width / 2, top, width, metrics.height())))
        return labels

    def y_range(self) -> tuple[float, float]:
        """The visible y range."""
        low, high = self.plot.viewRange()[1]
        return float(low), float(high)
