"""Issue 13's data-loss cases 1, 2, 3, 6 and 7, end to end: the terminal runner as the
runner starts it (``circuit-timer run ... --auto``), with another process or the machine
against it. In each, every set the run reports is in ``history --json`` exactly once,
with the status the workout really ended with.

- 1: another process holds the database locked, longer than the old 5 s busy timeout,
  as the workout starts.
- 2: the database is locked mid-workout until after the end (and a SIGTERM while it is
  locked ends the run at once, as finished early, nothing lost).
- 3: the disk fills mid-workout and stays full: a real ENOSPC, from a 2 MB tmpfs mounted
  in a user and mount namespace (``unshare``; skipped where the kernel forbids it).
- 6: ``history.db`` is deleted during the run.
- 7: the run is killed and its write-ahead log then damaged: the damaged files are kept
  beside the database and every reported set comes back from the run's journal.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.commandline import run_in

CIRCUIT = "taper-maintenance"  # 15 sets, 939 s of workout
SETS = 15
SET_DONE = " set done: "
ENV_TIMEOUT = 120

# Holds an exclusive lock until a line on stdin (or, given seconds, for that long).
LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
if len(sys.argv) > 2:
    time.sleep(float(sys.argv[2]))
else:
    sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "CIRCUIT_TIMER_HOME": str(home)}


def start_run(home: Path, speed: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "circuit_timer", "run", CIRCUIT, "--auto", "--no-sound",
         "--speed", str(speed)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env(home),
    )  # fmt: skip


def read_sets(process: subprocess.Popen[str], count: int) -> list[str]:
    """Lines of the run's output until ``count`` sets are done."""
    assert process.stdout is not None
    lines: list[str] = []
    while sum(SET_DONE in line for line in lines) < count:
        line = process.stdout.readline()
        assert line, "the run ended early"
        lines.append(line)
    return lines


