"""Opening the database: migrations with a backup, newer files refused, damage moved aside."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circuit_timer.store import migrations
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from tests.paths import DATA

NOW = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def test_a_new_database_is_at_the_latest_schema_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.db", now=clock) as store:
        conn = store._conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert store.notices == [] and store.backup is None


def test_a_v1_file_is_backed_up_then_migrated_one_step_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    shutil.copy(DATA / "history-v1.sqlite", path)
    original = path.read_bytes()
    with HistoryStore(path, now=clock) as store:
        assert store.backup == tmp_path / "history.db.backup-v1-20261124T213000"
        assert any("backup" in n for n in store.notices)
        [session] = store.sessions()
        assert (session.uuid, session.notes, session.source) == (
            "v1-session",
            "before the upgrade",
            "app",
        )
        assert [s.reps_done for s in store.sets()] == [12, 10]
        store.set_setting("weekly_target", "4")  # a v2 table
        assert store.weekly_target() == 4
    backup = sqlite3.connect(tmp_path / "history.db.backup-v1-20261124T213000")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT count(*) FROM sets").fetchone()[0] == 2
    assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backup.close()
    assert original[:16] == b"SQLite format 3\x00"


def test_a_failed_step_leaves_the_database_at_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.db"
    shutil.copy(DATA / "history-v1.sqlite", path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "STEPS", [migrations.STEPS[0], broken])
    with pytest.raises(StoreError):
        HistoryStore(path, now=clock)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "history.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer circuit-timer"):
        HistoryStore(path, now=clock)
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["history.db"]


@pytest.mark.parametrize("damage", ["random", "truncated"])
def test_a_damaged_file_is_moved_aside_never_deleted(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "history.db"
    if damage == "random":
        path.write_bytes(bytes(range(256)) * 64)
    else:
        with HistoryStore(path, now=clock) as store:
            for n in range(200):
                store.start_session(f"c{n}", circuit_title="x" * 500)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        for suffix in ("-wal", "-shm"):
            (tmp_path / f"history.db{suffix}").unlink(missing_ok=True)
    damaged = path.read_bytes()
    with HistoryStore(path, now=clock) as store:
        assert store.sessions() == []
        [notice] = store.notices
    moved = tmp_path / "history.db.corrupt-20261124T213000"
    assert str(moved) in notice
    assert moved.read_bytes() == damaged


def test_a_data_folder_that_cannot_exist_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot create the data folder"):
        HistoryStore(blocker / "data" / "history.db", now=clock)


def test_a_locked_database_waits_then_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from circuit_timer.store import connection

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "history.db"
    HistoryStore(path, now=clock).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with (
            HistoryStore(path, now=clock, recover=False) as store,
            pytest.raises(StoreError, match="locked by another program"),
        ):
            store.start_session("pf-crash-course")
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.posix_only("a FIFO")
def test_a_folder_or_fifo_as_the_database_is_refused_before_opening(tmp_path: Path) -> None:
    import os

    from circuit_timer.store.connection import open_database

    folder = tmp_path / "a" / "history.db"
    folder.mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder, not a history database"):
        open_database(folder, datetime.now(UTC))
    fifo = tmp_path / "history.db"
    os.mkfifo(fifo)
    # Were it opened, reading the FIFO's header would block this test for ever.
    with pytest.raises(StoreError, match="not a regular file"):
        open_database(fifo, datetime.now(UTC))
    assert folder.is_dir() and fifo.is_fifo()


def _left_by_a_crash(folder: Path) -> dict[str, bytes]:
    """Sessions written in WAL mode, and the files as a crash leaves them (copied while
    the writer is open: nothing checkpointed, nothing removed)."""
    live = folder.parent / "live"
    with HistoryStore.in_folder(live, now=clock) as store:
        for n in range(40):  # closed: these are in the database file itself
            store.start_session(f"earlier-{n}", circuit_title="A circuit " * 20)
    with HistoryStore.in_folder(live, now=clock) as store:
        for n in range(5):
            store.start_session(f"c{n}")
        folder.mkdir(exist_ok=True)
        for name in ("history.db", "history.db-wal", "history.db-shm"):
            (folder / name).write_bytes((live / name).read_bytes())
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_damaged_log_is_copied_aside_before_sqlite_reads_it(tmp_path: Path) -> None:
    import struct

    folder = tmp_path / "data"
    _left_by_a_crash(folder)
    wal = folder / "history.db-wal"
    data = bytearray(wal.read_bytes())
    page_size = struct.unpack(">I", data[8:12])[0]
    data[32 + 24 + page_size + 24 + 50] ^= 0xFF  # in the second frame's page
    wal.write_bytes(bytes(data))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with HistoryStore.in_folder(folder, now=clock) as store:
        [notice] = store.notices
    kept = folder / "history.db.damaged-20261124T213000"
    assert notice == (
        f"Kept a copy of the damaged history at {kept} (with its -wal and -shm): 5 saves "
        "written after a damaged part of history.db-wal cannot be read back."
    )
    for name, content in before.items():
        assert (folder / name.replace("history.db", kept.name)).read_bytes() == content
    with HistoryStore.in_folder(folder, now=clock) as store:
        assert store.notices == []  # recovered once; the copy is not made again


def test_a_whole_log_is_read_back_with_no_copy(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _left_by_a_crash(folder)
    with HistoryStore.in_folder(folder, now=clock) as store:
        assert len(store.sessions()) == 45 and store.notices == []
    assert sorted(p.name for p in folder.iterdir()) == ["history.db"]


def test_a_damaged_database_takes_its_log_and_index_aside(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    before = _left_by_a_crash(folder)
    path = folder / "history.db"
    data = path.read_bytes()
    path.write_bytes(data[:100] + bytes(len(data) - 100))
    with HistoryStore.in_folder(folder, now=clock) as store:
        [notice] = store.notices
        assert store.sessions() == []
    moved = folder / "history.db.corrupt-20261124T213000"
    assert str(moved) in notice and "-wal and -shm" in notice
    assert (folder / f"{moved.name}-wal").read_bytes() == before["history.db-wal"]
    assert (folder / f"{moved.name}-shm").exists()


def test_a_damaged_database_that_cannot_be_moved_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.db"
    path.write_bytes(bytes(range(256)) * 64)
    rename = Path.rename

    def read_only_folder(self: Path, target: Path) -> Path:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", read_only_folder)
    with pytest.raises(StoreError, match=r"could not be moved aside \(Permission denied\)"):
        HistoryStore(path, now=clock)
    assert path.read_bytes() == bytes(range(256)) * 64


def _damaged_log(folder: Path) -> None:
    import struct

    _left_by_a_crash(folder)
    wal = folder / "history.db-wal"
    data = bytearray(wal.read_bytes())
    page_size = struct.unpack(">I", data[8:12])[0]
    data[32 + 24 + page_size + 24 + 50] ^= 0xFF
    wal.write_bytes(bytes(data))


def test_a_log_written_to_while_it_is_read_is_not_taken_for_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from circuit_timer.store import connection
    from circuit_timer.store.damaged import WalCheck

    folder = tmp_path / "data"
    _damaged_log(folder)
    reads = iter([WalCheck(lost=2), WalCheck(commits=9)])  # another writer in between
    monkeypatch.setattr(connection, "check_wal", lambda wal: next(reads))
    with HistoryStore.in_folder(folder, now=clock) as store:
        assert store.notices == []
    assert not [p for p in folder.iterdir() if ".damaged-" in p.name]


def test_a_damaged_log_in_a_read_only_folder_is_left_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from circuit_timer.store import connection

    folder = tmp_path / "data"
    _damaged_log(folder)
    monkeypatch.setattr(connection.os, "access", lambda path, mode: False)
    notices = connection._keep_damaged_log(folder / "history.db", datetime(2026, 11, 24))
    assert notices == [
        f"{folder / 'history.db'} is damaged (5 saves written after a damaged part of "
        "history.db-wal cannot be read back); it is left as it is (the folder is read-only)."
    ]
    assert not [p for p in folder.iterdir() if ".damaged-" in p.name]


def test_a_database_locked_at_opening_is_waited_for_once_then_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from circuit_timer.store import connection

    path = tmp_path / "history.db"
    HistoryStore(path, now=clock).close()
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    opened: list[str] = []
    connect = connection._connect

    def counted(target: str, *, uri: bool = False) -> sqlite3.Connection:
        opened.append(target)
        return connect(target, uri=uri)

    monkeypatch.setattr(connection, "_connect", counted)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")  # so a writer's lock keeps readers out
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another program"):
            HistoryStore(path, now=clock)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(opened) == 1  # the read-only check waited; the open did not wait again


def test_a_second_store_in_the_same_process_never_opens_the_file_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Closing any descriptor of the file drops every POSIX lock this process holds on it,
    # SQLite's included: the checks that read the file with open() are the first
    # opener's alone.
    from circuit_timer.store import connection

    path = tmp_path / "history.db"
    checked: list[Path] = []
    real = connection._looks_like_sqlite
    monkeypatch.setattr(connection, "_looks_like_sqlite", lambda p: checked.append(p) or real(p))
    with HistoryStore(path) as first:
        first.start_session("x")
        assert checked == []  # no file yet: nothing to check
        with HistoryStore(path) as second, HistoryStore(path, reader=True):
            assert second.session_count() == 1
        assert checked == []
        assert connection.held_here(path)
    assert not connection.held_here(path)
    with HistoryStore(path):
        assert checked == [path]  # nobody holds it here any more: checked again
