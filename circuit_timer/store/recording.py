"""Writing the history: sessions as they start and end, completed sets, pain scores."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from circuit_timer.core.records import CompletedSet, PainKind, SessionStatus, SideName
from circuit_timer.store.connection import Opened
from circuit_timer.store.database import Database
from circuit_timer.store.errors import StoreError
from circuit_timer.store.plans import write_ladder_steps
from circuit_timer.store.portable import process_alive
from circuit_timer.store.timestamps import local_date_of, to_text, utc_now

if TYPE_CHECKING:  # the store opens before the window's first paint; the models wait
    from circuit_timer.core.planned_sets import PlannedSet


def _new_uuid() -> str:
    """A random uuid for a new row (``uuid`` is imported at the first write: the store
    opens before the window's first paint)."""
    import uuid

    return str(uuid.uuid4())


class Recording(Database):
    """What the workout (and ``log``, ``pain``, the summary) writes."""

    @classmethod
    def on_connection(cls, path: Path, conn: sqlite3.Connection) -> Recording:
        """Recording over a connection the caller opened on an existing, current history
        (the writer's second connection in a process: opening it through
        ``open_database``, whose checks open and close the file, would drop the SQLite
        locks the process's first connection holds on it: POSIX locks go with any
        close)."""
        self = cls.__new__(cls)
        self.path = path
        self._now = utc_now
        self._conn = conn
        self._opened = Opened(conn)
        self.readonly = False
        self.notices = []
        self.backup = None
        return self

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
        uuid: str | None = None,
        owner_pid: int | None = None,
        ladder_steps: Mapping[str, int | None] | None = None,
    ) -> str:
        """Record that a session started; returns its uuid. It stays partial until finished.

        With ``uuid`` (a journal's record replayed), a session already there under that
        uuid is left as it is: replaying the same start twice is harmless.
        ``ladder_steps``: a plan session's step per laddered exercise (None: as written).
        """
        started = started_at or self._now()
        day = local_date or local_date_of(started)
        uid = uuid or _new_uuid()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sessions (uuid, circuit_id, circuit_title, circuit_hash, plan_id, "
                "plan_week, started_at, local_date, status, owner_pid, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?) "
                "ON CONFLICT (uuid) DO NOTHING",
                (uid, circuit_id, circuit_title, circuit_hash, plan_id, plan_week,
                 to_text(started), day.isoformat(), owner_pid or os.getpid(), source),
            )  # fmt: skip
            if ladder_steps:
                write_ladder_steps(conn, self._session_id(conn, uid), ladder_steps)
        return uid

    def record_set(
        self, session_uuid: str, done: CompletedSet, *, recorded_at: datetime | None = None
    ) -> None:
        """Store one completed set at once, in its own transaction (``recorded_at``: when
        it was done, for a set written later from the journal).

        A test's reps are only what was counted: a test set not counted is stored with no
        reps, whatever ``reps_done`` says. Recording the same set again (the runner went
        back and redid it, or entered the load used) replaces it.
        """
        reps_done = None if done.test and not done.counted else done.reps_done
        with self.transaction() as conn:
            session_id = self._session_id(conn, session_uuid)
            conn.execute(
                "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
                "set_number, side, reps_target, reps_done, seconds, load, dose, test, counted, "
                "recorded_at, load_kg, bodyweight) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, block, round, exercise_id, set_number, "
                "coalesce(side, '')) DO UPDATE SET reps_target = excluded.reps_target, "
                "reps_done = excluded.reps_done, seconds = excluded.seconds, "
                "load = excluded.load, test = excluded.test, counted = excluded.counted, "
                "recorded_at = excluded.recorded_at, load_kg = excluded.load_kg, "
                "bodyweight = excluded.bodyweight",
                (session_id, done.block, done.round, done.exercise_id, done.exercise_name,
                 done.set_number, done.side, done.reps_target, reps_done, done.seconds,
                 done.load, done.dose, int(done.test), int(done.counted),
                 to_text(recorded_at or self._now()),
                 None if done.bodyweight else done.load_kg, int(done.bodyweight)),
            )  # fmt: skip

    def record_planned_sets(
        self,
        session_uuid: str,
        sets: Iterable[PlannedSet],
        counts: Mapping[tuple[str, SideName | None], int] | None = None,
        loads: Mapping[str, tuple[float | None, bool]] | None = None,
    ) -> int:
        """Record a circuit's planned sets for a session done away from the app; returns
        how many.

        ``counts`` maps (exercise id, side) to the reps the runner counted (``log
        --count``): every set of that exercise and side is stored with that count, as
        counted. Any other set is stored as done at its target, not counted; a test's
        set not counted is stored with no reps. ``loads`` maps an exercise id to the load
        used (kilograms, bodyweight; ``log --load``), stored on each of its sets.
        """
        counts = counts or {}
        loads = loads or {}
        count = 0
        for planned in sets:
            done = planned.done(counts.get((planned.exercise_id, planned.side)))
            if planned.exercise_id in loads:
                load_kg, bodyweight = loads[planned.exercise_id]
                done = replace(done, load_kg=load_kg, bodyweight=bodyweight)
            self.record_set(session_uuid, done)
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
        dead = [uid for uid, pid in rows if pid != os.getpid() and not process_alive(pid)]
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
        self._forget_journal(session_uuid)

    def _forget_journal(self, session_uuid: str) -> None:
        # A workout's journal can outlive its writing (its last checkpoint was not
        # whole); replayed at the next start, it would bring the deleted session back.
        # One a live workout still holds (or a replay reading it now) is left alone.
        from circuit_timer.store import journal

        path = journal.folder_of(self.path) / f"{session_uuid}{journal.SUFFIX}"
        if not path.exists():
            return
        with journal.claimed(path) as records:
            if records is not None:
                with contextlib.suppress(OSError):
                    journal.discard(path)

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
                (_new_uuid(), day.isoformat(), kind, value, to_text(self._now())),
            )
        return "entry", old_row is not None
