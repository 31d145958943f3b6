"""The earned-load chart: per laddered exercise of the followed plan, the step each
session was done at over time, so the climb (or the step back) shows, with the load the
runner entered written by its point."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from circuit_timer.ui.chart_base import Chart, pg
from circuit_timer.ui.chart_data import (
    LadderSeries,
    ladder_summary,
    load_words,
    series_look,
    step_height,
    timestamp,
)

NO_LADDER_TEXT = (
    "No ladder to chart. Start a plan whose exercises climb a ladder on the Plan page "
    "(the 4-week crash course climbs the towel heel raise) and log its sessions: the step "
    "each session was done at, and the load you entered, show here."
)

NO_STEP_TEXT = (
    "No session on your plan's ladder yet. Run (or log) today's session: the step it is "
    "done at, and the load you entered, show here."
)


class EarnedLoadChart(Chart):
    """Each laddered exercise's step per session over time, drawn as steps; a session run
    as the plan is written has no step and leaves a gap; loads are point labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._series: list[LadderSeries] = []
        self._laddered = False
        self.lines: list[tuple[str, pg.PlotDataItem]] = []
        self.labels: list[pg.TextItem] = []
        super().__init__("Earned load", "Ladder step", parent)
        self._draw()

    def set_data(
        self, series: list[LadderSeries], *, span: tuple[date, date] | None = None
    ) -> None:
        """Show each ladder's sessions; the days shown are those of the sessions, widened
        to ``span`` if given (to line up with the other charts)."""
        self._span = span
        self._laddered = bool(series)
        self._series = [s for s in series if s.points]
        self._draw()

    def has_data(self) -> bool:
        """Whether any ladder has a session to plot."""
        return bool(self._series)

    def _draw(self) -> None:
        self._clear()
        self.lines, self.labels = [], []
        if not self._series:
            self._show_empty(NO_STEP_TEXT if self._laddered else NO_LADDER_TEXT)
            return
        c = self.colours()
        top = 1
        low = 1.0
        for n, series in enumerate(self._series):
            hue, symbol = series_look(n, c.dark)
            colour = QColor(hue)
            xs, ys = self._steps(series)
            line = pg.PlotDataItem(
                xs,
                ys,
                pen=pg.mkPen(colour, width=3),
                connect="finite",
                name=series.name,
            )
            # The markers sit on the sessions only, not on the corners of the steps.
            marks = [p for p in series.points if p.step is not None]
            dots = pg.PlotDataItem(
                [timestamp(p.date) for p in marks],
                [step_height(p.step) for p in marks if p.step is not None],
                pen=None,
                symbol=symbol,
                symbolSize=10,
                symbolBrush=colour,
                symbolPen=pg.mkPen(c.background, width=1),
            )
            # The legend's picture: the line and the marker as drawn (edged as the dots are);
            # one point, as pyqtgraph styles a marker only once it has data. Not plotted.
            sample = pg.PlotDataItem(
                [0.0],
                [0.0],
                pen=pg.mkPen(colour, width=3),
                symbol=symbol,
                symbolBrush=colour,
                symbolSize=10,
                symbolPen=pg.mkPen(c.background, width=1),
            )
            for item in (line, dots):
                self.plot.addItem(item)
            self._add_legend(sample, series.name)
            self.lines.append((series.exercise_id, dots))
            for point in marks:
                words = load_words(point)
                if words is None or point.step is None:
                    continue  # no load entered: no label, never "0 kg"
                label = pg.TextItem(words, color=c.text, anchor=(0.5, 1.3))
                label.setPos(timestamp(point.date), step_height(point.step))
                self.plot.addItem(label)
                self.labels.append(label)
            top = max(top, len(series.doses))
            low = min([low, *(step_height(p.step) for p in marks if p.step is not None)])
        self._ticks(top, low)
        self.plot.setYRange(low - 0.5, top + 0.7, padding=0)
        self._set_x_range([p.date for s in self._series for p in s.points])
        self._show_plot(" ".join(ladder_summary(s) for s in self._series))

    def _steps(self, series: LadderSeries) -> tuple[list[float], list[float]]:
        """The step line: level from one session to the next, rising or falling on the
        later session's day; a session off the ladder breaks it (NaN)."""
        xs: list[float] = []
        ys: list[float] = []
        for point in series.points:
            x = timestamp(point.date)
            if point.step is None:
                xs.append(x)
                ys.append(math.nan)
                continue
            y = step_height(point.step)
            if ys and not math.isnan(ys[-1]) and ys[-1] != y:
                xs.append(x)
                ys.append(ys[-1])
            xs.append(x)
            ys.append(y)
        return xs, ys

    def _ticks(self, top: int, low: float) -> None:
        # One ladder: its doses name the steps; more: the step numbers (doses differ).
        only = self._series[0] if len(self._series) == 1 else None
        ticks = [(step_height(i), only.doses[i] if only else f"Step {i + 1}") for i in range(top)]
        if low < 1:
            ticks.insert(0, (0.0, only.back if only else "Back"))
        self.plot.getAxis("left").setTicks([ticks, []])
        self._grid([v for v, _ in ticks])

    # -- what is plotted -----------------------------------------------------

    def series(self) -> list[tuple[str, list[float], list[float]]]:
        """Each ladder's sessions on the ladder: (exercise id, x timestamps, step heights)."""
        result = []
        for exercise_id, dots in self.lines:
            x, y = dots.getData()
            result.append((exercise_id, [float(v) for v in x], [float(v) for v in y]))
        return result

    def load_labels(self) -> list[tuple[float, str]]:
        """The load labels: (x timestamp, text)."""
        return [
            (float(label.pos().x()), str(label.textItem.toPlainText())) for label in self.labels
        ]

    def step_ticks(self) -> list[str]:
        """The step axis's labels, lowest first."""
        levels = self.plot.getAxis("left")._tickLevels
        return [text for _, text in levels[0]] if levels else []
