"""The history file's connection: opening it, short write transactions, reads, settings.

Every write is its own short transaction, so a crash loses at most the set in progress.
The subjects (recording, reading, plans) build on this; ``HistoryStore`` joins them.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from circuit_timer.store.connection import Opened, hold, open_database, release
from circuit_timer.store.errors import EnvironmentFault, StoreError, explain, is_unwritable
from circuit_timer.store.timestamps import utc_now

DEFAULT_WEEKLY_TARGET = 3
# A reader off the GUI thread waits this long for a lock, then says it is waiting and
# tries again later, rather than hold its thread for the writers' full busy timeout.
READER_BUSY_MS = 100


def open_reader(path: Path) -> Opened:
    """A read-only connection to an existing history, for reads off the GUI thread: it
    never creates, repairs or migrates (the window's own store did that at start-up)."""
    uri = path.resolve().as_uri()
    try:
        conn = _reader(f"{uri}?mode=ro")
    except sqlite3.Error as exc:
        if not is_unwritable(exc):
            raise explain(exc, path) from None
        # A read-only folder with no -shm beside a WAL database: only immutable opens it
        # (the window's store opened it so too, and nothing can write there).
        try:
            conn = _reader(f"{uri}?mode=ro&immutable=1")
        except sqlite3.Error as exc2:
            raise explain(exc2, path) from None
    return Opened(conn, readonly=True, held=hold(path))


def _reader(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, timeout=READER_BUSY_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {READER_BUSY_MS}")
        conn.execute("PRAGMA user_version").fetchone()  # opens the file: fails here if not
    except BaseException:
        conn.close()
        raise
    return conn


class Database:
    """One open history file. ``notices`` holds what the user should be told after
    opening (a damaged file moved aside, a migration backup, read-only mode).

    ``reader``: a second, read-only connection (see ``open_reader``) for a page's reads
    off the GUI thread."""

    def __init__(
        self, path: Path, *, now: Callable[[], datetime] = utc_now, reader: bool = False
    ) -> None:
        self.path = path
        self._now = now
        opened = open_reader(path) if reader else open_database(path, now())
        self._conn = opened.conn
        self._opened = opened
        self.readonly = opened.readonly
        self.notices = opened.notices
        self.backup = opened.backup

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()
        release(self._opened)

    def now(self) -> datetime:
        """The store's clock (UTC), injectable for tests."""
        return self._now()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any error."""
        if self.readonly:
            raise EnvironmentFault(
                f"the history at {self.path} is open read-only; nothing was saved."
            )
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise explain(exc, self.path) from None
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise explain(exc, self.path) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite rolls a transaction back by itself on some errors (a full disk, for one):
        # a ROLLBACK then fails with "no transaction is active" and would hide the cause.
        if self._conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._conn.execute("ROLLBACK")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise explain(exc, self.path) from None

    def _read_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name (for rows handed on whole: export, undo)."""
        try:
            cursor = self._conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise explain(exc, self.path) from None

    def _session_id(self, conn: sqlite3.Connection, session_uuid: str) -> int:
        row = conn.execute("SELECT id FROM sessions WHERE uuid = ?", (session_uuid,)).fetchone()
        if row is None:
            raise StoreError(f"no session {session_uuid} in the history")
        return int(row[0])

    def integrity_ok(self) -> bool:
        """Whether ``PRAGMA integrity_check`` passes."""
        return self._read("PRAGMA integrity_check") == [("ok",)]

    # -- settings --------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        """A stored setting, or None."""
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def weekly_target(self) -> int:
        """The weekly session target when no plan sets one (default 3)."""
        value = self.setting("weekly_target")
        # ASCII decimals only: "²" passes isdigit() but not int().
        digits = value is not None and value.isascii() and value.isdecimal() and len(value) <= 2
        if value and digits and 1 <= int(value) <= 14:
            return int(value)
        return DEFAULT_WEEKLY_TARGET
