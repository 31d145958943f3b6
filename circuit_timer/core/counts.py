"""Reps a runner counted away from the app (`log --count EXERCISE=LEFT,RIGHT`).

A count is stored as counted for every set of that exercise and side (a test has one
set per side). An exercise done on each side takes LEFT,RIGHT; one done with both legs
at once (or no side) takes a single N.
"""

from __future__ import annotations

from collections.abc import Iterable

from circuit_timer.core.model import Circuit
from circuit_timer.core.records import SideName
from circuit_timer.core.suggest import closest
from circuit_timer.core.validation import exercise_by_id

SideCounts = dict[tuple[str, SideName | None], int]

_FORM = "EXERCISE=LEFT,RIGHT (or EXERCISE=N for one done with both legs)"


def _reps(text: str, exercise_id: str) -> int:
    text = text.strip()
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"--count {exercise_id}: {text!r} is not a whole number of reps") from None
    if value < 0:
        raise ValueError(f"--count {exercise_id}: reps cannot be negative ({value})")
    return value


def parse_count(text: str) -> tuple[str, list[int]]:
    """``"ID=22,31"`` -> ``("ID", [22, 31])``; ValueError with a one-line message."""
    exercise_id, sep, numbers = text.partition("=")
    exercise_id = exercise_id.strip()
    if not sep or not exercise_id or not numbers.strip():
        raise ValueError(f"--count needs {_FORM}; got {text!r}")
    return exercise_id, [_reps(part, exercise_id) for part in numbers.split(",")]


def side_counts(circuit: Circuit, given: Iterable[str]) -> SideCounts:
    """Each ``--count`` text checked against ``circuit``: (exercise id, side) -> reps."""
    result: SideCounts = {}
    seen: set[str] = set()
    for text in given:
        exercise_id, reps = parse_count(text)
        exercise = exercise_by_id(circuit, exercise_id)
        if exercise is None:
            ids = [ex.id for block in circuit.blocks for ex in block.exercises]
            near = closest(exercise_id, ids)
            hint = f" (did you mean '{near}'?)" if near else f"; it has: {', '.join(ids)}"
            raise ValueError(f"circuit '{circuit.id}' has no exercise '{exercise_id}'{hint}")
        if exercise_id in seen:
            raise ValueError(f"--count {exercise_id} is given twice")
        seen.add(exercise_id)
        if exercise.dose in ("timed", "hold"):
            what = "timed" if exercise.dose == "timed" else "a hold"
            raise ValueError(f"'{exercise_id}' is {what}: it has no reps to count")
        if exercise.sides == "each":
            if len(reps) != 2:
                raise ValueError(
                    f"'{exercise_id}' is done on each side: give --count {exercise_id}=LEFT,RIGHT"
                )
            result[(exercise_id, "left")], result[(exercise_id, "right")] = reps
        else:
            if len(reps) != 1:
                raise ValueError(
                    f"'{exercise_id}' is done with both legs at once, not per side: give "
                    f"--count {exercise_id}=N"
                )
            result[(exercise_id, None)] = reps[0]
    return result
