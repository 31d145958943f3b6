"""Tests to failure in the store: the 'test' and 'counted' flags, their migration, and
their export and import."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from circuit_timer.core.history_file import FILE_VERSION
from circuit_timer.core.planned_sets import PlannedSet
from circuit_timer.core.records import CompletedSet
from circuit_timer.store import migrations
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import import_file
from circuit_timer.store.transfer import export_csv, export_data, export_file

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
TEST_ID = "single-leg-heel-raise-test"


def clock() -> datetime:
    return NOW


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.db", now=clock) as opened:
        yield opened


def a_set(store: HistoryStore, uid: str, side: str, done: int | None, **flags: bool) -> None:
    store.record_set(
        uid, CompletedSet(block=0, round=1, exercise_id=TEST_ID, set_number=1, side=side,  # type: ignore[arg-type]
        reps_target=30, reps_done=done, seconds=40.0, dose="open", **flags),
    )  # fmt: skip


def test_flags_are_stored_and_read_back(store: HistoryStore) -> None:
    uid = store.start_session("heel-raise-test")
    a_set(store, uid, "left", 22, test=True, counted=True)
    a_set(store, uid, "right", 31, test=True, counted=True)
    got = [(s.side, s.reps_done, s.test, s.counted) for s in store.sets()]
    assert got == [("left", 22, True, True), ("right", 31, True, True)]


def test_a_test_not_counted_has_no_reps_whatever_the_caller_passed(store: HistoryStore) -> None:
    uid = store.start_session("heel-raise-test")
    a_set(store, uid, "left", 30, test=True)  # a target filled in: not a measurement
    [s] = store.sets()
    assert (s.reps_done, s.reps_target, s.test, s.counted) == (None, 30, True, False)


def test_a_training_set_keeps_its_target_and_defaults_to_not_counted(store: HistoryStore) -> None:
    uid = store.start_session("pf-crash-course")
    a_set(store, uid, "left", 30)
    [s] = store.sets()
    assert (s.reps_done, s.test, s.counted) == (30, False, False)


def test_redoing_a_set_replaces_its_flags(store: HistoryStore) -> None:
    uid = store.start_session("heel-raise-test")
    a_set(store, uid, "left", None, test=True)
    a_set(store, uid, "left", 24, test=True, counted=True)
    [s] = store.sets()
    assert (s.reps_done, s.counted) == (24, True)


def planned(side: str | None, exercise: str = TEST_ID, test: bool = True) -> PlannedSet:
    return PlannedSet(
        block=0, round=1, exercise_id=exercise, exercise_name="E", set_number=1,
        side=side, reps_target=30, seconds=None, load=None, dose="open", test=test,  # type: ignore[arg-type]
    )  # fmt: skip


def test_planned_sets_with_counts_are_counted_and_the_rest_are_targets(
    store: HistoryStore,
) -> None:
    uid = store.start_session("heel-raise-test", source="log")
    sets = [planned("left"), planned("right"), planned(None, "calf", test=False)]
    store.record_planned_sets(uid, sets, {(TEST_ID, "left"): 22, (TEST_ID, "right"): 31})
    got = [(s.exercise_id, s.side, s.reps_done, s.test, s.counted) for s in store.sets()]
    assert got == [
        (TEST_ID, "left", 22, True, True),
        (TEST_ID, "right", 31, True, True),
        ("calf", None, 30, False, False),
    ]
    other = store.start_session("heel-raise-test", source="log")
    store.record_planned_sets(other, sets)  # no counts: a test not counted has no reps
    got = [(s.side, s.reps_done, s.counted) for s in store.sets(session_uuid=other)]
    assert got == [("left", None, False), ("right", None, False), (None, 30, False)]


# --- migration v4 -------------------------------------------------------------------


def v3_database(path: Path) -> None:
    """A history at schema 3 with app and logged heel-raise tests and a training set."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, 0, 3)
    for n, (uid, source) in enumerate((("app", "app"), ("logged", "log"))):
        conn.execute(
            "INSERT INTO sessions (uuid, circuit_id, started_at, local_date, status, source) "
            "VALUES (?, 'heel-raise-test', ?, ?, 'completed', ?)",
            (uid, f"2026-11-2{n}T07:00:00.000+00:00", f"2026-11-2{n}", source),
        )
    rows = [
        # session, exercise, side, target, done, dose
        ("app", TEST_ID, "left", 30, 22, "open"),  # pressed: differs from the target
        ("app", TEST_ID, "right", 30, 30, "open"),  # untouched, or exactly 30: unknowable
        ("app", "bridge", "left", 12, 10, "open"),  # a counted training set
        ("app", "calf", None, 12, 12, "tempo"),  # the engine counted a tempo set
        ("logged", TEST_ID, "left", 30, 25, "open"),  # logged away: targets, never counts
    ]
    for uid, exercise, side, target, done, dose in rows:
        conn.execute(
            "INSERT INTO sets (session_id, block, round, exercise_id, set_number, side, "
            "reps_target, reps_done, seconds, dose, recorded_at) VALUES ((SELECT id FROM "
            "sessions WHERE uuid = ?), 0, 1, ?, 1, ?, ?, ?, 40.0, ?, '2026-11-20T07:10:00Z')",
            (uid, exercise, side, target, done, dose),
        )
    conn.close()


