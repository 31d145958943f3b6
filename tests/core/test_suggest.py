"""'Did you mean': the closest candidate within a few edits, a known synonym, or nothing."""

from __future__ import annotations

import pytest

from circuit_timer.core import suggest
from circuit_timer.core.suggest import closest

KEYS = ["reps", "rest", "sets", "work", "tempo", "switch_sides", "exercises"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("rpes", "reps"),  # two neighbours swapped: one edit
        ("tmepo", "tempo"),
        ("exercizes", "exercises"),
        ("switch_side", "switch_sides"),
        ("REPS", "reps"),  # case does not count
        ("duration", "work"),  # a word people reach for, spelt differently in the format
        ("rest_between_sides", "switch_sides"),
    ],
)
def test_a_misspelt_or_other_word_finds_the_key(word: str, expected: str) -> None:
    assert closest(word, KEYS) == expected


@pytest.mark.parametrize("word", ["colour", "xyzw", "", "sides_switch"])
def test_nothing_close_suggests_nothing(word: str) -> None:
    assert closest(word, KEYS) is None


def test_a_synonym_is_offered_only_when_it_is_a_candidate() -> None:
    assert closest("duration", ["reps", "hold"]) is None


def test_short_candidates_allow_one_edit_long_ones_three() -> None:
    assert closest("rp", ["reps"]) is None  # two edits from a four-letter word
    assert closest("exrcses", ["exercises"]) == "exercises"  # two edits from nine letters
    assert closest("exrcs", ["exercises"]) is None  # four edits


def test_the_nearest_of_several_candidates_wins() -> None:
    assert closest("sest", ["rest", "sets"]) in {"rest", "sets"}
    assert closest("rest", ["rest", "reps"]) == "rest"


def test_a_very_long_word_is_never_compared_letter_by_letter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compared: list[tuple[str, str]] = []
    distance = suggest._distance

    def counting(a: str, b: str) -> int:
        compared.append((a, b))
        return distance(a, b)

    monkeypatch.setattr(suggest, "_distance", counting)
    assert closest("r" * 50_000, KEYS) is None
    assert compared == []
