"""What a plan's printed sheet says: its sessions week by week back from the race, each
with its date, circuit, length and what the plan changes that day, a box to tick, and
each ladder's steps as the plan file has them (the sheet's shape is core/sheet.py's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import CLINICIAN_NOTE, dose_text, minutes, plan_length, plural
from circuit_timer.core.ladder import BACK, ladder_exercise, laddered_circuits, on_step, step_change
from circuit_timer.core.model import Exercise, Plan
from circuit_timer.core.plan_words import change_lines, week_title
from circuit_timer.core.progression import NO_ADVANCE_DAYS
from circuit_timer.core.records import Enrolment
from circuit_timer.core.schedule import (
    PlannedSession,
    default_race_date,
    plan_schedule,
    week_window,
)
from circuit_timer.core.sheet import CircuitOf, Sheet, SheetRow, SheetSection, Ticks
from circuit_timer.core.timeline import compile_timeline

PLAN_COLUMNS = ("Date", "Session", "What the plan changes", "Done")
AS_WRITTEN = "the circuit as written"


@dataclass(frozen=True)
class RaceChoice:
    """The race date a plan sheet counts back from, and why that one (said on the sheet
    and on stderr): "the race of the plan you follow", "--race", or "if started today"."""

    race: date
    reason: str

    def line(self) -> str:
        """ "Race on Sun 20 Dec 2026 (the race of the plan you follow)"."""
        return f"Race on {day_text(self.race, year=True)} ({self.reason})"


FOLLOWED = "the race of the plan you follow"
GIVEN = "the date given with --race"
GUESSED = (
    "no race date given: the first Sunday far enough out for the whole plan, "
    "counted as if you started today"
)


def race_choice(
    plan: Plan,
    today: date,
    *,
    followed: Enrolment | None = None,
    given: date | None = None,
    given_reason: str = GIVEN,
) -> tuple[RaceChoice, list[PlannedSession]]:
    """The race a plan's sheet counts back from, and its sessions: the plan followed
    (``followed``, when it is this plan) has its own race and schedule, as `plan status`
    has them; else the ``given`` race, from ``today``; else the first race date the whole
    plan fits before, as if started today (the Plan page's first guess)."""
    if followed is not None and followed.plan_id == plan.id:
        race = followed.race_date
        return RaceChoice(race, FOLLOWED), plan_schedule(plan, race, followed.started_on)
    if given is not None:
        return RaceChoice(given, given_reason), plan_schedule(plan, given, today)
    race = default_race_date(plan, today)
    return RaceChoice(race, GUESSED), plan_schedule(plan, race, today)


def _ladder_circuits(plan: Plan, circuit_of: CircuitOf) -> dict[str, list[str]]:
    """Per circuit id, the names of the exercises a ladder governs there."""
    found: dict[str, list[str]] = {}
    for exercise_id in plan.progression:
        for circuit_id in laddered_circuits(plan, exercise_id, circuit_of):
            circuit = circuit_of(circuit_id)
            names = [
                ex.name for b in circuit.blocks for ex in b.exercises if ex.id == exercise_id
            ] if circuit else []  # fmt: skip
            found.setdefault(circuit_id, []).extend(names or [exercise_id])
    return found


def _session_row(
    planned: PlannedSession, circuit_of: CircuitOf, laddered: dict[str, list[str]]
) -> SheetRow:
    written = circuit_of(planned.circuit_id)
    if written is None:
        session = (planned.circuit_id, "not in your library")
    else:
        seconds = compile_timeline(apply_session(written, planned.session)).estimated_seconds
        session = (written.title, f"about {minutes(seconds)} min")
    changes = change_lines(planned.session, written)
    for name in laddered.get(planned.circuit_id, []):
        said = [i for i, line in enumerate(changes) if line.startswith(f"{name}: ")]
        if said:
            changes[said[0]] += "; on the ladder (below)"
        else:
            changes.append(f"{name}: on the ladder (below)")
    return SheetRow(
        cells=((day_text(planned.date),), session, tuple(changes or [AS_WRITTEN])),
        ticks=Ticks((("", 1),)),
    )


def ladder_sections(plan: Plan, circuit_of: CircuitOf) -> list[SheetSection]:
    """A section per ladder: its steps (and what a step back means), from the plan file."""
    sections = []
    for exercise_id, ladder in plan.progression.items():
        exercise = ladder_exercise(plan, exercise_id, circuit_of)
        if exercise is None:
            continue
        rows = []
        for number, step in enumerate(ladder.steps, start=1):
            rows.append(_step_row(f"Step {number}", on_step(exercise, step), step.load))
        back = step_change(ladder, BACK, exercise)
        rows.append(_step_row("A step back", on_step(exercise, back), back.load))
        sections.append(
            SheetSection(
                heading=f"Ladder: {exercise.name}",
                lines=(
                    "The app moves this exercise along these steps by how your last sessions "
                    "went: up a step after two sessions with every rep done and pain that "
                    "allowed the load, the same step on pain of 4-5/10 or reps missed, a step "
                    "back on pain over 5/10, a worse next morning or morning pain rising week "
                    "on week. Nothing moves up in the "
                    f"last {NO_ADVANCE_DAYS} days before the race. On paper, start at the "
                    "plan's dose and move as the app would.",
                ),
                columns=("Step", "Dose", "Load"),
                rows=tuple(rows),
            )
        )
    return sections


def _step_row(label: str, exercise: Exercise, load: str | None) -> SheetRow:
    volume = f"{exercise.sets} x {dose_text(exercise)}"
    shown = " ".join(load.split()) if load else "as the circuit has it"
    return SheetRow(cells=((label,), (volume,), (shown,)))


def plan_sheet(
    plan: Plan,
    schedule: Sequence[PlannedSession],
    race: RaceChoice,
    circuit_of: CircuitOf,
    printed: date,
) -> Sheet:
    """The sheet of a plan toward ``race.race``: a section per week still to come (from
    the first scheduled session's week), a row per ``schedule`` session."""
    laddered = _ladder_circuits(plan, circuit_of)
    start = schedule[0].date if schedule else race.race
    sections = []
    for week in sorted(plan.weeks, key=lambda w: -w.weeks_out):
        first, last = week_window(race.race, week.weeks_out)
        if last < start:
            continue  # a week that ended before the plan (or this sheet) starts
        rows = tuple(
            _session_row(p, circuit_of, laddered) for p in schedule if p.weeks_out == week.weeks_out
        )
        lines = [f"{day_text(first)} to {day_text(last)}"]
        if not rows:
            lines.append("No sessions this week.")
        sections.append(
            SheetSection(
                heading=week_title(week.weeks_out, week.label),
                lines=tuple(lines),
                columns=PLAN_COLUMNS,
                rows=rows,
            )
        )
    facts = [" ".join(plan.summary.split())] if plan.summary else []
    facts.append(race.line())
    if schedule:
        facts.append(
            f"{plural(len(schedule), 'session')} from {day_text(schedule[0].date)} to "
            f"{day_text(schedule[-1].date)}; the plan runs {plan_length(plan)}"
        )
    else:
        facts.append("No sessions of this plan are left before the race.")
    sections += ladder_sections(plan, circuit_of)
    return Sheet(
        kind="plan",
        id=plan.id,
        title=plan.title,
        facts=tuple(facts),
        sections=tuple(sections),
        closing=(
            "Tick a session when you have done it, on its day or the day after.",
            CLINICIAN_NOTE,
        ),
        printed=printed,
    )
