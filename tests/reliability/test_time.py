"""Time: streaks under daylight-saving changes and across ISO week 53, and workouts that
survive the wall clock jumping (or the laptop sleeping for an hour)."""

from __future__ import annotations

import itertools
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from circuit_timer.core.clock import Clock, FakeClock, MonotonicClock, ScaledClock
from circuit_timer.core.engine import Engine
from circuit_timer.core.events import Event, Finished, SegmentStarted, SetCompleted
from circuit_timer.core.library import Library, load_library
from circuit_timer.core.streaks import heatmap, heatmap_start
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.files import paths
from circuit_timer.session.workout import Workout
from circuit_timer.store import insights, timestamps
from circuit_timer.store.history import HistoryStore
from tests.sample_circuits import circuit

# --- fixtures and helpers --------------------------------------------------------


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(paths.bundled_circuits_dir(), None)


@pytest.fixture
def zone(request: pytest.FixtureRequest) -> Iterator[ZoneInfo]:
    """The process runs in time zone ``request.param`` (TZ); the old TZ comes back after."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield ZoneInfo(request.param)
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


class MovableNow:
    """The store's UTC clock, set by the test."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment


def wall_instants(day: date, tz: ZoneInfo, times: list[tuple[int, int]]) -> list[datetime]:
    """The UTC instants at which a clock in ``tz`` shows ``day`` at each of ``times``.

    An hour that happens twice (clocks going back) gives two instants. An hour that
    never happens (clocks going forward) gives the instant the runner's clock, just
    moved on, shows an hour later: fold=0, as a phone would.
    """
    found: list[datetime] = []
    for hour, minute in times:
        for fold in (0, 1):
            wall = datetime(day.year, day.month, day.day, hour, minute, fold=fold, tzinfo=tz)
            instant = wall.astimezone(UTC)
            exists = instant.astimezone(tz).replace(tzinfo=None) == wall.replace(tzinfo=None)
            if (fold == 0 or exists) and instant not in found:
                found.append(instant)
    return found


def record(store: HistoryStore, now: MovableNow, instants: list[datetime]) -> list[date]:
    """A completed session started at each instant (the store dates it); their dates."""
    for instant in instants:
        now.moment = instant
        uid = store.start_session("pf-crash-course")
        now.moment = instant + timedelta(minutes=33)
        store.finish_session(uid, "completed")
    return [s.local_date for s in store.sessions()]


# --- (a) daylight-saving changes -------------------------------------------------

DST_CHANGES = [
    # Spring forward 02:00 -> 03:00, and back 03:00 -> 02:00.
    pytest.param("Europe/Berlin", date(2026, 3, 29), id="berlin-spring-forward"),
    pytest.param("Europe/Berlin", date(2026, 10, 25), id="berlin-fall-back"),
    # Brazil changed its clocks at midnight: 00:30 on 2018-11-04 never happened, and
    # 23:30 on 2019-02-16 happened twice.
    pytest.param("America/Sao_Paulo", date(2018, 11, 4), id="sao-paulo-midnight-forward"),
    pytest.param("America/Sao_Paulo", date(2019, 2, 17), id="sao-paulo-midnight-back"),
    # Lord Howe Island moves its clocks by half an hour.
    pytest.param("Australia/Lord_Howe", date(2026, 4, 5), id="lord-howe-half-hour-back"),
    pytest.param("Australia/Lord_Howe", date(2026, 10, 4), id="lord-howe-half-hour-forward"),
]


@pytest.mark.parametrize(("zone", "change"), DST_CHANGES, indirect=["zone"])
def test_sessions_at_half_past_midnight_and_eleven_keep_their_day_across_a_clock_change(
    tmp_path: Path, library: Library, zone: ZoneInfo, change: date
) -> None:
    days = [change + timedelta(days=n) for n in range(-5, 6)]
    instants = {day: wall_instants(day, zone, [(0, 30), (23, 30)]) for day in days}
    # The test's own footing: every instant falls on its day in that zone.
    assert all(i.astimezone(zone).date() == day for day, xs in instants.items() for i in xs)

    now = MovableNow()
    with HistoryStore(tmp_path / "h.db", now=now) as store:
        stored = record(store, now, [i for day in days for i in instants[day]])
        assert stored == [day for day in days for _ in instants[day]]
        result = insights.streaks(store, library, days[-1])
        the_day_after = insights.streaks(store, library, days[-1] + timedelta(days=1))

    per_week = Counter(d.isocalendar()[:2] for d in stored)
    assert min(per_week.values()) >= 3  # every week of it meets the default target
    assert result.sessions_total == len(stored)
    assert (result.current_days, result.longest_days) == (11, 11)
    assert (result.current_weeks, result.longest_weeks) == (len(per_week), len(per_week))
    # Today without a session yet does not break the streak.
    assert the_day_after.current_days == 11


