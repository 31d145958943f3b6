"""Durations, counts, tempos and ids, exactly as the format spec defines them."""

from __future__ import annotations

from typing import Any

import pytest

from circuit_timer.core import values


@pytest.mark.parametrize(
    ("given", "seconds"),
    [
        (45, 45),
        ("45s", 45),
        ("2m", 120),
        ("1m30s", 90),
        ("1:30", 90),
        ("0:05", 5),
        (3600, 3600),
        ("60m", 3600),
        (0, 0),
        ("0s", 0),
    ],
)
def test_durations_in_every_allowed_form(given: Any, seconds: int) -> None:
    assert values.parse_duration(given, positive=False) == seconds


@pytest.mark.parametrize(
    "given",
    [
        "45 seconds",
        "90",
        "1h",
        45.5,
        True,
        False,
        None,
        "1:5",
        "1:60",
        "1m 30s",
        "-5",
        -5,
        "",
        [45],
        "45S",
        3601,
        "61m",
    ],
)
def test_everything_else_is_not_a_duration(given: Any) -> None:
    with pytest.raises(ValueError):
        values.parse_duration(given, positive=False)


def test_work_and_hold_must_be_positive() -> None:
    with pytest.raises(ValueError, match="longer than 0"):
        values.parse_duration("0s", positive=True)
    assert values.parse_duration(1, positive=True) == 1


@pytest.mark.parametrize("given", [1, 50, 100])
def test_counts(given: int) -> None:
    assert values.parse_count(given) == given


@pytest.mark.parametrize("given", [0, 101, True, 2.0, 2.5, "3", None, -1])
def test_bad_counts(given: Any) -> None:
    with pytest.raises(ValueError):
        values.parse_count(given)


@pytest.mark.parametrize(
    ("given", "phases"),
    [
        ("3-2-3", (3, 2, 3)),
        ("3-0-3", (3, 0, 3)),
        ("2-1-2-1", (2, 1, 2, 1)),
        ([3, 2, 3], (3, 2, 3)),
        ([0, 0, 1], (0, 0, 1)),
        ("20-20-20-20", (20, 20, 20, 20)),
    ],
)
def test_tempos(given: Any, phases: tuple[int, ...]) -> None:
    assert values.parse_tempo(given) == phases


@pytest.mark.parametrize(
    "given",
    [
        "3-2",
        "3-2-3-1-1",
        "0-0-0",
        [0, 0, 0, 0],
        [3, 2],
        [3, 2.5, 3],
        [3, True, 3],
        "3/2/3",
        "3-21-3",
        [3, -1, 3],
        323,
        None,
        "three",
    ],
)
def test_bad_tempos(given: Any) -> None:
    with pytest.raises(ValueError):
        values.parse_tempo(given)


@pytest.mark.parametrize("given", ["a", "pf-crash-course", "5k", "a-", "0-9"])
def test_slugs(given: str) -> None:
    assert values.parse_slug(given) == given


@pytest.mark.parametrize("given", ["-a", "A", "pf_crash", "pf crash", "", "é", 12, None])
def test_bad_slugs(given: Any) -> None:
    with pytest.raises(ValueError):
        values.parse_slug(given)


def test_positive_numbers_allow_fractions_but_not_booleans() -> None:
    assert values.parse_positive_number(2.5) == 2.5
    for bad in (0, -1, True, float("nan"), float("inf"), "3"):
        with pytest.raises(ValueError):
            values.parse_positive_number(bad)
    with pytest.raises(ValueError):
        values.parse_positive_number(2.5, high=2)


def test_slugify() -> None:
    assert values.slugify("Hip strength, week 2!") == "hip-strength-week-2"
    assert values.slugify("Runner\u2019s knee") == values.slugify("Runner's knee") == "runners-knee"


def test_a_flag_is_only_a_yaml_boolean() -> None:
    assert values.parse_flag(True) is True
    assert values.parse_flag(False) is False
    for given in (1, 0, "true", "yes", None):
        with pytest.raises(ValueError, match="must be true or false"):
            values.parse_flag(given)


@pytest.mark.parametrize("given", [20, 60, 240])
def test_paces(given: int) -> None:
    assert values.parse_pace(given) == given


@pytest.mark.parametrize("given", [19, 241, 0, -60, 60.0, 59.5, True, "60", None])
def test_bad_paces(given: Any) -> None:
    with pytest.raises(ValueError, match="beats per minute"):
        values.parse_pace(given)
