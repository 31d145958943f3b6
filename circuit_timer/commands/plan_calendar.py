"""`plan calendar FILE.ics`: the active plan's sessions left, and the race, as a calendar
file to import into Google, Apple or Thunderbird (choices: docs/calendar.md)."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, time
from pathlib import Path

from circuit_timer.commands.common import EXIT_OK, CommandError
from circuit_timer.commands.dates import today
from circuit_timer.commands.plan import active_overview
from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import plural
from circuit_timer.files.plan_calendar import (
    CalendarWriteError,
    PlanCalendar,
    build_calendar,
    remaining_sessions,
    write_calendar,
)

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def parse_remind(text: str) -> time:
    """``--remind HH:MM``: a time of day from 00:00 to 23:59, or a one-line error."""
    found = _CLOCK.fullmatch(text.strip())
    hour, minute = (int(found[1]), int(found[2])) if found else (-1, -1)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise CommandError(f"--remind must be a time of day like 07:30, not {text!r}")
    return time(hour, minute)


def cmd_calendar(args: argparse.Namespace) -> int:
    """Write the active plan's sessions left (from today, not done) and the race."""
    remind = parse_remind(args.remind) if args.remind is not None else None
    path = Path(args.file)
    overview, library = active_overview(args)
    enrolment = overview.followed.enrolment
    plan = overview.followed.plan
    assert plan is not None  # active_overview refuses a plan gone from the library
    sessions = remaining_sessions(overview.progress, today(args))
    calendar = build_calendar(
        PlanCalendar(enrolment, plan, sessions, remind), library.circuit, datetime.now(UTC)
    )
    try:
        write_calendar(calendar, path)
    except CalendarWriteError as exc:
        raise CommandError(str(exc)) from None
    race = day_text(enrolment.race_date, year=True)
    span = f" ({day_text(sessions[0].date)} to {day_text(sessions[-1].date)})" if sessions else ""
    reminder = f", each with a reminder at {remind:%H:%M}" if remind and sessions else ""
    print(
        f"Wrote {plural(len(sessions), 'session')}{span}{reminder}, and the race on {race}, "
        f"to {path}."
    )
    return EXIT_OK
