"""The terminal's status line shows a paced set's beat."""

from __future__ import annotations

import io
import json
import os
import select
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.engine import Engine
from circuit_timer.session.workout import Workout
from circuit_timer.store.history import HistoryStore
from circuit_timer.terminal.runner import TerminalRunner, status_line
from tests.sample_circuits import circuit

if sys.platform != "win32":
    import fcntl
    import pty
    import termios

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


LOADED = """\
title: Loaded
defaults: {prepare: 0, rest: 30, rest_between_exercises: 30}
blocks:
  - exercises:
      - {id: squat, name: Split squat, reps: 3, sets: 2, load: a backpack}
      - {id: hops, name: Hops, work: 1}
      - {id: lunge, name: Lunge, reps: 2, load: dumbbells}
"""


LOADED_CIRCUIT = circuit(LOADED)


def _read_until(fd: int, seen: bytearray, needle: bytes) -> None:
    """Read the pseudo-terminal until ``needle`` arrives (what came after it is kept)."""
    deadline = time.monotonic() + 20.0
    while needle not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"never saw {needle!r} in {bytes(seen[-400:])!r}"
        if select.select([fd], [], [], left)[0]:
            chunk = os.read(fd, 4096)
            assert chunk, f"the terminal closed before {needle!r}"
            seen += chunk
    del seen[: seen.index(needle) + len(needle)]


@pytest.mark.posix_only("a pseudo-terminal")
def test_loads_typed_in_the_terminal_are_in_history_json(private_home: Path) -> None:
    """After a loaded set the runner types the load (prefilled with the last one) while the
    rest runs; the last set's load is asked as a line; history --json has each."""
    (private_home / "circuits").mkdir(parents=True, exist_ok=True)
    (private_home / "circuits" / "loaded.yaml").write_text(LOADED)
    cli_env = {**os.environ, "CIRCUIT_TIMER_HOME": str(private_home)}
    base = [sys.executable, "-m", "circuit_timer"]
    subprocess.run([*base, "log", "loaded", "--date", "2026-11-01", "--load", "squat=5"],
                   env=cli_env, check=True, capture_output=True)  # fmt: skip
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["CIRCUIT_TIMER_HOME"] = str(private_home)
        os.execv(sys.executable, [*base, "run", "loaded", "--no-sound"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 200, 0, 0))
    seen = bytearray()
    try:
        _read_until(fd, seen, b"reps 0/3")
        os.write(fd, b"\r")  # set 1 done: the prompt offers the last load, Enter keeps it
        _read_until(fd, seen, b"Split squat set 1 load [5 kg]: _")
        os.write(fd, b"\r")
        os.write(fd, b"\r")  # the rest ends
        _read_until(fd, seen, b"set 2/2")
        os.write(fd, b"\r")  # set 2 done: a number replaces the prefill
        _read_until(fd, seen, b"Split squat set 2 load [5 kg]: _")
        os.write(fd, b"7.5")
        _read_until(fd, seen, b"load [5 kg]: 7.5_")
        os.write(fd, b"\r\r")  # keep 7.5, end the rest; the hops run a second
        _read_until(fd, seen, b"REST          0:30  next: Lunge")
        os.write(fd, b"\r")
        _read_until(fd, seen, b"reps 0/2")
        os.write(fd, b"\r")  # the lunge ends the workout: its load is asked as a line
        _read_until(fd, seen, b"Load used in Lunge, set 1 (kg or bw; Enter for none, - none): ")
        os.write(fd, b"400\r")
        _read_until(fd, seen, b"a load must be above 0 and at most 300 kg, not 400")
        os.write(fd, b"bw\r")
        _read_until(fd, seen, b"Pain during")
        os.write(fd, b"\r")
        _read_until(fd, seen, b"Pain after")
        os.write(fd, b"\r")
        _read_until(fd, seen, b"saved to your history")
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    out = subprocess.run([*base, "history", "--json"], env=cli_env, check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    newest = json.loads(out)[0]
    assert newest["source"] == "app" and newest["status"] == "completed"
    assert newest["loads"] == [
        {"exercise_id": "squat", "set": 1, "side": None, "load_kg": 5.0, "bodyweight": False},
        {"exercise_id": "squat", "set": 2, "side": None, "load_kg": 7.5, "bodyweight": False},
        {"exercise_id": "lunge", "set": 1, "side": None, "load_kg": None, "bodyweight": True},
    ]


def test_without_a_keyboard_or_with_auto_nothing_is_asked(private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as store:
        for interactive, auto in ((True, True), (False, False)):
            workout = Workout(LOADED_CIRCUIT, FakeClock(), store)
            runner = TerminalRunner(workout, FakeClock(), out=io.StringIO(), keys=None,  # type: ignore[arg-type]
                                    interactive=interactive, auto=auto)  # fmt: skip
            assert runner.loads.exercise_ids == set()
        workout = Workout(LOADED_CIRCUIT, FakeClock(), store)
        runner = TerminalRunner(workout, FakeClock(), out=io.StringIO(), keys=None,  # type: ignore[arg-type]
                                interactive=True)  # fmt: skip
        assert runner.loads.exercise_ids == {"squat", "lunge"}
