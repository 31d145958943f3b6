"""The library page's words, apart from its widgets."""

from __future__ import annotations

from circuit_timer.core.library import load_library
from circuit_timer.core.problems import Problem
from circuit_timer.files import paths
from circuit_timer.ui.library_words import (
    ALL_TAGS,
    as_written_note,
    by_file,
    item_text,
    library_status,
    no_match_text,
    problem_text,
)

LIBRARY = load_library(paths.bundled_circuits_dir(), None)


def test_an_empty_list_says_what_hides_it_and_how_to_see_all() -> None:
    assert no_match_text("zzz", ALL_TAGS) == (
        "No circuit or plan matches “zzz”. To see them all, clear the search."
    )
    assert no_match_text("", "calf") == (
        "No circuit or plan matches tagged “calf”. To see them all, choose All tags."
    )
    assert no_match_text("zzz", "calf").endswith("clear the search or choose All tags.")


def test_start_as_written_says_what_the_plan_session_is() -> None:
    circuit = LIBRARY.circuit("calf-achilles")
    assert circuit is not None
    assert as_written_note(circuit, "PF", False).startswith(
        "Start runs Calf and Achilles as written. Today's plan session is PF: select it"
    )
    assert as_written_note(circuit, None, True) == (
        "Today's plan session is done. Start runs Calf and Achilles as written."
    )
    assert as_written_note(circuit, None, False).startswith("No plan session today.")


def test_items_and_the_status_line() -> None:
    entry = LIBRARY.entries["pf-crash-course-4-weeks"]
    assert item_text(entry, None) == (f"{entry.document.title}\n    plan, 4 weeks + race week")
    assert library_status(LIBRARY).endswith(" plans")
    problems = [Problem("/x/a.yaml", 6, 9, "unknown key"), Problem("/x/a.yaml", 7, 1, "more")]
    assert list(by_file(problems)) == ["/x/a.yaml"]
    assert problem_text("/x/a.yaml", problems) == "⚠ a.yaml\n    6:9: unknown key"
