"""What the charts show, worked out without Qt: day values, date labels, the summaries."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from circuit_timer.core.asymmetry import ExerciseAsymmetry, side_point
from circuit_timer.ui.chart_data import (
    day_ticks,
    pain_summary,
    symmetry_summary,
    tick_step,
    timestamp,
)

TODAY = date(2025, 3, 14)


def test_timestamps_are_utc_midnight() -> None:
    assert timestamp(date(1970, 1, 2)) == 86_400.0
    assert timestamp(TODAY) == datetime.combine(TODAY, time(), tzinfo=UTC).timestamp()


def test_every_day_is_labelled_when_there_is_room() -> None:
    assert tick_step(13, 80.0, 50.0) == 1
    assert tick_step(13, 30.0, 50.0) == 2
    assert tick_step(30, 10.0, 50.0) == 7
    assert tick_step(75, 3.0, 50.0) == 21
    assert tick_step(76, 100.0, 50.0) is None


def test_the_latest_day_is_always_labelled_counting_back() -> None:
    ticks = day_ticks(TODAY - timedelta(days=9), TODAY, 7)
    assert ticks is not None
    major, minor = ticks
    assert major == [(timestamp(TODAY - timedelta(days=7)), "7 Mar"), (timestamp(TODAY), "14 Mar")]
    assert len(minor) == 10 and all(text == "" for _, text in minor)
    assert day_ticks(TODAY - timedelta(days=100), TODAY, None) is None


def test_the_pain_summary_says_whether_the_change_is_meaningful() -> None:
    one = pain_summary([(TODAY, 4)], [])
    assert one == "Morning pain 4/10 on 14 Mar; one entry so far."
    small = pain_summary([(TODAY - timedelta(days=2), 5), (TODAY, 4)], [TODAY])
    assert small.startswith("Morning pain 5 \u2192 4 over 3 days: a change under 2 points")
    assert small.endswith(" 1 session day shaded.")
    up = pain_summary([(TODAY - timedelta(days=6), 2), (TODAY, 5)], [])
    assert ": up 3 points, a meaningful change" in up and "shaded" not in up


def test_the_balance_summary_says_when_there_is_no_heel_raise_test() -> None:
    points = [side_point(TODAY, "s1", 18.0, 20.0, "reps")]
    bridge = ExerciseAsymmetry("single-leg-glute-bridge", "", points, points[-1], None, "")
    text = symmetry_summary([bridge])
    assert text.startswith(
        "No single-leg heel-raise test yet. Single leg glute bridge: latest LSI 90% on 14 Mar"
        " (left side weaker)."
    )
    assert "It was" not in text and "Latest for the others" not in text
