"""Today's plan session: the one every Start runs, and how each planned session reads today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from circuit_timer.core.ladder import step_change
from circuit_timer.core.library import load_library
from circuit_timer.core.model import Circuit, Session
from circuit_timer.core.progression import ProgressionResult
from circuit_timer.core.schedule import (
    PlannedSession,
    PlannedStatus,
    PlanStatus,
    plan_schedule,
    session_circuit,
)
from circuit_timer.core.today import (
    TodayRow,
    TodaysSession,
    adapted_session,
    shown_status,
    todays_session,
)
from tests.paths import REPO

TODAY = date(2026, 11, 25)


def planned(circuit_id: str, day: date = TODAY, index: int = 0) -> PlannedSession:
    return PlannedSession(day, 1, None, circuit_id, Session(circuit=circuit_id), index)


def circuit(circuit_id: str) -> Circuit:
    return Circuit.model_validate(
        {
            "id": circuit_id,
            "title": circuit_id.title(),
            "blocks": [{"exercises": [{"id": "hops", "name": "Hops", "work": 30}]}],
        }
    )


def row(circuit_id: str, status: PlanStatus | None, *, in_library: bool = True) -> TodayRow:
    p = planned(circuit_id, index=len(circuit_id))
    found = circuit(circuit_id) if in_library else None
    return p, found, None if status is None else PlannedStatus(p, status, None)


def test_a_rest_day_has_nothing_to_start() -> None:
    assert todays_session([]) is None


def test_the_first_session_not_done_runs() -> None:
    rows = [row("a", "done"), row("b", "upcoming"), row("c", "upcoming")]
    found = todays_session(rows)
    assert found == TodaysSession(rows[1][0], rows[1][1])


def test_a_session_with_no_status_is_not_done() -> None:
    rows = [row("a", None)]
    assert todays_session(rows) == TodaysSession(rows[0][0], rows[0][1])


def test_done_for_today_has_nothing_to_start() -> None:
    assert todays_session([row("a", "done"), row("b", "done")]) is None


def test_a_session_whose_circuit_is_gone_is_passed_over_for_one_that_can_run() -> None:
    rows = [row("gone", "upcoming", in_library=False), row("b", "upcoming")]
    found = todays_session(rows)
    assert found is not None and found.planned == rows[1][0] and found.circuit == rows[1][1]


def test_when_only_sessions_without_their_circuit_are_left_the_first_is_named() -> None:
    rows = [
        row("a", "done"),
        row("gone", "upcoming", in_library=False),
        row("lost", "upcoming", in_library=False),
    ]
    assert todays_session(rows) == TodaysSession(rows[1][0], None)


def test_a_done_session_whose_circuit_is_gone_is_still_done() -> None:
    assert todays_session([row("gone", "done", in_library=False)]) is None


@pytest.mark.parametrize(
    ("status", "days_from_today", "shown"),
    [
        ("done", 0, "done"),
        ("missed", -2, "missed"),
        ("upcoming", 0, "today"),
        ("upcoming", -1, "open"),
        ("upcoming", 1, "upcoming"),
    ],
)
def test_shown_status(status: PlanStatus, days_from_today: int, shown: str) -> None:
    p = planned("a", TODAY + timedelta(days=days_from_today))
    assert shown_status(PlannedStatus(p, status, None), TODAY) == shown


def test_an_adapted_session_runs_the_earned_step_under_the_day_s_scale() -> None:
    library = load_library(REPO / "circuits", None)
    plan = library.plan("pf-crash-course-4-weeks")
    base = library.circuit("pf-crash-course")
    assert plan is not None and base is not None
    race = date(2026, 12, 31)
    by_days = {(race - p.date).days: p for p in plan_schedule(plan, race, race - timedelta(30))}
    ladder = plan.progression["towel-heel-raise"]
    heel = next(ex for b in base.blocks for ex in b.exercises if ex.id == "towel-heel-raise")

    def result(step: int | None) -> ProgressionResult:
        change = None if step is None else step_change(ladder, step, heel)
        return ProgressionResult("towel-heel-raise", "advance", step, change, "why")

    def heel_dose(circuit: Circuit) -> tuple[int, int | None]:
        [ex] = [e for b in circuit.blocks for e in b.exercises if e.id == "towel-heel-raise"]
        return ex.sets, ex.reps

    # 18 days out halves the sets: the earned 5 x 8 runs as 3 x 8, the plan's as 2 x 10.
    half = by_days[18]
    adapted = adapted_session(plan, half, base, [result(2)], library.circuit)
    assert heel_dose(adapted.circuit) == (3, 8) and adapted.steps == {"towel-heel-raise": 2}
    written = adapted_session(plan, half, base, [result(None)], library.circuit)
    assert written.circuit == session_circuit(half, base) and heel_dose(written.circuit) == (2, 10)
    assert written.steps == {"towel-heel-raise": None}
    # The taper circuit is not on the ladder: its session stays the plan's, nothing recorded.
    taper_base = library.circuit("taper-maintenance")
    assert taper_base is not None
    taper = adapted_session(plan, by_days[11], taper_base, [result(2)], library.circuit)
    assert taper.circuit == session_circuit(by_days[11], taper_base)
    assert (taper.results, taper.steps) == ((), {})
