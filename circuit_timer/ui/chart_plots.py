"""The two charts: morning pain over time with the session days, and the limb symmetry
index per test over time with the 90% line, the heel-raise test first."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from circuit_timer.core.asymmetry import FLAG_BELOW, HEADLINE_EXERCISE, ExerciseAsymmetry
from circuit_timer.ui.chart_base import Chart, pg, with_alpha
from circuit_timer.ui.chart_data import (
    DAY,
    PAIN_DARK,
    PAIN_LIGHT,
    exercise_label,
    pain_summary,
    series_look,
    symmetry_summary,
    timestamp,
)

PAIN_MAX = 10
LSI_TOP = 105.0
LSI_FLOOR = 60.0

NO_PAIN_TEXT = (
    "No morning pain recorded yet. Note your first-step pain each morning on the Today page, "
    "or with \u201ccircuit-timer pain N\u201d."
)
NO_SIDES_TEXT = (
    "Do the left-right check (Library \u203a Heel raise test) to see your balance. Only "
    "tests whose reps you count are charted: press + for each rep, or give a test done "
    "elsewhere with \u201ccircuit-timer log CIRCUIT --count EXERCISE=LEFT,RIGHT\u201d."
)


class PainChart(Chart):
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
                brush=with_alpha(c.text, 38),
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
        self._show_plot(pain_summary(self._points, shown))

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


class SymmetryChart(Chart):
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
        self._show_plot(symmetry_summary(self._items))

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
