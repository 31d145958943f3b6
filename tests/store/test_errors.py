"""SQLite's errors sorted by result code: the machine's fault says what to do, anything
else says it is a bug in circuit-timer. Each fault here is a real one SQLite raised."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circuit_timer.store import connection
from circuit_timer.store.errors import EnvironmentFault, StoreBug, StoreError, explain
from circuit_timer.store.history import HistoryStore

NOW = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)


def clock() -> datetime:
    return NOW


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.db", now=clock) as opened:
        yield opened


def raised(conn: sqlite3.Connection, sql: str) -> sqlite3.Error:
    """The error SQLite raises for ``sql`` on ``conn``."""
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute(sql).fetchall()
    return caught.value


def test_a_lock_held_past_the_busy_timeout_is_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "history.db"
    HistoryStore(path, now=clock).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with (
            HistoryStore(path, now=clock, recover=False) as store,
            pytest.raises(EnvironmentFault) as caught,
        ):
            store.start_session("pf-crash-course")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.code == "SQLITE_BUSY"
    assert "locked by another program" in str(caught.value)
    assert "Try again in a moment" in str(caught.value)


def test_a_full_database_is_the_environment(store: HistoryStore) -> None:
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(EnvironmentFault) as caught:
        for n in range(200):
            store.start_session(f"circuit-{n}", circuit_title="x" * 2000)
    assert caught.value.code == "SQLITE_FULL"
    assert str(caught.value).endswith("is full; free some space.")


def test_writing_a_read_only_file_is_the_environment(store: HistoryStore) -> None:
    readonly = sqlite3.connect(f"{store.path.as_uri()}?mode=ro", uri=True)
    try:
        error = raised(readonly, "INSERT INTO settings (key, value) VALUES ('a', 'b')")
    finally:
        readonly.close()
    fault = explain(error, store.path)
    assert isinstance(fault, EnvironmentFault) and fault.code == "SQLITE_READONLY"
    assert "read-only" in str(fault) and "CIRCUIT_TIMER_HOME" in str(fault)


def test_a_file_that_cannot_be_opened_is_the_environment(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "history.db"
    with pytest.raises(sqlite3.Error) as caught:
        sqlite3.connect(f"{missing.as_uri()}?mode=ro", uri=True)
    fault = explain(caught.value, missing)
    assert isinstance(fault, EnvironmentFault) and fault.code == "SQLITE_CANTOPEN"


def test_a_corrupt_file_and_one_that_is_no_database_are_the_environment(
    tmp_path: Path,
) -> None:
    damaged = tmp_path / "damaged.db"
    conn = sqlite3.connect(damaged)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,) for _ in range(400)])
    conn.commit()
    conn.close()
    data = bytearray(damaged.read_bytes())
    data[4096 + 100 : 4096 + 4000] = b"\xff" * 3900  # the table's first page, mangled
    damaged.write_bytes(bytes(data))
    conn = sqlite3.connect(damaged)
    try:
        corrupt = explain(raised(conn, "SELECT count(*), max(length(x)) FROM t"), damaged)
    finally:
        conn.close()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(bytes(range(256)) * 64)
    conn = sqlite3.connect(garbage)
    try:
        not_a_database = explain(raised(conn, "SELECT * FROM sqlite_master"), garbage)
    finally:
        conn.close()
    assert isinstance(corrupt, EnvironmentFault) and corrupt.code == "SQLITE_CORRUPT"
    assert isinstance(not_a_database, EnvironmentFault)
    assert not_a_database.code == "SQLITE_NOTADB"
    for fault in (corrupt, not_a_database):
        assert "is damaged" in str(fault) and "restart circuit-timer" in str(fault)


def test_a_constraint_broken_is_a_bug_that_says_so(store: HistoryStore) -> None:
    with pytest.raises(StoreBug) as caught, store.transaction() as conn:
        conn.execute("INSERT INTO sessions (uuid) VALUES (NULL)")
    message = str(caught.value)
    assert caught.value.code == "SQLITE_CONSTRAINT_NOTNULL"
    assert message.startswith("a bug in circuit-timer: ")
    assert "NOT NULL constraint failed" in message and "Please report it." in message
    assert "Traceback" not in message
    assert store.sessions() == []  # rolled back


def test_sql_sqlite_rejects_and_a_closed_connection_are_bugs(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.db", now=clock)
    with pytest.raises(StoreBug) as bad_sql, store.transaction() as conn:
        conn.execute("UPDATE no_such_table SET x = 1")
    assert bad_sql.value.code == "SQLITE_ERROR" and "no such table" in str(bad_sql.value)
    store.close()
    # Python's sqlite3 refuses by itself: no SQLite code, still a bug, still one sentence.
    with pytest.raises(StoreBug) as closed:
        store.sessions()
    assert closed.value.code is None
    assert "ProgrammingError: Cannot operate on a closed database" in str(closed.value)


def test_both_kinds_are_what_faces_catch() -> None:
    assert issubclass(EnvironmentFault, StoreError) and issubclass(StoreBug, StoreError)
