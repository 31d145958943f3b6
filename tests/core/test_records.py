"""The plain records of what the runner did: when a plan enrolment counts as followed."""

from __future__ import annotations

from datetime import date

import pytest

from circuit_timer.core.records import Enrolment

STARTED, RACE = date(2026, 11, 16), date(2026, 12, 20)


@pytest.mark.parametrize(
    ("day", "followed"),
    [
        (date(2026, 11, 15), False),  # before it started
        (STARTED, True),
        (date(2026, 12, 1), True),
        (RACE, True),  # race day is the plan's last day
        (date(2026, 12, 21), False),
    ],
)
def test_an_open_enrolment_runs_from_its_start_to_race_day(day: date, followed: bool) -> None:
    assert Enrolment("u", "pf-crash-course-4-weeks", RACE, STARTED).active_on(day) is followed


def test_an_ended_enrolment_stops_the_day_it_ended() -> None:
    ended = Enrolment("u", "pf-crash-course-4-weeks", RACE, STARTED, ended_on=date(2026, 12, 1))
    assert ended.active_on(date(2026, 11, 30))
    assert not ended.active_on(date(2026, 12, 1))  # replaced or stopped that day
    assert not ended.active_on(date(2026, 12, 10))
