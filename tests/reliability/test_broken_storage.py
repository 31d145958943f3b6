"""Broken storage: the app starts or the workout goes on, it says what happened, and
nothing is deleted or overwritten.

- A damaged file (random bytes, a truncated database, a good header over garbage) is
  moved aside with its bytes intact, named in the message, and the workout runs.
- A file from a newer circuit-timer is refused: the command line does not run the
  workout (exit 1, the message says why) and the file is left byte for byte alone; the
  window still starts, with the same message, and runs workouts unsaved.
- A read-only data folder: history readable, the workout runs, told it is not saved.
- A database locked by another process (at the start or mid-workout): the workout goes
  on, one line says locked, and the sets are saved once the lock is gone (issue 13;
  the full disk is in test_data_loss.py).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.events import Event, SetCompleted
from circuit_timer.core.model import Circuit
from circuit_timer.core.records import CompletedSet
from circuit_timer.session.saving import fault_line
from circuit_timer.session.workout import Workout
from circuit_timer.store import connection, migrations
from circuit_timer.store.history import HistoryStore

CIRCUIT = "taper-maintenance"
TAPER_SETS = 15
RUN = ("run", CIRCUIT, "--speed", "500", "--auto")

# Root ignores permissions, so as root the command drops to 'nobody' once everything it
# needs is imported (as tests/store/test_readonly.py does). Optionally with a short
# busy timeout, the way the in-process tests monkeypatch it.
PRELUDE = """
import os, sys
import circuit_timer.cli as cli, circuit_timer.commands.history, circuit_timer.commands.run
import circuit_timer.store.connection as connection
import csv, json, sqlite3, uuid, zoneinfo
if os.environ.get("CT_TEST_BUSY_MS"):
    connection.BUSY_TIMEOUT_MS = int(os.environ["CT_TEST_BUSY_MS"])
