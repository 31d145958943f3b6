"""Starting and stopping a plan from the Plan page (a mixin of ui/plan_page.py's
PlanPage): each asks first where a plan is followed, and says what it did or why not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from circuit_timer.core.dates import day_text
from circuit_timer.core.library import Library
from circuit_timer.core.model import Plan
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore


class PlanActing:
    """Start and Stop; the page's constructor sets the attributes declared here."""

    store: HistoryStore | None
    _library: Callable[[], Library]
    _today: Callable[[], date]
    _race_picked: bool
    # The page's own methods these reach.
    selected_plan: Callable[[], Plan | None]
    race_date: Callable[[], date]
    refresh: Callable[[], None]
    _say: Callable[..., None]
    _ask: Callable[[str, str], bool]
    _changed: Callable[[], None]

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
            self._say(f"The race date {day_text(race, year=True)} has passed.")
            return
        try:
            active = self.store.active_enrolment(as_of=today)
        except StoreError as exc:
            self._say(str(exc))
            return
        if active is not None:
            old = self._title(active.plan_id)
            question = (
                f"Stop following {old} and start {plan.title} toward a race on "
                f"{day_text(race, year=True)}?\n\n"
                "The sessions you did so far stay in your history."
            )
            if not self._ask("Change plan?", question):
                return
        try:
            self.store.enrol(plan.id, race, today)
        except StoreError as exc:
            self._say(str(exc))
            return
        self._race_picked = True
        self.refresh()
        self._say(f"Following {plan.title} toward {day_text(race, year=True)}.", error=False)
        self._changed()

    def stop_plan(self) -> None:
        """Stop following the active plan after asking; its history is kept."""
        if self.store is None:
            return
        today = self._today()
        try:
            active = self.store.active_enrolment(as_of=today)
        except StoreError as exc:
            self._say(str(exc))
            return
        if active is None:
            return
        question = (
            f"Stop following {self._title(active.plan_id)}?\n\n"
            "The sessions you did stay in your history; the Today page stops showing "
            "plan sessions."
        )
        if not self._ask("Stop plan?", question):
            return
        try:
            self.store.stop_plan(today)
        except StoreError as exc:
            self._say(str(exc))
            return
        self.refresh()
        self._say(f"Stopped following {self._title(active.plan_id)}.", error=False)
        self._changed()
