"""A plan's ladders (``progression:``): their shape, what they need of the circuits, where
they apply and the dose of each step. The rule that moves along a ladder is in
``progression``.
"""

from __future__ import annotations

from collections.abc import Callable

from circuit_timer.core.adjust import adjustment_problem
from circuit_timer.core.model import Adjustment, Circuit, Exercise, Plan, Progression
from circuit_timer.core.suggest import closest
from circuit_timer.core.yaml_source import Path as DataPath

MIN_STEPS = 2
# The rung below the first: the ladder's `back` option, or the first step with a set fewer.
BACK = -1

# A problem the library reports: where in the plan, the message, and whether it points at
# the key (True) or the value.
LadderProblem = tuple[DataPath, str, bool]
CircuitOf = Callable[[str], Circuit | None]


def ladder_shape_problems(plan: Plan) -> list[tuple[DataPath, str]]:
    """What a ladder must be on its own (the circuits are the library's to check)."""
    problems: list[tuple[DataPath, str]] = []
    used = {s.circuit for week in plan.weeks for s in week.sessions}
    for ex_id, ladder in plan.progression.items():
        where: DataPath = ("progression", ex_id)
        if len(ladder.steps) < MIN_STEPS:
            problems.append(
                (
                    (*where, "steps"),
                    f"a ladder needs at least {MIN_STEPS} steps; '{ex_id}' has {len(ladder.steps)}",
                )
            )
        for i, step in enumerate(ladder.steps):
            if not step.model_dump(exclude_none=True):
                problems.append(((*where, "steps", i), f"step {i + 1} of '{ex_id}' sets nothing"))
            elif i and step == ladder.steps[i - 1]:
                problems.append(
                    ((*where, "steps", i), f"step {i + 1} of '{ex_id}' is the same as step {i}")
                )
        if ladder.back is not None and not ladder.back.model_dump(exclude_none=True):
            problems.append(((*where, "back"), f"'back' of '{ex_id}' sets nothing"))
        if ladder.circuits is None:
            continue
        if not ladder.circuits:
            problems.append(((*where, "circuits"), "'circuits' must not be empty"))
        seen: set[str] = set()
        for c, circuit_id in enumerate(ladder.circuits):
            if circuit_id in seen:
                problems.append(((*where, "circuits", c), f"circuit '{circuit_id}' is given twice"))
            elif circuit_id not in used:
                problems.append(
                    ((*where, "circuits", c), f"no session of this plan runs '{circuit_id}'")
                )
            seen.add(circuit_id)
    return problems


def find_exercise(circuit: Circuit, exercise_id: str) -> Exercise | None:
    """The exercise ``exercise_id`` of ``circuit``, or None."""
    return next(
        (ex for block in circuit.blocks for ex in block.exercises if ex.id == exercise_id), None
    )


def _plan_circuit_ids(plan: Plan) -> list[str]:
    ids: list[str] = []
    for week in plan.weeks:
        for session in week.sessions:
            if session.circuit not in ids:
                ids.append(session.circuit)
    return ids


def laddered_circuits(plan: Plan, exercise_id: str, circuit_of: CircuitOf) -> list[str]:
    """The circuits of ``plan`` whose sessions the ladder of ``exercise_id`` governs: those
    it names, else every circuit of the plan that has the exercise."""
    ladder = plan.progression.get(exercise_id)
    if ladder is None:
        return []
    if ladder.circuits is not None:
        return list(ladder.circuits)
    found = []
    for circuit_id in _plan_circuit_ids(plan):
        circuit = circuit_of(circuit_id)
        if circuit is not None and find_exercise(circuit, exercise_id) is not None:
            found.append(circuit_id)
    return found


def ladder_exercise(plan: Plan, exercise_id: str, circuit_of: CircuitOf) -> Exercise | None:
    """The exercise the ladder of ``exercise_id`` governs, as the first circuit it covers
    has it; None when none of those circuits is in the library."""
    for circuit_id in laddered_circuits(plan, exercise_id, circuit_of):
        circuit = circuit_of(circuit_id)
        exercise = find_exercise(circuit, exercise_id) if circuit is not None else None
        if exercise is not None:
            return exercise
    return None


def ladder_circuit_problems(plan: Plan, circuit_of: CircuitOf) -> list[LadderProblem]:
    """What each ladder needs of the circuits: the exercise in every circuit it names (or in
    at least one circuit of the plan), and steps that set only what its dose allows."""
    problems: list[LadderProblem] = []
    for ex_id, ladder in plan.progression.items():
        where: DataPath = ("progression", ex_id)
        exercises: list[Exercise] = []
        if ladder.circuits is not None:
            for c, circuit_id in enumerate(ladder.circuits):
                circuit = circuit_of(circuit_id)
                if circuit is None:
                    continue  # An unknown circuit is said where a session names it.
                exercise = find_exercise(circuit, ex_id)
                if exercise is None:
                    problems.append(
                        (
                            (*where, "circuits", c),
                            f"circuit '{circuit_id}' has no exercise '{ex_id}', so it cannot "
                            "be laddered there",
                            False,
                        )
                    )
                else:
                    exercises.append(exercise)
        else:
            circuits = [c for c in map(circuit_of, _plan_circuit_ids(plan)) if c is not None]
            exercises = [e for c in circuits if (e := find_exercise(c, ex_id)) is not None]
            if not exercises:
                ids = sorted({ex.id for c in circuits for b in c.blocks for ex in b.exercises})
                near = closest(ex_id, ids)
                hint = f" (did you mean '{near}'?)" if near else ""
                problems.append(
                    (where, f"no circuit of this plan has an exercise '{ex_id}'{hint}", True)
                )
        said: set[DataPath] = set()
        changes: list[tuple[DataPath, Adjustment]] = [
            ((*where, "steps", i), step) for i, step in enumerate(ladder.steps)
        ]
        if ladder.back is not None:
            changes.append(((*where, "back"), ladder.back))
        for exercise in exercises:
            for place, change in changes:
                for key in change.model_dump(exclude_none=True):
                    reason = adjustment_problem(exercise, key)
                    if reason and (*place, key) not in said:
                        said.add((*place, key))
                        problems.append(((*place, key), reason.replace("a plan", "a ladder"), True))
    return problems


def step_change(ladder: Progression, step: int, exercise: Exercise) -> Adjustment:
    """The change that puts ``exercise`` on ``step`` (0-based; ``BACK`` is below the first:
    the ladder's `back` over the first step, else the first step with one set fewer)."""
    if step != BACK:
        return ladder.steps[step]
    first = ladder.steps[0]
    if ladder.back is not None:
        return first.model_copy(update=ladder.back.model_dump(exclude_none=True))
    sets = first.sets if first.sets is not None else exercise.sets
    return first.model_copy(update={"sets": max(1, sets - 1)})


def on_step(exercise: Exercise, change: Adjustment) -> Exercise:
    """``exercise`` with a step's dose in place of its own."""
    update = change.model_dump(exclude_none=True)
    return exercise.model_copy(update=update) if update else exercise
