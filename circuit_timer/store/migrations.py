"""The schema, one numbered step at a time; the version lives in PRAGMA user_version."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# Step N takes a database at version N-1 to version N. Never edit a released step:
# add a new one.
_V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    circuit_id TEXT NOT NULL,
    circuit_title TEXT,
    circuit_hash TEXT,
    plan_id TEXT,
    plan_week INTEGER,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    local_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'partial')),
    notes TEXT,
    pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    owner_pid INTEGER
);
CREATE TABLE sets (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    block INTEGER NOT NULL,
    round INTEGER NOT NULL,
    exercise_id TEXT NOT NULL,
    exercise_name TEXT,
    set_number INTEGER NOT NULL,
    side TEXT CHECK (side IN ('left', 'right')),
    reps_target INTEGER,
    reps_done INTEGER,
    seconds REAL,
    load TEXT,
    dose TEXT,
    recorded_at TEXT NOT NULL
);
CREATE UNIQUE INDEX sets_identity
    ON sets (session_id, block, round, exercise_id, set_number, coalesce(side, ''));
CREATE TABLE pain_entries (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('morning', 'during', 'after')),
    value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
    recorded_at TEXT NOT NULL,
    UNIQUE (date, kind)
);
CREATE TABLE plan_enrolments (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    plan_id TEXT NOT NULL,
    race_date TEXT NOT NULL,
    started_on TEXT NOT NULL,
    ended_on TEXT,
    created_at TEXT NOT NULL
);
"""

# v2: where a session came from (the app, `log`, an import), settings that the
# command line and the window share, and indexes for the history queries by date.
_V2 = """
ALTER TABLE sessions ADD COLUMN source TEXT NOT NULL DEFAULT 'app';
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX sessions_by_date ON sessions (local_date, started_at);
CREATE INDEX sessions_by_status ON sessions (status);
"""


# The same rules for rows from before v4, here and for an export from before them.
LEGACY_TEST_EXERCISE = "single-leg-heel-raise-test"
LEGACY_COUNTED = (
    "dose = 'open' AND reps_done IS NOT NULL AND reps_target IS NOT NULL "
    "AND reps_done != reps_target "
    "AND session_id IN (SELECT id FROM sessions WHERE source = 'app')"
)
LEGACY_TEST = f"dose = 'open' AND exercise_id = '{LEGACY_TEST_EXERCISE}'"


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def step(conn: sqlite3.Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)

    return step


# v3: sets and reps per session (the history list) straight from an index.
_V3 = """
CREATE INDEX sets_by_session ON sets (session_id, reps_done);
"""

# v4: per set, whether the exercise is a test (a measurement to failure) and whether its
# reps are the runner's own count. Rows from before cannot say; they get only what is
# certain: an app set whose reps differ from the target was counted (the engine filled in
# the target otherwise), and the bundled heel-raise test's open sets are tests.
_V4 = f"""
ALTER TABLE sets ADD COLUMN test INTEGER NOT NULL DEFAULT 0 CHECK (test IN (0, 1));
ALTER TABLE sets ADD COLUMN counted INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1));
UPDATE sets SET counted = 1 WHERE {LEGACY_COUNTED};
UPDATE sets SET test = 1 WHERE {LEGACY_TEST}
"""

STEPS: list[Callable[[sqlite3.Connection], None]] = [
    _script(_V1),
    _script(_V2),
    _script(_V3),
    _script(_V4),
]
LATEST = len(STEPS)


def apply(conn: sqlite3.Connection, start: int, stop: int = LATEST) -> None:
    """Run steps ``start + 1`` .. ``stop``, each in its own transaction with its version."""
    for version in range(start + 1, stop + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            STEPS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            # SQLite may already have rolled back (a full disk does): only undo what is open.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
