"""Two instances at once on one data folder: they work safely side by side.

Each records its own session, no set is lost or mixed up, the file stays sound, and the
second one starting does not take the first one's running session for an abandoned one.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from circuit_timer.core.library import load_library
from circuit_timer.core.planned_sets import planned_sets
from circuit_timer.core.records import CompletedSet
from circuit_timer.files import paths
from circuit_timer.store.history import HistoryStore

# The first runs longer (about 6.6 s at 300x), so it is surely still going while the
# second (about 3.4 s) starts, opens the history and records.
FIRST, SECOND = "pf-crash-course", "taper-maintenance"


def start(home: Path, circuit: str, out: IO[str], err: IO[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "circuit_timer", "run", circuit, "--speed", "300", "--auto"],
        stdin=subprocess.DEVNULL,
        stdout=out,
        stderr=err,
        text=True,
        env={**os.environ, "CIRCUIT_TIMER_HOME": str(home)},
    )


def wait_for(path: Path, text: str, process: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while text not in path.read_text():
        assert process.poll() is None, f"ended before {text!r}: {path.read_text()[-500:]}"
        assert time.monotonic() < deadline, f"never saw {text!r}"
        time.sleep(0.02)


def status_of(home: Path, circuit: str) -> str:
    """The stored status of ``circuit``'s session, read without touching anything."""
    conn = sqlite3.connect(f"{(home / 'history.db').as_uri()}?mode=ro", uri=True)
    try:
        [(status,)] = conn.execute(
            "SELECT status FROM sessions WHERE circuit_id = ?", (circuit,)
        ).fetchall()
    finally:
        conn.close()
    return str(status)


def planned(circuit_id: str) -> list[tuple[int, int, str, int, str | None]]:
    circuit = load_library(paths.bundled_circuits_dir(), None).circuit(circuit_id)
    assert circuit is not None
    return [(p.block, p.round, p.exercise_id, p.set_number, p.side) for p in planned_sets(circuit)]


def test_two_runs_at_once_both_complete_with_every_set(private_home: Path, tmp_path: Path) -> None:
    logs = {name: tmp_path / name for name in ("out1", "err1", "out2", "err2")}
    files = {name: path.open("w") for name, path in logs.items()}
    first = start(private_home, FIRST, files["out1"], files["err1"])
    second = None
    try:
        wait_for(logs["out1"], " set done: ", first)  # its session is in the file
        second = start(private_home, SECOND, files["out2"], files["err2"])
        wait_for(logs["out2"], " set done: ", second)  # it opened the history and records
        assert first.poll() is None, "the first run ended too soon to test anything"
        # The second did not mark the first's running session partial (its owner lives).
        assert status_of(private_home, FIRST) == "in_progress"
        assert first.wait(timeout=60) == 0, logs["err1"].read_text()
        assert second.wait(timeout=60) == 0, logs["err2"].read_text()
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
        for handle in files.values():
            handle.close()

    for n in ("1", "2"):
        err = logs[f"err{n}"].read_text()
        assert "Traceback" not in err and "unfinished session" not in err
        assert "could not be saved" not in err and "not being saved" not in err
        assert logs[f"out{n}"].read_text().splitlines()[-1].endswith("finished: completed")

    with HistoryStore.in_folder(private_home) as store:
        assert store.integrity_ok()
        sessions = {s.circuit_id: s for s in store.sessions()}
        assert set(sessions) == {FIRST, SECOND}
        for circuit_id, session in sessions.items():
            assert session.status == "completed"
            saved = [
                (s.block, s.round, s.exercise_id, s.set_number, s.side)
                for s in store.sets(session_uuid=session.uuid)
            ]
            assert saved == planned(circuit_id), circuit_id


def record(store: HistoryStore, uid: str, number: int) -> None:
    store.record_set(
        uid, CompletedSet(block=0, round=1, exercise_id="heel-raise", set_number=number, side=None,
        reps_target=12, reps_done=number % 13, seconds=30.0, exercise_name="Heel raise",
        dose="12 reps"),
    )  # fmt: skip


def test_two_connections_writing_interleaved_sets(private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as one, HistoryStore.in_folder(private_home) as two:
        # The second opening left the first's session alone (same process, alive).
        a = one.start_session("circuit-a")
        assert two.recover_unfinished() == 0
        b = two.start_session("circuit-b")
        for number in range(1, 31):
            record(one, a, number)
            record(two, b, number)
            # Each sees the other's writes at once.
            assert len(one.sets()) == len(two.sets()) == 2 * number
        one.finish_session(a, "completed")
        two.finish_session(b, "completed")

    with HistoryStore.in_folder(private_home) as store:
        assert store.integrity_ok()
        for uid in (a, b):
            assert [s.set_number for s in store.sets(session_uuid=uid)] == list(range(1, 31))
            session = store.session(uid)
            assert session is not None and session.status == "completed"


def test_two_connections_writing_at_the_same_time_from_two_threads(private_home: Path) -> None:
    HistoryStore.in_folder(private_home).close()
    errors: list[BaseException] = []
    uids: list[str] = []
    go = threading.Barrier(2)

    def writer(name: str) -> None:
        try:
            # A connection of the thread's own, as another instance would have.
            with HistoryStore.in_folder(private_home) as store:
                uid = store.start_session(name)
                uids.append(uid)
                go.wait(timeout=10)
                for number in range(1, 101):
                    record(store, uid, number)
                store.finish_session(uid, "completed")
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"circuit-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with HistoryStore.in_folder(private_home) as store:
        assert store.integrity_ok()
        assert len(store.sessions(status="completed")) == 2
        for uid in uids:
            assert [s.set_number for s in store.sets(session_uuid=uid)] == list(range(1, 101))
