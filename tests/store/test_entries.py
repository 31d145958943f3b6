"""Journal records into the history: applying them twice changes nothing, and a start
replays what earlier runs left (and leaves a live workout's journal alone)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from circuit_timer.core.records import CompletedSet
from circuit_timer.store import entries, journal
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.journal import Journal, Record

T0 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
UID = "5d0c4f5e-0000-4000-8000-000000000001"


def a_set(number: int, reps: int) -> CompletedSet:
    return CompletedSet(
        block=0, round=1, exercise_id="bridge", set_number=number, side=None,
        reps_target=10, reps_done=reps, seconds=30.0, exercise_name="Bridge", dose="10 reps",
    )  # fmt: skip


def workout_records() -> list[Record]:
    return [
        entries.start(UID, "two-sets", circuit_title="Two sets", circuit_hash="ab",
                      plan_id=None, plan_week=None, started_at=T0, local_date=date(2026, 11, 30)),
        entries.completed_set(UID, a_set(1, 10), T0 + timedelta(minutes=1)),
        entries.completed_set(UID, a_set(2, 8), T0 + timedelta(minutes=2)),
        entries.completed_set(UID, a_set(2, 9), T0 + timedelta(minutes=3)),  # redone
        entries.finish(UID, "completed", T0 + timedelta(minutes=4)),
        entries.note(UID, notes="fine", pain_during=None, pain_after=2),
    ]  # fmt: skip


def test_applying_a_workout_twice_gives_the_same_history(store: HistoryStore) -> None:
    for _ in range(2):
        for record in workout_records():
            entries.apply(store, record)
    [session] = store.sessions()
    assert (session.uuid, session.status, session.started_at, session.ended_at) == (
        UID, "completed", T0, T0 + timedelta(minutes=4),
    )  # fmt: skip
    assert (session.pain_during, session.pain_after, session.notes) == (None, 2, "fine")
    assert [(s.set_number, s.reps_done) for s in store.sets()] == [(1, 10), (2, 9)]


def test_a_discard_record_leaves_nothing(store: HistoryStore) -> None:
    for record in [
        *workout_records()[:1],
        entries.finish(UID, "partial", T0),
        entries.discard(UID),
    ]:
        entries.apply(store, record)
    assert store.sessions() == []


def write_journal(home: Path, records: list[Record]) -> Path:
    left = Journal(home / journal.FOLDER, UID)
    left.append_all(records)
    left.close()
    return left.path


def test_opening_the_store_writes_what_an_earlier_run_left(tmp_path: Path) -> None:
    HistoryStore.in_folder(tmp_path).close()
    path = write_journal(tmp_path, workout_records()[:3])  # killed after two sets
    with HistoryStore.in_folder(tmp_path) as store:
        assert any("2 sets kept from an earlier workout were written" in n for n in store.notices)
        [session] = store.sessions()
        assert session.status == "partial"  # its process is gone: recovered as partial
        assert [s.reps_done for s in store.sets()] == [10, 8]
    assert not path.exists()  # checkpointed into the file: the journal has done its work
    with HistoryStore.in_folder(tmp_path) as store:
        assert store.notices == [] and len(store.sets()) == 2


def test_a_live_workout_s_journal_is_left_alone(tmp_path: Path) -> None:
    live = Journal(tmp_path / journal.FOLDER, UID)
    live.append_all(workout_records()[:2])
    with HistoryStore.in_folder(tmp_path) as store:
        assert store.sessions() == []
    assert live.path.exists()
    live.close()


def test_the_writers_own_workout_journal_is_never_claimed(tmp_path: Path) -> None:
    # Unlocked for a moment (created, not yet locked by its Journal): a claim then would
    # make the workout's own append fail with EAGAIN. ``live`` leaves it to its writer.
    HistoryStore.in_folder(tmp_path).close()
    path = write_journal(tmp_path, workout_records()[:3])
    with HistoryStore.in_folder(tmp_path, recover=False) as store:
        assert entries.replay(store, live=path) == []
        assert store.sessions() == []
    assert path.exists()


def test_a_record_the_history_refuses_keeps_its_journal(tmp_path: Path) -> None:
    path = write_journal(tmp_path, [entries.completed_set(UID, a_set(1, 10), T0)])  # no start
    with HistoryStore.in_folder(tmp_path) as store:
        assert any("could not be written to your history; the file is kept" in n
                   for n in store.notices)  # fmt: skip
    assert path.exists()


def test_a_start_record_carries_its_ladder_steps_and_replays_them(tmp_path: Path) -> None:
    HistoryStore.in_folder(tmp_path).close()
    start = entries.start(
        UID, "pf-crash-course", circuit_title="Crash", circuit_hash="ab", plan_id="p",
        plan_week=3, started_at=T0, local_date=T0.date(),
        ladder_steps={"towel-heel-raise": 1, "calf-raise": None},
    )  # fmt: skip
    write_journal(tmp_path, [start, *workout_records()[1:3]])  # killed after two sets
    with HistoryStore.in_folder(tmp_path) as store:
        steps = store.ladder_steps("p", T0.date(), T0.date())
    assert steps == {UID: {"towel-heel-raise": 1, "calf-raise": None}}


def test_a_start_record_from_before_ladder_steps_still_replays(tmp_path: Path) -> None:
    HistoryStore.in_folder(tmp_path).close()
    old = {k: v for k, v in workout_records()[0].items() if k != "ladder_steps"}
    old["plan_id"] = "p"
    write_journal(tmp_path, [old, *workout_records()[1:3]])
    with HistoryStore.in_folder(tmp_path) as store:
        assert [s.uuid for s in store.sessions()] == [UID]
        assert store.ladder_steps("p", T0.date(), T0.date()) == {}
        assert len(store.sets()) == 2
