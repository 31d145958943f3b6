"""A plan session's ``adjust`` and ``scale``, applied to a copy of its circuit."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal

from circuit_timer.core.model import Adjustment, Circuit, DoseKind, Exercise, Session
from circuit_timer.core.values import MAX_COUNT

# What each dose lets a plan change: changing the dose itself (reps on a timed
# exercise) would make an exercise the circuit file never described.
ADJUSTABLE: dict[DoseKind, tuple[str, ...]] = {
    "timed": ("sets", "work", "load"),
    "tempo": ("sets", "reps", "load"),
    "open": ("sets", "reps", "load"),
    "hold": ("sets", "reps", "hold", "load"),
}
DOSE_WORDS: dict[DoseKind, str] = {
    "timed": "timed ('work')",
    "tempo": "tempo reps",
    "open": "open reps",
    "hold": "holds",
}


def adjustment_problem(exercise: Exercise, key: str) -> str | None:
    """Why ``key`` may not be adjusted on ``exercise``, or None if it may."""
    if key in ADJUSTABLE[exercise.dose]:
        return None
    allowed = ", ".join(ADJUSTABLE[exercise.dose])
    return (
        f"'{exercise.id}' is {DOSE_WORDS[exercise.dose]}, so a plan cannot set '{key}' on it "
        f"(it can set: {allowed})"
    )


def scaled_sets(sets: int, scale: float) -> int:
    """``sets`` x ``scale``, rounded up, at least 1 (exact: 0.1 x 30 is 3, not 4)."""
    exact = Decimal(sets) * Decimal(repr(scale))
    return max(1, min(MAX_COUNT, math.ceil(exact)))


def _adjusted(exercise: Exercise, change: Adjustment | None, scale: float | None) -> Exercise:
    update = change.model_dump(exclude_none=True) if change is not None else {}
    # An explicit 'sets' in adjust is what the plan author asked for: scale leaves it.
    if scale is not None and "sets" not in update:
        update["sets"] = scaled_sets(exercise.sets, scale)
    return exercise.model_copy(update=update) if update else exercise


def apply_session(circuit: Circuit, session: Session) -> Circuit:
    """``circuit`` as ``session`` runs it; the circuit itself is left untouched."""
    if not session.adjust and session.scale is None:
        return circuit
    blocks = [
        block.model_copy(
            update={
                "exercises": [
                    _adjusted(ex, session.adjust.get(ex.id), session.scale)
                    for ex in block.exercises
                ]
            }
        )
        for block in circuit.blocks
    ]
    return circuit.model_copy(update={"blocks": blocks})


def apply_adapted(circuit: Circuit, session: Session, steps: Mapping[str, Adjustment]) -> Circuit:
    """``circuit`` as an adapted ``session`` runs it: each exercise in ``steps`` takes that
    step's dose in place of its own, then the session's changes apply on top. Of an
    ``adjust`` entry for a laddered exercise, the keys the step sets are the plan as
    written's and are set aside; its other keys apply, and ``scale`` scales the step's sets
    (unless the entry's own ``sets`` is left to win, as without a ladder)."""
    if not steps:
        return apply_session(circuit, session)

    def one(exercise: Exercise) -> Exercise:
        step = steps.get(exercise.id)
        change = session.adjust.get(exercise.id)
        if step is None:
            return _adjusted(exercise, change, session.scale)
        given = step.model_dump(exclude_none=True)
        stepped = exercise.model_copy(update=given) if given else exercise
        if change is not None:
            rest = {k: v for k, v in change.model_dump(exclude_none=True).items() if k not in given}
            change = Adjustment.model_validate(rest) if rest else None
        return _adjusted(stepped, change, session.scale)

    blocks = [
        block.model_copy(update={"exercises": [one(ex) for ex in block.exercises]})
        for block in circuit.blocks
    ]
    return circuit.model_copy(update={"blocks": blocks})
