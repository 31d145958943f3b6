"""The bundled library: valid, complete, pointing editors at the schema, true to the evidence."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from circuit_timer import paths
from circuit_timer.core.adjust import apply_session
from circuit_timer.core.library import Library, find_files, load_library
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.schema import file_schema
from circuit_timer.core.timeline import compile_timeline
from tests.conftest import REPO

CIRCUITS = {
    "pf-crash-course",
    "calf-achilles",
    "stronger-feet",
    "runners-knee",
    "taper-maintenance",
    "heel-raise-test",
}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


def test_bundled_folder_is_the_repository_one_in_a_checkout() -> None:
    assert paths.bundled_circuits_dir() == REPO / "circuits"


def test_every_bundled_file_is_valid(library: Library) -> None:
    assert library.problems == []
    assert {e.id for e in library.entries.values() if e.kind == "circuit"} >= CIRCUITS
    plans = [e for e in library.entries.values() if e.kind == "plan"]
    assert "pf-crash-course-4-weeks" in {p.id for p in plans}
    assert len(plans) >= 2
    assert all(p.path.parent.name == "plans" for p in plans)


def test_every_file_starts_with_the_schema_line_and_the_clinician_note() -> None:
    schema = REPO / "schema" / "circuit-timer.schema.json"
    for path in find_files(REPO / "circuits"):
        first, second = path.read_text(encoding="utf-8").splitlines()[:2]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        assert (path.parent / first[len(prefix) :]).resolve() == schema.resolve(), path
        assert second.startswith("# Not a substitute for a clinician"), path


def test_schema_file_matches_the_schema_command() -> None:
    on_disk = json.loads((REPO / "schema" / "circuit-timer.schema.json").read_text())
    assert on_disk == file_schema(), "run `make schema` and commit the result"


def test_every_exercise_has_coaching_cues(library: Library) -> None:
    for entry in library.entries.values():
        if isinstance(entry.document, Circuit):
            for block in entry.document.blocks:
                for exercise in block.exercises:
                    assert exercise.cues, f"{entry.id}/{exercise.id} has no cues"


def minutes(library: Library, circuit_id: str) -> float:
    circuit = library.circuit(circuit_id)
    assert circuit is not None
    return compile_timeline(circuit).estimated_seconds / 60


def test_flagship_is_25_to_35_minutes_and_has_what_the_issue_asks(library: Library) -> None:
    assert 25 <= minutes(library, "pf-crash-course") <= 35
    circuit = library.circuit("pf-crash-course")
    assert circuit is not None
    exercises = {ex.id: ex for block in circuit.blocks for ex in block.exercises}
    towel = exercises["towel-heel-raise"]
    assert (towel.dose, towel.tempo, towel.sides) == ("tempo", (3, 2, 3), "each")
    for needed in ("banded-eversion", "single-leg-bridge", "single-leg-rdl", "pf-stretch"):
        assert needed in exercises
        assert exercises[needed].sides == "each"
    assert "pogo-hops" in exercises or "a-skips" in exercises
    stretch = exercises["pf-stretch"]
    assert (stretch.dose, stretch.hold, stretch.reps) == ("hold", 10, 10)


def test_taper_is_short_and_light(library: Library) -> None:
    assert minutes(library, "taper-maintenance") < minutes(library, "pf-crash-course") * 0.6


def test_heel_raise_test_counts_each_side_to_failure(library: Library) -> None:
    circuit = library.circuit("heel-raise-test")
    assert circuit is not None
    tests = [
        ex for b in circuit.blocks for ex in b.exercises if ex.id == "single-leg-heel-raise-test"
    ]
    assert len(tests) == 1
    assert (tests[0].dose, tests[0].sides, tests[0].sets) == ("open", "each", 1)


def test_crash_course_plan_follows_the_evidence(library: Library) -> None:
    plan = library.plan("pf-crash-course-4-weeks")
    assert isinstance(plan, Plan)
    weeks = {w.weeks_out: w for w in plan.weeks}
    assert {3, 2, 1, 0} <= set(weeks) and max(weeks) in (3, 4)
    race_week = weeks[0].sessions
    assert len(race_week) == 1 and race_week[0].days_before_race in (2, 3, 4)

    def towel_sets(session_index: int, week: int) -> tuple[int, int | None]:
        session = weeks[week].sessions[session_index]
        circuit = library.circuit(session.circuit)
        assert circuit is not None
        adjusted = apply_session(circuit, session)
        for block in adjusted.blocks:
            for ex in block.exercises:
                if ex.id == "towel-heel-raise":
                    return ex.sets, ex.reps
        raise AssertionError("no towel heel raise")

    # 3x12 in the first week, 4x10 the next, about half the sets in week 2 out.
    first = max(weeks)
    assert towel_sets(0, first) == (3, 12)
    assert towel_sets(0, 3 if first == 4 else 2)[0] >= 3
    if first == 4:
        assert towel_sets(0, 3) == (4, 10)
    heavy, half = towel_sets(0, 3), towel_sets(0, 2)
    assert half[0] <= (heavy[0] + 1) // 2 + 1


def test_crash_course_plan_can_start_three_weeks_out(library: Library) -> None:
    plan = library.plan("pf-crash-course-4-weeks")
    assert plan is not None
    race = date(2026, 12, 20)
    start = race - timedelta(days=21)
    # Weeks whose window has not ended on the start date still hold sessions.
    upcoming = [
        w for w in plan.weeks if race - timedelta(days=7 * w.weeks_out) >= start and w.sessions
    ]
    assert {w.weeks_out for w in upcoming} >= {3, 2, 1, 0}
