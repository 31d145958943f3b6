"""Plans in plain words, shared by the Plan, Today and Library pages: dates, week names,
a plan's length and what a plan session changes in its circuit.

No Qt here: these are words, and the pages lay them out.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.describe import minutes, plan_length, plural, week_heading
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit, Exercise, Plan, Session
from circuit_timer.core.schedule import PlannedSession
from circuit_timer.core.timeline import compile_timeline

# Fixed English names: Qt sets the C locale from the environment, which would make
# strftime's %a and %b follow it while every other word on the page is English.
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip
_CLAUSE_END = re.compile(r"(?<=[.!?;:])\s")


def day_text(day: date) -> str:
    """ "Sun 13 Dec"."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def long_day_text(day: date) -> str:
    """ "Sun 13 Dec 2026"."""
    return f"{day_text(day)} {day.year}"


def week_name(weeks_out: int, label: str | None) -> str:
    """ "3 weeks out: Load: 4 x 10RM", "Race week" (never "Race week: Race week"): the
    command line's heading, capitalised to head a table row."""
    heading = week_heading(weeks_out, label)
    return heading[:1].upper() + heading[1:]


def plan_span(plan: Plan) -> str:
    """How long a plan runs ("4 weeks + race week"), in the command line's words."""
    return plan_length(plan)


def session_minutes(planned: PlannedSession, circuit: Circuit | None) -> int | None:
    """The session's estimated minutes with the plan's changes, or None without its circuit."""
    if circuit is None:
        return None
    return minutes(compile_timeline(apply_session(circuit, planned.session)).estimated_seconds)


def scale_words(scale: float) -> str:
    """ "half the sets" for a plan's ``scale: 0.5``."""
    named = {0.25: "a quarter of the sets", 0.5: "half the sets", 2.0: "twice the sets"}
    return named.get(scale, f"{scale:g} x the sets (rounded up)")


def sets_text(exercise: Exercise) -> str:
    """One exercise's volume: "4 sets of 10", "2 sets of 30 s", "1 set of 10 x 10 s hold"."""
    sets = plural(exercise.sets, "set")
    if exercise.dose == "timed":
        return f"{sets} of {exercise.work} s"
    if exercise.dose == "hold":
        holds = exercise.reps or 1
        each = f"a {exercise.hold} s hold" if holds == 1 else f"{holds} x {exercise.hold} s hold"
        return f"{sets} of {each}"
    return f"{sets} of {exercise.reps}"


def _find(circuit: Circuit, exercise_id: str) -> Exercise | None:
    return next(
        (ex for block in circuit.blocks for ex in block.exercises if ex.id == exercise_id), None
    )


def session_changes(
    session: Session, circuit: Circuit | None
) -> list[tuple[str | None, list[str]]]:
    """What a plan session changes in its circuit, as (exercise name, changes) pairs.

    ``circuit`` is the circuit as its file has it. A ``scale`` comes first, with no
    exercise name: (None, ["half the sets"]). Then each adjusted exercise with its new
    volume ("4 sets of 10 (usually 3 sets of 12)") and its load ("load: ...").
    """
    found: list[tuple[str | None, list[str]]] = []
    if session.scale is not None:
        found.append((None, [scale_words(session.scale)]))
    adjusted = apply_session(circuit, session) if circuit is not None else None
    for exercise_id, change in session.adjust.items():
        fields = change.model_dump(exclude_none=True)
        before = _find(circuit, exercise_id) if circuit is not None else None
        after = _find(adjusted, exercise_id) if adjusted is not None else None
        if before is None or after is None:
            # A plan the loader accepted always names real exercises; this guards the rest.
            found.append((exercise_id, [f"{k} {v}" for k, v in fields.items()]))
            continue
        parts = []
        if fields.keys() & {"sets", "reps", "work", "hold"}:
            parts.append(f"{sets_text(after)} (usually {sets_text(before)})")
        if "load" in fields:
            parts.append(f"load: {after.load}")
        found.append((after.name, parts))
    return found


def first_clause(text: str) -> str:
    """``text`` up to its first full stop, semicolon or colon: "10RM" for "10RM: books
    in a backpack, ...", "The same 10RM backpack as last week" for "...; only the sets
    drop."."""
    return _CLAUSE_END.split(text.strip(), maxsplit=1)[0].rstrip(".!?;:")


def change_lines(session: Session, circuit: Circuit | None, *, full: bool = True) -> list[str]:
    """What a plan session changes, one plain line each: "half the sets", "Single-leg
    heel raise, towel under the toes: 4 sets of 10 (usually 3 sets of 12), load: ...".

    The short form (``full=False``) fits a table cell: no usual volume, and only the first
    clause of the load. It quotes the plan rather than saying "new load", because a
    week that keeps last week's load ("The same 10RM backpack as last week") also sets
    one.
    """
    lines = []
    for name, parts in session_changes(session, circuit):
        if not full:
            parts = [
                f"load: {first_clause(p.removeprefix('load: '))}"
                if p.startswith("load: ")
                else p.split(" (usually ")[0]
                for p in parts
            ]
        lines.append(f"{name}: {', '.join(parts)}" if name else ", ".join(parts))
    return lines


def plan_titles(library: Library) -> list[Plan]:
    """The library's plans by title."""
    plans = [e.document for e in library.entries.values() if isinstance(e.document, Plan)]
    return sorted(plans, key=lambda p: (p.title.lower(), p.id))


def default_race_date(plan: Plan, today: date) -> date:
    """The first Sunday far enough out for the whole plan, a guess until the runner picks."""
    longest = max((w.weeks_out for w in plan.weeks), default=0)
    # The furthest week's window starts 7k + 6 days before the race: that may be today.
    earliest = today + timedelta(days=7 * longest + 6)
    return earliest + timedelta(days=(6 - earliest.weekday()) % 7)


def countdown_text(days: int) -> str:
    """ "19 days to go", "today", "3 days ago"."""
    if days == 0:
        return "today"
    return f"{plural(days, 'day')} to go" if days > 0 else f"{plural(-days, 'day')} ago"
