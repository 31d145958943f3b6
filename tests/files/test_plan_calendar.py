"""Building the plan's calendar: which sessions are left, stable UIDs, each session's text,
and writing the file whole."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest

from circuit_timer.core.library import Library, load_library
from circuit_timer.core.model import Plan
from circuit_timer.core.records import Enrolment
from circuit_timer.core.schedule import PlannedStatus, plan_schedule
from circuit_timer.files import paths
from circuit_timer.files.plan_calendar import (
    CalendarWriteError,
    PlanCalendar,
    build_calendar,
    race_uid,
    remaining_sessions,
    session_description,
    session_uid,
    write_calendar,
)

RACE = date(2026, 12, 20)
STAMP = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


@pytest.fixture(scope="module")
def plan(library: Library) -> Plan:
    found = library.plan("pf-crash-course-4-weeks")
    assert found is not None
    return found


def enrolment(race: date = RACE) -> Enrolment:
    return Enrolment("u1", "pf-crash-course-4-weeks", race, date(2026, 11, 22))


def test_left_means_from_the_day_on_and_not_done(plan: Plan) -> None:
    schedule = plan_schedule(plan, RACE, date(2026, 11, 22))
    day = schedule[2].date
    progress = [
        PlannedStatus(p, "done" if i == 2 else "missed" if p.date < day else "upcoming", None)
        for i, p in enumerate(schedule)
    ]
    left = remaining_sessions(progress, day)
    assert [p.date for p in left] == [p.date for p in schedule[3:]]


def test_uids_follow_the_plan_and_race_not_the_clock(plan: Plan) -> None:
    schedule = plan_schedule(plan, RACE, date(2026, 11, 22))
    uids = [session_uid(enrolment(), p) for p in schedule]
    assert len(set(uids)) == len(uids)
    assert uids == [session_uid(enrolment(), p) for p in schedule]
    assert uids[0] == "pf-crash-course-4-weeks-20261220-session-3-20261122@circuit-timer"
    later = plan_schedule(plan, RACE + timedelta(days=7), date(2026, 11, 22))
    assert session_uid(enrolment(RACE + timedelta(days=7)), later[0]) not in uids
    assert race_uid(enrolment()) == "pf-crash-course-4-weeks-20261220-race@circuit-timer"


def test_a_session_whose_circuit_is_gone_says_so(plan: Plan) -> None:
    planned = plan_schedule(plan, RACE, date(2026, 11, 22))[0]
    text = session_description(plan, planned, lambda _id: None)
    assert f"The circuit '{planned.circuit_id}' is no longer in your library." in text


def test_a_taper_session_names_its_changes_and_no_ladder(plan: Plan, library: Library) -> None:
    race_week = plan_schedule(plan, RACE, date(2026, 11, 22))[-1]
    assert race_week.circuit_id == "taper-maintenance"
    text = session_description(plan, race_week, library.circuit)
    assert "What the plan changes:\n- half the sets\n" in text
    assert "dose follows" not in text  # the ladder leaves the taper circuit alone


def test_the_calendar_has_an_alarm_per_session_at_the_hour(plan: Plan, library: Library) -> None:
    sessions = plan_schedule(plan, RACE, date(2026, 11, 22))[:3]
    calendar = build_calendar(
        PlanCalendar(enrolment(), plan, sessions, time(18, 5)), library.circuit, STAMP
    )
    events = calendar.walk("VEVENT")
    assert len(events) == 4 and events[-1]["SUMMARY"] == "Race day"
    assert [len(e.walk("VALARM")) for e in events] == [1, 1, 1, 0]
    assert events[0].walk("VALARM")[0]["TRIGGER"].dt == timedelta(hours=18, minutes=5)
    assert all(e["DTSTAMP"].dt == STAMP for e in events)


def test_writing_replaces_the_file_whole(plan: Plan, library: Library, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "plan.ics"
    target.write_text("old")
    calendar = build_calendar(PlanCalendar(enrolment(), plan, [], None), library.circuit, STAMP)
    write_calendar(calendar, target)
    assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")[0]["UID"] == (
        race_uid(enrolment())
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert list(target.parent.iterdir()) == [target]  # no temporary file left


def test_a_folder_that_is_not_there_is_one_error(
    plan: Plan, library: Library, tmp_path: Path
) -> None:
    calendar = build_calendar(PlanCalendar(enrolment(), plan, [], None), library.circuit, STAMP)
    with pytest.raises(CalendarWriteError, match=r"^cannot write .*plan\.ics: "):
        write_calendar(calendar, tmp_path / "nowhere" / "plan.ics")
