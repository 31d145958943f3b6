"""Cues reach their listener at their deadline even while the face is stalled, once each.

The scheduler's thread sleeps through ``SteppedTime``: time moves only when the test
moves it, and each step returns once the thread has done its work and sleeps again, so
nothing here sleeps or depends on how fast the machine is.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator

import pytest

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.events import Countdown, Event, Halfway
from circuit_timer.session.cue_scheduler import CueScheduler
from circuit_timer.session.workout import Workout
from tests.sample_circuits import SMALL, circuit

T0 = 1000.0
# Only if the scheduler's thread never comes back (a bug): fail instead of hanging.
HANG = 30.0


class SteppedTime:
    """A fake clock and the scheduler's wait on it.

    The thread's sleep ends only when woken (a plan, a close, or the test moving time),
    never by itself; ``sleeps`` counts how often it has gone to sleep.
    """

    def __init__(self) -> None:
        self.clock = FakeClock(T0)
        self.sleeps = 0
        self.timeouts: list[float | None] = []
        self._scheduler_lock: threading.Condition | None = None
        self._asleep = threading.Condition()

    def wait(self, condition: threading.Condition, seconds: float | None) -> None:
        """The scheduler's wait: called with ``condition`` held."""
        self._scheduler_lock = condition
        self.timeouts.append(seconds)
        with self._asleep:
            self.sleeps += 1
            self._asleep.notify_all()
        condition.wait()  # lets go of the scheduler's lock until something wakes it

    def settle(self, after: int) -> None:
        """Return once the thread has gone to sleep more than ``after`` times."""
        with self._asleep:
            assert self._asleep.wait_for(lambda: self.sleeps > after, timeout=HANG)

    def advance(self, seconds: float) -> None:
        """Move the clock on, wake the thread, and return once it sleeps again."""
        assert self._scheduler_lock is not None
        before = self.sleeps
        with self._scheduler_lock:
            self.clock.advance(seconds)
            self._scheduler_lock.notify_all()
        self.settle(before)


@pytest.fixture
def stepped() -> SteppedTime:
    return SteppedTime()


@pytest.fixture
def heard(stepped: SteppedTime) -> Iterator[tuple[CueScheduler, list[tuple[Event, float]]]]:
    """A scheduler on stepped time, and what its listener got (event, clock time)."""
    got: list[tuple[Event, float]] = []
    scheduler = CueScheduler(
        lambda event: got.append((event, stepped.clock.now())), stepped.clock.now, wait=stepped.wait
    )
    stepped.settle(0)  # asleep with nothing planned
    yield scheduler, got
    scheduler.close()


def plan(stepped: SteppedTime, scheduler: CueScheduler, events: list[Event]) -> None:
    before = stepped.sleeps
    scheduler.plan(events)
    stepped.settle(before)


def test_a_planned_cue_is_delivered_at_its_deadline_while_the_face_is_stalled(
    stepped: SteppedTime, heard: tuple[CueScheduler, list[tuple[Event, float]]]
) -> None:
    scheduler, got = heard
    due = Countdown(T0 + 5, 0, 3)
    plan(stepped, scheduler, [due])
    assert stepped.timeouts[-1] == 5  # it sleeps until the deadline
    stepped.advance(4.5)  # the face is busy: it calls neither update nor deliver
    assert got == []
    assert stepped.timeouts[-1] == 0.5
    stepped.advance(0.5)
    assert got == [(due, T0 + 5)]  # at its deadline, from the thread alone
    assert stepped.timeouts[-1] is None  # nothing more planned
    scheduler.deliver(due)  # the face catches up: no second delivery
    assert got == [(due, T0 + 5)]


def test_replanning_drops_what_is_no_longer_due(
    stepped: SteppedTime, heard: tuple[CueScheduler, list[tuple[Event, float]]]
) -> None:
    scheduler, got = heard
    plan(stepped, scheduler, [Countdown(T0 + 1, 0, 3)])
    plan(stepped, scheduler, [])  # the runner paused
    stepped.advance(2)
    assert got == []


def test_an_event_the_face_delivered_first_is_not_delivered_again(
    stepped: SteppedTime, heard: tuple[CueScheduler, list[tuple[Event, float]]]
) -> None:
    scheduler, got = heard
    first, second = Countdown(T0 + 1, 0, 3), Halfway(T0 + 2, 0)
    plan(stepped, scheduler, [first, second])
    stepped.advance(0.5)
    scheduler.deliver(first)  # a key press made it come early
    plan(stepped, scheduler, [first, second])  # the face's next plan still holds it
    stepped.advance(1.5)
    assert got == [(first, T0 + 0.5), (second, T0 + 2)]


def test_every_event_reaches_cue_listeners_exactly_once() -> None:
    # The one test on a real thread and a real wait: the face races the cue thread for
    # every event, and each must still be heard exactly once.
    clock = FakeClock(T0)
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
            wake = workout.next_wakeup()
            if wake is None:
                clock.advance(30)
                workout.done()
            else:
                clock.set(wake)
                workout.pump()
    finally:
        workout.close()  # joins the thread, so a delivery in flight has landed
    assert set(heard) == set(seen)
    assert all(count == 1 for count in heard.values())
