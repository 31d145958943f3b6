"""The engine on a fake clock: exact events and times, controls, and properties."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.engine import Engine
from circuit_timer.core.events import (
    Beat,
    Countdown,
    Event,
    Finished,
    Halfway,
    Paused,
    RepCounted,
    Resumed,
    SegmentStarted,
    SetCompleted,
    TempoPhase,
)
from circuit_timer.core.library import load_library
from circuit_timer.core.model import Circuit
from circuit_timer.core.planned_sets import planned_sets
from circuit_timer.files import paths
from tests.sample_circuits import SMALL, circuit, circuits

T0 = 1000.0


def brief(event: Event) -> tuple[Any, ...]:
    """An event as (name, time from T0, the details that matter)."""
    at = round(event.at - T0, 3)
    if isinstance(event, SegmentStarted):
        s = event.segment
        return ("start", at, s.kind, s.exercise, s.set, s.side, s.rep)
    if isinstance(event, Countdown):
        return ("countdown", at, event.remaining)
    if isinstance(event, Halfway):
        return ("halfway", at)
    if isinstance(event, TempoPhase):
        return ("phase", at, event.phase, event.rep)
    if isinstance(event, RepCounted):
        return ("rep", at, event.reps, event.by_runner)
    if isinstance(event, SetCompleted):
        d = event.done
        return ("set", at, d.exercise_id, d.set_number, d.side, d.reps_done, d.seconds)
    if isinstance(event, Paused):
        return ("paused", at)
    if isinstance(event, Resumed):
        return ("resumed", at, event.paused_for)
    if isinstance(event, Finished):
        return ("finished", at, event.status)
    raise AssertionError(event)


def test_exact_events_and_times_for_every_dose_and_sides() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(SMALL), clock)
    events = engine.start()
    clock.advance(100)  # a face that slept through everything still gets it all, on time
    events += engine.update()
    assert [brief(e) for e in events] == [
        ("start", 0, "prepare", "raise", 1, "left", None),
        ("countdown", 1, 3), ("countdown", 2, 2), ("countdown", 3, 1),
        # Raise, left: 2 reps of 2-1-1 = 8 s.
        ("start", 4, "work", "raise", 1, "left", None),
        ("phase", 4, "up", 1), ("phase", 6, "hold", 1), ("phase", 7, "down", 1),
        ("rep", 8, 1, False), ("phase", 8, "up", 2),
        ("countdown", 9, 3),
        ("countdown", 10, 2), ("phase", 10, "hold", 2),
        ("countdown", 11, 1), ("phase", 11, "down", 2),
        ("rep", 12, 2, False),
        ("set", 12, "raise", 1, "left", 2, 8.0),
        ("start", 12, "switch", "raise", 1, "right", None), ("countdown", 13, 1),
        ("start", 14, "work", "raise", 1, "right", None),
        ("phase", 14, "up", 1), ("phase", 16, "hold", 1), ("phase", 17, "down", 1),
        ("rep", 18, 1, False), ("phase", 18, "up", 2),
        ("countdown", 19, 3),
        ("countdown", 20, 2), ("phase", 20, "hold", 2),
        ("countdown", 21, 1), ("phase", 21, "down", 2),
        ("rep", 22, 2, False),
        ("set", 22, "raise", 1, "right", 2, 8.0),
        # Stretch: two 4 s holds, 3 s apart; the set is done after the last hold.
        ("start", 22, "rest", "stretch", 1, None, None),
        ("countdown", 24, 3), ("countdown", 25, 2), ("countdown", 26, 1),
        ("start", 27, "hold", "stretch", 1, None, 1),
        ("countdown", 28, 3), ("countdown", 29, 2), ("countdown", 30, 1),
        ("start", 31, "rest", "stretch", 1, None, None),
        ("countdown", 32, 2), ("countdown", 33, 1),
        ("start", 34, "hold", "stretch", 1, None, 2),
        ("countdown", 35, 3), ("countdown", 36, 2), ("countdown", 37, 1),
        ("set", 38, "stretch", 1, None, 2, 8.0),
        ("start", 38, "rest", "bridge", 1, None, None),
        ("countdown", 40, 3), ("countdown", 41, 2), ("countdown", 42, 1),
        # Bridge: an open rep set waits for the runner, however long.
        ("start", 43, "work", "bridge", 1, None, None),
    ]  # fmt: skip
    assert engine.next_wakeup() is None
    clock.set(T0 + 200)
    for _ in range(3):
        engine.count_rep(+1)
    engine.count_rep(-1)
    events = engine.done()
    assert [brief(e) for e in events][:2] == [
        ("set", 200, "bridge", 1, None, 2, 157.0),  # counted 2, worked 157 s
        ("start", 200, "rest", "hops", 1, None, None),
    ]
    clock.advance(100)
    events = engine.update()
    assert [brief(e) for e in events] == [
        ("countdown", 202, 3), ("countdown", 203, 2), ("countdown", 204, 1),
        ("start", 205, "work", "hops", 1, None, None),
        ("halfway", 215),
        ("countdown", 222, 3), ("countdown", 223, 2), ("countdown", 224, 1),
        ("set", 225, "hops", 1, None, None, 20.0),
        ("finished", 225, "completed"),
    ]  # fmt: skip
    assert engine.state == "finished" and engine.snapshot().overall_progress == 1.0


def test_an_open_set_marked_done_without_counting_records_the_target() -> None:
    clock = FakeClock(T0)
    engine = Engine(
        circuit("title: O\nblocks:\n  - exercises:\n      - {id: a, name: A, reps: 15}\n"), clock
    )
    engine.start()
    clock.advance(10)  # prepare over
    engine.update()
    clock.advance(40)
    [done, finished] = engine.done()
    assert isinstance(done, SetCompleted)
    assert (done.done.reps_done, done.done.reps_target) == (15, 15)
    assert done.done.seconds == 40.0
    assert isinstance(finished, Finished) and finished.status == "completed"


def test_pause_stops_the_clock_and_shifts_every_deadline() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(SMALL), clock)
    engine.start()
    clock.advance(2.5)
    assert [brief(e) for e in engine.pause()] == [
        ("countdown", 1, 3),
        ("countdown", 2, 2),
        ("paused", 2.5),
    ]
    assert engine.snapshot().remaining == pytest.approx(1.5)
    clock.advance(60)
    assert engine.update() == [] and engine.next_wakeup() is None
    assert engine.snapshot().remaining == pytest.approx(1.5)  # frozen while paused
    resumed = engine.resume()
    assert [brief(e) for e in resumed] == [("resumed", 62.5, 60.0)]
    assert engine.next_wakeup() == pytest.approx(T0 + 63)  # countdown 1, 60 s later than planned
    clock.advance(1.5)
    assert [brief(e) for e in engine.update()][:2] == [
        ("countdown", 63, 1),
        ("start", 64, "work", "raise", 1, "left", None),
    ]
    assert engine.snapshot().total_elapsed == pytest.approx(4.0)


def test_skip_records_nothing_and_starts_the_next_segment_now() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(SMALL), clock)
    engine.start()
    clock.advance(5)  # 1 s into raise, left
    engine.update()
    events = engine.skip()
    assert [brief(e) for e in events] == [("start", 5, "switch", "raise", 1, "right", None)]
    assert not any(isinstance(e, SetCompleted) for e in events)


def test_back_restarts_this_segment_or_goes_to_the_previous_one() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(SMALL), clock)
    engine.start()
    clock.advance(7)  # 3 s into raise, left
    engine.update()
    assert [brief(e) for e in engine.back()] == [
        ("start", 7, "work", "raise", 1, "left", None),
        ("phase", 7, "up", 1),
    ]
    assert engine.snapshot().reps == 0
    clock.advance(1)  # 1 s into the restarted segment: back goes to the prepare
    assert [brief(e) for e in engine.back()] == [("start", 8, "prepare", "raise", 1, "left", None)]
    clock.advance(0.5)
    assert [brief(e) for e in engine.back()] == [
        ("start", 8.5, "prepare", "raise", 1, "left", None)
    ]


def test_redoing_a_hold_counts_it_once() -> None:
    clock = FakeClock(T0)
    c = circuit("title: H\ndefaults: {prepare: 0, rest_between_reps: 0}\nblocks:\n"
                "  - exercises:\n      - {id: h, name: H, hold: 10, reps: 2}\n")  # fmt: skip
    engine = Engine(c, clock)
    engine.start()
    clock.advance(11)  # first hold done, 1 s into the second
    engine.update()
    engine.back()  # in its first 2 s: back to the first hold
    clock.advance(30)
    sets = [e.done for e in engine.update() if isinstance(e, SetCompleted)]
    assert [(s.reps_done, s.seconds) for s in sets] == [(2, 20.0)]


def test_finish_early_is_partial_and_controls_then_do_nothing() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(SMALL), clock)
    engine.start()
    clock.advance(13)
    events = engine.finish_early()
    assert brief(events[-1]) == ("finished", 13, "partial")
    assert [brief(e) for e in events if isinstance(e, SetCompleted)] == [
        ("set", 12, "raise", 1, "left", 2, 8.0)
    ]
    assert engine.skip() == [] and engine.done() == [] and engine.update() == []
    assert engine.next_wakeup() is None


def test_controls_while_paused_keep_the_new_segment_whole() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(SMALL), clock)
    engine.start()
    clock.advance(1)
    engine.pause()
    clock.advance(50)
    engine.skip()  # to raise, left, still paused
    clock.advance(50)
    engine.resume()
    snap = engine.snapshot()
    assert (snap.segment.kind, snap.remaining) == ("work", 8.0)


def test_runner_counting_wins_over_the_tempo_count() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(SMALL), clock)
    engine.start()
    clock.advance(5)
    engine.update()
    engine.count_rep(+1)
    engine.count_rep(+1)  # the runner says 2 reps already
    clock.advance(20)
    sets = [e.done for e in engine.update() if isinstance(e, SetCompleted)]
    assert sets[0].reps_done == 2


def drive(
    engine: Engine, clock: FakeClock, late: float = 0.0, idle_wakes: list[float] | None = None
) -> list[Event]:
    """Run to the end like a face: wake at each due time (``late`` seconds late), and
    mark open rep sets done at their estimate. A wake-up that brought no event is noted
    in ``idle_wakes`` (its time)."""
    events = engine.start()
    while engine.state == "running":
        wake = engine.next_wakeup()
        if wake is None:
            snap = engine.snapshot()
            clock.advance(max(0.0, snap.segment.estimate - snap.elapsed))
            new = engine.done()
        else:
            clock.set(max(clock.now(), wake + late))
            new = engine.update()
        if not new and idle_wakes is not None:
            idle_wakes.append(clock.now())
        events += new
    return events


def test_whole_flagship_circuit_with_bounded_work_and_exact() -> None:
    library = load_library(paths.bundled_circuits_dir(), None)
    flagship = library.circuit("pf-crash-course")
    assert flagship is not None
    clock = FakeClock(T0)
    engine = Engine(flagship, clock)
    # The work is bounded, not timed: the engine never asks to be woken for nothing, so a
    # face wakes at most once per event (speed is bench/timing.py's business).
    idle: list[float] = []
    events = drive(engine, clock, late=0.25, idle_wakes=idle)
    assert idle == []
    finished = events[-1]
    assert isinstance(finished, Finished) and finished.status == "completed"
    # Waking late at every step costs nothing: the end is exactly the estimate.
    assert finished.at - T0 == pytest.approx(engine.timeline.estimated_seconds)
    done = [e.done for e in events if isinstance(e, SetCompleted)]
    planned = planned_sets(flagship)
    assert [(d.block, d.round, d.exercise_id, d.set_number, d.side) for d in done] == [
        (p.block, p.round, p.exercise_id, p.set_number, p.side) for p in planned
    ]
    assert [d.reps_done for d in done] == [p.reps_target for p in planned]


@settings(max_examples=150, deadline=None)
@given(circuits(), st.floats(min_value=0, max_value=3))
def test_events_follow_the_timeline_and_sets_match_it(c: Circuit, late: float) -> None:
    clock = FakeClock(T0)
    engine = Engine(c, clock)
    events = drive(engine, clock, late=late)
    times = [e.at for e in events]
    assert times == sorted(times)
    starts = [e.index for e in events if isinstance(e, SegmentStarted)]
    assert starts == list(range(len(engine.segments)))
    done = [e.done for e in events if isinstance(e, SetCompleted)]
    planned = planned_sets(c)
    assert [(d.block, d.round, d.exercise_id, d.set_number, d.side, d.reps_done) for d in done] == [
        (p.block, p.round, p.exercise_id, p.set_number, p.side, p.reps_target) for p in planned
    ]
    for d, p in zip(done, planned, strict=True):
        if p.dose != "open":
            assert d.seconds == pytest.approx(p.seconds)
    assert isinstance(events[-1], Finished) and events[-1].status == "completed"
    end = events[-1].at - T0
    if any(p.dose == "open" for p in planned):
        # An open set ends when the runner says; a face that woke late lets them say late.
        assert end >= engine.timeline.estimated_seconds - 1e-6
    else:
        assert end == pytest.approx(engine.timeline.estimated_seconds)  # lateness never adds up


def test_preview_tells_what_update_will_say_and_changes_nothing() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(SMALL), clock)
    engine.start()
    clock.advance(3)
    engine.update()
    before = engine.snapshot()
    ahead = engine.preview(T0 + 30)
    assert engine.snapshot() == before and engine.state == "running"
    clock.set(T0 + 30)
    assert engine.update() == ahead
    assert engine.preview(T0 + 10) == []  # the past is not previewed again
    engine.pause()
    assert engine.preview(T0 + 100) == []


# --- a beat for paced open sets, and tests to failure ----------------------------------

PACED = """
    title: Paced
    defaults: {prepare: 0, switch_sides: 10}
    blocks:
      - exercises:
          - {id: raise-test, name: Raise test, reps: 30, test: true, pace: 60, sides: each}
          - {id: bridge, name: Bridge, reps: 12, pace: 90}
