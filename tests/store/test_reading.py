"""Reading: sessions between dates and by status, how many there are, the little the
history questions need (completed per day, the last day's sessions, morning pain), and
rows handed on whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from circuit_timer.core.records import CompletedSet, PainEntry, SessionRecord
from circuit_timer.store import reading
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


def test_completed_sessions_per_day_up_to_a_date(store: HistoryStore) -> None:
    for day, status in ((1, "completed"), (1, "completed"), (3, "partial"), (5, "completed"),
                        (9, "completed")):  # fmt: skip
        store.finish_session(store.start_session("c", local_date=date(2026, 11, day)), status)  # type: ignore[arg-type]
    store.start_session("c", local_date=date(2026, 11, 4))  # still in progress
    assert store.completed_per_day(until=date(2026, 11, 5)) == {
        date(2026, 11, 1): 2,
        date(2026, 11, 5): 1,
    }


def test_the_sessions_of_the_last_day_with_any(store: HistoryStore) -> None:
    assert store.last_day_sessions(until=date(2026, 11, 30)) == []
    for day, hour in ((2, 7), (6, 18), (6, 7), (9, 7)):
        store.start_session(
            "c",
            local_date=date(2026, 11, day),
            started_at=datetime(2026, 11, day, hour, tzinfo=UTC),
        )
    got = store.last_day_sessions(until=date(2026, 11, 8))
    assert [(s.local_date.day, s.started_at.hour) for s in got] == [(6, 7), (6, 18)]
    assert got == [s for s in store.sessions() if s.local_date.day == 6]


def test_morning_pain_and_the_pain_of_one_day(store: HistoryStore) -> None:
    store.add_pain(date(2026, 11, 2), "morning", 4)
    store.add_pain(date(2026, 11, 3), "after", 2)  # no session that day: an entry
    store.add_pain(date(2026, 11, 3), "morning", 3)
    store.add_pain(date(2026, 11, 3), "morning", 5)  # replaces the 3
    store.add_pain(date(2026, 11, 7), "morning", 1)
    assert store.morning_pain(until=date(2026, 11, 6)) == [
        (date(2026, 11, 2), 4),
        (date(2026, 11, 3), 5),
    ]
    assert store.pain_on(date(2026, 11, 3)) == [
        PainEntry(date(2026, 11, 3), "after", 2),
        PainEntry(date(2026, 11, 3), "morning", 5),
    ]


@pytest.mark.parametrize("whole_dict", [True, False])
def test_sessions_read_are_the_records_the_class_builds(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch, whole_dict: bool
) -> None:
    # Built by filling the instance's dict, or by __init__ if the class ever needs it.
    monkeypatch.setattr(reading, "_WHOLE_DICT", whole_dict)
    started = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
    uid = store.start_session("c", circuit_title="C", started_at=started)
    store.finish_session(uid, "completed", notes="n", pain_after=2, ended_at=started)
    [read] = store.sessions()
    expected = SessionRecord(
        uuid=uid, circuit_id="c", local_date=read.local_date, status="completed",
        started_at=started, ended_at=started, circuit_title="C", pain_after=2, notes="n",
    )  # fmt: skip
    assert read == expected and hash(read) == hash(expected)
    assert replace(read, notes="m").notes == "m"
