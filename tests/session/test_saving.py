"""What the faces say about saving: one line per kind of fault, and the truth at the end."""

from __future__ import annotations

from circuit_timer.session.saving import end_line, fault_line
from circuit_timer.store.writer import WriterState


def state(code: str | None) -> WriterState:
    return WriterState(3, 2, None if code is None else "detail", code)


def test_one_line_per_kind_of_fault() -> None:
    assert fault_line(None) is None and fault_line(state(None)) is None
    assert fault_line(state("SQLITE_BUSY")) == (
        "History is locked by another program: your sets are kept and will be written "
        "when it is free."
    )
    assert "disk is full" in (fault_line(state("SQLITE_FULL")) or "")
    assert "read-only or missing" in (fault_line(state("SQLITE_READONLY_DBMOVED")) or "")
    assert "damaged" in (fault_line(state("SQLITE_CORRUPT")) or "")
    assert "cannot be written just now" in (fault_line(state("SQLITE_IOERR_WRITE")) or "")
    assert "kept in memory" in (fault_line(state(None), "journal/x.jsonl: No space") or "")


def test_the_end_line_says_saved_only_for_sets_in_the_history() -> None:
    assert end_line(15, 15, 15) == "15 sets saved to your history."
    assert end_line(0, 0, 0) == "0 sets saved to your history."
    assert end_line(15, 15, 15, all_written=False).startswith(
        "15 sets saved to your history. The rest of the session is kept safely"
    )
    assert end_line(15, 0, 15) == (
        "15 sets kept safely; they will be written to your history at the next start."
    )
    assert end_line(15, 9, 15) == (
        "9 of 15 sets saved to your history; 6 more kept safely, to be written to your "
        "history at the next start."
    )
    assert end_line(15, 0, 0) == "0 of 15 sets saved to your history; 15 could not be kept on disk."
