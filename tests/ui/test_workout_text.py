"""The workout screen's words from a snapshot: the big number never shows 0:00 early, an
open set shows its count (never a clock), and the counter says what Done will save."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from circuit_timer.core.engine import Snapshot
from circuit_timer.core.timeline import Segment
from circuit_timer.ui.workout_text import (
    beat_text,
    big_text,
    counter_texts,
    next_text,
    shows_notes,
    side_text,
)
from tests.audio.helpers import seg


def snap(segment: Segment, **fields: Any) -> Snapshot:
    values: dict[str, Any] = {
        "state": "running",
        "index": 1,
        "segment": segment,
        "upcoming": None,
        "elapsed": 0.0,
        "remaining": None,
        "progress": None,
        "reps": 0,
        "reps_target": segment.reps,
        "tempo_phase": None,
        "tempo_rep": None,
        "overall_progress": 0.0,
        "total_elapsed": 0.0,
        "finish_status": None,
    }
    values.update(fields)
    return Snapshot(**values)


TIMED = seg(seconds=30, reps=None)
OPEN = seg()  # 12 reps, no tempo
TEMPO = seg(seconds=48, tempo=(2, 1, 1))


def test_the_time_left_rounds_up_so_zero_shows_only_at_the_end() -> None:
    assert big_text(snap(TIMED, remaining=30.0)) == "0:30"
    assert big_text(snap(TIMED, remaining=0.2)) == "0:01"
    assert big_text(snap(TIMED, remaining=59.01)) == "1:00"
    assert big_text(snap(TIMED, remaining=0.0)) == "0:00"
    assert big_text(snap(TIMED, state="finished", remaining=3.0)) == "0:00"


def test_an_open_set_shows_its_count_and_what_done_saves() -> None:
    running = snap(OPEN, reps=7, elapsed=65.0)
    assert big_text(running) == "7 / 12"
    assert counter_texts(running, False) == ("not counted: Done ✓ saves 12", "+1:05 elapsed")
    assert counter_texts(running, True) == ("reps counted", "+1:05 elapsed")
    # A test saves only what was counted.
    test = snap(replace(OPEN, test=True), reps=0)
    assert counter_texts(test, False)[0] == "not counted: Done ✓ saves no reps"


def test_a_tempo_set_shows_reps_and_its_phase() -> None:
    running = snap(TEMPO, remaining=20.0, reps=3, tempo_phase="down", tempo_rep=4)
    assert counter_texts(running, False) == ("3 / 12 reps", "DOWN · rep 4")
    assert counter_texts(snap(TIMED, remaining=10.0), False) == ("", "")


def test_a_paced_sets_beat() -> None:
    paced = replace(OPEN, pace=40)
    assert beat_text(snap(paced, beat=3)) == "BEAT 3"
    assert beat_text(snap(replace(paced, test=True), beat=0)) == "▲ UP"
    assert beat_text(snap(replace(paced, test=True), beat=1)) == "▼ DOWN"
    assert beat_text(snap(paced, beat=None)) == ""
    assert beat_text(snap(paced, beat=2, state="finished")) == ""


def test_side_next_and_notes() -> None:
    left = replace(OPEN, side="left")
    assert side_text(left) == "LEFT" and side_text(OPEN) == ""
    assert next_text(left) == "Next: Single-leg glute bridge, left, 12 reps"
    assert next_text(left, side_shown="left") == "Next: Single-leg glute bridge, 12 reps"
    assert next_text(None) == "Next: finish"
    assert [shows_notes(seg(kind)) for kind in ("prepare", "rest", "switch", "work", "hold")] == [
        True,
        True,
        True,
        False,
        False,
    ]
