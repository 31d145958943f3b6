"""Plans on the calendar (spec "Plan") and progress against them ("History semantics")."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from circuit_timer.core.library import load_library
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.records import SessionRecord, SessionStatus
from circuit_timer.core.schedule import (
    PlannedSession,
    PlannedStatus,
    adherence,
    days_to_race,
    default_race_date,
    plan_progress,
    plan_schedule,
    session_circuit,
    sessions_on,
)
from circuit_timer.files import paths

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
# A Sunday, so each week window of the plan is exactly one ISO week (Monday to Sunday).
RACE = date(2026, 5, 31)


def bundled_plan(plan_id: str) -> Plan:
    plan = LIBRARY.plan(plan_id)
    assert plan is not None
    return plan


def circuit(circuit_id: str) -> Circuit:
    found = LIBRARY.circuit(circuit_id)
    assert found is not None
    return found


PF = bundled_plan("pf-crash-course-4-weeks")

# pf-crash-course-4-weeks counted back from 2026-05-31 by hand (days_before_race):
# week 4: check 33, then 32, 30, 28 -> Apr 28, 29, May 1, May 3;
# week 3: 25, 23, 21 -> May 6, 8, 10;
# week 2: check 19, then 18, 16, 14 -> May 12, 13, 15, 17;
# week 1: 11, 9, 7 -> May 20, 22, 24;  week 0: 3 -> May 28.
# ("check" is the left-right check, heel-raise-test.)
PF_DATES = [
    date(2026, 4, 28),
    date(2026, 4, 29),
    date(2026, 5, 1),
    date(2026, 5, 3),
    date(2026, 5, 6),
    date(2026, 5, 8),
    date(2026, 5, 10),
    date(2026, 5, 12),
    date(2026, 5, 13),
    date(2026, 5, 15),
    date(2026, 5, 17),
    date(2026, 5, 20),
    date(2026, 5, 22),
    date(2026, 5, 24),
    date(2026, 5, 28),
]


def record(
    uuid: str,
    day: date,
    circuit: str = "pf-crash-course",
    status: SessionStatus = "completed",
    hour: int = 8,
) -> SessionRecord:
    return SessionRecord(
        uuid=uuid,
        circuit_id=circuit,
        local_date=day,
        status=status,
        started_at=datetime.combine(day, time(hour), tzinfo=UTC),
    )


def brief(progress: list[PlannedStatus]) -> list[tuple[date, str, str | None]]:
    return [(p.planned.date, p.status, p.done_by) for p in progress]


def test_four_weeks_out_schedules_the_whole_plan() -> None:
    schedule = plan_schedule(PF, RACE, start=date(2026, 4, 27))  # first day of week 4
    assert [p.date for p in schedule] == PF_DATES
    assert [p.index for p in schedule] == list(range(15))
    assert [p.weeks_out for p in schedule] == [4, 4, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 0]
    assert schedule[0].week_label == "Load: 3 x 12RM"
    check, loading = "heel-raise-test", "pf-crash-course"
    assert [p.circuit_id for p in schedule[:11]] == (
        [check] + [loading] * 6 + [check] + [loading] * 3
    )
    assert [p.circuit_id for p in schedule[11:]] == ["taper-maintenance"] * 4


def test_started_inside_week_four_skips_only_the_past_sessions() -> None:
    schedule = plan_schedule(PF, RACE, start=date(2026, 4, 30))
    assert [p.date for p in schedule] == PF_DATES[2:]  # the check and the first session
    assert schedule[0].index == 2  # indexes stay those of the whole plan


def test_started_on_the_last_day_of_week_four_keeps_that_days_session() -> None:
    # 28 days out: week 4 has not ended yet; its check and first two sessions are past.
    schedule = plan_schedule(PF, RACE, start=date(2026, 5, 3))
    assert [p.date for p in schedule] == PF_DATES[3:]
    assert (schedule[0].weeks_out, schedule[0].index) == (4, 3)


def test_three_weeks_out_starts_at_week_three() -> None:
    schedule = plan_schedule(PF, RACE, start=date(2026, 5, 4))  # 27 days out
    assert [p.date for p in schedule] == PF_DATES[4:]
    assert [p.date for p in schedule[:3]] == [date(2026, 5, 6), date(2026, 5, 8), date(2026, 5, 10)]
    assert all(p.weeks_out <= 3 for p in schedule)
    assert schedule[0].index == 4
    assert schedule[0].week_label == "Load: 4 x 10RM"
    # Week 3's sessions run the 4 x 10 adjust, not the circuit file's 3 x 12.
    heel = next(
        ex
        for b in session_circuit(schedule[0], circuit("pf-crash-course")).blocks
        for ex in b.exercises
        if ex.id == "towel-heel-raise"
    )
    assert (heel.sets, heel.reps) == (4, 10)


def test_three_weeks_out_mid_week_skips_past_days() -> None:
    schedule = plan_schedule(PF, RACE, start=date(2026, 5, 7))
    assert [p.date for p in schedule] == PF_DATES[5:]
    assert len(schedule) == 10


def test_race_week_session_is_three_days_out_at_half_the_sets() -> None:
    schedule = plan_schedule(PF, RACE, start=date(2026, 5, 4))
    last = schedule[-1]
    assert (last.date, last.weeks_out, last.week_label) == (date(2026, 5, 28), 0, "Race week")
    assert last.circuit_id == "taper-maintenance"
    assert sessions_on(schedule, date(2026, 5, 28)) == [last]
    assert sessions_on(schedule, date(2026, 5, 29)) == []
    taper = circuit("taper-maintenance")
    run = session_circuit(last, taper)
    sets = {ex.id: ex.sets for b in run.blocks for ex in b.exercises}
    assert sets["towel-heel-raise"] == 1  # 2 sets x 0.5
    # The circuit itself is untouched.
    assert {ex.id: ex.sets for b in taper.blocks for ex in b.exercises}["towel-heel-raise"] == 2


def test_started_after_the_race_schedules_nothing() -> None:
    assert plan_schedule(PF, RACE, start=date(2026, 6, 1)) == []


def test_session_circuit_refuses_another_circuit() -> None:
    schedule = plan_schedule(PF, RACE, start=date(2026, 4, 27))
    with pytest.raises(ValueError, match="taper-maintenance"):
        session_circuit(schedule[-1], circuit("pf-crash-course"))


def weekday_plan() -> Plan:
    return Plan.model_validate(
        {
            "id": "p",
            "title": "P",
            "weeks": [
                {
                    "weeks_out": 1,
                    "sessions": [
                        {"day": "sun", "circuit": "c"},
                        {"day": "mon", "circuit": "c"},
                        {"day": "thu", "circuit": "c"},
                        {"day": "wed", "circuit": "c"},
                    ],
                },
                {"weeks_out": 0, "sessions": [{"day": "wed", "circuit": "c"}]},
            ],
        }
    )


def test_weekday_is_the_one_inside_the_week_window() -> None:
    # Race on Wednesday 2026-06-03: week 1 runs Thu May 21 .. Wed May 27, and week 0
    # Thu May 28 .. Wed Jun 3 (race day).
    schedule = plan_schedule(weekday_plan(), date(2026, 6, 3), start=date(2026, 5, 1))
    assert [(p.date, p.index) for p in schedule] == [
        (date(2026, 5, 21), 2),  # thu: the window's first day
        (date(2026, 5, 24), 0),  # sun
        (date(2026, 5, 25), 1),  # mon
        (date(2026, 5, 27), 3),  # wed: the window's last day
        (date(2026, 6, 3), 4),  # wed of race week is race day
    ]


def test_weekday_sessions_of_the_bundled_eight_week_plan() -> None:
    # Race on Saturday 2026-05-30: week 7 is Sun Apr 5 .. Sat Apr 11. The left-right check
    # is on its first day (55 days out), before the Monday session.
    plan = bundled_plan("stronger-feet-8-weeks")
    schedule = plan_schedule(plan, date(2026, 5, 30), start=date(2026, 4, 1))
    assert (schedule[0].date, schedule[0].circuit_id) == (date(2026, 4, 5), "heel-raise-test")
    week_7 = [date(2026, 4, 6), date(2026, 4, 8), date(2026, 4, 10)]
    assert [p.date for p in schedule[1:4]] == week_7
    assert len(schedule) == 24
    assert schedule[-1].date == date(2026, 5, 27)  # days_before_race: 3


def test_progress_done_on_the_day_or_the_day_after_else_missed() -> None:
    # Started on Apr 29, after the plan's first left-right check (Apr 28).
    schedule = plan_schedule(PF, RACE, start=date(2026, 4, 29))
    sessions = [
        record("a", date(2026, 4, 29)),  # on the day
        record("b", date(2026, 5, 2)),  # the day after May 1
        # Nothing for May 3 (window May 3-4).
        record("c", date(2026, 5, 6), status="partial"),  # partial: does not count
        record("d", date(2026, 5, 8), circuit="taper-maintenance"),  # another circuit
        record("e", date(2026, 5, 13)),  # after "today": ignored
    ]
    progress = plan_progress(schedule, sessions, today=date(2026, 5, 7))
    assert brief(progress)[:6] == [
        (date(2026, 4, 29), "done", "a"),
        (date(2026, 5, 1), "done", "b"),
        (date(2026, 5, 3), "missed", None),
        (date(2026, 5, 6), "upcoming", None),  # its window (May 6-7) is still open
        (date(2026, 5, 8), "upcoming", None),
        (date(2026, 5, 10), "upcoming", None),
    ]
    assert len(progress) == 14
    assert adherence(progress) == pytest.approx(2 / 3)

    later = plan_progress(schedule, sessions, today=date(2026, 5, 13))
    assert brief(later)[3:8] == [
        (date(2026, 5, 6), "missed", None),
        (date(2026, 5, 8), "missed", None),
        (date(2026, 5, 10), "missed", None),
        (date(2026, 5, 12), "upcoming", None),  # the second check: its window is May 12-13
        (date(2026, 5, 13), "done", "e"),
    ]
    assert adherence(later) == pytest.approx(3 / 7)  # done Apr 29, May 1, May 13; missed 4


def test_progress_prefers_the_exact_day_and_uses_each_session_once() -> None:
    plan = Plan.model_validate(
        {
            "id": "p",
            "title": "P",
            "weeks": [
                {
                    "weeks_out": 0,
                    "sessions": [
                        {"days_before_race": 5, "circuit": "c"},
                        {"days_before_race": 5, "circuit": "c"},
                        {"days_before_race": 3, "circuit": "c"},
                        {"days_before_race": 2, "circuit": "c"},
                    ],
                }
            ],
        }
    )
    race = date(2026, 6, 7)
    schedule = plan_schedule(plan, race, start=date(2026, 6, 1))
    # Planned: Jun 2 (twice), Jun 4, Jun 5.
    sessions = [
        record("next-day", date(2026, 6, 3), circuit="c"),
        record("exact", date(2026, 6, 2), circuit="c", hour=18),
        record("jun4", date(2026, 6, 4), circuit="c"),
    ]
    progress = plan_progress(schedule, sessions, today=date(2026, 6, 7))
    assert brief(progress) == [
        (date(2026, 6, 2), "done", "exact"),  # the exact day first, though listed second
        (date(2026, 6, 2), "done", "next-day"),  # the second Jun 2 session, done a day late
        (date(2026, 6, 4), "done", "jun4"),
        # Jun 4's session was used for Jun 4; one session never counts twice.
        (date(2026, 6, 5), "missed", None),
    ]
    assert adherence(progress) == pytest.approx(3 / 4)


def test_adherence_is_none_until_something_is_decided() -> None:
    schedule = plan_schedule(PF, RACE, start=date(2026, 4, 27))
    assert adherence([]) is None
    before = plan_progress(schedule, [], today=date(2026, 4, 27))
    assert {p.status for p in before} == {"upcoming"}
    assert adherence(before) is None
    # The check on Apr 28 has its window open until Apr 29: still nothing decided.
    assert adherence(plan_progress(schedule, [], today=date(2026, 4, 29))) is None
    assert adherence(plan_progress(schedule, [], today=date(2026, 4, 30))) == 0.0


def test_days_to_race() -> None:
    assert days_to_race(RACE, date(2026, 5, 3)) == 28
    assert days_to_race(RACE, RACE) == 0
    assert days_to_race(RACE, date(2026, 6, 1)) == -1


def test_planned_session_fields() -> None:
    planned = plan_schedule(PF, RACE, start=date(2026, 4, 27))[0]
    assert isinstance(planned, PlannedSession)
    assert planned.session.days_before_race == 33  # the left-right check comes first
    assert planned.circuit_id == planned.session.circuit == "heel-raise-test"


def test_the_first_guess_at_a_race_date_is_a_sunday_far_enough_out() -> None:
    plan = LIBRARY.plan("pf-crash-course-4-weeks")
    assert plan is not None and max(w.weeks_out for w in plan.weeks) == 4
    # Week 4 out starts 34 days before the race: from Monday 23 Nov that is Sunday 27 Dec.
    assert default_race_date(plan, date(2026, 11, 23)) == date(2026, 12, 27)
    assert default_race_date(plan, date(2026, 11, 22)) == date(2026, 12, 27)
    assert default_race_date(plan, date(2026, 11, 24)) == date(2027, 1, 3)
