"""The totals schema 5 keeps (per session; per session, test and side): whatever writes
the sets, the set counts and the asymmetry read from them equal those summed from every
set, and the v5 step backs up before it fills them in."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circuit_timer.core.asymmetry import asymmetry
from circuit_timer.core.records import CompletedSet
from circuit_timer.store import connection, database, insights, migrations
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import import_file
from circuit_timer.store.transfer import export_file
from circuit_timer.store.undo import restore_session, snapshot_session

START = date(2026, 1, 5)
TESTS = ("single-leg-heel-raise-test", "single-leg-bridge-test", "calf-raise")
NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def old_sides(store: HistoryStore, today: date) -> Any:
    """The asymmetry as it was computed before schema 5: from every sided set."""
    return asymmetry(store.sets(until=today, sided_only=True), today)


def old_set_counts(store: HistoryStore) -> dict[str, tuple[int, int]]:
    """Sets and reps per session as counted before schema 5: from every set."""
    rows = store._read(
        "SELECT s.uuid, count(t.id), coalesce(sum(t.reps_done), 0) FROM sessions s "
        "LEFT JOIN sets t ON t.session_id = s.id GROUP BY s.id"
    )
    return {uid: (n, reps) for uid, n, reps in rows}


sessions_st = st.lists(
    st.tuples(st.integers(0, 3), st.sampled_from(["07:00", "07:00", "18:30"])),
    min_size=1,
    max_size=6,
)
# Mostly counted test sets, so that sessions on one day often each give a point.
often = st.sampled_from([True, True, True, False])
set_st = st.tuples(
    st.integers(0, 5),  # session (modulo how many there are)
    st.sampled_from([*TESTS[:2], *TESTS[:2], TESTS[2]]),
    st.sampled_from(["left", "right", "left", "right", None]),
    often,  # test
    often,  # counted
    st.integers(-3, 40).map(lambda r: None if r < 0 else r),  # reps done
    st.sampled_from([None, "", "Heel raise", "Heel raise test"]),  # name
)
change_st = st.tuples(
    st.integers(0, 200),  # which set (modulo how many there are)
    st.sampled_from(["delete", "reps", "counted", "test", "side", "name", "session", "drop"]),
    st.integers(0, 40),
)


def write(store: HistoryStore, sessions: list[Any], sets: list[Any], changes: list[Any]) -> None:
    """Sessions and sets straight into SQL (as an import or a replay would), then updates
    and deletes of sets and of whole sessions."""
    with store.transaction() as conn:
        for n, (day, clock) in enumerate(sessions):
            local = START + timedelta(days=day)
            conn.execute(
                "INSERT INTO sessions (uuid, circuit_id, started_at, local_date, status) "
                "VALUES (?, 'heel-raise-test', ?, ?, 'completed')",
                (f"s{n}", f"{local}T{clock}:00.000+00:00", local.isoformat()),
            )
        for number, (k, exercise, side, test, counted, reps, name) in enumerate(sets):
            conn.execute(
                "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
                "set_number, side, reps_target, reps_done, test, counted, recorded_at) "
                "VALUES ((SELECT id FROM sessions WHERE uuid = ?), 1, 1, ?, ?, ?, ?, 30, ?, ?, "
                "?, 't')",
                (f"s{k % len(sessions)}", exercise, name, number, side, reps, test, counted),
            )
    for which, what, value in changes:
        ids = [row[0] for row in store._read("SELECT id FROM sets ORDER BY id")]
        if not ids:
            return
        target = ids[which % len(ids)]
        updates = {
            "delete": ("DELETE FROM sets WHERE id = ?", (target,)),
            "reps": ("UPDATE sets SET reps_done = ? WHERE id = ?", (value, target)),
            "counted": ("UPDATE sets SET counted = 1 - counted WHERE id = ?", (target,)),
            "test": ("UPDATE sets SET test = 1 - test WHERE id = ?", (target,)),
            "side": (
                "UPDATE sets SET side = CASE side WHEN 'left' THEN 'right' ELSE 'left' END "
                "WHERE id = ?",
                (target,),
            ),
            "name": ("UPDATE sets SET exercise_name = ? WHERE id = ?", (f"N{value}", target)),
            "session": (
                "UPDATE sets SET session_id = (SELECT min(id) FROM sessions) WHERE id = ?",
                (target,),
            ),
            "drop": (
                "DELETE FROM sessions WHERE id = (SELECT session_id FROM sets WHERE id = ?)",
                (target,),
            ),
        }
        sql, params = updates[what]
        try:
            with store.transaction() as conn:
                conn.execute(sql, params)
        except Exception as exc:  # a change that would break the sets' identity: not made
            assert "UNIQUE" in str(exc)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sessions=sessions_st,
    sets=st.lists(set_st, max_size=40),
    changes=st.lists(change_st, max_size=8),
    today=st.integers(0, 4),
)
def test_the_totals_answer_as_every_set_does(
    sessions: list[Any], sets: list[Any], changes: list[Any], today: int
) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        HistoryStore(Path(folder) / "history.db", now=lambda: NOW) as store,
    ):
        write(store, sessions, sets, changes)
        day = START + timedelta(days=today)
        assert insights.sides(store, day) == old_sides(store, day)
        assert store.set_counts() == old_set_counts(store)


def seeded_v4(path: Path) -> None:
    """A history at schema 4 with two months of heel-raise tests and training sets."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, 0, 4)
    for n in range(60):
        day = START + timedelta(days=n)
        conn.execute(
            "INSERT INTO sessions (id, uuid, circuit_id, started_at, local_date, status) "
            "VALUES (?, ?, 'c', ?, ?, 'completed')",
            (n + 1, f"u{n}", f"{day}T07:00:00.000+00:00", day.isoformat()),
        )
        for k, (exercise, side) in enumerate(
            [(TESTS[0], "left"), (TESTS[0], "right"), (TESTS[1], "left"), (TESTS[1], "right"),
             ("bridge", "left"), ("bridge", None)]
        ):  # fmt: skip
            test = int(exercise in TESTS and n % 7 == 0)
            conn.execute(
                "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
                "set_number, side, reps_target, reps_done, test, counted, recorded_at) "
                "VALUES (?, 1, 1, ?, ?, ?, ?, 30, ?, ?, ?, 't')",
                (n + 1, exercise, exercise.title(), k, side, 20 + (n + k) % 9, test,
                 int(n % 3 != 1)),
            )  # fmt: skip
    conn.close()


