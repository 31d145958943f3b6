"""Reading: sessions between dates and by status, how many there are, and rows handed
on whole."""

from __future__ import annotations

from datetime import date

from circuit_timer.core.records import CompletedSet
from circuit_timer.store.history import HistoryStore


def test_sessions_between_dates_and_by_status(store: HistoryStore) -> None:
    for day in (date(2026, 11, 1), date(2026, 11, 5), date(2026, 11, 9)):
        uid = store.start_session("c", local_date=day)
        if day.day != 5:
            store.finish_session(uid, "completed")
    assert [s.local_date.day for s in store.sessions(since=date(2026, 11, 2))] == [5, 9]
    assert [s.local_date.day for s in store.sessions(until=date(2026, 11, 5))] == [1, 5]
    assert [s.local_date.day for s in store.sessions(status="partial")] == [5]
    assert [s.local_date.day for s in store.sessions(status="completed")] == [1, 9]


def test_session_count_counts_every_session(store: HistoryStore) -> None:
    assert store.session_count() == 0
    store.finish_session(store.start_session("c"), "completed")
    store.start_session("c")  # partial
    assert store.session_count() == 2


def test_a_session_s_rows_as_stored_or_none(store: HistoryStore) -> None:
    uid = store.start_session("c", circuit_title="C")
    store.record_set(uid, CompletedSet(
        block=0, round=1, exercise_id="raise", set_number=1, side="left", reps_target=12,
        reps_done=11, seconds=40.0, dose="open", counted=True))  # fmt: skip
    stored = store.session_rows_as_stored(uid)
    assert stored is not None
    session, sets = stored
    assert (session["uuid"], session["circuit_title"]) == (uid, "C")
    assert session["status"] == "in_progress"  # as stored, not as shown
    assert [(s["session_id"], s["reps_done"], s["counted"]) for s in sets] == [
        (session["id"], 11, 1)
    ]
    assert store.session_rows_as_stored("no-such-uuid") is None
