"""The history repository: the engine records into it, the history questions read from it.

Every write is its own short transaction, so a crash loses at most the set in progress.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, cast

from circuit_timer.core.planned_sets import PlannedSet
from circuit_timer.core.records import (
    CompletedSet,
    Enrolment,
    PainEntry,
    PainKind,
    SessionRecord,
    SessionStatus,
    SetRecord,
    SideName,
)
from circuit_timer.store.connection import open_database
from circuit_timer.store.errors import StoreError, explain

DB_NAME = "history.db"
DEFAULT_WEEKLY_TARGET = 3


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """A UTC timestamp as stored: ISO 8601, sortable as text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_text(text: str) -> datetime:
    """A stored timestamp back to an aware datetime."""
    return datetime.fromisoformat(text)


def local_date_of(moment: datetime) -> date:
    """The runner's local date at ``moment`` (the process's time zone, TZ respected)."""
    return moment.astimezone().date()


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_SESSION_COLUMNS = (
    "uuid, circuit_id, local_date, status, started_at, ended_at, circuit_title, circuit_hash, "
    "plan_id, plan_week, pain_during, pain_after, notes, source"
)


def _session(row: sqlite3.Row | tuple[Any, ...]) -> SessionRecord:
    (uid, circuit_id, day, status, started, ended, title, digest, plan, week, during, after,
     notes, source) = row  # fmt: skip
    # A session still marked in progress is shown as what it is so far: partial.
    shown: SessionStatus = "completed" if status == "completed" else "partial"
    return SessionRecord(
        uuid=uid,
        circuit_id=circuit_id,
        local_date=date.fromisoformat(day),
        status=shown,
        started_at=from_text(started),
        ended_at=from_text(ended) if ended else None,
        circuit_title=title,
        circuit_hash=digest,
        plan_id=plan,
        plan_week=week,
        pain_during=during,
        pain_after=after,
        notes=notes,
        source=source,
    )


