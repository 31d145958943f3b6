"""A plan's ladders: what `validate` says of a bad one (with line:col), where a ladder
applies, and the dose of each step."""

from __future__ import annotations

import textwrap
from pathlib import Path

from circuit_timer.core.ladder import BACK, ladder_exercise, laddered_circuits, step_change
from circuit_timer.core.library import load_library
from circuit_timer.core.model import Exercise, Plan

CIRCUITS = {
    "pf.yaml": """\
        title: PF
        blocks:
          - exercises:
              - {id: raise, name: Raise, sets: 3, reps: 12, tempo: 3-2-3}
              - {id: hop, name: Hop, sets: 3, work: 10}
        """,
    "taper.yaml": """\
        title: Taper
        blocks:
          - exercises:
              - {id: raise, name: Raise, sets: 2, reps: 8, tempo: 3-2-3}
        """,
    "other.yaml": """\
        title: Other
        blocks:
          - exercises:
              - {id: bridge, name: Bridge, reps: 10}
        """,
}

PLAN_HEAD = """\
id: plan
weeks:
  - weeks_out: 2
    sessions:
      - {day: tue, circuit: pf}
      - {day: thu, circuit: taper}
      - {day: sat, circuit: other}
progression:
"""


def problems(tmp_path: Path, ladder: str) -> list[tuple[int, int, str]]:
    for name, text in CIRCUITS.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    (tmp_path / "plan.yaml").write_text(PLAN_HEAD + ladder)
    library = load_library(tmp_path, None)
    return [(p.line, p.col, p.message) for p in library.problems]


GOOD = """\
  raise:
    steps:
      - {sets: 3, reps: 12, load: 12RM}
      - {sets: 4, reps: 10, load: 10RM}
    back: {sets: 2}
    circuits: [pf]
"""


def test_a_good_ladder_loads(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD) == []


def test_one_step_is_no_ladder(tmp_path: Path) -> None:
    found = problems(tmp_path, "  raise:\n    steps:\n      - {sets: 3}\n")
    assert found == [(11, 7, "a ladder needs at least 2 steps; 'raise' has 1")]


def test_steps_take_only_what_adjust_takes(tmp_path: Path) -> None:
    found = problems(
        tmp_path, "  raise:\n    steps:\n      - {sets: 3, tempo: 1-1-1}\n      - {sets: 4}\n"
    )
    assert found == [(11, 19, "unknown key 'tempo'; allowed: sets, reps, work, hold, load")]


def test_a_step_must_suit_the_dose(tmp_path: Path) -> None:
    found = problems(tmp_path, "  hop:\n    steps:\n      - {sets: 3}\n      - {reps: 4}\n")
    assert found == [
        (
            12,
            10,
            "'hop' is timed ('work'), so a ladder cannot set 'reps' on it "
            "(it can set: sets, work, load)",
        )
    ]


def test_sensible_values(tmp_path: Path) -> None:
    found = problems(tmp_path, "  raise:\n    steps:\n      - {sets: 0}\n      - {sets: 4}\n")
    assert found == [(11, 16, "'sets' must be from 1 to 100; got 0")]
    ladder = (
        "  raise:\n    steps:\n      - {sets: 3}\n      - {}\n      - {sets: 4}\n"
        "      - {sets: 4}\n    back: {}\n"
    )
    assert problems(tmp_path, ladder) == [
        (12, 9, "step 2 of 'raise' sets nothing"),
        (14, 9, "step 4 of 'raise' is the same as step 3"),
        (15, 11, "'back' of 'raise' sets nothing"),
    ]


def test_the_circuits_named_must_be_the_plans_and_have_the_exercise(tmp_path: Path) -> None:
    ladder = "  raise:\n    steps: [{sets: 3}, {sets: 4}]\n    circuits: [pf, gone, pf]\n"
    assert problems(tmp_path, ladder) == [
        (11, 20, "no session of this plan runs 'gone'"),
        (11, 26, "circuit 'pf' is given twice"),
    ]
    ladder = "  raise:\n    steps: [{sets: 3}, {sets: 4}]\n    circuits: [pf, other]\n"
    assert problems(tmp_path, ladder) == [
        (11, 20, "circuit 'other' has no exercise 'raise', so it cannot be laddered there")
    ]


def test_without_circuits_one_circuit_of_the_plan_must_have_it(tmp_path: Path) -> None:
    found = problems(tmp_path, "  rasie:\n    steps: [{sets: 3}, {sets: 4}]\n")
    assert found == [
        (9, 3, "no circuit of this plan has an exercise 'rasie' (did you mean 'raise'?)")
    ]


def test_where_a_ladder_applies(tmp_path: Path) -> None:
    problems(tmp_path, "  raise:\n    steps: [{sets: 3}, {sets: 4}]\n")
    library = load_library(tmp_path, None)
    plan = library.plan("plan")
    assert plan is not None
    assert laddered_circuits(plan, "raise", library.circuit) == ["pf", "taper"]
    assert laddered_circuits(plan, "hop", library.circuit) == []
    ladder = plan.progression["raise"].model_copy(update={"circuits": ["pf"]})
    named = plan.model_copy(update={"progression": {"raise": ladder}})
    assert laddered_circuits(named, "raise", library.circuit) == ["pf"]


def test_a_ladder_reads_its_exercise_from_the_first_circuit_it_covers(tmp_path: Path) -> None:
    problems(tmp_path, "  raise:\n    steps: [{sets: 3}, {sets: 4}]\n")
    library = load_library(tmp_path, None)
    plan = library.plan("plan")
    assert plan is not None
    exercise = ladder_exercise(plan, "raise", library.circuit)
    assert exercise is not None and exercise.reps == 12  # pf's, not taper's 8
    # pf gone from the library: taper's is the first there is; none at all: None.
    without_pf = ladder_exercise(plan, "raise", lambda c: None if c == "pf" else library.circuit(c))
    assert without_pf is not None and without_pf.reps == 8
    assert ladder_exercise(plan, "raise", lambda c: None) is None
    assert ladder_exercise(plan, "hop", library.circuit) is None  # no ladder


def test_the_step_below_the_first() -> None:
    plan = Plan.model_validate(
        {
            "id": "p",
            "title": "P",
            "weeks": [{"weeks_out": 1}],
            "progression": {
                "a": {"steps": [{"sets": 3, "reps": 12}, {"sets": 4}], "back": {"sets": 2}},
                "b": {"steps": [{"reps": 12}, {"reps": 15}]},
            },
        }
    )
    exercise = Exercise.model_validate({"id": "a", "name": "A", "sets": 2, "reps": 10})
    a, b = plan.progression["a"], plan.progression["b"]
    assert step_change(a, 1, exercise).sets == 4
    assert (step_change(a, BACK, exercise).sets, step_change(a, BACK, exercise).reps) == (2, 12)
    # No 'back': the first step with a set fewer than the exercise's own, at least 1.
    assert (step_change(b, BACK, exercise).sets, step_change(b, BACK, exercise).reps) == (1, 12)
