"""Export the history: JSON with every table, or CSV with one row per set.

An export is written to a temporary file beside the target and renamed over it once it is
whole, so a full disk or a crash never leaves a truncated backup in place of a good one; it
refuses to write onto the database's own files.

Import is in store/importing.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from circuit_timer.core.history_file import FILE_FORMAT, FILE_VERSION
from circuit_timer.core.text_clean import csv_cell
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.timestamps import to_text

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
    "load_kg",
    "bodyweight",
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
        "ladder_steps": store.ladder_rows_for_export(),
        "pain_entries": rows["pain_entries"],
        "plan_enrolments": rows["plan_enrolments"],
        "settings": dict(sorted(settings.items())),
    }


# CSV column and export key of each set field, in the order of CSV_COLUMNS.
_SET_COLUMNS = [
    ("block", "block"), ("round", "round"), ("exercise_id", "exercise_id"),
    ("exercise_name", "exercise_name"), ("set", "set_number"), ("side", "side"),
    ("reps_target", "reps_target"), ("reps_done", "reps_done"), ("seconds", "seconds"),
    ("load", "load"), ("load_kg", "load_kg"), ("bodyweight", "bodyweight"), ("test", "test"),
    ("counted", "counted"),
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
        if final.exists() and os.chmod in os.supports_fd:  # not on Windows (Python 3.11)
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
