"""The Charts page: morning pain over time with the session days, and the limb symmetry
index per exercise over time with the 90% line, the heel-raise test first.

The charts are drawn with pyqtgraph on plain Qt. Their colours come from the widget
palette, so they stay legible in light and dark themes, and each chart has a plain-text
summary under it for screen readers and for anyone who would rather read than look.

Dates are plotted as the UTC midnight of the day (seconds since the epoch), and the date
axis shows UTC, so a day stays on its own tick whatever the time zone.
"""

from __future__ import annotations

import calendar
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from circuit_timer.core.asymmetry import (
    FLAG_BELOW,
    HEADLINE_EXERCISE,
    NOISE_HIGH,
    NOISE_LOW,
    ExerciseAsymmetry,
)
from circuit_timer.core.dates import day_month
from circuit_timer.core.pain import MEANINGFUL_CHANGE
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.advice_view import AdviceView
from circuit_timer.ui.flow_layout import FlowLayout
from circuit_timer.ui.page_style import (
    GROUP,
    INNER,
    MARGIN,
    empty_state,
    readable_width,
    section_title,
)

# pyqtgraph picks its Qt binding on import; the app is built on PySide6 only.
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
import pyqtgraph as pg

if pg.Qt.QT_LIB != "PySide6":  # pragma: no cover - only if another binding came first
    raise ImportError(f"pyqtgraph was loaded with {pg.Qt.QT_LIB}, not PySide6")

pg.setConfigOptions(antialias=True)

DAY = 86_400.0
PAIN_MAX = 10
LSI_TOP = 105.0
LSI_FLOOR = 60.0

EMPTY_TEXT = (
    "No charts yet. Note your first-step pain each morning on the Today page (or with "
    "\u201ccircuit-timer pain N\u201d) and the pain chart starts. Do the left-right check "
    "(Library \u203a Heel raise test) to see your balance."
)
NO_PAIN_TEXT = (
    "No morning pain recorded yet. Note your first-step pain each morning on the Today page, "
    "or with \u201ccircuit-timer pain N\u201d."
)
NO_SIDES_TEXT = (
    "Do the left-right check (Library \u203a Heel raise test) to see your balance. Only "
    "tests whose reps you count are charted: press + for each rep, or give a test done "
    "elsewhere with \u201ccircuit-timer log CIRCUIT --count EXERCISE=LEFT,RIGHT\u201d."
)

# Okabe-Ito colours, in the order the exercises get them; the headline takes the first.
# Dark themes swap in the lighter members of the palette so every line keeps its contrast.
LIGHT_SERIES = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DARK_SERIES = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#D55E00")
SYMBOLS = ("o", "s", "t", "d", "star", "p")
SAMPLE_SIZE = (28, 24)  # a legend entry's line-and-marker picture
PAIN_LIGHT, PAIN_DARK = "#0072B2", "#56B4E9"  # blue, sky blue


def timestamp(day: date) -> float:
    """The x value of a day: its UTC midnight in seconds since the epoch."""
    return float(calendar.timegm(day.timetuple()))


def exercise_label(item: ExerciseAsymmetry) -> str:
    """The exercise's name, or its id made readable."""
    return item.name or item.exercise_id.replace("-", " ").capitalize()


def _pct(value: float) -> str:
    return f"{round(value, 1):g}%"


@dataclass(frozen=True)
class _Colours:
    background: QColor
    text: QColor
    dark: bool


def _colours(widget: QWidget) -> _Colours:
    palette = widget.palette()
    background = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    return _Colours(background, text, background.lightness() < text.lightness())


