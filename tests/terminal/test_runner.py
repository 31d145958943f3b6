"""The terminal's status line shows a paced set's beat."""

from __future__ import annotations

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.engine import Engine
from circuit_timer.terminal.runner import status_line
from tests.sample_circuits import circuit

PACED = """
id: paced
title: Paced
defaults: {prepare: 0, switch_sides: 5, rest_between_exercises: 0}
blocks:
  - exercises:
      - {id: raise, name: Heel raise test, reps: 30, test: true, pace: 60, sides: each}
      - {id: bridge, name: Bridge, reps: 12, pace: 40}
"""


def test_a_test_shows_up_and_down_on_alternate_beats() -> None:
    clock = FakeClock(0.0)
    engine = Engine(circuit(PACED), clock)
    engine.start()
    words = []
    for _ in range(3):
        words.append(status_line(engine.snapshot(), 200).split("  "))
        clock.advance(1.0)
        engine.update()
    assert [w[w.index("reps 0/30") + 1] for w in words] == ["UP", "DOWN", "UP"]
    engine.done()  # the switch: no beat
    line = status_line(engine.snapshot(), 200)
    assert "UP" not in line.split() and "DOWN" not in line.split()


def test_another_paced_set_counts_its_beats() -> None:
    clock = FakeClock(0.0)
    engine = Engine(circuit(PACED), clock)
    engine.start()
    engine.done()
    engine.done()  # past the switch
    engine.done()  # the right side
    assert engine.snapshot().segment.exercise == "bridge"
    clock.advance(3.0)  # 40 a minute: two beats
    engine.update()
    assert "reps 0/12  beat 2" in status_line(engine.snapshot(), 200)
