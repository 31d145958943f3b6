"""The Charts page: morning pain and left-right balance over time, read from the history,
with the pain check the CLI prints between them, and the ladder step (and load) each
session of the followed plan was done at.

The main window builds it on the first visit (pyqtgraph loads then, not at start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from circuit_timer.core.asymmetry import ExerciseAsymmetry
from circuit_timer.core.library import Library
from circuit_timer.core.pain import PainAdvice, PainTrend
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.advice_view import AdviceView
from circuit_timer.ui.chart_data import LadderSeries, ladder_series
from circuit_timer.ui.chart_ladder import EarnedLoadChart
from circuit_timer.ui.chart_plots import PainChart, SymmetryChart
from circuit_timer.ui.page_colours import ERROR_COLOUR
from circuit_timer.ui.page_loader import LOADING_TEXT, PageLoader
from circuit_timer.ui.page_style import (
    GROUP,
    INNER,
    MARGIN,
    empty_state,
    readable_width,
    section_title,
)

EMPTY_TEXT = (
    "No charts yet. Note your first-step pain each morning on the Today page (or with "
    "\u201ccircuit-timer pain N\u201d) and the pain chart starts. Do the left-right check "
    "(Library \u203a Heel raise test) to see your balance."
)


class ChartsPage(QWidget):
    """Morning pain and left-right balance over time, read from the history."""

    def __init__(
        self,
        store: HistoryStore,
        today: Callable[[], date],
        parent: QWidget | None = None,
        library: Callable[[], Library] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        # The plans' ladders come from the library (none without one: no ladder to chart).
        self.library = library or Library
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
        self.ladder_chart = EarnedLoadChart()
        self.empty = empty_state(EMPTY_TEXT)
        self.empty.setMaximumWidth(readable_width(self.empty))
        # Until the first read comes (off the GUI thread, ui/page_loader.py).
        self.loading = empty_state(LOADING_TEXT)
        self.loading.setMaximumWidth(readable_width(self.loading))
        self.loading.hide()
        self._filled = False
        self.loader = PageLoader(store.path, self)
        self.loader.waiting.connect(self._show_line)
        self.loader.failed.connect(lambda text: self._show_line(text, error=True))
        self.charts = QWidget()
        column = QVBoxLayout(self.charts)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2 * GROUP)
        column.addWidget(self.pain_chart, 1)
        column.addWidget(self.advice_box)
        column.addWidget(self.symmetry_chart, 1)
        column.addWidget(self.ladder_chart, 1)
        self._column = column
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.loading)
        layout.addWidget(self.empty)
        layout.addWidget(self.charts, 1)
        layout.addStretch(0)
        self.refresh()

    def refresh(self) -> None:
        """Read pain, session days and per-side results as of today off the GUI thread,
        and redraw; "Loading" (or "Waiting", while the history is locked) shows until
        the first read comes."""
        today, library = self.today(), self.library()
        if not self._filled:
            self._show_line(LOADING_TEXT)
        self.loader.load(lambda store: _read(store, library, today), self._show)

    def _show(self, read: _ChartsData) -> None:
        self._filled = True
        trend, advice, days, sides = read.trend, read.advice, read.days, read.sides
        self.loading.hide()
        self.advice.set_advice(advice)
        # Shown once a clause has something to go on.
        known = any(check.status != "unknown" for check in advice.checks)
        self.advice_box.setVisible(known)
        # Both charts show the same days, so a session day lines up with its LSI.
        dated = [d for d, _ in trend.points] + [p.date for item in sides for p in item.points]
        span = (min(dated), max(dated)) if dated else None
        self.pain_chart.set_data(trend.points, days, span=span)
        self.symmetry_chart.set_data(sides, span=span)
        self.ladder_chart.set_data(read.ladders or [], span=span)
        # Only while a plan is followed: the ladder is the plan's (the Plan page starts one).
        self.ladder_chart.setVisible(read.ladders is not None)
        # A chart with data takes the room; one without is just its heading and a hint.
        self._column.setStretchFactor(self.pain_chart, 1 if trend.points else 0)
        self._column.setStretchFactor(self.symmetry_chart, 1 if sides else 0)
        laddered = self.ladder_chart.has_data()
        self._column.setStretchFactor(self.ladder_chart, 1 if laddered else 0)
        nothing = not trend.points and not sides and not known and not laddered
        self.empty.setVisible(nothing)
        self.charts.setVisible(not nothing)

    def _show_line(self, text: str, *, error: bool = False) -> None:
        """One line in the charts' place (while the first read is on its way, or when it
        failed), never the empty history's hint."""
        self.loading.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.loading.setText(text)
        self.loading.show()
        if self._filled and not error:
            return  # the charts read last stay under it until the new read comes
        self._filled = False
        self.empty.hide()
        self.charts.hide()

    def is_empty(self) -> bool:
        """Whether the page shows its empty-state message instead of charts."""
        return not self.empty.isHidden()

    def is_loading(self) -> bool:
        """Whether the page says it is loading or waiting for the history."""
        return not self.loading.isHidden()


@dataclass(frozen=True)
class _ChartsData:
    """What the page reads from the history, in one go off the GUI thread."""

    trend: PainTrend
    advice: PainAdvice
    days: list[date]
    sides: list[ExerciseAsymmetry]
    ladders: list[LadderSeries] | None


def _read(store: HistoryStore, library: Library, today: date) -> _ChartsData:
    # The advice `circuit-timer pain --trend` prints, read the same way.
    trend, advice = insights.pain(store, today)
    days = [s.local_date for s in store.sessions(until=today, status="completed")]
    return _ChartsData(
        trend, advice, days, insights.sides(store, today), _ladders(store, library, today)
    )


def _ladders(store: HistoryStore, library: Library, today: date) -> list[LadderSeries] | None:
    """The followed plan's ladders, each with its sessions' steps and loads (None when no
    plan is followed: then the page has no ladder section)."""
    overview = insights.plan_overview(store, library, today)
    if overview is None:
        return None
    plan = overview.followed.plan
    if plan is None or not plan.progression:
        return []
    enrolment = overview.followed.enrolment
    steps = store.ladder_steps(enrolment.plan_id, enrolment.started_on, today)
    if not steps:
        return ladder_series(plan, library.circuit, {}, [], {})
    sessions = store.sessions(since=enrolment.started_on, until=today)
    return ladder_series(plan, library.circuit, steps, sessions, store.loads_by_session())
