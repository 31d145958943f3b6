"""The Today page: days to the race, today's plan session and Start, this week, adherence,
and the first-thing-in-the-morning pain score.

Read from across the room where it matters: the days to the race, today's session and
its Start button are the largest things on it. Everything comes from
``insights.plan_overview``, so the page, the command line and the window's Start agree
on what today's session is and what counts as done or missed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.describe import plural
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.schedule import PlannedSession, PlannedStatus
from circuit_timer.core.today import shown_status, todays_session
from circuit_timer.store import insights
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.advice_view import AdviceView
from circuit_timer.ui.page_style import GROUP, INNER, MARGIN, empty_state, section_title
from circuit_timer.ui.pain_scale import PAIN_BUTTON_SIZE, PainScale
from circuit_timer.ui.plan_page import (
    DAY_CHECK_MS,
    ERROR_COLOUR,
    PASSED_COLOUR,
    WrappingDelegate,
    day_text,
    scaled_font,
    session_changes,
    session_minutes,
    tree_items,
    week_name,
)

# Each status is a word and a symbol, and only then a colour (Okabe-Ito).
STATUS_LOOK: dict[str, tuple[str, str | None]] = {
    "done": ("\u2713 done", "#009E73"),
    "missed": ("\u2717 missed", "#D55E00"),
    "today": ("\u25b6 today", "#0072B2"),
    "open": ("\u25cb open until today", "#0072B2"),
    "upcoming": ("upcoming", None),
}
MUTED_COLOUR = PASSED_COLOUR
STATUS = Qt.ItemDataRole.UserRole
# Lines longer than this many characters are hard to read: on a big screen the page keeps
# to this width, centred.
MAX_LINE_CHARS = 180
# Today's session needs about this many characters beside the week table, and the week's
# session titles this many, or the week goes under today's session.
SESSION_CHARS = 40
WEEK_TITLE_CHARS = 16


def race_headline(days: int, race: date) -> str:
    """ "28 days to your race (Sun 20 Dec)", "Race day!", "The race was 3 days ago"."""
    if days == 0:
        return "Race day!"
    if days < 0:
        return f"The race was {-days} day{'s' * (days != -1)} ago"
    return f"{days} day{'s' * (days != 1)} to your race ({day_text(race)})"


def adherence_text(progress: list[PlannedStatus]) -> str:
    """ "4 of 5 sessions due so far (80%)", "1 of 1 session due so far (100%)"."""
    done = sum(p.status == "done" for p in progress)
    due = done + sum(p.status == "missed" for p in progress)
    if due == 0:
        return "No plan sessions due yet."
    return f"{done} of {plural(due, 'session')} due so far ({done / due:.0%})"


def changes_html(planned: PlannedSession, circuit: Circuit | None) -> str:
    """Today's changes as a short list: the exercise in bold, then its new dose and load."""
    changes = session_changes(planned.session, circuit)
    if not changes:
        return "The circuit as written, no changes today."
    items = []
    for name, parts in changes:
        head = f"<b>{escape(name)}</b>: " if name else ""
        items.append(f"<li>{head}{'<br>'.join(escape(p) for p in parts)}</li>")
    return "The plan changes today:<ul>" + "".join(items) + "</ul>"


