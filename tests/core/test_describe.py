"""The words the terminal and the window share: counts, week names, plan lengths, doses,
notes and what a plan session changes."""

from __future__ import annotations

import pytest

from circuit_timer.core.describe import (
    counted,
    describe_circuit,
    describe_plan,
    dose_text,
    import_summary,
    plan_length,
    plural,
    scale_words,
    week_heading,
)
from circuit_timer.core.model import Circuit, Exercise, Plan, Week


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


def circuit_with_notes() -> Circuit:
    return Circuit.model_validate(
        {
            "id": "c",
            "title": "C",
            "blocks": [
                {
                    "exercises": [
                        {
                            "id": "towel",
                            "name": "Towel heel raise",
                            "sets": 3,
                            "reps": 12,
                            "tempo": "3-2-3",
                            "load": "12RM",
                            "cues": ["Slow"],
                            "notes": "Pain while loading: 0-3/10 is safe, 4-5 acceptable, "
                            "above 5 too much. Its benefit showed at 3 months, not earlier.",
                        },
                        {"id": "pogo", "name": "Pogo hops", "work": 10, "sets": 3},
                    ]
                }
            ],
        }
    )


def test_describe_circuit_prints_the_notes_wrapped_under_the_exercise() -> None:
    lines = describe_circuit(circuit_with_notes(), width=40).splitlines()
    at = lines.index("   - Towel heel raise: 3 x 12 reps at tempo 3-2-3, rest 30 s")
    assert lines[at + 1] == "       load: 12RM"
    notes = lines[at + 2 : lines.index("       > Slow")]
    assert notes[0].startswith("       notes: Pain while")
    assert all(line.startswith(" " * 14) for line in notes[1:])
    assert all(len(line) <= 44 for line in notes)  # width, or 30 characters past the indent
    assert " ".join(line.strip() for line in notes).removeprefix("notes: ") == (
        "Pain while loading: 0-3/10 is safe, 4-5 acceptable, above 5 too much. "
        "Its benefit showed at 3 months, not earlier."
    )
    # An exercise without notes gets no notes line.
    assert lines[-3] == "   - Pogo hops: 3 x 10 s, rest 30 s"


def plan_with_changes(**session: object) -> Plan:
    return Plan.model_validate(
        {"id": "p", "title": "P", "weeks": [{"weeks_out": 1, "sessions": [session]}]}
    )


def test_describe_plan_names_the_exercise_and_says_half_the_sets() -> None:
    plan = plan_with_changes(
        days_before_race=10,
        circuit="c",
        scale=0.5,
        adjust={"towel": {"reps": 10, "load": "The same 10RM backpack"}},
    )
    text = describe_plan(plan, {"c": circuit_with_notes()}.get, width=200)
    assert "   - 10 days before the race: c" in text
    assert "       half the sets" in text
    assert (
        "       Towel heel raise: 2 x 10 reps at tempo 3-2-3 (usually 3 x 12 reps); "
        "load: The same 10RM backpack"
    ) in text
    assert "towel:" not in text and "x 0.5" not in text and "sets x" not in text


def test_describe_plan_without_the_circuit_names_the_id_in_words() -> None:
    plan = plan_with_changes(day="tue", circuit="c", adjust={"towel": {"sets": 4, "reps": 10}})
    assert "       towel: 4 sets, 10 reps" in describe_plan(plan)
    assert "       towel: 4 sets, 10 reps" in describe_plan(plan, {}.get)


def test_describe_plan_says_an_unchanged_volume_once() -> None:
    plan = plan_with_changes(day="tue", circuit="c", adjust={"towel": {"sets": 3, "load": "10RM"}})
    text = describe_plan(plan, {"c": circuit_with_notes()}.get, width=200)
    assert "       Towel heel raise: 3 x 12 reps at tempo 3-2-3; load: 10RM" in text


@pytest.mark.parametrize(
    ("scale", "words"),
    [
        (0.5, "half the sets"),
        (0.25, "a quarter of the sets"),
        (2.0, "twice the sets"),
        (0.6, "60% of the sets, rounded up"),
    ],
)
def test_scale_in_words(scale: float, words: str) -> None:
    assert scale_words(scale) == words
