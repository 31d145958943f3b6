"""A plan in the window's words, read from the same changes as the command line's."""

from __future__ import annotations

from datetime import date

from circuit_timer.core import describe
from circuit_timer.core.library import load_library
from circuit_timer.core.model import Plan, Session
from circuit_timer.core.plan_words import (
    change_lines,
    enrol_words,
    first_clause,
    following_text,
    plan_titles,
    preview_title,
    progress_title,
    race_headline,
    session_changes,
    session_detail,
    week_title,
)
from circuit_timer.core.schedule import plan_progress, plan_schedule
from circuit_timer.files import paths

LIBRARY = load_library(paths.bundled_circuits_dir(), None)
RACE = date(2026, 12, 20)


def pf_plan() -> Plan:
    plan = LIBRARY.plan("pf-crash-course-4-weeks")
    assert plan is not None
    return plan


def half_sets() -> Session:
    """18 days out: half the sets, 10 reps, the same load."""
    week = next(w for w in pf_plan().weeks if w.weeks_out == 2)
    return next(s for s in week.sessions if s.days_before_race == 18)


def test_week_titles_are_the_command_lines_headings_capitalised() -> None:
    assert week_title(3, "Load: 4 x 10RM") == "3 weeks out: Load: 4 x 10RM"
    assert week_title(0, "Race week") == "Race week"
    assert week_title(0, None) == describe.week_heading(0, None).capitalize()


def test_the_window_and_the_command_line_read_the_same_changes() -> None:
    circuit = LIBRARY.circuit("pf-crash-course")
    found = describe.plan_changes(half_sets(), circuit)
    assert [(c.exercise_id, c.volume, "load" in c.fields) for c in found] == [
        ("towel-heel-raise", True, True)
    ]
    name = found[0].after.name if found[0].after else ""
    window = session_changes(half_sets(), circuit)
    assert window[0] == (None, ["half the sets"])
    assert window[1][0] == name and window[1][1][0] == "2 sets of 10 (usually 3 sets of 12)"
    cli = describe.session_changes(half_sets(), circuit)
    assert cli[0] == "half the sets" and cli[1].startswith(f"{name}: 2 x 10 reps")


def test_without_the_circuit_an_exercise_goes_by_its_id() -> None:
    assert session_changes(half_sets(), None)[1][0] == "towel-heel-raise"


def test_the_table_cell_is_short() -> None:
    circuit = LIBRARY.circuit("pf-crash-course")
    short = change_lines(half_sets(), circuit, full=False)
    assert short[1].endswith("2 sets of 10, load: The same 10RM backpack as last week")
    assert "(usually" in change_lines(half_sets(), circuit)[1]
    assert first_clause("10RM: books in a backpack. More.") == "10RM"


def test_an_unnamed_scale_takes_the_command_lines_words() -> None:
    odd = half_sets().model_copy(update={"scale": 0.6})
    assert session_changes(odd, None)[0] == (None, ["60% of the sets, rounded up"])


def test_titles_and_words_for_the_plan_page() -> None:
    plan = pf_plan()
    schedule = plan_schedule(plan, RACE, date(2026, 11, 22))
    assert preview_title(plan, schedule, RACE, None) == (
        "12 sessions from Sun 22 Nov to the race on Sun 20 Dec, if you start today "
        "(3 of the plan's 15 have passed)"
    )
    assert preview_title(plan, schedule, RACE, plan.id).endswith(
        "if you change the race date today (3 of the plan's 15 have passed)"
    )
    assert preview_title(plan, [], RACE, "other") == (
        "No sessions of this plan are left before a race on Sun 20 Dec."
    )
    progress = plan_progress(schedule, [], date(2026, 11, 29))
    assert progress_title(date(2026, 11, 22), progress, 0.0) == (
        "Your plan since Sun 22 Nov: 0 done, 3 missed, 9 upcoming (adherence 0%)"
    )
    assert following_text("PF", RACE, date(2026, 11, 29)) == (
        "Following: PF\nRace on Sun 20 Dec 2026 (21 days to go)"
    )
    assert session_detail(schedule[0], None, "").startswith(
        "Sun 22 Nov, 4 weeks out: Load: 3 x 12RM: pf-crash-course\n\u2022 "
    )
    titles = [p.title.lower() for p in plan_titles(LIBRARY)]
    assert titles == sorted(titles) and len(titles) >= 2


def test_the_start_buttons_words() -> None:
    assert enrol_words(None, "a", RACE) == ("Start this plan", False)
    assert enrol_words(("a", RACE), "a", RACE) == ("You are following this plan", True)
    assert enrol_words(("a", RACE), "a", date(2026, 12, 27)) == ("Change the race date", False)
    assert enrol_words(("a", RACE), "b", RACE) == ("Change to this plan", False)


def test_the_race_headline() -> None:
    assert race_headline(1, RACE) == "1 day to your race (Sun 20 Dec)"
    assert race_headline(0, RACE) == "Race day!"
    assert race_headline(-1, RACE) == "The race was 1 day ago"
