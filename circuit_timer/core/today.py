"""Today's plan session: the one a Start runs, and how each planned session reads today.

The Today page, the Library's "today's plan session", the window's Start and
`circuit-timer run` without a circuit all ask ``todays_session``, so they agree on which
session runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from circuit_timer.core.ladder import CircuitOf, laddered_circuits
from circuit_timer.core.model import Adjustment, Circuit, Plan
from circuit_timer.core.progression import ProgressionResult, adapted_circuit, dose_words
from circuit_timer.core.schedule import PlannedSession, PlannedStatus, session_circuit

# One of today's planned sessions: its circuit as the plan runs it (None: the library no
# longer has it) and its status (None: not in the progress, so not done).
TodayRow = tuple[PlannedSession, Circuit | None, PlannedStatus | None]


@dataclass(frozen=True)
class TodaysSession:
    """The plan session today is about; ``circuit`` is None when its circuit is no longer
    in the library, so there is nothing to start."""

    planned: PlannedSession
    circuit: Circuit | None


def todays_session(rows: Sequence[TodayRow]) -> TodaysSession | None:
    """The session a Start runs today: the first of today's not done yet whose circuit the
    library has (with the plan's changes applied). When every one left has lost its
    circuit, the first of those (to say so); None when none is left (done, or a rest day).
    """
    pending = [(p, c) for p, c, status in rows if status is None or status.status != "done"]
    for planned, circuit in pending:
        if circuit is not None:
            return TodaysSession(planned, circuit)
    if pending:
        return TodaysSession(pending[0][0], None)
    return None


def shown_status(status: PlannedStatus, today: date) -> str:
    """The status a runner reads: done, missed, today, open (yesterday's, still in its
    window, so doing it today counts) or upcoming. "today" and "open" are both "upcoming"
    to `plan status`."""
    if status.status != "upcoming":
        return status.status
    if status.planned.date == today:
        return "today"
    return "open" if status.planned.date < today else "upcoming"


@dataclass(frozen=True)
class AdaptedSession:
    """A plan session as the progression rule runs it: the ``circuit`` to run (adapted, or
    as written when the runner chose so), the ``results`` that govern it, and the ladder
    ``steps`` to record with it (None per exercise: as written)."""

    circuit: Circuit
    results: tuple[ProgressionResult, ...]
    steps: dict[str, int | None]


def adapted_session(
    plan: Plan,
    planned: PlannedSession,
    circuit: Circuit,
    results: Sequence[ProgressionResult],
    circuit_of: CircuitOf,
) -> AdaptedSession:
    """``planned`` (on the library's ``circuit``, before the plan's changes) adapted by
    ``results``: only the ladders that govern its circuit count. With every result as
    written (or none), the plan's own session."""
    governing = tuple(
        r for r in results if circuit.id in laddered_circuits(plan, r.exercise_id, circuit_of)
    )
    steps = {r.exercise_id: r.step for r in governing}
    if not governing or all(r.change is None for r in governing):
        return AdaptedSession(session_circuit(planned, circuit), governing, steps)
    adapted = adapted_circuit(plan, planned.session, circuit, governing, circuit_of)
    return AdaptedSession(adapted, governing, steps)


@dataclass(frozen=True)
class LadderDose:
    """One laddered exercise of an adapted session in words: the dose the plan as written
    has (``written``) and the one it runs at (``dose``), with the rule's ``result``."""

    name: str
    written: str
    dose: str
    result: ProgressionResult


def ladder_doses(adapted: AdaptedSession, plan_circuit: Circuit) -> list[LadderDose]:
    """Per laddered exercise that runs today, its dose beside the plan's (one walk for
    `plan today` and the window, each with its own wording)."""
    plan_exercises = {ex.id: ex for block in plan_circuit.blocks for ex in block.exercises}
    # As it runs: the step's dose with the session's scale on top.
    runs = {ex.id: ex for block in adapted.circuit.blocks for ex in block.exercises}
    doses = []
    for result in adapted.results:
        exercise = plan_exercises.get(result.exercise_id)
        if exercise is None or result.exercise_id not in runs:
            continue
        written = dose_words(Adjustment(), exercise)
        dose = dose_words(Adjustment(), runs[result.exercise_id])
        doses.append(LadderDose(exercise.name, written, dose, result))
    return doses
