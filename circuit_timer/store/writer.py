"""The history writer: one thread that puts a workout's journal records into SQLite.

The face (the terminal's key loop, the window's event loop) never waits on SQLite: it
journals a record (store/journal.py) and hands it here. The writer applies records in
order on its own connection with a short busy timeout and, when the machine is at fault
(locked, full, read-only, missing, damaged), keeps them and tries again with a growing
pause, saying so in ``state().fault``.

A database deleted (or replaced) while the writer has it open is noticed: SQLite would
go on writing into the unlinked file. The writer opens the database at the path again
(creating it) and writes everything of this workout again, so "saved" stays true.

The journal is removed only when every record of it is applied and checkpointed into
the database file; otherwise it stays for the next start (``entries.replay``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from circuit_timer.store import entries, migrations
from circuit_timer.store.errors import EnvironmentFault, StoreError, explain
from circuit_timer.store.journal import Journal, Record
from circuit_timer.store.recording import Recording

BUSY_MS = 50
FIRST_PAUSE = 0.05
LONGEST_PAUSE = 1.0

Identity = tuple[int, int]


@dataclass(frozen=True)
class WriterState:
    """How far the writer is: ``written`` is the number of the last record in the
    database, ``pending`` how many wait, ``fault`` what stops them (None: nothing)."""

    written: int
    pending: int
    fault: str | None
    code: str | None = None


@dataclass(frozen=True)
class _Item:
    number: int
    record: Record


def _identity(path: Path) -> Identity | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


class Writer:
    """Applies one workout's records to the database at ``db_path``, on its own thread.

    ``on_change`` is called (on the writer's thread) whenever ``state()`` changes: a face
    marshals it onto its own thread. ``journal`` is the workout's journal, removed once
    everything in it is in the database file when the writer closes.
    """

    def __init__(
        self,
        db_path: Path,
        journal: Journal | None = None,
        *,
        on_change: Callable[[WriterState], object] | None = None,
    ) -> None:
        self.db_path = db_path
        self.journal = journal
        self._on_change = on_change
        self._cond = threading.Condition()
        self._queue: deque[_Item] = deque()
        self._applied: list[_Item] = []  # written again if the database is replaced
        self._count = 0
        self._written = 0
        self._fault: str | None = None
        self._code: str | None = None
        self._closing = False
        self._abandon = False
        self._refused = False
        self._pause = FIRST_PAUSE
        self._thread = threading.Thread(target=self._run, name="history-writer", daemon=True)
        self._thread.start()

    # -- the face's side --------------------------------------------------------

    def put(self, record: Record) -> int:
        """Queue ``record`` (already journaled, or kept here if it could not be); returns
        its number, which ``state().written`` reaches once it is in the database."""
        with self._cond:
            self._count += 1
            self._queue.append(_Item(self._count, record))
            self._cond.notify_all()
            return self._count

    def state(self) -> WriterState:
        """Where the writer is now (cheap: no SQLite)."""
        with self._cond:
            return WriterState(self._written, len(self._queue), self._fault, self._code)

    def wait(self, timeout: float, *, until_fault: bool = False) -> bool:
        """Wait up to ``timeout`` seconds for every queued record to be written (or, with
        ``until_fault``, for the first fault: a face at a workout's end waits no longer
        than the busy timeout when the history is stuck). Whether they all were."""
        with self._cond:
            self._cond.wait_for(
                lambda: not self._queue or (until_fault and self._fault is not None), timeout
            )
            return not self._queue

    def finish(self) -> None:
        """Stop once everything queued is written (or the process ends: the journal keeps
        the rest), without waiting."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()

    def close(self, timeout: float) -> bool:
        """Give the writer up to ``timeout`` seconds to write what is queued, then stop it.
        Returns whether everything is in the database; what is not stays in the journal
        for the next start."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join(timeout)
        with self._cond:
            self._abandon = True
            self._cond.notify_all()
            done = not self._queue
        self._thread.join(0.2)
        if self.journal is not None and self._thread.is_alive():
            self.journal.close()  # the thread, stuck in SQLite, never removes it now
        return done

    # -- the writer's thread ------------------------------------------------------

    def _changed(self) -> None:
        if self._on_change is not None:
            with contextlib.suppress(Exception):  # a face's callback must not stop writing
                self._on_change(self.state())

    def _set_fault(self, fault: EnvironmentFault | None) -> None:
        text = None if fault is None else str(fault)
        with self._cond:
            changed = text != self._fault
            self._fault = text
            self._code = None if fault is None else fault.code
            self._cond.notify_all()
        if changed:
            self._changed()

    def _next(self, pause: float | None) -> _Item | None:
        """The first queued record, after ``pause`` (None: no pause); None to stop."""
        with self._cond:
            if pause is not None:
                self._cond.wait_for(lambda: self._abandon, pause)
            self._cond.wait_for(lambda: self._queue or self._closing or self._abandon)
            if self._abandon or not self._queue:
                return None
            return self._queue[0]

    def _run(self) -> None:
        db: Recording | None = None
        identity: Identity | None = None
        pause: float | None = None
        try:
            while (item := self._next(pause)) is not None:
                pause = None
                try:
                    if db is None:
                        opened = self._open(replay=identity is None)
                        try:
                            there = self._still_there(opened)
                        except StoreError:
                            _close(opened)
                            raise
                        db, identity = opened, _identity(self.db_path)
                        if not there:
                            self._write_again()  # a new file (deleted, or damaged and moved)
                        continue
                    if _identity(self.db_path) != identity:
                        _close(db)
                        db = None
                        continue
                    entries.apply(db, item.record)
                    if _identity(self.db_path) != identity:
                        db = _close(db)  # deleted while this record went in
                        continue
                except EnvironmentFault as exc:
                    self._set_fault(exc)
                    pause = self._pause
                    self._pause = min(LONGEST_PAUSE, self._pause * 2)
                    if exc.code is None or "BUSY" not in exc.code:
                        db = _close(db)  # read-only, full, damaged: open afresh next time
                    continue
                except StoreError:
                    self._refused = True  # the history refuses it (a bug): the journal keeps it
                except (sqlite3.Error, OSError) as exc:
                    # Unexpected, but the thread must live on: wait, open afresh, try again.
                    self._set_fault(EnvironmentFault(f"the history could not be written: {exc}"))
                    pause = LONGEST_PAUSE
                    db = _close(db)
                    continue
                self._done(item)
                self._pause = FIRST_PAUSE
                self._set_fault(None)
            if self.journal is not None:
                self._finish_journal(db)
        finally:
            _close(db)

    def _open(self, *, replay: bool) -> Recording:
        try:
            db = self._connect() if self.db_path.is_file() else Recording(self.db_path)
        except EnvironmentFault:
            raise
        except StoreError as exc:  # a newer schema, a folder in its place: wait and see
            raise EnvironmentFault(str(exc)) from None
        conn = db._conn
        try:
            if replay:
                # Earlier workouts' journals first, now that the history can take them.
                entries.replay(db, live=self.journal.path if self.journal else None)
            # The busy timeout: retries happen here, with pauses, never a 5 s wait.
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        except (StoreError, sqlite3.Error) as exc:
            _close(db)
            raise EnvironmentFault(f"the history could not be opened: {exc}") from None
        return db

    def _connect(self) -> Recording:
        """A plain connection to the history the face's store has opened (and checked,
        repaired, migrated): see ``Recording.on_connection`` for why not open_database."""
        try:
            conn = sqlite3.connect(self.db_path, timeout=BUSY_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise explain(exc, self.db_path) from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
        except sqlite3.Error as exc:
            conn.close()
            raise explain(exc, self.db_path) from None
        if version != migrations.LATEST or mode.lower() != "wal":
            conn.close()
            raise EnvironmentFault(
                f"the history database {self.db_path} is not ready to write (schema "
                f"{version}, {mode} mode); restart circuit-timer."
            )
        return Recording.on_connection(self.db_path, conn)

    def _still_there(self, db: Recording) -> bool:
        """Whether what this writer wrote is in the database just opened (a file made
        afresh may even have the old one's inode number)."""
        with self._cond:
            sessions = {str(item.record.get("session")) for item in self._applied}
        for session in sessions:
            rows = db._read("SELECT 1 FROM sessions WHERE uuid = ?", (session,))
            if not rows:
                return False
        return True

    def _write_again(self) -> None:
        """The database at the path is not the one written to: write everything again."""
        with self._cond:
            self._queue.extendleft(reversed(self._applied))
            self._applied.clear()
            self._written = self._queue[0].number - 1 if self._queue else self._written
        self._changed()

    def _done(self, item: _Item) -> None:
        with self._cond:
            if self._queue and self._queue[0] is item:
                self._queue.popleft()
            self._applied.append(item)
            self._written = item.number
            self._cond.notify_all()
        self._changed()

    def _finish_journal(self, db: Recording | None) -> None:
        with self._cond:
            complete = not self._queue and not self._abandon and not self._refused
        assert self.journal is not None
        in_file = db is not None and entries.in_main_file(db)
        if complete and in_file and _identity(self.db_path) is not None:
            self.journal.remove()
        else:
            self.journal.close()


def _close(db: Recording | None) -> Recording | None:
    """Close ``db`` if open; always None (the writer then opens afresh)."""
    if db is not None:
        with contextlib.suppress(Exception):
            db.close()
    return None
