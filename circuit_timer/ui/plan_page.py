"""The Plan page: your plan while you follow one; choose a plan and a race date otherwise.

While a plan is followed, the page shows that runner's plan: every session since the
start as done, missed, today, open or upcoming (from ``insights.plan_overview``, as
`circuit-timer plan status` has it), with its dose, the plan's changes and the days to
the race. Choosing another plan or another race date shows what that change would look
like if made today: the chosen plan counted back from the race date, week by week from
the furthest week out to race week, as the format spec's "Plan" section places it.
The chooser is ``plan_chooser``, the table ``plan_tree``, its title and today's reason
``plan_heading``, the words ``core.plan_words``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from circuit_timer.core.library import Library
from circuit_timer.core.model import Plan
from circuit_timer.core.plan_words import (
    NO_PLAN,
    NO_PLANS,
    enrol_words,
    following_text,
    plan_titles,
    preview_title,
    progress_title,
    session_detail,
)
from circuit_timer.core.records import Enrolment
from circuit_timer.core.schedule import PlannedSession, default_race_date, plan_schedule
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.day_watch import DayWatch
from circuit_timer.ui.page_colours import ERROR_COLOUR
from circuit_timer.ui.page_loader import LOADING_TEXT, WAITING_TEXT, PageLoader
from circuit_timer.ui.page_style import scaled_font, set_role
from circuit_timer.ui.plan_acting import PlanActing
from circuit_timer.ui.plan_chooser import PlanChooser
from circuit_timer.ui.plan_heading import PlanHeading
from circuit_timer.ui.plan_ladder import LadderLines, ladder_lines, ladder_text
from circuit_timer.ui.plan_tree import SESSION_INDEX, STATUS, PlanTree

# What the page reads: the active enrolment, where the runner stands in it, and the
# ladder lines of its sessions (ui/plan_ladder.py).
_Read = tuple[Enrolment | None, insights.PlanOverview | None, LadderLines]
# Below this page width the table goes under the chooser instead of beside it.
STACK_BELOW_WIDTH = 900
TREE_MIN_HEIGHT = 360


def _read(store: HistoryStore, library: Library, today: date) -> _Read:
    overview = insights.plan_overview(store, library, today)
    return (
        store.active_enrolment(as_of=today),
        overview,
        ladder_lines(store, library, overview),
    )


class PlanPage(QWidget, PlanActing):
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
        self._day = DayWatch(self, today, self.refresh)
        self.active: Enrolment | None = None
        self.overview: insights.PlanOverview | None = None
        self._ladder: LadderLines = {}  # the ladder lines of the followed plan's sessions
        self.schedule: list[PlannedSession] = []
        # Until the runner picks a race date, it follows the chosen plan's length.
        self._race_picked = False
        # "start" or "stop" while that write is on its way (ui/plan_acting.py).
        self._pending: str | None = None
        self.active_label = QLabel()
        self.active_label.setWordWrap(True)
        self.stop = QPushButton("Stop plan")
        self.choose = QPushButton("Change plan or race date\u2026")
        self.chooser = PlanChooser()
        # The chooser's parts the page reacts to (and tests look at).
        self.plans = self.chooser.plans
        self.calendar = self.chooser.calendar
        self.back = self.chooser.back
        # Side by side when there is room; in a small window the table goes under the
        # chooser (the window scrolls the page) rather than squeezing its columns.
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        # Shown while following only when asked for: the runner's own plan comes first.
        self._choosing = False
        # The schedule's title, and under it today's reason in the body's style.
        self.heading = PlanHeading()
        self.schedule_title = self.heading.title
        self.reason = self.heading.reason
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
        # The history is read off the GUI thread (ui/page_loader.py).
        self._filled = False
        self.loader = PageLoader(store.path, self) if store is not None else None
        if self.loader is not None:
            self.loader.waiting.connect(self._waiting)
            self.loader.failed.connect(self._failed)
        # Start and Stop write off the GUI thread, one at a time (ui/plan_acting.py).
        self.writer = PageLoader(store.path, self, writable=True) if store is not None else None
        if self.writer is not None:
            self.writer.waiting.connect(self._write_locked)
            self.writer.failed.connect(self._write_failed)
        self.refresh()

    def _build(self) -> None:
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.heading)
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
        body.addWidget(self.chooser)
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
        self._day.check()

    def refresh(self) -> None:
        """Re-read the active plan (off the GUI thread) and the library; keep the runner's
        choice where it can. "Loading" or "Waiting" shows until the first read comes."""
        today = self._today()
        self._day.shown = today
        self.message.clear()
        library = self._library()
        if self.loader is None:
            self._say("The history could not be opened, so a plan cannot be started here.")
            self._fill((None, None, {}), library, today)
            return
        if not self._filled:
            self._waiting(LOADING_TEXT)
        self.loader.load(
            lambda store: _read(store, library, today),
            lambda read: self._fill(read, library, today),
        )

    def _waiting(self, text: str) -> None:
        if self._filled:
            self._say(text, error=False)  # what was read last stays till the lock goes
        else:
            set_role(self.active_label, "emptyState")
            self.active_label.setText(text)
            # Nothing to choose from or press until the plan followed is known.
            for part in (self.chooser, self.heading, self.tree, self.detail,
                         self.choose, self.stop, self.enrol):  # fmt: skip
                part.hide()

    def _failed(self, error: str) -> None:
        self._fill((None, None, {}), self._library(), self._today())
        self._say(error)

    def _fill(self, read: _Read, library: Library, today: date) -> None:
        self._filled = True
        for part in (self.heading, self.tree, self.detail):
            part.show()  # the chooser and the buttons show as _preview decides
        self.active, self.overview, self._ladder = read
        if self.message.text() == WAITING_TEXT:
            self.message.clear()  # the lock has gone
        chosen = self.selected_plan_id() or (self.active.plan_id if self.active else None)
        self.chooser.fill(plan_titles(library), chosen)
        self.chooser.set_earliest(today)
        if self.active is not None and not self._race_picked:
            self.chooser.set_race_date(max(self.active.race_date, today), quietly=True)
            self._race_picked = True
        self._show_active(library, today)
        self._plan_chosen()

    def _show_active(self, library: Library, today: date) -> None:
        active = self.active
        self.stop.setEnabled(active is not None and not self._pending)
        self.stop.setVisible(active is not None)
        self.chooser.browse_hint.setVisible(active is not None)
        if active is None:
            set_role(self.active_label, "emptyState")
            self.active_label.setFont(self.font())
            self.active_label.setText(NO_PLAN if self.plans.count() else NO_PLANS)
            return
        plan = library.plan(active.plan_id)
        title = plan.title if plan else f"{active.plan_id} (no longer in your library)"
        set_role(self.active_label, "")
        self.active_label.setFont(scaled_font(self, 1.4, bold=True))
        self.active_label.setText(following_text(title, active.race_date, today))

    def selected_plan_id(self) -> str | None:
        """The id of the plan in the chooser."""
        return self.chooser.selected_plan_id()

    def selected_plan(self) -> Plan | None:
        """The plan in the chooser."""
        plan_id = self.selected_plan_id()
        return self._library().plan(plan_id) if plan_id else None

    def select_plan(self, plan_id: str) -> None:
        """Choose the plan with ``plan_id``."""
        self.chooser.select_plan(plan_id)

    def race_date(self) -> date:
        """The race date picked on the calendar."""
        return self.chooser.race_date()

    def set_race_date(self, day: date) -> None:
        """Pick ``day`` as the race date (as a click on the calendar does)."""
        self.chooser.set_race_date(day)

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
        self.chooser.show_plan(plan)
        if plan is not None and not self._race_picked:
            self.chooser.set_race_date(default_race_date(plan, self._today()), quietly=True)
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
        self.chooser.show_race(race, today)
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
        progress = self.overview.progress if following and self.overview is not None else []
        missed = {p.planned.date for p in progress if p.status == "missed"}
        self.chooser.mark(self.schedule, race, today, missed)
        self._update_buttons(plan, race)

    def _show_followed(self, overview: insights.PlanOverview) -> None:
        followed = overview.followed
        assert followed.plan is not None
        self.schedule = list(followed.schedule)
        title = progress_title(followed.enrolment.started_on, overview.progress, overview.adherence)
        # Today's adapted dose and the rule's reason, in sight without a tooltip.
        self.heading.show_title(title, ladder_text(self._ladder, overview.today))
        enrolment = followed.enrolment
        self.tree.show_progress(followed.plan, overview.progress, enrolment.race_date,
                                enrolment.started_on, overview.today, self._library(),
                                self._ladder)  # fmt: skip

    def _show_preview(self, plan: Plan | None, race: date, today: date) -> None:
        self.schedule = plan_schedule(plan, race, today) if plan is not None else []
        if plan is None:
            self.heading.show_title("No plan chosen: choose one on the left.")
            return
        following = self.active.plan_id if self.active is not None else None
        self.heading.show_title(preview_title(plan, self.schedule, race, following))
        self.tree.show_preview(plan, self.schedule, race, today, self._library())

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        index = item.data(0, SESSION_INDEX) if item is not None else None
        planned = next((p for p in self.schedule if p.index == index), None)
        if planned is None or item is None:
            return
        circuit = self._library().circuit(planned.circuit_id)
        ladder = ladder_text(self._ladder, planned.date) if self.following_shown() else ""
        text = session_detail(planned, circuit, item.text(STATUS))
        self.detail.setText(f"{text}\n{ladder}" if ladder else text)

    def _update_buttons(self, plan: Plan | None, race: date) -> None:
        active = self.active
        followed = (active.plan_id, active.race_date) if active is not None else None
        text, same = enrol_words(followed, plan.id if plan is not None else None, race)
        self.enrol.setText(text)
        self.enrol.setEnabled(
            self.store is not None
            and plan is not None
            and bool(self.schedule)
            and not same
            and not self._pending
        )

    def _say(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.message.setText(text)

    # -- acting (start and stop: ui/plan_acting.py) -----------------------------

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def _changed(self) -> None:
        self.plan_changed.emit()
