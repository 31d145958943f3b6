"""Doses in words: a test reads as a measurement, a pace as a beat."""

from __future__ import annotations

from circuit_timer.core.describe import dose_text
from circuit_timer.core.model import Exercise


def test_an_open_set_a_paced_set_and_a_test_in_words() -> None:
    assert dose_text(Exercise(id="a", name="A", reps=15)) == "15 reps"
    paced = Exercise(id="b", name="B", reps=12, pace=40)
    assert dose_text(paced) == "12 reps on a beat of 40 a minute"
    test = Exercise(id="c", name="C", reps=30, test=True, pace=60)
    assert dose_text(test) == "to failure (about 30 reps) on a beat of 60 a minute"
