"""The Plan page's ladder lines: per plan session, the step each laddered exercise was done
at and the load the runner entered for it (so the climb, or the step back, shows), and for
today's session the dose the progression rule gives it beside the plan's, with its reason.

``ladder_lines`` is read on the page's PageLoader worker with its own read-only store.
"""

from __future__ import annotations

from datetime import date

from circuit_timer.core.ladder import laddered_circuits, step_change
from circuit_timer.core.library import Library
from circuit_timer.core.model import Adjustment, Exercise, Plan
from circuit_timer.core.progression import dose_words
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.chart_data import ladder_series, load_words
from circuit_timer.ui.plan_start import today_adapted

# Per session date, the lines the Plan page adds to that session's changes: short for the
# row, full (with the rule's reason) for its tooltip.
LadderLines = dict[date, list[tuple[str, str]]]


def _exercise(plan: Plan, exercise_id: str, library: Library) -> Exercise | None:
    for circuit_id in laddered_circuits(plan, exercise_id, library.circuit):
        circuit = library.circuit(circuit_id)
        for block in circuit.blocks if circuit else []:
            for exercise in block.exercises:
                if exercise.id == exercise_id:
                    return exercise
    return None


def _short(change: Adjustment, exercise: Exercise) -> str:
    # The row keeps to sets x reps (the load in full is in the tooltip).
    return dose_words(change, exercise.model_copy(update={"load": None})).split(", load")[0]


def ladder_lines(
    store: HistoryStore, library: Library, overview: insights.PlanOverview | None
) -> LadderLines:
    """The ladder lines of the followed plan's sessions (empty without ladders)."""
    if overview is None or overview.followed.plan is None:
        return {}
    plan = overview.followed.plan
    if not plan.progression:
        return {}
    enrolment = overview.followed.enrolment
    found: LadderLines = {}
    # One ladder (the bundled plans): the row's lines need not name the exercise.
    named = len(plan.progression) > 1
    steps = store.ladder_steps(enrolment.plan_id, enrolment.started_on, overview.today)
    sessions = store.sessions(since=enrolment.started_on, until=overview.today) if steps else []
    loads = store.loads_by_session() if steps else {}
    for series in ladder_series(plan, library.circuit, steps, sessions, loads):
        ladder = plan.progression[series.exercise_id]
        exercise = _exercise(plan, series.exercise_id, library)
        if exercise is None:
            continue
        for past in series.points:  # completed sessions only: the rule counts no other
            if past.step is None:
                short = "done as the plan is written"
            else:
                short = f"done at {_short(step_change(ladder, past.step, exercise), exercise)}"
            if (load := load_words(past)) is not None:
                short += f", {load}"  # none entered: no load is said (never 0 kg)
            head = f"{series.name}: " if named else "Ladder: "
            found.setdefault(past.date, []).append((head + short, f"{series.name}: {short}"))
    adapted = today_adapted(store, library, overview)
    if adapted is not None:
        runs = {ex.id: ex for block in adapted.circuit.blocks for ex in block.exercises}
        for result in adapted.results:
            exercise = runs.get(result.exercise_id)
            if exercise is None:
                continue
            short = f"{_short(Adjustment(), exercise)} today ({result.decision})"
            head = f"{exercise.name}: " if named else "Ladder: "
            full = f"{exercise.name}: {dose_words(Adjustment(), exercise)} today. {result.reason}"
            if result.notice:
                full += f" {result.notice}"  # a late start: the ladder may not be climbed
            found.setdefault(overview.today, []).append((head + short, full))
    return found


def ladder_text(lines: LadderLines, day: date) -> str:
    """The full ladder lines of ``day`` (today's with the rule's reason), one a line."""
    return "\n".join(full for _, full in lines.get(day, []))
