"""Starting and stopping a plan from the Plan page (a mixin of ui/plan_page.py's
PlanPage): each asks first where a plan is followed, and says what it did or why not.

Both write off the GUI thread (ui/page_loader.py's writer): while another program holds
the history the page says so in one line and tries again, and it shows the new plan as
followed (or none) only once the history has it so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton

from circuit_timer.core.dates import day_text
from circuit_timer.core.library import Library
from circuit_timer.core.model import Plan
from circuit_timer.core.records import Enrolment
from circuit_timer.store.history import HistoryStore

if TYPE_CHECKING:
    from circuit_timer.ui.page_loader import PageLoader

NOT_STARTED_YET = "Not started yet: another program is using your history. Trying again\u2026"
NOT_STOPPED_YET = "Not stopped yet: another program is using your history. Trying again\u2026"


class PlanActing:
    """Start and Stop; the page's constructor sets the attributes declared here."""

    store: HistoryStore | None
    writer: PageLoader | None
    active: Enrolment | None
    enrol: QPushButton
    stop: QPushButton
    _library: Callable[[], Library]
    _today: Callable[[], date]
    _race_picked: bool
    # "start" or "stop" while that write is on its way to the history.
    _pending: str | None
    # The page's own methods these reach.
    selected_plan: Callable[[], Plan | None]
    race_date: Callable[[], date]
    refresh: Callable[[], None]
    _say: Callable[..., None]
    _ask: Callable[[str, str], bool]
    _changed: Callable[[], None]
    _preview: Callable[[], None]

    def _title(self, plan_id: str) -> str:
        plan = self._library().plan(plan_id)
        return plan.title if plan else plan_id

    def start_plan(self) -> None:
        """Follow the chosen plan toward the picked date; ask first if one is followed."""
        plan = self.selected_plan()
        if self.store is None or self.writer is None or plan is None or self._pending:
            return
        today, race = self._today(), self.race_date()
        if race < today:  # The calendar refuses these; a stale page might not.
            self._say(f"The race date {day_text(race, year=True)} has passed.")
            return
        # Asked from what the page shows (its last read): no read on the GUI thread.
        active = self.active
        if active is not None:
            old = self._title(active.plan_id)
            question = (
                f"Stop following {old} and start {plan.title} toward a race on "
                f"{day_text(race, year=True)}?\n\n"
                "The sessions you did so far stay in your history."
            )
            if not self._ask("Change plan?", question):
                return
        self._begin("start", f"Starting {plan.title}\u2026")
        plan_id = plan.id
        self.writer.load(
            lambda store: store.enrol(plan_id, race, today),
            lambda _: self._started(plan, race),
        )

    def _started(self, plan: Plan, race: date) -> None:
        self._end()
        self._race_picked = True
        self.refresh()
        self._say(f"Following {plan.title} toward {day_text(race, year=True)}.", error=False)
        self._changed()

    def stop_plan(self) -> None:
        """Stop following the active plan after asking; its history is kept."""
        if self.store is None or self.writer is None or self._pending:
            return
        today = self._today()
        active = self.active
        if active is None:
            return
        title = self._title(active.plan_id)
        question = (
            f"Stop following {title}?\n\n"
            "The sessions you did stay in your history; the Today page stops showing "
            "plan sessions."
        )
        if not self._ask("Stop plan?", question):
            return
        self._begin("stop", f"Stopping {title}\u2026")
        self.writer.load(lambda store: store.stop_plan(today), lambda _: self._stopped(title))

    def _stopped(self, title: str) -> None:
        self._end()
        self.refresh()
        self._say(f"Stopped following {title}.", error=False)
        self._changed()

    def _begin(self, what: str, text: str) -> None:
        """A write is on its way: say so; nothing more to press until it is stored."""
        self._pending = what
        self._say(text, error=False)
        self.enrol.setEnabled(False)
        self.stop.setEnabled(False)

    def _end(self) -> None:
        self._pending = None
        self._preview()  # the buttons as the page stands
        self.stop.setEnabled(self.active is not None)

    def _write_locked(self, _text: str) -> None:
        self._say(NOT_STARTED_YET if self._pending == "start" else NOT_STOPPED_YET)

    def _write_failed(self, text: str) -> None:
        self._end()
        self._say(text)
