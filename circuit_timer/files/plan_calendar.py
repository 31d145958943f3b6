"""The active plan in the runner's calendar: an iCalendar file (RFC 5545) of the sessions
left and the race, written with the ``icalendar`` library.

Choices (docs/calendar.md says them for the runner):

- The sessions left are those dated on or after the day asked about ("today", or
  ``--as-of``) that are not done: yesterday's session, still doable today, is not
  in the file, since a calendar entry for a day gone by reminds nobody.
- Every event is an all-day event (``DTSTART;VALUE=DATE``): a plan gives a day, not an
  hour, and a date has no time zone, so Google, Apple and Thunderbird all put it on
  that day wherever the runner is. A reminder is an alarm relative to the day's start
  (``TRIGGER:PT7H30M`` is 07:30 on the day, local time), the form Apple Calendar writes
  for its own all-day alarms.
- UIDs come from the plan, the race date and each session's place in the plan file,
  never from chance or the clock: writing again gives the same UIDs, so importing again
  updates the events rather than adding copies.
- A laddered exercise's dose is earned session by session, so no future day can say it:
  the description says the dose follows the last sessions' reps and pain, with the
  plan's starting dose and the dose the plan as written gives that day.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import (
    CLINICIAN_NOTE,
    exercise_line,
    minutes,
    session_changes,
    week_heading,
)
from circuit_timer.core.ladder import CircuitOf, find_exercise, laddered_circuits
from circuit_timer.core.model import Adjustment, Circuit, Plan
from circuit_timer.core.progression import dose_words
from circuit_timer.core.records import Enrolment
from circuit_timer.core.schedule import PlannedSession, PlannedStatus
from circuit_timer.core.timeline import compile_timeline

PRODID = "-//circuit-timer//Plan calendar//EN"
UID_HOST = "circuit-timer"
ONE_DAY = timedelta(days=1)


class CalendarWriteError(Exception):
    """The calendar file could not be written; the message is one line saying why."""


@dataclass(frozen=True)
class PlanCalendar:
    """What goes into the file: the plan followed, the sessions left, the reminder."""

    enrolment: Enrolment
    plan: Plan
    sessions: list[PlannedSession]
    remind: time | None


def remaining_sessions(progress: Sequence[PlannedStatus], as_of: date) -> list[PlannedSession]:
    """The sessions from ``as_of`` on that are not done, in schedule order."""
    return [p.planned for p in progress if p.planned.date >= as_of and p.status != "done"]


def session_uid(enrolment: Enrolment, planned: PlannedSession) -> str:
    """A session's UID: the same plan toward the same race gives the same UID each time."""
    return (
        f"{enrolment.plan_id}-{enrolment.race_date:%Y%m%d}-session-{planned.index}-"
        f"{planned.date:%Y%m%d}@{UID_HOST}"
    )


def race_uid(enrolment: Enrolment) -> str:
    """The race event's UID."""
    return f"{enrolment.plan_id}-{enrolment.race_date:%Y%m%d}-race@{UID_HOST}"


def _ladder_lines(
    plan: Plan, planned: PlannedSession, circuit: Circuit, laddered: list[str]
) -> list[str]:
    """Per laddered exercise: the dose follows the last sessions, from the plan's start."""
    as_written = apply_session(circuit, planned.session)
    lines = []
    for exercise_id in laddered:
        exercise, written = (
            find_exercise(circuit, exercise_id),
            find_exercise(as_written, exercise_id),
        )
        if exercise is None or written is None:
            continue
        start = dose_words(plan.progression[exercise_id].steps[0], exercise)
        lines.append(
            f"- {exercise.name}: the dose follows your last sessions' reps and pain; "
            "`circuit-timer plan today` and the Today page give it on the day. "
            f"The plan starts at {start}; as written, this day has "
            f"{dose_words(Adjustment(), written)}."
        )
    return lines


def session_description(plan: Plan, planned: PlannedSession, circuit_of: CircuitOf) -> str:
    """A session's event text: the circuit, what the plan changes, each exercise's dose."""
    week = week_heading(planned.weeks_out, planned.week_label)
    circuit = circuit_of(planned.circuit_id)
    head = f"{plan.title}, {week}."
    if circuit is None:
        return (
            f"{head}\nThe circuit '{planned.circuit_id}' is no longer in your library."
            f"\n\n{CLINICIAN_NOTE}"
        )
    laddered = [
        ex_id
        for ex_id in plan.progression
        if planned.circuit_id in laddered_circuits(plan, ex_id, circuit_of)
        and find_exercise(circuit, ex_id) is not None
    ]
    # A ladder replaces the day's dated adjusts of its exercise (the scale stays): its
    # changes are said with the ladder, not as the plan's dose.
    own = planned.session.model_copy(
        update={"adjust": {k: v for k, v in planned.session.adjust.items() if k not in laddered}}
    )
    runs = apply_session(circuit, own)
    length = minutes(compile_timeline(apply_session(circuit, planned.session)).estimated_seconds)
    lines = [f"{circuit.title} ({circuit.id}), about {length} min.", head, ""]
    changes = [f"- {change}" for change in session_changes(own, circuit)]
    changes += _ladder_lines(plan, planned, circuit, laddered)
    lines.append("What the plan changes:" if changes else "The plan runs this circuit as written.")
    lines.extend(changes)
    for b, block in enumerate(runs.blocks):
        lines += ["", f"{b + 1}. {runs.block_title(b)}"]
        for exercise in block.exercises:
            dose = (
                "the dose your last sessions earned (see above)"
                if exercise.id in laddered
                else exercise_line(runs, exercise)
            )
            lines.append(f"- {exercise.name}: {dose}")
    lines += ["", CLINICIAN_NOTE]
    return "\n".join(lines)


def _all_day(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + ONE_DAY)
    event.add("summary", summary)
    event.add("description", description)
    # A day's session or a race does not make the runner busy all day for invitations.
    event.add("transp", "TRANSPARENT")
    return event


def _alarm(remind: time, title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    # Relative to the all-day event's start, midnight local time: the runner's hour on
    # that day wherever they are (an absolute trigger would have to be in UTC).
    alarm.add("trigger", timedelta(hours=remind.hour, minutes=remind.minute))
    return alarm


def build_calendar(what: PlanCalendar, circuit_of: CircuitOf, stamp: datetime) -> Calendar:
    """The iCalendar object: one all-day event per session left, then the race.

    ``stamp`` (UTC) is each event's DTSTAMP, when the file was made."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", what.plan.title)
    for planned in what.sessions:
        circuit = circuit_of(planned.circuit_id)
        title = circuit.title if circuit else planned.circuit_id
        event = _all_day(
            session_uid(what.enrolment, planned),
            planned.date,
            title,
            session_description(what.plan, planned, circuit_of),
            stamp,
        )
        if what.remind is not None:
            event.add_component(_alarm(what.remind, f"{title}: today's plan session"))
        calendar.add_component(event)
    race = what.enrolment.race_date
    calendar.add_component(
        _all_day(
            race_uid(what.enrolment),
            race,
            "Race day",
            f"{day_text(race, year=True)}: the race your plan counts back from "
            f"({what.plan.title}).",
            stamp,
        )
    )
    return calendar


def write_calendar(calendar: Calendar, path: Path) -> None:
    """Write ``calendar`` to ``path`` whole or not at all (a temporary file beside it,
    then renamed over it), or raise ``CalendarWriteError``."""
    data = calendar.to_ical()
    folder = path.parent
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CalendarWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private; a calendar file is as readable as any other.
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise CalendarWriteError(f"cannot write {path}: {exc.strerror or exc}") from None
