"""The sets a circuit asks for: one per exercise, set, round and side."""

from __future__ import annotations

from dataclasses import dataclass

from circuit_timer.core.model import Circuit
from circuit_timer.core.records import CompletedSet, SideName
from circuit_timer.core.timeline import compile_timeline


@dataclass(frozen=True)
class PlannedSet:
    """One set (one side of it) as the circuit prescribes it."""

    block: int
    round: int
    exercise_id: str
    exercise_name: str
    set_number: int
    side: SideName | None
    reps_target: int | None
    seconds: float | None
    load: str | None
    dose: str
    test: bool = False

    def done(self, counted: int | None = None) -> CompletedSet:
        """This set as completed away from the app: with the reps the runner ``counted``,
        or else as done at its target (not counted)."""
        return CompletedSet(
            block=self.block,
            round=self.round,
            exercise_id=self.exercise_id,
            exercise_name=self.exercise_name,
            set_number=self.set_number,
            side=self.side,
            reps_target=self.reps_target,
            reps_done=self.reps_target if counted is None else counted,
            seconds=self.seconds,
            dose=self.dose,
            load=self.load,
            test=self.test,
            counted=counted is not None,
        )


def planned_sets(circuit: Circuit) -> list[PlannedSet]:
    """Every set in timeline order; holds of one set and side are one set."""
    exercises = {ex.id: ex for block in circuit.blocks for ex in block.exercises}
    result: dict[tuple[int, int, str, int, str | None], PlannedSet] = {}
    for segment in compile_timeline(circuit).segments:
        if segment.kind not in ("work", "hold"):
            continue
        key = (segment.block, segment.round, segment.exercise, segment.set, segment.side)
        ex = exercises[segment.exercise]
        seconds: float | None = segment.seconds
        if key in result:  # a further hold of the same set and side
            earlier = result[key]
            seconds = (earlier.seconds or 0) + (segment.seconds or 0)
        result[key] = PlannedSet(
            block=segment.block,
            round=segment.round,
            exercise_id=segment.exercise,
            exercise_name=ex.name,
            set_number=segment.set,
            side=segment.side,
            reps_target=segment.reps,
            seconds=seconds,
            load=ex.load,
            dose=ex.dose,
            test=ex.test,
        )
    return list(result.values())
