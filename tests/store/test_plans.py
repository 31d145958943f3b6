"""Plan enrolments: one plan followed at a time, the ones before kept."""

from __future__ import annotations

from datetime import date

from circuit_timer.store.history import HistoryStore
from circuit_timer.store.plans import active_of


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


def test_stopping_with_no_plan_followed_changes_nothing(store: HistoryStore) -> None:
    assert store.stop_plan(date(2026, 11, 30)) is None
    assert store.enrolments() == []


def test_the_active_plan_among_enrolments_already_read(store: HistoryStore) -> None:
    store.enrol("a", date(2026, 12, 20), date(2026, 11, 20))
    store.enrol("b", date(2027, 1, 10), date(2026, 11, 24))
    read = store.enrolments()
    for day in (None, date(2026, 11, 19), date(2026, 11, 22), date(2026, 11, 24)):
        assert active_of(read, day) == store.active_enrolment(as_of=day)
    assert active_of(read, date(2026, 11, 22)) == read[0]
    assert active_of(read, date(2026, 11, 19)) is None


def test_a_plan_session_keeps_its_ladder_steps_or_the_plan_as_written(
    store: HistoryStore,
) -> None:
    day = date(2026, 11, 24)
    laddered = store.start_session(
        "c", plan_id="p", local_date=day, ladder_steps={"raise": 1, "hop": -1}
    )
    written = store.start_session("c", plan_id="p", local_date=day)
    store.record_ladder_steps(written, {"raise": None})
    store.start_session("c", plan_id="other", local_date=day, ladder_steps={"raise": 0})
    store.start_session("c", plan_id="p", local_date=day)  # no ladder: no rows
    assert store.ladder_steps("p", day, day) == {
        laddered: {"raise": 1, "hop": -1},
        written: {"raise": None},
    }
    assert store.ladder_steps("p", date(2026, 11, 25), date(2026, 12, 1)) == {}
    store.record_ladder_steps(written, {"raise": 0})  # a second write replaces the first
    assert store.ladder_steps("p", day, day)[written] == {"raise": 0}
    store.delete_session(laddered)
    assert laddered not in store.ladder_steps("p", day, day)
