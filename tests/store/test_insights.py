"""The history questions end to end: store, library and core maths, under real time zones."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from circuit_timer.core.library import Library, load_library
from circuit_timer.core.records import CompletedSet
from circuit_timer.files import paths
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore


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
