"""The Plan page: choose a plan, pick the race date, see the schedule, start, change or stop.

The preview is the chosen plan started today and counted back from the race date, laid
out week by week from the furthest week out to race week, as the format spec's "Plan"
section places it: a week whose 7 days have already ended is shown as passed, and
sessions already past on the start date are not scheduled.

It also holds the plain-words helpers that the Today page shares (dates, week names,
what a plan session changes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.describe import minutes, plural
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit, Exercise, Plan, Session
from circuit_timer.core.records import Enrolment
from circuit_timer.core.schedule import PlannedSession, plan_schedule, week_window
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore

# Fixed English names: Qt sets the C locale from the environment, which would make
# strftime's %a and %b follow it while every other word on the page is English.
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
PLAN_ID = Qt.ItemDataRole.UserRole
SESSION_INDEX = Qt.ItemDataRole.UserRole + 1
SESSION_DATE = Qt.ItemDataRole.UserRole + 2
# Okabe-Ito colours, as in the workout theme, so they stay apart for colour-blind runners.
SESSION_COLOUR = "#009E73"
RACE_COLOUR = "#D55E00"
ERROR_COLOUR = "#D55E00"
PASSED_COLOUR = "#808080"
# How often a page left open looks whether the day has turned.
DAY_CHECK_MS = 60_000


# -- words shared with the Today page -----------------------------------------------


def day_text(day: date) -> str:
    """ "Sun 13 Dec"."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def long_day_text(day: date) -> str:
    """ "Sun 13 Dec 2026"."""
    return f"{day_text(day)} {day.year}"


def week_name(weeks_out: int, label: str | None) -> str:
    """ "3 weeks out: Load: 4 x 10RM", "Race week"."""
    name = "Race week" if weeks_out == 0 else f"{plural(weeks_out, 'week')} out"
    if label and label.strip().lower() != name.lower():
        return f"{name}: {label}"
    return name


def session_minutes(planned: PlannedSession, circuit: Circuit | None) -> int | None:
    """The session's estimated minutes with the plan's changes, or None without its circuit."""
    if circuit is None:
        return None
    return minutes(compile_timeline(apply_session(circuit, planned.session)).estimated_seconds)


def scale_words(scale: float) -> str:
    """ "half the sets" for a plan's ``scale: 0.5``."""
    named = {0.25: "a quarter of the sets", 0.5: "half the sets", 2.0: "twice the sets"}
    return named.get(scale, f"{scale:g} x the sets (rounded up)")


def _sets_text(exercise: Exercise) -> str:
    """One exercise's volume: "4 sets of 10", "2 sets of 30 s", "1 set of 10 x 10 s hold"."""
    sets = plural(exercise.sets, "set")
    if exercise.dose == "timed":
        return f"{sets} of {exercise.work} s"
    if exercise.dose == "hold":
        holds = exercise.reps or 1
        each = f"a {exercise.hold} s hold" if holds == 1 else f"{holds} x {exercise.hold} s hold"
        return f"{sets} of {each}"
    return f"{sets} of {exercise.reps}"


def _find(circuit: Circuit, exercise_id: str) -> Exercise | None:
    return next(
        (ex for block in circuit.blocks for ex in block.exercises if ex.id == exercise_id), None
    )


def session_changes(
    session: Session, circuit: Circuit | None
) -> list[tuple[str | None, list[str]]]:
    """What a plan session changes in its circuit, as (exercise name, changes) pairs.

    ``circuit`` is the circuit as its file has it. A ``scale`` comes first, with no
    exercise name: (None, ["half the sets"]). Then each adjusted exercise with its new
    volume ("4 sets of 10 (usually 3 sets of 12)") and its new load ("load: ...").
    """
    found: list[tuple[str | None, list[str]]] = []
    if session.scale is not None:
        found.append((None, [scale_words(session.scale)]))
    adjusted = apply_session(circuit, session) if circuit is not None else None
    for exercise_id, change in session.adjust.items():
        fields = change.model_dump(exclude_none=True)
        before = _find(circuit, exercise_id) if circuit is not None else None
        after = _find(adjusted, exercise_id) if adjusted is not None else None
        if before is None or after is None:
            # A plan the loader accepted always names real exercises; this guards the rest.
            found.append((exercise_id, [f"{k} {v}" for k, v in fields.items()]))
            continue
        parts = []
        if fields.keys() & {"sets", "reps", "work", "hold"}:
            parts.append(f"{_sets_text(after)} (usually {_sets_text(before)})")
        if "load" in fields:
            parts.append(f"load: {after.load}")
        found.append((after.name, parts))
    return found


