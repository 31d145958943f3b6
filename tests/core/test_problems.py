"""A problem in a file prints as PATH:LINE:COL: message, and problems sort by place."""

from __future__ import annotations

from circuit_timer.core.problems import FileProblems, Problem


def test_a_problem_prints_where_it_is_then_what() -> None:
    problem = Problem("circuits/mine.yaml", 7, 9, "unknown key 'rpes'")
    assert str(problem) == "circuits/mine.yaml:7:9: unknown key 'rpes'"


def test_file_problems_carry_every_problem_sorted_by_place() -> None:
    late = Problem("a.yaml", 12, 3, "second")
    early = Problem("a.yaml", 2, 5, "first")
    same_line = Problem("a.yaml", 2, 1, "before first")
    error = FileProblems([late, early, same_line])
    assert error.problems == [same_line, early, late]
    assert str(error).splitlines() == [
        "a.yaml:2:1: before first",
        "a.yaml:2:5: first",
        "a.yaml:12:3: second",
    ]
