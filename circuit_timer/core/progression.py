"""The progression rule: where on its ladder a laddered exercise goes next session, and why.

From the format spec ("History semantics", last bullet) and evidence.md ("Load that is
earned"): **advance** one step when the last two sessions at the current step had every
prescribed rep and the pain-monitoring rule allowed keeping the load; **hold** when pain
during or after was 4-5 or reps were missed once; **back** when pain passed 5, the next
morning was worse, or morning pain rose week on week; **as-planned** with no history yet
(the first step) or when the runner chose the plan as written. Nothing advances within
10 days of the race. Choices where the spec is silent are in docs/circuit-format.md,
section 8 ("Ladders").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from circuit_timer.core.adjust import apply_adapted
from circuit_timer.core.ladder import (
    BACK,
    CircuitOf,
    ladder_exercise,
    laddered_circuits,
    step_change,
)
from circuit_timer.core.model import Adjustment, Circuit, Exercise, Plan, Progression, Session
from circuit_timer.core.pain import PainAdvice, pain_level
from circuit_timer.core.plan_words import first_clause
from circuit_timer.core.records import SetRecord

Decision = Literal["advance", "hold", "back", "as-planned"]
DECISIONS: tuple[Decision, ...] = ("advance", "hold", "back", "as-planned")

# Nothing advances in the last 10 days before the race (evidence.md: the last heavy
# session 10-14 days out).
NO_ADVANCE_DAYS = 10
# Two sessions at a step earn the next; sessions come every second day (Rathleff).
SESSIONS_PER_STEP = 2
SESSION_SPACING_DAYS = 2


@dataclass(frozen=True)
class SetReps:
    """One set (one side) of the laddered exercise: reps prescribed and done.

    ``reps_done`` None: not counted (no evidence). A set the runner left at its target
    counts as done, as ``log`` without ``--count`` does."""

    reps_target: int | None
    reps_done: int | None


@dataclass(frozen=True)
class LadderSession:
    """One past session of the laddered exercise in this plan.

    ``step`` is the ladder step it prescribed (``BACK`` below the first; None: run as
    written, off the ladder). ``completed`` False: a partial session, which is no
    evidence. ``pain_during``/``pain_after``: its scores, None when not entered."""

    date: date
    step: int | None
    sets: tuple[SetReps, ...]
    completed: bool = True
    pain_during: int | None = None
    pain_after: int | None = None


@dataclass(frozen=True)
class ProgressionResult:
    """The next session's place on the ladder: ``step`` (0-based, ``BACK`` below the first,
    None when run as written), the ``change`` that gives its dose, and one line of
    ``reason`` naming the rule. ``notice`` is said beside it (a late start), or None."""

    exercise_id: str
    decision: Decision
    step: int | None
    change: Adjustment | None
    reason: str
    notice: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The result as `plan today --json` may carry it: ``dose`` holds the step's keys
        (null when run as written)."""
        dose = None if self.change is None else self.change.model_dump(exclude_none=True)
        return {
            "exercise_id": self.exercise_id,
            "decision": self.decision,
            "step": self.step,
            "dose": dose,
            "reason": self.reason,
            "notice": self.notice,
        }


_CLAUSE_WORDS = {
    "during-after": "Pain passed 5/10",
    "next-morning": "The next morning was worse",
    "week-to-week": "Morning pain rose week on week",
}


def _clause_words(advice: PainAdvice) -> str:
    """The broken clause that decided, in words; the week-to-week one with the averages it
    compared, so the runner sees by how much (never numbers they did not enter)."""
    clause = advice.clause or "during-after"
    words = _CLAUSE_WORDS[clause]
    week = advice.week
    if clause != "week-to-week" or week is None:
        return words
    return (
        f"{words} (average {week.recent:.1f}/10 over the last {week.recent_mornings} "
        f"mornings you scored, up from {week.previous:.1f}/10 over {week.before()})"
    )


def dose_words(change: Adjustment, exercise: Exercise) -> str:
    """A step's dose as a runner reads it: "3 x 12", "3 x 30 s", "3 x 10 holds of 10 s",
    with ", load: ..." (its first clause, so the reason stays one line) when there is one."""
    sets = change.sets if change.sets is not None else exercise.sets
    reps = change.reps if change.reps is not None else exercise.reps
    if exercise.dose == "timed":
        work = change.work if change.work is not None else exercise.work
        text = f"{sets} x {work} s"
    elif exercise.dose == "hold":
        hold = change.hold if change.hold is not None else exercise.hold
        text = f"{sets} x {reps or 1} holds of {hold} s"
    else:
        text = f"{sets} x {reps}"
    load = change.load if change.load is not None else exercise.load
    return f"{text}, load: {first_clause(load)}" if load is not None else text


def _missed(session: LadderSession) -> bool:
    return any(
        s.reps_target is not None and s.reps_done is not None and s.reps_done < s.reps_target
        for s in session.sets
    )


def _counted(session: LadderSession) -> bool:
    return bool(session.sets) and all(s.reps_done is not None for s in session.sets)


def _worst(session: LadderSession) -> int | None:
    scores = [v for v in (session.pain_during, session.pain_after) if v is not None]
    return max(scores) if scores else None


def climb_days(ladder: Progression) -> int:
    """Days a start at the first step needs to reach the top before nothing advances."""
    return NO_ADVANCE_DAYS + SESSION_SPACING_DAYS * SESSIONS_PER_STEP * (len(ladder.steps) - 1)


