"""Export the history (JSON with every table, or CSV with one row per set) and import it.

An export is written to a temporary file beside the target and renamed over it once it is
whole, so a full disk or a crash never leaves a truncated backup in place of a good one; it
refuses to write onto the database's own files.

Import checks the whole file first and then adds, in one transaction, only rows whose
identity is new: importing the same file twice adds nothing, and nothing already in the
history is changed (a session already here gets no sets from the file, and an enrolment
from the file never takes over from the plan being followed here).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from circuit_timer.core.history_file import FILE_FORMAT, FILE_VERSION, HistoryFile
from circuit_timer.core.text_clean import csv_cell
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.migrations import LEGACY_COUNTED, LEGACY_TEST
from circuit_timer.store.timestamps import to_text

# The largest export an import reads (it is read whole, then checked).
MAX_IMPORT_BYTES = 200_000_000

CSV_COLUMNS = [
    "date",
    "started_at",
    "circuit_id",
    "circuit_title",
    "status",
    "plan_id",
    "plan_week",
    "block",
    "round",
    "exercise_id",
    "exercise_name",
    "set",
    "side",
    "reps_target",
    "reps_done",
    "seconds",
    "load",
    "test",
    "counted",
    "pain_during",
    "pain_after",
    "session_notes",
]


def export_data(store: HistoryStore) -> dict[str, Any]:
    """Every table as plain data, in a stable order (ids left out: rows carry uuids)."""
    rows = store.rows_for_export()
    settings = {r["key"]: r["value"] for r in rows["settings"]}
    return {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "exported_at": to_text(store.now()),
        "sessions": rows["sessions"],
        "sets": rows["sets"],
        "pain_entries": rows["pain_entries"],
        "plan_enrolments": rows["plan_enrolments"],
        "settings": dict(sorted(settings.items())),
    }


# CSV column and export key of each set field, in the order of CSV_COLUMNS.
_SET_COLUMNS = [
    ("block", "block"), ("round", "round"), ("exercise_id", "exercise_id"),
    ("exercise_name", "exercise_name"), ("set", "set_number"), ("side", "side"),
    ("reps_target", "reps_target"), ("reps_done", "reps_done"), ("seconds", "seconds"),
    ("load", "load"), ("test", "test"), ("counted", "counted"),
]  # fmt: skip


def export_csv(store: HistoryStore) -> str:
    """One row per set, the way Strong and Hevy export (a session with no sets gets one)."""
    data = export_data(store)
    by_session: dict[str, list[dict[str, Any]]] = {}
    for row in data["sets"]:
        by_session.setdefault(row["session_uuid"], []).append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for session in data["sessions"]:
        base = {
            "date": session["local_date"],
            "started_at": session["started_at"],
            "circuit_id": session["circuit_id"],
            "circuit_title": session["circuit_title"],
            "status": session["status"],
            "plan_id": session["plan_id"],
            "plan_week": session["plan_week"],
            "pain_during": session["pain_during"],
            "pain_after": session["pain_after"],
            "session_notes": session["notes"],
        }
        sets = by_session.get(session["uuid"]) or [{}]
        for s in sets:
            row = {**base, **{column: s.get(key) for column, key in _SET_COLUMNS}}
            # The runner's (or an imported file's) text: no cell may run as a formula.
            writer.writerow({column: csv_cell(value) for column, value in row.items()})
    return out.getvalue()


def export_file(store: HistoryStore, target: Path) -> str:
    """Write the history to ``target``: CSV for a .csv name, else JSON. Returns the kind.

    The file at ``target`` (if any) stays whole until the new one is complete.
    """
    refuse_database_files(store.path, target)
    if target.suffix.lower() == ".csv":
        text, kind = export_csv(store), "csv"
    else:
        text, kind = json.dumps(export_data(store), indent=2, ensure_ascii=False) + "\n", "json"
    write_atomically(target, text)
    return kind


def refuse_database_files(database: Path, target: Path) -> None:
    """Refuse ``target`` if it is (or links to) the database, its WAL, SHM or journal."""
    db = database.resolve()
    own = [db.with_name(db.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    resolved = target.resolve()
    hit = resolved in own
    if not hit and resolved.exists():
        # A hard link or a second mount of the same file: compare the files themselves.
        hit = any(p.exists() and os.path.samefile(resolved, p) for p in own)
    if hit:
        raise StoreError(
            f"cannot export onto {target}: it is the history database's own file "
            "(choose another name)"
        )


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` by way of a fsynced temporary file beside it.

    On any error the temporary file is removed and the old ``target`` is untouched.
    """
    # Through a symlink, the file it points to is replaced and the link kept.
    final = target.resolve() if target.is_symlink() else target
    if final.is_dir():
        raise StoreError(f"cannot write {target}: it is a folder")
    folder = final.parent
    try:
        fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror}") from None
    temporary = Path(name)
    try:
        if final.exists():
            os.chmod(fd, final.stat().st_mode & 0o7777)
        with open(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, final)
    except (OSError, UnicodeError) as exc:
        temporary.unlink(missing_ok=True)
        reason = exc.strerror if isinstance(exc, OSError) else "text that cannot be saved"
        kept = "; the file that was there is unchanged" if final.exists() else ""
        raise StoreError(f"cannot write {target}: {reason}{kept}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (not every system can open a folder to sync it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass(frozen=True)
class ImportResult:
    """How many rows an import added, and how many it found already there.

    ``plans_ended``: enrolments the file had as current, added as ended because a plan is
    being followed here (an import never switches the runner's plan).
    """

    sessions: int
    sets: int
    pain_entries: int
    plan_enrolments: int
    skipped: int
    plans_ended: int = 0

    @property
    def added(self) -> int:
        """Rows added in all."""
        return self.sessions + self.sets + self.pain_entries + self.plan_enrolments


def read_history_file(source: Path) -> HistoryFile:
    """Read and check an export; every problem is reported before anything is written."""
    try:
        text = _read_bounded(source).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise StoreError(f"cannot read {source}: {reason}") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    if not isinstance(raw, dict) or raw.get("format") != FILE_FORMAT:
        raise StoreError(
            f"{source}: not a circuit-timer history export (no format '{FILE_FORMAT}')"
        )
    try:
        data = HistoryFile.model_validate_json(text)
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_url=False)[:20]:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
            lines.append(f"{source}: {where.lstrip('.')}: {error['msg']}")
        raise StoreError("\n".join(lines)) from None
    known = {s.uuid for s in data.sessions}
    orphans = [i for i, s in enumerate(data.sets) if s.session_uuid not in known]
    if orphans:
        raise StoreError(
            f"{source}: sets[{orphans[0]}]: its session {data.sets[orphans[0]].session_uuid} "
            "is not in the file"
        )
    return data