def _alpha(colour: QColor, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


def series_look(n: int, dark: bool) -> tuple[str, str]:
    """The colour and marker of the ``n``-th series: the colours go round first, and each
    time round the markers move on one, so no two series share both (up to 36)."""
    colours = DARK_SERIES if dark else LIGHT_SERIES
    lap, colour = divmod(n, len(colours))
    return colours[colour], SYMBOLS[(colour + lap) % len(SYMBOLS)]


def tick_step(days: int, day_width: float, label_width: float) -> int | None:
    """Days between labelled ticks: every day if the labels fit at ``day_width`` pixels a
    day, else every other day, every week, every two weeks...; None (the axis chooses)
    past about ten weeks."""
    if days > 75:
        return None
    steps: list[int] = [1, 2, *range(7, days + 7, 7)]
    for step in steps:
        if step * day_width >= label_width:
            return step
    return days or 1


def _day_ticks(first: date, last: date, step: int | None) -> list[list[tuple[float, str]]] | None:
    """Whole-day ticks from ``first`` to ``last``, one label every ``step`` days counted
    back from ``last`` so the latest day always has its date; None lets the axis choose."""
    days = (last - first).days
    if step is None:
        return None
    major = []
    for n in range(days, -1, -step):
        day = first + timedelta(days=n)
        major.append((timestamp(day), day_month(day)))
    minor = [(timestamp(first + timedelta(days=n)), "") for n in range(days + 1)]
    return [major[::-1], minor]


class _Chart(QWidget):
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

    def colours(self) -> _Colours:
        return _colours(self)

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
        pen = pg.mkPen(_alpha(self.colours().text, 45), width=1)
        for value in values:
            line = pg.InfiniteLine(pos=value, angle=0, pen=pen)
            line.setZValue(-10)
            self.plot.addItem(line)

    def _show_empty(self, text: str) -> None:
        self.empty.setText(text)
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
            _day_ticks(first, last, tick_step(days, day_width, label))
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


class PainChart(_Chart):
    """First-step morning pain over time (0-10), with the session days shaded."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._points: list[tuple[date, int]] = []
        self._session_days: list[date] = []
        self.line: pg.PlotDataItem | None = None
        self.sessions: pg.BarGraphItem | None = None
        super().__init__("Morning pain", "First-step pain (0-10)", parent)
        self.plot.setYRange(-0.3, PAIN_MAX + 0.3, padding=0)
        self.plot.getAxis("left").setTicks(
            [[(v, str(v)) for v in range(0, PAIN_MAX + 1, 2)], [(v, "") for v in range(11)]]
        )
        self._draw()

    def set_data(
        self,
        points: list[tuple[date, int]],
        session_days: list[date],
        *,
        span: tuple[date, date] | None = None,
    ) -> None:
        """Show ``points`` (date, score 0-10) and mark the ``session_days`` within the days
        shown: those of the points, widened to ``span`` if given (to line up two charts)."""
        self._span = span
        self._points = sorted(points)
        self._session_days = sorted(set(session_days))
        self._draw()

    def _draw(self) -> None:
        self._clear()
        self.line = self.sessions = None
        if not self._points:
            self._show_empty(NO_PAIN_TEXT)
            return
        c = self.colours()
        xs = [timestamp(d) for d, _ in self._points]
        ys = [float(v) for _, v in self._points]
        first_day, last_day = self._days_shown([d for d, _ in self._points])
        shown = [d for d in self._session_days if first_day <= d <= last_day]
        if shown:
            self.sessions = pg.BarGraphItem(
                x=[timestamp(d) for d in shown],
                height=PAIN_MAX + 0.3,
                y0=-0.3,
                width=0.6 * DAY,
                brush=_alpha(c.text, 38),
                pen=None,
                name="Session day",
            )
            self.plot.addItem(self.sessions)
        self._grid([float(v) for v in range(PAIN_MAX + 1)])
        colour = QColor(PAIN_DARK if c.dark else PAIN_LIGHT)
        self.line = pg.PlotDataItem(
            xs,
            ys,
            pen=pg.mkPen(colour, width=3),
            symbol="o",
            symbolSize=9,
            symbolBrush=colour,
            symbolPen=pg.mkPen(c.background, width=1.5),
            name="Morning pain",
        )
        self.plot.addItem(self.line)
        self._add_legend(self.line, "Morning pain (0-10)")
        if self.sessions is not None:
            self._add_legend(self.sessions, "Session day")
        self._set_x_range([d for d, _ in self._points])
        self._show_plot(self._summary(shown))

    def _summary(self, shown: list[date]) -> str:
        (first_day, first), (last_day, latest) = self._points[0], self._points[-1]
        days = (last_day - first_day).days + 1
        change = latest - first
        if len(self._points) == 1:
            text = f"Morning pain {latest}/10 on {day_month(last_day)}; one entry so far."
        else:
            text = f"Morning pain {first} \u2192 {latest} over {days} days"
            if abs(change) >= MEANINGFUL_CHANGE:
                way = "down" if change < 0 else "up"
                text += (
                    f": {way} {abs(change)} points, a meaningful change "
                    f"({MEANINGFUL_CHANGE} points or more)."
                )
            else:
                text += (
                    f": a change under {MEANINGFUL_CHANGE} points, which is not yet "
                    "a meaningful change."
                )
        count = len(shown)
        return text + (f" {count} session day{'s' * (count != 1)} shaded." if count else "")

    # -- what is plotted -----------------------------------------------------

    def pain_data(self) -> tuple[list[float], list[float]]:
        """The pain line's x (UTC-midnight timestamps) and y values."""
        if self.line is None:
            return [], []
        x, y = self.line.getData()
        return [float(v) for v in x], [float(v) for v in y]

    def session_data(self) -> list[float]:
        """The x of each session-day marker."""
        if self.sessions is None:
            return []
        return [float(v) for v in self.sessions.opts["x"]]


class SymmetryChart(_Chart):
    """The limb symmetry index per test over time, with the 90% flag line.

    Only tests: ``insights.sides`` gives the counted sets of exercises marked ``test``,
    never training sets, holds or stretches.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self._items: list[ExerciseAsymmetry] = []
        self.lines: list[tuple[str, pg.PlotDataItem]] = []
        self.flags: pg.ScatterPlotItem | None = None
        self.threshold: pg.InfiniteLine | None = None
        super().__init__("Left-right balance", "Limb symmetry index (%)", parent)
        self._draw()

    def set_data(
        self, items: list[ExerciseAsymmetry], *, span: tuple[date, date] | None = None
    ) -> None:
        """Show each exercise's LSI over time, the headline heel-raise test first; the days
        shown are those of the points, widened to ``span`` if given."""
        self._span = span
        self._items = sorted(items, key=lambda i: i.exercise_id != HEADLINE_EXERCISE)
        self._draw()

    def _draw(self) -> None:
        self._clear()
        self.lines, self.flags, self.threshold = [], None, None
        if not self._items:
            self._show_empty(NO_SIDES_TEXT)
            return
        c = self.colours()
        all_lsi: list[float] = []
        flagged: list[tuple[float, float]] = []
        for n, item in enumerate(self._items):
            headline = item.exercise_id == HEADLINE_EXERCISE
            hue, symbol = series_look(n, c.dark)
            colour = QColor(hue)
            xs = [timestamp(p.date) for p in item.points]
            ys = [p.lsi for p in item.points]
            line = pg.PlotDataItem(
                xs,
                ys,
                pen=pg.mkPen(colour, width=4 if headline else 2),
                symbol=symbol,
                symbolSize=11 if headline else 9,
                symbolBrush=colour,
                symbolPen=pg.mkPen(c.background, width=1),
                name=exercise_label(item),
            )
            line.setZValue(10 if headline else 5)
            self.plot.addItem(line)
            self._add_legend(line, exercise_label(item))
            self.lines.append((item.exercise_id, line))
            all_lsi += ys
            flagged += [(x, p.lsi) for x, p in zip(xs, item.points, strict=True) if p.flagged]

        self.threshold = pg.InfiniteLine(
            pos=FLAG_BELOW,
            angle=0,
            pen=pg.mkPen(c.text, width=1.5, style=Qt.PenStyle.DashLine),
            label=f"{FLAG_BELOW:g}%",
            labelOpts={"position": 0.0, "color": c.text, "anchors": [(0, 1), (0, 1)]},
        )
        self.threshold.setZValue(2)
        self.plot.addItem(self.threshold)
        key = pg.PlotDataItem(pen=pg.mkPen(c.text, width=1.5, style=Qt.PenStyle.DashLine))
        self._add_legend(key, f"{FLAG_BELOW:g}% (usual flag)")
        if flagged:
            self.flags = pg.ScatterPlotItem(
                x=[x for x, _ in flagged],
                y=[y for _, y in flagged],
                symbol="o",
                size=22,
                pen=pg.mkPen(c.text, width=2),
                brush=None,
                name=f"Under {FLAG_BELOW:g}%",
            )
            self.flags.setZValue(20)
            self.plot.addItem(self.flags)
            self._add_legend(self.flags, f"Under {FLAG_BELOW:g}%")

        low = min(LSI_FLOOR, min(all_lsi) - 5)
        self.plot.setYRange(low, LSI_TOP, padding=0)
        tens = range(math.ceil(low / 10) * 10, 101, 10)
        fives = range(math.ceil(low / 5) * 5, int(LSI_TOP) + 1, 5)
        self.plot.getAxis("left").setTicks(
            [[(float(v), str(v)) for v in tens], [(float(v), "") for v in fives]]
        )
        self._grid([float(v) for v in fives])
        self._set_x_range([p.date for i in self._items for p in i.points])
        self._show_plot(self._summary())

    def _summary(self) -> str:
        head = self._items[0]
        latest = head.latest
        name = exercise_label(head)
        if head.exercise_id != HEADLINE_EXERCISE:
            text = "No single-leg heel-raise test yet. "
        else:
            text = ""
        side = f"{latest.weaker} side weaker" if latest.weaker else "both sides equal"
        flag = f", under the {FLAG_BELOW:g}% flag" if latest.flagged else ""
        text += f"{name}: latest LSI {_pct(latest.lsi)} on {day_month(latest.date)} ({side}{flag})."
        if len(head.points) > 1:
            text += f" It was {_pct(head.points[0].lsi)} at the first of {len(head.points)} tests."
        others = [
            f"{exercise_label(i)} {_pct(i.latest.lsi)}"
            + (f" ({i.latest.weaker} weaker)" if i.latest.weaker else "")
            for i in self._items[1:]
        ]
        if others:
            text += " Latest for the others: " + "; ".join(others) + "."
        text += (
            f" Retests vary by about {NOISE_LOW}-{NOISE_HIGH}% LSI on their own, "
            "so read the trend over several tests, not one."
        )
        return text

    # -- what is plotted -----------------------------------------------------

    def series(self) -> list[tuple[str, list[float], list[float]]]:
        """Each exercise's line in drawing order: (exercise id, x timestamps, LSI values)."""
        result = []
        for exercise_id, line in self.lines:
            x, y = line.getData()
            result.append((exercise_id, [float(v) for v in x], [float(v) for v in y]))
        return result

    def pen_widths(self) -> list[float]:
        """Each line's width, in drawing order."""
        return [float(line.opts["pen"].widthF()) for _, line in self.lines]

    def flagged_data(self) -> list[tuple[float, float]]:
        """The points marked as under 90%: (x, LSI)."""
        if self.flags is None:
            return []
        x, y = self.flags.getData()
        return [(float(a), float(b)) for a, b in zip(x, y, strict=True)]

    def threshold_value(self) -> float | None:
        """Where the dashed flag line is, or None when nothing is drawn."""
        return None if self.threshold is None else float(self.threshold.value())

    def threshold_label(self) -> str | None:
        """The flag line's label text."""
        if self.threshold is None or self.threshold.label is None:
            return None
        return str(self.threshold.label.toPlainText())


class ChartsPage(QWidget):
    """Morning pain and left-right balance over time, read from the history."""

    def __init__(
        self, store: HistoryStore, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.pain_chart = PainChart()
        self.advice = AdviceView()
        self.advice.setMaximumWidth(readable_width(self))
        self.advice_box = QWidget()
        advice = QVBoxLayout(self.advice_box)
        advice.setContentsMargins(0, 0, 0, 0)
        advice.setSpacing(INNER)
        advice.addWidget(section_title("Pain check"))
        # As wide as reads well, on the left like the charts' own texts.
        card = QHBoxLayout()
        card.addWidget(self.advice, 1)
        card.addStretch(0)
        advice.addLayout(card)
        self.symmetry_chart = SymmetryChart()
        self.empty = empty_state(EMPTY_TEXT)
        self.empty.setMaximumWidth(readable_width(self.empty))
        self.charts = QWidget()
        column = QVBoxLayout(self.charts)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2 * GROUP)
        column.addWidget(self.pain_chart, 1)
        column.addWidget(self.advice_box)
        column.addWidget(self.symmetry_chart, 1)
        self._column = column
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.empty)
        layout.addWidget(self.charts, 1)
        layout.addStretch(0)
        self.refresh()

    def refresh(self) -> None:
        """Read pain, session days and per-side results as of today, and redraw."""
        today = self.today()
        # The advice `circuit-timer pain --trend` prints, read the same way.
        trend, advice = insights.pain(self.store, today)
        self.advice.set_advice(advice)
        # Shown once a clause has something to go on.
        known = any(check.status != "unknown" for check in advice.checks)
        self.advice_box.setVisible(known)
        days = [s.local_date for s in self.store.sessions(until=today, status="completed")]
        sides = insights.sides(self.store, today)
        # Both charts show the same days, so a session day lines up with its LSI.
        dated = [d for d, _ in trend.points] + [p.date for item in sides for p in item.points]
        span = (min(dated), max(dated)) if dated else None
        self.pain_chart.set_data(trend.points, days, span=span)
        self.symmetry_chart.set_data(sides, span=span)
        # A chart with data takes the room; one without is just its heading and a hint.
        self._column.setStretchFactor(self.pain_chart, 1 if trend.points else 0)
        self._column.setStretchFactor(self.symmetry_chart, 1 if sides else 0)
        nothing = not trend.points and not sides and not known
        self.empty.setVisible(nothing)
        self.charts.setVisible(not nothing)

    def is_empty(self) -> bool:
        """Whether the page shows its empty-state message instead of charts."""
        return self.charts.isHidden()
