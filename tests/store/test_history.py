"""The recording API and the history queries."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore, local_date_of


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 24, 18, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.db", now=clock) as s:
        yield s


def record(store: HistoryStore, uid: str, exercise: str, side: str | None, done: int) -> None:
    store.record_set(
        uid, block=0, round=1, exercise_id=exercise, set_number=1, side=side,  # type: ignore[arg-type]
        reps_target=12, reps_done=done, seconds=96.0, load="bodyweight", dose="tempo",
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


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        # New York falls back at 02:00 EDT on 2026-11-01: 05:30 UTC is 01:30 EDT and
        # 06:30 UTC is 01:30 EST, both on the 1st; 03:30 UTC is still the 31st.
        ("America/New_York", datetime(2026, 11, 1, 5, 30, tzinfo=UTC), date(2026, 11, 1)),
        ("America/New_York", datetime(2026, 11, 1, 6, 30, tzinfo=UTC), date(2026, 11, 1)),
        ("America/New_York", datetime(2026, 11, 1, 3, 30, tzinfo=UTC), date(2026, 10, 31)),
        # Berlin springs forward on 2026-03-29; 22:30 UTC the day before is 23:30 CET.
        ("Europe/Berlin", datetime(2026, 3, 28, 22, 30, tzinfo=UTC), date(2026, 3, 28)),
        ("Europe/Berlin", datetime(2026, 3, 29, 22, 30, tzinfo=UTC), date(2026, 3, 30)),
    ],
)
def test_local_dates_across_daylight_saving_changes(
    zone: str, moment: datetime, expected: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert local_date_of(moment) == expected
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_an_unfinished_session_of_a_dead_process_becomes_partial(
    tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, now=clock) as store:
        uid = store.start_session("c")
        record(store, uid, "raise", "left", 12)
        # Pretend it was started by a process that has since died.
        store._conn.execute("UPDATE sessions SET owner_pid = 999999999")
    with HistoryStore(path, now=clock) as store:
        assert any("kept as partial" in n for n in store.notices)
        [session] = store.sessions()
        assert session.status == "partial"
        assert session.ended_at is not None
        assert len(store.sets()) == 1
        assert store._conn.execute("SELECT status FROM sessions").fetchone()[0] == "partial"


def test_a_live_process_session_is_not_touched(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, now=clock) as store:
        store.start_session("c")
    with HistoryStore(path, now=clock) as store:
        assert store.notices == []
        assert store._conn.execute("SELECT status FROM sessions").fetchone()[0] == "in_progress"


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


def test_enrolling_again_replaces_the_plan_and_keeps_the_old_one(store: HistoryStore) -> None:
    first = store.enrol("a", date(2026, 12, 20), date(2026, 11, 20))
    second = store.enrol("b", date(2027, 1, 10), date(2026, 11, 24))
    old, new = store.enrolments()
    assert (old.uuid, old.ended_on) == (first.uuid, date(2026, 11, 24))
    assert (new.uuid, new.ended_on) == (second.uuid, None)
    assert store.active_enrolment() == new
    assert store.active_enrolment(as_of=date(2026, 11, 22)) == old
    assert store.stop_plan(date(2026, 11, 30)) == new
    assert store.active_enrolment() is None


def test_weekly_target_setting(store: HistoryStore) -> None:
    assert store.weekly_target() == 3
    store.set_setting("weekly_target", "5")
    assert store.weekly_target() == 5


def test_sessions_between_dates_and_by_status(store: HistoryStore) -> None:
    for day in (date(2026, 11, 1), date(2026, 11, 5), date(2026, 11, 9)):
        uid = store.start_session("c", local_date=day)
        if day.day != 5:
            store.finish_session(uid, "completed")
    assert [s.local_date.day for s in store.sessions(since=date(2026, 11, 2))] == [5, 9]
    assert [s.local_date.day for s in store.sessions(until=date(2026, 11, 5))] == [1, 5]
    assert [s.local_date.day for s in store.sessions(status="partial")] == [5]
    assert [s.local_date.day for s in store.sessions(status="completed")] == [1, 9]


KILL_CHILD = """
import sys, time
from pathlib import Path
from circuit_timer.store.history import HistoryStore
store = HistoryStore(Path(sys.argv[1]))
uid = store.start_session("pf-crash-course")
n = 0
while True:
    n += 1
    store.record_set(uid, block=0, round=1, exercise_id="raise", set_number=n, side="left",
                     reps_target=12, reps_done=12, seconds=96.0)
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