def test_v5_backs_up_then_fills_the_totals_as_every_set_gives_them(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    seeded_v4(path)
    with HistoryStore(path, now=lambda: NOW, recover=False) as store:
        assert store.backup == tmp_path / "history.db.backup-v4-20261124T180000"
        assert any("backup" in n for n in store.notices)
        assert store._read("PRAGMA user_version") == [(migrations.LATEST,)]
        for day in (START, START + timedelta(days=30), START + timedelta(days=90)):
            assert insights.sides(store, day) == old_sides(store, day)
        assert len(insights.sides(store, START + timedelta(days=90))[0].points) > 3
        assert store.set_counts() == old_set_counts(store)
        assert store.set_counts()["u1"] == (6, sum(20 + (1 + k) % 9 for k in range(6)))
    backup = sqlite3.connect(path.with_name("history.db.backup-v4-20261124T180000"))
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 4
    assert backup.execute("SELECT count(*) FROM sets").fetchone()[0] == 360
    backup.close()


def test_a_history_read_only_at_schema_4_is_summed_from_its_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Opened as a read-only data folder opens it (root ignores file modes, so directly):
    # not migrated, so without the totals.
    path = tmp_path / "history.db"
    seeded_v4(path)
    monkeypatch.setattr(
        database, "open_database", lambda p, _now: connection._open_readonly(p, "read-only")
    )
    with HistoryStore(path, recover=False) as store:
        assert store.readonly and store._read("PRAGMA user_version") == [(4,)]
        day = START + timedelta(days=90)
        expected = old_sides(store, day)
        assert expected and insights.sides(store, day) == expected
        assert store.set_counts() == old_set_counts(store)


def test_two_tests_on_one_day_keep_their_start_order_and_the_last_name(tmp_path: Path) -> None:
    # The evening session's sets were written first (an import, say): the morning's point
    # still comes first, and the evening's set names the test.
    sessions = [(0, "18:30"), (0, "07:00")]
    sets = [
        (0, TESTS[0], "left", True, True, 20, "Evening name"),
        (0, TESTS[0], "right", True, True, 18, None),
        (1, TESTS[0], "left", True, True, 20, None),
        (1, TESTS[0], "right", True, True, 10, "Morning name"),
    ]
    with HistoryStore(tmp_path / "history.db", now=lambda: NOW) as store:
        write(store, sessions, sets, [])
        [report] = insights.sides(store, START)
        assert report == old_sides(store, START)[0]
    assert [p.session_uuid for p in report.points] == ["s1", "s0"]
    assert report.name == "Evening name"


def test_the_store_s_own_writes_keep_the_totals(tmp_path: Path) -> None:
    # A test set redone with a new count, a session deleted and undone, a history
    # exported and imported into a fresh store: the totals follow every one.
    day = date(2026, 11, 20)
    with HistoryStore(tmp_path / "history.db", now=lambda: NOW) as store:
        for k, right in enumerate((24, 18)):
            uid = store.start_session("heel-raise-test", local_date=day + timedelta(days=k))
            for which, reps in (("left", 25), ("right", right)):
                store.record_set(uid, CompletedSet(
                    block=1, round=1, exercise_id=TESTS[0], set_number=1, side=which,  # type: ignore[arg-type]
                    reps_target=30, reps_done=reps, seconds=None, dose="open", test=True,
                    counted=True))  # fmt: skip
            store.finish_session(uid, "completed")
        store.record_set(uid, CompletedSet(
            block=1, round=1, exercise_id=TESTS[0], set_number=1, side="right", reps_target=30,
            reps_done=20, seconds=None, dose="open", test=True, counted=True))  # fmt: skip
        today = day + timedelta(days=5)
        assert [p.right for p in insights.sides(store, today)[0].points] == [24.0, 20.0]
        snapshot = snapshot_session(store, uid)
        store.delete_session(uid)
        assert [p.right for p in insights.sides(store, today)[0].points] == [24.0]
        assert uid not in store.set_counts()
        restore_session(store, snapshot)
        assert insights.sides(store, today) == old_sides(store, today)
        assert (
            store.set_counts()
            == old_set_counts(store)
            == {s.uuid: (2, 25 + r) for s, r in zip(store.sessions(), (24, 20), strict=True)}
        )
        export_file(store, tmp_path / "backup.json")
    with HistoryStore(tmp_path / "other" / "history.db", now=lambda: NOW) as other:
        import_file(other, tmp_path / "backup.json")
        assert insights.sides(other, today) == old_sides(other, today)
        assert len(insights.sides(other, today)[0].points) == 2
        assert other.set_counts() == old_set_counts(other)
