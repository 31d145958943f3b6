"""The words the terminal and the window share: counts, week names, plan lengths, doses."""

from __future__ import annotations

import pytest

from circuit_timer.core.describe import (
    counted,
    dose_text,
    import_summary,
    plan_length,
    plural,
    week_heading,
)
from circuit_timer.core.model import Exercise, Plan, Week


def plan_of(*weeks_out: int) -> Plan:
    return Plan(id="p", title="P", weeks=[Week(weeks_out=w) for w in weeks_out])


def test_plural_counts_one_and_many_and_the_irregular_ones() -> None:
    assert plural(1, "set") == "1 set"
    assert plural(0, "set") == "0 sets"
    assert plural(1, "pain entry", "pain entries") == "1 pain entry"
    assert plural(2, "pain entry", "pain entries") == "2 pain entries"


def test_counted_lists_only_what_there_is() -> None:
    counts = [(1, "session", "sessions"), (0, "set", "sets"), (3, "row", "rows")]
    assert counted(counts) == "1 session and 3 rows"
    assert counted([(0, "set", "sets")]) == ""


@pytest.mark.parametrize(
    ("weeks_out", "label", "heading"),
    [
        (0, "Race week", "race week"),
        (0, "race week ", "race week"),
        (0, "Taper", "race week: Taper"),
        (1, None, "1 week out"),
        (3, "Load: 4 x 10RM", "3 weeks out: Load: 4 x 10RM"),
        (2, "2 weeks out", "2 weeks out"),
    ],
)
def test_week_heading_never_repeats_its_name(
    weeks_out: int, label: str | None, heading: str
) -> None:
    assert week_heading(weeks_out, label) == heading


@pytest.mark.parametrize(
    ("weeks_out", "length"),
    [
        ((4, 3, 2, 1, 0), "4 weeks + race week"),
        ((7, 6, 5, 4, 3, 2, 1, 0), "7 weeks + race week"),
        ((4, 1, 0), "4 weeks + race week"),
        ((3, 2, 1), "3 weeks"),
        ((1,), "1 week"),
        ((0,), "race week"),
        ((6, 5, 4), "3 weeks, to 4 weeks out"),
    ],
)
def test_plan_length_counts_the_weeks_as_they_are_counted_back(
    weeks_out: tuple[int, ...], length: str
) -> None:
    assert plan_length(plan_of(*weeks_out)) == length


def test_import_summary_says_what_was_added_and_what_was_already_there() -> None:
    assert import_summary(1, 3, 1, 0, 0) == "Imported 1 session, 3 sets and 1 pain entry."
    assert import_summary(2, 0, 0, 1, 1) == (
        "Imported 2 sessions and 1 plan enrolment; 1 was already here."
    )
    assert import_summary(0, 0, 0, 0, 4).startswith("Nothing new: everything")
    assert import_summary(0, 0, 0, 0, 0).startswith("Nothing new: that file holds")


def test_an_open_set_a_paced_set_and_a_test_in_words() -> None:
    assert dose_text(Exercise(id="a", name="A", reps=15)) == "15 reps"
    paced = Exercise(id="b", name="B", reps=12, pace=40)
    assert dose_text(paced) == "12 reps on a beat of 40 a minute"
    test = Exercise(id="c", name="C", reps=30, test=True, pace=60)
    assert dose_text(test) == "to failure (about 30 reps) on a beat of 60 a minute"
