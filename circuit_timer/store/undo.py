"""Undo for a deleted session: keep its rows as plain data, put them back on request.

A snapshot holds every column of the session row and of its sets exactly as stored
(whatever the schema version has), so a restore brings back the same uuid, times,
notes, pain, sets (with their loads) and ladder steps, and the history reads as if
nothing had happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.plans import write_ladder_steps


@dataclass(frozen=True)
class SessionSnapshot:
    """One session row and its set rows, column names beside the values."""

    columns: tuple[str, ...]
    row: tuple[Any, ...]
    set_columns: tuple[str, ...]
    set_rows: tuple[tuple[Any, ...], ...]
    # A plan session's step per laddered exercise (None: as written).
    ladder_steps: tuple[tuple[str, int | None], ...] = ()

    def value(self, column: str) -> Any:
        """The session's value in ``column``."""
        return self.row[self.columns.index(column)]

    @property
    def uuid(self) -> str:
        """The session's uuid."""
        return str(self.value("uuid"))


def _quoted(names: tuple[str, ...]) -> str:
    # The names come from the database's own schema; quoting keeps any of them legal SQL.
    return ", ".join('"' + name.replace('"', '""') + '"' for name in names)


def snapshot_session(store: HistoryStore, uuid: str) -> SessionSnapshot:
    """The session ``uuid`` and its sets as stored; StoreError if there is none."""
    stored = store.session_rows_as_stored(uuid)
    if stored is None:
        raise StoreError(f"no session {uuid} in the history")
    session, sets = stored
    set_columns = tuple(sets[0]) if sets else ()
    return SessionSnapshot(
        columns=tuple(session),
        row=tuple(session.values()),
        set_columns=set_columns,
        set_rows=tuple(tuple(s[c] for c in set_columns) for s in sets),
        ladder_steps=tuple(store.session_ladder_steps(uuid).items()),
    )


def restore_session(store: HistoryStore, snapshot: SessionSnapshot) -> bool:
    """Put a snapshot back in one transaction; False if the session is already there.

    The rows keep their original ids when those are still free, so sets read back in
    the same order; if another row took an id meanwhile, SQLite numbers the restored
    rows afresh, in their original order.
    """
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM sessions WHERE uuid = ?", (snapshot.uuid,)).fetchone():
            return False  # Restored already (a second Undo): nothing to do.
        columns, row = snapshot.columns, snapshot.row
        old_id = snapshot.value("id")
        if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (old_id,)).fetchone():
            keep = [i for i, c in enumerate(columns) if c != "id"]
            columns = tuple(columns[i] for i in keep)
            row = tuple(row[i] for i in keep)
        cursor = conn.execute(
            f"INSERT INTO sessions ({_quoted(columns)}) VALUES ({', '.join('?' * len(columns))})",
            row,
        )
        new_id = cursor.lastrowid
        if snapshot.ladder_steps and new_id is not None:
            write_ladder_steps(conn, new_id, dict(snapshot.ladder_steps))
        if not snapshot.set_rows:
            return True
        set_columns = snapshot.set_columns
        id_at = set_columns.index("id")
        owner_at = set_columns.index("session_id")
        rows = [list(r) for r in snapshot.set_rows]
        for r in rows:
            r[owner_at] = new_id
        taken = any(
            conn.execute("SELECT 1 FROM sets WHERE id = ?", (r[id_at],)).fetchone() for r in rows
        )
        if taken:
            set_columns = tuple(c for c in set_columns if c != "id")
            rows = [r[:id_at] + r[id_at + 1 :] for r in rows]
        conn.executemany(
            f"INSERT INTO sets ({_quoted(set_columns)}) "
            f"VALUES ({', '.join('?' * len(set_columns))})",
            rows,
        )
    return True