def finish(process: subprocess.Popen[str], before: list[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=ENV_TIMEOUT)
    return process.returncode, "".join(before) + out, err


def history(home: Path) -> list[dict[str, Any]]:
    """``history --json`` on ``home``: the next start (in this process: see run_in)."""
    status, out, err = run_in(home, "history", "--json")
    assert status == 0, err
    # The journal a run left is written in full at this start, not left for later.
    assert "kept in" not in err and "could not be written" not in err, err
    rows: list[dict[str, Any]] = json.loads(out)
    return rows


def stored_sets(home: Path) -> Counter[tuple[str, int, str | None]]:
    """Every set in the database (by exercise, set and side), counted."""
    import sqlite3

    conn = sqlite3.connect(f"{(home / 'history.db').as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT exercise_id, set_number, side FROM sets").fetchall()
    finally:
        conn.close()
    return Counter((str(e), int(n), s) for e, n, s in rows)


def assert_all_kept(home: Path, out: str, status: str) -> None:
    """The run reported ``SETS`` sets; history has one session with each exactly once."""
    assert out.count(SET_DONE) == SETS
    [session] = history(home)
    assert (session["circuit_id"], session["status"], session["sets"]) == (CIRCUIT, status, SETS)
    counts = stored_sets(home)
    assert len(counts) == SETS and set(counts.values()) == {1}
    assert list((home / "journal").iterdir()) == []  # written, checkpointed, removed


class Locker:
    """Another process with an exclusive lock on the database."""

    def __init__(self, db: Path, seconds: float | None = None) -> None:
        extra = [] if seconds is None else [str(seconds)]
        self.process = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(db), *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.process.stdin is not None
        if self.process.poll() is None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
        assert self.process.wait(timeout=ENV_TIMEOUT) == 0
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


def a_history(home: Path) -> Path:
    history(home)  # makes the database (and its tables)
    return home / "history.db"


def test_case_1_locked_longer_than_5_s_as_the_workout_starts(private_home: Path) -> None:
    # Past the old 5 s busy timeout, and gone before the run ends (about 7.5 s), so the
    # run itself writes what waited.
    locker = Locker(a_history(private_home), seconds=6)
    try:
        run = start_run(private_home, speed=125)
        code, out, err = finish(run, [])
    finally:
        locker.release()
    assert code == 0, err
    assert "History is locked by another program" in out
    assert "internal error" not in err and "Traceback" not in err
    assert_all_kept(private_home, out, "completed")


def test_case_2_locked_mid_workout_until_after_the_end(private_home: Path) -> None:
    db = a_history(private_home)
    run = start_run(private_home, speed=200)
    before = read_sets(run, 4)
    locker = Locker(db)
    try:
        code, out, err = finish(run, before)
        # Still locked at the end: the truth, and the status the workout really had.
        assert "kept safely" in err.splitlines()[-1], err
        assert err.splitlines()[-1].startswith("Taper maintenance: completed, ")
    finally:
        locker.release()
    assert code == 0, err
    assert out.count("History is locked by another program") == 1, out
    assert_all_kept(private_home, out, "completed")


def test_case_2_sigterm_while_locked_ends_at_once_and_keeps_every_set(
    private_home: Path,
) -> None:
    db = a_history(private_home)
    run = start_run(private_home, speed=100)
    before = read_sets(run, 3)
    locker = Locker(db)
    try:
        before += read_sets(run, 2)  # two sets done while locked
        run.send_signal(signal.SIGTERM)
        # Before the journal this took 15 s and lost 2 sets; the writer now has 1 s.
        out, err = run.communicate(timeout=10)
    finally:
        locker.release()
    assert run.returncode == 3, err
    reported = ("".join(before) + out).count(SET_DONE)
    assert reported >= 5
    assert "kept safely" in err.splitlines()[-1], err
    [session] = history(private_home)
    journals = sorted(p.name for p in (private_home / "journal").iterdir())
    assert (session["status"], session["sets"]) == ("partial", reported), (err, journals)
    assert set(stored_sets(private_home).values()) == {1}


def test_case_6_history_db_deleted_during_the_run(private_home: Path) -> None:
    db = a_history(private_home)
    run = start_run(private_home, speed=200)
    before = read_sets(run, 5)
    for name in ("history.db", "history.db-wal", "history.db-shm"):
        (private_home / name).unlink(missing_ok=True)
    code, out, err = finish(run, before)
    assert code == 0, err
    assert err.splitlines()[-1] == "Taper maintenance: completed, 15 sets saved to your history."
    assert db.exists()
    assert_all_kept(private_home, out, "completed")


# -- case 3: a real full disk ---------------------------------------------------------

# Runs as root of its own user namespace: mounts a small tmpfs as the data folder, runs
# the workout there, fills the disk after the 4th set (a file written until ENOSPC), lets
# the workout end on the full disk, and copies the data folder out (without the filler).
FULL_DISK = r"""
import json, os, shutil, subprocess, sys
home, out_dir, size = sys.argv[1], sys.argv[2], sys.argv[3]
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", home], check=True)
env = {**os.environ, "CIRCUIT_TIMER_HOME": home}
cmd = [sys.executable, "-m", "circuit_timer"]
subprocess.run([*cmd, "history", "--json"], env=env, check=True, capture_output=True)
run = subprocess.Popen([*cmd, "run", "taper-maintenance", "--auto", "--no-sound",
                        "--speed", "200"], env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
lines, done = [], 0
while done < 4:
    line = run.stdout.readline()
    if not line:
        break
    lines.append(line)
    done += " set done: " in line
full = False
# Unbuffered: a buffered file would raise ENOSPC again when closed, with what it held.
with open(os.path.join(home, "filler"), "wb", buffering=0) as filler:
    try:
        while True:
            filler.write(b"\0" * 65536)
    except OSError:
        full = True
rest, err = run.communicate(timeout=120)
shutil.copytree(home, out_dir, ignore=shutil.ignore_patterns("filler"))
print(json.dumps({"code": run.returncode, "out": "".join(lines) + rest, "err": err,
                  "full": full}))
"""


def test_case_3_disk_full_mid_workout_until_the_end(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1) to mount a small tmpfs")
    mount_point, copied = tmp_path / "tmpfs", tmp_path / "after"
    mount_point.mkdir()
    result = subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", sys.executable, "-c", FULL_DISK,
         str(mount_point), str(copied), "2m"],
        capture_output=True, text=True, timeout=ENV_TIMEOUT,
    )  # fmt: skip
    if result.returncode != 0 and "mount" in result.stderr and not copied.exists():
        pytest.skip(f"cannot mount a tmpfs in a user namespace here: {result.stderr[-200:]}")
    assert result.returncode == 0, result.stderr
    ran = json.loads(result.stdout)
    assert ran["full"] and ran["code"] == 0, ran["err"]
    assert "The disk is full" in ran["out"]
    last = ran["err"].splitlines()[-1]
    assert last.startswith("Taper maintenance: completed, ") and "kept safely" in last, last
    assert "could not be kept" not in last
    # The next start, on a disk with room, writes what the journal kept.
    assert_all_kept(copied, ran["out"], "completed")


