"""One workout recorded into the history: when its session opens, what an empty one leaves."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.events import SetCompleted
from circuit_timer.core.model import Circuit
from circuit_timer.session.workout import Workout
from circuit_timer.store.history import HistoryStore

TWO_SETS = Circuit.model_validate(
    {
        "id": "two-sets",
        "title": "Two sets",
        "defaults": {"prepare": 5, "rest": 10},
        "blocks": [{"exercises": [{"id": "bridge", "name": "Bridge", "reps": 10, "sets": 2}]}],
    }
)
T0 = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


class Wall:
    """The store's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def first_set(workout: Workout) -> SetCompleted:
    """End the prepare, then mark the first (open) set done."""
    workout.done()
    [done] = [e for e in workout.done() if isinstance(e, SetCompleted)]
    return done


def test_the_window_s_workout_opens_its_session_with_the_first_set(private_home: Path) -> None:
    wall = Wall()
    with HistoryStore.in_folder(private_home, now=wall) as store:
        workout = Workout(TWO_SETS, FakeClock(), store, keep_empty=False)
        workout.start()
        wall.now = T0 + timedelta(minutes=2)
        workout.done()  # the prepare: still no set, still no session
        assert store.sessions() == [] and workout.session_uuid is None
        workout.done()
        assert workout.settle(5)
        [session] = store.sessions()
        assert session.started_at == T0  # when the workout started, not the first set
        assert len(store.sets()) == 1 and workout.sets_recorded == 1
        workout.finish_early()
        assert workout.release(5)
        assert store.session(session.uuid).status == "partial"  # type: ignore[union-attr]


def test_a_workout_ended_with_no_set_leaves_nothing_unless_kept(private_home: Path) -> None:
    wall = Wall()
    with HistoryStore.in_folder(private_home, now=wall) as store:
        workout = Workout(TWO_SETS, FakeClock(), store, keep_empty=False)
        workout.start()
        wall.now = T0 + timedelta(seconds=40)
        workout.finish_early()
        assert workout.status == "partial" and workout.sets_done == []
        assert store.sessions() == []
        workout.keep()
        assert workout.settle(5)
        [session] = store.sessions()
        assert (session.status, session.started_at, session.ended_at) == (
            "partial", T0, T0 + timedelta(seconds=40),
        )  # fmt: skip
        assert store.sets() == []
        workout.keep()  # twice: still one session
        assert workout.release(5)
        assert len(store.sessions()) == 1


def test_discarding_an_empty_workout_keeps_nothing(private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as store:
        workout = Workout(TWO_SETS, FakeClock(), store, keep_empty=False)
        workout.start()
        workout.finish_early()
        workout.discard()
        assert workout.release(5)
        assert store.sessions() == []


def test_a_set_the_locked_history_cannot_take_is_kept_and_written_later(
    private_home: Path,
) -> None:
    # Before the journal, a set that could not be saved was lost and its empty session
    # deleted on discard; now it is kept, and written once the lock goes.
    with HistoryStore.in_folder(private_home) as store:
        locker = sqlite3.connect(store.path, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")
        changes: list[object] = []
        workout = Workout(
            TWO_SETS, FakeClock(), store, keep_empty=False, on_saving=lambda: changes.append(1)
        )
        workout.start()
        first_set(workout)
        assert workout.sets_kept == 1
        saving = workout.saving()
        for _ in range(200):
            saving = workout.saving()
            if saving is not None and saving.fault:
                break
            time.sleep(0.01)
        assert saving is not None and saving.fault and "locked" in saving.fault
        assert workout.sets_recorded == 0 and changes
        workout.finish_early()
        workout.discard()  # a set was done: nothing is discarded
        locker.execute("COMMIT")
        locker.close()
        assert workout.release(5)
        assert workout.sets_recorded == 1
        [session] = store.sessions()
        assert session.status == "partial" and len(store.sets()) == 1
        done = workout.saving()
        assert done is not None and (done.pending, done.fault) == (0, None)


def test_discard_never_removes_saved_sets(private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as store:
        workout = Workout(TWO_SETS, FakeClock(), store, keep_empty=False)
        workout.start()
        first_set(workout)
        workout.finish_early()
        workout.discard()
        assert workout.release(5)
        assert len(store.sessions()) == 1 and len(store.sets()) == 1


def test_keep_empty_opens_the_session_at_the_start(private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as store:
        workout = Workout(TWO_SETS, FakeClock(), store)  # keep_empty=True, the default
        workout.start()
        assert workout.settle(5)
        assert len(store.sessions()) == 1
        workout.finish_early()
        assert workout.release(5)
        [session] = store.sessions()
        assert session.status == "partial" and store.sets() == []


def test_a_set_redone_after_back_counts_once(private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as store:
        workout = Workout(TWO_SETS, FakeClock(), store, keep_empty=False)
        workout.start()
        first_set(workout)
        workout.back()  # in the rest's first 2 s: back to the set just done
        workout.count_rep(+1)
        redone = [e.done for e in workout.done() if isinstance(e, SetCompleted)]
        assert [s.reps_done for s in redone] == [1]
        assert [s.reps_done for s in workout.sets_done] == [1]
        assert workout.release(5)
        assert workout.sets_recorded == 1
        assert [s.reps_done for s in store.sets()] == [1]


def test_no_face_reaches_into_the_engine() -> None:
    # Faces use what the workout offers (snapshot, next_wakeup, state, the controls), so
    # the workout can keep the engine, its cue thread and its records in step.
    repo = Path(__file__).resolve().parents[2]
    faces = [repo / "circuit_timer" / name for name in ("ui", "terminal", "commands")]
    sources = [p for folder in faces for p in folder.rglob("*.py")]
    sources += [repo / "circuit_timer" / "cli.py", *(repo / "bench").glob("*.py")]
    sources += [*(repo / "scripts").glob("*.py")]
    assert len(sources) > 20
    reaching = [
        f"{path.relative_to(repo)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"(?<!core)\.engine\b", line)  # the Snapshot type may come from core.engine
    ]
    assert reaching == []
