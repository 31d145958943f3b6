"""The questions the app asks of the history: streaks, pain, asymmetry, plan progress.

Each reads the store, feeds the pure functions in core, and answers "as of" a day:
entries after that day are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from circuit_timer.core.asymmetry import ExerciseAsymmetry, asymmetry
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.pain import PainAdvice, PainTrend, pain_advice, pain_trend
from circuit_timer.core.records import Enrolment
from circuit_timer.core.schedule import (
    PlannedSession,
    PlannedStatus,
    adherence,
    days_to_race,
    plan_progress,
    plan_schedule,
    session_circuit,
    sessions_on,
)
from circuit_timer.core.streaks import Streaks, compute_streaks, plan_calendar
from circuit_timer.store.history import HistoryStore


@dataclass(frozen=True)
class FollowedPlan:
    """An enrolment with its plan (None if the plan file is gone) and its schedule."""

    enrolment: Enrolment
    plan: Plan | None
    schedule: list[PlannedSession]


@dataclass(frozen=True)
class PlanOverview:
    """Where the runner stands in the active plan."""

    followed: FollowedPlan
    today: date
    days_to_race: int
    progress: list[PlannedStatus]
    adherence: float | None
    today_sessions: list[tuple[PlannedSession, Circuit | None, PlannedStatus | None]]
    next_session: PlannedSession | None


def followed_plans(store_enrolments: list[Enrolment], library: Library) -> list[FollowedPlan]:
    """Every enrolment with its schedule (empty when its plan is no longer in the library)."""
    result = []
    for enrolment in store_enrolments:
        plan = library.plan(enrolment.plan_id)
        schedule = plan_schedule(plan, enrolment.race_date, enrolment.started_on) if plan else []
        result.append(FollowedPlan(enrolment, plan, schedule))
    return result


def streaks(store: HistoryStore, library: Library, today: date) -> Streaks:
    """Streaks as of ``today``, with rest days and weekly targets from the plans followed."""
    plans = followed_plans(store.enrolments(), library)
    calendar = plan_calendar([(f.enrolment, f.schedule) for f in plans]) if plans else None
    return compute_streaks(store.sessions(until=today), today, store.weekly_target(), calendar)


def pain(store: HistoryStore, today: date) -> tuple[PainTrend, PainAdvice]:
    """Morning-pain trend and the pain-monitoring advice for the next session."""
    entries = store.pain_entries(until=today)
    return pain_trend(entries, today), pain_advice(entries, store.sessions(until=today), today)


def sides(store: HistoryStore, today: date) -> list[ExerciseAsymmetry]:
    """Left-right balance per test, the heel-raise test first.

    Only counted sets of tests count (core.asymmetry): a session logged away from the app
    counts only where the runner gave its counts (``log --count``).
    """
    return asymmetry(store.sets(until=today, sided_only=True), today)


def plan_overview(store: HistoryStore, library: Library, today: date) -> PlanOverview | None:
    """The active plan as of ``today``, or None."""
    active = store.active_enrolment(as_of=today)
    if active is None:
        return None
    [followed] = followed_plans([active], library)
    progress = plan_progress(followed.schedule, store.sessions(until=today), today)
    by_index = {p.planned.index: p for p in progress}
    todays = []
    for planned in sessions_on(followed.schedule, today):
        circuit = library.circuit(planned.circuit_id)
        adjusted = session_circuit(planned, circuit) if circuit else None
        todays.append((planned, adjusted, by_index.get(planned.index)))
    upcoming = [p for p in followed.schedule if p.date > today]
    return PlanOverview(
        followed=followed,
        today=today,
        days_to_race=days_to_race(active.race_date, today),
        progress=progress,
        adherence=adherence(progress),
        today_sessions=todays,
        next_session=upcoming[0] if upcoming else None,
    )


def planned_for(
    store: HistoryStore, library: Library, circuit_id: str, day: date
) -> tuple[Enrolment, PlannedSession] | None:
    """The active plan's session of ``circuit_id`` that a session on ``day`` would count for
    (its own day, else the day before), so a logged session records its plan and week."""
    active = store.active_enrolment(as_of=day)
    if active is None:
        return None
    [followed] = followed_plans([active], library)
    for candidate_day in (day, date.fromordinal(day.toordinal() - 1)):
        for planned in sessions_on(followed.schedule, candidate_day):
            if planned.circuit_id == circuit_id:
                return active, planned
    return None
