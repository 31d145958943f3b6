"""Opening the history database safely.

- A database written by a newer circuit-timer is refused and left byte-for-byte alone.
- A damaged file is moved aside with a timestamp (never deleted) and a new one started.
- Before a migration, a backup copy is written next to the database.
- A read-only data folder still lets the runner read their history.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from circuit_timer.store import migrations
from circuit_timer.store.errors import StoreError, explain, is_damage, is_unwritable

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass
class Opened:
    """A ready connection, whether it is read-only, and what the user should be told."""

    conn: sqlite3.Connection
    readonly: bool = False
    notices: list[str] = field(default_factory=list)
    backup: Path | None = None


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


def _move_aside(path: Path, now: datetime) -> Path:
    target = path.with_name(f"{path.name}.corrupt-{_stamp(now)}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{_stamp(now)}-{n}")
    path.rename(target)
    # The WAL belongs to the damaged file: keep it beside it, for anyone recovering it.
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    return target


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    # SQLite treats an empty file as a new database.
    return head == SQLITE_HEADER or head == b""


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check_version(conn: sqlite3.Connection, path: Path) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > migrations.LATEST:
        conn.close()
        raise StoreError(
            f"{path} was written by a newer circuit-timer (history schema {version}; this "
            f"version reads up to {migrations.LATEST}). Update circuit-timer; the file has "
            "been left untouched."
        )
    return version


def _is_damaged(conn: sqlite3.Connection) -> bool:
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            return True
        raise  # locked, say: not a reason to move the file aside
    return rows != [("ok",)]


def _backup(conn: sqlite3.Connection, path: Path, version: int, now: datetime) -> Path:
    target = path.with_name(f"{path.name}.backup-v{version}-{_stamp(now)}")
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def _open_readonly(path: Path, reason: str) -> Opened:
    try:
        conn = _connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        _check_version(conn, path)
    except sqlite3.Error as exc:
        raise explain(exc, path) from None
    return Opened(
        conn,
        readonly=True,
        notices=[f"{reason}: showing your history read-only; nothing new can be saved."],
    )


def _refuse_non_file(path: Path) -> None:
    """A folder, pipe or device where the database should be is refused before any open:
    reading a FIFO would wait forever for a writer."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if stat.S_ISREG(mode):
        return
    what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe or device)"
    raise StoreError(
        f"{path} is {what}, not a history database; move it away or set CIRCUIT_TIMER_HOME "
        "to another folder"
    )


def open_database(path: Path, now: datetime) -> Opened:
    """Open (creating, repairing or migrating as needed) the database at ``path``."""
    notices: list[str] = []
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the data folder {path.parent}: {exc.strerror}") from None
    _refuse_non_file(path)

    if path.exists() and not _looks_like_sqlite(path):
        moved = _move_aside(path, now)
        notices.append(
            f"{path} was not a circuit-timer database; it was moved to {moved} and a new "
            "history was started."
        )

    try:
        conn = _connect(str(path))
        try:
            version = _check_version(conn, path)
            damaged = version > 0 and _is_damaged(conn)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            version, damaged = 1, True
        if damaged:
            conn.close()
            moved = _move_aside(path, now)
            notices.append(
                f"{path} was damaged; it was moved to {moved} (kept for recovery) and a new "
                "history was started."
            )
            conn = _connect(str(path))
            version = 0
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        # A commit per set: FULL makes each one survive a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
    except StoreError:
        raise
    except sqlite3.Error as exc:
        if path.exists() and is_unwritable(exc):
            return _open_readonly(path, f"the data folder {path.parent} is read-only")
        raise explain(exc, path) from None
    if mode.lower() != "wal" and path.exists() and not _writable(path):
        conn.close()
        return _open_readonly(path, f"the data folder {path.parent} is read-only")

    backup = None
    try:
        if 0 < version < migrations.LATEST:
            backup = _backup(conn, path, version, now)
            notices.append(f"history upgraded from schema {version}; a backup is at {backup}")
        migrations.apply(conn, version)
    except sqlite3.Error as exc:
        conn.close()
        raise explain(exc, path) from None
    return Opened(conn, notices=notices, backup=backup)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
