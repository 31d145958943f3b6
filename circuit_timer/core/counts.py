"""Reps a runner counted away from the app (`log --count EXERCISE=LEFT,RIGHT`), and the
load they used (`log --load EXERCISE=KG`, or `=bw` for bodyweight).

A count is stored as counted for every set of that exercise and side (a test has one
set per side). An exercise done on each side takes LEFT,RIGHT; one done with both legs
at once (or no side) takes a single N. A load is stored on every set of its exercise.
"""

from __future__ import annotations

from collections.abc import Iterable

from circuit_timer.core.model import Circuit
from circuit_timer.core.records import SideName, checked_load_kg
from circuit_timer.core.suggest import closest
from circuit_timer.core.validation import exercise_by_id

SideCounts = dict[tuple[str, SideName | None], int]
# Per exercise id: (kilograms, bodyweight), exactly one of them given.
ExerciseLoads = dict[str, tuple[float | None, bool]]

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


def _exercise_in(circuit: Circuit, exercise_id: str) -> None:
    """ValueError naming the circuit's exercises when it has no ``exercise_id``."""
    if exercise_by_id(circuit, exercise_id) is None:
        ids = [ex.id for block in circuit.blocks for ex in block.exercises]
        near = closest(exercise_id, ids)
        hint = f" (did you mean '{near}'?)" if near else f"; it has: {', '.join(ids)}"
        raise ValueError(f"circuit '{circuit.id}' has no exercise '{exercise_id}'{hint}")


def parse_load(text: str) -> tuple[str, float | None, bool]:
    """``"ID=12.5"`` -> ``("ID", 12.5, False)``, ``"ID=bw"`` -> ``("ID", None, True)``;
    ValueError with a one-line message."""
    exercise_id, sep, value = text.partition("=")
    exercise_id, value = exercise_id.strip(), value.strip()
    if not sep or not exercise_id or not value:
        raise ValueError(f"--load needs EXERCISE=KG (or EXERCISE=bw for bodyweight); got {text!r}")
    if value.lower() in ("bw", "bodyweight"):
        return exercise_id, None, True
    try:
        kg = float(value.lower().removesuffix("kg").strip())
    except ValueError:
        raise ValueError(
            f"--load {exercise_id}: {value!r} is not kilograms (a number) or bw"
        ) from None
    try:
        return exercise_id, checked_load_kg(kg), False
    except ValueError as exc:
        raise ValueError(f"--load {exercise_id}: {exc}") from None


def exercise_loads(circuit: Circuit, given: Iterable[str]) -> ExerciseLoads:
    """Each ``--load`` text checked against ``circuit``: exercise id -> (kg, bodyweight)."""
    result: ExerciseLoads = {}
    for text in given:
        exercise_id, kg, bodyweight = parse_load(text)
        _exercise_in(circuit, exercise_id)
        if exercise_id in result:
            raise ValueError(f"--load {exercise_id} is given twice")
        result[exercise_id] = (kg, bodyweight)
    return result


def side_counts(circuit: Circuit, given: Iterable[str]) -> SideCounts:
    """Each ``--count`` text checked against ``circuit``: (exercise id, side) -> reps."""
    result: SideCounts = {}
    seen: set[str] = set()
    for text in given:
        exercise_id, reps = parse_count(text)
        _exercise_in(circuit, exercise_id)
        exercise = exercise_by_id(circuit, exercise_id)
        assert exercise is not None
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
