"""The schema steps: each takes the database one version on, in its own transaction, and
the v4 step sorts old sets into tests and counted reps only where that is certain."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest

from circuit_timer.store import migrations


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    # Autocommit, as the store opens it: the steps manage their own transactions.
    opened = sqlite3.connect(":memory:", isolation_level=None)
    yield opened
    opened.close()


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def test_apply_runs_the_steps_between_two_versions(conn: sqlite3.Connection) -> None:
    migrations.apply(conn, 0, 1)
    assert version(conn) == 1 and "source" not in columns(conn, "sessions")
    migrations.apply(conn, 1)
    assert version(conn) == migrations.LATEST == len(migrations.STEPS)
    assert {"source"} <= set(columns(conn, "sessions"))
    assert {"test", "counted"} <= set(columns(conn, "sets"))


def test_a_failing_step_leaves_the_database_at_the_version_before(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations.apply(conn, 0, 1)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    steps: list[Callable[[sqlite3.Connection], None]] = list(migrations.STEPS)
    steps[1] = broken
    monkeypatch.setattr(migrations, "STEPS", steps)
    with pytest.raises(sqlite3.OperationalError):
        migrations.apply(conn, 1)
    assert version(conn) == 1 and not conn.in_transaction
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables


def test_v4_marks_only_what_old_rows_can_prove(conn: sqlite3.Connection) -> None:
    migrations.apply(conn, 0, 3)
    conn.executescript("""
        INSERT INTO sessions (id, uuid, circuit_id, started_at, local_date, status, source)
        VALUES (1, 'a', 'c', 't', '2026-11-24', 'completed', 'app'),
               (2, 'b', 'c', 't', '2026-11-24', 'completed', 'log');
        INSERT INTO sets (session_id, block, round, exercise_id, set_number, side,
                          reps_target, reps_done, dose, recorded_at) VALUES
            (1, 0, 1, 'bridge', 1, NULL, 12, 9, 'open', 't'),
            (1, 0, 1, 'bridge', 2, NULL, 12, 12, 'open', 't'),
            (2, 0, 1, 'bridge', 1, NULL, 12, 9, 'open', 't'),
            (1, 0, 1, 'single-leg-heel-raise-test', 1, 'left', 25, 25, 'open', 't'),
            (1, 0, 1, 'single-leg-heel-raise-test', 1, 'right', 25, 25, 'tempo', 't');
    """)
    migrations.apply(conn, 3)
    rows = conn.execute(
        "SELECT session_id, exercise_id, set_number, side, test, counted FROM sets ORDER BY id"
    ).fetchall()
    assert rows == [
        (1, "bridge", 1, None, 0, 1),  # the app filled in the target unless counted
        (1, "bridge", 2, None, 0, 0),
        (2, "bridge", 1, None, 0, 0),  # `log` counts nothing
        (1, "single-leg-heel-raise-test", 1, "left", 1, 0),
        (1, "single-leg-heel-raise-test", 1, "right", 0, 0),  # not an open set
    ]


def test_v5_fills_the_totals_from_the_sets_already_there(conn: sqlite3.Connection) -> None:
    migrations.apply(conn, 0, 4)
    conn.executescript("""
        INSERT INTO sessions (id, uuid, circuit_id, started_at, local_date, status)
        VALUES (1, 'a', 'c', 't', '2026-11-24', 'completed'),
               (2, 'b', 'c', 't', '2026-11-25', 'partial');
        INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, set_number,
                          side, reps_done, test, counted, recorded_at) VALUES
            (1, 0, 1, 'raise-test', 'Raise', 1, 'left', 20, 1, 1, 't'),
            (1, 0, 1, 'raise-test', '', 2, 'left', 4, 1, 0, 't'),
            (1, 0, 1, 'raise-test', NULL, 1, 'right', NULL, 1, 0, 't'),
            (1, 0, 1, 'bridge', 'Bridge', 1, 'left', 12, 0, 1, 't'),
            (1, 0, 1, 'bridge', NULL, 1, NULL, 10, 0, 0, 't');
    """)
    migrations.apply(conn, 4, 5)
    assert version(conn) == 5
    sides = conn.execute(f"SELECT {migrations.SIDE_TOTALS_COLUMNS} FROM side_totals ORDER BY side")
    assert sides.fetchall() == [
        (1, "raise-test", "left", 2, 1, 24.0, 1, 1, "Raise"),
        (1, "raise-test", "right", 1, 0, 0.0, 3, None, None),
    ]
    per_session = conn.execute("SELECT session_id, sets, reps FROM session_totals").fetchall()
    assert per_session == [(1, 5, 46.0)]  # a session without sets has no row


def test_v7_keeps_each_sessions_ladder_step_or_the_plan_as_written(
    conn: sqlite3.Connection,
) -> None:
    migrations.apply(conn, 0, 6)
    conn.executescript("""
        INSERT INTO sessions (id, uuid, circuit_id, started_at, local_date, status)
        VALUES (1, 'a', 'c', 't', '2026-11-24', 'completed');
    """)
    migrations.apply(conn, 6, 7)
    assert version(conn) == 7
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO ladder_steps (session_id, exercise_id, step) VALUES (1, 'raise', -1)")
    conn.execute(
        "INSERT INTO ladder_steps (session_id, exercise_id, step, as_written) "
        "VALUES (1, 'hop', NULL, 1)"
    )
    for bad in ("(1, 'x', NULL, 0)", "(1, 'y', 2, 1)", "(1, 'z', -2, 0)", "(9, 'w', 0, 0)"):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                f"INSERT INTO ladder_steps (session_id, exercise_id, step, as_written) VALUES {bad}"
            )
    conn.execute("DELETE FROM sessions WHERE id = 1")
    assert conn.execute("SELECT count(*) FROM ladder_steps").fetchone()[0] == 0
