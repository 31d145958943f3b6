"""`log --count` texts checked against a circuit."""

from __future__ import annotations

import pytest

from circuit_timer.core.counts import exercise_loads, parse_count, parse_load, side_counts
from circuit_timer.core.model import Circuit

CIRCUIT = Circuit.model_validate(
    {
        "id": "c",
        "title": "C",
        "blocks": [
            {
                "exercises": [
                    {"id": "raise", "name": "R", "reps": 30, "test": True, "sides": "each"},
                    {"id": "squat", "name": "S", "reps": 10, "tempo": "3-0-3"},
                ]
            }
        ],
    }
)


def test_parse_count() -> None:
    assert parse_count("raise=22,31") == ("raise", [22, 31])
    assert parse_count(" squat = 0 ") == ("squat", [0])


def test_each_side_and_both_sides_map_to_their_sets() -> None:
    assert side_counts(CIRCUIT, ["raise=22,31", "squat=8"]) == {
        ("raise", "left"): 22,
        ("raise", "right"): 31,
        ("squat", None): 8,
    }
    assert side_counts(CIRCUIT, []) == {}


@pytest.mark.parametrize(
    "given", ["raise=22", "squat=1,2", "raise=1,2,3", "rase=1,2", "raise=,", "=1", "raise=1,-1"]
)
def test_refused(given: str) -> None:
    with pytest.raises(ValueError):
        side_counts(CIRCUIT, [given])


def test_parse_load_takes_kilograms_to_one_decimal_or_bodyweight() -> None:
    assert parse_load("squat=12.5") == ("squat", 12.5, False)
    assert parse_load(" squat = 7.46kg ") == ("squat", 7.5, False)
    assert parse_load("squat=300") == ("squat", 300.0, False)
    assert parse_load("raise=bw") == ("raise", None, True)
    assert parse_load("raise=BodyWeight") == ("raise", None, True)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (["squat"], "--load needs EXERCISE=KG (or EXERCISE=bw for bodyweight); got 'squat'"),
        (["squat="], "--load needs EXERCISE=KG"),
        (["squat=heavy"], "--load squat: 'heavy' is not kilograms (a number) or bw"),
        (["squat=0"], "--load squat: a load must be above 0 and at most 300 kg, not 0"),
        (["squat=-5"], "--load squat: a load must be above 0 and at most 300 kg, not -5"),
        (["squat=300.1"], "--load squat: a load must be above 0 and at most 300 kg, not 300.1"),
        (["squat=nan"], "--load squat: a load must be above 0 and at most 300 kg, not nan"),
        (["sqat=5"], "circuit 'c' has no exercise 'sqat' (did you mean 'squat'?)"),
        (["squat=5", "squat=bw"], "--load squat is given twice"),
    ],
)
def test_a_bad_load_is_one_line_naming_the_exercise(given: list[str], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        exercise_loads(CIRCUIT, given)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_loads_map_each_exercise_to_its_load() -> None:
    assert exercise_loads(CIRCUIT, ["squat=20", "raise=bw"]) == {
        "squat": (20.0, False),
        "raise": (None, True),
    }
    assert exercise_loads(CIRCUIT, []) == {}
