"""What a workout writes ahead to its journal, and how each record goes into the history.

Every record names its session by uuid and applying one is idempotent: a session's start
is left alone when the session is already there, a set replaces the same set, a finish
or a note sets the same values again, a discard deletes what may already be gone. A
journal can so be applied again after a crash at any point, or twice.

``replay`` applies the journals an earlier run left (locked, full, deleted database,
killed process) before a command or the window reads the history.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from circuit_timer.core.records import CompletedSet
from circuit_timer.store import journal
from circuit_timer.store.errors import EnvironmentFault, StoreError
from circuit_timer.store.journal import Record
from circuit_timer.store.recording import Recording
from circuit_timer.store.timestamps import from_text, to_text

# Replaying at a start must not stall it: a lock held elsewhere leaves the rest for later.
REPLAY_BUSY_MS = 200


def start(
    session: str,
    circuit_id: str,
    *,
    circuit_title: str | None,
    circuit_hash: str | None,
    plan_id: str | None,
    plan_week: int | None,
    started_at: datetime,
    local_date: date,
    source: str = "app",
    ladder_steps: Mapping[str, int | None] | None = None,
) -> Record:
    """The record of a session's start (``ladder_steps``: a plan session's step per
    laddered exercise, None as written; written with the session, so a kill keeps them)."""
    return {
        "kind": "start", "session": session, "circuit_id": circuit_id,
        "circuit_title": circuit_title, "circuit_hash": circuit_hash, "plan_id": plan_id,
        "plan_week": plan_week, "started_at": to_text(started_at),
        "local_date": local_date.isoformat(), "source": source, "pid": os.getpid(),
        "ladder_steps": dict(ladder_steps or {}),
    }  # fmt: skip


def completed_set(session: str, done: CompletedSet, recorded_at: datetime) -> Record:
    """The record of one completed set (a redone set: the same set again)."""
    return {
        "kind": "set",
        "session": session,
        "set": dataclasses.asdict(done),
        "recorded_at": to_text(recorded_at),
    }


def finish(session: str, status: str, ended_at: datetime) -> Record:
    """The record of how and when a session ended."""
    return {"kind": "finish", "session": session, "status": status, "ended_at": to_text(ended_at)}


def note(
    session: str, *, notes: str | None, pain_during: int | None, pain_after: int | None
) -> Record:
    """The record of the runner's note and pain after the session."""
    return {
        "kind": "note",
        "session": session,
        "notes": notes,
        "pain_during": pain_during,
        "pain_after": pain_after,
    }


def discard(session: str) -> Record:
    """The record of a session the runner chose not to keep."""
    return {"kind": "discard", "session": session}


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _steps(value: Any) -> dict[str, int | None]:
    """A start record's ladder steps (journals from before them have none)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise StoreError(f"a journal record has no valid ladder steps: {value!r}")
    return {str(ex): _opt_int(step) for ex, step in value.items()}


def apply(db: Recording, record: Record) -> None:
    """Write one record into the history (raises StoreError as the store does)."""
    kind = record.get("kind")
    session = str(record["session"])
    if kind == "start":
        db.start_session(
            str(record["circuit_id"]),
            circuit_title=_opt_str(record.get("circuit_title")),
            circuit_hash=_opt_str(record.get("circuit_hash")),
            plan_id=_opt_str(record.get("plan_id")),
            plan_week=_opt_int(record.get("plan_week")),
            started_at=from_text(str(record["started_at"])),
            local_date=date.fromisoformat(str(record["local_date"])),
            source=str(record.get("source") or "app"),
            uuid=session,
            owner_pid=_opt_int(record.get("pid")),
            ladder_steps=_steps(record.get("ladder_steps")),
        )
    elif kind == "set":
        done = CompletedSet(**record["set"])
        db.record_set(session, done, recorded_at=from_text(str(record["recorded_at"])))
    elif kind == "finish":
        status = record["status"]
        if status not in ("completed", "partial"):
            raise StoreError(f"a journal record has no valid status: {status!r}")
        db.finish_session(session, status, ended_at=from_text(str(record["ended_at"])))
    elif kind == "note":
        db.update_session(
            session,
            notes=_opt_str(record.get("notes")),
            pain_during=_opt_int(record.get("pain_during")),
            pain_after=_opt_int(record.get("pain_after")),
        )
    elif kind == "discard":
        db.delete_session(session)
    else:
        raise StoreError(f"a journal record of an unknown kind: {kind!r}")


def in_main_file(db: Recording) -> bool:
    """Checkpoint the WAL; whether every frame of it is now in the database file itself
    (only then may a journal go: a damaged WAL loses what is only in it)."""
    try:
        rows = db._read("PRAGMA wal_checkpoint(PASSIVE)")
    except StoreError:
        return False
    busy, frames, done = rows[0]
    return bool(busy == 0 and frames == done and frames >= 0)


def _sets_in(records: list[Record]) -> int:
    return len({repr(sorted(r["set"].items())) for r in records if r.get("kind") == "set"})


def replay(db: Recording, folder: Path | None = None, *, live: Path | None = None) -> list[str]:
    """Apply the journals left in ``folder`` (beside the database by default) that no live
    process still writes; a journal wholly written (and checkpointed) is removed. ``live``
    is this process's running workout's journal, never claimed: its writer may be about
    to lock it, and a claim at that moment would refuse the workout's own append. Returns
    what the runner should be told."""
    folder = folder or journal.folder_of(db.path)
    paths = [path for path in journal.leftovers(folder) if path != live]
    if not paths or db.readonly:
        return []
    notices: list[str] = []
    written = 0
    conn = db._conn
    try:
        conn.execute(f"PRAGMA busy_timeout = {REPLAY_BUSY_MS}")
    except sqlite3.Error:
        return []  # the history is not usable now: the journals wait for the next start
    try:
        for path in paths:
            with journal.claimed(path) as records:
                if records is None:
                    continue  # a live workout's, or unreadable: left for later
                try:
                    refused = _apply_all(db, records)
                except EnvironmentFault as exc:
                    notices.append(
                        f"sets from an earlier workout are kept in {path} and will be written "
                        f"to your history at the next start ({exc})"
                    )
                    break
                written += _sets_in(records)
                if refused:
                    notices.append(
                        f"{refused} record{'s' * (refused != 1)} in {path} could not be "
                        "written to your history; the file is kept."
                    )
                elif in_main_file(db):
                    with contextlib.suppress(FileNotFoundError):
                        journal.discard(path)
    finally:
        from circuit_timer.store.connection import BUSY_TIMEOUT_MS

        with contextlib.suppress(Exception):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if written:
        notices.append(
            f"{written} set{'s' * (written != 1)} kept from an earlier workout "
            f"{'were' if written != 1 else 'was'} written to your history."
        )
    return notices


def _apply_all(db: Recording, records: list[Record]) -> int:
    """Apply ``records`` in order; returns how many were refused (a record the history
    cannot take will not take it later either). A fault of the machine stops it."""
    refused = 0
    for record in records:
        try:
            apply(db, record)
        except EnvironmentFault:
            raise
        except (StoreError, KeyError, TypeError, ValueError):
            refused += 1
    return refused