def decide(
    exercise: Exercise,
    ladder: Progression,
    history: Sequence[LadderSession],
    advice: PainAdvice,
    today: date,
    race_date: date,
    as_written: bool = False,
) -> ProgressionResult:
    """The decision for ``exercise``'s next session on ``today``.

    ``history``: the runner's sessions of this exercise in this plan (any order; those
    after ``today`` are ignored). ``advice``: the pain-monitoring verdict on ``today``
    (``pain.pain_advice``). ``as_written``: the runner chose the plan as written.
    """
    name = exercise.name
    if as_written:
        return ProgressionResult(
            exercise.id, "as-planned", None, None, f"{name}: the plan as written, as you chose."
        )
    days_left = (race_date - today).days
    done = sorted(
        (s for s in history if s.date <= today and s.completed and s.step is not None),
        key=lambda s: s.date,
    )

    def result(
        decision: Decision, step: int, why: str, notice: str | None = None
    ) -> ProgressionResult:
        change = step_change(ladder, step, exercise)
        # replace, not format: a reason taken from the pain advice is the runner's text.
        line = why.replace("{name}", name).replace("{dose}", dose_words(change, exercise))
        return ProgressionResult(exercise.id, decision, step, change, line, notice)

    if not done:
        notice = None
        if days_left < climb_days(ladder):
            notice = (
                f"{days_left} days to the race: fewer than the {climb_days(ladder)} the "
                "ladder needs, so it will not be climbed before race day."
            )
        if advice.lighter_next_time:
            why = _clause_words(advice) + ": {name} starts lower, at {dose}."
            return result("back", BACK, why, notice)
        return result("as-planned", 0, "First session on the ladder: {name} at {dose}.", notice)

    last = done[-1]
    current = last.step
    assert current is not None
    lower = max(BACK, current - 1)
    earlier = done[-2] if len(done) > 1 and done[-2].step == current else None
    if advice.lighter_next_time:
        why = _clause_words(advice) + ": {name} steps back to {dose}."
        return result("back", lower, why)
    if _missed(last) and earlier is not None and _missed(earlier):
        return result(
            "back", lower, "Reps missed two sessions running: {name} steps back to {dose}."
        )
    worst = _worst(last)
    if advice.level == "acceptable" or (worst is not None and pain_level(worst) == "acceptable"):
        score = f"{worst}/10" if worst is not None and 4 <= worst <= 5 else "4-5/10"
        why = f"Pain reached {score}: {{name}} stays at {{dose}}, no added load."
        return result("hold", current, why)
    if _missed(last):
        return result("hold", current, "Reps missed last session: {name} stays at {dose}.")
    if not _counted(last):
        return result(
            "hold", current, "Last session's reps were not counted: {name} stays at {dose}."
        )
    if worst is None and advice.level == "none":
        return result(
            "hold", current, "No pain score for the last session: {name} stays at {dose}."
        )
    if earlier is None or not _counted(earlier) or _missed(earlier):
        return result(
            "hold", current, "One more session with every rep at this step: {name} stays at {dose}."
        )
    earlier_worst = _worst(earlier)
    if earlier_worst is not None and pain_level(earlier_worst) != "safe":
        return result(
            "hold",
            current,
            f"Pain reached {earlier_worst}/10 two sessions ago: {{name}} stays at {{dose}}.",
        )
    if current == len(ladder.steps) - 1:
        return result("hold", current, "Top of the ladder: {name} stays at {dose}.")
    if days_left <= NO_ADVANCE_DAYS:
        return result(
            "hold",
            current,
            f"{days_left} days to the race: no added load in the last {NO_ADVANCE_DAYS} days, "
            "so {name} stays at {dose}.",
        )
    return result(
        "advance",
        current + 1,
        "Every rep done in the last two sessions, pain within bounds: {name} moves up to {dose}.",
    )


def set_reps(sets: Sequence[SetRecord], exercise_id: str) -> tuple[SetReps, ...]:
    """The sets of ``exercise_id`` among a session's stored sets, as the rule reads them."""
    return tuple(SetReps(s.reps_target, s.reps_done) for s in sets if s.exercise_id == exercise_id)


def session_steps(
    plan: Plan, circuit_id: str, results: Sequence[ProgressionResult], circuit_of: CircuitOf
) -> dict[str, Adjustment]:
    """Of ``results``, the step changes that apply to a session of ``circuit_id``: those of
    ladders that govern that circuit, and not run as written."""
    return {
        r.exercise_id: r.change
        for r in results
        if r.change is not None and circuit_id in laddered_circuits(plan, r.exercise_id, circuit_of)
    }


def adapted_circuit(
    plan: Plan,
    session: Session,
    circuit: Circuit,
    results: Sequence[ProgressionResult],
    circuit_of: CircuitOf,
) -> Circuit:
    """``circuit`` as the adapted ``session`` runs it: each governed exercise on its decided
    step, then the session's dated ``adjust``/``scale`` on top (``adjust.apply_adapted``).
    Beside it, ``adjust.apply_session`` gives the plan's own dose."""
    return apply_adapted(circuit, session, session_steps(plan, circuit.id, results, circuit_of))


def plan_decisions(
    plan: Plan,
    circuit_of: CircuitOf,
    histories: Mapping[str, Sequence[LadderSession]],
    advice: PainAdvice,
    today: date,
    race_date: date,
    as_written: bool = False,
) -> list[ProgressionResult]:
    """``decide`` for every ladder of ``plan`` (in file order), each reading its exercise
    as the first circuit the ladder covers has it; ``histories`` by exercise id (an
    exercise with none has no history). A ladder whose circuits are all missing is left
    out: the library reports it."""
    results = []
    for exercise_id, ladder in plan.progression.items():
        exercise = ladder_exercise(plan, exercise_id, circuit_of)
        if exercise is None:
            continue
        history = histories.get(exercise_id, ())
        results.append(
            decide(exercise, ladder, history, advice, today, race_date, as_written=as_written)
        )
    return results
