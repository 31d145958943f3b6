"""The questions the app asks of the history: streaks, pain, asymmetry, plan progress.

Each reads the store, feeds the pure functions in core, and answers "as of" a day:
entries after that day are ignored. A page asks its questions of one ``PageReading``, so
the history is read once per page, not once per question, and only what the answers need
(ten years of daily sessions answer in milliseconds: bench/history.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from circuit_timer.core.asymmetry import ExerciseAsymmetry, asymmetry_of_totals
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.pain import PainAdvice, PainTrend, advice_of, last_session, trend_of_points
from circuit_timer.core.progression import (
    LadderSession,
    ProgressionResult,
    plan_decisions,
    set_reps,
)
from circuit_timer.core.records import Enrolment, SessionRecord
from circuit_timer.core.schedule import (
    GRACE_DAYS,
    PlannedSession,
    PlannedStatus,
    adherence,
    days_to_race,
    plan_progress,
    plan_schedule,
    session_circuit,
    sessions_on,
)
from circuit_timer.core.streaks import Streaks, plan_calendar, streaks_of_days
from circuit_timer.core.today import AdaptedSession, TodaysSession, adapted_session
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.plans import active_of


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


class PageReading:
    """The history questions one page (or command) asks on one day: each thing read at
    most once, and only as much of the history as the answers need.

    A page that lists every session asks for ``sessions()`` first; streaks, pain and plan
    progress are then answered from them without reading the sessions again. Make one per
    refresh and drop it: it keeps what it read, so it is as fresh as its first question.
    The module's functions are each one question of a fresh reading.
    """

    def __init__(self, store: HistoryStore, today: date) -> None:
        self.store = store
        self.today = today
        self._sessions: list[SessionRecord] | None = None
        self._per_day: dict[date, int] | None = None
        self._enrolments: list[Enrolment] | None = None
        self._morning: list[tuple[date, int]] | None = None
        self._set_counts: dict[str, tuple[int, int]] | None = None

    def sessions(self) -> list[SessionRecord]:
        """Every session (the history list), by date and start time."""
        if self._sessions is None:
            self._sessions = self.store.sessions()
        return self._sessions

    def set_counts(self) -> dict[str, tuple[int, int]]:
        """Per session uuid: (sets recorded, reps done)."""
        if self._set_counts is None:
            self._set_counts = self.store.set_counts()
        return self._set_counts

    def completed_per_day(self) -> dict[date, int]:
        """Completed sessions per date up to today, from the sessions if already read."""
        if self._per_day is None:
            if self._sessions is None:
                self._per_day = self.store.completed_per_day(until=self.today)
            else:
                counts: Counter[date] = Counter(
                    s.local_date
                    for s in self._sessions
                    if s.status == "completed" and s.local_date <= self.today
                )
                self._per_day = dict(sorted(counts.items()))
        return self._per_day

    def completed_days(self) -> list[date]:
        """The date of each completed session up to today, oldest first."""
        return [d for d, n in self.completed_per_day().items() for _ in range(n)]

    def enrolments(self) -> list[Enrolment]:
        """Every plan enrolment, oldest first."""
        if self._enrolments is None:
            self._enrolments = self.store.enrolments()
        return self._enrolments

    def streaks(self, library: Library) -> Streaks:
        """Streaks as of today, with rest days and weekly targets from the plans followed."""
        plans = followed_plans(self.enrolments(), library)
        calendar = plan_calendar([(f.enrolment, f.schedule) for f in plans]) if plans else None
        return streaks_of_days(
            self.completed_per_day(), self.today, self.store.weekly_target(), calendar
        )

    def morning_pain(self) -> list[tuple[date, int]]:
        """First-step morning pain up to today, one score per date."""
        if self._morning is None:
            self._morning = self.store.morning_pain(until=self.today)
        return self._morning

    def pain(self) -> tuple[PainTrend, PainAdvice]:
        """Morning-pain trend and the pain-monitoring advice for the next session."""
        points = self.morning_pain()
        if self._sessions is None:
            last = last_session(self.store.last_day_sessions(until=self.today))
        else:
            last = last_session([s for s in self._sessions if s.local_date <= self.today])
        entries = self.store.pain_on(last.local_date) if last else []
        return trend_of_points(points), advice_of(points, last, entries)

    def sides(self) -> list[ExerciseAsymmetry]:
        """Left-right balance per test, the heel-raise test first.

        Only counted sets of tests count (core.asymmetry): a session logged away from the
        app counts only where the runner gave its counts (``log --count``). Read from the
        per-session, per-side totals the store keeps, not from every set.
        """
        totals, names = self.store.side_totals(until=self.today)
        return asymmetry_of_totals(totals, names)

    def plan_overview(self, library: Library) -> PlanOverview | None:
        """The active plan as of today, or None."""
        today = self.today
        active = active_of(self.enrolments(), today)
        if active is None:
            return None
        [followed] = followed_plans([active], library)
        progress = plan_progress(followed.schedule, self._plan_window(followed.schedule), today)
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

    def _plan_window(self, schedule: list[PlannedSession]) -> list[SessionRecord]:
        """The completed sessions that could count for ``schedule``: those from its first
        day to its last day's grace day (and not after today); no other can match."""
        if not schedule:
            return []
        first = min(p.date for p in schedule)
        last = min(max(p.date for p in schedule) + timedelta(days=GRACE_DAYS), self.today)
        if first > last:
            return []
        if self._sessions is not None:
            return [s for s in self._sessions if first <= s.local_date <= last]
        return self.store.sessions(since=first, until=last, status="completed")


