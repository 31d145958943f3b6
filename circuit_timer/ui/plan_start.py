"""The window's Start of today's plan session: the circuit the progression rule adapts (as
`circuit-timer run` does), and the ladder steps kept with the session once it is saved.

``read_plan_start`` runs on a PageLoader worker with its own read-only store; the steps
are written on the GUI thread's store after the workout's writer has saved the session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.today import AdaptedSession, adapted_session, todays_session
from circuit_timer.session.workout import Origin
from circuit_timer.store import insights
from circuit_timer.store.errors import StoreError

if TYPE_CHECKING:
    from circuit_timer.session.workout import Workout
    from circuit_timer.store.history import HistoryStore


@dataclass(frozen=True)
class PlanStart:
    """What the window runs for today's plan session: the ``circuit`` (adapted, or as the
    plan has it), its ``origin``, and the ladder ``steps`` to record with it (None per
    exercise: as written; empty: the plan has no ladder for it)."""

    circuit: Circuit
    origin: Origin
    steps: dict[str, int | None] = field(default_factory=dict)


def today_adapted(
    store: HistoryStore, library: Library, overview: insights.PlanOverview | None
) -> AdaptedSession | None:
    """Today's plan session as the progression rule runs it, or None (no session left,
    its circuit gone, or a plan without ladders)."""
    if overview is None:
        return None
    found = todays_session(overview.today_sessions)
    plan = overview.followed.plan
    if found is None or found.circuit is None or plan is None or not plan.progression:
        return None
    original = library.circuit(found.planned.circuit_id)
    if original is None:
        return None
    results = insights.progression(store, library, overview.followed, overview.today)
    return adapted_session(plan, found.planned, original, results, library.circuit)


def read_plan_start(
    store: HistoryStore, library: Library, today: date, as_written: bool = False
) -> PlanStart | None:
    """Today's plan session to run (None: nothing left today); with ``as_written`` the
    plan as written, which is recorded as the runner's choice."""
    overview = insights.plan_overview(store, library, today)
    found = todays_session(overview.today_sessions) if overview else None
    if overview is None or found is None or found.circuit is None:
        return None
    entry = library.entries[found.planned.circuit_id]
    origin = Origin(
        circuit_hash=entry.digest,
        plan_id=overview.followed.enrolment.plan_id,
        plan_week=found.planned.weeks_out,
    )
    plan, original = overview.followed.plan, library.circuit(found.planned.circuit_id)
    if plan is None or original is None or not plan.progression:
        return PlanStart(found.circuit, origin)
    results = insights.progression(store, library, overview.followed, today, as_written)
    adapted = adapted_session(plan, found.planned, original, results, library.circuit)
    return PlanStart(adapted.circuit, origin, adapted.steps)


def keep_steps(store: HistoryStore | None, workout: Workout, steps: dict[str, int | None]) -> str:
    """Record the ladder steps with the workout's session once it is in the history; the
    one line to show when they cannot be (else "")."""
    if not steps or store is None or workout.session_uuid is None:
        return ""
    try:
        store.record_ladder_steps(workout.session_uuid, steps)
    except StoreError as exc:
        return f"The session's ladder steps are not recorded: {exc}"
    return ""
