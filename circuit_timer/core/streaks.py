"""Streaks and the calendar heatmap, counted on the runner's local dates.

Only ``completed`` sessions dated on or before ``today`` count; ``partial`` ones show in
history (and in ``partial_days``) and count toward nothing here.

Week streak (ISO weeks, Monday to Sunday):

- A week's target: if any day of it is a plan-active day, the number of plan sessions
  scheduled in that week (on active days; it may be 0); otherwise ``default_target``.
- A week is *met* when its completed sessions reach the target and number at least
  one (two on one day count as two). A met week extends the streak.
- A week with target 0 and no session is neutral: it neither breaks nor extends.
- The current week (the one holding ``today``) extends the streak once met and is
  neutral until then: it cannot break the streak before it is over.
- Any other week below its target breaks the streak.
- ``Streaks.weekly_target`` is the current week's target.

Day streak (the format spec's history semantics):

- A day with at least one completed session extends the streak by 1; the streak counts
  session days only.
- Neutral days neither extend nor break it: today (it is not over), and a plan-active
  day on which the plan schedules no session (a rest day of the plan).
- A plan-active day with a plan session and no completed session breaks it.
- Off a plan, one day without a session between two session days keeps the run (the
  circuits say "every second day"); a second such day in a row ends it. Neutral days
  between them do not separate them.

Both streaks are counted from the first completed session onwards: nothing before it can
extend a streak. ``longest_*`` is the longest run anywhere in that history, so it is at
least the current one. ``sessions_total`` is the number of completed sessions.

Dates are handled as ordinals (whole numbers) and each day or week of the history is
visited once, so ten years of daily sessions take a few milliseconds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from circuit_timer.core.records import Enrolment, SessionRecord, SessionStatus
from circuit_timer.core.schedule import PlannedSession

# Off a plan, this many days in a row without a session end the day streak.
DAY_STREAK_MAX_REST = 2


@dataclass(frozen=True)
class Streaks:
    """Week and day streaks, their longest runs, and the number of completed sessions."""

    weekly_target: int
    current_weeks: int
    longest_weeks: int
    current_days: int
    longest_days: int
    sessions_total: int


@dataclass(frozen=True)
class PlanCalendar:
    """Days a plan was being followed, and how many plan sessions each of them has.

    ``scheduled`` holds only days with at least one session; a day in ``active_days``
    missing from it is a plan rest day.
    """

    active_days: frozenset[date] = frozenset()
    scheduled: Mapping[date, int] = field(default_factory=dict)


def plan_calendar(
    enrolments: Sequence[tuple[Enrolment, list[PlannedSession]]],
) -> PlanCalendar:
    """The calendar of every enrolment with its schedule.

    Pass each schedule whole, including days after today: the current week's target
    counts the sessions still to come in it. A planned session counts only on a day its
    enrolment was active, so a replaced plan stops counting on the day it was replaced.
    """
    active: set[date] = set()
    scheduled: Counter[date] = Counter()
    for enrolment, schedule in enrolments:
        last = enrolment.race_date
        if enrolment.ended_on is not None:
            last = min(last, enrolment.ended_on - timedelta(days=1))
        day = enrolment.started_on
        while day <= last:
            active.add(day)
            day += timedelta(days=1)
        for planned in schedule:
            if enrolment.active_on(planned.date):
                scheduled[planned.date] += 1
    return PlanCalendar(frozenset(active), dict(scheduled))


def _week(ordinal: int) -> int:
    """ISO week number counted from 0001-01-01, which is a Monday (ordinal 1)."""
    return (ordinal - 1) // 7


def _counts(
    sessions: Sequence[SessionRecord], status: SessionStatus, first: date, last: date
) -> dict[date, int]:
    counts: Counter[date] = Counter(
        s.local_date for s in sessions if s.status == status and first <= s.local_date <= last
    )
    return dict(counts)


def compute_streaks(
    sessions: Sequence[SessionRecord],
    today: date,
    default_target: int = 3,
    plan: PlanCalendar | None = None,
) -> Streaks:
    """Week and day streaks on ``today``, by the rules in this module's docstring."""
    per_day = Counter(s.local_date for s in sessions if s.status == "completed")
    return streaks_of_days(per_day, today, default_target, plan)


