"""Writing an import's checked rows, one at a time, inside the import's transaction.

Only rows whose identity is new are added; a session already here is left exactly as it
is (no sets from the file join it), and a plan the file has as current is added as ended
when a plan is followed here, unless the runner asked the import to replace it.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from circuit_timer.core.history_file import (
    EnrolmentRow,
    LadderStepRow,
    PainRow,
    SessionRow,
    SetRow,
)
from circuit_timer.store.errors import StoreError
from circuit_timer.store.migrations import LEGACY_COUNTED, LEGACY_TEST
from circuit_timer.store.timestamps import to_text


class RowWriter:
    """Adds an import's rows; ``counts`` says what it added and skipped, ``replaced``
    which plan the import replaced (with ``replace_plan``)."""

    def __init__(self, conn: sqlite3.Connection, *, replace_plan: bool) -> None:
        self._conn = conn
        self._replace_plan = replace_plan
        self.counts = {"sessions": 0, "sets": 0, "pain": 0, "plans": 0, "ended": 0, "skipped": 0}
        self.replaced: str | None = None
        self._new_sessions: dict[str, int] = {}  # uuid -> id, for their sets
        self._in_file: set[str] = set()
        active = conn.execute(
            "SELECT started_on, plan_id FROM plan_enrolments WHERE ended_on IS NULL "
            "ORDER BY started_on DESC, created_at DESC LIMIT 1"
        ).fetchone()
        self._active: tuple[date, str] | None = (
            (date.fromisoformat(active[0]), str(active[1])) if active else None
        )

    def _added(self, kind: str, rowcount: int) -> None:
        self.counts[kind] += rowcount
        self.counts["skipped"] += 1 - rowcount

    def row(self, table: str, index: int, row: Any, source: Path) -> None:
        """Add one checked row of ``table`` (the ``index``-th of the file's list)."""
        if isinstance(row, SessionRow):
            self._session(row)
        elif isinstance(row, SetRow):
            self._set(row, index, source)
        elif isinstance(row, LadderStepRow):
            self._ladder_step(row, index, source)
        elif isinstance(row, PainRow):
            self._pain(row)
        elif isinstance(row, EnrolmentRow):
            self._enrolment(row)
        else:  # pragma: no cover - the reader only hands over these five
            raise TypeError(table)

    def _session(self, s: SessionRow) -> None:
        self._in_file.add(s.uuid)
        cursor = self._conn.execute(
            "INSERT INTO sessions (uuid, circuit_id, circuit_title, circuit_hash, plan_id, "
            "plan_week, started_at, ended_at, local_date, status, source, notes, "
            "pain_during, pain_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (uuid) DO NOTHING",
            (s.uuid, s.circuit_id, s.circuit_title, s.circuit_hash, s.plan_id, s.plan_week,
             to_text(s.started_at), to_text(s.ended_at) if s.ended_at else None,
             s.local_date.isoformat(), s.status, s.source, s.notes, s.pain_during,
             s.pain_after),
        )  # fmt: skip
        self._added("sessions", cursor.rowcount)
        if cursor.rowcount:
            self._new_sessions[s.uuid] = int(cursor.lastrowid or 0)

    def _set(self, t: SetRow, index: int, source: Path) -> None:
        if t.session_uuid not in self._in_file:
            raise StoreError(
                f"{source}: sets[{index}]: its session {t.session_uuid} is not in the file "
                "(before its sets)"
            )
        session_id = self._new_sessions.get(t.session_uuid)
        if session_id is None:
            # Its session was already here: it is left exactly as it is.
            self.counts["skipped"] += 1
            return
        cursor = self._conn.execute(
            "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
            "set_number, side, reps_target, reps_done, seconds, load, dose, recorded_at, "
            "test, counted, load_kg, bodyweight) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (session_id, t.block, t.round, t.exercise_id, t.exercise_name, t.set_number,
             t.side, t.reps_target, t.reps_done, t.seconds, t.load, t.dose,
             to_text(t.recorded_at), int(bool(t.test)), int(bool(t.counted)),
             None if t.load_kg is None else round(t.load_kg, 1), int(t.bodyweight)),
        )  # fmt: skip
        self._added("sets", cursor.rowcount)
        if cursor.rowcount and (t.test is None or t.counted is None):
            # A set from a file before version 2: flagged by the rules of migration v4.
            for column, rule in (("counted", LEGACY_COUNTED), ("test", LEGACY_TEST)):
                self._conn.execute(
                    f"UPDATE sets SET {column} = 1 WHERE id = ? AND {rule}", (cursor.lastrowid,)
                )

    def _ladder_step(self, step: LadderStepRow, index: int, source: Path) -> None:
        if step.session_uuid not in self._in_file:
            raise StoreError(
                f"{source}: ladder_steps[{index}]: its session {step.session_uuid} is not in "
                "the file (before its ladder steps)"
            )
        session_id = self._new_sessions.get(step.session_uuid)
        if session_id is None:
            return  # its session was already here: it is left exactly as it is
        self._conn.execute(
            "INSERT INTO ladder_steps (session_id, exercise_id, step, as_written) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (session_id, step.exercise_id, step.step, int(step.step is None)),
        )

    def _pain(self, p: PainRow) -> None:
        # One entry per day and kind: the one already here is kept.
        cursor = self._conn.execute(
            "INSERT INTO pain_entries (uuid, date, kind, value, recorded_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (p.uuid, p.date.isoformat(), p.kind, p.value, to_text(p.recorded_at)),
        )
        self._added("pain", cursor.rowcount)

    def _enrolment(self, e: EnrolmentRow) -> None:
        ended_on = e.ended_on
        replacing = ended_on is None and self._active is not None and self._replace_plan
        if ended_on is None and self._active is not None and not replacing:
            ended_on = ended_beside(e.started_on, self._active[0])
        cursor = self._conn.execute(
            "INSERT INTO plan_enrolments (uuid, plan_id, race_date, started_on, ended_on, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING",
            (e.uuid, e.plan_id, e.race_date.isoformat(), e.started_on.isoformat(),
             ended_on.isoformat() if ended_on else None, to_text(e.created_at)),
        )  # fmt: skip
        self._added("plans", cursor.rowcount)
        self.counts["ended"] += cursor.rowcount * (ended_on != e.ended_on)
        if replacing and cursor.rowcount and self._active is not None:
            # As `plan start` does: the plan followed until now ends (and keeps its
            # history) the day the imported one began, or its own first day if later.
            since, plan_id = self._active
            self._conn.execute(
                "UPDATE plan_enrolments SET ended_on = ? WHERE ended_on IS NULL AND uuid != ?",
                (ended_beside(e.started_on, since).isoformat(), e.uuid),
            )
            self.replaced = plan_id
            self._active = (e.started_on, e.plan_id)

    def settings(self, values: dict[str, str]) -> None:
        """Add settings not set here: an import adds history, it does not change
        preferences."""
        for key, value in values.items():
            self._conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (key, value),
            )


def ended_beside(started_on: date, active_since: date) -> date:
    """When an imported current plan is taken as ended: the day the plan here began, so the
    two never overlap (or its own first day, if it began later: then it never ran here)."""
    return max(started_on, active_since)