def test_v4_backs_up_then_flags_only_what_is_certain(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    v3_database(path)
    with HistoryStore(path, now=clock) as store:
        assert store.backup == tmp_path / "history.db.backup-v3-20261124T180000"
        assert any("backup" in n for n in store.notices)
        got = [(s.session_uuid, s.exercise_id, s.side, s.reps_done, s.test, s.counted)
               for s in store.sets()]  # fmt: skip
    assert got == [
        ("app", TEST_ID, "left", 22, True, True),
        ("app", TEST_ID, "right", 30, True, False),
        ("app", "bridge", "left", 10, False, True),
        ("app", "calf", None, 12, False, False),
        ("logged", TEST_ID, "left", 25, True, False),
    ]
    backup = sqlite3.connect(tmp_path / "history.db.backup-v3-20261124T180000")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 3
    assert backup.execute("SELECT count(*) FROM sets").fetchone()[0] == 5
    backup.close()


# --- export and import --------------------------------------------------------------


def test_export_carries_the_flags_and_import_restores_them(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "a.db", now=clock) as source:
        uid = source.start_session("heel-raise-test", local_date=date(2026, 11, 20))
        a_set(source, uid, "left", 22, test=True, counted=True)
        a_set(source, uid, "right", None, test=True)
        source.finish_session(uid, "completed")
        export_file(source, tmp_path / "out.json")
        original = export_data(source)
        csv_text = export_csv(source)
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["version"] == FILE_VERSION == 4
    assert [(s["side"], s["reps_done"], s["test"], s["counted"]) for s in data["sets"]] == [
        ("left", 22, True, True),
        ("right", None, True, False),
    ]
    assert "test,counted" in csv_text.splitlines()[0]
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        import_file(target, tmp_path / "out.json")
        assert export_data(target)["sets"] == original["sets"]


def test_a_version_1_export_is_flagged_as_the_migration_would(tmp_path: Path) -> None:
    session = {
        "uuid": "old", "circuit_id": "heel-raise-test", "started_at": "2026-11-20T07:00:00Z",
        "local_date": "2026-11-20", "status": "completed", "source": "app",
    }  # fmt: skip

    def old_set(side: str, done: int) -> dict[str, object]:
        return {
            "session_uuid": "old", "block": 0, "round": 1, "exercise_id": TEST_ID,
            "set_number": 1, "side": side, "reps_target": 30, "reps_done": done,
            "dose": "open", "recorded_at": "2026-11-20T07:10:00Z",
        }  # fmt: skip

    (tmp_path / "v1.json").write_text(
        json.dumps(
            {
                "format": "circuit-timer-history",
                "version": 1,
                "exported_at": "2026-11-24T18:00:00Z",
                "sessions": [session],
                "sets": [old_set("left", 22), old_set("right", 30)],
            }
        )
    )
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        import_file(target, tmp_path / "v1.json")
        got = [(s.side, s.reps_done, s.test, s.counted) for s in target.sets()]
    assert got == [("left", 22, True, True), ("right", 30, True, False)]
