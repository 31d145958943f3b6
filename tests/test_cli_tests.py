"""Tests to failure from the command line: counts logged with --count, an --auto run that
counts nothing, and the left-right balance that follows (only from counted tests)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from circuit_timer.store.history import HistoryStore
from tests.commandline import Cli
from tests.paths import DATA

CHECK = DATA / "tests" / "left-right-check.yaml"


@pytest.fixture(autouse=True)
def test_circuit(private_home: Path) -> None:
    """The test circuit in the runner's own library."""
    (private_home / "circuits").mkdir()
    shutil.copy(CHECK, private_home / "circuits")


def test_log_with_counts_gives_an_lsi_of_about_71_flagged(
    cli: Cli,
) -> None:
    out = cli.ok("log", "left-right-check", "--count", "heel-raise=22,31",
             "--count", "wall-sit=35", "--date", "2026-11-20", "--as-of", "2026-11-24")  # fmt: skip
    assert "heel-raise: LSI 71% (left side weaker, under the usual 90% flag)" in out
    assert "retests vary by about 7-13% LSI" in out
    assert "Not counted: bridge." in out
    [item] = json.loads(cli.ok("asymmetry", "--json", "--as-of", "2026-11-24"))
    assert item["exercise_id"] == "heel-raise"
    latest = item["latest"]
    assert (latest["left"], latest["right"], latest["weaker"]) == (22, 31, "left")
    assert latest["lsi"] == pytest.approx(2200 / 31)  # 70.97
    assert latest["flagged"] is True
    assert "7-13%" in item["note"]
    # Counts go to every set of that exercise and side, as counted; the rest are targets.
    text = cli.ok("asymmetry", "--as-of", "2026-11-24")
    assert "UNDER 90%" in text and "left 22 reps, right 31 reps" in text


def test_log_without_counts_stores_no_lsi_and_no_made_up_reps(
    cli: Cli,
) -> None:
    out = cli.ok("log", "left-right-check", "--date", "2026-11-20", "--as-of", "2026-11-24")
    assert "Not counted: bridge, heel-raise, wall-sit." in out
    assert json.loads(cli.ok("asymmetry", "--json", "--as-of", "2026-11-24")) == []
    assert "No counted left-right tests yet" in cli.ok("asymmetry", "--as-of", "2026-11-24")


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("heelraise=22,31", "has no exercise 'heelraise' (did you mean 'heel-raise'?)"),
        ("heel-raise=22", "is done on each side: give --count heel-raise=LEFT,RIGHT"),
        ("wall-sit=30,31", "is done with both legs at once, not per side"),
        ("heel-raise=22,many", "'many' is not a whole number of reps"),
        ("heel-raise=22.5,31", "'22.5' is not a whole number of reps"),
        ("heel-raise=-2,31", "reps cannot be negative (-2)"),
        ("heel-raise", "--count needs EXERCISE=LEFT,RIGHT"),
        ("pogo=20", "'pogo' is timed: it has no reps to count"),
        ("calf-stretch=1,1", "'calf-stretch' is a hold: it has no reps to count"),
    ],
)
def test_bad_counts_are_one_line_and_store_nothing(cli: Cli, count: str, message: str) -> None:
    status, _, err = cli.run("log", "left-right-check", "--count", count)
    assert status == 2  # a usage error, as a bad --load is
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert json.loads(cli.ok("history", "--json")) == []


def test_the_same_exercise_counted_twice_is_refused(cli: Cli) -> None:
    status, _, err = cli.run("log", "left-right-check", "--count", "heel-raise=1,2",
                         "--count", "heel-raise=3,4")  # fmt: skip
    assert status == 2 and "given twice" in err


def test_an_auto_run_counts_nothing_so_it_stores_no_lsi(private_home: Path) -> None:
    # --auto ends each open set at its estimate without a single press of +.
    result = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "run", "left-right-check", "--auto",
         "--no-sound", "--speed", "1000"],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        env={**os.environ, "CIRCUIT_TIMER_HOME": str(private_home)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    env = {**os.environ, "CIRCUIT_TIMER_HOME": str(private_home)}

    def cli_json(*args: str) -> object:
        command = [sys.executable, "-m", "circuit_timer", *args]
        out = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
        return json.loads(out.stdout)

    [session] = cli_json("history", "--json")  # type: ignore[misc]
    assert session["status"] == "completed"
    assert cli_json("asymmetry", "--json") == []
    with HistoryStore.in_folder(private_home) as store:
        sets = store.sets()
    assert len(sets) == 12 and not any(s.counted for s in sets)
