"""Reading the history: sessions, sets and pain as records, and rows handed on whole
(an export, a deleted session kept for undo)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any, cast

from circuit_timer.core.asymmetry import SideTotal, names_of_tests, side_totals
from circuit_timer.core.records import (
    PainEntry,
    PainKind,
    SessionRecord,
    SessionStatus,
    SetRecord,
    SideName,
)
from circuit_timer.store.database import Database
from circuit_timer.store.timestamps import from_text

_SESSION_COLUMNS = (
    "uuid, circuit_id, local_date, status, started_at, ended_at, circuit_title, circuit_hash, "
    "plan_id, plan_week, pain_during, pain_after, notes, source"
)


# A frozen dataclass's __init__ sets each field through object.__setattr__: most of the
# cost of reading ten years of sessions, which the History page does on every visit.
# Giving the new instance its field dict whole makes the same record at about a third of
# the cost, so long as the class has no __post_init__ to run and no slots (checked here).
_WHOLE_DICT = not hasattr(SessionRecord, "__post_init__") and "__slots__" not in vars(SessionRecord)
_new = object.__new__
_set = object.__setattr__


def _session(row: sqlite3.Row | tuple[Any, ...]) -> SessionRecord:
    (uid, circuit_id, day, status, started, ended, title, digest, plan, week, during, after,
     notes, source) = row  # fmt: skip
    fields = {
        "uuid": uid,
        "circuit_id": circuit_id,
        "local_date": date.fromisoformat(day),
        # A session still marked in progress is shown as what it is so far: partial.
        "status": "completed" if status == "completed" else "partial",
        "started_at": from_text(started),
        "ended_at": from_text(ended) if ended else None,
        "circuit_title": title,
        "circuit_hash": digest,
        "plan_id": plan,
        "plan_week": week,
        "pain_during": during,
        "pain_after": after,
        "notes": notes,
        "source": source,
    }
    if not _WHOLE_DICT:
        return SessionRecord(**fields)
    record: SessionRecord = _new(SessionRecord)
    _set(record, "__dict__", fields)
    return record


class Reading(Database):
    """What the history questions, the pages and the export read."""

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
            f"t.counted, {self._load_columns()} "
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
                load_kg=load_kg,
                bodyweight=bool(bodyweight),
            )
            for (uid, day, block, rnd, exercise, number, side, target, done, seconds, load, name,
                 dose, test, counted, load_kg, bodyweight) in rows
        ]  # fmt: skip

    def _load_columns(self) -> str:
        """The sets' load used, as ``t.load_kg, t.bodyweight`` (none in a history opened
        read-only at a schema before 6)."""
        if self._read("SELECT 1 FROM pragma_table_info('sets') WHERE name = 'load_kg'"):
            return "t.load_kg, t.bodyweight"
        return "NULL AS load_kg, 0 AS bodyweight"

    def last_load(
        self, exercise_id: str, *, until: date | None = None
    ) -> tuple[float | None, bool] | None:
        """The load last used for ``exercise_id`` (kilograms, bodyweight), from the latest
        set that has one (to prefill the next entry); None when none was ever entered."""
        if "t.load_kg" not in self._load_columns():
            return None
        rows = self._read(
            "SELECT t.load_kg, t.bodyweight FROM sets t JOIN sessions s ON s.id = t.session_id "
            "WHERE t.exercise_id = ? AND (t.load_kg IS NOT NULL OR t.bodyweight = 1) "
            "AND s.local_date <= ? ORDER BY s.local_date DESC, s.started_at DESC, t.id DESC "
            "LIMIT 1",
            (exercise_id, (until or date.max).isoformat()),
        )
        return (rows[0][0], bool(rows[0][1])) if rows else None

    def loads_by_session(self) -> dict[str, list[dict[str, Any]]]:
        """Per session uuid, its sets with a load entered, in recording order: exercise
        id, set number, side, ``load_kg`` and ``bodyweight`` (sessions without any have no
        entry)."""
        if "t.load_kg" not in self._load_columns():
            return {}
        result: dict[str, list[dict[str, Any]]] = {}
        for uid, exercise, number, side, load_kg, bodyweight in self._read(
            "SELECT s.uuid, t.exercise_id, t.set_number, t.side, t.load_kg, t.bodyweight "
            "FROM sets t JOIN sessions s ON s.id = t.session_id "
            "WHERE t.load_kg IS NOT NULL OR t.bodyweight = 1 ORDER BY t.session_id, t.id"
        ):
            result.setdefault(uid, []).append(
                {"exercise_id": exercise, "set": number, "side": side,
                 "load_kg": load_kg, "bodyweight": bool(bodyweight)}
            )  # fmt: skip
        return result

    def set_counts(self) -> dict[str, tuple[int, int]]:
        """Per session uuid: (sets recorded, reps done).

        From the totals the triggers keep (schema 5); counted from the sets in a history
        opened read-only at an older schema. Summed as floats, so no count overflows.
        """
        if self._has_table("session_totals"):
            sql = (
                "SELECT s.uuid, coalesce(x.sets, 0), coalesce(x.reps, 0) FROM sessions s "
                "LEFT JOIN session_totals x ON x.session_id = s.id"
            )
        else:
            sql = (
                "SELECT s.uuid, count(t.id), total(t.reps_done) FROM sessions s "
                "LEFT JOIN sets t ON t.session_id = s.id GROUP BY s.id"
            )
        return {uid: (int(n), int(reps)) for uid, n, reps in self._read(sql)}

    def _has_table(self, name: str) -> bool:
        return bool(self._read("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)))

    def pain_entries(self, *, until: date | None = None) -> list[PainEntry]:
        """Pain entries by date."""
        sql = "SELECT date, kind, value FROM pain_entries"
        params: list[Any] = []
        if until is not None:
            sql += " WHERE date <= ?"
            params.append(until.isoformat())
        rows = self._read(sql + " ORDER BY date, kind", params)
        return [PainEntry(date.fromisoformat(d), cast(PainKind, k), int(v)) for d, k, v in rows]

    def completed_per_day(self, *, until: date) -> dict[date, int]:
        """Completed sessions per local date up to ``until``, by date: all the streaks
        need, counted from an index without reading the sessions."""
        rows = self._read(
            "SELECT local_date, count(*) FROM sessions WHERE status = 'completed' "
            "AND local_date <= ? GROUP BY local_date ORDER BY local_date",
            (until.isoformat(),),
        )
        return {date.fromisoformat(d): int(n) for d, n in rows}

    def last_day_sessions(self, *, until: date) -> list[SessionRecord]:
        """The sessions of the latest date up to ``until`` that has any (none if none)."""
        rows = self._read(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE local_date = "
            "(SELECT max(local_date) FROM sessions WHERE local_date <= ?) "
            "ORDER BY started_at, id",
            (until.isoformat(),),
        )
        return [_session(row) for row in rows]

    def morning_pain(self, *, until: date) -> list[tuple[date, int]]:
        """First-step morning pain up to ``until``, one score per date, oldest first."""
        rows = self._read(
            "SELECT date, value FROM pain_entries WHERE kind = 'morning' AND date <= ? "
            "ORDER BY date",
            (until.isoformat(),),
        )
        return [(date.fromisoformat(d), int(v)) for d, v in rows]

    def pain_on(self, day: date) -> list[PainEntry]:
        """The pain entries of one date."""
        rows = self._read(
            "SELECT date, kind, value FROM pain_entries WHERE date = ? ORDER BY kind",
            (day.isoformat(),),
        )
        return [PainEntry(date.fromisoformat(d), cast(PainKind, k), int(v)) for d, k, v in rows]

    def side_totals(self, *, until: date) -> tuple[list[SideTotal], dict[str, str]]:
        """Per session, test and side up to ``until``, the test sets' totals (in the order
        of each group's first set), and each test's name as its last named set gives it.

        Read from the summary the triggers keep (schema 5); a history opened read-only at
        an older schema has none, and is summed from its sets instead.
        """
        if not self._has_table("side_totals"):
            sets = self.sets(until=until, sided_only=True)
            return side_totals(sets, until), names_of_tests(sets, until)
        rows = self._read(
            "SELECT s.uuid, s.local_date, s.started_at, x.exercise_id, x.side, x.sets, "
            "x.complete, x.reps, x.named_set, x.name FROM side_totals x CROSS "
            "JOIN sessions s ON s.id = x.session_id WHERE s.local_date <= ? "
            "ORDER BY s.local_date, s.started_at, x.first_set",
            (until.isoformat(),),
        )
        totals = []
        named: dict[str, tuple[tuple[str, str, int], str]] = {}
        for uid, day, started, exercise, side, n, complete, reps, named_set, name in rows:
            totals.append(
                SideTotal(uid, date.fromisoformat(day), exercise, side, n, complete, reps)
            )
            # The last named set in the history's order names the test, as in core.
            key = (day, started, named_set)
            if named_set is not None and (exercise not in named or key > named[exercise][0]):
                named[exercise] = (key, name)
        return totals, {exercise: name for exercise, (_, name) in named.items()}

    def session_count(self) -> int:
        """How many sessions the history holds."""
        return int(self._read("SELECT count(*) FROM sessions")[0][0])

    # -- rows handed on whole ----------------------------------------------------

    def rows_for_export(self) -> dict[str, list[dict[str, Any]]]:
        """Every table as plain rows keyed by column, in a stable order, ids left out
        (rows carry uuids): "sessions", "sets", "pain_entries", "plan_enrolments",
        "settings". A session still in progress is exported as partial."""
        sets = self._read_dicts(
            "SELECT s.uuid AS session_uuid, t.block, t.round, t.exercise_id, t.exercise_name, "
            "t.set_number, t.side, t.reps_target, t.reps_done, t.seconds, t.load, t.dose, "
            f"t.recorded_at, t.test, t.counted, {self._load_columns()} "
            "FROM sets t JOIN sessions s ON s.id = t.session_id "
            "ORDER BY s.local_date, s.started_at, s.uuid, t.block, t.round, t.exercise_id, "
            "t.set_number, coalesce(t.side, '')"
        )
        for row in sets:
            row["test"], row["counted"] = bool(row["test"]), bool(row["counted"])
            row["bodyweight"] = bool(row["bodyweight"])
        return {
            "sessions": self._read_dicts(
                "SELECT uuid, circuit_id, circuit_title, circuit_hash, plan_id, plan_week, "
                "started_at, ended_at, local_date, CASE status WHEN 'completed' THEN 'completed' "
                "ELSE 'partial' END AS status, source, notes, pain_during, pain_after "
                "FROM sessions ORDER BY local_date, started_at, uuid"
            ),
            "sets": sets,
            "pain_entries": self._read_dicts(
                "SELECT uuid, date, kind, value, recorded_at FROM pain_entries ORDER BY date, kind"
            ),
            "plan_enrolments": self._read_dicts(
                "SELECT uuid, plan_id, race_date, started_on, ended_on, created_at "
                "FROM plan_enrolments ORDER BY started_on, created_at, uuid"
            ),
            "settings": self._read_dicts("SELECT key, value FROM settings"),
        }

    def session_rows_as_stored(
        self, session_uuid: str
    ) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The session's row and its sets' rows with every column as stored (ids too),
        sets in recording order; None if there is no such session."""
        sessions = self._read_dicts("SELECT * FROM sessions WHERE uuid = ?", (session_uuid,))
        if not sessions:
            return None
        sets = self._read_dicts(
            "SELECT * FROM sets WHERE session_id = ? ORDER BY id", (sessions[0]["id"],)
        )
        return sessions[0], sets
