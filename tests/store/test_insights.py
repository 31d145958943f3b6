"""The history questions end to end: store, library and core maths, under real time zones."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from circuit_timer.core.library import Library, load_library
from circuit_timer.core.pain import pain_advice, pain_trend
from circuit_timer.core.records import CompletedSet
from circuit_timer.core.schedule import plan_progress
from circuit_timer.core.streaks import compute_streaks, plan_calendar
from circuit_timer.files import paths
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore

START = date(2026, 3, 2)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


@pytest.fixture
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[ZoneInfo]:
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield ZoneInfo(request.param)
    monkeypatch.delenv("TZ")
    time.tzset()


def at_local(day: date, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz).astimezone(UTC)


@pytest.mark.parametrize(
    ("zone", "change"),
    [("Europe/Berlin", date(2026, 3, 29)), ("America/New_York", date(2026, 11, 1))],
    indirect=["zone"],
)
def test_late_evening_sessions_across_a_clock_change_keep_the_day_streak(
    tmp_path: Path, library: Library, zone: ZoneInfo, change: date
) -> None:
    # A session at 23:30 local every evening from 5 days before the change to 5 after:
    # in UTC these straddle midnight differently before and after it.
    with HistoryStore(tmp_path / "h.db") as store:
        days = [change + timedelta(days=n) for n in range(-5, 6)]
        for day in days:
            uid = store.start_session("pf-crash-course", started_at=at_local(day, 23, 30, zone))
            store.finish_session(uid, "completed")
        assert [s.local_date for s in store.sessions()] == days
        result = insights.streaks(store, library, days[-1])
    assert (result.current_days, result.longest_days, result.sessions_total) == (11, 11, 11)


def test_plan_rest_days_do_not_break_the_day_streak(tmp_path: Path, library: Library) -> None:
    race = date(2026, 12, 20)
    with HistoryStore(tmp_path / "h.db") as store:
        store.enrol("pf-crash-course-4-weeks", race, date(2026, 11, 22))
        overview = insights.plan_overview(store, library, date(2026, 11, 22))
        assert overview is not None
        planned = [p.planned.date for p in overview.progress]
        for day in planned[:4]:
            uid = store.start_session("pf-crash-course", started_at=at_local(day, 12, 0, UTC))
            store.finish_session(uid, "completed")
        today = planned[3]
        result = insights.streaks(store, library, today)
        overview = insights.plan_overview(store, library, today)
    # Four plan sessions done on their days; the days between are plan rest days.
    assert result.current_days == 4
    assert overview is not None
    assert [p.status for p in overview.progress[:4]] == ["done"] * 4
    assert overview.adherence == 1.0
    assert overview.days_to_race == (race - today).days


def test_only_counted_sets_of_tests_count_for_asymmetry(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.db") as store:
        # (source, exercise, right reps, test, counted): only the first is a measurement.
        for source, exercise, right, test, counted in (
            ("app", "single-leg-heel-raise-test", 9, True, True),
            ("log", "single-leg-heel-raise-test", 12, True, False),  # targets filled in
            ("app", "banded-eversion", 10, False, True),  # a training set, counted
        ):
            uid = store.start_session("heel-raise-test", source=source)
            for side, done in (("left", 12), ("right", right)):
                store.record_set(
                    uid, CompletedSet(block=1, round=1, exercise_id=exercise, set_number=1,
                    side=side, reps_target=30, reps_done=done, seconds=None, dose="open",  # type: ignore[arg-type]
                    test=test, counted=counted),
                )  # fmt: skip
            store.finish_session(uid, "completed")
        [report] = insights.sides(store, date.today())
    assert report.exercise_id == "single-leg-heel-raise-test"
    assert len(report.points) == 1
    assert report.latest.lsi == pytest.approx(75.0)
    assert report.latest.flagged


def seed_history(store: HistoryStore, rng: random.Random) -> None:
    """Four months of sessions (some days two, some none, some partial, some in the plan's
    circuits), morning pain most days, pain during and after now and then, two plans."""
    circuits = ("pf-crash-course", "runners-knee", "calf-achilles")
    with store.transaction() as conn:
        for n in range(120):
            day = START + timedelta(days=n)
            for k in range(rng.choice((0, 1, 1, 1, 2))):
                status = rng.choice(("completed", "completed", "completed", "partial"))
                started = f"{day}T{rng.choice(('07', '12', '18'))}:{k}0:00.000+00:00"
                conn.execute(
                    "INSERT INTO sessions (uuid, circuit_id, started_at, local_date, status, "
                    "pain_during, pain_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (f"s{n}-{k}", rng.choice(circuits), started, day.isoformat(), status,
                     rng.choice((None, None, 2, 6)), rng.choice((None, 1, 4, 7))),
                )  # fmt: skip
            for kind in ("morning", "during", "after"):
                if rng.random() < (0.8 if kind == "morning" else 0.15):
                    conn.execute(
                        "INSERT INTO pain_entries (uuid, date, kind, value, recorded_at) "
                        "VALUES (?, ?, ?, ?, 't')",
                        (f"p{n}{kind}", day.isoformat(), kind, rng.randint(0, 8)),
                    )
    store.enrol("pf-crash-course-4-weeks", START + timedelta(days=40), START + timedelta(days=10))
    store.enrol("pf-crash-course-4-weeks", START + timedelta(days=100), START + timedelta(days=75))


def old_answers(store: HistoryStore, library: Library, today: date) -> tuple[Any, ...]:
    """The questions as they were answered before the page readings: from every session."""
    sessions = store.sessions(until=today)
    plans = insights.followed_plans(store.enrolments(), library)
    calendar = plan_calendar([(f.enrolment, f.schedule) for f in plans]) if plans else None
    streaks = compute_streaks(sessions, today, store.weekly_target(), calendar)
    entries = store.pain_entries(until=today)
    pain = (pain_trend(entries, today), pain_advice(entries, sessions, today))
    active = store.active_enrolment(as_of=today)
    progress = None
    if active is not None:
        [followed] = insights.followed_plans([active], library)
        progress = plan_progress(followed.schedule, sessions, today)
    days = [s.local_date for s in sessions if s.status == "completed"]
    return streaks, pain, progress, days


def new_answers(reading: insights.PageReading, library: Library) -> tuple[Any, ...]:
    overview = reading.plan_overview(library)
    progress = overview.progress if overview else None
    return reading.streaks(library), reading.pain(), progress, reading.completed_days()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_page_reading_answers_as_every_session_did(
    tmp_path: Path, library: Library, seed: int
) -> None:
    done = 0
    with HistoryStore(tmp_path / "h.db") as store:
        seed_history(store, random.Random(seed))
        for offset in (-1, 0, 9, 20, 41, 60, 80, 101, 119, 130):
            today = START + timedelta(days=offset)
            expected = old_answers(store, library, today)
            assert new_answers(insights.PageReading(store, today), library) == expected
            # A page that read every session first answers from them, the same.
            reading = insights.PageReading(store, today)
            reading.sessions()
            assert new_answers(reading, library) == expected
            # And the questions one by one, as the command line asks them.
            overview = insights.plan_overview(store, library, today)
            assert insights.streaks(store, library, today) == expected[0]
            assert insights.pain(store, today) == expected[1]
            assert (overview.progress if overview else None) == expected[2]
            done += sum(p.status == "done" for p in expected[2] or [])
    assert done > 0  # the plans had sessions to match


def test_the_last_plan_session_done_on_its_grace_day_counts(
    tmp_path: Path, library: Library
) -> None:
    with HistoryStore(tmp_path / "h.db") as store:
        store.enrol("pf-crash-course-4-weeks", date(2026, 12, 20), date(2026, 11, 22))
        first = insights.plan_overview(store, library, date(2026, 11, 22))
        assert first is not None
        last = first.followed.schedule[-1]
        the_day_after = last.date + timedelta(days=1)
        uid = store.start_session(last.circuit_id, local_date=the_day_after)
        store.finish_session(uid, "completed")
        overview = insights.plan_overview(store, library, the_day_after + timedelta(days=1))
    assert overview is not None
    assert (overview.progress[-1].status, overview.progress[-1].done_by) == ("done", uid)


def test_ladder_histories_give_each_laddered_exercise_its_sessions(tmp_path: Path) -> None:
    day = date(2026, 11, 24)

    def heel_set(number: int, side: str, done: int | None) -> CompletedSet:
        return CompletedSet(block=3, round=1, exercise_id="raise", set_number=number,
                            side=side, reps_target=12, reps_done=done, seconds=None,  # type: ignore[arg-type]
                            dose="tempo")  # fmt: skip

    with HistoryStore(tmp_path / "h.db") as store:
        full = store.start_session("c", plan_id="p", local_date=day, ladder_steps={"raise": 0})
        for side in ("left", "right"):
            store.record_set(full, heel_set(1, side, 12))
        store.finish_session(full, "completed", pain_during=1, pain_after=2)
        short = store.start_session(
            "c", plan_id="p", local_date=day + timedelta(days=2), ladder_steps={"raise": 1}
        )
        store.record_set(short, heel_set(1, "left", 9))
        store.finish_session(short, "partial")
        before = store.start_session("c", plan_id="p", local_date=day)  # recorded no step
        store.finish_session(before, "completed")
        histories = insights.ladder_histories(store, "p", day, day + timedelta(days=2))
        assert insights.ladder_histories(store, "p", day, day) == {"raise": [histories["raise"][0]]}
    first, second = sorted(histories["raise"], key=lambda s: s.date)
    assert (first.date, first.step, first.completed) == (day, 0, True)
    assert (first.pain_during, first.pain_after) == (1, 2)
    assert [(s.reps_target, s.reps_done) for s in first.sets] == [(12, 12), (12, 12)]
    # A partial session comes marked: the rule leaves it out.
    assert (second.step, second.completed, second.pain_after) == (1, False, None)
    assert [(s.reps_target, s.reps_done) for s in second.sets] == [(12, 9)]
    assert list(histories) == ["raise"]