class TodayPage(QWidget):
    """What to do today, on the plan followed toward the race.

    Signals:
        start_requested(): run today's plan session (the main window runs it).
        pain_saved(int): a morning pain score (0-10) was saved for today.
        plan_requested(): go to the Plan page to choose a plan.
    """

    start_requested = Signal()
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
        self._shown_day = today()
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(DAY_CHECK_MS)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        self.overview: insights.PlanOverview | None = None
        self.headline = QLabel()
        self.headline.setFont(scaled_font(self, 3.0, bold=True))
        self.headline.setWordWrap(True)
        self.plan_line = QLabel()
        self.plan_line.setFont(scaled_font(self, 1.3))
        self.plan_line.setWordWrap(True)
        # Today's session.
        self.session_title = QLabel()
        self.session_title.setFont(scaled_font(self, 2.4, bold=True))
        self.session_title.setWordWrap(True)
        self.session_facts = QLabel()
        self.session_facts.setFont(scaled_font(self, 1.6))
        self.session_facts.setWordWrap(True)
        self.blocks = QLabel()
        self.blocks.setFont(scaled_font(self, 1.15))
        self.blocks.setWordWrap(True)
        self.blocks.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.changes = QLabel()
        self.changes.setFont(scaled_font(self, 1.3))
        self.changes.setTextFormat(Qt.TextFormat.RichText)
        self.changes.setWordWrap(True)
        self.changes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.start = QPushButton("Start")
        self.start.setObjectName("primary")
        # One short word, so it stays large at any width; the title is right above it.
        self.start.setFont(scaled_font(self, 2.6, bold=True))
        self.start.setMinimumHeight(80)
        self.start.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rest = QLabel()
        self.rest.setFont(scaled_font(self, 1.5))
        self.rest.setWordWrap(True)
        self.next_plan = QPushButton("Choose your next plan\u2026")
        self.next_plan.setFont(scaled_font(self, 1.3, bold=True))
        self.next_plan.setMinimumHeight(48)
        self.next_plan.hide()
        # This week and adherence.
        self.week = QTreeWidget()
        self.week.setColumnCount(4)
        self.week.setHeaderLabels(["Day", "Session", "Time", "Status"])
        self.week.setItemDelegate(WrappingDelegate(self.week, 1))
        self.week.setRootIsDecorated(False)
        self.week.setFont(scaled_font(self, 1.15))
        self.week.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.week.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A week is a few rows: the table is as tall as they are and never scrolls.
        self.week.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.week.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.week.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.week.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # Its titles wrap to the table's width: refit its height once the columns have
        # taken a new width (the stretched column says nothing when it changes).
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_week)
        self.week.installEventFilter(self)
        self.adherence = QLabel()
        self.adherence.setFont(scaled_font(self, 1.3, bold=True))
        self.adherence.setWordWrap(True)
        # No plan.
        self.no_plan = empty_state()
        self.no_plan.setFont(scaled_font(self, 1.4))
        self.choose_plan = QPushButton("Choose a plan and your race date\u2026")
        self.choose_plan.setObjectName("primary")
        self.choose_plan.setFont(scaled_font(self, 1.4, bold=True))
        self.choose_plan.setMinimumHeight(56)
        # Morning pain: a 0-10 row of buttons (two rows in a narrow window), then Save.
        self.pain_scale = PainScale("Morning pain")
        self.pain_group = self.pain_scale.group
        self.pain_buttons = self.pain_scale.buttons
        self.save_pain = QPushButton("Save")
        self.save_pain.setMinimumHeight(PAIN_BUTTON_SIZE.height())
        self.save_pain.setFont(scaled_font(self, 1.2, bold=True))
        self.save_pain.setEnabled(False)
        self.pain_status = QLabel()
        self.pain_status.setFont(scaled_font(self, 1.15))
        self.pain_status.setWordWrap(True)
        # The pain-monitoring advice, as `circuit-timer pain --trend` gives it.
        # Without the rule's summary line: the page must fit 1280x800 unscrolled.
        self.advice = AdviceView(rule=False)
        self._build()
        self.start.clicked.connect(self.start_requested.emit)
        self.choose_plan.clicked.connect(self.plan_requested.emit)
        self.next_plan.clicked.connect(self.plan_requested.emit)
        self.pain_group.idToggled.connect(self._pain_picked)
        self.save_pain.clicked.connect(self.save_morning_pain)
        self.refresh()

    def _build(self) -> None:
        session = QVBoxLayout()
        session.setSpacing(INNER)
        session.addWidget(section_title("Today's session"))
        for label in (self.session_title, self.session_facts, self.blocks, self.changes,
                      self.rest):  # fmt: skip
            session.addWidget(label)
        session.addWidget(self.next_plan, 0, Qt.AlignmentFlag.AlignLeft)
        session.addStretch(1)
        session.addWidget(self.start)
        week = QVBoxLayout()
        week.setSpacing(INNER)
        week.addWidget(section_title("This week"))
        week.addWidget(self.week)
        week.addWidget(self.adherence)
        week.addStretch(1)
        self.plan_box = QWidget()
        # Side by side when the week table fits beside today's session, else one above
        # the other (see resizeEvent).
        self.plan_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.plan_box)
        self.plan_row.setContentsMargins(0, 0, 0, 0)
        self.plan_row.setSpacing(GROUP)
        self._session_column = session
        self.plan_row.addLayout(session, 5)
        self.plan_row.addLayout(week, 4)
        self.no_plan_box = QWidget()
        column = QVBoxLayout(self.no_plan_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(GROUP)
        column.addWidget(self.no_plan)
        column.addWidget(self.choose_plan, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        question = QLabel("How did your first steps out of bed feel? 0 is no pain, 10 the worst.")
        question.setObjectName("hint")
        question.setWordWrap(True)
        saving = QHBoxLayout()
        saving.setSpacing(INNER)
        saving.addWidget(self.pain_status, 1)
        saving.addWidget(self.save_pain)
        pain = QVBoxLayout()
        pain.setSpacing(INNER)
        pain.addWidget(section_title("Morning pain"))
        pain.addWidget(question)
        pain.addWidget(self.pain_scale)
        pain.addLayout(saving)
        advice = QVBoxLayout()
        advice.setSpacing(INNER)
        advice.addWidget(section_title("Pain check"))
        advice.addWidget(self.advice)
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
        headline.addWidget(self.headline)
        headline.addWidget(self.plan_line)
        page.addLayout(headline)
        page.addWidget(self.plan_box)
        page.addWidget(self.no_plan_box)
        page.addLayout(pain)
        page.addLayout(advice)
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
        self.week.setMinimumWidth(self._week_width())
        session = max(
            SESSION_CHARS * self.fontMetrics().averageCharWidth(),
            self._session_column.minimumSize().width(),
        )
        beside = self._week_width() + GROUP + session
        direction = (
            QBoxLayout.Direction.LeftToRight if room >= beside else QBoxLayout.Direction.TopToBottom
        )
        if self.plan_row.direction() != direction:
            self.plan_row.setDirection(direction)

    def _week_width(self) -> int:
        """The width the week table needs: its columns and room for a title wrapped to a
        few words."""
        header = self.week.header()
        columns = sum(
            max(self.week.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in (0, 2, 3)
        )
        title = max(
            header.sectionSizeHint(1), WEEK_TITLE_CHARS * self.week.fontMetrics().averageCharWidth()
        )
        return columns + title + 2 * self.week.frameWidth()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refit the week table's height after it changes width."""
        if watched is self.week and event.type() == QEvent.Type.Resize:
            self._refit.start()
        return super().eventFilter(watched, event)

    def _fit_week(self) -> None:
        """Make the week table exactly as tall as its rows, wrapped at their width."""
        model = self.week.model()
        rows = sum(
            max(self.week.sizeHintForIndex(model.index(r, c)).height() for c in range(4))
            for r in range(model.rowCount())
        )
        header = self.week.header().sizeHint().height()
        self.week.setFixedHeight(header + rows + 2 * self.week.frameWidth())

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
        """Re-read the plan, the history and the library for today."""
        today = self._today()
        self._shown_day = today
        library = self._library()
        self.overview = None
        error = None
        if self.store is None:
            error = "The history could not be opened: plans and pain cannot be shown or saved."
        else:
            try:
                self.overview = insights.plan_overview(self.store, library, today)
            except StoreError as exc:
                error = str(exc)
        overview = self.overview
        if overview is None or overview.followed.plan is None:
            self._show_no_plan(overview, error)
        else:
            self._show_plan(overview, library)
        self._show_pain(today)
        self._show_advice(today)

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
        if overview is not None:  # Followed, but its file is gone from the library.
            enrolment = overview.followed.enrolment
            self.headline.setText(race_headline(overview.days_to_race, enrolment.race_date))
            self._set(self.plan_line, "")
            self.no_plan.setText(
                f"The plan you follow, '{enrolment.plan_id}', is no longer in your library. "
                "Put its file back, or choose another plan."
            )
            return
        self.headline.setText("No plan yet")
        self._set(self.plan_line, "")
        self.no_plan.setText(
            "Racing soon? Choose a plan and your race date, and this page will show each "
            "day's session, counted back from race day. Or run any circuit from the "
            "Library, and note your morning pain below."
        )

    def _show_plan(self, overview: insights.PlanOverview, library: Library) -> None:
        self.no_plan_box.hide()
        self.plan_box.show()
        followed = overview.followed
        assert followed.plan is not None
        today = overview.today
        self.headline.setText(race_headline(overview.days_to_race, followed.enrolment.race_date))
        current = [p for p in followed.schedule if p.date >= today]
        where = (
            f" \u00b7 {week_name(current[0].weeks_out, current[0].week_label)}" if current else ""
        )
        if overview.days_to_race < 0:
            where = " \u00b7 the race is over: choose a plan for the next one on the Plan page."
        self._set(self.plan_line, f"Plan: {followed.plan.title}{where}")
        self._show_today(overview, library)
        self._show_week(overview, library)
        self.adherence.setText("Adherence: " + adherence_text(overview.progress))

    def _show_today(self, overview: insights.PlanOverview, library: Library) -> None:
        todays = overview.today_sessions
        # The same choice as the window's Start, the Library and `run`.
        found = todays_session(todays)
        nxt = overview.next_session
        after = (
            f"Next: {day_text(nxt.date)}, {self._title(nxt, library)}"
            if nxt
            else "No more plan sessions before the race."
        )
        self.next_plan.setVisible(overview.days_to_race < 0)
        if found is None:
            if todays:
                title, text = "Done for today \u2713", f"Well done. {after}"
            elif overview.days_to_race == 0:
                title, text = "Race today", "No session today. Good luck!"
            elif overview.days_to_race < 0:
                title, text = "Plan finished", "How did it go? Choose a plan for your next race."
            else:
                title, text = "Rest day", f"Rest day. {after}"
            self.session_title.setText(title)
            self._set(self.session_facts, "")
            self._set(self.blocks, "")
            self._set(self.changes, "")
            self._set(self.rest, text)
            self.start.hide()
            self.start.setEnabled(False)
            return
        planned, adjusted = found.planned, found.circuit
        original = library.circuit(planned.circuit_id)
        self.session_title.setText(self._title(planned, library))
        if adjusted is None:
            self._set(
                self.session_facts,
                f"The circuit '{planned.circuit_id}' is no longer in your library.",
            )
            self._set(self.blocks, "")
            self._set(self.changes, "")
            self.start.setEnabled(False)
        else:
            length = session_minutes(planned, original)
            self._set(self.session_facts, f"About {length} min")
            self._set(
                self.blocks,
                " \u00b7 ".join(adjusted.block_title(b) for b in range(len(adjusted.blocks))),
            )
            self._set(self.changes, changes_html(planned, original))
            self.start.setEnabled(True)
        self.start.setAccessibleName(f"Start today's session: {self._title(planned, library)}")
        self.start.show()
        self._set(self.rest, "")

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        # An empty label still takes a line of the column; hide it instead.
        label.setText(text)
        label.setVisible(bool(text))

    def _show_week(self, overview: insights.PlanOverview, library: Library) -> None:
        today = overview.today
        monday = today - timedelta(days=today.weekday())
        sunday = monday + timedelta(days=6)
        self.week.clear()
        for status in overview.progress:
            planned = status.planned
            if not monday <= planned.date <= sunday:
                continue
            shown = shown_status(status, today)
            word, colour = STATUS_LOOK[shown]
            length = session_minutes(planned, library.circuit(planned.circuit_id))
            item = QTreeWidgetItem(
                [
                    day_text(planned.date),
                    self._title(planned, library),
                    f"{length} min" if length is not None else "",
                    word,
                ]
            )
            item.setData(0, STATUS, status.status)
            if colour is not None:
                item.setForeground(3, QBrush(QColor(colour)))
            if planned.date == today:
                font = item.font(0)
                font.setBold(True)
                for column in range(4):
                    item.setFont(column, font)
            self.week.addTopLevelItem(item)
        if self.week.topLevelItemCount() == 0:
            self.week.addTopLevelItem(QTreeWidgetItem(["", "No plan sessions this week", "", ""]))
        self._arrange(self.width())
        self._fit_week()

    def _title(self, planned: PlannedSession, library: Library) -> str:
        circuit: Circuit | None = library.circuit(planned.circuit_id)
        return circuit.title if circuit else planned.circuit_id

    def week_statuses(self) -> list[tuple[str, str, str]]:
        """(day, status, the status as shown) for each session listed this week."""
        return [
            (item.text(0), str(item.data(0, STATUS)), item.text(3))
            for item in tree_items(self.week)
            if item.data(0, STATUS) is not None
        ]

    # -- morning pain ------------------------------------------------------------

    def _show_pain(self, today: date) -> None:
        saved = None
        if self.store is not None:
            try:
                saved = next(
                    (
                        e.value
                        for e in self.store.pain_entries(until=today)
                        if e.date == today and e.kind == "morning"
                    ),
                    None,
                )
            except StoreError as exc:
                self._pain_message(str(exc), error=True)
                return
        for button in self.pain_buttons:
            button.setEnabled(self.store is not None)
        if saved is None:
            # Nothing saved today: no button stays pressed from yesterday.
            self.pain_scale.clear()
            self.save_pain.setEnabled(False)
            self._pain_message("")
        else:
            self.pain_buttons[saved].setChecked(True)
            self.save_pain.setEnabled(False)
            self._pain_message(f"Saved: {saved}/10 this morning")

    def pain_value(self) -> int | None:
        """The pressed pain button's value, or None."""
        value = self.pain_group.checkedId()
        return value if value >= 0 else None

    def _pain_picked(self, level: int, checked: bool) -> None:
        if checked:
            self.save_pain.setEnabled(self.store is not None)
            self._pain_message(f"{level}/10: press Save")

    def save_morning_pain(self) -> None:
        """Save the pressed score as today's morning pain."""
        value = self.pain_value()
        if value is None or self.store is None:
            return
        try:
            self.store.add_pain(self._today(), "morning", value)
        except StoreError as exc:
            self._pain_message(str(exc), error=True)
            return
        self.save_pain.setEnabled(False)
        self._pain_message(f"Saved: {value}/10 this morning")
        self._show_advice(self._today())
        self.pain_saved.emit(value)

    def _show_advice(self, today: date) -> None:
        """The pain-monitoring rule on today's history (the same reading as the CLI's)."""
        if self.store is None:
            self.advice.set_error("The history could not be opened.")
            return
        try:
            _, advice = insights.pain(self.store, today)
        except StoreError as exc:
            self.advice.set_error(str(exc))
            return
        self.advice.set_advice(advice)

    def _pain_message(self, text: str, error: bool = False) -> None:
        self.pain_status.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.pain_status.setText(text)
