"""Limb symmetry index from counted tests, its trend and the under-90% flag."""

from __future__ import annotations

from datetime import date

import pytest

from circuit_timer.core.asymmetry import (
    asymmetry,
    asymmetry_of_totals,
    names_of_tests,
    side_totals,
)
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
    dose: str | None = "open",
    name: str | None = None,
    test: bool = True,
    counted: bool = True,
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
        test=test,
        counted=counted,
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


def test_never_from_training_sets_holds_stretches_or_targets_filled_in() -> None:
    day = date(2026, 3, 3)
    sets = [
        # A counted training set (not a test).
        side("s1", day, "left", reps=12, exercise="banded-eversion", test=False),
        side("s1", day, "right", reps=9, exercise="banded-eversion", test=False),
        # A stretch of timed holds.
        side("s1", day, "left", reps=10, seconds=100, exercise="pf-stretch", dose="hold",
             test=False, counted=False),
        side("s1", day, "right", reps=10, seconds=80, exercise="pf-stretch", dose="hold",
             test=False, counted=False),
        # A test whose targets were filled in for the runner (--auto, or log without counts).
        side("s2", day, "left", reps=30, counted=False),
        side("s2", day, "right", reps=30, counted=False),
    ]  # fmt: skip
    assert asymmetry(sets, today=day) == []


def test_a_test_with_one_side_not_counted_is_left_out() -> None:
    day = date(2026, 3, 3)
    sets = [
        side("s1", day, "left", reps=22),
        side("s1", day, "right", reps=None, counted=False),  # nobody pressed + on the right
        side("s2", day, "left", reps=22),
        side("s2", day, "right", reps=31),
    ]
    (result,) = asymmetry(sets, today=day)
    assert [p.session_uuid for p in result.points] == ["s2"]
    assert result.latest.lsi == pytest.approx(2200 / 31)  # about 71%
    assert result.latest.flagged


def test_sessions_without_both_sides_or_a_measure_are_left_out() -> None:
    day = date(2026, 3, 3)
    sets = [
        side("s1", day, "left", reps=20),  # no right side
        side("s2", day, "left", reps=None, counted=False),  # nothing counted
        side("s2", day, "right", reps=20),
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


def test_totals_per_session_and_side_then_the_same_asymmetry() -> None:
    d1, d2 = date(2026, 3, 2), date(2026, 3, 9)
    sets = [
        side("a", d1, "left", 20, name="Heel raise"),
        side("a", d1, "left", 5, set_number=2),
        side("a", d1, "right", 18),
        side("a", d1, "right", None, set_number=2, counted=False),
        side("a", d1, None, 12),  # both legs: not per side
        side("b", d2, "left", 22, test=False),  # training
        side("b", d2, "left", 21, exercise="bridge-test", name="Bridge test"),
        side("b", d2, "right", 24, exercise="bridge-test"),
        side("c", date(2026, 3, 20), "left", 30),  # after today
    ]
    totals = side_totals(sets, d2)
    assert [
        (t.session_uuid, t.exercise_id, t.side, t.sets, t.complete, t.reps) for t in totals
    ] == [
        ("a", HEEL, "left", 2, 2, 25.0),
        ("a", HEEL, "right", 2, 1, 18.0),
        ("b", "bridge-test", "left", 1, 1, 21.0),
        ("b", "bridge-test", "right", 1, 1, 24.0),
    ]
    names = names_of_tests(sets, d2)
    assert names == {HEEL: "Heel raise", "bridge-test": "Bridge test"}
    [bridge] = asymmetry_of_totals(totals, names)  # the heel-raise test was not all counted
    assert bridge == asymmetry(sets, d2)[0]
    assert (bridge.name, bridge.latest.left, bridge.latest.right) == ("Bridge test", 21.0, 24.0)