def streaks(store: HistoryStore, library: Library, today: date) -> Streaks:
    """Streaks as of ``today``, with rest days and weekly targets from the plans followed."""
    return PageReading(store, today).streaks(library)


def pain(store: HistoryStore, today: date) -> tuple[PainTrend, PainAdvice]:
    """Morning-pain trend and the pain-monitoring advice for the next session."""
    return PageReading(store, today).pain()


def sides(store: HistoryStore, today: date) -> list[ExerciseAsymmetry]:
    """Left-right balance per test, the heel-raise test first (``PageReading.sides``)."""
    return PageReading(store, today).sides()


def plan_overview(store: HistoryStore, library: Library, today: date) -> PlanOverview | None:
    """The active plan as of ``today``, or None."""
    return PageReading(store, today).plan_overview(library)


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


def ladder_histories(
    store: HistoryStore, plan_id: str, since: date, until: date
) -> dict[str, list[LadderSession]]:
    """Per laddered exercise, its sessions of ``plan_id`` from ``since`` to ``until`` as the
    progression rule reads them: the step each prescribed, each set's reps prescribed and
    done, the pain scores. Partial sessions come with ``completed`` False: the rule leaves
    them out. Sessions that recorded no step (from before, or imported) are not there."""
    steps = store.ladder_steps(plan_id, since, until)
    if not steps:
        return {}
    records = {s.uuid: s for s in store.sessions(since=since, until=until)}
    histories: dict[str, list[LadderSession]] = {}
    for uid, by_exercise in steps.items():
        record = records.get(uid)
        if record is None:
            continue
        sets = store.sets(session_uuid=uid)
        for exercise_id, step in by_exercise.items():
            histories.setdefault(exercise_id, []).append(
                LadderSession(
                    record.local_date,
                    step,
                    set_reps(sets, exercise_id),
                    completed=record.status == "completed",
                    pain_during=record.pain_during,
                    pain_after=record.pain_after,
                )
            )
    return histories


def progression(
    store: HistoryStore,
    library: Library,
    followed: FollowedPlan,
    today: date,
    as_written: bool = False,
) -> list[ProgressionResult]:
    """The progression rule's decision for each ladder of the followed plan on ``today``
    (empty when the plan has none, or is gone)."""
    plan = followed.plan
    if plan is None or not plan.progression:
        return []
    enrolment = followed.enrolment
    histories = ladder_histories(store, enrolment.plan_id, enrolment.started_on, today)
    advice = pain(store, today)[1]
    return plan_decisions(
        plan, library.circuit, histories, advice, today, enrolment.race_date, as_written
    )


def adapted_plan_session(
    store: HistoryStore,
    library: Library,
    followed: FollowedPlan,
    found: TodaysSession,
    today: date,
    as_written: bool = False,
) -> AdaptedSession | None:
    """Today's plan session ``found`` as the progression rule adapts it (or as written, the
    choice recorded); None when its plan has no ladder or its circuit is gone. One answer
    for `run` and the window's Start."""
    plan, original = followed.plan, library.circuit(found.planned.circuit_id)
    if plan is None or original is None or not plan.progression:
        return None
    results = progression(store, library, followed, today, as_written)
    return adapted_session(plan, found.planned, original, results, library.circuit)