@pytest.mark.parametrize(("zone", "change"), DST_CHANGES, indirect=["zone"])
def test_an_empty_day_at_a_clock_change_is_one_rest_day(
    tmp_path: Path, library: Library, zone: ZoneInfo, change: date
) -> None:
    """Late the evening before and early the morning after: the change day is empty, and
    no session slides onto it. One rest day keeps the day streak; a second ends it."""
    before = wall_instants(change - timedelta(days=1), zone, [(23, 30)])
    after = wall_instants(change + timedelta(days=1), zone, [(0, 30)])
    now = MovableNow()
    with HistoryStore(tmp_path / "h.db", now=now) as store:
        stored = record(store, now, before + after)
        result = insights.streaks(store, library, change + timedelta(days=1))
        later = insights.streaks(store, library, change + timedelta(days=4))
    assert set(stored) == {change - timedelta(days=1), change + timedelta(days=1)}
    assert (result.current_days, result.longest_days) == (2, 2)
    assert (later.current_days, later.longest_days) == (0, 2)


# --- (b) across the new year: ISO week 2026-W53 ----------------------------------

W52 = [date(2026, 12, 21), date(2026, 12, 23), date(2026, 12, 25)]
W53 = [date(2026, 12, 28) + timedelta(days=n) for n in range(7)]  # Mon 28 Dec - Sun 3 Jan
W2027_01 = [date(2027, 1, 4), date(2027, 1, 6), date(2027, 1, 8)]


def test_2026_has_a_53rd_iso_week_from_28_december_to_3_january() -> None:
    assert [d.isocalendar()[:2] for d in (W53[0], W53[-1])] == [(2026, 53), (2026, 53)]
    assert W52[-1].isocalendar()[:2] == (2026, 52)
    assert W2027_01[0].isocalendar()[:2] == (2027, 1)


@pytest.mark.parametrize(
    "zone",
    # Ahead of UTC (the new year comes early), far ahead in summer time, and behind.
    ["Europe/Berlin", "Pacific/Auckland", "America/Los_Angeles"],
    indirect=True,
)
def test_week_53_joins_the_weeks_either_side_into_one_streak(
    tmp_path: Path, library: Library, zone: ZoneInfo
) -> None:
    # Sessions late on New Year's Eve and just after midnight: different UTC days and,
    # in Los Angeles, different UTC years from their local ones.
    instants = [i for d in W52 + W2027_01 for i in wall_instants(d, zone, [(18, 0)])]
    for day in W53:
        hour = {date(2026, 12, 31): (23, 30), date(2027, 1, 1): (0, 30)}.get(day, (7, 0))
        instants += wall_instants(day, zone, [hour])
    now = MovableNow()
    with HistoryStore(tmp_path / "h.db", now=now) as store:
        stored = record(store, now, sorted(instants))
        assert stored == sorted(W52 + W53 + W2027_01)

        def streak(day: date) -> tuple[int, int, int, int]:
            s = insights.streaks(store, library, day)
            return (s.current_weeks, s.longest_weeks, s.current_days, s.weekly_target)

        # Mid-W53, on New Year's Day: W52 met, W53 (the week under way) met already.
        assert streak(date(2027, 1, 1)) == (2, 2, 5, 3)
        # End of W53: every day of it, Monday to Sunday, across the new year.
        assert streak(date(2027, 1, 3)) == (2, 2, 7, 3)
        # Every second day in W2027-01 keeps the day streak (one rest day at a time).
        assert streak(date(2027, 1, 10)) == (3, 3, 10, 3)
        assert streak(date(2027, 1, 11)) == (3, 3, 0, 3)
        # W2027-02 under way and empty: neutral, the streak stands.
        assert streak(date(2027, 1, 12))[:2] == (3, 3)
        # W2027-02 over and missed: the streak is broken, the longest remembered.
        assert streak(date(2027, 1, 18))[:2] == (0, 3)
        sessions = store.sessions()
    assert heatmap_start(date(2027, 1, 10), weeks=3) == date(2026, 12, 21)
    assert sum(heatmap(sessions, date(2027, 1, 10), weeks=3).values()) == 13
    assert sorted(heatmap(sessions, date(2027, 1, 3), weeks=1)) == W53


@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_a_missed_week_53_breaks_the_week_streak(
    tmp_path: Path, library: Library, zone: ZoneInfo
) -> None:
    now = MovableNow()
    with HistoryStore(tmp_path / "h.db", now=now) as store:
        record(store, now, [i for d in W52 + W2027_01 for i in wall_instants(d, zone, [(18, 0)])])
        result = insights.streaks(store, library, date(2027, 1, 10))
    assert (result.current_weeks, result.longest_weeks) == (1, 1)


# --- (c) the wall clock jumps; the laptop sleeps -----------------------------------


