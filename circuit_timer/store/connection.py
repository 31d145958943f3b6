"""Opening the history database safely.

- A database written by a newer circuit-timer is refused and left byte-for-byte alone.
- A damaged file is moved aside with a timestamp (never deleted), its -wal and -shm with
  it, and a new one started; a damaged -wal is copied aside (store/damaged.py).
- Before a migration, a backup copy is written next to the database.
- A read-only data folder still lets the runner read their history.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from circuit_timer.store import migrations
from circuit_timer.store.damaged import COMPANIONS, check_wal, copy_aside, move_aside
from circuit_timer.store.errors import (
    LOCKED_CODES,
    StoreError,
    explain,
    is_damage,
    is_unwritable,
    primary_code,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass
class Opened:
    """A ready connection, whether it is read-only, and what the user should be told."""

    conn: sqlite3.Connection
    readonly: bool = False
    notices: list[str] = field(default_factory=list)
    backup: Path | None = None
    # The file's (device, inode) while this connection counts as open in this process.
    held: tuple[int, int] | None = None


# The history files this process has open through SQLite, by (device, inode). Opening
# one of them again must not read it with Python's own open(): closing that descriptor
# drops every POSIX lock the process holds on the file, SQLite's included, and another
# process could then delete the WAL under the open connections. The first opener has
# checked the file; a second one in the same process trusts that.
_held_here: Counter[tuple[int, int]] = Counter()
_held_lock = threading.Lock()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def hold(path: Path) -> tuple[int, int] | None:
    """Count the file at ``path`` as open here; the key to give ``release``."""
    key = _identity(path)
    if key is not None:
        with _held_lock:
            _held_here[key] += 1
    return key


def release(opened: Opened) -> None:
    """Forget ``opened``'s file as held open here (call when its connection closes)."""
    key, opened.held = opened.held, None
    if key is None:
        return
    with _held_lock:
        _held_here[key] -= 1
        if _held_here[key] <= 0:
            del _held_here[key]


def held_here(path: Path) -> bool:
    """Whether this process has the file at ``path`` open through SQLite already."""
    key = _identity(path)
    with _held_lock:
        return key is not None and _held_here[key] > 0


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S")


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return True  # gone since: a new one is started
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
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
        held=hold(path),
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

    probed: bool | None = None
    if not held_here(path):
        if path.exists() and not _looks_like_sqlite(path):
            moved = move_aside(path, now)
            notices.append(_moved(path, moved, "was not a circuit-timer database"))
        notices.extend(_keep_damaged_log(path, now))
        # Checked read-only first: closing a read-write connection checkpoints the log
        # into the damaged file and deletes it, and the log is kept with the file.
        had = [p for p in _companions(path) if p.exists()]
        probed = _probe_damage(path)
        if probed:
            _forget_probe_files(path, had)
            notices.append(_moved(path, move_aside(path, now), "was damaged"))

    try:
        conn = _connect(str(path))
        try:
            version = _check_version(conn, path)
            checked = held_here(path)  # by the connection that holds it open here
            damaged = probed is None and not checked and version > 0 and _is_damaged(conn)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            version, damaged = 1, True
        if damaged:
            conn.close()
            notices.append(_moved(path, move_aside(path, now), "was damaged"))
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
    return Opened(conn, notices=notices, backup=backup, held=hold(path))


def _moved(path: Path, target: Path | None, why: str) -> str:
    if target is None:
        return f"{path} {why} and has since disappeared; a new history was started."
    return (
        f"{path} {why}; it was moved to {target} (kept for recovery, with its -wal and -shm "
        "if it had them) and a new history was started."
    )


def _keep_damaged_log(path: Path, now: datetime) -> list[str]:
    """Copy the database, its log and index aside when the log holds commits SQLite
    would drop; the one-line notice says where."""
    wal = path.with_name(path.name + "-wal")
    if not path.exists() or not wal.is_file():
        return []
    try:
        before = wal.stat()
        found = check_wal(wal)
        # Another circuit-timer writing (or restarting) the log while it was read looks
        # like damage: only a log that reads the same twice, untouched between, is damaged.
        if not found.damaged or _changed(before, wal) or check_wal(wal) != found:
            return []
    except OSError:
        return []  # unreadable: SQLite says so when it opens the database
    what = (
        f"the header of {wal.name} is damaged, so none of its saves can be read back"
        if found.header_damaged
        else f"{found.lost} save{'s' * (found.lost != 1)} written after a damaged part of "
        f"{wal.name} cannot be read back"
    )
    if not os.access(path.parent, os.W_OK):
        # Read-only, SQLite cannot rewrite the log either: it stays as it is.
        return [f"{path} is damaged ({what}); it is left as it is (the folder is read-only)."]
    target = copy_aside(path, now)
    # Where the copy is comes first: the window's status bar may cut a long line short.
    return [f"Kept a copy of the damaged history at {target} (with its -wal and -shm): {what}."]


def _changed(before: os.stat_result, path: Path) -> bool:
    after = path.stat()
    return (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size)


def _probe_damage(path: Path) -> bool | None:
    """Whether the file is damaged, by a read-only connection (which leaves the log in
    place when it closes); None when it cannot tell (no file, locked, unreadable)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = _connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > migrations.LATEST:
            return None  # refused, untouched, by the read-write open
        return version > 0 and _is_damaged(conn)
    except sqlite3.DatabaseError as exc:
        if primary_code(exc) in LOCKED_CODES:
            raise explain(exc, path) from None  # waited once already: not twice
        return True if is_damage(exc) else None
    finally:
        conn.close()


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANIONS]


def _forget_probe_files(path: Path, had: list[Path]) -> None:
    """The read-only check makes an empty -wal and an -shm indexing nothing; they are not
    the damaged file's, so they are not kept with it."""
    for made in _companions(path):
        if made in had:
            continue
        with contextlib.suppress(OSError):
            if made.name.endswith("-shm") or made.stat().st_size == 0:
                made.unlink()


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