def _read_bounded(source: Path) -> bytes:
    """The bytes of a regular file no larger than ``MAX_IMPORT_BYTES``, checked before
    reading: a FIFO would hang and a device (/dev/zero) would fill the memory."""
    # Non-blocking, so opening a FIFO with no writer returns at once instead of waiting.
    fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    limit = MAX_IMPORT_BYTES
    too_big = f"cannot import {source}: it is over {limit // 1_000_000} MB, the most import reads"
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = _KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
        raise StoreError(f"cannot import {source}: it is {kind}, not an export file")
    if info.st_size > limit:
        os.close(fd)
        raise StoreError(too_big)
    with os.fdopen(fd, "rb") as f:
        data = f.read(limit + 1)  # +1: a file that grew since fstat is caught too
    if len(data) > limit:
        raise StoreError(too_big)
    return data


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _flag_legacy_sets(conn: sqlite3.Connection, set_ids: list[int]) -> None:
    """Flag sets imported without ``test``/``counted`` by the rules of migration v4."""
    for start in range(0, len(set_ids), 500):
        chunk = set_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for column, rule in (("counted", LEGACY_COUNTED), ("test", LEGACY_TEST)):
            conn.execute(f"UPDATE sets SET {column} = 1 WHERE id IN ({marks}) AND {rule}", chunk)