TINY = circuit(
    """\
    title: Tiny
    defaults: {prepare: 1}
    blocks:
      - exercises:
          - {id: hop, name: Hop, work: 2}
    """
)


class JumpingWall:
    """A wall clock that runs with the monotonic one, from ``start``, until told to jump."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.origin = time.monotonic()
        self.offset = 0.0

    def now(self) -> datetime:
        seconds = time.monotonic() - self.origin + self.offset
        return self.start + timedelta(seconds=seconds)


def patch_wall(monkeypatch: pytest.MonkeyPatch, wall: JumpingWall) -> None:
    """time.time() and the store's datetime.now() read ``wall``."""

    class WallDatetime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> WallDatetime:
            moment = wall.now().astimezone(tz)
            result = cls.fromisoformat(moment.isoformat())
            return result if tz is not None else result.replace(tzinfo=None)

    monkeypatch.setattr(time, "time", lambda: wall.now().timestamp())
    monkeypatch.setattr(timestamps, "datetime", WallDatetime)


def drive(
    workout: Workout,
    clock: Clock,
    jumps: list[tuple[float, Callable[[], None]]],
) -> tuple[list[Event], float, float]:
    """Run ``workout`` in real time as a face does, making each jump once ``at`` real
    seconds have passed; return the events and the real (monotonic) times it was
    started and seen to end."""
    began = time.monotonic()
    events = workout.start()
    pending = sorted(jumps, key=lambda jump: jump[0])
    while not workout.finished:
        while pending and time.monotonic() - began >= pending[0][0]:
            pending.pop(0)[1]()
        wake = workout.engine.next_wakeup()
        assert wake is not None
        real_wait = getattr(clock, "real_seconds", lambda s: s)(wake - clock.now())
        time.sleep(max(0.0, min(0.01, real_wait)))
        events += workout.pump()
    return events, began, time.monotonic()


@pytest.mark.parametrize(
    ("start", "jump"),
    [
        # One second before midnight, the clock jumps on an hour: it ends on the 29th.
        pytest.param(datetime(2026, 3, 28, 23, 59, 59), 3600.0, id="plus-an-hour"),
        # Half a second after midnight, the clock goes back an hour: it ends on the 28th.
        pytest.param(datetime(2026, 3, 29, 0, 0, 0, 500_000), -3600.0, id="minus-an-hour"),
    ],
)
@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_a_workout_keeps_the_monotonic_schedule_when_the_wall_clock_jumps(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    zone: ZoneInfo,
    start: datetime,
    jump: float,
) -> None:
    wall = JumpingWall(start.replace(tzinfo=zone))
    patch_wall(monkeypatch, wall)
    clock = MonotonicClock()
    with HistoryStore(tmp_path / "h.db") as store:
        workout = Workout(TINY, clock, store)
        wall_before = time.time()

        def jump_now() -> None:
            wall.offset += jump

        events, began, ended = drive(workout, clock, [(1.5, jump_now)])
        assert abs(time.time() - wall_before - jump) < 60  # the wall clock did jump
        assert workout.release(10)  # the writer puts the journal's records in behind
        [session] = store.sessions()
        [done] = store.sets()

    t0 = events[0].at
    assert [(type(e).__name__, round(e.at - t0, 6)) for e in events] == [
        ("SegmentStarted", 0.0),
        ("SegmentStarted", 1.0),
        ("Countdown", 2.0),
        ("SetCompleted", 3.0),
        ("Finished", 3.0),
    ]
    assert isinstance(events[-1], Finished) and events[-1].status == "completed"
    # It ended when the monotonic clock said (Finished at t0 + 3.0 above), not an hour
    # early; how soon after that the loop saw it is the machine's speed, not asserted.
    assert ended >= t0 + 3.0
    assert done.seconds == 2.0
    assert session.status == "completed"
    assert session.local_date == start.date()  # the day it started, whatever came after
    assert session.ended_at is not None
    wall_seconds = (session.ended_at - session.started_at).total_seconds()
    # The store saw the jump; nothing else did: take the jump away and what is left lies
    # between the workout's 3 s and the real seconds the whole run took (however slow the
    # machine was), give or take the store's milliseconds.
    assert 3.0 - 0.05 <= wall_seconds - jump <= ended - began + 0.01


SCALED = circuit(
    """\
    title: Scaled
    defaults: {prepare: 10, rest_between_exercises: 5}
    blocks:
      - exercises:
          - {id: hop, name: Hop, work: 20}
          - {id: raise, name: Raise, reps: 2, tempo: 1-0-1}
    """
)


