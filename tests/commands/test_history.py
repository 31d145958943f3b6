"""The history commands (log, history, streak, pain, asymmetry, export, import): what the
runner types and reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.commandline import Cli

AS_OF = ("--as-of", "2026-11-24")


def test_a_logged_session_is_in_the_history_with_its_pain_and_note(cli: Cli) -> None:
    out = cli.ok("log", "pf-crash-course", "--date", "2026-11-23", "--pain", "2",
                 "--note", "easy", *AS_OF)  # fmt: skip
    assert out.startswith("Logged pf-crash-course on 2026-11-23: ")
    [row] = json.loads(cli.ok("history", "--json", *AS_OF))
    assert (row["date"], row["pain_after"], row["notes"], row["source"]) == (
        "2026-11-23",
        2,
        "easy",
        "log",
    )


def test_pain_is_recorded_once_a_day_and_a_second_score_replaces_it(cli: Cli) -> None:
    first = cli.ok("pain", "4", *AS_OF)
    assert first.startswith("Recorded first-step morning pain 4/10 for 2026-11-24.")
    again = cli.ok("pain", "3", *AS_OF)
    assert again.startswith("Replaced first-step morning pain 3/10 for 2026-11-24.")
    trend = json.loads(cli.ok("pain", "--trend", "--json", *AS_OF))
    assert [p["value"] for p in trend["trend"]["points"]] == [3]


def test_pain_needs_a_score_or_trend_and_refuses_the_future(cli: Cli) -> None:
    status, _, err = cli.run("pain", *AS_OF)
    assert status == 2 and "give a pain score 0-10, or --trend" in err
    status, _, err = cli.run("pain", "2", "--date", "2026-11-25", *AS_OF)
    assert status == 1 and "2026-11-25 is in the future" in err
    status, _, err = cli.run("pain", "-1", *AS_OF)
    assert status != 0 and "Traceback" not in err


def test_no_history_yet_says_so_rather_than_printing_nothing(cli: Cli) -> None:
    assert json.loads(cli.ok("history", "--json")) == []
    assert "No morning pain recorded yet" in cli.ok("pain", "--trend", *AS_OF)


def test_export_writes_what_import_reads_back(cli: Cli, tmp_path: Path, private_home: Path) -> None:
    cli.ok("pain", "5", "--date", "2026-11-22", *AS_OF)
    cli.ok("export", str(tmp_path / "mine.json"))
    exported = json.loads((tmp_path / "mine.json").read_text())
    assert exported["format"] == "circuit-timer-history"
    assert [(p["date"], p["value"]) for p in exported["pain_entries"]] == [("2026-11-22", 5)]
    (private_home / "history.db").unlink()
    assert cli.ok("import", str(tmp_path / "mine.json")) == "Imported 1 pain entry.\n"


def test_import_replace_plan_follows_the_imported_plan(
    cli: Cli, tmp_path: Path, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = ("plan", "start", "--race-date")
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(tmp_path / "other"))
    cli.ok(*start, "2026-12-20", "--as-of", "2026-11-20", "pf-crash-course-4-weeks")
    cli.ok("export", str(tmp_path / "other.json"))
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(private_home))
    cli.ok(*start, "2027-01-31", "--as-of", "2026-11-10", "stronger-feet-8-weeks")

    out = cli.ok("import", str(tmp_path / "other.json"), "--replace-plan")

    assert out.splitlines() == [
        "Imported 1 plan enrolment.",
        "The plan you followed here (stronger-feet-8-weeks) was ended and kept in your "
        "history; the imported plan replaces it.",
    ]
    status = cli.ok("plan", "status", "--as-of", "2026-11-24")
    assert status.startswith(
        "Plantar fasciitis crash course, 3-4 weeks to race day: race on Sun 20 Dec 2026"
    )


def test_log_load_is_stored_on_each_set_of_its_exercise_and_shown_in_history(cli: Cli) -> None:
    cli.ok("log", "pf-crash-course", "--date", "2026-11-23", "--load", "towel-heel-raise=7.5",
           "--load", "banded-eversion=bw", *AS_OF)  # fmt: skip
    [row] = json.loads(cli.ok("history", "--json", *AS_OF))
    loads = {(x["exercise_id"], x["set"], x["side"]): (x["load_kg"], x["bodyweight"])
             for x in row["loads"]}  # fmt: skip
    assert {k[0] for k in loads} == {"towel-heel-raise", "banded-eversion"}
    assert loads[("towel-heel-raise", 3, "right")] == (7.5, False)
    assert loads[("banded-eversion", 1, "left")] == (None, True)
    assert len(loads) == 12  # three sets a side of each: only these two carry a load
    # history --csv stays one plain row per session.
    assert "loads" not in cli.ok("history", "--csv", *AS_OF).splitlines()[0]


@pytest.mark.parametrize(
    ("load", "message"),
    [
        ("towel-heel-raise=0", "--load towel-heel-raise: a load must be above 0 and at most 300"),
        ("towel-heel-raise=lots", "--load towel-heel-raise: 'lots' is not kilograms"),
        ("heel=5", "has no exercise 'heel'"),
        ("towel-heel-raise", "--load needs EXERCISE=KG"),
    ],
)
def test_a_bad_log_load_is_one_line_exit_2_and_logs_nothing(
    cli: Cli, load: str, message: str
) -> None:
    status, out, err = cli.run("log", "pf-crash-course", "--load", load, *AS_OF)
    assert status == 2 and message in err and err.count("\n") == 1 and out == ""
    assert json.loads(cli.ok("history", "--json", *AS_OF)) == []


@pytest.mark.parametrize(
    ("count", "message"),
    [
        ("towel-heel-raise=12,1001", "--count towel-heel-raise: reps must be from 0 to 1000"),
        ("towel-heel-raise=12,x", "--count towel-heel-raise: 'x' is not a whole number"),
        ("towel-heel-rise=12,12", "has no exercise 'towel-heel-rise'"),
    ],
)
def test_a_bad_log_count_is_one_line_exit_2_as_a_bad_load(
    cli: Cli, count: str, message: str
) -> None:
    status, out, err = cli.run("log", "pf-crash-course", "--count", count, *AS_OF)
    assert status == 2 and message in err and err.count("\n") == 1 and out == ""
    assert json.loads(cli.ok("history", "--json", *AS_OF)) == []
