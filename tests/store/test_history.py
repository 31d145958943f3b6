"""Opening the history: sessions an earlier run left unfinished are closed as partial,
unless their process is still alive."""

from __future__ import annotations

from pathlib import Path

from circuit_timer.core.records import CompletedSet
from circuit_timer.store.history import HistoryStore
from tests.store.conftest import Clock


def test_an_unfinished_session_of_a_dead_process_becomes_partial(
    tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "history.db"
    with HistoryStore(path, now=clock) as store:
        uid = store.start_session("c")
        store.record_set(uid, CompletedSet(
            block=0, round=1, exercise_id="raise", set_number=1, side="left", reps_target=12,
            reps_done=12, seconds=96.0))  # fmt: skip
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
