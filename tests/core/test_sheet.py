"""A circuit's sheet: a section per block, a row per exercise with its dose, what the
tempo and holds mean, its rests, load, cues and notes, and one box a set (a row per round
when a block runs twice)."""

from __future__ import annotations

from datetime import date

from circuit_timer.core.describe import CLINICIAN_NOTE
from circuit_timer.core.sheet import (
    Ticks,
    circuit_sheet,
    count_blanks,
    printed_line,
    set_ticks,
    tempo_words,
)
from tests.sample_circuits import circuit

DAY = date(2026, 11, 30)

ROUNDS = """
    title: Rounds
    summary: Two   lines
      of summary.
    equipment: [band]
    defaults: {rest: 20, rest_between_exercises: 10, switch_sides: 4, rest_between_reps: 3}
    blocks:
      - title: Warm-up
        kind: rehab
        exercises:
          - id: raise
            name: Heel raise
            sets: 3
            reps: 12
            tempo: 3-0-3-1
            sides: each
            rest: 60
            load: A backpack
            cues: [Up slowly, Down slower]
            notes: |
              Pain 0-3 is safe.
              Above 5, stop.
      - kind: strength
        rounds: 2
        rest_between_rounds: 45
        exercises:
          - {id: plank, name: Side plank, hold: 20, reps: 3, sides: each}
          - {id: hops, name: Hops, work: 10}
"""


def test_a_row_per_exercise_with_dose_rest_load_cues_notes_and_boxes() -> None:
    sheet = circuit_sheet(circuit(ROUNDS), DAY)
    assert (sheet.kind, sheet.id, sheet.title, sheet.printed) == ("circuit", "t", "Rounds", DAY)
    assert sheet.facts[0] == "Two lines of summary."
    assert "Equipment: band" in sheet.facts
    assert [s.heading for s in sheet.sections] == ["1. Warm-up", "2. Block 2"]
    warm_up, circuit_block = sheet.sections
    assert warm_up.lines == ("rehab",)
    [row] = warm_up.rows
    assert row.cells == (
        ("Heel raise", "Load: A backpack"),
        (
            "3 x 12 reps at tempo 3-0-3-1",
            "each rep: 3 s up, 3 s down, 1 s pause at the bottom",
            "each side: left, then right",
        ),
        ("60 s between sets", "4 s to switch sides"),
    )
    assert row.cues == ("Up slowly", "Down slower")
    assert row.notes == "Pain 0-3 is safe. Above 5, stop."
    assert row.ticks == Ticks((("", 3),))
    assert circuit_block.lines == (
        "strength, 2 rounds: the exercises in order, then again; 45 s between rounds",
    )
    plank, hops = circuit_block.rows
    assert plank.cells[1] == ("3 x 20 s hold", "3 s between holds", "each side: left, then right")
    assert plank.cells[2] == ("4 s to switch sides",)
    assert plank.ticks == Ticks((("Round 1", 1), ("Round 2", 1)))
    assert hops.cells == (("Hops",), ("10 s",), ("-",))
    assert sheet.closing == (CLINICIAN_NOTE,)


def test_words_are_every_text_in_reading_order() -> None:
    sheet = circuit_sheet(circuit(ROUNDS), DAY)
    words = sheet.words()
    assert words[0] == "Rounds" and words[-1] == CLINICIAN_NOTE
    for text in ("Heel raise", "Down slower", "Pain 0-3 is safe. Above 5, stop.", "Hops"):
        assert text in words
    assert words.index("Heel raise") < words.index("Side plank") < words.index("Hops")


def test_tempo_words_leave_out_a_zero_phase() -> None:
    assert tempo_words([3, 2, 3]) == "3 s up, 2 s hold, 3 s down"
    assert tempo_words([2, 0, 2, 1]) == "2 s up, 2 s down, 1 s pause at the bottom"


def test_one_box_a_set_and_a_row_of_boxes_a_round() -> None:
    assert set_ticks(3, 1) == Ticks((("", 3),))
    assert set_ticks(2, 3).groups == (("Round 1", 2), ("Round 2", 2), ("Round 3", 2))
    assert set_ticks(2, 3).boxes == 6


def test_printed_line() -> None:
    assert printed_line(DAY) == "Printed Mon 30 Nov 2026"


def test_a_test_has_a_blank_per_side_for_the_count() -> None:
    tests = circuit(
        """
        title: Tests
        blocks:
          - exercises:
              - {id: calf, name: Calf, reps: 30, test: true, sides: each}
              - {id: hops, name: Hops, reps: 20, test: true}
              - {id: raise, name: Raise, reps: 20}
        """
    )
    calf, hops, plain = (
        row for section in circuit_sheet(tests, DAY).sections for row in section.rows
    )
    assert calf.write_in == ("Left", "Right") and "a test: count your reps" in calf.cells[1]
    assert hops.write_in == ("Reps",)
    assert plain.write_in == () and count_blanks(tests.blocks[0].exercises[2]) == ()