@pytest.mark.parametrize("zone", ["Europe/Berlin"], indirect=True)
def test_a_scaled_workout_ignores_wall_clock_jumps_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    wall = JumpingWall(datetime(2026, 10, 25, 1, 59, 59, tzinfo=zone))
    patch_wall(monkeypatch, wall)
    clock = ScaledClock(25.0)  # 39 s of workout in 1.56 s
    total = compile_timeline(SCALED).estimated_seconds

    def move(seconds: float) -> Callable[[], None]:
        return lambda: setattr(wall, "offset", wall.offset + seconds)

    with HistoryStore(tmp_path / "h.db") as store:
        workout = Workout(SCALED, clock, store)
        events, began, ended = drive(workout, clock, [(0.5, move(3600.0)), (1.0, move(-3600.0))])
        assert workout.release(10)
        [session] = store.sessions()
        sets = store.sets()
    t0 = events[0].at
    finished = events[-1]
    assert isinstance(finished, Finished) and finished.status == "completed"
    assert finished.at - t0 == pytest.approx(total, abs=1e-6)
    starts = [round(e.at - t0, 6) for e in events if isinstance(e, SegmentStarted)]
    assert starts == [0.0, 10.0, 30.0, 35.0]
    assert 0.0 <= ended - (began + clock.real_seconds(total)) < 0.2
    assert [(s.exercise_id, s.reps_done, s.seconds) for s in sets] == [
        ("hop", None, 20.0),
        ("raise", 2, 4.0),
    ]
    assert session.local_date == date(2026, 10, 25)


# --- a huge monotonic jump: the laptop slept ------------------------------------------

OPEN = circuit(
    """\
    title: Open
    defaults: {prepare: 5, rest_between_exercises: 10}
    blocks:
      - exercises:
          - {id: hop, name: Hop, work: 30}
          - {id: bridge, name: Bridge, reps: 10}
          - {id: calf, name: Calf, work: 20}
    """
)
T0 = 1000.0


def test_an_hour_asleep_ends_the_segment_on_time_and_waits_at_the_open_set() -> None:
    clock = FakeClock(T0)
    engine = Engine(OPEN, clock)
    engine.start()
    clock.advance(12)  # 7 s into the hops
    awake = engine.update()
    assert [(type(e).__name__, e.at - T0) for e in awake][-1] == ("SegmentStarted", 5.0)
    clock.advance(3600)  # the lid closes, and opens an hour later
    events = engine.update()
    # Everything due while asleep, each at its own due time, in order, and no further.
    assert [(type(e).__name__, e.at - T0) for e in events] == [
        ("Halfway", 20.0),
        ("Countdown", 32.0),
        ("Countdown", 33.0),
        ("Countdown", 34.0),
        ("SetCompleted", 35.0),
        ("SegmentStarted", 35.0),
        ("Countdown", 42.0),
        ("Countdown", 43.0),
        ("Countdown", 44.0),
        ("SegmentStarted", 45.0),
    ]
    hop = events[4]
    assert isinstance(hop, SetCompleted) and hop.done.seconds == 30.0
    snap = engine.snapshot()
    assert (snap.state, snap.segment.exercise, snap.segment.kind) == ("running", "bridge", "work")
    assert snap.elapsed == pytest.approx(3612 - 45)
    # The runner, back, says the open set is done; the workout carries on from now.
    done = engine.done()
    assert isinstance(done[0], SetCompleted) and done[0].done.exercise_id == "bridge"
    assert done[0].done.reps_done == 10 and done[0].at == clock.now()
    clock.advance(3600)
    rest = engine.update()
    assert isinstance(rest[-1], Finished) and rest[-1].status == "completed"
    assert rest[-1].at == pytest.approx(T0 + 3612 + 10 + 20)
    assert all(a.at <= b.at for a, b in itertools.pairwise(rest))


TIMED = circuit(
    """\
    title: Timed
    defaults: {prepare: 5, rest: 15, rest_between_exercises: 10, switch_sides: 5}
    blocks:
      - exercises:
          - {id: hop, name: Hop, work: 30, sets: 2}
          - {id: raise, name: Raise, reps: 3, tempo: 2-1-2, sides: each}
          - {id: plank, name: Plank, hold: 10, reps: 2}
    """
)


@pytest.mark.parametrize("asleep", [3600.0, 7 * 24 * 3600.0], ids=["an-hour", "a-week"])
def test_a_long_sleep_gives_the_same_events_at_the_same_times_as_staying_awake(
    asleep: float,
) -> None:
    awake_clock = FakeClock(T0)
    awake = Engine(TIMED, awake_clock)
    awake_events = awake.start()
    while awake.state != "finished":
        awake_clock.advance(0.25)
        awake_events += awake.update()

    clock = FakeClock(T0)
    engine = Engine(TIMED, clock)
    events = engine.start()
    clock.advance(asleep)
    events += engine.update()
    assert engine.state == "finished"
    assert events == awake_events
    assert events[-1].at == T0 + compile_timeline(TIMED).estimated_seconds
    assert sum(isinstance(e, SetCompleted) for e in events) == 2 + 2 + 1
