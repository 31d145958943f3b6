"""A plan's sheet: the race date it counts back from (the followed plan's, the one given,
or the first that fits the whole plan), a section per week left with each session's date,
circuit, length and changes and a box to tick, and the ladders' steps from the file."""

from __future__ import annotations

from datetime import date

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import minutes
from circuit_timer.core.library import load_library
from circuit_timer.core.model import Plan
from circuit_timer.core.plan_sheet import (
    AS_WRITTEN,
    FOLLOWED,
    GIVEN,
    GUESSED,
    RaceChoice,
    plan_sheet,
    race_choice,
)
from circuit_timer.core.records import Enrolment
from circuit_timer.core.schedule import default_race_date, plan_schedule
from circuit_timer.core.sheet import Ticks
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.files import paths

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
TODAY = date(2026, 11, 22)
RACE = date(2026, 12, 20)


def pf_plan() -> Plan:
    plan = LIBRARY.plan("pf-crash-course-4-weeks")
    assert plan is not None
    return plan


def test_the_followed_plan_keeps_its_race_and_its_start() -> None:
    plan = pf_plan()
    followed = Enrolment("u", plan.id, RACE, date(2026, 11, 16))
    choice, schedule = race_choice(plan, TODAY, followed=followed, given=date(2027, 1, 3))
    assert choice == RaceChoice(RACE, FOLLOWED)
    assert schedule == plan_schedule(plan, RACE, date(2026, 11, 16))
    assert choice.line() == f"Race on Sun 20 Dec 2026 ({FOLLOWED})"


def test_another_plan_followed_does_not_count() -> None:
    plan = pf_plan()
    other = Enrolment("u", "stronger-feet-8-weeks", RACE, TODAY)
    choice, schedule = race_choice(plan, TODAY, followed=other, given=date(2026, 12, 27))
    assert choice == RaceChoice(date(2026, 12, 27), GIVEN)
    assert schedule == plan_schedule(plan, date(2026, 12, 27), TODAY)


def test_without_a_race_the_first_that_fits_from_today() -> None:
    plan = pf_plan()
    choice, schedule = race_choice(plan, TODAY)
    assert choice == RaceChoice(default_race_date(plan, TODAY), GUESSED)
    assert len(schedule) == sum(len(w.sessions) for w in plan.weeks)


def test_a_section_per_week_left_and_a_row_per_session() -> None:
    plan = pf_plan()
    choice, schedule = race_choice(plan, TODAY, given=RACE)
    sheet = plan_sheet(plan, schedule, choice, LIBRARY.circuit, TODAY)
    assert sheet.kind == "plan" and sheet.facts[-2] == choice.line()
    assert sheet.facts[-1] == (
        "12 sessions from Sun 22 Nov to Thu 17 Dec; the plan runs 4 weeks + race week"
    )
    weeks = [s for s in sheet.sections if not s.heading.startswith("Ladder")]
    assert [s.heading for s in weeks] == [
        "4 weeks out: Load: 3 x 12RM",
        "3 weeks out: Load: 4 x 10RM",
        "2 weeks out: Half the sets, same load; last heavy session",
        "1 week out: Taper",
        "Race week",
    ]
    assert weeks[0].lines == ("Mon 16 Nov to Sun 22 Nov",)
    rows = [row for section in weeks for row in section.rows]
    assert [row.cells[0] for row in rows] == [(day_text(p.date),) for p in schedule]
    assert all(row.ticks == Ticks((("", 1),)) for row in rows)
    first = rows[0]
    written = LIBRARY.circuit("pf-crash-course")
    assert written is not None
    seconds = compile_timeline(apply_session(written, schedule[0].session)).estimated_seconds
    assert first.cells[1] == (written.title, f"about {minutes(seconds)} min")
    # The ladder governs the towel heel raise in pf-crash-course's sessions.
    assert first.cells[2] == ("Single-leg heel raise, towel under the toes: on the ladder (below)",)
    test_day = next(r for r in rows if r.cells[1][0].startswith("Left-right check"))
    assert test_day.cells[2] == (AS_WRITTEN,)


def test_a_change_to_a_laddered_exercise_says_both_in_one_line() -> None:
    plan = pf_plan()
    choice, schedule = race_choice(plan, TODAY, given=RACE)
    sheet = plan_sheet(plan, schedule, choice, LIBRARY.circuit, TODAY)
    week_two = next(s for s in sheet.sections if s.heading.startswith("2 weeks out"))
    changes = week_two.rows[1].cells[2]
    assert changes[0] == "half the sets"
    assert changes[1].startswith(
        "Single-leg heel raise, towel under the toes: 2 sets of 10 (usually 3 sets of 12)"
    )
    assert changes[1].endswith("; on the ladder (below)") and len(changes) == 2


def test_the_ladder_section_has_each_step_from_the_file() -> None:
    plan = pf_plan()
    choice, schedule = race_choice(plan, TODAY, given=RACE)
    sheet = plan_sheet(plan, schedule, choice, LIBRARY.circuit, TODAY)
    ladder = sheet.sections[-1]
    assert ladder.heading == "Ladder: Single-leg heel raise, towel under the toes"
    steps = plan.progression["towel-heel-raise"].steps
    assert [row.cells[:2] for row in ladder.rows[:-1]] == [
        ((f"Step {n}",), (f"{s.sets} x {s.reps} reps at tempo 3-2-3",))
        for n, s in enumerate(steps, start=1)
    ]
    back = ladder.rows[-1].cells
    assert back[0] == ("A step back",) and back[2][0].startswith("Both legs at once")
    assert all(row.ticks.boxes == 0 for row in ladder.rows)


def test_no_sessions_left_says_so() -> None:
    plan = pf_plan()
    race = date(2026, 11, 23)
    sheet = plan_sheet(plan, [], RaceChoice(race, GIVEN), LIBRARY.circuit, race)
    assert "No sessions of this plan are left before the race." in sheet.facts
    assert sheet.sections[0].heading == "Race week"
    assert sheet.sections[0].lines == ("Tue 17 Nov to Mon 23 Nov", "No sessions this week.")
