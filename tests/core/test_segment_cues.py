"""What falls due inside one segment: cues by offset, beats on their grid, taken once each."""

from __future__ import annotations

import copy
import dataclasses

from circuit_timer.core.segment_cues import Due, SegmentCues, due_in, paced
from circuit_timer.core.timeline import Segment

START = 1000.0


def segment(**changes: object) -> Segment:
    """A 30 s timed work segment, changed by ``changes``."""
    base = Segment(
        kind="work",
        seconds=30,
        block=0,
        round=1,
        exercise="hops",
        set=1,
        side=None,
        reps=None,
        tempo=None,
        rep=None,
        name="Hops",
        sets=1,
        rounds=1,
        estimate=30.0,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def brief(due: list[Due]) -> list[tuple[float, str, int]]:
    return [(d.offset, d.kind, d.value) for d in due]


def take_all(cues: SegmentCues, now: float) -> list[Due]:
    taken = []
    while (due := cues.take(START, now)) is not None:
        taken.append(due)
    return taken


def test_a_timed_set_has_halfway_and_the_last_three_seconds() -> None:
    assert brief(due_in(segment())) == [
        (15, "halfway", 0),
        (27, "countdown", 3),
        (28, "countdown", 2),
        (29, "countdown", 1),
    ]


def test_no_halfway_in_a_rest_or_a_short_set_and_no_countdown_past_its_start() -> None:
    assert [d.kind for d in due_in(segment(kind="rest"))] == ["countdown"] * 3
    assert [d.kind for d in due_in(segment(seconds=19))] == ["countdown"] * 3
    # Two seconds leave room for "1" only: "3" and "2" would fall at or before the start.
    assert brief(due_in(segment(seconds=2))) == [(1, "countdown", 1)]


def test_an_open_set_has_nothing_due() -> None:
    assert due_in(segment(seconds=None, reps=10)) == []


def test_tempo_phases_then_the_rep_count_with_the_count_first_at_one_instant() -> None:
    due = due_in(segment(seconds=8, reps=2, tempo=(2, 0, 2), estimate=8.0))
    assert [(d.offset, d.kind, d.value, d.phase) for d in due if d.kind != "countdown"] == [
        (0, "phase", 1, "up"),
        (2, "phase", 1, "down"),  # a 0 s phase ("hold") is left out
        (4, "rep", 1, "up"),
        (4, "phase", 2, "up"),
        (6, "phase", 2, "down"),
        (8, "rep", 2, "up"),
    ]


def test_only_work_with_a_pace_is_paced() -> None:
    assert paced(segment(pace=60))
    assert not paced(segment())
    assert not paced(segment(kind="rest", pace=60))


def test_beats_fall_on_the_grid_and_stop_before_the_end() -> None:
    cues = SegmentCues(segment(seconds=4, pace=90))
    taken = take_all(cues, START + 10)
    beats = [d for d in taken if d.kind == "beat"]
    # Beat k is k x 60 / 90 s in, computed from the start, never summed step by step.
    assert [(d.offset, d.value) for d in beats] == [(k * 60 / 90, k) for k in range(1, 6)]
    assert cues.beats == 5
    assert cues.next_at(START) is None  # the 6th beat would be the segment's end


def test_a_cue_comes_before_a_beat_due_at_the_same_instant() -> None:
    cues = SegmentCues(segment(seconds=5, pace=60))
    # At 2 s: the countdown "3" and beat 2 are both due.
    assert [(d.offset, d.kind, d.value) for d in take_all(cues, START + 2)] == [
        (1, "beat", 1),
        (2, "countdown", 3),
        (2, "beat", 2),
    ]


def test_each_is_taken_once_and_only_when_due() -> None:
    cues = SegmentCues(segment())
    assert cues.next_at(START) == START + 15
    assert cues.take(START, START + 14.999) is None
    assert brief(take_all(cues, START + 27)) == [(15, "halfway", 0), (27, "countdown", 3)]
    assert take_all(cues, START + 27) == []
    # A later start (a pause) moves what is still due with it.
    assert cues.next_at(START + 10) == START + 10 + 28


def test_a_shallow_copy_runs_ahead_without_moving_the_original() -> None:
    cues = SegmentCues(segment(pace=60))
    ghost = copy.copy(cues)
    assert len(take_all(ghost, START + 20)) > 0
    assert cues.beats == 0 and ghost.beats == 20  # beat 20 is due at 20 s
    assert cues.next_at(START) == START + 1
