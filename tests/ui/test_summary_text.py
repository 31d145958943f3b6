"""What the summary says: sets per exercise and side, the facts line, what was saved, the
pain choice in its band, notes that carry a safety rule, and each left-right test's LSI
worked out in the open."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from circuit_timer.core.asymmetry import SidePoint
from circuit_timer.core.records import CompletedSet
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.summary_text import (
    NOISE_TEXT,
    Row,
    SideTest,
    choice_text,
    facts_text,
    load_text,
    parse_loads,
    safety_notes,
    saved_text,
    side_test_detail,
    side_test_text,
    side_tests,
    stored_pain_text,
    summarise,
)
from tests.sample_circuits import circuit


def done(exercise: str, n: int, side: str | None = None, **fields: Any) -> CompletedSet:
    values: dict[str, Any] = {
        "block": 0,
        "round": 1,
        "exercise_id": exercise,
        "exercise_name": exercise.title(),
        "set_number": n,
        "side": side,
        "reps_target": 10,
        "reps_done": 10,
        "seconds": 30.0,
    }
    values.update(fields)
    return CompletedSet(**values)


def test_sets_are_summed_per_exercise_and_side_in_the_order_done() -> None:
    sets = [
        done("raise", 1, "left", reps_done=8),
        done("raise", 1, "right"),
        done("raise", 2, "left"),
        done("hops", 1, reps_target=None, reps_done=None, seconds=20.0),
    ]
    assert summarise(sets) == [
        Row("Raise", "left", 2, "18 / 20", 60.0),
        Row("Raise", "right", 1, "10 / 10", 30.0),
        Row("Hops", "\u2013", 1, "\u2013", 20.0),
    ]


def test_the_facts_line_counts_reps_only_where_sets_count_them() -> None:
    assert facts_text(754.0, [done("raise", 1), done("raise", 2, reps_done=7)]) == (
        "Time 12:34 · 2 sets · 17 reps"
    )
    timed = [done("hops", 1, reps_target=None, reps_done=None)]
    assert facts_text(61.0, timed) == "Time 1:01 · 1 set"
    assert facts_text(5.0, []) == "Time 0:05 · no set done"


def test_saved_says_what_the_history_holds() -> None:
    assert saved_text(3, 3) == "3 sets saved to your history."
    assert saved_text(3, 2) == "Only 2 of 3 sets saved to your history (see the status bar)."
    assert saved_text(2, None) == "Not saved: the history could not be opened."
    assert saved_text(0, 0).startswith("No set was completed")


def test_pain_words_never_assume_a_score() -> None:
    assert choice_text(None) == "Not chosen: nothing is saved unless you pick."
    assert choice_text("skip") == "Skipped: no score is saved."
    assert [choice_text(n) for n in (3, 4, 6)] == [
        "3/10: safe.",
        "4/10: acceptable.",
        "6/10: too much.",
    ]
    assert stored_pain_text(None, 2) == "Saved: pain during not entered, pain after 2/10."


def test_only_notes_with_a_safety_rule_are_repeated_once_per_exercise() -> None:
    notes = circuit("""
        title: Notes
        blocks:
          - exercises:
              - {id: a, name: A, work: 5, notes: "Keep pain at or below 3/10."}
              - {id: b, name: B, work: 5, notes: "Weaker in people with heel pain."}
              - {id: c, name: C, work: 5, notes: "Stop if it  hurts\\nmore the next day."}
          - exercises:
              - {id: a2, name: A again, work: 5}
    """)
    assert safety_notes(notes) == [
        ("A", "Keep pain at or below 3/10."),
        ("C", "Stop if it hurts more the next day."),
    ]


def test_a_side_test_shows_its_lsi_worked_out() -> None:
    point = SidePoint(date(2026, 11, 24), "s", 20.0, 25.0, "reps", 80.0, 20.0, "left", True)
    result = SideTest("heel-raise", "Heel raise", point, 2)
    assert side_test_detail(result) == (
        "left 20, right 25 reps. LSI = weaker / stronger x 100 = 20 / 25 x 100 = 80% "
        f"(left side weaker, under the usual 90% flag). {NOISE_TEXT} Charts shows it beside "
        "your 2 earlier tests."
    )
    assert side_test_text(result).startswith("Heel raise: left 20")
    uncounted = SideTest("heel-raise", "Heel raise", None, 0)
    assert "not counted on every side, so no LSI" in side_test_detail(uncounted)


def test_side_tests_are_the_per_side_tests_done(store: HistoryStore) -> None:
    sets = [
        done("raise", 1, "left", test=True),
        done("raise", 1, "right", test=True),
        done("bridge", 1, "left"),  # not a test
        done("plank", 1, test=True),  # no sides
    ]
    assert side_tests(None, None, sets) == [SideTest("raise", "Raise", None, 0)]
    # A session the history has no counted sides for: no LSI, not a made-up one.
    uid = store.start_session("c")
    assert side_tests(store, uid, sets) == [SideTest("raise", "Raise", None, 0)]
    assert side_tests(store, uid, sets[2:3]) == []


def test_side_tests_read_the_lsi_the_history_gives(store: HistoryStore) -> None:
    sets = [
        done("raise", 1, "left", test=True, counted=True, reps_done=18, reps_target=None),
        done("raise", 1, "right", test=True, counted=True, reps_done=24, reps_target=None),
    ]
    uid = store.start_session("c")
    for a_set in sets:
        store.record_set(uid, a_set)
    store.finish_session(uid, "completed")
    [result] = side_tests(store, uid, sets)
    assert result.point is not None and result.earlier == 0
    assert (result.point.left, result.point.right, result.point.lsi) == (18, 24, 75.0)


def test_sets_kept_for_the_history_are_not_called_saved() -> None:
    # Issue 13: a set in the journal is kept safely, not saved, until the history has it.
    assert saved_text(1, 0, 1) == (
        "1 set kept safely: it will be written as soon as the history can take it."
    )
    assert saved_text(15, 9, 15) == (
        "9 of 15 sets saved to your history; the other 6 will be written as soon as the "
        "history can take them."
    )
    assert stored_pain_text(None, 2, written=False) == (
        "Kept safely, written as soon as the history can take it: pain during not entered, "
        "pain after 2/10."
    )


def test_a_row_s_loads_read_as_one_value_or_one_per_set() -> None:
    assert load_text([None, None]) == ""
    assert load_text([(5.0, False)] * 3) == "5 kg"
    assert load_text([(5.0, False), (7.5, False), None]) == "5, 7.5, \u2013 kg"
    assert load_text([(None, True), (None, True)]) == "bw"
    assert load_text([(None, True), (5.0, False)]) == "bw, 5 kg"


def test_loads_typed_for_a_row_are_one_for_all_or_one_per_set() -> None:
    assert parse_loads("7.5", 3) == [(7.5, False)] * 3
    assert parse_loads("5, 7.5 kg, \u2013", 3) == [(5.0, False), (7.5, False), None]
    assert parse_loads("bw", 2) == [(None, True)] * 2
    assert parse_loads("", 2) == [None, None]
    assert parse_loads(load_text([(5.0, False), None]), 2) == [(5.0, False), None]
    with pytest.raises(ValueError, match="give one load for all 3 sets, or 3 separated by commas"):
        parse_loads("5, 6", 3)
    with pytest.raises(ValueError, match="at most 300 kg, not 301"):
        parse_loads("301", 1)
