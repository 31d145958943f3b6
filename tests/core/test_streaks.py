"""Week and day streaks, the plan calendar and the heatmap, rule by rule.

March 2026 for reference: Mondays are the 2nd, 9th, 16th, 23rd and 30th.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from circuit_timer.core.library import load_library
from circuit_timer.core.model import Plan
from circuit_timer.core.records import Enrolment, SessionRecord, SessionStatus
from circuit_timer.core.schedule import plan_schedule
from circuit_timer.core.streaks import (
    PlanCalendar,
    Streaks,
    compute_streaks,
    heatmap,
    partial_days,
    plan_calendar,
    streaks_of_days,
)
from circuit_timer.files import paths

_count = 0


def session(day: date, status: SessionStatus = "completed") -> SessionRecord:
    global _count
    _count += 1
    return SessionRecord(
        uuid=f"s{_count}",
        circuit_id="c",
        local_date=day,
        status=status,
        started_at=datetime.combine(day, time(7), tzinfo=UTC),
    )


def on(*days: date) -> list[SessionRecord]:
    return [session(d) for d in days]


def mar(day: int) -> date:
    return date(2026, 3, day)


def weeks(s: Streaks) -> tuple[int, int, int]:
    return (s.weekly_target, s.current_weeks, s.longest_weeks)


def days(s: Streaks) -> tuple[int, int]:
    return (s.current_days, s.longest_days)


# --- weeks without a plan (default target 3) --------------------------------------


def test_met_weeks_extend_and_the_current_week_is_neutral_until_met() -> None:
    history = on(mar(2), mar(4), mar(8), mar(9), mar(11), mar(11), mar(17))
    # Mar 2-8: 3; Mar 9-15: 3 (two on the 11th count as two); Mar 16-22: 1 so far.
    assert weeks(compute_streaks(history, today=mar(18))) == (3, 2, 2)
    # Two more on the 18th meet this week's target too.
    more = [*history, *on(mar(18), mar(18))]
    assert weeks(compute_streaks(more, today=mar(18))) == (3, 3, 3)


def test_sunday_belongs_to_its_week_and_monday_starts_the_next() -> None:
    history = on(mar(6), mar(7), mar(8), mar(9), mar(10))
    # Sunday Mar 8 is the third session of Mar 2-8; Mar 9-15 has only 2 and is over.
    s = compute_streaks(history, today=mar(16))
    assert weeks(s) == (3, 0, 1)
    # A third session on Sunday Mar 15 meets Mar 9-15; Monday Mar 16 is the new,
    # still neutral week.
    s = compute_streaks([*history, *on(mar(15))], today=mar(16))
    assert weeks(s) == (3, 2, 2)
    # Mar 16-22 ended with nothing: the streak breaks, the longest stays.
    s = compute_streaks([*history, *on(mar(15))], today=mar(23))
    assert weeks(s) == (3, 0, 2)


def test_iso_week_53_spans_the_new_year() -> None:
    assert date(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    assert date(2027, 1, 3).isocalendar()[:2] == (2026, 53)
    week52 = on(date(2026, 12, 21), date(2026, 12, 23), date(2026, 12, 27))
    week53 = on(date(2026, 12, 28), date(2026, 12, 31), date(2027, 1, 2))
    week1 = on(date(2027, 1, 4), date(2027, 1, 6), date(2027, 1, 10))
    today = date(2027, 1, 11)  # Monday of 2027's week 2
    assert weeks(compute_streaks(week52 + week53 + week1, today)) == (3, 3, 3)
    # Without Jan 2, week 53 has 2 of 3 and breaks the streak.
    short53 = week53[:2]
    assert weeks(compute_streaks(week52 + short53 + week1, today)) == (3, 1, 1)


def test_partial_sessions_count_toward_nothing() -> None:
    history = [
        *on(mar(2), mar(3)),
        session(mar(4), "partial"),
        session(mar(5), "partial"),
    ]
    s = compute_streaks(history, today=mar(9))
    assert weeks(s) == (3, 0, 0)  # 2 completed of 3
    assert days(s) == (0, 2)  # Mar 4 and 5 (partial only) were two rest days in a row
    assert s.sessions_total == 2


def test_sessions_after_today_are_ignored() -> None:
    history = on(mar(2), mar(3), mar(4), mar(10))
    s = compute_streaks(history, today=mar(9))
    assert s.sessions_total == 3
    assert days(s) == (0, 3)
    assert weeks(s) == (3, 1, 1)


def test_no_sessions() -> None:
    assert compute_streaks([], today=mar(9)) == Streaks(3, 0, 0, 0, 0, 0)
    assert compute_streaks([session(mar(2), "partial")], today=mar(9), default_target=4) == Streaks(
        4, 0, 0, 0, 0, 0
    )


def test_default_target_setting() -> None:
    history = on(mar(2), mar(4), mar(9), mar(11))
    assert weeks(compute_streaks(history, today=mar(16))) == (3, 0, 0)
    assert weeks(compute_streaks(history, today=mar(16), default_target=2)) == (2, 2, 2)


# --- days without a plan ------------------------------------------------------------


def test_day_streak_one_rest_day_keeps_it_two_end_it_and_today_is_neutral() -> None:
    history = on(mar(1), mar(2), mar(3), mar(4), mar(5), mar(7), mar(8))
    # Mar 6, one rest day between two session days, keeps the run; it counts session days.
    s = compute_streaks(history, today=mar(9))
    assert days(s) == (7, 7)
    # Today with a session extends it.
    s = compute_streaks([*history, *on(mar(9))], today=mar(9))
    assert days(s) == (8, 8)
    # Once today is over, the empty Mar 9 is one rest day: kept while Mar 10 is today.
    s = compute_streaks(history, today=mar(10))
    assert days(s) == (7, 7)
    # Mar 9 and 10, two rest days in a row, end it.
    s = compute_streaks(history, today=mar(11))
    assert days(s) == (0, 7)


@pytest.mark.parametrize(
    ("session_days", "today", "expected"),
    [
        ([1, 3, 5, 7], 8, (4, 4)),  # every second day: the circuits' prescription
        ([1, 3, 5, 7], 9, (4, 4)),  # Mar 8 a rest day, Mar 9 today
        ([1, 3, 5, 7], 10, (0, 4)),  # Mar 8 and 9 in a row
        ([1, 2, 5, 6], 6, (2, 2)),  # Mar 3 and 4 in a row broke the first run
        ([1, 4], 5, (1, 1)),  # two rest days between
        ([1, 3, 6, 8], 8, (2, 2)),  # Mar 4-5 broke it; Mar 7 alone did not
        ([5], 5, (1, 1)),
        ([5], 6, (1, 1)),  # today without a session breaks nothing
        ([5], 7, (1, 1)),  # one rest day
        ([5], 8, (0, 1)),
    ],
)
def test_day_streak_without_a_plan_table(
    session_days: list[int], today: int, expected: tuple[int, int]
) -> None:
    s = compute_streaks(on(*(mar(d) for d in session_days)), today=mar(today))
    assert days(s) == expected


def test_two_sessions_a_day_extend_the_day_streak_once() -> None:
    s = compute_streaks(on(mar(2), mar(2), mar(3)), today=mar(3))
    assert days(s) == (2, 2)
    assert s.sessions_total == 3


def test_longest_is_found_before_and_after_a_break() -> None:
    history = on(mar(1), mar(2), mar(5), mar(6), mar(7), mar(8))
    s = compute_streaks(history, today=mar(8))
    assert days(s) == (4, 4)
    history = on(mar(1), mar(2), mar(3), mar(6), mar(7))
    assert days(compute_streaks(history, today=mar(8))) == (2, 3)


# --- with a plan --------------------------------------------------------------------

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
PF = LIBRARY.plan("pf-crash-course-4-weeks")
RACE = date(2026, 5, 31)  # a Sunday: plan weeks are ISO weeks


def pf_calendar(start: date) -> PlanCalendar:
    assert PF is not None
    enrolment = Enrolment("e1", PF.id, RACE, start)
    return plan_calendar([(enrolment, plan_schedule(PF, RACE, start))])


# Scheduled every second day: Apr 29, May 1, 3, 6, 8, 10, 13, 15, 17, 20, 22, 24, 28.
PF_DAYS = [date(2026, 4, 29), date(2026, 5, 1), date(2026, 5, 3)] + [
    date(2026, 5, d) for d in (6, 8, 10, 13, 15, 17, 20, 22, 24, 28)
]
# The plan's left-right checks (heel-raise-test): 33 and 19 days out.
PF_CHECKS = [date(2026, 4, 28), date(2026, 5, 12)]


def test_plan_rest_days_do_not_break_the_day_streak() -> None:
    cal = pf_calendar(date(2026, 4, 27))
    history = on(*PF_DAYS[:3])  # Apr 29, May 1, May 3; rest days between
    assert days(compute_streaks(history, date(2026, 5, 4), plan=cal)) == (3, 3)
    # Without the plan, Apr 30 and May 2 are single rest days: kept too.
    assert days(compute_streaks(history, date(2026, 5, 4))) == (3, 3)
    # With the plan, its rest days May 4 and 5 in a row break nothing; without it they do.
    assert days(compute_streaks(history, date(2026, 5, 6), plan=cal)) == (3, 3)
    assert days(compute_streaks(history, date(2026, 5, 6))) == (0, 3)
    # A scheduled day without a session (May 6) breaks it.
    assert days(compute_streaks(history, date(2026, 5, 7), plan=cal)) == (0, 3)
    # Doing it the day after still breaks the day streak (the plan counts it done).
    late = [*history, *on(date(2026, 5, 7))]
    assert days(compute_streaks(late, date(2026, 5, 7), plan=cal)) == (1, 3)


def test_whole_plan_followed_race_week_target_is_the_plan_count() -> None:
    cal = pf_calendar(date(2026, 4, 27))
    s = compute_streaks(on(*PF_DAYS, *PF_CHECKS), date(2026, 5, 28), plan=cal)
    # Weeks Apr 27 and May 11 have 4 each (3 and a check), May 4 and 18 have 3; race week
    # May 25-31 has 1.
    assert weeks(s) == (1, 5, 5)
    assert days(s) == (15, 15)
    assert s.sessions_total == 15
    # Before the race-week session, the week is neutral, not broken.
    s = compute_streaks(on(*PF_DAYS[:-1], *PF_CHECKS), date(2026, 5, 27), plan=cal)
    assert weeks(s) == (1, 4, 4)


def test_a_week_partly_on_the_plan_uses_the_plan_count() -> None:
    # Enrolled on Thursday Apr 30: Apr 29 is past, so Apr 27 - May 3 has 2 sessions.
    cal = pf_calendar(date(2026, 4, 30))
    history = on(date(2026, 4, 20), date(2026, 4, 22), date(2026, 4, 24))  # default 3
    history += on(date(2026, 5, 1), date(2026, 5, 3))
    assert weeks(compute_streaks(history, date(2026, 5, 4), plan=cal)) == (3, 2, 2)
    # Without the plan, 2 of 3 breaks it.
    assert weeks(compute_streaks(history, date(2026, 5, 4))) == (3, 0, 1)


def rest_week_plan() -> Plan:
    """Week 2: mon and wed; week 1: nothing planned; week 0: mon."""
    return Plan.model_validate(
        {
            "id": "p",
            "title": "P",
            "weeks": [
                {
                    "weeks_out": 2,
                    "sessions": [{"day": "mon", "circuit": "c"}, {"day": "wed", "circuit": "c"}],
                },
                {"weeks_out": 1, "sessions": []},
                {"weeks_out": 0, "sessions": [{"day": "mon", "circuit": "c"}]},
            ],
        }
    )


def rest_week_calendar() -> PlanCalendar:
    race = mar(29)  # Sunday; weeks: Mar 9-15, Mar 16-22, Mar 23-29
    schedule = plan_schedule(rest_week_plan(), race, mar(9))
    return plan_calendar([(Enrolment("e", "p", race, mar(9)), schedule)])


def test_a_plan_week_with_nothing_planned_is_neutral_or_met() -> None:
    cal = rest_week_calendar()
    history = on(mar(9), mar(11), mar(23))
    s = compute_streaks(history, mar(30), plan=cal)
    # Mar 9-15 met (2 of 2), Mar 16-22 neutral (0 planned, 0 done), Mar 23-29 met
    # (1 of 1); Mar 30 is past the race: default target, and this week is neutral.
    assert weeks(s) == (3, 2, 2)
    # A session in the empty week meets it.
    s = compute_streaks([*history, *on(mar(18))], mar(30), plan=cal)
    assert weeks(s) == (3, 3, 3)
    # The current week with nothing planned is reported with target 0.
    assert compute_streaks(history, mar(18), plan=cal).weekly_target == 0


def test_days_across_a_plan_with_a_rest_week() -> None:
    cal = rest_week_calendar()
    history = on(mar(9), mar(11), mar(23))
    # Mar 10 and Mar 12-22 are plan rest days; Mar 24-29 too (race day included);
    # Mar 30 is today.
    assert days(compute_streaks(history, mar(30), plan=cal)) == (3, 3)
    # Mar 30 is over and off the plan: one rest day keeps the streak, two end it.
    assert days(compute_streaks(history, mar(31), plan=cal)) == (3, 3)
    assert days(compute_streaks(history, date(2026, 4, 1), plan=cal)) == (0, 3)


def test_plan_calendar_of_a_replaced_enrolment() -> None:
    plan = rest_week_plan()
    # First enrolment: race Mar 29, started Mar 9, replaced on Mar 16.
    old = Enrolment("a", "p", mar(29), mar(9), ended_on=mar(16))
    # Second: race Apr 5, started Mar 16 (weeks Mar 16-22, 23-29, Mar 30-Apr 5).
    new = Enrolment("b", "p", date(2026, 4, 5), mar(16))
    cal = plan_calendar(
        [
            (old, plan_schedule(plan, mar(29), mar(9))),  # Mar 9, 11, 23
            (new, plan_schedule(plan, date(2026, 4, 5), mar(16))),  # Mar 16, 18, 30
        ]
    )
    first, last = mar(9), date(2026, 4, 5)
    assert cal.active_days == frozenset(
        first + timedelta(days=n) for n in range((last - first).days + 1)
    )
    # The old plan's Mar 23 session fell after it was replaced: it does not count.
    assert dict(cal.scheduled) == {mar(9): 1, mar(11): 1, mar(16): 1, mar(18): 1, mar(30): 1}


def test_plan_calendar_stops_at_race_day() -> None:
    enrolment = Enrolment("a", "p", mar(29), mar(23))
    cal = plan_calendar([(enrolment, plan_schedule(rest_week_plan(), mar(29), mar(23)))])
    assert min(cal.active_days) == mar(23)
    assert max(cal.active_days) == mar(29)
    assert len(cal.active_days) == 7
    assert dict(cal.scheduled) == {mar(23): 1}


def test_scheduled_days_off_the_plan_are_ignored_in_a_hand_built_calendar() -> None:
    # Mon Mar 2 is a plan rest day; Tue Mar 3 is "scheduled" but not a plan day, so the
    # week's target is 0 (neutral when empty), not 1 (broken when empty).
    cal = PlanCalendar(active_days=frozenset({mar(2)}), scheduled={mar(3): 1})
    history = on(date(2026, 2, 23), date(2026, 2, 24), date(2026, 2, 25))
    history += on(mar(9), mar(10), mar(11))
    assert weeks(compute_streaks(history, mar(16), plan=cal)) == (3, 2, 2)
    # Made a plan day, Mar 3 gives the week a target of 1, and the empty week breaks.
    cal = PlanCalendar(active_days=frozenset({mar(2), mar(3)}), scheduled={mar(3): 1})
    assert weeks(compute_streaks(history, mar(16), plan=cal)) == (3, 1, 1)


# --- size ---------------------------------------------------------------------------


def test_ten_years_of_daily_sessions() -> None:
    first = date(2016, 1, 1)  # a Friday: its ISO week has Fri-Sun, 3 sessions
    history = on(*(first + timedelta(days=n) for n in range(3650)))
    today = date(2025, 12, 28)  # the 3650th day, a Sunday
    assert history[-1].local_date == today
    s = compute_streaks(history, today)
    # ISO weeks from Mon 2015-12-28 to Mon 2025-12-22: (3653 - 6) / 7 + 1 = 522.
    assert s == Streaks(3, 522, 522, 3650, 3650, 3650)


# --- heatmap ------------------------------------------------------------------------


def test_heatmap_covers_whole_weeks_up_to_today() -> None:
    history = [
        *on(mar(8), mar(9), mar(11), mar(11), mar(18), mar(19)),
        session(mar(10), "partial"),
        session(mar(8), "partial"),
    ]
    # Two weeks ending with today's week: Mon Mar 9 .. today (Wed Mar 18).
    assert heatmap(history, mar(18), weeks=2) == {mar(9): 1, mar(11): 2, mar(18): 1}
    assert partial_days(history, mar(18), weeks=2) == {mar(10): 1}


def test_heatmap_default_is_52_weeks() -> None:
    # Today Wed 2026-03-18; its week starts Mon Mar 16; 51 weeks before: Mon 2025-03-24.
    history = on(date(2025, 3, 23), date(2025, 3, 24), mar(18))
    assert heatmap(history, mar(18)) == {date(2025, 3, 24): 1, mar(18): 1}


def test_heatmap_needs_a_week() -> None:
    with pytest.raises(ValueError):
        heatmap([], mar(18), weeks=0)


def test_streaks_from_counts_per_day_equal_those_from_the_sessions() -> None:
    days = [date(2026, 3, 2) + timedelta(days=n) for n in range(40) if n % 3 != 2 or n % 7 == 0]
    sessions = [session(d) for d in days] + [session(days[4])]  # two on one day
    sessions += [session(date(2026, 3, 5), "partial"), session(date(2026, 5, 1))]
    per_day: dict[date, int] = {}
    for s in sessions:
        if s.status == "completed":
            per_day[s.local_date] = per_day.get(s.local_date, 0) + 1
    today = date(2026, 4, 8)
    plan = PlanCalendar(frozenset(days[10:20]), {d: 1 for d in days[10:20:2]})
    expected = compute_streaks(sessions, today, 4, plan)
    assert streaks_of_days(per_day, today, 4, plan) == expected
    assert expected.sessions_total == len([d for d in days if d <= today]) + 1
    assert streaks_of_days({}, today) == compute_streaks([], today)
