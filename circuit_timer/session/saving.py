"""What the faces say about saving: one line while the history cannot be written, and at
the end how many sets are in the history and how many are kept for the next start.

Every word is true: "saved" only for sets in the history database, "kept safely" only
for sets on disk in the journal, and sets in memory only are called that.
"""

from __future__ import annotations

from circuit_timer.core.describe import plural
from circuit_timer.store.writer import WriterState

KEPT = "your sets are kept and will be written"

# SQLite's error names (``sqlite_errorname``), by what the runner is told.
_LINES = (
    (("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_PROTOCOL"),
     f"History is locked by another program: {KEPT} when it is free."),
    (("SQLITE_FULL",), f"The disk is full: {KEPT} when there is room."),
    (("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM"),
     f"History cannot be written (read-only or missing): {KEPT} when it can be."),
    (("SQLITE_CORRUPT", "SQLITE_NOTADB"),
     f"The history database is damaged: {KEPT} to a new one."),
)  # fmt: skip
OTHER = f"History cannot be written just now: {KEPT} when it can be."


def fault_line(state: WriterState | None, journal_fault: str | None = None) -> str | None:
    """The one line to show while a workout's records cannot be written; None when all
    is well."""
    if journal_fault is not None:
        return (
            f"Your sets could not be written to disk ({journal_fault}): they are kept in "
            "memory and written as soon as possible; keep circuit-timer open."
        )
    if state is None or state.fault is None:
        return None
    code = state.code or ""
    for names, line in _LINES:
        if any(code == name or code.startswith(name + "_") for name in names):
            return line
    return OTHER


def end_line(done: int, recorded: int, kept: int, *, all_written: bool = True) -> str:
    """How many of the ``done`` sets are in the history (``recorded``) and how many more
    are kept safely on disk (``kept`` counts both), for the end of a workout."""
    later = "written to your history at the next start"
    if recorded >= done:
        text = f"{plural(done, 'set')} saved to your history."
        if not all_written:
            text += f" The rest of the session is kept safely and will be {later}."
        return text
    waiting = kept - recorded
    if recorded == 0 and kept >= done:
        they = "it" if done == 1 else "they"
        return f"{plural(done, 'set')} kept safely; {they} will be {later}."
    text = f"{recorded} of {plural(done, 'set')} saved to your history"
    if waiting:
        text += f"; {waiting} more kept safely, to be {later}"
    lost = done - kept
    if lost:
        text += f"; {lost} could not be kept on disk"
    return text + "."
