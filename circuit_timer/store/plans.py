"""The plans the runner followed: one enrolment per plan taken up toward a race."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import date
from typing import Any

from circuit_timer.core.records import Enrolment
from circuit_timer.store.database import Database
from circuit_timer.store.timestamps import to_text


class Plans(Database):
    """Taking up, replacing and stopping a plan; the enrolments so far."""

    def enrol(self, plan_id: str, race_date: date, started_on: date) -> Enrolment:
        """Follow ``plan_id`` toward ``race_date`` from ``started_on``; the plan followed
        until now (if any) ends that day and keeps its history."""
        import uuid as uuidlib  # here: the store opens before the window's first paint

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

    def record_ladder_steps(self, session_uuid: str, steps: Mapping[str, int | None]) -> None:
        """Keep, for a plan session, the ladder step each laddered exercise was prescribed
        (None: the runner chose the plan as written)."""
        with self.transaction() as conn:
            write_ladder_steps(conn, self._session_id(conn, session_uuid), steps)

    def ladder_steps(
        self, plan_id: str, since: date, until: date
    ) -> dict[str, dict[str, int | None]]:
        """Per session uuid of ``plan_id`` from ``since`` to ``until``: the step each
        laddered exercise was prescribed (None: as written). Sessions without any are
        left out."""
        rows = self._read(
            "SELECT s.uuid, l.exercise_id, l.step FROM ladder_steps l "
            "JOIN sessions s ON s.id = l.session_id "
            "WHERE s.plan_id = ? AND s.local_date BETWEEN ? AND ?",
            (plan_id, since.isoformat(), until.isoformat()),
        )
        found: dict[str, dict[str, int | None]] = {}
        for uid, exercise_id, step in rows:
            found.setdefault(uid, {})[exercise_id] = step
        return found

    def session_ladder_steps(self, session_uuid: str) -> dict[str, int | None]:
        """The step each laddered exercise of one session was prescribed (None: as written)."""
        rows = self._read(
            "SELECT l.exercise_id, l.step FROM ladder_steps l "
            "JOIN sessions s ON s.id = l.session_id WHERE s.uuid = ? ORDER BY l.exercise_id",
            (session_uuid,),
        )
        return {str(exercise_id): step for exercise_id, step in rows}

    def ladder_rows_for_export(self) -> list[dict[str, Any]]:
        """Every session's ladder steps as plain rows (session uuid, exercise id, step),
        in the export's stable order."""
        return self._read_dicts(
            "SELECT s.uuid AS session_uuid, l.exercise_id, l.step FROM ladder_steps l "
            "JOIN sessions s ON s.id = l.session_id "
            "ORDER BY s.local_date, s.started_at, s.uuid, l.exercise_id"
        )

    def active_enrolment(self, as_of: date | None = None) -> Enrolment | None:
        """The plan being followed: the newest enrolment not ended (started by ``as_of``)."""
        return active_of(self.enrolments(), as_of)


def active_of(enrolments: list[Enrolment], as_of: date | None = None) -> Enrolment | None:
    """``Plans.active_enrolment`` among enrolments already read (oldest first)."""
    current = [
        e
        for e in enrolments
        if (as_of is None or e.started_on <= as_of)
        and (e.ended_on is None or (as_of is not None and as_of < e.ended_on))
    ]
    return current[-1] if current else None


def write_ladder_steps(
    conn: sqlite3.Connection, session_id: int, steps: Mapping[str, int | None]
) -> None:
    """Write (or replace) a session's ladder steps inside the caller's transaction."""
    conn.executemany(
        "INSERT INTO ladder_steps (session_id, exercise_id, step, as_written) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (session_id, exercise_id) DO UPDATE SET "
        "step = excluded.step, as_written = excluded.as_written",
        [(session_id, ex, step, int(step is None)) for ex, step in steps.items()],
    )
