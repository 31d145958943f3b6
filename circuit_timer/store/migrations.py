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

# v5: per session, its sets and reps (the history list), and per session, test exercise
# and side, the test sets' totals (the asymmetry): read instead of every set. Triggers on
# sets keep them right whatever writes the sets: the workout, `log`, an import, an undo, a
# journal replayed. A change or a delete recounts its whole group from its session's few
# sets (an index search), so no running total can drift; a new set adds to its session's
# count (whole numbers, exact in a float below 2**53). Reps are summed with total() (a float,
# never an overflow error): a write must never fail for a summary. Sets replaced by
# INSERT OR REPLACE would need recursive_triggers; nothing writes so.
SIDE_TOTALS_COLUMNS = (
    "session_id, exercise_id, side, sets, complete, reps, first_set, named_set, name"
)


def _side_totals_of(where: str) -> str:
    """The summary rows of the test sets matching ``where`` (columns of ``t``)."""
    return f"""
    SELECT t.session_id, t.exercise_id, t.side, count(*),
           sum(t.counted <> 0 AND t.reps_done IS NOT NULL), total(t.reps_done), min(t.id),
           max(CASE WHEN t.exercise_name <> '' THEN t.id END),
           (SELECT n.exercise_name FROM sets n WHERE n.session_id = t.session_id
               AND n.exercise_id = t.exercise_id AND n.side = t.side AND n.test = 1
               AND n.exercise_name <> '' ORDER BY n.id DESC LIMIT 1)
    FROM sets t WHERE t.test = 1 AND t.side IS NOT NULL AND {where}
    GROUP BY t.session_id, t.exercise_id, t.side"""


def _refresh(row: str) -> str:
    """Trigger statements that recompute the group of the set ``row`` (new or old)."""
    key = f"session_id = {row}.session_id AND exercise_id = {row}.exercise_id AND side = {row}.side"
    return f"""
    DELETE FROM side_totals WHERE {key};
    INSERT INTO side_totals ({SIDE_TOTALS_COLUMNS}) {
        _side_totals_of(
            f"t.session_id = {row}.session_id AND t.exercise_id = {row}.exercise_id "
            f"AND t.side = {row}.side"
        )
    };"""


_V5_TABLE = f"""
CREATE TABLE side_totals (
    session_id INTEGER NOT NULL,
    exercise_id TEXT NOT NULL,
    side TEXT NOT NULL,
    sets INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    reps REAL NOT NULL,
    first_set INTEGER NOT NULL,
    named_set INTEGER,
    name TEXT,
    PRIMARY KEY (session_id, exercise_id, side)
) WITHOUT ROWID;
INSERT INTO side_totals ({SIDE_TOTALS_COLUMNS}) {_side_totals_of("1")};
CREATE INDEX sessions_completed_by_date ON sessions (status, local_date);
CREATE TABLE session_totals (
    session_id INTEGER PRIMARY KEY,
    sets INTEGER NOT NULL,
    reps REAL NOT NULL
);
INSERT INTO session_totals (session_id, sets, reps)
    SELECT session_id, count(*), total(reps_done) FROM sets GROUP BY session_id;
"""


def _recount(row: str) -> str:
    """Trigger statements that recount the sets and reps of the session of ``row``."""
    return f"""
    DELETE FROM session_totals WHERE session_id = {row}.session_id;
    INSERT INTO session_totals (session_id, sets, reps)
        SELECT session_id, count(*), total(reps_done) FROM sets
        WHERE session_id = {row}.session_id GROUP BY session_id;"""


# Whole CREATE TRIGGER statements: their bodies hold semicolons, so not split by _script.
_V5_TRIGGERS = (
    f"""CREATE TRIGGER side_totals_insert AFTER INSERT ON sets
    WHEN new.side IS NOT NULL AND new.test = 1 BEGIN {_refresh("new")} END""",
    f"""CREATE TRIGGER side_totals_delete AFTER DELETE ON sets
    WHEN old.side IS NOT NULL AND old.test = 1 BEGIN {_refresh("old")} END""",
    f"""CREATE TRIGGER side_totals_update
    AFTER UPDATE OF id, session_id, exercise_id, exercise_name, side, reps_done, test, counted
    ON sets WHEN old.side IS NOT NULL OR new.side IS NOT NULL
    BEGIN {_refresh("old")} {_refresh("new")} END""",
    # A new set only adds (an import writes thousands); a change or a delete recounts.
    """CREATE TRIGGER session_totals_insert AFTER INSERT ON sets BEGIN
    INSERT INTO session_totals (session_id, sets, reps)
        VALUES (new.session_id, 1, coalesce(new.reps_done, 0))
        ON CONFLICT (session_id) DO UPDATE SET sets = sets + 1, reps = reps + excluded.reps;
    END""",
    f"""CREATE TRIGGER session_totals_delete AFTER DELETE ON sets
    BEGIN {_recount("old")} END""",
    f"""CREATE TRIGGER session_totals_update AFTER UPDATE OF id, session_id, reps_done ON sets
    BEGIN {_recount("old")} {_recount("new")} END""",
)


def _v5(conn: sqlite3.Connection) -> None:
    _script(_V5_TABLE)(conn)
    for statement in _V5_TRIGGERS:
        conn.execute(statement)


# v6: per set, the load the runner actually lifted, beside ``load`` (the circuit's
# prescription text, "backpack 5 kg", kept as it was). Two columns rather than one
# encoding: kilograms, or bodyweight (no added load), or neither (not entered, never a
# default); the CHECKs keep a kilogram value in range and never with bodyweight. A
# partial index finds the few sets with a load (the last load of an exercise, the
# history's loads) without reading every set.
_V6 = """
ALTER TABLE sets ADD COLUMN load_kg REAL
    CHECK (load_kg IS NULL OR (load_kg > 0 AND load_kg <= 300));
ALTER TABLE sets ADD COLUMN bodyweight INTEGER NOT NULL DEFAULT 0
    CHECK (bodyweight IN (0, 1) AND NOT (bodyweight = 1 AND load_kg IS NOT NULL));
CREATE INDEX sets_with_load ON sets (exercise_id, session_id)
    WHERE load_kg IS NOT NULL OR bodyweight = 1
"""


# v7: per plan session, the ladder step each laddered exercise was prescribed (0 the first,
# -1 below it), or none when the runner chose the plan as written. The progression rule
# reads a session's step from here; sessions from before, or from no plan, have no rows.
_V7 = """
CREATE TABLE ladder_steps (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    exercise_id TEXT NOT NULL,
    step INTEGER CHECK (step >= -1),
    as_written INTEGER NOT NULL DEFAULT 0 CHECK (as_written IN (0, 1)),
    CHECK ((step IS NULL) = (as_written = 1)),
    PRIMARY KEY (session_id, exercise_id)
) WITHOUT ROWID;
"""


STEPS: list[Callable[[sqlite3.Connection], None]] = [
    _script(_V1),
    _script(_V2),
    _script(_V3),
    _script(_V4),
    _v5,
    _script(_V6),
    _script(_V7),
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
