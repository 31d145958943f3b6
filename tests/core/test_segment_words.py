"""The words every face says a segment with: kind, dose, position and beat."""

from __future__ import annotations

from typing import Any

from circuit_timer.core.segment_words import (
    KIND_WORDS,
    beat_word,
    dose_words,
    is_open_set,
    position_parts,
    tempo_words,
)
from circuit_timer.core.timeline import Segment
from circuit_timer.terminal.runner import describe_work
from circuit_timer.ui.workout_text import next_text, position_text


def segment(**fields: Any) -> Segment:
    base: dict[str, Any] = dict(
        kind="work", block=1, round=1, rounds=1, exercise="x", name="Bridge",
        set=1, sets=1, side=None, reps=None, rep=None, seconds=None, tempo=None, estimate=1.0,
    )  # fmt: skip
    base.update(fields)
    return Segment(**base)


def test_doses() -> None:
    assert dose_words(segment(reps=1)) == "1 rep"
    assert dose_words(segment(reps=12, tempo=(3, 2, 3))) == "12 reps"
    assert dose_words(segment(kind="hold", reps=1, rep=1, seconds=30)) == "30 s hold"
    assert dose_words(segment(kind="hold", reps=5, rep=1, seconds=45)) == "5 x 45 s hold"
    assert dose_words(segment(seconds=30)) == "30 s"
    assert tempo_words(segment(reps=12, tempo=(3, 2, 3))) == "3-2-3"
    assert tempo_words(segment(reps=12)) == ""


def test_positions_say_only_counts_above_one() -> None:
    assert position_parts(segment(reps=12)) == []
    busy = segment(kind="hold", set=2, sets=3, round=1, rounds=2, rep=4, reps=10, seconds=10)
    assert position_parts(busy) == ["set 2/3", "round 1/2", "hold 4/10"]
    assert position_parts(busy, rounds=False) == ["set 2/3", "hold 4/10"]


def test_every_kind_has_its_word() -> None:
    assert set(KIND_WORDS) == {"prepare", "work", "hold", "rest", "switch"}
    assert KIND_WORDS["switch"] == "SWITCH SIDES"


def test_beats() -> None:
    assert [beat_word(b, test=True) for b in range(3)] == ["UP", "DOWN", "UP"]
    assert beat_word(3, test=False) == "beat 3"


def test_an_open_set_is_a_rep_set_without_a_clock() -> None:
    assert is_open_set(segment(reps=12))
    assert not is_open_set(segment(reps=12, seconds=40))
    assert not is_open_set(segment(kind="hold", reps=1, rep=1, seconds=30))


def test_the_window_and_the_terminal_say_the_same_words() -> None:
    hold = segment(kind="hold", side="left", set=2, sets=3, rep=4, reps=10, seconds=10)
    assert next_text(hold) == "Next: Bridge, left, 10 x 10 s hold"
    assert position_text(hold) == "set 2/3 · hold 4/10"
    assert describe_work(hold) == "Bridge, left side, set 2/3, hold 4/10, 10 s"
    reps = segment(reps=12)
    assert next_text(reps) == "Next: Bridge, 12 reps"
    assert describe_work(reps, now=False) == "Bridge, 12 reps"
