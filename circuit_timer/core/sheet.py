"""What a printed sheet says: a circuit's blocks and exercises with their doses, rests,
loads, cues, notes and a box to tick per set, or a plan's sessions week by week back from
the race with what each changes and a box to tick. Plain data, no layout: the window's
PDF writer (ui/sheet_pdf.py) lays it out, and a test can read it without Qt.

Every number on a sheet comes from the circuit or plan file, or from the schedule the
plan commands use (core/schedule.py); nothing is estimated but the circuit's time, which
is the timeline's own (format spec rule 7).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from circuit_timer.core.adjust import apply_session
from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import (
    CLINICIAN_NOTE,
    dose_text,
    minutes,
    plan_length,
    plural,
)
from circuit_timer.core.ladder import BACK, laddered_circuits, on_step, step_change
from circuit_timer.core.model import Circuit, Exercise, Plan
from circuit_timer.core.plan_words import change_lines, week_title
from circuit_timer.core.progression import NO_ADVANCE_DAYS
from circuit_timer.core.schedule import PlannedSession, week_window
from circuit_timer.core.timeline import compile_timeline

CircuitOf = Callable[[str], Circuit | None]
SheetKind = Literal["circuit", "plan"]


@dataclass(frozen=True)
class Ticks:
    """Boxes to tick: ``(label, boxes)`` groups, one box a set ("Round 1" and "Round 2"
    when a block runs its exercises twice; an unlabelled group otherwise)."""

    groups: tuple[tuple[str, int], ...] = ()

    @property
    def boxes(self) -> int:
        """How many boxes in all."""
        return sum(count for _, count in self.groups)


@dataclass(frozen=True)
class SheetRow:
    """One row of a table: each column's lines (the last, tick column, not among them),
    bulleted ``cues`` under the first column's lines, ``notes`` across the whole row, and
    the boxes to tick."""

    cells: tuple[tuple[str, ...], ...]
    cues: tuple[str, ...] = ()
    notes: str | None = None
    ticks: Ticks = Ticks()


@dataclass(frozen=True)
class SheetSection:
    """A heading, lines under it, and a table (``columns`` names every column, the tick
    column last when the rows have boxes)."""

    heading: str
    lines: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[SheetRow, ...]


@dataclass(frozen=True)
class Sheet:
    """A whole sheet: title, the lines under it, its sections and the closing lines."""

    kind: SheetKind
    id: str
    title: str
    facts: tuple[str, ...]
    sections: tuple[SheetSection, ...]
    closing: tuple[str, ...]
    printed: date

    def words(self) -> list[str]:
        """Every text on the sheet, in reading order (what a reader of the page finds)."""
        found = [self.title, *self.facts]
        for section in self.sections:
            found += [section.heading, *section.lines, *section.columns]
            for row in section.rows:
                found += [line for cell in row.cells for line in cell]
                found += [*row.cues, *([row.notes] if row.notes else [])]
        return found + list(self.closing)


def printed_line(day: date) -> str:
    """ "Printed Mon 30 Nov 2026"."""
    return f"Printed {day_text(day, year=True)}"


# ---- a circuit ----------------------------------------------------------------------


def tempo_words(tempo: Sequence[int]) -> str:
    """ "3 s up, 2 s hold, 3 s down" (and ", 1 s pause at the bottom"); 0 phases left out."""
    names = ("up", "hold", "down", "pause at the bottom")
    parts = [f"{seconds} s {name}" for seconds, name in zip(tempo, names, strict=False) if seconds]
    return ", ".join(parts)


def dose_lines(circuit: Circuit, exercise: Exercise) -> tuple[str, ...]:
    """The dose column: sets and dose, what the tempo or the holds mean, the sides."""
    dose = dose_text(exercise)
    lines = [f"{exercise.sets} x {dose}" if exercise.sets > 1 else dose]
    if exercise.tempo is not None:
        lines.append(f"each rep: {tempo_words(exercise.tempo)}")
    if exercise.dose == "hold" and (exercise.reps or 1) > 1:
        between = circuit.defaults.rest_between_reps
        if between:
            lines.append(f"{between} s between holds")
    if exercise.test:
        lines.append("a test: count your reps")
    if exercise.sides == "each":
        lines.append("each side: left, then right")
    return tuple(lines)


def rest_lines(circuit: Circuit, exercise: Exercise) -> tuple[str, ...]:
    """The rest column: between sets (when there are two or more), to switch sides."""
    lines = []
    if exercise.sets > 1:
        lines.append(f"{circuit.exercise_rest(exercise)} s between sets")
    if exercise.sides == "each" and circuit.defaults.switch_sides:
        lines.append(f"{circuit.defaults.switch_sides} s to switch sides")
    return tuple(lines) or ("-",)


def set_ticks(sets: int, rounds: int) -> Ticks:
    """One box a set; a block of several rounds gets a row of boxes per round."""
    if rounds == 1:
        return Ticks((("", sets),))
    return Ticks(tuple((f"Round {r}", sets) for r in range(1, rounds + 1)))


CIRCUIT_COLUMNS = ("Exercise", "Dose", "Rest", "Done: one box a set")


def _exercise_row(circuit: Circuit, exercise: Exercise, rounds: int) -> SheetRow:
    first = [exercise.name]
    if exercise.load:
        first.append(f"Load: {exercise.load}")
    return SheetRow(
        cells=(tuple(first), dose_lines(circuit, exercise), rest_lines(circuit, exercise)),
        cues=tuple(exercise.cues),
        notes=" ".join(exercise.notes.split()) if exercise.notes else None,
        ticks=set_ticks(exercise.sets, rounds),
    )


def block_line(circuit: Circuit, index: int) -> str:
    """ "strength, 2 rounds: the exercises in order, then again; 15 s between rounds"."""
    block = circuit.blocks[index]
    if block.rounds == 1:
        return block.kind
    return (
        f"{block.kind}, {block.rounds} rounds: the exercises in order, then again; "
        f"{circuit.rest_between_rounds(index)} s between rounds"
    )


def circuit_facts(circuit: Circuit) -> list[str]:
    """The lines under a circuit's title: summary, time, equipment, the usual rests."""
    d = circuit.defaults
    seconds = compile_timeline(circuit).estimated_seconds
    facts = [" ".join(circuit.summary.split())] if circuit.summary else []
    facts.append(f"About {minutes(seconds)} min, {plural(len(circuit.blocks), 'block')}")
    if circuit.equipment:
        facts.append("Equipment: " + ", ".join(circuit.equipment))
    facts.append(
        f"Rests: {d.rest} s between sets unless an exercise says otherwise, "
        f"{d.rest_between_exercises} s between exercises and between blocks"
    )
    return facts


def circuit_sheet(circuit: Circuit, printed: date) -> Sheet:
    """The sheet of one circuit: a section per block, a row per exercise."""
    sections = []
    for index, block in enumerate(circuit.blocks):
        rows = tuple(_exercise_row(circuit, ex, block.rounds) for ex in block.exercises)
        sections.append(
            SheetSection(
                heading=f"{index + 1}. {circuit.block_title(index)}",
                lines=(block_line(circuit, index),),
                columns=CIRCUIT_COLUMNS,
                rows=rows,
            )
        )
    return Sheet(
        kind="circuit",
        id=circuit.id,
        title=circuit.title,
        facts=tuple(circuit_facts(circuit)),
        sections=tuple(sections),
        closing=(CLINICIAN_NOTE,),
        printed=printed,
    )


# ---- a plan -------------------------------------------------------------------------

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
        exercise = next(
            (
                ex
                for circuit_id in laddered_circuits(plan, exercise_id, circuit_of)
                if (c := circuit_of(circuit_id)) is not None
                for b in c.blocks
                for ex in b.exercises
                if ex.id == exercise_id
            ),
            None,
        )
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
