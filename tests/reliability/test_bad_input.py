"""Each bad input a hostile tester gave the command line (issue 13): a one-line message
naming the field and its range, exit 1 or 2, no "internal error", history unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.commandline import Cli

PLAN = "pf-crash-course-4-weeks"
CIRCUIT = "calf-achilles"
TEST_CIRCUIT = "heel-raise-test"


def _refused(cli: Cli, *args: str, says: str) -> str:
    """Run a command that must be refused; the history (one session) must be what it was."""
    if cli.ok("history", "--json").strip() == "[]":
        yesterday = (date.today() - timedelta(days=1)).isoformat()
        cli.ok("log", CIRCUIT, "--date", yesterday, "--note", "kept")
    before = cli.ok("history", "--json")
    assert '"kept"' in before
    status, _, err = cli.run(*args)
    assert status in (1, 2), (status, err)
    assert "internal error" not in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert says in err
    assert cli.ok("history", "--json") == before
    return err


@pytest.mark.parametrize("race", ["9999-01-01", "0001-01-01"])
def test_a_race_date_far_off_is_refused_with_its_range(cli: Cli, race: str) -> None:
    err = _refused(cli, "plan", "start", PLAN, "--race-date", race, says="--race-date")
    assert str(date.today()) in err
    cli.ok("streak")


def test_a_race_date_two_years_ahead_is_the_last_one_taken(cli: Cli) -> None:
    last = date.today() + timedelta(days=730)
    cli.ok("plan", "start", PLAN, "--race-date", last.isoformat())
    _refused(
        cli, "plan", "start", PLAN, "--race-date", (last + timedelta(days=1)).isoformat(),
        says=f"--race-date must be from {date.today()} to {last}",
    )  # fmt: skip


def test_new_with_a_300_character_name_names_the_limit(cli: Cli) -> None:
    _refused(cli, "new", "a" * 300, says="NAME must be 1 to 100 characters")


@pytest.mark.parametrize("zone", ["UTC", "Etc/GMT-14"])
def test_log_on_year_one_is_refused(cli: Cli, zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        _refused(cli, "log", CIRCUIT, "--date", "0001-01-01", says="--date must be from 1970")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_as_of_in_year_9999_is_refused(cli: Cli) -> None:
    _refused(cli, "streak", "--as-of", "9999-12-31", says="--as-of must be from 1970-01-01")


def test_a_home_of_an_unknown_user_is_refused(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", "~nosuchuser-circuit-timer")
    status, _, err = cli.run("history")
    assert status == 1
    assert "internal error" not in err
    assert err.strip() == (
        "circuit-timer: CIRCUIT_TIMER_HOME=~nosuchuser-circuit-timer: cannot find that "
        "home folder; give a full path"
    )


def test_a_folder_as_history_db_is_refused_and_left(cli: Cli, private_home: Path) -> None:
    (private_home / "history.db").mkdir()
    status, _, err = cli.run("history")
    assert status == 1
    assert "internal error" not in err
    assert "history.db is a folder, not a history database" in err
    assert (private_home / "history.db").is_dir()


def test_a_fifo_as_history_db_is_refused_at_once(private_home: Path) -> None:
    fifo = private_home / "history.db"
    os.mkfifo(fifo)
    # A child process: were the check gone, opening the FIFO would block this test run.
    env = {**os.environ, "CIRCUIT_TIMER_HOME": str(private_home)}
    done = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "history"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "not a regular file (a pipe or device)" in done.stderr
    assert "internal error" not in done.stderr
    assert fifo.is_fifo()


@pytest.mark.parametrize("reps", ["1001", "9223372036854775807", "99999999999999999999999"])
def test_log_count_reps_are_bounded(cli: Cli, reps: str) -> None:
    _refused(
        cli, "log", TEST_CIRCUIT, "--count", f"single-leg-heel-raise-test=5,{reps}",
        says="reps must be from 0 to 1000",
    )  # fmt: skip


@pytest.mark.parametrize("score", ["11", "-1", "99999999999999999999999", "²"])
def test_pain_scores_are_bounded(cli: Cli, score: str) -> None:
    _refused(cli, "pain", score, says="pain must be")
    _refused(cli, "log", CIRCUIT, "--pain", score, says="pain must be")


@pytest.mark.parametrize("target", ["0", "15", "²", "1" * 5000])
def test_weekly_target_is_bounded(cli: Cli, target: str) -> None:
    _refused(
        cli, "settings", "weekly_target", target,
        says="weekly_target must be a whole number from 1 to 14",
    )  # fmt: skip


def test_a_stored_weekly_target_that_is_not_a_number_does_not_break_streak(
    cli: Cli, private_home: Path
) -> None:
    import sqlite3

    cli.ok("history")  # creates the database
    conn = sqlite3.connect(private_home / "history.db")
    with conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('weekly_target', '²')")
    conn.close()
    status, out, err = cli.run("streak")
    assert status == 0
    assert "Weeks in a row with 3+ sessions" in out
    assert err.count("weekly_target '²' is not a whole number from 1 to 14; using 3") == 1


@pytest.mark.parametrize("speed", ["1e-300", "nan", "0", "10001"])
def test_run_speed_is_bounded(cli: Cli, speed: str) -> None:
    _refused(cli, "run", CIRCUIT, "--speed", speed, "--no-sound", says="--speed must be from 0.01")
