"""Kill at random: the terminal runner at high speed, SIGKILLed at 20 random moments.

After each kill the database passes PRAGMA integrity_check and holds the circuit's first
sets, in order; the next start (`history --json`) writes what the journal kept (issue
13: a set is journaled before it is reported, and written to SQLite behind), so every
set the runner reported is stored, once, and shows the session as partial.

The 20 runs go in parallel (each mostly sleeps, waiting for the next segment), once per
module; each seed is then checked by its own test, so a failure names its seed. A seed
fixes the moment of the kill: after 0 to 25 "set done" lines plus up to 250 ms (at 500x,
up to about 3 sets more), so some kills land while a set is being written or printed.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.core.library import load_library
from circuit_timer.core.planned_sets import planned_sets
from circuit_timer.files import paths
from circuit_timer.store.history import DB_NAME, HistoryStore
from tests.commandline import run_in

CIRCUIT = "pf-crash-course"  # 34 sets, 1968 s: 3.9 s at 500x
SPEED = "500"
SEEDS = list(range(20))
MAX_SETS_BEFORE_KILL = 25
MAX_EXTRA_DELAY = 0.25
WORKERS = 10
WATCHDOG_SECONDS = 60.0

# The terminal names the exercise ("Single-leg heel raise, towel under the toes, set 1/3 left,").
SET_DONE = re.compile(
    r" set done: (?P<exercise>.+), set (?P<number>\d+)/\d+(?: (?P<side>left|right))?,"
)

SetKey = tuple[str, int, str | None]


def _exercise_ids() -> dict[str, str]:
    circuit = load_library(paths.bundled_circuits_dir(), None).circuit(CIRCUIT)
    assert circuit is not None
    return {e.name: e.id for block in circuit.blocks for e in block.exercises}


EXERCISE_IDS = _exercise_ids()


@dataclass
class Killed:
    """What one run did before and after its SIGKILL."""

    seed: int
    home: Path
    kill_after_sets: int
    extra_delay: float
    lines_before_kill: list[str] = field(default_factory=list)
    lines_in_pipe: list[str] = field(default_factory=list)
    returncode: int | None = None
    stderr: str = ""
    integrity: list[tuple[Any, ...]] = field(default_factory=list)
    stored: list[tuple[int, int, str, int, str | None]] = field(default_factory=list)
    status_before: list[str] = field(default_factory=list)
    stored_after: list[tuple[int, int, str, int, str | None]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    history_stderr: str = ""
    status_after: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def reported(self) -> list[SetKey]:
        """Every set the runner printed as done (all printed before it died)."""
        found = []
        for line in self.lines_before_kill + self.lines_in_pipe:
            match = SET_DONE.search(line)
            if match:
                exercise = EXERCISE_IDS[match["exercise"]]
                found.append((exercise, int(match["number"]), match["side"]))
        return found


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "CIRCUIT_TIMER_HOME": str(home)}


def _raw_rows(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[Any]]:
    """integrity_check, the sets and the sessions, read with plain sqlite3 (opening the
    store would already repair or move aside what it finds)."""
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        sets = conn.execute(
            "SELECT block, round, exercise_id, set_number, side FROM sets ORDER BY id"
        ).fetchall()
        sessions = conn.execute("SELECT status, ended_at FROM sessions ORDER BY id").fetchall()
    finally:
        conn.close()
    return integrity, sets, sessions


def _kill_one(seed: int, home: Path) -> Killed:
    rng = random.Random(seed)
    run = Killed(seed, home, rng.randint(0, MAX_SETS_BEFORE_KILL), rng.uniform(0, MAX_EXTRA_DELAY))
    process = subprocess.Popen(
        [sys.executable, "-m", "circuit_timer", "run", CIRCUIT, "--speed", SPEED, "--auto"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(home),
    )
    watchdog = threading.Timer(WATCHDOG_SECONDS, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None
        sets_seen = 0
        # Wait for the first line at least: by then the session has been started.
        while not run.lines_before_kill or sets_seen < run.kill_after_sets:
            line = process.stdout.readline()
            if not line:
                break
            run.lines_before_kill.append(line)
            sets_seen += " set done: " in line
        time.sleep(run.extra_delay)
        process.send_signal(signal.SIGKILL)
        rest, run.stderr = process.communicate(timeout=WATCHDOG_SECONDS)
        run.lines_in_pipe = rest.splitlines(keepends=True)
        run.returncode = process.returncode
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()

    integrity, sets, sessions = _raw_rows(home / DB_NAME)
    run.integrity = integrity
    run.stored = [(b, r, e, n, s) for b, r, e, n, s in sets]
    run.status_before = [status for status, _ in sessions]
    return run


def _next_start(run: Killed) -> None:
    """The next start after the kill: ``history --json`` on the dead runner's home. Run
    here, in this process, one run after another (the command reads its home from the
    environment): a new interpreter for each cost more than the runs being killed."""
    status, out, run.history_stderr = run_in(run.home, "history", "--json")
    if status == 0:
        run.history = json.loads(out)
    _, sets_after, after = _raw_rows(run.home / DB_NAME)
    run.stored_after = [(b, r, e, n, s) for b, r, e, n, s in sets_after]
    run.status_after = [(status, ended) for status, ended in after]


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Killed]:
    """All 20 runs, killed, keyed by seed."""
    homes = {seed: tmp_path_factory.mktemp(f"kill-{seed}") for seed in SEEDS}
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {seed: pool.submit(_kill_one, seed, homes[seed]) for seed in SEEDS}
        runs = {seed: future.result() for seed, future in futures.items()}
    for run in runs.values():
        _next_start(run)
    return runs


@pytest.fixture(scope="module")
def planned() -> list[tuple[int, int, str, int, str | None]]:
    circuit = load_library(paths.bundled_circuits_dir(), None).circuit(CIRCUIT)
    assert circuit is not None
    return [(p.block, p.round, p.exercise_id, p.set_number, p.side) for p in planned_sets(circuit)]


@pytest.mark.parametrize("seed", SEEDS, ids=[f"seed-{s}" for s in SEEDS])
def test_a_run_killed_at_random_keeps_its_sets_and_comes_back_partial(
    seed: int,
    killed: dict[int, Killed],
    planned: list[tuple[int, int, str, int, str | None]],
) -> None:
    run = killed[seed]
    where = (
        f"seed {seed}: killed after {run.kill_after_sets} sets + {run.extra_delay * 1000:.0f} ms"
    )
    printed = "".join(run.lines_before_kill + run.lines_in_pipe)
    assert run.returncode == -signal.SIGKILL, f"{where}: not killed\n{printed}{run.stderr}"
    assert "finished:" not in printed, f"{where}: the run ended before the kill"
    assert "Traceback" not in run.stderr, where

    # Right after the kill, before anything opens the store.
    assert run.integrity == [("ok",)], f"{where}: {run.integrity}"
    # The writer may not have reached SQLite yet: the journal has what it has not.
    assert run.status_before in ([], ["in_progress"]), where
    # What was stored is the circuit's first sets, in order: no gap, nothing twice.
    assert run.stored == planned[: len(run.stored)], where
    assert run.stored_after == planned[: len(run.stored_after)], where
    reported = Counter(run.reported)
    stored = Counter((e, n, s) for _, _, e, n, s in run.stored_after)
    missing = reported - stored
    assert not missing, f"{where}: reported but not stored: {sorted(missing)}\n{printed}"
    assert len(run.reported) >= min(run.kill_after_sets, len(planned)), where

    # The next start finds the session of the dead runner and keeps it as partial.
    assert "unfinished session from an earlier run kept as partial" in run.history_stderr, (
        f"{where}: {run.history_stderr}"
    )
    [session] = run.history
    assert session["status"] == "partial", where
    assert session["circuit_id"] == CIRCUIT
    assert session["sets"] == len(run.stored_after), where
    [(status, ended_at)] = run.status_after
    assert status == "partial" and ended_at is not None, where
    with HistoryStore.in_folder(run.home, recover=False) as store:
        assert store.integrity_ok(), where
        assert not store.notices, f"{where}: {store.notices}"
