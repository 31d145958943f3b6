"""The Plan page's ladder lines: per plan session, the step each laddered exercise was done
at and the load the runner entered for it (so the climb, or the step back, shows), and for
today's session the dose the progression rule gives it beside the plan's, with its reason.

``ladder_lines`` is read on the page's PageLoader worker with its own read-only store.
"""

from __future__ import annotations

from datetime import date

from circuit_timer.core.ladder import BACK, ladder_exercise, step_change
from circuit_timer.core.library import Library
from circuit_timer.core.model import Adjustment, Exercise, Progression
from circuit_timer.core.progression import ProgressionResult, dose_words
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.chart_data import ladder_series, load_words
from circuit_timer.ui.plan_start import today_adapted

# Per session date, the lines the Plan page adds to that session's changes: short for the
# row, full (with the rule's reason) for its tooltip.
LadderLines = dict[date, list[tuple[str, str]]]


def _short(change: Adjustment, exercise: Exercise) -> str:
    # The row keeps to sets x reps (the load in full is in the tooltip).
    return dose_words(change, exercise.model_copy(update={"load": None})).split(", load")[0]


def _load_only(ladder: Progression, step: int, beside: int, exercise: Exercise) -> bool:
    """Whether ``step`` differs from the step ``beside`` it in its load alone (the ladder's
    step back, "both legs at once", often keeps the first step's sets and reps): then the
    row says the load, or it would read as no change."""
    if not BACK <= beside < len(ladder.steps):
        return False
    here, there = step_change(ladder, step, exercise), step_change(ladder, beside, exercise)
    return _short(here, exercise) == _short(there, exercise) and here.load != there.load


def _today_short(result: ProgressionResult, ladder: Progression, exercise: Exercise) -> str:
    """Today's dose for the row (``exercise`` as it runs): sets x reps, with the load when
    it is all that changed from the step the rule moved from."""
    moved = {"back": 1, "advance": -1}.get(result.decision)
    step = result.step
    if step is not None and moved is not None and _load_only(ladder, step, step + moved, exercise):
        return dose_words(Adjustment(), exercise)  # the load's first clause only
    return _short(Adjustment(), exercise)


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
        exercise = ladder_exercise(plan, series.exercise_id, library.circuit)
        if exercise is None:
            continue
        for past in series.points:  # completed sessions only: the rule counts no other
            if past.step is None:
                short = "done as the plan is written"
            else:
                change = step_change(ladder, past.step, exercise)
                load_only = past.step == BACK and _load_only(ladder, BACK, 0, exercise)
                said = dose_words(change, exercise) if load_only else _short(change, exercise)
                short = f"done at {said}"
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
            ladder = plan.progression[result.exercise_id]
            short = f"{_today_short(result, ladder, exercise)} today ({result.decision})"
            head = f"{exercise.name}: " if named else "Ladder: "
            full = f"{exercise.name}: {dose_words(Adjustment(), exercise)} today. {result.reason}"
            if result.notice:
                full += f" {result.notice}"  # a late start: the ladder may not be climbed
            found.setdefault(overview.today, []).append((head + short, full))
    return found


def ladder_text(lines: LadderLines, day: date) -> str:
    """The full ladder lines of ``day`` (today's with the rule's reason), one a line."""
    return "\n".join(full for _, full in lines.get(day, []))
