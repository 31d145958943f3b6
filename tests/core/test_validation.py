"""Validation: a file's data becomes a Circuit or a Plan, or problems that point at the
key or value at fault (line and column), each saying what to write instead."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.problems import FileProblems
from circuit_timer.core.validation import exercise_by_id, parse_document
from circuit_timer.core.yaml_source import read_yaml_bytes


def parse(text: str, name: str = "mine", folder: Path | None = None) -> Circuit | Plan:
    located = read_yaml_bytes(textwrap.dedent(text).encode(), f"{name}.yaml")
    return parse_document(located, f"{name}.yaml", name, folder)


def problems(text: str, name: str = "mine", folder: Path | None = None) -> list[str]:
    with pytest.raises(FileProblems) as caught:
        parse(text, name, folder)
    return [str(p) for p in caught.value.problems]


def test_blocks_make_a_circuit_weeks_a_plan_and_the_id_defaults_to_the_file_name() -> None:
    circuit = parse("""
        title: Mine
        blocks:
          - exercises:
              - {id: hop, name: Hop, work: 5}
    """)
    assert isinstance(circuit, Circuit) and circuit.id == "mine"
    plan = parse("""
        weeks:
          - weeks_out: 1
            sessions:
              - {circuit: mine, day: mon}
    """, name="my-plan")  # fmt: skip
    # A plan without a title is called by its id.
    assert isinstance(plan, Plan) and (plan.id, plan.title) == ("my-plan", "my-plan")


def test_an_exercise_without_a_dose_is_pointed_at_and_told_the_doses() -> None:
    assert problems("""
        title: Mine
        blocks:
          - exercises:
              - {id: hop, name: Hop}
    """) == [
        "mine.yaml:5:9: exercise 'hop' has no dose: give one dose: 'work' (timed), 'reps' "
        "with or without 'tempo', or 'hold' (+ 'reps')"
    ]


def test_the_later_of_two_clashing_keys_is_blamed() -> None:
    [problem] = problems("""
        title: Mine
        blocks:
          - exercises:
              - id: hop
                name: Hop
                hold: 5
                tempo: 2-1-1
    """)
    assert problem == "mine.yaml:8:9: a 'hold' has no 'tempo': hold for 'hold' seconds instead"


def test_a_misspelt_key_gets_a_suggestion_and_a_duplicate_id_the_first_line() -> None:
    found = problems("""
        title: Mine
        blocks:
          - exercises:
              - {id: hop, name: Hop, work: 5, rset: 3}
              - {id: hop, name: Hop again, work: 5}
    """)
    assert found == [
        "mine.yaml:5:39: unknown key 'rset' (did you mean 'rest'?)",
        "mine.yaml:6:14: duplicate exercise id 'hop' (first used at line 5); "
        "ids must be unique within a circuit",
    ]


def test_not_both_blocks_and_weeks_and_not_a_list() -> None:
    assert problems("blocks: []\nweeks: []\n") == [
        "mine.yaml:2:1: a file is either a circuit ('blocks:') or a plan ('weeks:'), not both"
    ]
    [problem] = problems("- just\n- a list\n")
    assert problem.startswith("mine.yaml:1:1: a circuit or plan file must be a mapping")


def test_a_file_name_that_is_no_id_asks_for_an_id_key_once() -> None:
    text = "title: Mine\nblocks:\n  - exercises:\n      - {id: hop, name: Hop, work: 5}\n"
    assert problems(text, name="My Circuit") == [
        "My Circuit.yaml:1:1: the file name 'My Circuit' is not a valid id; add an 'id:' key "
        "(lowercase letters, digits and dashes)"
    ]


def test_a_plan_day_outside_its_week_is_refused() -> None:
    [problem] = problems("""
        weeks:
          - weeks_out: 1
            sessions:
              - {circuit: mine, days_before_race: 3}
    """)
    assert "days_before_race 3 is not in week 1 out (days 7 to 13 before the race)" in problem


def test_an_image_must_exist_inside_the_circuits_folder(tmp_path: Path) -> None:
    (tmp_path / "hop.png").write_bytes(b"png")
    text = """
        title: Mine
        blocks:
          - exercises:
              - {{id: hop, name: Hop, work: 5, image: {image}}}
    """
    assert isinstance(parse(text.format(image="hop.png"), folder=tmp_path), Circuit)
    [outside] = problems(text.format(image="../hop.png"), folder=tmp_path)
    assert "leads outside the circuit's folder" in outside
    [missing] = problems(text.format(image="gone.png"), folder=tmp_path)
    assert "image 'gone.png' does not exist" in missing


def test_exercise_by_id_looks_in_every_block() -> None:
    circuit = parse("""
        title: Mine
        blocks:
          - exercises:
              - {id: hop, name: Hop, work: 5}
          - exercises:
              - {id: bridge, name: Bridge, reps: 10}
    """)
    assert isinstance(circuit, Circuit)
    found = exercise_by_id(circuit, "bridge")
    assert found is not None and found.name == "Bridge"
    assert exercise_by_id(circuit, "plank") is None
