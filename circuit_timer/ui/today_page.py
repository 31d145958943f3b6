"""The Today page: days to the race, today's plan session and Start, this week, adherence,
and the first-thing-in-the-morning pain score.

Read from across the room where it matters: the days to the race, today's session and
its Start button are the largest things on it. Everything comes from
``insights.plan_overview``, so the page, the command line and the window's Start agree
on what today's session is and what counts as done or missed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.library import Library
from circuit_timer.core.pain import PainAdvice
from circuit_timer.core.plan_words import (
    NO_PLAN_TODAY,
    adherence_text,
    plan_gone_text,
    race_headline,
    week_title,
)
from circuit_timer.core.today import AdaptedSession
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.advice_view import AdviceView
from circuit_timer.ui.day_watch import DayWatch
from circuit_timer.ui.morning_pain import MorningPain, morning_score
from circuit_timer.ui.page_colours import ERROR_COLOUR
from circuit_timer.ui.page_loader import LOADING_TEXT, PageLoader
from circuit_timer.ui.page_style import (
    GROUP,
    INNER,
    MARGIN,
    empty_state,
    scaled_font,
    section_title,
    text_label,
)
from circuit_timer.ui.plan_start import today_adapted
from circuit_timer.ui.today_session import SessionColumn
from circuit_timer.ui.week_table import WeekTable

# Lines longer than this many characters are hard to read: on a big screen the page keeps
# to this width, centred.
MAX_LINE_CHARS = 180
# Today's session needs about this many characters beside the week table, or the week
# goes under today's session.
SESSION_CHARS = 40


@dataclass(frozen=True)
class _TodayData:
    """What the page reads from the history, in one go off the GUI thread."""

    overview: insights.PlanOverview | None
    morning: int | None
    advice: PainAdvice
    adapted: AdaptedSession | None = None  # today's session as the progression rule runs it


def _read(store: HistoryStore, library: Library, today: date) -> _TodayData:
    """The page's one read, on the loader's worker with its own read-only store."""
    overview = insights.plan_overview(store, library, today)
    return _TodayData(
        overview,
        morning_score(store, today),
        insights.pain(store, today)[1],
        today_adapted(store, library, overview),
    )


class TodayPage(QWidget):
    """What to do today, on the plan followed toward the race.

    Signals:
        start_requested(): run today's plan session (the main window runs it).
        as_written_requested(): run it as the plan is written (the choice is recorded).
        pain_saved(int): a morning pain score (0-10) was saved for today.
        plan_requested(): go to the Plan page to choose a plan.
    """

    start_requested = Signal()
    as_written_requested = Signal()  # today's plan session as written, not as adapted
    pain_saved = Signal(int)
    plan_requested = Signal()

    def __init__(
        self,
        store: HistoryStore | None,
        library: Callable[[], Library],
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._library = library
        self._today = today
        self._day = DayWatch(self, today, self.refresh)
        self.overview: insights.PlanOverview | None = None
        self.headline = text_label(self, 3.0, bold=True)
        self.plan_line = text_label(self, 1.3)
        # Today's session: its parts by the names _show_today fills.
        self.session = SessionColumn()
        self.session_title = self.session.title
        self.session_facts = self.session.facts
        self.blocks = self.session.blocks
        self.changes = self.session.changes
        self.start = self.session.start
        self.rest = self.session.rest
        self.next_plan = self.session.next_plan
        # This week and adherence.
        self.week = WeekTable()
        self.adherence = text_label(self, 1.3, bold=True)
        # No plan.
        self.no_plan = empty_state()
        self.no_plan.setFont(scaled_font(self, 1.4))
        self.choose_plan = QPushButton("Choose a plan and your race date\u2026")
        self.choose_plan.setObjectName("primary")
        self.choose_plan.setFont(scaled_font(self, 1.4, bold=True))
        self.choose_plan.setMinimumHeight(56)
        self.morning = MorningPain(store, today)
        self.pain_buttons = self.morning.buttons
        self.save_pain = self.morning.save
        self.pain_status = self.morning.status
        # The pain-monitoring advice, as `circuit-timer pain --trend` gives it.
        # Without the rule's summary line: the page must fit 1280x800 unscrolled.
        self.advice = AdviceView(rule=False)
        self._build()
        self.start.clicked.connect(self.start_requested.emit)
        self.session.as_written.clicked.connect(self.as_written_requested.emit)
        self.choose_plan.clicked.connect(self.plan_requested.emit)
        self.next_plan.clicked.connect(self.plan_requested.emit)
        self.morning.saved.connect(self._pain_saved)
        # The reads run off the GUI thread (ui/page_loader.py); until the first comes,
        # the page says it is loading.
        self._filled = False
        self.loader = PageLoader(store.path, self) if store is not None else None
        if self.loader is not None:
            self.loader.waiting.connect(self._show_loading)
            self.loader.failed.connect(self._failed)
        self.refresh()

    def _build(self) -> None:
        week = QVBoxLayout()
        week.setSpacing(INNER)
        for part in (section_title("This week"), self.week, self.adherence):
            week.addWidget(part)
        week.addStretch(1)
        self.plan_box = QWidget()
        # Side by side when the week table fits beside today's session, else one above
        # the other (see resizeEvent).
        self.plan_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.plan_box)
        self.plan_row.setContentsMargins(0, 0, 0, 0)
        self.plan_row.setSpacing(GROUP)
        self.plan_row.addWidget(self.session, 5)
        self.plan_row.addLayout(week, 4)
        self.no_plan_box = QWidget()
        column = QVBoxLayout(self.no_plan_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(GROUP)
        column.addWidget(self.no_plan)
        column.addWidget(self.choose_plan, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        self.advice_box = QWidget()
        advice = QVBoxLayout(self.advice_box)
        advice.setContentsMargins(0, 0, 0, 0)
        advice.setSpacing(INNER)
        for item in (section_title("Pain check"), self.advice):
            advice.addWidget(item)
        # The page's content, centred and no wider than reads well (see _arrange).
        self._body = QWidget()
        self._body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        centred = QHBoxLayout(self)
        centred.setContentsMargins(0, 0, 0, 0)
        centred.setSpacing(0)
        centred.addStretch(1)
        centred.addWidget(self._body, 1000)
        centred.addStretch(1)
        page = QVBoxLayout(self._body)
        page.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        page.setSpacing(GROUP)
        headline = QVBoxLayout()
        headline.setSpacing(INNER)
        for label in (self.headline, self.plan_line):
            headline.addWidget(label)
        page.addLayout(headline)
        for widget in (self.plan_box, self.no_plan_box, self.morning, self.advice_box):
            page.addWidget(widget)
        page.addStretch(1)

    # -- fitting the window ------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep lines readable on a big screen, and put the week under today's session
        when the two do not fit side by side."""
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def event(self, event: QEvent) -> bool:
        """Arrange for the width already set before the page is first laid out to show
        (a window resized before it is shown gets its resize event only afterwards)."""
        if event.type() == QEvent.Type.Polish:
            self._arrange(self.width())
        return super().event(event)

    def _arrange(self, width: int) -> None:
        limit = self.fontMetrics().averageCharWidth() * MAX_LINE_CHARS
        self._body.setMaximumWidth(limit + 2 * MARGIN)
        room = min(width, limit + 2 * MARGIN) - 2 * MARGIN
        self.week.setMinimumWidth(self.week.needed_width())
        session = max(
            SESSION_CHARS * self.fontMetrics().averageCharWidth(),
            self.session.minimumSizeHint().width(),
        )
        beside = self.week.needed_width() + GROUP + session
        direction = (
            QBoxLayout.Direction.LeftToRight if room >= beside else QBoxLayout.Direction.TopToBottom
        )
        if self.plan_row.direction() != direction:
            self.plan_row.setDirection(direction)

    # -- filling -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up if the day turned while the page was hidden (the window refreshes it
        whenever it shows it, so nothing else is re-read here)."""
        super().showEvent(event)
        self._day.check()

    def refresh(self) -> None:
        """Re-read the plan, the history and the library for today, off the GUI thread;
        "Loading" (or "Waiting", while the history is locked) shows until they come."""
        today = self._today()
        self._day.shown = today
        library = self._library()
        if self.loader is None:
            self.overview = None
            self._show_no_plan(
                None, "The history could not be opened: plans and pain cannot be shown or saved."
            )
            self.morning.show_score(None)
            self.advice.set_error("The history could not be opened.")
            return
        if not self._filled:
            self._show_loading(LOADING_TEXT)
        self.loader.load(
            lambda store: _read(store, library, today), lambda d: self._show(d, library)
        )

    def _show(self, data: _TodayData, library: Library) -> None:
        self._filled = True
        self.overview = overview = data.overview
        if overview is None or overview.followed.plan is None:
            self._show_no_plan(overview, None)
        else:
            self._show_plan(overview, library, data.adapted)
        self.morning.show_score(data.morning)
        self.advice.set_advice(data.advice)
        self.advice_box.show()

    def _show_loading(self, text: str) -> None:
        """Until the history is read: one line in the page's place, nothing to press."""
        self.overview = None
        self.plan_box.hide()
        self.no_plan_box.show()
        self.start.setEnabled(False)
        self.headline.setText("Today")
        self._set(self.plan_line, "")
        self.no_plan.setStyleSheet("")
        self.no_plan.setText(text)
        self.choose_plan.hide()
        self.morning.show_loading()
        self.advice_box.hide()

    def _failed(self, error: str) -> None:
        self._filled = False
        self._show_no_plan(None, error)
        self.morning.show_score(None)
        self.advice.set_error(error)
        self.advice_box.show()

    def _show_no_plan(self, overview: insights.PlanOverview | None, error: str | None) -> None:
        self.plan_box.hide()
        self.no_plan_box.show()
        self.start.setEnabled(False)
        self.week.clear()
        if error is not None:
            self.headline.setText("Today")
            self._set(self.plan_line, "")
            self.no_plan.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.no_plan.setText(error)
            self.choose_plan.hide()
            return
        self.no_plan.setStyleSheet("")
        self.choose_plan.show()
        self._set(self.plan_line, "")
        if overview is not None:  # Followed, but its file is gone from the library.
            enrolment = overview.followed.enrolment
            self.headline.setText(race_headline(overview.days_to_race, enrolment.race_date))
            self.no_plan.setText(plan_gone_text(enrolment.plan_id))
        else:
            self.headline.setText("No plan yet")
            self.no_plan.setText(NO_PLAN_TODAY)

    def _show_plan(
        self,
        overview: insights.PlanOverview,
        library: Library,
        adapted: AdaptedSession | None = None,
    ) -> None:
        self.no_plan_box.hide()
        self.plan_box.show()
        followed = overview.followed
        assert followed.plan is not None
        today = overview.today
        self.headline.setText(race_headline(overview.days_to_race, followed.enrolment.race_date))
        current = [p for p in followed.schedule if p.date >= today]
        where = (
            f" \u00b7 {week_title(current[0].weeks_out, current[0].week_label)}" if current else ""
        )
        if overview.days_to_race < 0:
            where = " \u00b7 the race is over: choose a plan for the next one on the Plan page."
        self._set(self.plan_line, f"Plan: {followed.plan.title}{where}")
        self.session.show_today(overview, library, adapted)
        self._show_week(overview, library)
        self.adherence.setText("Adherence: " + adherence_text(overview.progress))

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        # An empty label still takes a line of the column; hide it instead.
        label.setText(text)
        label.setVisible(bool(text))

    def _show_week(self, overview: insights.PlanOverview, library: Library) -> None:
        self.week.show_week(overview.progress, overview.today, library)
        self._arrange(self.width())
        self.week.fit()

    def week_statuses(self) -> list[tuple[str, str, str]]:
        """(day, status, the status as shown) for each session listed this week."""
        return self.week.statuses()

    # -- morning pain ------------------------------------------------------------

    def pain_value(self) -> int | None:
        """The pressed pain button's value, or None."""
        return self.morning.value()

    def save_morning_pain(self) -> None:
        """Save the pressed score as today's morning pain."""
        self.morning.save_score()

    def _pain_saved(self, value: int) -> None:
        # The advice takes the new score into account: read again, off the GUI thread.
        self.refresh()
        self.pain_saved.emit(value)