def streaks_of_days(
    completed_per_day: Mapping[date, int],
    today: date,
    default_target: int = 3,
    plan: PlanCalendar | None = None,
) -> Streaks:
    """``compute_streaks`` from the number of completed sessions on each date (days after
    ``today`` are ignored): all the streaks need, so a store can count them for it."""
    if plan is None:
        plan = PlanCalendar()
    # Plain dicts read with .get: a Counter's missing key costs a Python call, and the day
    # loop below asks about every day of the history.
    done = {d.toordinal(): n for d, n in completed_per_day.items() if n > 0 and d <= today}
    active = {d.toordinal() for d in plan.active_days}
    # Only plan sessions on active days count, even in a hand-built calendar.
    scheduled = {
        d.toordinal(): n for d, n in plan.scheduled.items() if n > 0 and d.toordinal() in active
    }
    active_weeks = {_week(d) for d in active}
    week_scheduled: Counter[int] = Counter()
    for day, n in scheduled.items():
        week_scheduled[_week(day)] += n

    def target(week: int) -> int:
        return week_scheduled[week] if week in active_weeks else default_target

    today_n = today.toordinal()
    this_week = _week(today_n)
    if not done:
        return Streaks(target(this_week), 0, 0, 0, 0, 0)

    week_done: dict[int, int] = {}
    for day, n in done.items():
        week = _week(day)
        week_done[week] = week_done.get(week, 0) + n
    run = longest_weeks = 0
    for week in range(_week(min(done)), this_week + 1):
        goal, count = target(week), week_done.get(week, 0)
        if count >= max(goal, 1):
            run += 1
            if run > longest_weeks:
                longest_weeks = run
        elif (goal == 0 and count == 0) or week == this_week:
            continue  # Neutral: a plan week with nothing planned, or the week under way.
        else:
            run = 0
    current_weeks = run

    run = longest_days = 0
    rest_days = 0  # Days off the plan without a session since the last session day.
    for day in range(min(done), today_n + 1):
        if day in done:
            run += 1
            if run > longest_days:
                longest_days = run
            rest_days = 0
        elif day == today_n or (day in active and day not in scheduled):
            continue  # Neutral: today is not over; a plan rest day is part of the plan.
        elif day in active:
            run = rest_days = 0  # A plan session day went by without a session.
        else:
            rest_days += 1
            if rest_days >= DAY_STREAK_MAX_REST:
                run = 0

    return Streaks(
        weekly_target=target(this_week),
        current_weeks=current_weeks,
        longest_weeks=longest_weeks,
        current_days=run,
        longest_days=longest_days,
        sessions_total=sum(done.values()),
    )


def heatmap_start(today: date, weeks: int = 52) -> date:
    """The Monday that starts the heatmap: ``weeks`` ISO weeks ending with today's week."""
    if weeks < 1:
        raise ValueError(f"a heatmap needs at least 1 week; got {weeks}")
    return today - timedelta(days=today.weekday() + 7 * (weeks - 1))


def heatmap(sessions: Sequence[SessionRecord], today: date, weeks: int = 52) -> dict[date, int]:
    """Completed sessions per local date over the last ``weeks`` ISO weeks, up to today.

    Days without a session are left out.
    """
    return _counts(sessions, "completed", heatmap_start(today, weeks), today)


def partial_days(
    sessions: Sequence[SessionRecord], today: date, weeks: int = 52
) -> dict[date, int]:
    """Partial sessions per local date, over the same window as ``heatmap``."""
    return _counts(sessions, "partial", heatmap_start(today, weeks), today)
