"""The Plan page: your plan while you follow one; choose a plan and a race date otherwise.

While a plan is followed, the page shows that runner's plan: every session since the
start as done, missed, today, open or upcoming (from ``insights.plan_overview``, as
`circuit-timer plan status` has it), with its dose, the plan's changes and the days to
the race. Choosing another plan or another race date shows what that change would look
like if made today: the chosen plan counted back from the race date, week by week from
the furthest week out to race week, as the format spec's "Plan" section places it.

The plain-words helpers live in ``plan_words`` and the table in ``plan_tree``; the names
the Today page takes from here are re-exported.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QBoxLayout,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.describe import plural
from circuit_timer.core.library import Library
from circuit_timer.core.model import Plan
from circuit_timer.core.records import Enrolment
from circuit_timer.core.schedule import PlannedSession, plan_schedule
from circuit_timer.store import insights
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.plan_tree import (
    PASSED_COLOUR,
    PLAN_STATUS,
    RACE_COLOUR,
    SESSION_COLOUR,
    SESSION_DATE,
    SESSION_INDEX,
    STATUS,
    STATUS_LOOK,
    PlanTree,
    WrappingDelegate,
    scaled_font,
    tree_items,
)
from circuit_timer.ui.plan_words import (
    change_lines,
    countdown_text,
    day_text,
    default_race_date,
    long_day_text,
    plan_span,
    plan_titles,
    session_changes,
    session_minutes,
    week_name,
)

__all__ = [
    "DAY_CHECK_MS",
    "ERROR_COLOUR",
    "PASSED_COLOUR",
    "PlanPage",
    "WrappingDelegate",
    "change_lines",
    "day_text",
    "default_race_date",
    "long_day_text",
    "scaled_font",
    "session_changes",
    "session_minutes",
    "tree_items",
    "week_name",
]

ERROR_COLOUR = "#D55E00"
# How often a page left open looks whether the day has turned.
DAY_CHECK_MS = 60_000
# Below this page width the table goes under the chooser instead of beside it.
STACK_BELOW_WIDTH = 900
TREE_MIN_HEIGHT = 360


def qdate(day: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    """A QDate as a Python date."""
    return date(day.year(), day.month(), day.day())


def set_role(widget: QWidget, name: str) -> None:
    """Give ``widget`` the style sheet role ``name`` ("emptyState", "hint", ...) and let the
    style see the change."""
    if widget.objectName() != name:
        widget.setObjectName(name)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class PlanPage(QWidget):
    """Your plan while you follow one; choose, preview, start, change or stop a plan.

    Signals:
        plan_changed(): a plan was started, changed or stopped.
    """

    plan_changed = Signal()

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
        self._shown_day = today()
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(DAY_CHECK_MS)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        self.active: Enrolment | None = None
        self.overview: insights.PlanOverview | None = None
        self.schedule: list[PlannedSession] = []
        # Until the runner picks a race date, it follows the chosen plan's length.
        self._race_picked = False
        self.active_label = QLabel()
        self.active_label.setWordWrap(True)
        self.stop = QPushButton("Stop plan")
        self.plans = QComboBox()
        self.plans.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.plans.setMinimumContentsLength(20)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.calendar = QCalendarWidget()
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(True)
        # Weekends in plain colours: on this calendar colour means a session or the race.
        plain = QTextCharFormat()
        plain.setForeground(self.palette().text())
        for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(weekend, plain)
        self.race_label = QLabel()
        self.race_label.setWordWrap(True)
        self.race_label.setFont(scaled_font(self, 1.15, bold=True))
        self.browse_hint = QLabel(
            "Choose another plan or race date to see what changing would look like; "
            "your plan stays as it is until you press Change."
        )
        self.browse_hint.setObjectName("hint")
        self.browse_hint.setWordWrap(True)
        self.back = QPushButton("Back to your plan")
        self.choose = QPushButton("Change plan or race date\u2026")
        self.chooser = QWidget()
        # Side by side when there is room; in a small window the table goes under the
        # chooser (the window scrolls the page) rather than squeezing its columns.
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        # Shown while following only when asked for: the runner's own plan comes first.
        self._choosing = False
        self.schedule_title = QLabel()
        self.schedule_title.setObjectName("sectionTitle")
        self.schedule_title.setWordWrap(True)
        self.schedule_title.setFont(scaled_font(self, 1.15, bold=True))
        self.tree = PlanTree()
        self.detail = QLabel()
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrol = QPushButton("Start this plan")
        self.enrol.setObjectName("primary")
        self.enrol.setFont(scaled_font(self, 1.3, bold=True))
        self.enrol.setMinimumHeight(48)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._build()
        self.plans.currentIndexChanged.connect(self._plan_chosen)
        self.calendar.selectionChanged.connect(self._date_picked)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.enrol.clicked.connect(self.start_plan)
        self.stop.clicked.connect(self.stop_plan)
        self.back.clicked.connect(self.show_followed)
        self.choose.clicked.connect(self._open_chooser)
        self.refresh()

    def _build(self) -> None:
        left = QVBoxLayout()
        left.setSpacing(8)
        plan_title = QLabel("Plan")
        plan_title.setObjectName("sectionTitle")
        left.addWidget(plan_title)
        left.addWidget(self.plans)
        left.addWidget(self.summary)
        left.addSpacing(8)
        race_title = QLabel("Race date")
        race_title.setObjectName("sectionTitle")
        left.addWidget(race_title)
        left.addWidget(self.calendar)
        left.addWidget(self.race_label)
        left.addWidget(self.browse_hint)
        left.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)
        chooser = self.chooser
        chooser.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        # The calendar's own width is a good width for the whole column.
        chooser.setMaximumWidth(max(380, self.calendar.sizeHint().width() + 40))
        chooser.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.schedule_title)
        right.addWidget(self.tree, 1)
        right.addWidget(self.detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.choose)
        buttons.addWidget(self.stop)
        buttons.addWidget(self.enrol)
        right.addLayout(buttons)
        body = self._body
        body.setSpacing(16)
        body.addWidget(chooser)
        body.addLayout(right, 1)
        page = QVBoxLayout(self)
        page.setContentsMargins(24, 24, 24, 24)
        page.setSpacing(16)
        page.addWidget(self.active_label)
        page.addLayout(body, 1)

    # -- filling -----------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Stack the chooser over the table when the page is narrow."""
        super().resizeEvent(event)
        narrow = event.size().width() < STACK_BELOW_WIDTH
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self._body.direction() != direction:
            self._body.setDirection(direction)
            self.tree.setMinimumHeight(TREE_MIN_HEIGHT if narrow else 0)

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up if the day turned while the page was hidden (the window refreshes it
        whenever it shows it, so nothing else is re-read here)."""
        super().showEvent(event)
        self._check_day()

    def _check_day(self) -> None:
        # A window left open overnight must not offer yesterday's session this morning.
        if self.isVisible() and self._today() != self._shown_day:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the active plan and the library; keep the runner's choice where it can."""
        today = self._today()
        self._shown_day = today
        self.message.clear()
        self.active = None
        self.overview = None
        library = self._library()
        if self.store is None:
            self._error("The history could not be opened, so a plan cannot be started here.")
        else:
            try:
                self.active = self.store.active_enrolment(as_of=today)
                self.overview = insights.plan_overview(self.store, library, today)
            except StoreError as exc:
                self._error(str(exc))
        chosen = self.selected_plan_id() or (self.active.plan_id if self.active else None)
        self.plans.blockSignals(True)
        self.plans.clear()
        for plan in plan_titles(library):
            self.plans.addItem(plan.title, plan.id)
            self.plans.setItemData(
                self.plans.count() - 1, plan.summary or "", Qt.ItemDataRole.ToolTipRole
            )
        found = self.plans.findData(chosen) if chosen else -1
        self.plans.setCurrentIndex(max(found, 0) if self.plans.count() else -1)
        self.plans.blockSignals(False)
        self.calendar.blockSignals(True)
        self.calendar.setMinimumDate(qdate(today))
        if self.active is not None and not self._race_picked:
            self.calendar.setSelectedDate(qdate(max(self.active.race_date, today)))
            self._race_picked = True
        self.calendar.blockSignals(False)
        self._show_active(library, today)
        self._plan_chosen()

    def _show_active(self, library: Library, today: date) -> None:
        active = self.active
        self.stop.setEnabled(active is not None)
        self.stop.setVisible(active is not None)
        self.browse_hint.setVisible(active is not None)
        if active is None:
            set_role(self.active_label, "emptyState")
            self.active_label.setFont(self.font())
            self.active_label.setText(
                "No plan yet. Choose a plan below, pick your race date on the calendar, "
                "and press Start this plan: each session is then counted back from race day."
                if self.plans.count()
                else "No plan yet, and there are no plans in the library. Put a plan file "
                "in your circuits folder (Library page, Open circuits folder)."
            )
            return
        plan = library.plan(active.plan_id)
        title = plan.title if plan else f"{active.plan_id} (no longer in your library)"
        set_role(self.active_label, "")
        self.active_label.setFont(scaled_font(self, 1.4, bold=True))
        days = (active.race_date - today).days
        self.active_label.setText(
            f"Following: {title}\nRace on {long_day_text(active.race_date)} "
            f"({countdown_text(days)})"
        )

    def selected_plan_id(self) -> str | None:
        """The id of the plan in the chooser."""
        value = self.plans.currentData()
        return str(value) if value else None

    def selected_plan(self) -> Plan | None:
        """The plan in the chooser."""
        plan_id = self.selected_plan_id()
        return self._library().plan(plan_id) if plan_id else None

    def select_plan(self, plan_id: str) -> None:
        """Choose the plan with ``plan_id``."""
        index = self.plans.findData(plan_id)
        if index >= 0:
            self.plans.setCurrentIndex(index)

    def race_date(self) -> date:
        """The race date picked on the calendar."""
        return pydate(self.calendar.selectedDate())

    def set_race_date(self, day: date) -> None:
        """Pick ``day`` as the race date (as a click on the calendar does)."""
        self.calendar.setSelectedDate(qdate(day))

    def session_items(self) -> list[QTreeWidgetItem]:
        """The table's session rows, top to bottom (the race-day row is not one)."""
        return self.tree.session_items()

    def shown_sessions(self) -> list[tuple[date, int]]:
        """The (date, index in the plan) of every session in the table, top to bottom."""
        return [
            (date.fromisoformat(item.data(0, SESSION_DATE)), int(item.data(0, SESSION_INDEX)))
            for item in self.session_items()
        ]

    def shown_progress(self) -> list[tuple[date, str, str]]:
        """For the plan followed: (date, status as `plan status` has it, status shown) of
        every session in the table, top to bottom."""
        return [
            (
                date.fromisoformat(item.data(0, SESSION_DATE)),
                str(item.data(0, PLAN_STATUS)),
                item.text(STATUS),
            )
            for item in self.session_items()
        ]

    def week_titles(self) -> list[str]:
        """The first column of every week in the table."""
        return [item.text(0) for item in tree_items(self.tree)]

    def following_shown(self) -> bool:
        """Whether the table shows the plan followed (not a preview of a change)."""
        overview = self.overview
        if overview is None or overview.followed.plan is None:
            return False
        enrolment = overview.followed.enrolment
        return (self.selected_plan_id(), self.race_date()) == (
            enrolment.plan_id,
            enrolment.race_date,
        )

    def _open_chooser(self) -> None:
        self._choosing = True
        self._preview()

    def show_followed(self) -> None:
        """Show the plan followed again, after looking at others."""
        self._choosing = False
        if self.overview is not None:
            enrolment = self.overview.followed.enrolment
            self.select_plan(enrolment.plan_id)
            self.set_race_date(max(enrolment.race_date, self._today()))
        self._preview()

    # -- reacting ----------------------------------------------------------------

    def _plan_chosen(self) -> None:
        plan = self.selected_plan()
        if plan is None:
            self.summary.setText("There are no plans in the library.")
        else:
            self.summary.setText(f"{plan.summary or ''}\n({plan_span(plan)})".lstrip())
        if plan is not None and not self._race_picked:
            self.calendar.blockSignals(True)
            self.calendar.setSelectedDate(qdate(default_race_date(plan, self._today())))
            self.calendar.blockSignals(False)
        self._preview()

    def _date_picked(self) -> None:
        self._race_picked = True
        self._preview()

    def _preview(self) -> None:
        plan = self.selected_plan()
        today = self._today()
        race = self.race_date()
        self.tree.clear()
        self.detail.setText("Select a session to see everything the plan changes in it.")
        days = (race - today).days
        self.race_label.setText(
            f"Race day: {long_day_text(race)}\n"
            + ("That is today." if days == 0 else f"{plural(days, 'day')} from today.")
        )
        following = self.following_shown()
        self.back.setVisible(self.overview is not None)
        self.chooser.setVisible(not following or self._choosing)
        self.choose.setVisible(following and not self._choosing)
        # Following shows in the heading; a disabled "You are following" button would
        # only take the room of the actions that are possible.
        self.enrol.setVisible(not following)
        if following:
            assert self.overview is not None
            self._show_followed(self.overview)
        else:
            self._show_preview(plan, race, today)
        self._mark_calendar(race)
        self._update_buttons(plan, race)

    def _show_followed(self, overview: insights.PlanOverview) -> None:
        followed = overview.followed
        assert followed.plan is not None
        self.schedule = list(followed.schedule)
        progress = overview.progress
        counts = {s: sum(p.status == s for p in progress) for s in ("done", "missed", "upcoming")}
        share = f" (adherence {overview.adherence:.0%})" if overview.adherence is not None else ""
        self.schedule_title.setText(
            f"Your plan since {day_text(followed.enrolment.started_on)}: {counts['done']} done, "
            f"{counts['missed']} missed, {counts['upcoming']} upcoming{share}"
        )
        self.tree.show_progress(
            followed.plan,
            progress,
            followed.enrolment.race_date,
            followed.enrolment.started_on,
            overview.today,
            self._library(),
        )

    def _show_preview(self, plan: Plan | None, race: date, today: date) -> None:
        self.schedule = plan_schedule(plan, race, today) if plan is not None else []
        if plan is None:
            self.schedule_title.setText("No plan chosen: choose one on the left.")
            return
        total = sum(len(w.sessions) for w in plan.weeks)
        active = self.active
        when = (
            "if you start today" if active is None
            else "if you change the race date today" if active.plan_id == plan.id
            else "if you change to this plan today"
        )  # fmt: skip
        if self.schedule:
            passed = total - len(self.schedule)
            verb = "has" if passed == 1 else "have"
            self.schedule_title.setText(
                f"{plural(len(self.schedule), 'session')} from {day_text(self.schedule[0].date)} "
                f"to the race on {day_text(race)}, {when}"
                + (f" ({passed} of the plan's {total} {verb} passed)" if passed else "")
            )
        else:
            self.schedule_title.setText(
                f"No sessions of this plan are left before a race on {day_text(race)}."
            )
        self.tree.show_preview(plan, self.schedule, race, today, self._library())

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        index = item.data(0, SESSION_INDEX) if item is not None else None
        planned = next((p for p in self.schedule if p.index == index), None)
        if planned is None or item is None:
            return
        circuit = self._library().circuit(planned.circuit_id)
        title = circuit.title if circuit else planned.circuit_id
        changes = change_lines(planned.session, circuit) or ["the circuit as written"]
        status = f" ({item.text(STATUS)})" if item.text(STATUS) else ""
        self.detail.setText(
            f"{day_text(planned.date)}, {week_name(planned.weeks_out, planned.week_label)}: "
            f"{title}{status}\n" + "\n".join(f"\u2022 {line}" for line in changes)
        )

    def _mark_calendar(self, race: date) -> None:
        # An invalid QDate clears every date's format, so old marks never linger.
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        # Days before today cannot be picked; grey them so they do not look pickable.
        past = QTextCharFormat()
        past.setForeground(QBrush(QColor(PASSED_COLOUR)))
        today = self._today()
        for back in range(1, 43):  # The calendar shows at most 6 weeks.
            self.calendar.setDateTextFormat(qdate(today - timedelta(days=back)), past)
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setForeground(QBrush(QColor(SESSION_COLOUR)))
        missed = QTextCharFormat(marked)
        missed.setForeground(QBrush(QColor(STATUS_LOOK["missed"][1] or RACE_COLOUR)))
        missed_days = set()
        if self.following_shown() and self.overview is not None:
            missed_days = {p.planned.date for p in self.overview.progress if p.status == "missed"}
        for planned in self.schedule:
            look = missed if planned.date in missed_days else marked
            self.calendar.setDateTextFormat(qdate(planned.date), look)
        race_format = QTextCharFormat()
        race_format.setFontWeight(QFont.Weight.Bold)
        race_format.setBackground(QBrush(QColor(RACE_COLOUR)))
        race_format.setForeground(QBrush(QColor("#FFFFFF")))
        self.calendar.setDateTextFormat(qdate(race), race_format)

    def _update_buttons(self, plan: Plan | None, race: date) -> None:
        active = self.active
        if active is None:
            self.enrol.setText("Start this plan")
        elif plan is not None and active.plan_id == plan.id and active.race_date == race:
            self.enrol.setText("You are following this plan")
        elif plan is not None and active.plan_id == plan.id:
            self.enrol.setText("Change the race date")
        else:
            self.enrol.setText("Change to this plan")
        same = (
            active is not None
            and plan is not None
            and (active.plan_id, active.race_date)
            == (
                plan.id,
                race,
            )
        )
        self.enrol.setEnabled(
            self.store is not None and plan is not None and bool(self.schedule) and not same
        )

    def _error(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.setText(text)

    def _done(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    # -- acting ------------------------------------------------------------------

    def _title(self, plan_id: str) -> str:
        plan = self._library().plan(plan_id)
        return plan.title if plan else plan_id

    def start_plan(self) -> None:
        """Follow the chosen plan toward the picked date; ask first if one is followed."""
        plan = self.selected_plan()
        if self.store is None or plan is None:
            return
        today, race = self._today(), self.race_date()
        if race < today:  # The calendar refuses these; a stale page might not.
            self._error(f"The race date {long_day_text(race)} has passed.")
            return
        try:
            active = self.store.active_enrolment(as_of=today)
        except StoreError as exc:
            self._error(str(exc))
            return
        if active is not None:
            old = self._title(active.plan_id)
            answer = QMessageBox.question(
                self,
                "Change plan?",
                f"Stop following {old} and start {plan.title} toward a race on "
                f"{long_day_text(race)}?\n\nThe sessions you did so far stay in your history.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.store.enrol(plan.id, race, today)
        except StoreError as exc:
            self._error(str(exc))
            return
        self._race_picked = True
        self.refresh()
        self._done(f"Following {plan.title} toward {long_day_text(race)}.")
        self.plan_changed.emit()

    def stop_plan(self) -> None:
        """Stop following the active plan after asking; its history is kept."""
        if self.store is None:
            return
        today = self._today()
        try:
            active = self.store.active_enrolment(as_of=today)
        except StoreError as exc:
            self._error(str(exc))
            return
        if active is None:
            return
        answer = QMessageBox.question(
            self,
            "Stop plan?",
            f"Stop following {self._title(active.plan_id)}?\n\n"
            "The sessions you did stay in your history; the Today page stops showing "
            "plan sessions.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.store.stop_plan(today)
        except StoreError as exc:
            self._error(str(exc))
            return
        self.refresh()
        self._done(f"Stopped following {self._title(active.plan_id)}.")
        self.plan_changed.emit()
