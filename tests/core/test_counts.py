"""`log --count` texts checked against a circuit."""

from __future__ import annotations

import pytest

from circuit_timer.core.counts import parse_count, side_counts
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