"""


def beats(events: list[Event]) -> list[tuple[float, int]]:
    return [(round(e.at - T0, 6), e.beat) for e in events if isinstance(e, Beat)]


def test_a_paced_set_beats_on_its_grid_until_it_is_marked_done() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(PACED), clock)
    engine.start()
    assert engine.next_wakeup() == T0 + 1  # the first beat; the set start is beat 0
    clock.advance(5.5)  # a face that wakes late still gets every beat at its own time
    events = engine.update()
    assert beats(events) == [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]
    assert all(e.pace == 60 for e in events if isinstance(e, Beat))
    assert engine.snapshot().beat == 5
    assert engine.next_wakeup() == T0 + 6
    clock.advance(0.5)
    engine.pause()  # at 6.0: beat 6 is due exactly now and comes before the pause
    clock.advance(10)
    events = engine.resume()
    clock.advance(1.5)
    events += engine.update()
    # Paused time stops the beat; it picks up on the same grid, shifted by the pause.
    assert beats(events) == [(17, 7)]
    events = engine.done()
    assert not beats(events)
    # Switching sides is not paced; the right side's beats start from its own start.
    assert engine.snapshot().beat is None
    clock.advance(10)
    events = engine.update()
    assert [brief(e)[:3] for e in events if isinstance(e, SegmentStarted)] == [
        ("start", 27.5, "work")
    ]
    clock.advance(1)
    assert beats(engine.update()) == [(28.5, 1)]


def test_beats_at_a_pace_that_does_not_divide_a_minute_stay_exact() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(PACED), clock)
    engine.start()
    engine.done()  # left
    engine.done()  # switch
    engine.done()  # right
    engine.done()  # the rest: now the 12 bridges at 90 beats a minute
    clock.advance(2)
    events = [e for e in engine.update() if isinstance(e, Beat)]
    # Each beat is k x 60 / 90 s after the set's start: on the grid, never summed steps.
    assert [(e.at, e.beat) for e in events] == [(T0 + k * 60 / 90, k) for k in (1, 2, 3)]


def test_preview_holds_the_beats_ahead_and_changes_nothing() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(PACED), clock)
    engine.start()
    ahead = engine.preview(T0 + 3)
    assert beats(ahead) == [(1, 1), (2, 2), (3, 3)]
    assert engine.snapshot().beat == 0
    clock.advance(3)
    assert engine.update() == ahead  # what the cue thread planned is what comes


def test_a_test_records_only_what_the_runner_counted() -> None:
    clock = FakeClock(T0)
    engine = Engine(circuit(PACED), clock)
    engine.start()
    clock.advance(20)
    for _ in range(22):
        engine.count_rep(+1)
    [left] = [e.done for e in engine.done() if isinstance(e, SetCompleted)]
    assert (left.side, left.reps_done, left.reps_target, left.test, left.counted) == (
        "left", 22, 30, True, True,
    )  # fmt: skip
    engine.done()  # the switch
    clock.advance(25)
    [right] = [e.done for e in engine.done() if isinstance(e, SetCompleted)]
    # Nobody pressed +: not counted, and no reps made up from the target.
    assert (right.side, right.reps_done, right.test, right.counted) == ("right", None, True, False)
    engine.done()  # the rest
    clock.advance(8)
    [bridge] = [e.done for e in engine.done() if isinstance(e, SetCompleted)]
    # A training set left untouched was done as written: its target, not counted.
    assert (bridge.reps_done, bridge.test, bridge.counted) == (12, False, False)
