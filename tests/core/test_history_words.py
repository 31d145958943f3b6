"""A history session in words: its name, its row, its status."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from circuit_timer.core.history_words import session_name, session_row, status_text
from circuit_timer.core.records import SessionRecord

# A naive time is local: astimezone() keeps its hour, whatever the machine's zone.
STARTED = datetime(2026, 6, 3, 7, 30)
SESSION = SessionRecord("u1", "pf-crash-course", date(2026, 6, 3), "completed", STARTED)


def test_a_session_is_named_by_its_day_time_and_circuit() -> None:
    assert session_name(SESSION) == "Wed 3 Jun 2026 07:30 · pf-crash-course"
    titled = replace(SESSION, circuit_title="Plantar fasciitis crash course")
    assert session_name(titled) == "Wed 3 Jun 2026 07:30 · Plantar fasciitis crash course"


def test_status_words() -> None:
    assert status_text(SESSION) == "Completed"
    assert status_text(replace(SESSION, status="partial")) == "PARTIAL"
    assert status_text(replace(SESSION, source="log")) == "Completed · log"


def test_a_row_has_a_cell_per_column_and_dashes_for_pain_not_entered() -> None:
    row = session_row(replace(SESSION, pain_after=3, notes="felt\ngood"), 12, 96)
    assert row == [
        "Wed 3 Jun 2026 07:30", "pf-crash-course", "Completed", "12", "96",
        "\u2013", "3 / 10", "felt good",
    ]  # fmt: skip