if os.environ.get("CT_TEST_NOBODY") and os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
raise SystemExit(cli.main(sys.argv[1:]))
"""

# Holds an exclusive lock on a database until told to let go (a line on stdin).
LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


def cli(
    home: Path, *args: str, nobody: bool = False, busy_ms: int | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CIRCUIT_TIMER_HOME": str(home)}
    if nobody:
        env["CT_TEST_NOBODY"] = "1"
    if busy_ms is not None:
        env["CT_TEST_BUSY_MS"] = str(busy_ms)
    return subprocess.run(
        [sys.executable, "-c", PRELUDE, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def contents(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` by name, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def assert_ran_to_the_end(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("finished: completed")
    assert "Traceback" not in result.stderr


def saved_sessions(home: Path) -> list[tuple[str, str, int]]:
    with HistoryStore.in_folder(home) as store:
        assert store.integrity_ok()
        counts = store.set_counts()
        return [(s.circuit_id, s.status, counts[s.uuid][0]) for s in store.sessions()]


def a_real_history(home: Path, sessions: int = 40) -> None:
    """A history of many sessions of sets, spread over many pages, closed cleanly."""
    with HistoryStore.in_folder(home) as store:
        for n in range(sessions):
            uid = store.start_session(f"circuit-{n}", circuit_title="A circuit " * 20)
            for number in range(1, 6):
                store.record_set(
                    uid, CompletedSet(block=0, round=1, exercise_id="heel-raise", set_number=number,
                    side=None, reps_target=12, reps_done=12, seconds=40.0,
                    exercise_name="Heel raise", dose="12 reps"),
                )  # fmt: skip
            store.finish_session(uid, "completed")
    # The last connection closed checkpoints the WAL into the file and removes it.
    assert sorted(p.name for p in home.iterdir()) == ["history.db"]


# -- damaged files -----------------------------------------------------------------


def damage(home: Path, how: str) -> None:
    path = home / "history.db"
    if how == "random-bytes":
        path.write_bytes(random.Random(20261124).randbytes(24_576))
    elif how == "truncated":
        a_real_history(home)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif how == "header-then-garbage":
        a_real_history(home)
        data = path.read_bytes()
        garbage = random.Random(7).randbytes(len(data) - 100)
        path.write_bytes(data[:100] + garbage)
    else:
        raise AssertionError(how)


@pytest.mark.parametrize("how", ["random-bytes", "truncated", "header-then-garbage"])
def test_a_damaged_file_is_moved_aside_intact_and_the_workout_runs(
    private_home: Path, how: str
) -> None:
    damage(private_home, how)
    before = contents(private_home)
    assert list(before) == ["history.db"]

    result = cli(private_home, *RUN)

    assert_ran_to_the_end(result)
    after = contents(private_home)
    [moved] = [name for name in after if name.startswith("history.db.corrupt-")]
    # Nothing deleted: the damaged bytes are all there, under the name the message gives.
    assert after[moved] == before["history.db"]
    assert str(private_home / moved) in result.stderr
    assert "kept for recovery" in result.stderr or "was not a circuit-timer database" in (
        result.stderr
    )
    assert set(after) == {"history.db", moved}
    # The workout went into a new history, every set of it.
    assert saved_sessions(private_home) == [(CIRCUIT, "completed", TAPER_SETS)]


def a_newer_history(home: Path) -> None:
    with HistoryStore.in_folder(home) as store:
        uid = store.start_session(CIRCUIT)
        store.finish_session(uid, "completed")
    conn = sqlite3.connect(home / "history.db")
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.commit()
    conn.close()


def test_a_newer_database_is_refused_untouched_and_the_run_does_not_start(
    private_home: Path,
) -> None:
    """The command line refuses (exit 1) rather than run a workout it cannot record:
    the runner is told to update, and nothing in the folder changes."""
    a_newer_history(private_home)
    before = contents(private_home)

    result = cli(private_home, *RUN)

    assert result.returncode == 1
    assert "newer circuit-timer" in result.stderr and "left untouched" in result.stderr
    assert "Traceback" not in result.stderr
    assert "finished:" not in result.stdout  # the workout was not run
    assert contents(private_home) == before  # byte for byte, and nothing added


def test_with_a_newer_database_the_window_still_starts_and_runs_unsaved(
    private_home: Path, qtbot: QtBot
) -> None:
    from circuit_timer.session.workout import Origin
    from circuit_timer.ui.app import open_main_window
    from tests.ui.driving import FakeKeepAwake

    a_newer_history(private_home)
    before = contents(private_home)
    clock = FakeClock()
    win = open_main_window(clock=clock, cue_factory=None, keep_awake=FakeKeepAwake())
    qtbot.addWidget(win)
    assert win.store is None
    shown = win.statusBar().currentMessage()
    assert "newer circuit-timer" in shown and "Workouts will not be saved" in shown
    circuit = win.watcher.library.circuit("heel-raise-test")
    assert circuit is not None
    win.run(circuit, Origin())
    controller = win.controller
    assert controller is not None
    engine = controller.workout.engine
    while not controller.workout.finished:
        wake = engine.next_wakeup()
        segment = engine.snapshot().segment
        if wake is None or (segment.kind == "work" and segment.seconds is None):
            controller.done()  # an open set, paced or not, ends on Done
        else:
            clock.set(wake)
            controller.pump()
    assert win.pages.currentWidget() is win.summary_page
    assert win.summary_page.heading.text().startswith("Completed")
    assert contents(private_home) == before


# -- a read-only data folder -------------------------------------------------------


@pytest.fixture
def readonly_home() -> Iterator[Path]:
    """A data folder with one saved session, then made read-only (reachable by nobody)."""
    root = Path(tempfile.mkdtemp(prefix="ct-reliability-ro-"))
    root.chmod(0o755)
    home = root / "ro"
    home.mkdir()
    with HistoryStore.in_folder(home) as store:
        uid = store.start_session("calf-achilles")
        store.finish_session(uid, "completed")
    for path in home.iterdir():
        path.chmod(0o444)
    home.chmod(0o555)
    yield home
    home.chmod(0o755)
    shutil.rmtree(root)


def test_a_read_only_folder_shows_history_and_the_workout_runs_unsaved(
    readonly_home: Path,
) -> None:
    before = contents(readonly_home)

    shown = cli(readonly_home, "history", "--json", nobody=True)
    assert shown.returncode == 0, shown.stderr
    assert "calf-achilles" in shown.stdout and "read-only" in shown.stderr

    result = cli(readonly_home, *RUN, nobody=True)

    assert_ran_to_the_end(result)
    assert "read-only" in result.stderr
    # Neither the history nor the journal can be written: said during the run, and at
    # the end the truth (issue 13: nothing is called kept that is only in memory).
    assert "Your sets could not be written to disk" in result.stdout
    assert "0 of 15 sets saved to your history; 15 could not be kept on disk." in result.stderr
    assert contents(readonly_home) == before


# -- a full disk and a lock, mid-workout (in process) ------------------------------

# Long names make every set's row need a page of its own, so a database capped at its
# current size (PRAGMA max_page_count) is "full" for the very next set.
LONG = "Single-leg Romanian deadlift to knee drive, slow and controlled " * 40
SETS = 12
FILLING = Circuit.model_validate(
    {
        "id": "filling",
        "title": "Filling",
        "defaults": {"prepare": 5, "rest": 5},
        "blocks": [
            {
                "exercises": [
                    {"id": "rdl", "name": LONG, "work": 20, "sets": SETS, "load": LONG},
                ]
            }
        ],
    }
)


def drive_to_the_end(workout: Workout, clock: FakeClock) -> list[Event]:
    events: list[Event] = []
    while not workout.finished:
        events += step(workout, clock)
    return events


def step(workout: Workout, clock: FakeClock) -> list[Event]:
    """Move the fake clock to the engine's next wake-up (or mark an open set done)."""
    wake = workout.engine.next_wakeup()
    if wake is None:
        return workout.done()
    clock.set(wake)
    return workout.pump()


