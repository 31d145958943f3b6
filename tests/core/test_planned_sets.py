"""The sets a circuit asks for: one per exercise, set, round and side, in timeline order."""

from __future__ import annotations

from circuit_timer.core.planned_sets import planned_sets
from tests.sample_circuits import circuit

TWO_ROUNDS = """
    title: Two rounds
    blocks:
      - rounds: 2
        exercises:
          - {id: raise, name: Raise, reps: 12, tempo: 3-1-1, sides: each, load: 5 kg}
          - {id: stretch, name: Stretch, hold: 30, reps: 3}
          - {id: hops, name: Hops, work: 20}
"""


def test_one_set_per_exercise_set_round_and_side_in_order() -> None:
    sets = planned_sets(circuit(TWO_ROUNDS))
    assert [(s.round, s.exercise_id, s.side) for s in sets] == [
        (1, "raise", "left"),
        (1, "raise", "right"),
        (1, "stretch", None),
        (1, "hops", None),
        (2, "raise", "left"),
        (2, "raise", "right"),
        (2, "stretch", None),
        (2, "hops", None),
    ]


def test_each_set_carries_its_dose_as_written() -> None:
    raise_left, _, stretch, hops = planned_sets(circuit(TWO_ROUNDS))[:4]
    assert (raise_left.dose, raise_left.reps_target, raise_left.load) == ("tempo", 12, "5 kg")
    assert (raise_left.exercise_name, raise_left.block, raise_left.set_number) == ("Raise", 0, 1)
    assert (hops.dose, hops.seconds, hops.reps_target) == ("timed", 20, None)
    # Three holds of 30 s are one set of the stretch, 90 s in all.
    assert (stretch.dose, stretch.seconds) == ("hold", 90)


def test_a_test_exercise_is_marked_as_one() -> None:
    [check] = planned_sets(
        circuit(
            """
            title: Check
            blocks:
              - exercises:
                  - {id: raise, name: Heel raise test, reps: 30, test: true}
            """
        )
    )
    assert check.test and check.dose == "open"
