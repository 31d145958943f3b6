"""The workout controller: it runs a workout on Qt timers, waking when the engine says
something is due, tells the page once when it ends, and stops everything on close."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock, ScaledClock
from circuit_timer.core.events import Event, RepCounted, SegmentStarted
from circuit_timer.session.workout import Workout
from circuit_timer.ui.controller import WorkoutController
from tests.sample_circuits import SHORT, circuit

OPEN_SETS = """
    title: Open
    defaults: {prepare: 1, rest_between_exercises: 1}
    blocks:
      - exercises:
          - {id: a, name: A, reps: 5}
          - {id: b, name: B, reps: 5}
"""


@pytest.fixture
def on_fake_clock() -> Iterator[WorkoutController]:
    controller = WorkoutController(Workout(circuit(OPEN_SETS), FakeClock(), None), FakeClock())
    yield controller
    controller.close()


def test_it_runs_a_workout_to_the_end_on_its_own_timers(qtbot: QtBot) -> None:
    # SHORT lasts about 7 s on its clock: 100 times faster, its timers end it in 0.1 s.
    clock = ScaledClock(100)
    controller = WorkoutController(Workout(circuit(SHORT), clock, None), clock)
    events: list[Event] = []
    controller.happened.connect(events.append)
    ended: list[str] = []
    controller.ended.connect(ended.append)
    controller.start()
    qtbot.waitUntil(lambda: ended != [], timeout=5000)
    assert ended == ["completed"]
    kinds = [e.segment.kind for e in events if isinstance(e, SegmentStarted)]
    assert kinds[0] == "prepare" and "work" in kinds
    assert [(s.exercise_id, s.side) for s in controller.sets] == [("hop", None), ("raise", None)]
    controller.close()


def test_counted_by_hand_lasts_for_the_segment_it_was_counted_in(
    on_fake_clock: WorkoutController,
) -> None:
    controller = on_fake_clock
    controller.start()
    controller.done()  # the prepare
    assert controller.workout.snapshot().segment.exercise == "a"
    assert not controller.counted_by_hand
    heard: list[Event] = []
    controller.happened.connect(heard.append)
    controller.count_rep(1)
    assert controller.counted_by_hand
    assert any(isinstance(e, RepCounted) and e.by_runner for e in heard)
    controller.done()  # set a done: the rest before b starts
    assert not controller.counted_by_hand
    assert [s.exercise_id for s in controller.sets] == ["a"]


def test_ended_is_said_once(on_fake_clock: WorkoutController) -> None:
    controller = on_fake_clock
    ended: list[str] = []
    controller.ended.connect(ended.append)
    controller.start()
    controller.done()
    controller.finish_early()
    controller.finish_early()
    controller.pump()
    assert ended == ["partial"]


def test_redraws_run_only_while_the_page_is_visible(
    qtbot: QtBot, on_fake_clock: WorkoutController
) -> None:
    controller = on_fake_clock
    controller.start()
    controller.set_visible(True)
    # Nothing is due on a fake clock that stands still: only the redraw timer says changed.
    with qtbot.waitSignal(controller.changed, timeout=2000):
        pass
    controller.set_visible(False)
    with qtbot.assertNotEmitted(controller.changed, wait=300):
        pass


def test_close_stops_the_timers(qtbot: QtBot) -> None:
    clock = ScaledClock(100)
    controller = WorkoutController(Workout(circuit(SHORT), clock, None), clock)
    controller.start()
    controller.set_visible(True)
    controller.close()
    with qtbot.assertNotEmitted(controller.happened, wait=300):
        pass