def test_case_7_a_crash_then_a_damaged_wal_loses_no_reported_set(
    private_home: Path, tmp_path: Path
) -> None:
    # The run is killed (nothing checkpointed, its journal left), then one frame of the
    # log is damaged, so SQLite drops every commit after it. The damaged files are
    # copied aside and every set the run reported comes back from its journal.
    import struct

    a_history(private_home)
    run = start_run(private_home, speed=100)
    lines = read_sets(run, 6)
    run.kill()
    run.communicate(timeout=ENV_TIMEOUT)
    reported = "".join(lines).count(SET_DONE)
    wal = private_home / "history.db-wal"
    data = bytearray(wal.read_bytes())
    page_size = struct.unpack(">I", data[8:12])[0]
    frames = (len(data) - 32) // (24 + page_size)
    assert frames > 4  # the sets are in the log, not yet in history.db
    data[32 + (frames // 3) * (24 + page_size) + 24 + page_size // 2] ^= 0x5A
    wal.write_bytes(bytes(data))
    # What SQLite alone makes of the damaged files (read from a copy): sets lost.
    alone = tmp_path / "sqlite-alone"
    alone.mkdir()
    for name in ("history.db", "history.db-wal"):
        shutil.copy(private_home / name, alone / name)
    assert sum(stored_sets(alone).values()) < reported

    status, out, err = run_in(private_home, "history", "--json")

    assert status == 0 and "Traceback" not in err, err
    assert "Kept a copy of the damaged history at " in err
    kept = [p.name for p in private_home.iterdir() if ".damaged-" in p.name]
    assert any(name.endswith("-wal") for name in kept), kept
    [session] = json.loads(out)
    assert (session["circuit_id"], session["status"]) == (CIRCUIT, "partial")
    assert session["sets"] >= reported
    counts = stored_sets(private_home)
    assert sum(counts.values()) == session["sets"] and set(counts.values()) == {1}


def test_a_plan_session_killed_mid_workout_keeps_its_ladder_steps(private_home: Path) -> None:
    # The steps ride in the session's start record: a run killed before it ends (nothing
    # saved after the workout) still has them once its journal is written at the next start.
    from datetime import date, timedelta

    from circuit_timer.store.history import HistoryStore

    now = date.today()
    race, start = str(now + timedelta(days=28)), str(now - timedelta(days=4))
    steps = [["plan", "start", "pf-crash-course-4-weeks", "--race-date", race, "--as-of", start]]
    for back in (4, 2):  # two clean sessions: today's heel raise has earned step 1
        day = str(now - timedelta(days=back))
        steps.append(["pain", "2", "--date", day, "--as-of", day])
        steps.append(["log", "pf-crash-course", "--date", day, "--pain", "2", "--as-of", day])
    for step in steps:  # the history before the run: made in this process
        status, _, err = run_in(private_home, *step)
        assert status == 0, err
    run = subprocess.Popen(
        [sys.executable, "-m", "circuit_timer", "run", "--auto", "--no-sound", "--speed", "100"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env(private_home),
    )  # fmt: skip
    read_sets(run, 2)
    run.kill()
    run.communicate(timeout=ENV_TIMEOUT)

    killed = [row for row in history(private_home) if row["date"] == now.isoformat()]
    assert [row["status"] for row in killed] == ["partial"]
    with HistoryStore.in_folder(private_home) as store:
        kept = store.ladder_steps("pf-crash-course-4-weeks", now, now)
    assert kept == {killed[0]["uuid"]: {"towel-heel-raise": 1}}
