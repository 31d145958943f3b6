"""The window's Start of today's plan session: the circuit the progression rule adapts (as
`circuit-timer run` does), with the ladder steps in its origin.

``read_plan_start`` runs on a PageLoader worker with its own read-only store; the steps
go into the journal with the session's start, as `run`'s do.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.today import AdaptedSession, adapted_session, todays_session
from circuit_timer.session.workout import Origin
from circuit_timer.store import insights

if TYPE_CHECKING:
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
    adapted = insights.adapted_plan_session(
        store, library, overview.followed, found, today, as_written
    )
    if adapted is None:
        return PlanStart(found.circuit, origin)
    # The steps go with the session's start into the journal: durable, and never a write
    # on the GUI thread.
    origin = replace(origin, ladder_steps=adapted.steps)
    return PlanStart(adapted.circuit, origin, adapted.steps)