def change_lines(session: Session, circuit: Circuit | None, *, full: bool = True) -> list[str]:
    """What a plan session changes, one plain line each: "half the sets", "Single-leg
    heel raise, towel under the toes: 4 sets of 10 (usually 3 sets of 12), load: ...".

    The short form (``full=False``) fits a table cell: "new load" instead of the load's
    text, and no usual volume.
    """
    lines = []
    for name, parts in session_changes(session, circuit):
        if not full:
            parts = [
                "new load" if p.startswith("load: ") else p.split(" (usually ")[0] for p in parts
            ]
        lines.append(f"{name}: {', '.join(parts)}" if name else ", ".join(parts))
    return lines


def plan_titles(library: Library) -> list[Plan]:
    """The library's plans by title."""
    plans = [e.document for e in library.entries.values() if isinstance(e.document, Plan)]
    return sorted(plans, key=lambda p: (p.title.lower(), p.id))


def tree_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The top-level items of ``tree``."""
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def child_items(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    """The children of ``item``."""
    children = (item.child(i) for i in range(item.childCount()))
    return [child for child in children if child is not None]


def default_race_date(plan: Plan, today: date) -> date:
    """The first Sunday far enough out for the whole plan, a guess until the runner picks."""
    longest = max((w.weeks_out for w in plan.weeks), default=0)
    # The furthest week's window starts 7k + 6 days before the race: that may be today.
    earliest = today + timedelta(days=7 * longest + 6)
    return earliest + timedelta(days=(6 - earliest.weekday()) % 7)


def qdate(day: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    """A QDate as a Python date."""
    return date(day.year(), day.month(), day.day())


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    """``widget``'s font, ``factor`` times as large."""
    font = QFont(widget.font())
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


# -- the page ------------------------------------------------------------------------


class WrappingDelegate(QStyledItemDelegate):
    """Row heights that fit wrapped text in one column and in spanned (week) rows.

    QTreeView asks its delegate for a row's height without telling it the column's
    width, so wrapped text would be cut off after one line; this passes the width on,
    and lays the rows out again when that column's width changes.
    """

    def __init__(self, tree: QTreeWidget, column: int) -> None:
        super().__init__(tree)
        self._tree = tree
        self._column = column
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.header().sectionResized.connect(self._resized)

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column == self._column:
            self._tree.doItemsLayout()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The size of the item's text wrapped to the width it is shown in."""
        tree = self._tree
        spanned = tree.isFirstColumnSpanned(index.row(), QModelIndex(index.parent()))
        if not spanned and index.column() != self._column:
            # The other columns size to their contents, so they must not wrap.
            return super().sizeHint(option, index)
        width = tree.viewport().width() if spanned else tree.header().sectionSize(self._column)
        if index.parent().isValid() and (spanned or index.column() == 0):
            width -= tree.indentation()
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, max(width, 10), max(option.rect.height(), 1))
        return super().sizeHint(wrapped, index)