def run_sets(workout: Workout, clock: FakeClock, count: int) -> list[CompletedSet]:
    done: list[CompletedSet] = []
    while len(done) < count:
        assert not workout.finished
        done += [e.done for e in step(workout, clock) if isinstance(e, SetCompleted)]
    return done


def stored(home: Path) -> list[tuple[int, str]]:
    """The sets in the file, read through a connection of its own."""
    conn = sqlite3.connect(f"{(home / 'history.db').as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT set_number, exercise_id FROM sets ORDER BY id").fetchall()
    finally:
        conn.close()
    return [(int(n), str(e)) for n, e in rows]


# A full disk mid-workout is reproduced for real (ENOSPC on a small tmpfs) in
# tests/reliability/test_data_loss.py: the writer has its own connection, out of reach
# of a PRAGMA max_page_count set here.


def fault_of(workout: Workout) -> str:
    """Wait (bounded) for the writer to report a fault; its one line for the runner."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        line = fault_line(workout.saving(), workout.journal_fault)
        if line is not None:
            return line
        time.sleep(0.01)
    raise AssertionError("the writer reported no fault")


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)


class Locker:
    """Another process holding an exclusive lock on the database until released."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            assert self.process.wait(timeout=10) == 0
        # Our ends of its pipes, closed here rather than left to the garbage collector.
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


@pytest.mark.usefixtures("short_busy_timeout")
def test_a_lock_held_by_another_process_mid_workout_delays_saving_only(
    private_home: Path,
) -> None:
    store = HistoryStore.in_folder(private_home)
    clock = FakeClock()
    workout = Workout(FILLING, clock, store)
    workout.start()
    first = run_sets(workout, clock, 3)

    locker = Locker(store.path)
    try:
        assert workout.settle(10)
        while_locked = run_sets(workout, clock, 2)
        assert not workout.finished
        assert "locked by another program" in fault_of(workout)
        assert workout.sets_recorded == 3 and workout.sets_kept == 5
        assert len(store.sets()) == 3  # the history still reads while locked
    finally:
        locker.release()

    rest = [e.done for e in drive_to_the_end(workout, clock) if isinstance(e, SetCompleted)]
    done = first + while_locked + rest
    assert workout.release(10)
    assert workout.status == "completed" and workout.sets_recorded == SETS == len(done)
    assert stored(private_home) == [(s.set_number, "rdl") for s in done]
    assert store.sessions()[0].status == "completed"
    workout.close()
    store.close()


@pytest.mark.usefixtures("short_busy_timeout")
def test_a_lock_held_when_the_workout_starts_delays_saving_only(
    private_home: Path,
) -> None:
    """Issue 13 case 1: the session's start waits in the journal with the sets (before,
    the whole workout went unsaved)."""
    HistoryStore.in_folder(private_home).close()
    store = HistoryStore.in_folder(private_home)
    locker = Locker(store.path)
    try:
        clock = FakeClock()
        workout = Workout(FILLING, clock, store)
        workout.start()
        run_sets(workout, clock, 2)
        assert "locked by another program" in fault_of(workout)
        assert store.sessions() == []  # nothing half-written
    finally:
        locker.release()
    drive_to_the_end(workout, clock)
    assert workout.release(10)
    assert workout.status == "completed" and workout.sets_recorded == SETS
    [session] = store.sessions()
    assert session.status == "completed" and len(store.sets()) == SETS
    workout.close()
    store.close()


def test_the_command_starts_while_another_process_holds_the_lock(private_home: Path) -> None:
    """Even with an unfinished session to close on opening (which needs the lock)."""
    with HistoryStore.in_folder(private_home) as store:
        uid = store.start_session("calf-achilles")
    # Its process is gone: opening tries to close it as partial.
    conn = sqlite3.connect(private_home / "history.db")
    conn.execute("UPDATE sessions SET owner_pid = 2147483646 WHERE uuid = ?", (uid,))
    conn.commit()
    conn.close()
    locker = Locker(private_home / "history.db")
    try:
        result = cli(private_home, *RUN, busy_ms=200)
    finally:
        locker.release()
    assert_ran_to_the_end(result)
    assert "locked by another program" in result.stderr
    assert "History is locked by another program" in result.stdout  # one line, at once
    assert "15 sets kept safely; they will be written to your history" in result.stderr
    # Once the lock is gone, the next opening writes the journal and closes the old
    # session as it should.
    assert saved_sessions(private_home) == [
        ("calf-achilles", "partial", 0), (CIRCUIT, "completed", TAPER_SETS),
    ]  # fmt: skip
