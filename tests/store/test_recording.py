"""Recording: sessions as they start and end, completed sets (each committed at once,
a redone set replacing the first), pain."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from circuit_timer.core.planned_sets import PlannedSet
from circuit_timer.core.records import CompletedSet
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from tests.store.conftest import Clock


def record(store: HistoryStore, uid: str, exercise: str, side: str | None, done: int) -> None:
    store.record_set(
        uid, CompletedSet(block=0, round=1, exercise_id=exercise, set_number=1, side=side,  # type: ignore[arg-type]
        reps_target=12, reps_done=done, seconds=96.0, load="bodyweight", dose="tempo"),
    )  # fmt: skip


def test_a_session_is_partial_until_finished_and_sets_are_kept(
    store: HistoryStore, clock: Clock
) -> None:
    uid = store.start_session("pf-crash-course", circuit_title="PF", circuit_hash="abc")
    record(store, uid, "towel-heel-raise", "left", 12)
    [session] = store.sessions()
    assert session.status == "partial"
    clock.now += timedelta(minutes=30)
    store.finish_session(uid, "completed", notes="good", pain_during=2, pain_after=3)
    [session] = store.sessions()
    assert (session.status, session.notes, session.pain_during, session.pain_after) == (
        "completed", "good", 2, 3,
    )  # fmt: skip
    assert session.ended_at == clock.now
    assert session.circuit_hash == "abc"
    [s] = store.sets()
    assert (s.exercise_id, s.side, s.reps_target, s.reps_done, s.seconds, s.load) == (
        "towel-heel-raise", "left", 12, 12, 96.0, "bodyweight",
    )  # fmt: skip


def test_redoing_a_set_replaces_it(store: HistoryStore) -> None:
    uid = store.start_session("c")
    record(store, uid, "raise", "left", 8)
    record(store, uid, "raise", "left", 12)
    record(store, uid, "bridge", None, 10)
    record(store, uid, "bridge", None, 11)
    assert [(s.exercise_id, s.reps_done) for s in store.sets()] == [("raise", 12), ("bridge", 11)]


def test_every_set_is_committed_at_once(store: HistoryStore, tmp_path: Path) -> None:
    uid = store.start_session("c")
    record(store, uid, "raise", "left", 12)
    # Another connection (another process) sees it before the session ends.
    with HistoryStore(tmp_path / "history.db", recover=False) as other:
        assert len(other.sets()) == 1


def test_local_date_follows_the_runners_time_zone(
    store: HistoryStore, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        clock.now = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # 09:00 on the 25th in Auckland
        uid = store.start_session("c")
        assert store.session(uid).local_date == date(2026, 11, 25)  # type: ignore[union-attr]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_pain_entries_one_per_day_and_kind_and_session_pain(store: HistoryStore) -> None:
    day = date(2026, 11, 24)
    assert store.add_pain(day, "morning", 4) == ("entry", False)
    assert store.add_pain(day, "morning", 3) == ("entry", True)
    assert store.add_pain(day, "after", 5) == ("entry", False)  # no session that day
    uid = store.start_session("c", local_date=day)
    assert store.add_pain(day, "after", 6) == ("session", False)
    assert store.session(uid).pain_after == 6  # type: ignore[union-attr]
    assert [(p.kind, p.value) for p in store.pain_entries()] == [("after", 5), ("morning", 3)]
    with pytest.raises(StoreError):
        store.add_pain(day, "morning", 11)


def test_a_planned_set_is_recorded_at_its_target_or_with_the_count(store: HistoryStore) -> None:
    planned = PlannedSet(
        block=1, round=2, exercise_id="raise", exercise_name="Heel raise", set_number=1,
        side="left", reps_target=12, seconds=None, load="5 kg", dose="open",
    )  # fmt: skip
    uid = store.start_session("c", source="log")
    assert store.record_planned_sets(uid, [planned]) == 1
    other = store.start_session("c", source="log")
    store.record_planned_sets(other, [planned], {("raise", "left"): 9})
    got = [(s.exercise_name, s.round, s.reps_done, s.load, s.dose, s.counted) for s in store.sets()]
    assert got == [
        ("Heel raise", 2, 12, "5 kg", "open", False),
        ("Heel raise", 2, 9, "5 kg", "open", True),
    ]


KILL_CHILD = """
import sys, time
from pathlib import Path
from circuit_timer.core.records import CompletedSet
from circuit_timer.store.history import HistoryStore
store = HistoryStore(Path(sys.argv[1]))
uid = store.start_session("pf-crash-course")
n = 0
while True:
    n += 1
    store.record_set(uid, CompletedSet(block=0, round=1, exercise_id="raise", set_number=n,
                     side="left", reps_target=12, reps_done=12, seconds=96.0))
    print(n, flush=True)
    time.sleep(0.002)
"""


@pytest.mark.parametrize("after", [1, 7, 40])
def test_sigkill_between_sets_loses_nothing_recorded(tmp_path: Path, after: int) -> None:
    path = tmp_path / "history.db"
    # As a context manager the child's pipe is closed (not left to the garbage collector).
    with subprocess.Popen(
        [sys.executable, "-c", KILL_CHILD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    ) as child:
        assert child.stdout is not None
        reported = 0
        while reported < after:
            reported = int(child.stdout.readline())
        child.kill()
        child.wait()
    with HistoryStore(path) as store:
        assert store.integrity_ok()
        numbers = [s.set_number for s in store.sets()]
        assert numbers[:reported] == list(range(1, reported + 1))
        [session] = store.sessions()
        assert session.status == "partial"


def _start_record(uid: str, when: datetime) -> dict[str, object]:
    from circuit_timer.store import entries

    return entries.start(
        uid, "x", circuit_title=None, circuit_hash=None, plan_id=None, plan_week=None,
        started_at=when, local_date=when.date(),
    )  # fmt: skip


def test_a_deleted_session_does_not_come_back_from_a_journal_left_beside_it(
    tmp_path: Path,
) -> None:
    from circuit_timer.store import journal

    path = tmp_path / "history.db"
    when = datetime(2026, 11, 30, 8, tzinfo=UTC)
    with HistoryStore(path) as store:
        uid = store.start_session("x", started_at=when)
        # Left as a workout whose last checkpoint was not whole leaves it.
        left = journal.Journal(journal.folder_of(path), uid)
        left.append(_start_record(uid, when))
        left.close()
        assert left.path.exists()
        store.delete_session(uid)
        assert not left.path.exists()
    with HistoryStore(path) as store:
        assert store.session_count() == 0


def test_deleting_leaves_the_journal_a_live_workout_still_writes(tmp_path: Path) -> None:
    from circuit_timer.store import journal

    path = tmp_path / "history.db"
    when = datetime(2026, 11, 30, 8, tzinfo=UTC)
    with HistoryStore(path) as store:
        uid = store.start_session("x", started_at=when)
        live = journal.Journal(journal.folder_of(path), uid)
        live.append(_start_record(uid, when))  # open and locked, as a running workout holds it
        try:
            store.delete_session(uid)
            assert live.path.exists()
        finally:
            live.close()
