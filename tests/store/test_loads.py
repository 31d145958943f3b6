"""The load a runner used, per set: migration v6 (backed up first), recording, the last
load of an exercise, the journal (old records without it still replay), export and
import (a version 2 file still imports)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import asdict, replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from circuit_timer.core.records import CompletedSet
from circuit_timer.store import entries, migrations
from circuit_timer.store.errors import StoreBug
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import import_file
from circuit_timer.store.transfer import export_csv, export_data, export_file

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def raise_set(number: int, **load: object) -> CompletedSet:
    return CompletedSet(
        block=0, round=1, exercise_id="towel-heel-raise", set_number=number, side=None,
        reps_target=12, reps_done=12, seconds=96.0, load="backpack 5 kg", dose="tempo",
        **load,  # type: ignore[arg-type]
    )  # fmt: skip


def session_with(store: HistoryStore, day: date, *sets: CompletedSet) -> str:
    uid = store.start_session("pf-crash-course", local_date=day)
    for done in sets:
        store.record_set(uid, done)
    store.finish_session(uid, "completed")
    return uid


def test_v6_backs_up_the_v5_file_then_adds_empty_loads(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, 0, 5)
    conn.executescript("""
        INSERT INTO sessions (id, uuid, circuit_id, started_at, local_date, status)
        VALUES (1, 'a', 'c', '2026-11-20T07:00:00.000+00:00', '2026-11-20', 'completed');
        INSERT INTO sets (session_id, block, round, exercise_id, set_number, load, recorded_at)
        VALUES (1, 0, 1, 'towel-heel-raise', 1, 'backpack 5 kg', 't');
    """)
    conn.close()
    with HistoryStore(path, now=clock, recover=False) as store:
        assert store.backup == tmp_path / "history.db.backup-v5-20261124T180000"
        assert store._read("PRAGMA user_version") == [(migrations.LATEST,)]
        [old] = store.sets()
        # The prescription text stays; no load was entered, so none is shown as theirs.
        assert (old.load, old.load_kg, old.bodyweight) == ("backpack 5 kg", None, False)
        assert store.last_load("towel-heel-raise") is None
    backup = sqlite3.connect(store.backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 5
    assert backup.execute("SELECT load FROM sets").fetchall() == [("backpack 5 kg",)]
    backup.close()


def test_the_store_refuses_a_load_out_of_range_or_beside_bodyweight(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.db", now=clock) as store:
        uid = store.start_session("c", local_date=date(2026, 11, 20))
        for bad in ({"load_kg": 0.0}, {"load_kg": 300.1}):
            with pytest.raises(StoreBug, match="CHECK constraint failed: load_kg"):
                store.record_set(uid, raise_set(1, **bad))
        # Bodyweight wins: a kilogram value beside it is not stored.
        store.record_set(uid, raise_set(1, load_kg=5.0, bodyweight=True))
        [done] = store.sets()
        assert (done.load_kg, done.bodyweight) == (None, True)


def test_a_load_entered_later_replaces_the_set_and_the_last_load_prefills(
    tmp_path: Path,
) -> None:
    with HistoryStore(tmp_path / "h.db", now=clock) as store:
        assert store.last_load("towel-heel-raise") is None
        session_with(store, date(2026, 11, 18), raise_set(1, bodyweight=True))
        uid = session_with(store, date(2026, 11, 20), raise_set(1), raise_set(2))
        assert store.last_load("towel-heel-raise") == (None, True)
        store.record_set(uid, raise_set(2, load_kg=7.5))
        assert [(s.set_number, s.load_kg) for s in store.sets(session_uuid=uid)] == [
            (1, None),
            (2, 7.5),
        ]
        assert store.last_load("towel-heel-raise") == (7.5, False)
        assert store.last_load("towel-heel-raise", until=date(2026, 11, 19)) == (None, True)
        assert store.last_load("pogo-hops") is None
        assert store.loads_by_session()[uid] == [
            {"exercise_id": "towel-heel-raise", "set": 2, "side": None, "load_kg": 7.5,
             "bodyweight": False}
        ]  # fmt: skip


def test_an_old_journal_set_without_a_load_still_replays(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.db", now=clock) as store:
        uid = store.start_session("c", local_date=date(2026, 11, 20))
        record = entries.completed_set(uid, raise_set(1), NOW)
        for field in ("load_kg", "bodyweight"):
            del record["set"][field]  # as a journal written before the loads had them
        entries.apply(store, record)
        new = entries.completed_set(uid, raise_set(2, load_kg=12.5), NOW)
        entries.apply(store, json.loads(json.dumps(new)))
        assert [(s.load_kg, s.bodyweight) for s in store.sets()] == [(None, False), (12.5, False)]


def test_export_and_import_carry_the_load_and_a_version_2_file_still_imports(
    tmp_path: Path,
) -> None:
    with HistoryStore(tmp_path / "a.db", now=clock) as source:
        session_with(
            source, date(2026, 11, 20),
            raise_set(1, load_kg=5.0), raise_set(2, bodyweight=True), raise_set(3),
        )  # fmt: skip
        export_file(source, tmp_path / "out.json")
        original = export_data(source)["sets"]
        rows = list(csv.DictReader(io.StringIO(export_csv(source))))
    assert [(r["load"], r["load_kg"], r["bodyweight"]) for r in rows] == [
        ("backpack 5 kg", "5.0", "False"),
        ("backpack 5 kg", "", "True"),
        ("backpack 5 kg", "", "False"),
    ]
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["version"] == 4
    assert [(s["load_kg"], s["bodyweight"]) for s in data["sets"]] == [
        (5.0, False), (None, True), (None, False)
    ]  # fmt: skip
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        import_file(target, tmp_path / "out.json")
        assert export_data(target)["sets"] == original
    old = data | {"version": 2}
    old["sets"] = [
        {k: v for k, v in s.items() if k not in ("load_kg", "bodyweight")} for s in data["sets"]
    ]
    (tmp_path / "v2.json").write_text(json.dumps(old))
    with HistoryStore(tmp_path / "c.db", now=clock) as target:
        import_file(target, tmp_path / "v2.json")
        assert [(s.load, s.load_kg, s.bodyweight) for s in target.sets()] == [
            ("backpack 5 kg", None, False)
        ] * 3


def test_the_journal_record_of_a_set_carries_its_load() -> None:
    done = replace(raise_set(1), load_kg=20.0)
    assert entries.completed_set("u", done, NOW)["set"] == asdict(done)
