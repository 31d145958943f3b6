"""Undoing a deleted session: the rows come back exactly, once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from circuit_timer.core.records import CompletedSet
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.undo import restore_session, snapshot_session

DAY = date(2026, 6, 15)


def add_session(store: HistoryStore, day: date, *, status: str = "completed") -> str:
    """A session on ``day`` with two sided sets and one unsided, pain and a note."""
    started = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
    uid = store.start_session(
        "pf-crash-course", circuit_title="PF", started_at=started, local_date=day
    )
    for side in ("left", "right"):
        store.record_set(uid, CompletedSet(
            block=1, round=1, exercise_id="raise", set_number=1, side=side, reps_target=10,
            reps_done=9, seconds=40.5, load="5 kg", exercise_name="Heel raise",
            dose="tempo"))  # fmt: skip
    store.record_set(uid, CompletedSet(
        block=2, round=1, exercise_id="plank", set_number=1, side=None, reps_target=None,
        reps_done=None, seconds=30.0, dose="timed"))  # fmt: skip
    if status != "in_progress":
        store.finish_session(uid, "completed" if status == "completed" else "partial",
                             notes="left heel sore", pain_after=3,
                             ended_at=started + timedelta(minutes=25))  # fmt: skip
    return uid


def raw(store: HistoryStore) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every column of every session and set row, ids included (read through a
    connection of the test's own)."""
    conn = sqlite3.connect(f"{store.path.as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return (
            [dict(row) for row in conn.execute("SELECT * FROM sessions ORDER BY id")],
            [dict(row) for row in conn.execute("SELECT * FROM sets ORDER BY id")],
        )
    finally:
        conn.close()


def test_delete_then_restore_gives_identical_rows(store: HistoryStore) -> None:
    add_session(store, DAY - timedelta(days=1))
    uid = add_session(store, DAY, status="partial")
    add_session(store, DAY + timedelta(days=1))
    sessions, sets, rows = store.sessions(), store.sets(), raw(store)
    snapshot = snapshot_session(store, uid)
    assert snapshot.uuid == uid and len(snapshot.set_rows) == 3
    store.delete_session(uid)
    assert store.session(uid) is None
    assert len(store.sets()) == 6
    assert restore_session(store, snapshot) is True
    assert store.sessions() == sessions
    assert store.sets() == sets
    assert raw(store) == rows  # the same ids too, so nothing reorders


def test_restoring_twice_changes_nothing(store: HistoryStore) -> None:
    uid = add_session(store, DAY)
    rows = raw(store)
    snapshot = snapshot_session(store, uid)
    store.delete_session(uid)
    assert restore_session(store, snapshot) is True
    assert restore_session(store, snapshot) is False
    assert raw(store) == rows


def test_restore_renumbers_when_the_old_ids_were_taken(store: HistoryStore) -> None:
    first = add_session(store, DAY - timedelta(days=1))
    last = add_session(store, DAY)
    sessions, sets = store.sessions(), store.sets()
    snapshot = snapshot_session(store, last)
    store.delete_session(last)
    # SQLite hands the freed ids (the highest) to the next rows written.
    newer = add_session(store, DAY + timedelta(days=2))
    stored = store.session_rows_as_stored(newer)
    assert stored is not None and stored[0]["id"] == 2
    assert restore_session(store, snapshot) is True
    assert [s for s in store.sessions() if s.uuid != newer] == sessions
    assert [s for s in store.sets() if s.session_uuid != newer] == sets
    assert store.sessions()[0].uuid == first


def test_a_session_without_sets_comes_back(store: HistoryStore) -> None:
    uid = store.start_session("x", started_at=datetime(2026, 6, 1, tzinfo=UTC))
    store.finish_session(uid, "partial")
    rows = raw(store)
    snapshot = snapshot_session(store, uid)
    assert snapshot.set_rows == ()
    store.delete_session(uid)
    restore_session(store, snapshot)
    assert raw(store) == rows


def test_no_snapshot_of_a_missing_session(store: HistoryStore) -> None:
    with pytest.raises(StoreError, match="no session nope"):
        snapshot_session(store, "nope")


def test_undo_brings_back_a_session_s_ladder_steps_and_loads(store: HistoryStore) -> None:
    uid = store.start_session("pf-crash-course", plan_id="p", local_date=DAY,
                              ladder_steps={"raise": 1, "bridge": None})  # fmt: skip
    store.record_set(uid, CompletedSet(
        block=1, round=1, exercise_id="raise", set_number=1, side="left", reps_target=10,
        reps_done=10, seconds=40.0, load_kg=7.5))  # fmt: skip
    store.record_set(uid, CompletedSet(
        block=1, round=1, exercise_id="raise", set_number=1, side="right", reps_target=10,
        reps_done=10, seconds=40.0, bodyweight=True))  # fmt: skip
    rows, sets = raw(store), store.sets()
    snapshot = snapshot_session(store, uid)
    store.delete_session(uid)
    assert store.ladder_steps("p", DAY, DAY) == {}
    assert restore_session(store, snapshot) is True
    assert store.ladder_steps("p", DAY, DAY) == {uid: {"raise": 1, "bridge": None}}
    assert [(s.load_kg, s.bodyweight) for s in store.sets()] == [(7.5, False), (None, True)]
    assert raw(store) == rows and store.sets() == sets


def test_undo_brings_back_ladder_steps_under_a_new_id(store: HistoryStore) -> None:
    uid = store.start_session("pf-crash-course", plan_id="p", local_date=DAY,
                              ladder_steps={"raise": 2})  # fmt: skip
    snapshot = snapshot_session(store, uid)
    store.delete_session(uid)
    newer = store.start_session("pf-crash-course", local_date=DAY)  # takes the freed id
    assert restore_session(store, snapshot) is True
    assert store.session_ladder_steps(uid) == {"raise": 2}
    assert store.session_ladder_steps(newer) == {}
