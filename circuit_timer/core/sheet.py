"""What a printed sheet says: a circuit's blocks and exercises with their doses, rests,
loads, cues, notes and a box to tick per set (a plan's sheet is core/plan_sheet.py's).
Plain data, no layout: the PDF writer (ui/sheet_pdf.py) lays it out, and a test can read
it without Qt.

Every number on a sheet comes from the circuit or plan file, or from the schedule the
plan commands use (core/schedule.py); nothing is estimated but the circuit's time, which
is the timeline's own (format spec rule 7).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import CLINICIAN_NOTE, dose_text, minutes, plural
from circuit_timer.core.model import Circuit, Exercise
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
    bulleted ``cues`` under the first column's lines, ``notes`` across the whole row, the
    boxes to tick, and the counts to write in."""

    cells: tuple[tuple[str, ...], ...]
    cues: tuple[str, ...] = ()
    notes: str | None = None
    ticks: Ticks = Ticks()
    # Blanks to write a count in, under the boxes ("Left", "Right" for a test per side).
    write_in: tuple[str, ...] = ()


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
                found += [*row.cues, *([row.notes] if row.notes else []), *row.write_in]
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
        write_in=count_blanks(exercise),
    )


def count_blanks(exercise: Exercise) -> tuple[str, ...]:
    """A test's reps are what the runner counts: a blank per side to write them in."""
    if not exercise.test:
        return ()
    return ("Left", "Right") if exercise.sides == "each" else ("Reps",)


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
