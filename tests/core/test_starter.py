"""Ids for new circuits: readable, whatever the title's script, and never one in use."""

from __future__ import annotations

import pytest

from circuit_timer.core.starter import has_name, new_circuit_id, readable_id


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Hip strength, week 2!", "hip-strength-week-2"),
        ("\u00dcn\u00efc\u00f6d\u00e9 \u00c7ircuit", "unicode-circuit"),
        ("Runner\u2019s knee", "runners-knee"),
        ("Stra\u00dfe \u00d8velse", "strasse-ovelse"),
        ("\uff26\uff55\uff4c\uff4c-width \uff11", "full-width-1"),
        ("\u65e5\u672c\u8a9e\u306e\u30b5\u30fc\u30ad\u30c3\u30c8", ""),
    ],
)
def test_readable_id_drops_accents_and_keeps_latin_letters(title: str, expected: str) -> None:
    assert readable_id(title) == expected


def test_a_new_id_is_never_one_in_use() -> None:
    assert new_circuit_id("PF crash course", set()) == "pf-crash-course"
    assert new_circuit_id("PF crash course", {"pf-crash-course"}) == "pf-crash-course-2"
    taken = {"pf-crash-course", "pf-crash-course-2"}
    assert new_circuit_id("PF crash course", taken) == "pf-crash-course-3"
    japanese = "\u65e5\u672c\u8a9e\u306e\u30b5\u30fc\u30ad\u30c3\u30c8"
    assert new_circuit_id(japanese, set()) == "circuit"
    assert new_circuit_id(japanese, {"circuit"}) == "circuit-2"


def test_a_name_needs_a_letter_or_digit_in_some_script() -> None:
    assert has_name("\u65e5\u672c")
    assert has_name("5k")
    assert not has_name("!!! ")
    assert not has_name("")