class PlanPage(QWidget):
    """Choose a plan and a race date, preview the schedule, start, change or stop a plan.

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
        self.schedule: list[PlannedSession] = []
        # Until the runner picks a race date, it follows the chosen plan's length.
        self._race_picked = False
        self.active_label = QLabel()
        self.active_label.setWordWrap(True)
        self.active_label.setFont(scaled_font(self, 1.4, bold=True))
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
        self.schedule_title = QLabel()
        self.schedule_title.setWordWrap(True)
        self.schedule_title.setFont(scaled_font(self, 1.15, bold=True))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["When", "Session", "Time", "Plan changes"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setFont(scaled_font(self, 1.1))
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegate(WrappingDelegate(self.tree, 3))
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.enrol = QPushButton("Start this plan")
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
        self.refresh()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.active_label, 1)
        top.addWidget(self.stop, 0, Qt.AlignmentFlag.AlignTop)
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>Plan</b>"))
        left.addWidget(self.plans)
        left.addWidget(self.summary)
        left.addSpacing(8)
        left.addWidget(QLabel("<b>Race date</b>"))
        left.addWidget(self.calendar)
        left.addWidget(self.race_label)
        left.addStretch(1)
        chooser = QWidget()
        chooser.setLayout(left)
        # The calendar's own width is a good width for the whole column.
        chooser.setMaximumWidth(max(380, self.calendar.sizeHint().width() + 40))
        chooser.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        right = QVBoxLayout()
        right.addWidget(self.schedule_title)
        right.addWidget(self.tree, 1)
        right.addWidget(self.detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.enrol)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(chooser)
        body.addLayout(right, 1)
        page = QVBoxLayout(self)
        page.addLayout(top)
        page.addLayout(body, 1)

    # -- filling -----------------------------------------------------------------

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
        if self.store is None:
            self._error("The history could not be opened, so a plan cannot be started here.")
        else:
            try:
                self.active = self.store.active_enrolment(as_of=today)
            except StoreError as exc:
                self._error(str(exc))
        library = self._library()
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
        if active is None:
            self.active_label.setText("No plan yet: choose one and your race date below.")
            return
        plan = library.plan(active.plan_id)
        title = plan.title if plan else f"{active.plan_id} (no longer in your library)"
        days = (active.race_date - today).days
        when = (
            "today" if days == 0
            else f"{plural(days, 'day')} to go" if days > 0
            else f"{plural(-days, 'day')} ago"
        )  # fmt: skip
        self.active_label.setText(
            f"Following: {title}\nRace on {long_day_text(active.race_date)} ({when})"
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
        """The preview's session rows, top to bottom (the race-day row is not one)."""
        return [
            item
            for week in tree_items(self.tree)
            for item in child_items(week)
            if item.data(0, SESSION_INDEX) is not None
        ]

    def shown_sessions(self) -> list[tuple[date, int]]:
        """The (date, index in the plan) of every session in the preview, top to bottom."""
        return [
            (date.fromisoformat(item.data(0, SESSION_DATE)), int(item.data(0, SESSION_INDEX)))
            for item in self.session_items()
        ]

    def week_titles(self) -> list[str]:
        """The first column of every week in the preview."""
        return [item.text(0) for item in tree_items(self.tree)]

    # -- reacting ----------------------------------------------------------------

    def _plan_chosen(self) -> None:
        plan = self.selected_plan()
        self.summary.setText((plan.summary or "") if plan else "There are no plans in the library.")
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
        library = self._library()
        self.tree.clear()
        self.detail.setText("Select a session to see everything the plan changes in it.")
        days = (race - today).days
        self.race_label.setText(
            f"Race day: {long_day_text(race)}\n"
            + ("That is today." if days == 0 else f"{plural(days, 'day')} from today.")
        )
        self.schedule = plan_schedule(plan, race, today) if plan is not None else []
        self._mark_calendar(race)
        self._update_buttons(plan, race)
        if plan is None:
            self.schedule_title.setText("No plan chosen.")
            return
        total = sum(len(w.sessions) for w in plan.weeks)
        if self.schedule:
            self.schedule_title.setText(
                f"{plural(len(self.schedule), 'session')} from {day_text(self.schedule[0].date)} "
                f"to the race on {day_text(race)}, if you start today"
                + (f" ({total - len(self.schedule)} of the plan's {total} have passed)"
                   if len(self.schedule) < total else "")
            )  # fmt: skip
        else:
            self.schedule_title.setText(
                f"No sessions of this plan are left before a race on {day_text(race)}."
            )
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for week in sorted(plan.weeks, key=lambda w: -w.weeks_out):
            first, last = week_window(race, week.weeks_out)
            item = QTreeWidgetItem([week_name(week.weeks_out, week.label)])
            item.setFont(0, bold)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
            sessions = [p for p in self.schedule if p.weeks_out == week.weeks_out]
            span = f"{day_text(first)} to {day_text(last)}"
            if last < today:
                item.setText(0, f"{item.text(0)}  ({span}; starts late: week "
                                f"{week.weeks_out} out has passed)")  # fmt: skip
                item.setForeground(0, QBrush(QColor(PASSED_COLOUR)))
                continue
            skipped = len(week.sessions) - len(sessions)
            note = f"; starts late: {plural(skipped, 'session')} already passed" if skipped else ""
            note += "; rest week" if not week.sessions else ""
            item.setText(0, f"{item.text(0)}  ({span}{note})")
            for planned in sessions:
                item.addChild(self._session_item(planned, library.circuit(planned.circuit_id)))
            if week.weeks_out == 0:
                race_item = QTreeWidgetItem([day_text(race), "Race day"])
                race_item.setFont(1, bold)
                race_item.setForeground(1, QBrush(QColor(RACE_COLOUR)))
                item.addChild(race_item)
            item.setExpanded(True)

    def _session_item(self, planned: PlannedSession, circuit: Circuit | None) -> QTreeWidgetItem:
        length = session_minutes(planned, circuit)
        changes = change_lines(planned.session, circuit, full=False)
        item = QTreeWidgetItem(
            [
                day_text(planned.date),
                circuit.title if circuit else f"{planned.circuit_id} (missing)",
                f"{length} min" if length is not None else "",
                "\n".join(changes) if changes else "as written",
            ]
        )
        for column in range(4):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        item.setData(0, SESSION_INDEX, planned.index)
        item.setData(0, SESSION_DATE, planned.date.isoformat())
        item.setToolTip(3, "\n".join(change_lines(planned.session, circuit)) or "as written")
        return item

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        index = item.data(0, SESSION_INDEX) if item is not None else None
        planned = next((p for p in self.schedule if p.index == index), None)
        if planned is None:
            return
        circuit = self._library().circuit(planned.circuit_id)
        title = circuit.title if circuit else planned.circuit_id
        changes = change_lines(planned.session, circuit) or ["the circuit as written"]
        self.detail.setText(
            f"{day_text(planned.date)}, {week_name(planned.weeks_out, planned.week_label)}: "
            f"{title}\n" + "\n".join(f"\u2022 {line}" for line in changes)
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
        for planned in self.schedule:
            self.calendar.setDateTextFormat(qdate(planned.date), marked)
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