class HistoryStore:
    """The runner's history in one SQLite file.

    ``notices`` holds what the user should be told after opening (a damaged file
    moved aside, a migration backup, read-only mode).
    """

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime] = utc_now,
        recover: bool = True,
    ) -> None:
        self.path = path
        self._now = now
        opened = open_database(path, now())
        self._conn = opened.conn
        self.readonly = opened.readonly
        self.notices = opened.notices
        self.backup = opened.backup
        if recover and not self.readonly:
            try:
                recovered = self.recover_unfinished()
            except StoreError as exc:
                # Locked or full now: they stay unfinished (shown as partial) till next time.
                recovered = 0
                self.notices.append(f"unfinished sessions from an earlier run not closed: {exc}")
            if recovered:
                self.notices.append(
                    f"{recovered} unfinished session{'s' * (recovered != 1)} from an earlier "
                    "run kept as partial."
                )

    @classmethod
    def in_folder(cls, folder: Path, **kwargs: Any) -> HistoryStore:
        """The store in a data folder (``history.db`` inside it)."""
        return cls(folder / DB_NAME, **kwargs)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------

    def now(self) -> datetime:
        """The store's clock (UTC), injectable for tests."""
        return self._now()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any error."""
        if self.readonly:
            raise StoreError(f"the history at {self.path} is open read-only; nothing was saved.")
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

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only query as dicts keyed by column name."""
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

    # -- recording (the engine's API) ------------------------------------------

    def start_session(
        self,
        circuit_id: str,
        *,
        circuit_title: str | None = None,
        circuit_hash: str | None = None,
        plan_id: str | None = None,
        plan_week: int | None = None,
        started_at: datetime | None = None,
        local_date: date | None = None,
        source: str = "app",
    ) -> str:
        """Record that a session started; returns its uuid. It stays partial until finished."""
        started = started_at or self._now()
        day = local_date or local_date_of(started)
        uid = str(uuidlib.uuid4())
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sessions (uuid, circuit_id, circuit_title, circuit_hash, plan_id, "
                "plan_week, started_at, local_date, status, owner_pid, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?)",
                (uid, circuit_id, circuit_title, circuit_hash, plan_id, plan_week,
                 to_text(started), day.isoformat(), os.getpid(), source),
            )  # fmt: skip
        return uid

    def record_set(self, session_uuid: str, done: CompletedSet) -> None:
        """Store one completed set at once, in its own transaction.

        A test's reps are only what was counted: a test set not counted is stored with no
        reps, whatever ``reps_done`` says. Recording the same set again (the runner went
        back and redid it) replaces it.
        """
        reps_done = None if done.test and not done.counted else done.reps_done
        with self.transaction() as conn:
            session_id = self._session_id(conn, session_uuid)
            conn.execute(
                "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
                "set_number, side, reps_target, reps_done, seconds, load, dose, test, counted, "
                "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, block, round, exercise_id, set_number, "
                "coalesce(side, '')) DO UPDATE SET reps_target = excluded.reps_target, "
                "reps_done = excluded.reps_done, seconds = excluded.seconds, "
                "load = excluded.load, test = excluded.test, counted = excluded.counted, "
                "recorded_at = excluded.recorded_at",
                (session_id, done.block, done.round, done.exercise_id, done.exercise_name,
                 done.set_number, done.side, done.reps_target, reps_done, done.seconds,
                 done.load, done.dose, int(done.test), int(done.counted),
                 to_text(self._now())),
            )  # fmt: skip

    def record_planned_sets(
        self,
        session_uuid: str,
        sets: Iterable[PlannedSet],
        counts: Mapping[tuple[str, SideName | None], int] | None = None,
    ) -> int:
        """Record a circuit's planned sets for a session done away from the app; returns
        how many.

        ``counts`` maps (exercise id, side) to the reps the runner counted (``log
        --count``): every set of that exercise and side is stored with that count, as
        counted. Any other set is stored as done at its target, not counted; a test's
        set not counted is stored with no reps.
        """
        counts = counts or {}
        count = 0
        for planned in sets:
            self.record_set(
                session_uuid, planned.done(counts.get((planned.exercise_id, planned.side)))
            )
            count += 1
        return count

    def finish_session(
        self,
        session_uuid: str,
        status: SessionStatus,
        *,
        notes: str | None = None,
        pain_during: int | None = None,
        pain_after: int | None = None,
        ended_at: datetime | None = None,
    ) -> None:
        """Mark a session completed or partial (finished early)."""
        if status not in ("completed", "partial"):
            raise ValueError(f"status must be completed or partial, not {status!r}")
        with self.transaction() as conn:
            self._session_id(conn, session_uuid)
            conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, owner_pid = NULL, "
                "notes = coalesce(?, notes), pain_during = coalesce(?, pain_during), "
                "pain_after = coalesce(?, pain_after) WHERE uuid = ?",
                (status, to_text(ended_at or self._now()), notes, pain_during, pain_after,
                 session_uuid),
            )  # fmt: skip

    def update_session(
        self,
        session_uuid: str,
        *,
        notes: str | None = None,
        pain_during: int | None = None,
        pain_after: int | None = None,
    ) -> None:
        """Add notes or pain to a session after it ended (the summary screen, `pain`)."""
        with self.transaction() as conn:
            self._session_id(conn, session_uuid)
            conn.execute(
                "UPDATE sessions SET notes = coalesce(?, notes), "
                "pain_during = coalesce(?, pain_during), pain_after = coalesce(?, pain_after) "
                "WHERE uuid = ?",
                (notes, pain_during, pain_after, session_uuid),
            )

    def recover_unfinished(self) -> int:
        """Mark sessions left in progress by a process that died as partial; return how many."""
        rows = self._read("SELECT uuid, owner_pid FROM sessions WHERE status = 'in_progress'")
        dead = [uid for uid, pid in rows if pid != os.getpid() and not _pid_alive(pid)]
        if not dead:
            return 0
        with self.transaction() as conn:
            for uid in dead:
                # It ended, as far as anyone knows, with its last recorded set.
                conn.execute(
                    "UPDATE sessions SET status = 'partial', owner_pid = NULL, ended_at = "
                    "coalesce((SELECT max(recorded_at) FROM sets WHERE sets.session_id = "
                    "sessions.id), started_at) WHERE uuid = ?",
                    (uid,),
                )
        return len(dead)

    def delete_session(self, session_uuid: str) -> None:
        """Delete a session and its sets (the window asks for confirmation first)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE uuid = ?", (session_uuid,))

    # -- sessions and sets -----------------------------------------------------

    def sessions(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        status: SessionStatus | None = None,
    ) -> list[SessionRecord]:
        """Sessions by local date and start time, optionally between two dates (inclusive)."""
        clauses, params = [], []
        if since is not None:
            clauses.append("local_date >= ?")
            params.append(since.isoformat())
        if until is not None:
            clauses.append("local_date <= ?")
            params.append(until.isoformat())
        if status == "completed":
            clauses.append("status = 'completed'")
        elif status == "partial":
            clauses.append("status != 'completed'")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions {where} ORDER BY local_date, started_at",
            params,
        )
        return [_session(row) for row in rows]

    def session(self, session_uuid: str) -> SessionRecord | None:
        """One session by uuid."""
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE uuid = ?", (session_uuid,)
        )
        return _session(rows[0]) if rows else None

    def sets(
        self,
        *,
        session_uuid: str | None = None,
        until: date | None = None,
        sided_only: bool = False,
    ) -> list[SetRecord]:
        """Sets in session and recording order."""
        clauses, params = [], []
        if session_uuid is not None:
            clauses.append("s.uuid = ?")
            params.append(session_uuid)
        if until is not None:
            clauses.append("s.local_date <= ?")
            params.append(until.isoformat())
        if sided_only:
            clauses.append("t.side IS NOT NULL")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._read(
            "SELECT s.uuid, s.local_date, t.block, t.round, t.exercise_id, t.set_number, t.side, "
            "t.reps_target, t.reps_done, t.seconds, t.load, t.exercise_name, t.dose, t.test, "
            "t.counted "
            f"FROM sets t JOIN sessions s ON s.id = t.session_id {where} "
            "ORDER BY s.local_date, s.started_at, t.id",
            params,
        )
        return [
            SetRecord(
                session_uuid=uid,
                local_date=date.fromisoformat(day),
                block=block,
                round=rnd,
                exercise_id=exercise,
                set_number=number,
                side=cast("SideName | None", side),  # a string: no type union built per row
                reps_target=target,
                reps_done=done,
                seconds=seconds,
                load=load,
                exercise_name=name,
                dose=dose,
                test=bool(test),
                counted=bool(counted),
            )
            for (uid, day, block, rnd, exercise, number, side, target, done, seconds, load, name,
                 dose, test, counted) in rows
        ]  # fmt: skip

    def set_counts(self) -> dict[str, tuple[int, int]]:
        """Per session uuid: (sets recorded, reps done)."""
        rows = self._read(
            "SELECT s.uuid, count(t.id), coalesce(sum(t.reps_done), 0) FROM sessions s "
            "LEFT JOIN sets t ON t.session_id = s.id GROUP BY s.id"
        )
        return {uid: (int(n), int(reps)) for uid, n, reps in rows}

    # -- pain ------------------------------------------------------------------

    def add_pain(
        self, day: date, kind: PainKind, value: int
    ) -> tuple[Literal["session", "entry"], bool]:
        """Record pain 0-10. During/after pain goes onto that day's last session if there is
        one; otherwise (and for morning pain) it is a pain entry, one per day and kind.

        Returns where it went and whether it replaced an earlier value.
        """
        if not 0 <= value <= 10:
            raise StoreError(f"pain is scored 0 to 10, not {value}")
        if kind in ("during", "after"):
            column = "pain_during" if kind == "during" else "pain_after"
            rows = self._read(
                f"SELECT uuid, {column} FROM sessions WHERE local_date = ? "
                "ORDER BY started_at DESC LIMIT 1",
                (day.isoformat(),),
            )
            if rows:
                uid, old = rows[0]
                with self.transaction() as conn:
                    conn.execute(f"UPDATE sessions SET {column} = ? WHERE uuid = ?", (value, uid))
                return "session", old is not None
        with self.transaction() as conn:
            old_row = conn.execute(
                "SELECT value FROM pain_entries WHERE date = ? AND kind = ?",
                (day.isoformat(), kind),
            ).fetchone()
            conn.execute(
                "INSERT INTO pain_entries (uuid, date, kind, value, recorded_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (date, kind) DO UPDATE SET "
                "value = excluded.value, recorded_at = excluded.recorded_at",
                (str(uuidlib.uuid4()), day.isoformat(), kind, value, to_text(self._now())),
            )
        return "entry", old_row is not None

    def pain_entries(self, *, until: date | None = None) -> list[PainEntry]:
        """Pain entries by date."""
        sql = "SELECT date, kind, value FROM pain_entries"
        params: list[Any] = []
        if until is not None:
            sql += " WHERE date <= ?"
            params.append(until.isoformat())
        rows = self._read(sql + " ORDER BY date, kind", params)
        return [PainEntry(date.fromisoformat(d), cast(PainKind, k), int(v)) for d, k, v in rows]

    # -- plans -----------------------------------------------------------------

    def enrol(self, plan_id: str, race_date: date, started_on: date) -> Enrolment:
        """Follow ``plan_id`` toward ``race_date`` from ``started_on``; the plan followed
        until now (if any) ends that day and keeps its history."""
        uid = str(uuidlib.uuid4())
        with self.transaction() as conn:
            conn.execute(
                "UPDATE plan_enrolments SET ended_on = ? WHERE ended_on IS NULL",
                (started_on.isoformat(),),
            )
            conn.execute(
                "INSERT INTO plan_enrolments (uuid, plan_id, race_date, started_on, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (uid, plan_id, race_date.isoformat(), started_on.isoformat(),
                 to_text(self._now())),
            )  # fmt: skip
        return Enrolment(uid, plan_id, race_date, started_on)

    def stop_plan(self, day: date) -> Enrolment | None:
        """Stop following the active plan from ``day``; returns it, or None if there was none."""
        active = self.active_enrolment()
        if active is None:
            return None
        with self.transaction() as conn:
            conn.execute(
                "UPDATE plan_enrolments SET ended_on = ? WHERE uuid = ?",
                (day.isoformat(), active.uuid),
            )
        return active

    def enrolments(self) -> list[Enrolment]:
        """Every plan enrolment, oldest first."""
        rows = self._read(
            "SELECT uuid, plan_id, race_date, started_on, ended_on FROM plan_enrolments "
            "ORDER BY started_on, created_at"
        )
        return [
            Enrolment(
                uid,
                plan,
                date.fromisoformat(race),
                date.fromisoformat(start),
                date.fromisoformat(end) if end else None,
            )
            for uid, plan, race, start, end in rows
        ]

    def active_enrolment(self, as_of: date | None = None) -> Enrolment | None:
        """The plan being followed: the newest enrolment not ended (started by ``as_of``)."""
        current = [
            e
            for e in self.enrolments()
            if (as_of is None or e.started_on <= as_of)
            and (e.ended_on is None or (as_of is not None and as_of < e.ended_on))
        ]
        return current[-1] if current else None

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
        if value and value.isdigit() and 1 <= int(value) <= 14:
            return int(value)
        return DEFAULT_WEEKLY_TARGET

    def integrity_ok(self) -> bool:
        """Whether ``PRAGMA integrity_check`` passes."""
        return self._read("PRAGMA integrity_check") == [("ok",)]
