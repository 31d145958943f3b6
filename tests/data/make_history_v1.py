"""Write tests/data/history-v1.sqlite: a history as schema version 1 left it.

Kept so the migration test starts from a real old file; run it only if step 1 of the
schema ever needs a new sample (it never should: released steps do not change).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from circuit_timer.store import migrations

TARGET = Path(__file__).with_name("history-v1.sqlite")


def main() -> None:
    TARGET.unlink(missing_ok=True)
    conn = sqlite3.connect(TARGET, isolation_level=None)
    migrations.apply(conn, 0, 1)
    conn.execute(
        "INSERT INTO sessions (uuid, circuit_id, circuit_title, started_at, ended_at, local_date, "
        "status, notes, pain_after) VALUES ('v1-session', 'pf-crash-course', 'PF', "
        "'2026-10-01T07:00:00.000+00:00', '2026-10-01T07:33:00.000+00:00', '2026-10-01', "
        "'completed', 'before the upgrade', 3)"
    )
    conn.execute(
        "INSERT INTO sets (session_id, block, round, exercise_id, set_number, side, reps_target, "
        "reps_done, seconds, recorded_at) VALUES (1, 2, 1, 'towel-heel-raise', 1, 'left', 12, 12, "
        "96, '2026-10-01T07:10:00.000+00:00'), (1, 2, 1, 'towel-heel-raise', 1, 'right', 12, 10, "
        "96, '2026-10-01T07:12:00.000+00:00')"
    )
    conn.execute(
        "INSERT INTO pain_entries (uuid, date, kind, value, recorded_at) VALUES "
        "('v1-pain', '2026-10-01', 'morning', 4, '2026-10-01T06:00:00.000+00:00')"
    )
    conn.close()


if __name__ == "__main__":
    main()
