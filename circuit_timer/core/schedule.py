"""A plan laid out on the calendar from a race date, and how the runner is keeping to it.

Dates follow the format spec's "Plan" section: week ``weeks_out: k`` is the 7 days from
race day - 7k - 6 to race day - 7k, both included; ``day: tue`` is the Tuesday inside that
window and ``days_before_race: n`` is race day - n. A plan started late begins at the
first week whose window has not ended, and sessions already past on the start date are
not scheduled.

Progress follows "History semantics": a planned session is done when a completed session
of its circuit falls on its day or the day after, and missed once that window has passed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.model import WEEKDAYS, Circuit, Plan, Session
from circuit_timer.core.records import SessionRecord

PlanStatus = Literal["done", "missed", "upcoming"]

# A planned session may be done on its day or the day after (History semantics).
GRACE_DAYS = 1


@dataclass(frozen=True)
class PlannedSession:
    """One plan session on its calendar date.

    ``index`` is the session's position in the plan file (weeks and their sessions in
    file order, counted from 0). It does not depend on the race or start date, so it
    stays the same when a late start leaves earlier sessions out.
    """

    date: date
    weeks_out: int
    week_label: str | None
    circuit_id: str
    session: Session
    index: int


@dataclass(frozen=True)
class PlannedStatus:
    """A planned session's status; ``done_by`` is the uuid of the session that did it."""

    planned: PlannedSession
    status: PlanStatus
    done_by: str | None


def week_window(race_date: date, weeks_out: int) -> tuple[date, date]:
    """First and last day (both included) of the week ``weeks_out`` weeks before the race."""
    last = race_date - timedelta(days=7 * weeks_out)
    return last - timedelta(days=6), last


def session_date(session: Session, race_date: date, weeks_out: int) -> date:
    """The calendar day of one plan session."""
    if session.days_before_race is not None:
        return race_date - timedelta(days=session.days_before_race)
    if session.day is None:  # The loader refuses such a file; this guards hand-built plans.
        raise ValueError("a plan session needs 'day' or 'days_before_race'")
    first, _ = week_window(race_date, weeks_out)
    # The window is 7 days, so each weekday occurs in it exactly once.
    offset = (WEEKDAYS.index(session.day) - first.weekday()) % 7
    return first + timedelta(days=offset)


def plan_schedule(plan: Plan, race_date: date, start: date) -> list[PlannedSession]:
    """Every session of ``plan`` from ``start`` on, sorted by date (then plan order)."""
    schedule: list[PlannedSession] = []
    index = 0
    for week in plan.weeks:
        for session in week.sessions:
            day = session_date(session, race_date, week.weeks_out)
            # The loader keeps every session inside its week's window, so dropping days before
            # the start also drops whole weeks that ended before it (the spec's two rules).
            if day >= start:
                schedule.append(
                    PlannedSession(day, week.weeks_out, week.label, session.circuit, session, index)
                )
            index += 1
    schedule.sort(key=lambda p: (p.date, p.index))
    return schedule


def plan_progress(
    schedule: Sequence[PlannedSession], sessions: Sequence[SessionRecord], today: date
) -> list[PlannedStatus]:
    """Each planned session as done, missed or upcoming on ``today``, in schedule order.

    Completed sessions dated after ``today`` are ignored. Planned sessions are matched in
    date order; each takes an unused completed session of its circuit from its day (first
    choice) or the day after, the earliest started one on a tie. One completed session
    satisfies at most one planned session. Because every window is two days long, this
    earliest-first matching marks as many sessions done as any matching could.
    """
    pool: dict[str, list[SessionRecord]] = defaultdict(list)
    for record in sessions:
        if record.status == "completed" and record.local_date <= today:
            pool[record.circuit_id].append(record)
    for records in pool.values():
        records.sort(key=lambda r: (r.local_date, r.started_at, r.uuid))

    used: set[str] = set()
    result: list[PlannedStatus] = []
    for planned in sorted(schedule, key=lambda p: (p.date, p.index)):
        last_day = planned.date + timedelta(days=GRACE_DAYS)
        records = pool.get(planned.circuit_id, [])
        # Bisect to the window so long histories cost little per planned session.
        at = bisect_left(records, planned.date, key=lambda r: r.local_date)
        match = None
        while at < len(records) and records[at].local_date <= last_day:
            if records[at].uuid not in used:
                match = records[at]
                break
            at += 1
        if match is not None:
            used.add(match.uuid)
            result.append(PlannedStatus(planned, "done", match.uuid))
        elif today > last_day:
            result.append(PlannedStatus(planned, "missed", None))
        else:
            result.append(PlannedStatus(planned, "upcoming", None))
    return result


def adherence(progress: Sequence[PlannedStatus]) -> float | None:
    """Share of decided plan sessions that were done: done / (done + missed).

    A session still inside its window (its day or the day after) and not yet done is
    neither done nor missed, so it does not count yet: doing Tuesday's session on
    Wednesday must not show as a dip on Tuesday evening. None until something is decided.
    """
    done = sum(1 for p in progress if p.status == "done")
    missed = sum(1 for p in progress if p.status == "missed")
    if done + missed == 0:
        return None
    return done / (done + missed)


def sessions_on(schedule: Sequence[PlannedSession], day: date) -> list[PlannedSession]:
    """The planned sessions dated ``day``, in schedule order."""
    return [p for p in schedule if p.date == day]


def session_circuit(planned: PlannedSession, circuit: Circuit) -> Circuit:
    """``circuit`` as this planned session runs it: its ``adjust`` and ``scale`` applied."""
    if circuit.id != planned.circuit_id:
        raise ValueError(f"planned session uses circuit '{planned.circuit_id}', not '{circuit.id}'")
    return apply_session(circuit, planned.session)


def days_to_race(race_date: date, today: date) -> int:
    """Days from ``today`` to the race: 0 on race day, negative after it."""
    return (race_date - today).days


def default_race_date(plan: Plan, today: date) -> date:
    """The first Sunday far enough out for the whole plan, a guess until the runner picks."""
    longest = max((w.weeks_out for w in plan.weeks), default=0)
    # The furthest week's window starts 7k + 6 days before the race: that may be today.
    earliest = today + timedelta(days=7 * longest + 6)
    return earliest + timedelta(days=(6 - earliest.weekday()) % 7)
