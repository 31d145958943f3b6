"""The timeline compiler against each normative rule of the format spec."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings

from circuit_timer.core.model import Circuit
from circuit_timer.core.timeline import Segment, Timeline, compile_timeline
from tests.sample_circuits import circuit, circuits


def timeline(text: str) -> Timeline:
    return compile_timeline(circuit(text))


def brief(tl: Timeline) -> list[tuple[Any, ...]]:
    """(kind, seconds, exercise, set, side) per segment."""
    return [(s.kind, s.seconds, s.exercise, s.set, s.side) for s in tl.segments]


def test_rule1_prepare_first_and_none_when_zero() -> None:
    tl = timeline(
        """
        title: T
        blocks:
          - exercises:
              - {id: a, name: A, work: 30}
        """
    )
    assert brief(tl) == [("prepare", 10, "a", 1, None), ("work", 30, "a", 1, None)]
    tl = timeline(
        """
        title: T
        defaults: {prepare: 0}
        blocks:
          - exercises:
              - {id: a, name: A, work: 30}
        """
    )
    assert brief(tl) == [("work", 30, "a", 1, None)]


def test_rule2_blocks_rounds_exercises_sets_in_order() -> None:
    tl = timeline(
        """
        title: T
        defaults: {prepare: 0, rest: 0, rest_between_exercises: 0}
        blocks:
          - rounds: 2
            rest_between_rounds: 0
            exercises:
              - {id: a, name: A, work: 10, sets: 2}
              - {id: b, name: B, work: 20}
          - exercises:
              - {id: c, name: C, work: 30}
        """
    )
    assert [(s.block, s.round, s.exercise, s.set) for s in tl.segments] == [
        (0, 1, "a", 1),
        (0, 1, "a", 2),
        (0, 1, "b", 1),
        (0, 2, "a", 1),
        (0, 2, "a", 2),
        (0, 2, "b", 1),
        (1, 1, "c", 1),
    ]


def test_rule3_each_side_left_switch_right_and_holds_per_side() -> None:
    tl = timeline(
        """
        title: T
        defaults: {prepare: 0, switch_sides: 7, rest_between_reps: 4}
        blocks:
          - exercises:
              - {id: s, name: Stretch, hold: 10, reps: 2, sides: each}
        """
    )
    assert [(s.kind, s.seconds, s.side, s.rep, s.reps) for s in tl.segments] == [
        ("hold", 10, "left", 1, 2),
        ("rest", 4, "left", None, None),
        ("hold", 10, "left", 2, 2),
        ("switch", 7, "right", None, None),
        ("hold", 10, "right", 1, 2),
        ("rest", 4, "right", None, None),
        ("hold", 10, "right", 2, 2),
    ]


def test_rule3_both_sides_means_side_null() -> None:
    tl = timeline(
        """
        title: T
        blocks:
          - exercises:
              - {id: a, name: A, reps: 10}
        """
    )
    assert {s.side for s in tl.segments} == {None}


def test_rule4_rest_between_sets_uses_the_exercise_rest() -> None:
    tl = timeline(
        """
        title: T
        defaults: {prepare: 0, rest: 45}
        blocks:
          - exercises:
              - {id: a, name: A, work: 30, sets: 2, rest: 90}
              - {id: b, name: B, work: 30, sets: 2}
        """
    )
    assert brief(tl) == [
        ("work", 30, "a", 1, None),
        ("rest", 90, "a", 2, None),
        ("work", 30, "a", 2, None),
        ("rest", 30, "b", 1, None),
        ("work", 30, "b", 1, None),
        ("rest", 45, "b", 2, None),
        ("work", 30, "b", 2, None),
    ]


def test_rule5_between_exercises_rounds_and_blocks() -> None:
    tl = timeline(
        """
        title: T
        defaults: {prepare: 0, rest_between_exercises: 20, rest_between_rounds: 50}
        blocks:
          - rounds: 2
            rest_between_rounds: 75
            exercises:
              - {id: a, name: A, work: 30}
              - {id: b, name: B, work: 30}
          - rounds: 2
            exercises:
              - {id: c, name: C, work: 30}
        """
    )
    rests = [(s.seconds, s.exercise, s.round, s.block) for s in tl.segments if s.kind == "rest"]
    assert rests == [
        (20, "b", 1, 0),  # next exercise
        (75, "a", 2, 0),  # new round: the block's own rest_between_rounds
        (20, "b", 2, 0),
        (20, "c", 1, 1),  # new block: rest_between_exercises
        (50, "c", 2, 1),  # new round: defaults.rest_between_rounds
    ]


def test_rule5_wins_at_a_round_boundary_even_for_a_single_exercise_block() -> None:
    tl = timeline(
        """
        title: T
        defaults: {prepare: 0, rest: 15, rest_between_exercises: 40}
        blocks:
          - rounds: 3
            exercises:
              - {id: a, name: A, work: 30, sets: 2}
        """
    )
    rests = [(s.seconds, s.round, s.set) for s in tl.segments if s.kind == "rest"]
    # Between sets inside a round: rest (15). Between rounds: rest_between_rounds,
    # which defaults to rest_between_exercises (40), never the set rest.
    assert rests == [(15, 1, 2), (40, 2, 1), (15, 2, 2), (40, 3, 1), (15, 3, 2)]


def test_rule6_no_segment_after_the_last_work_and_zero_pauses_vanish() -> None:
    tl = timeline(
        """
        title: T
        defaults: {prepare: 0, rest: 0, switch_sides: 0, rest_between_reps: 0}
        blocks:
          - exercises:
              - {id: a, name: A, hold: 5, reps: 2, sides: each, sets: 2}
        """
    )
    assert {s.kind for s in tl.segments} == {"hold"}
    assert len(tl.segments) == 8
    assert tl.segments[-1].kind == "hold"


def test_rule7_estimated_seconds_counts_open_sets_by_seconds_per_rep() -> None:
    tl = timeline(
        """
        title: T
        defaults: {prepare: 5, seconds_per_rep: 2.5, rest_between_exercises: 10}
        blocks:
          - exercises:
              - {id: a, name: A, reps: 15}
              - {id: b, name: B, reps: 4, tempo: [3, 2, 3, 1]}
        """
    )
    open_set = tl.segments[1]
    assert (open_set.kind, open_set.seconds, open_set.reps) == ("work", None, 15)
    tempo_set = tl.segments[3]
    assert (tempo_set.seconds, tempo_set.tempo) == (36, (3, 2, 3, 1))
    assert tl.estimated_seconds == 5 + 37.5 + 10 + 36


def test_estimated_seconds_is_a_whole_number_when_it_can_be() -> None:
    tl = timeline(
        """
        title: T
        blocks:
          - exercises:
              - {id: a, name: A, reps: 10}
        """
    )
    assert tl.estimated_seconds == 40
    assert isinstance(tl.estimated_seconds, int)


def test_json_fields_per_segment_kind() -> None:
    tl = timeline(
        """
        id: json-check
        title: JSON check
        blocks:
          - exercises:
              - {id: a, name: A, reps: 12, tempo: 3-2-3, sides: each}
              - {id: h, name: H, hold: 10, reps: 3}
              - {id: w, name: W, work: 30}
        """
    )
    data = tl.to_json()
    assert (data["id"], data["title"]) == ("json-check", "JSON check")
    segments = data["segments"]
    required = {
        "kind",
        "seconds",
        "block",
        "round",
        "exercise",
        "set",
        "side",
        "reps",
        "tempo",
        "rep",
    }
    assert all(required <= set(s) for s in segments)
    prepare, left = segments[0], segments[1]
    assert prepare == {
        **prepare,
        "kind": "prepare",
        "exercise": "a",
        "side": "left",
        "reps": None,
        "tempo": None,
        "rep": None,
    }
    assert (left["kind"], left["seconds"], left["reps"], left["tempo"]) == (
        "work",
        96,
        12,
        [3, 2, 3],
    )
    assert left["rep"] is None
    hold = next(s for s in segments if s["kind"] == "hold")
    assert (hold["reps"], hold["rep"], hold["tempo"]) == (3, 1, None)
    work = segments[-1]
    assert (work["exercise"], work["reps"], work["tempo"], work["rep"]) == ("w", None, None, None)


def test_a_test_and_its_pace_ride_on_its_work_segments_only() -> None:
    tl = timeline(
        """
        title: Test and pace
        blocks:
          - exercises:
              - {id: t, name: T, reps: 25, test: true, pace: 60, sides: each}
              - {id: p, name: P, reps: 12, pace: 40}
              - {id: w, name: W, work: 30}
        """
    )
    marks = [(s.kind, s.exercise, s.side, s.test, s.pace) for s in tl.segments]
    assert marks == [
        ("prepare", "t", "left", False, None),
        ("work", "t", "left", True, 60),
        ("switch", "t", "right", False, None),
        ("work", "t", "right", True, 60),
        ("rest", "p", None, False, None),
        ("work", "p", None, False, 40),
        ("rest", "w", None, False, None),
        ("work", "w", None, False, None),
    ]
    # A test is still an open set: no fixed length, estimated by seconds_per_rep.
    assert tl.segments[1].seconds is None and tl.segments[1].reps == 25
    data = tl.to_json()["segments"]
    assert (data[1]["test"], data[1]["pace"]) == (True, 60)
    assert (data[0]["test"], data[0]["pace"]) == (False, None)


# --- properties ---------------------------------------------------------------


def estimate(segment: Segment, circuit: Circuit) -> float:
    if segment.seconds is not None:
        return segment.seconds
    assert segment.reps is not None
    return segment.reps * circuit.defaults.seconds_per_rep


@settings(max_examples=200, deadline=None)
@given(circuits())
def test_estimated_seconds_is_the_sum_of_the_segments(c: Circuit) -> None:
    tl = compile_timeline(c)
    assert abs(tl.estimated_seconds - sum(estimate(s, c) for s in tl.segments)) < 1e-6


@settings(max_examples=200, deadline=None)
@given(circuits())
def test_no_pause_ends_the_circuit_and_none_is_zero(c: Circuit) -> None:
    tl = compile_timeline(c)
    assert tl.segments[-1].kind in ("work", "hold")
    assert all(s.seconds != 0 for s in tl.segments)
    # Every pause is followed by work (no two pauses in a row).
    kinds = [s.kind for s in tl.segments]
    for this, after in itertools.pairwise(kinds):
        if this in ("prepare", "rest", "switch"):
            assert after in ("work", "hold")


@settings(max_examples=200, deadline=None)
@given(circuits())
def test_pauses_describe_the_work_that_comes_next(c: Circuit) -> None:
    segs = compile_timeline(c).segments
    for this, after in itertools.pairwise(segs):
        if this.kind in ("prepare", "rest", "switch"):
            assert (this.block, this.round, this.exercise, this.set, this.side) == (
                after.block,
                after.round,
                after.exercise,
                after.set,
                after.side,
            )
            assert (this.reps, this.tempo, this.rep) == (None, None, None)


@settings(max_examples=200, deadline=None)
@given(circuits())
def test_work_count_matches_the_doses(c: Circuit) -> None:
    expected = 0
    for block in c.blocks:
        for ex in block.exercises:
            per_side = (ex.reps or 1) if ex.dose == "hold" else 1
            expected += block.rounds * ex.sets * (2 if ex.sides == "each" else 1) * per_side
    work = [s for s in compile_timeline(c).segments if s.kind in ("work", "hold")]
    assert len(work) == expected
