"""The writer thread: records in order, a lock or a deleted file waited out or mended,
its state reported, and the journal removed only when everything is in the file."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from circuit_timer.core.records import CompletedSet
from circuit_timer.store import entries, journal
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.journal import Journal, Record
from circuit_timer.store.writer import Writer, WriterState

T0 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
UID = "5d0c4f5e-0000-4000-8000-000000000002"


def a_set(number: int) -> Record:
    done = CompletedSet(
        block=0, round=1, exercise_id="bridge", set_number=number, side=None,
        reps_target=10, reps_done=10, seconds=30.0, exercise_name="Bridge", dose="10 reps",
    )  # fmt: skip
    return entries.completed_set(UID, done, T0 + timedelta(minutes=number))


START = entries.start(
    UID, "two-sets", circuit_title="Two sets", circuit_hash=None, plan_id=None,
    plan_week=None, started_at=T0, local_date=date(2026, 11, 30),
)  # fmt: skip


def until(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not check():
        assert time.monotonic() < deadline, "not reached in 10 s"
        time.sleep(0.01)


def journaled(home: Path, writer_journal: Journal, records: list[Record], writer: Writer) -> None:
    writer_journal.append_all(records)
    for record in records:
        writer.put(record)


def sets_in(home: Path) -> list[int]:
    conn = sqlite3.connect(f"{(home / 'history.db').as_uri()}?mode=ro", uri=True)
    try:
        return [int(n) for (n,) in conn.execute("SELECT set_number FROM sets ORDER BY id")]
    finally:
        conn.close()


def test_records_go_in_in_order_and_the_journal_goes_once_they_are_in(tmp_path: Path) -> None:
    HistoryStore.in_folder(tmp_path).close()
    seen: list[WriterState] = []
    kept = Journal(tmp_path / journal.FOLDER, UID)
    writer = Writer(tmp_path / "history.db", kept, on_change=seen.append)
    journaled(tmp_path, kept, [START, a_set(1), a_set(2)], writer)
    assert writer.wait(10)
    assert writer.state() == WriterState(3, 0, None, None)
    assert seen[-1].written == 3
    assert sets_in(tmp_path) == [1, 2]
    assert kept.path.exists()  # until the writer closes
    assert writer.close(10)
    assert not kept.path.exists()


def test_a_lock_is_reported_waited_out_and_the_records_written_after(tmp_path: Path) -> None:
    HistoryStore.in_folder(tmp_path).close()
    kept = Journal(tmp_path / journal.FOLDER, UID)
    writer = Writer(tmp_path / "history.db", kept)
    locker = sqlite3.connect(tmp_path / "history.db", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        journaled(tmp_path, kept, [START, a_set(1)], writer)
        assert not writer.wait(10, until_fault=True)  # back at the first fault
        state = writer.state()
        assert state.code == "SQLITE_BUSY" and state.pending == 2 and state.written == 0
        assert state.fault is not None and "locked by another program" in state.fault
    finally:
        locker.execute("COMMIT")
        locker.close()
    assert writer.wait(10)
    assert writer.state().fault is None and sets_in(tmp_path) == [1]
    assert writer.close(10)


def test_closing_while_locked_is_quick_and_leaves_the_rest_to_the_journal(
    tmp_path: Path,
) -> None:
    HistoryStore.in_folder(tmp_path).close()
    kept = Journal(tmp_path / journal.FOLDER, UID)
    writer = Writer(tmp_path / "history.db", kept)
    locker = sqlite3.connect(tmp_path / "history.db", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        journaled(tmp_path, kept, [START, a_set(1), a_set(2)], writer)
        assert not writer.close(0.3)
    finally:
        locker.execute("COMMIT")
        locker.close()
    assert kept.path.exists()
    with HistoryStore.in_folder(tmp_path) as store:  # the next start
        assert [s.set_number for s in store.sets()] == [1, 2]
    assert not kept.path.exists()


def test_a_database_deleted_mid_run_is_made_again_with_every_record(tmp_path: Path) -> None:
    HistoryStore.in_folder(tmp_path).close()
    kept = Journal(tmp_path / journal.FOLDER, UID)
    writer = Writer(tmp_path / "history.db", kept)
    journaled(tmp_path, kept, [START, a_set(1), a_set(2)], writer)
    assert writer.wait(10)
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"history.db{suffix}").unlink(missing_ok=True)
    journaled(tmp_path, kept, [a_set(3)], writer)
    assert writer.wait(10)
    until(lambda: writer.state().written == 4)
    assert writer.close(10)
    assert sets_in(tmp_path) == [1, 2, 3]
    with HistoryStore.in_folder(tmp_path) as store:
        assert [s.uuid for s in store.sessions()] == [UID]
