"""Plans in plain words, as the window shows them: week titles, a session's length and what
it changes in its circuit, the days to the race and how the runner keeps to the plan.

The command line says a plan session's changes in its own longer words
(``describe.session_changes``); both read the changes from ``describe.plan_changes``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.dates import countdown_text, day_text
from circuit_timer.core.describe import (
    hold_words,
    minutes,
    plan_changes,
    plural,
    scale_words,
    week_heading,
)
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit, Exercise, Plan, Session
from circuit_timer.core.schedule import PlannedSession, PlannedStatus
from circuit_timer.core.timeline import compile_timeline

_CLAUSE_END = re.compile(r"(?<=[.!?;:])\s")
NO_PLAN = (
    "No plan yet. Choose a plan below, pick your race date on the calendar, "
    "and press Start this plan: each session is then counted back from race day."
)
NO_PLAN_TODAY = (
    "Racing soon? Choose a plan and your race date, and this page will show each "
    "day's session, counted back from race day. Or run any circuit from the "
    "Library, and note your morning pain below."
)
NO_PLANS = (
    "No plan yet, and there are no plans in the library. Put a plan file "
    "in your circuits folder (Library page, Open circuits folder)."
)


def week_title(weeks_out: int, label: str | None) -> str:
    """ "3 weeks out: Load: 4 x 10RM", "Race week" (never "Race week: Race week"): the
    command line's heading, capitalised to head a table row."""
    heading = week_heading(weeks_out, label)
    return heading[:1].upper() + heading[1:]


def session_minutes(planned: PlannedSession, circuit: Circuit | None) -> int | None:
    """The session's estimated minutes with the plan's changes, or None without its circuit."""
    if circuit is None:
        return None
    return minutes(compile_timeline(apply_session(circuit, planned.session)).estimated_seconds)


def sets_text(exercise: Exercise) -> str:
    """One exercise's volume: "4 sets of 10", "2 sets of 30 s", "1 set of 10 x 10 s hold"."""
    sets = plural(exercise.sets, "set")
    if exercise.dose == "timed":
        return f"{sets} of {exercise.work} s"
    if exercise.dose == "hold":
        holds = exercise.reps or 1
        each = f"a {exercise.hold} s hold" if holds == 1 else hold_words(holds, exercise.hold)
        return f"{sets} of {each}"
    return f"{sets} of {exercise.reps}"


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
    for change in plan_changes(session, circuit):
        before, after = change.before, change.after
        if before is None or after is None:
            # A plan the loader accepted always names real exercises; this guards the rest.
            found.append((change.exercise_id, [f"{k} {v}" for k, v in change.fields.items()]))
            continue
        parts = []
        if change.volume:
            parts.append(f"{sets_text(after)} (usually {sets_text(before)})")
        if "load" in change.fields:
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


def race_headline(days: int, race: date) -> str:
    """ "28 days to your race (Sun 20 Dec)", "Race day!", "The race was 3 days ago"."""
    if days == 0:
        return "Race day!"
    if days < 0:
        return f"The race was {-days} day{'s' * (days != -1)} ago"
    return f"{days} day{'s' * (days != 1)} to your race ({day_text(race)})"


def adherence_text(progress: Sequence[PlannedStatus]) -> str:
    """ "4 of 5 sessions due so far (80%)", "1 of 1 session due so far (100%)"."""
    done = sum(p.status == "done" for p in progress)
    due = done + sum(p.status == "missed" for p in progress)
    if due == 0:
        return "No plan sessions due yet."
    return f"{done} of {plural(due, 'session')} due so far ({done / due:.0%})"


def progress_title(started: date, progress: Sequence[PlannedStatus], share: float | None) -> str:
    """ "Your plan since Mon 16 Nov: 4 done, 2 missed, 9 upcoming (adherence 67%)"."""
    counts = {s: sum(p.status == s for p in progress) for s in ("done", "missed", "upcoming")}
    adherence = f" (adherence {share:.0%})" if share is not None else ""
    return (
        f"Your plan since {day_text(started)}: {counts['done']} done, "
        f"{counts['missed']} missed, {counts['upcoming']} upcoming{adherence}"
    )


def preview_title(
    plan: Plan, schedule: Sequence[PlannedSession], race: date, following: str | None
) -> str:
    """What a plan would be if started today toward ``race``: "12 sessions from Sun 22 Nov
    to the race on Sun 20 Dec, if you start today (3 of the plan's 15 have passed)".
    ``following`` is the id of the plan followed, if any."""
    total = sum(len(w.sessions) for w in plan.weeks)
    when = (
        "if you start today" if following is None
        else "if you change the race date today" if following == plan.id
        else "if you change to this plan today"
    )  # fmt: skip
    if not schedule:
        return f"No sessions of this plan are left before a race on {day_text(race)}."
    passed = total - len(schedule)
    verb = "has" if passed == 1 else "have"
    return (
        f"{plural(len(schedule), 'session')} from {day_text(schedule[0].date)} "
        f"to the race on {day_text(race)}, {when}"
        + (f" ({passed} of the plan's {total} {verb} passed)" if passed else "")
    )


def plan_gone_text(plan_id: str) -> str:
    """What the Today page says when the plan followed is no longer in the library."""
    return (
        f"The plan you follow, '{plan_id}', is no longer in your library. "
        "Put its file back, or choose another plan."
    )


def following_text(title: str, race: date, today: date) -> str:
    """ "Following: PF crash course\nRace on Sun 20 Dec 2026 (21 days to go)"."""
    days = (race - today).days
    return f"Following: {title}\nRace on {day_text(race, year=True)} ({countdown_text(days)})"


def session_detail(planned: PlannedSession, circuit: Circuit | None, status: str) -> str:
    """A plan session in full: its day, week, circuit, ``status`` (if shown) and every
    change the plan makes in it, one bullet each."""
    title = circuit.title if circuit else planned.circuit_id
    changes = change_lines(planned.session, circuit) or ["the circuit as written"]
    shown = f" ({status})" if status else ""
    return (
        f"{day_text(planned.date)}, {week_title(planned.weeks_out, planned.week_label)}: "
        f"{title}{shown}\n" + "\n".join(f"\u2022 {line}" for line in changes)
    )


def enrol_words(
    followed: tuple[str, date] | None, plan_id: str | None, race: date
) -> tuple[str, bool]:
    """The Start button's words for ``plan_id`` toward ``race`` when ``followed`` (plan id,
    race date) is followed, and whether that is exactly the plan followed."""
    same_plan = followed is not None and followed[0] == plan_id
    same = same_plan and followed is not None and followed[1] == race
    text = (
        "Start this plan" if followed is None
        else "You are following this plan" if same
        else "Change the race date" if same_plan
        else "Change to this plan"
    )  # fmt: skip
    return text, same
