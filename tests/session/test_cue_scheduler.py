"""Cues reach their listener at their deadline even while the face is stalled, once each."""

from __future__ import annotations

import threading
import time
from collections import Counter

from circuit_timer.core.clock import FakeClock, MonotonicClock
from circuit_timer.core.events import Countdown, Event
from circuit_timer.session.cue_scheduler import CueScheduler
from circuit_timer.session.workout import Workout
from tests.sample_circuits import SMALL, circuit


def test_a_planned_cue_is_delivered_while_the_face_is_stalled() -> None:
    clock = MonotonicClock()
    got: list[tuple[Event, float]] = []
    arrived = threading.Event()

    def listener(event: Event) -> None:
        got.append((event, clock.now()))
        arrived.set()

    scheduler = CueScheduler(listener, clock.now)
    try:
        due = Countdown(clock.now() + 0.05, 0, 3)
        scheduler.plan([due])
        stall_started = clock.now()
        time.sleep(0.5)  # the face is busy; it has not called update or deliver
        assert arrived.is_set()
        [(event, when)] = got
        assert event == due
        assert when < stall_started + 0.5  # during the stall, not after it
        scheduler.deliver(due)  # the face catches up: no second delivery
        assert len(got) == 1
    finally:
        scheduler.close()


def test_replanning_drops_what_is_no_longer_due() -> None:
    clock = MonotonicClock()
    got: list[Event] = []
    scheduler = CueScheduler(got.append, clock.now)
    try:
        scheduler.plan([Countdown(clock.now() + 0.2, 0, 3)])
        scheduler.plan([])  # the runner paused
        time.sleep(0.4)
        assert got == []
    finally:
        scheduler.close()


def test_every_event_reaches_cue_listeners_exactly_once() -> None:
    clock = FakeClock(1000.0)
    heard: Counter[Event] = Counter()
    lock = threading.Lock()

    def listener(event: Event) -> None:
        with lock:
            heard[event] += 1

    seen: list[Event] = []
    workout = Workout(
        circuit(SMALL), clock, None, listeners=[seen.append], cue_listeners=[listener]
    )
    try:
        workout.start()
        while not workout.finished:
            wake = workout.engine.next_wakeup()
            if wake is None:
                clock.advance(30)
                workout.done()
            else:
                clock.set(wake)
                workout.pump()
        time.sleep(0.05)
        assert set(heard) == set(seen)
        assert all(count == 1 for count in heard.values())
    finally:
        workout.close()
