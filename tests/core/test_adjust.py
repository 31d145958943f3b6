"""A plan session's adjust and scale change a copy of the circuit, never the circuit."""

from __future__ import annotations

from circuit_timer.core.adjust import apply_session, scaled_sets
from circuit_timer.core.model import Circuit, Session

CIRCUIT = Circuit.model_validate(
    {
        "id": "c",
        "title": "C",
        "blocks": [
            {
                "exercises": [
                    {"id": "raise", "name": "Raise", "sets": 3, "reps": 12, "tempo": "3-2-3"},
                    {"id": "hop", "name": "Hop", "sets": 3, "work": 30},
                    {"id": "stretch", "name": "Stretch", "hold": 10, "reps": 10},
                ]
            }
        ],
    }
)


def test_scale_rounds_up_and_keeps_at_least_one_set() -> None:
    assert scaled_sets(3, 0.5) == 2
    assert scaled_sets(4, 0.5) == 2
    assert scaled_sets(1, 0.1) == 1
    assert scaled_sets(30, 0.1) == 3  # exact, not 3.0000000000000004 rounded up to 4
    assert scaled_sets(100, 2) == 100  # never past the format's limit


def test_adjust_and_scale_apply_to_a_copy() -> None:
    session = Session.model_validate(
        {
            "day": "tue",
            "circuit": "c",
            "adjust": {
                "raise": {"sets": 4, "reps": 10, "load": "backpack"},
                "stretch": {"hold": 20},
            },
            "scale": 0.5,
        }
    )
    changed = apply_session(CIRCUIT, session)
    raise_, hop, stretch = changed.blocks[0].exercises
    assert (raise_.sets, raise_.reps, raise_.load) == (4, 10, "backpack")  # adjust's sets win
    assert hop.sets == 2  # 3 x 0.5 rounded up
    assert (stretch.sets, stretch.hold, stretch.reps) == (1, 20, 10)
    original = CIRCUIT.blocks[0].exercises
    assert (original[0].sets, original[0].reps, original[1].sets) == (3, 12, 3)


def test_no_changes_returns_the_same_circuit() -> None:
    session = Session.model_validate({"day": "mon", "circuit": "c"})
    assert apply_session(CIRCUIT, session) is CIRCUIT
