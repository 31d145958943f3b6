"""Limb symmetry index per per-side exercise, its trend and the under-90% flag."""

from __future__ import annotations

from datetime import date

import pytest

from circuit_timer.core.asymmetry import asymmetry
from circuit_timer.core.records import SetRecord, SideName

HEEL = "single-leg-heel-raise-test"


def side(
    uuid: str,
    day: date,
    which: SideName | None,
    reps: int | None = None,
    seconds: float | None = None,
    exercise: str = HEEL,
    set_number: int = 1,
    dose: str | None = None,
    name: str | None = None,
) -> SetRecord:
    return SetRecord(
        session_uuid=uuid,
        local_date=day,
        block=1,
        round=1,
        exercise_id=exercise,
        set_number=set_number,
        side=which,
        reps_target=30,
        reps_done=reps,
        seconds=seconds,
        exercise_name=name,
        dose=dose,
    )


def test_one_heel_raise_test_is_not_a_verdict() -> None:
    sets = [
        side("s1", date(2026, 3, 1), "left", reps=24, seconds=50, name="Heel raise test"),
        side("s1", date(2026, 3, 1), "right", reps=30, seconds=60),
    ]
    (result,) = asymmetry(sets, today=date(2026, 3, 1))
    assert (result.exercise_id, result.name) == (HEEL, "Heel raise test")
    p = result.latest
    assert (p.left, p.right, p.measure) == (24, 30, "reps")
    assert p.lsi == 80.0  # 24 / 30 x 100
    assert p.asymmetry == 20.0  # (30 - 24) / 30 x 100
    assert (p.weaker, p.flagged) == ("left", True)
    assert result.trend is None
    assert "One test is not a verdict" in result.note
    assert "7-13% LSI" in result.note


def test_trend_over_tests_and_the_90_boundary() -> None:
    sets = [
        # Listed out of date order on purpose.
        side("s2", date(2026, 3, 15), "left", reps=27),
        side("s2", date(2026, 3, 15), "right", reps=30),
        side("s1", date(2026, 3, 1), "left", reps=24),
        side("s1", date(2026, 3, 1), "right", reps=30),
    ]
    (result,) = asymmetry(sets, today=date(2026, 3, 20))
    assert [p.date for p in result.points] == [date(2026, 3, 1), date(2026, 3, 15)]
    assert result.latest.lsi == 90.0  # 27 / 30: exactly 90 is not flagged
    assert result.latest.flagged is False
    assert result.trend == pytest.approx(10.0)
    assert "from 80% to 90%" in result.note
    assert "getting closer" in result.note


def test_a_small_change_is_called_noise() -> None:
    sets = [
        side("s1", date(2026, 3, 1), "left", reps=30),
        side("s1", date(2026, 3, 1), "right", reps=28),  # 93.3
        side("s2", date(2026, 3, 8), "left", reps=30),
        side("s2", date(2026, 3, 8), "right", reps=27),  # 90
    ]
    (result,) = asymmetry(sets, today=date(2026, 3, 8))
    assert result.latest.weaker == "right"
    assert result.trend == pytest.approx(90 - 2800 / 30)
    assert "within retest noise" in result.note


def test_sets_are_summed_per_side_per_session() -> None:
    day = date(2026, 3, 3)
    sets = [
        side("s1", day, "left", reps=r, exercise="towel-heel-raise", set_number=n)
        for n, r in enumerate([12, 12, 10], 1)
    ] + [
        side("s1", day, "right", reps=12, exercise="towel-heel-raise", set_number=n)
        for n in (1, 2, 3)
    ]
    (result,) = asymmetry(sets, today=day)
    p = result.latest
    assert (p.left, p.right) == (34, 36)
    assert p.lsi == pytest.approx(3400 / 36)
    assert p.asymmetry == pytest.approx(200 / 36)
    assert (p.weaker, p.flagged) == ("left", False)


def test_holds_are_measured_in_seconds() -> None:
    day = date(2026, 3, 3)
    sets = [
        side("s1", day, "left", reps=10, seconds=100, exercise="pf-stretch", dose="hold"),
        side("s1", day, "right", reps=10, seconds=80, exercise="pf-stretch", dose="hold"),
    ]
    (result,) = asymmetry(sets, today=day)
    p = result.latest
    assert (p.measure, p.left, p.right, p.lsi, p.weaker) == ("seconds", 100, 80, 80.0, "right")


def test_seconds_when_some_set_lacks_reps() -> None:
    day = date(2026, 3, 3)
    sets = [
        side("s1", day, "left", reps=None, seconds=45, exercise="side-plank"),
        side("s1", day, "right", reps=12, seconds=30, exercise="side-plank"),
    ]
    (result,) = asymmetry(sets, today=day)
    assert result.latest.measure == "seconds"
    assert result.latest.lsi == pytest.approx(3000 / 45)


def test_sessions_without_both_sides_or_a_measure_are_left_out() -> None:
    day = date(2026, 3, 3)
    sets = [
        side("s1", day, "left", reps=20),  # no right side
        side("s2", day, "left", reps=None, seconds=None),  # nothing measured
        side("s2", day, "right", reps=20, seconds=40),
        side("s3", day, None, reps=20, exercise="pogo-hops"),  # both legs at once
    ]
    assert asymmetry(sets, today=day) == []


def test_equal_sides_and_one_side_zero() -> None:
    sets = [
        side("s1", date(2026, 3, 1), "left", reps=25),
        side("s1", date(2026, 3, 1), "right", reps=25),
        side("s2", date(2026, 3, 2), "left", reps=0),
        side("s2", date(2026, 3, 2), "right", reps=10),
    ]
    first, second = asymmetry(sets, today=date(2026, 3, 2))[0].points
    assert (first.lsi, first.asymmetry, first.weaker, first.flagged) == (100.0, 0.0, None, False)
    assert (second.lsi, second.asymmetry, second.weaker, second.flagged) == (
        0.0,
        100.0,
        "left",
        True,
    )


def test_sets_after_today_are_ignored() -> None:
    sets = [
        side("s1", date(2026, 3, 1), "left", reps=24),
        side("s1", date(2026, 3, 1), "right", reps=30),
        side("s2", date(2026, 3, 9), "left", reps=30),
        side("s2", date(2026, 3, 9), "right", reps=30),
    ]
    (result,) = asymmetry(sets, today=date(2026, 3, 8))
    assert [p.session_uuid for p in result.points] == ["s1"]


def test_headline_first_then_by_exercise_id() -> None:
    day = date(2026, 3, 1)
    sets = []
    for exercise in ("towel-heel-raise", HEEL, "banded-eversion", "clamshell"):
        sets += [
            side("s1", day, "left", reps=10, exercise=exercise),
            side("s1", day, "right", reps=10, exercise=exercise),
        ]
    ids = [r.exercise_id for r in asymmetry(sets, today=day)]
    assert ids == [HEEL, "banded-eversion", "clamshell", "towel-heel-raise"]
    ids = [r.exercise_id for r in asymmetry(sets, today=day, headline="clamshell")]
    assert ids == ["clamshell", "banded-eversion", HEEL, "towel-heel-raise"]