def import_file(store: HistoryStore, source: Path) -> ImportResult:
    """Add what is new in an export to the history (idempotent)."""
    data = read_history_file(source)
    added = {"sessions": 0, "sets": 0, "pain": 0, "plans": 0, "ended": 0}
    skipped = 0
    new_sessions: set[str] = set()
    with store.transaction() as conn:
        active = conn.execute(
            "SELECT started_on FROM plan_enrolments WHERE ended_on IS NULL "
            "ORDER BY started_on DESC, created_at DESC LIMIT 1"
        ).fetchone()
        for s in data.sessions:
            cursor = conn.execute(
                "INSERT INTO sessions (uuid, circuit_id, circuit_title, circuit_hash, plan_id, "
                "plan_week, started_at, ended_at, local_date, status, source, notes, "
                "pain_during, pain_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (uuid) DO NOTHING",
                (s.uuid, s.circuit_id, s.circuit_title, s.circuit_hash, s.plan_id, s.plan_week,
                 to_text(s.started_at), to_text(s.ended_at) if s.ended_at else None,
                 s.local_date.isoformat(), s.status, s.source, s.notes, s.pain_during,
                 s.pain_after),
            )  # fmt: skip
            added["sessions"] += cursor.rowcount
            skipped += 1 - cursor.rowcount
            if cursor.rowcount:
                new_sessions.add(s.uuid)
        ids = dict(conn.execute("SELECT uuid, id FROM sessions").fetchall())
        unflagged: list[int] = []  # Sets from a file before version 2.
        for t in data.sets:
            if t.session_uuid not in new_sessions:
                # Its session was already here: it is left exactly as it is.
                skipped += 1
                continue
            cursor = conn.execute(
                "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
                "set_number, side, reps_target, reps_done, seconds, load, dose, recorded_at, "
                "test, counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (ids[t.session_uuid], t.block, t.round, t.exercise_id, t.exercise_name,
                 t.set_number, t.side, t.reps_target, t.reps_done, t.seconds, t.load, t.dose,
                 to_text(t.recorded_at), int(bool(t.test)), int(bool(t.counted))),
            )  # fmt: skip
            added["sets"] += cursor.rowcount
            skipped += 1 - cursor.rowcount
            if cursor.rowcount and (t.test is None or t.counted is None):
                unflagged.append(int(cursor.lastrowid or 0))
        _flag_legacy_sets(conn, unflagged)
        for p in data.pain_entries:
            # One entry per day and kind: the one already here is kept.
            cursor = conn.execute(
                "INSERT INTO pain_entries (uuid, date, kind, value, recorded_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (p.uuid, p.date.isoformat(), p.kind, p.value, to_text(p.recorded_at)),
            )
            added["pain"] += cursor.rowcount
            skipped += 1 - cursor.rowcount
        for e in data.plan_enrolments:
            ended_on = e.ended_on
            if ended_on is None and active is not None:
                ended_on = _ended_beside(e.started_on, date.fromisoformat(active[0]))
            cursor = conn.execute(
                "INSERT INTO plan_enrolments (uuid, plan_id, race_date, started_on, ended_on, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING",
                (e.uuid, e.plan_id, e.race_date.isoformat(), e.started_on.isoformat(),
                 ended_on.isoformat() if ended_on else None, to_text(e.created_at)),
            )  # fmt: skip
            added["plans"] += cursor.rowcount
            added["ended"] += cursor.rowcount * (ended_on != e.ended_on)
            skipped += 1 - cursor.rowcount
        for key, value in data.settings.items():
            # Settings here win: an import adds history, it does not change preferences.
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (key, value),
            )
    return ImportResult(
        added["sessions"], added["sets"], added["pain"], added["plans"], skipped, added["ended"]
    )


def ended_note(result: ImportResult) -> str:
    """The line telling the runner that imported plans were added as ended ("" if none)."""
    n = result.plans_ended
    if not n:
        return ""
    return (
        f"{n} plan{'s' * (n != 1)} the file had as current {'were' if n != 1 else 'was'} "
        "added as ended: the plan you follow here stays."
    )


def _ended_beside(started_on: date, active_since: date) -> date:
    """When an imported current plan is taken as ended: the day the plan here began, so the
    two never overlap (or its own first day, if it began later: then it never ran here)."""
    return max(started_on, active_since)
