"""The Plan page's chooser: a plan from the library and a race date on a calendar that
marks the plan's sessions and race day."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import plan_length, plural
from circuit_timer.core.model import Plan
from circuit_timer.core.schedule import PlannedSession
from circuit_timer.ui.page_colours import PASSED_COLOUR, RACE_COLOUR, SESSION_COLOUR, STATUS_LOOK
from circuit_timer.ui.page_style import scaled_font

# The calendar shows at most 6 weeks: the days before today to grey.
CALENDAR_DAYS = 42
# As the command line's --race-date: a race over two years away is a typo, and a far one
# makes the schedule and streak maths walk thousands of days.
RACE_AHEAD = timedelta(days=730)


def qdate(day: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    """A QDate as a Python date."""
    return date(day.year(), day.month(), day.day())


class PlanChooser(QWidget):
    """A plan, its summary and length, the race date, and (while a plan is followed) the
    way back to it. The page connects to ``plans``, ``calendar`` and ``back``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self._build()

    def _build(self) -> None:
        left = QVBoxLayout(self)
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
        left.setContentsMargins(0, 0, 0, 0)
        # The calendar's own width is a good width for the whole column.
        self.setMaximumWidth(max(380, self.calendar.sizeHint().width() + 40))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    # -- the plan ----------------------------------------------------------------

    def fill(self, plans: Iterable[Plan], chosen: str | None) -> None:
        """List ``plans`` and choose ``chosen`` (else the first), without signals."""
        self.plans.blockSignals(True)
        self.plans.clear()
        for plan in plans:
            self.plans.addItem(plan.title, plan.id)
            self.plans.setItemData(
                self.plans.count() - 1, plan.summary or "", Qt.ItemDataRole.ToolTipRole
            )
        found = self.plans.findData(chosen) if chosen else -1
        self.plans.setCurrentIndex(max(found, 0) if self.plans.count() else -1)
        self.plans.blockSignals(False)

    def selected_plan_id(self) -> str | None:
        """The id of the plan chosen."""
        value = self.plans.currentData()
        return str(value) if value else None

    def select_plan(self, plan_id: str) -> None:
        """Choose the plan with ``plan_id``."""
        index = self.plans.findData(plan_id)
        if index >= 0:
            self.plans.setCurrentIndex(index)

    def show_plan(self, plan: Plan | None) -> None:
        """Say what the chosen plan is and how long it runs."""
        if plan is None:
            self.summary.setText("There are no plans in the library.")
        else:
            self.summary.setText(f"{plan.summary or ''}\n({plan_length(plan)})".lstrip())

    # -- the race date -----------------------------------------------------------

    def race_date(self) -> date:
        """The race date picked on the calendar."""
        return pydate(self.calendar.selectedDate())

    def set_race_date(self, day: date, *, quietly: bool = False) -> None:
        """Pick ``day`` as the race date (as a click does, unless ``quietly``)."""
        self.calendar.blockSignals(quietly)
        self.calendar.setSelectedDate(qdate(day))
        self.calendar.blockSignals(False)

    def set_earliest(self, day: date) -> None:
        """Let only days from ``day`` (today) to two years after it be picked (quietly);
        a date picked outside moves to the nearest end."""
        self.calendar.blockSignals(True)
        self.calendar.setDateRange(qdate(day), qdate(day + RACE_AHEAD))
        self.calendar.blockSignals(False)

    def show_race(self, race: date, today: date) -> None:
        """The race date in words under the calendar."""
        days = (race - today).days
        self.race_label.setText(
            f"Race day: {day_text(race, year=True)}\n"
            + ("That is today." if days == 0 else f"{plural(days, 'day')} from today.")
        )

    def mark(
        self, schedule: Sequence[PlannedSession], race: date, today: date, missed: set[date]
    ) -> None:
        """Mark the sessions of ``schedule`` (``missed`` ones apart) and race day; grey the
        days before ``today``."""
        # An invalid QDate clears every date's format, so old marks never linger.
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        # Days before today cannot be picked; grey them so they do not look pickable.
        past = QTextCharFormat()
        past.setForeground(QBrush(QColor(PASSED_COLOUR)))
        for back in range(1, CALENDAR_DAYS + 1):
            self.calendar.setDateTextFormat(qdate(today - timedelta(days=back)), past)
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setForeground(QBrush(QColor(SESSION_COLOUR)))
        missed_look = QTextCharFormat(marked)
        missed_look.setForeground(QBrush(QColor(STATUS_LOOK["missed"][1] or RACE_COLOUR)))
        for planned in schedule:
            look = missed_look if planned.date in missed else marked
            self.calendar.setDateTextFormat(qdate(planned.date), look)
        race_format = QTextCharFormat()
        race_format.setFontWeight(QFont.Weight.Bold)
        race_format.setBackground(QBrush(QColor(RACE_COLOUR)))
        race_format.setForeground(QBrush(QColor("#FFFFFF")))
        self.calendar.setDateTextFormat(qdate(race), race_format)
