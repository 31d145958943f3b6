"""The history and plan commands as a runner uses them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.commandline import Cli


def test_log_then_history_in_every_form(cli: Cli) -> None:
    out = cli.ok("log", "heel-raise-test", "--date", "2026-11-20", "--pain", "3",
             "--note", "first test", "--as-of", "2026-11-24")  # fmt: skip
    assert "Logged heel-raise-test on 2026-11-20" in out
    cli.ok("log", "taper-maintenance", "--date", "2026-11-23", "--as-of", "2026-11-24")
    rows = json.loads(cli.ok("history", "--json", "--as-of", "2026-11-24"))
    # Newest first, as the window lists them.
    assert [(r["date"], r["circuit_id"], r["status"], r["pain_after"]) for r in rows] == [
        ("2026-11-23", "taper-maintenance", "completed", None),
        ("2026-11-20", "heel-raise-test", "completed", 3),
    ]
    # The check's sets: the warm-up, then three tests with a left and a right side each.
    assert rows[1]["notes"] == "first test" and rows[1]["sets"] == 7 and rows[1]["source"] == "log"
    since = json.loads(cli.ok("history", "--json", "--since", "2026-11-21"))
    assert [r["circuit_id"] for r in since] == ["taper-maintenance"]
    as_of = json.loads(cli.ok("history", "--json", "--as-of", "2026-11-21"))
    assert [r["circuit_id"] for r in as_of] == ["heel-raise-test"]
    table = list(csv.DictReader(io.StringIO(cli.ok("history", "--csv"))))
    assert [r["circuit_id"] for r in table] == ["taper-maintenance", "heel-raise-test"]
    text = cli.ok("history").splitlines()
    assert [line.split()[1] for line in text] == ["taper-maintenance", "heel-raise-test"]
    assert text[1].startswith("2026-11-20  heel-raise-test") and " 7 sets  pain 3/10" in text[1]


def test_log_errors_are_one_line_and_exit_1(cli: Cli) -> None:
    for args, message in [
        (("log", "pf-crash-corse"), "did you mean 'pf-crash-course'"),
        (("log", "pf-crash-course", "--date", "24/11/2026"), "must be a date"),
        (("log", "pf-crash-course", "--pain", "11"), "from 0 to 10"),
        (("log", "pf-crash-course", "--pain", "bad"), "whole number"),
        (("log", "pf-crash-course", "--date", "2026-12-01", "--as-of", "2026-11-24"), "future"),
        (("log", "pf-crash-course-4-weeks"), "no circuit"),
    ]:
        status, _, err = cli.run(*args)
        assert status == 1, args
        assert message in err and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err


def test_streak_json_has_the_documented_keys(cli: Cli) -> None:
    for day in ("2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23"):
        cli.ok("log", "taper-maintenance", "--date", day, "--as-of", "2026-11-24")
    data = json.loads(cli.ok("streak", "--json", "--as-of", "2026-11-24"))
    assert data == {
        "weekly_target": 3,
        "current_weeks": 1,  # the week of the 16th had 3; this week is not over yet
        "longest_weeks": 1,
        # The 23rd; the 21st and 22nd, two rest days in a row, ended the run of the 16th,
        # 18th and 20th (one rest day between sessions keeps it); today (24th) without a
        # session does not break it.
        "current_days": 1,
        "longest_days": 3,
        "sessions_total": 4,
    }
    cli.ok("settings", "weekly_target", "2")
    assert cli.run("settings", "weekly_target", "0")[0] == 1
    assert cli.run("settings", "weekly_targt", "2")[2].count("did you mean") == 1
    data = json.loads(cli.ok("streak", "--json", "--as-of", "2026-11-24"))
    assert data["weekly_target"] == 2
    assert "Sessions completed: 4" in cli.ok("streak", "--as-of", "2026-11-24")


def test_pain_record_replace_trend_and_errors(cli: Cli) -> None:
    for n, value in enumerate([6, 6, 5, 6, 5, 6, 6, 4, 3, 4, 3, 3, 3, 2]):
        cli.ok("pain", str(value), "--date", f"2026-11-{n + 1:02d}", "--as-of", "2026-11-14")
    assert "Replaced" in cli.ok("pain", "2", "--date", "2026-11-14", "--as-of", "2026-11-14")
    data = json.loads(cli.ok("pain", "--trend", "--json", "--as-of", "2026-11-14"))
    trend = data["trend"]
    assert trend["latest"] == 2 and trend["first"] == 6
    assert trend["direction"] == "better" and trend["meaningful"] is True
    assert "morning pain" in cli.ok("pain", "--trend", "--as-of", "2026-11-14").lower()
    assert cli.run("pain", "11")[0] == 1
    assert cli.run("pain", "4", "--date", "2026-13-01")[0] == 1
    assert cli.run("pain")[0] == 2
    assert cli.run("pain", "4", "--kind", "evening")[0] == 2


def test_pain_after_a_session_above_5_advises_lighter_loading(
    cli: Cli,
) -> None:
    cli.ok("log", "pf-crash-course", "--date", "2026-11-20", "--as-of", "2026-11-20")
    out = cli.ok("pain", "7", "--kind", "after", "--date", "2026-11-20", "--as-of", "2026-11-20")
    assert "on that day's session" in out
    data = json.loads(cli.ok("pain", "--trend", "--json", "--as-of", "2026-11-20"))
    assert data["advice"]["lighter_next_time"] is True
    assert data["advice"]["level"] == "too-much"


def test_morning_pain_rising_week_to_week_advises_lighter_and_names_the_clause(
    cli: Cli,
) -> None:
    # 1/10 every morning for a week, 4/10 the next, a 3/10 session in the second week.
    for n in range(14):
        score = "1" if n < 7 else "4"
        cli.ok("pain", score, "--date", f"2026-11-{n + 1:02d}", "--as-of", "2026-11-14")
    cli.ok("log", "pf-crash-course", "--date", "2026-11-12", "--pain", "3",
       "--as-of", "2026-11-14")  # fmt: skip
    data = json.loads(cli.ok("pain", "--trend", "--json", "--as-of", "2026-11-14"))
    advice = data["advice"]
    assert advice["lighter_next_time"] is True
    assert advice["clause"] == "week-to-week"
    assert "should not rise from week to week" in advice["reason"]
    assert advice["level"] == "safe"  # the session itself was within 0-3
    assert {c["clause"]: c["status"] for c in advice["checks"]} == {
        "during-after": "kept",
        "next-morning": "kept",
        "week-to-week": "broken",
    }
    text = cli.ok("pain", "--trend", "--as-of", "2026-11-14")
    assert "Reduce the load next session." in text


def test_pain_not_entered_is_null_not_zero(cli: Cli) -> None:
    cli.ok("log", "pf-crash-course", "--date", "2026-11-20", "--as-of", "2026-11-20")
    [row] = json.loads(cli.ok("history", "--json", "--as-of", "2026-11-20"))
    assert (row["pain_during"], row["pain_after"]) == (None, None)
    assert "pain" not in cli.ok("history", "--as-of", "2026-11-20")
    advice = json.loads(cli.ok("pain", "--trend", "--json", "--as-of", "2026-11-20"))["advice"]
    assert (advice["level"], advice["lighter_next_time"], advice["clause"]) == ("none", False, None)
    assert advice["checks"][0]["status"] == "unknown"
    assert "safe" not in advice["message"]


def test_asymmetry_without_and_with_data(cli: Cli) -> None:
    assert "heel-raise-test" in cli.ok("asymmetry")
    assert json.loads(cli.ok("asymmetry", "--json")) == []


def test_plan_start_today_status_stop(cli: Cli) -> None:
    out = cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", "2026-12-20",
             "--as-of", "2026-11-22")  # fmt: skip
    assert "28 days" in out
    today = json.loads(cli.ok("plan", "today", "--json", "--as-of", "2026-11-22"))
    assert today["days_to_race"] == 28
    assert [s["circuit_id"] for s in today["sessions"]] == ["pf-crash-course"]
    cli.ok("log", "pf-crash-course", "--date", "2026-11-22", "--as-of", "2026-11-22")
    [logged] = json.loads(cli.ok("history", "--json"))
    assert (logged["plan_id"], logged["plan_week"]) == ("pf-crash-course-4-weeks", 4)
    status = json.loads(cli.ok("plan", "status", "--json", "--as-of", "2026-11-28"))
    assert status["sessions"][0] == {
        **status["sessions"][0],
        "date": "2026-11-22",
        "status": "done",
    }
    assert status["days_to_race"] == 22
    assert status["done"] == 1 and status["missed"] == 1  # the 25th went by
    assert status["adherence"] == 0.5
    assert "Race week" in cli.ok("plan", "status", "--as-of", "2026-11-28")
    assert "Stopped following" in cli.ok("plan", "stop", "--as-of", "2026-11-28")
    assert cli.run("plan", "today", "--as-of", "2026-11-28")[0] == 1


def test_plan_words_count_right_and_never_repeat_a_label(cli: Cli, private_home: Path) -> None:
    out = cli.ok("plan", "start", "stronger-feet-8-weeks", "--race-date", "2026-12-06",
             "--as-of", "2026-11-30")  # fmt: skip
    assert "(6 days)" in out
    assert "1 session scheduled; the first is stronger-feet on Thu 03 Dec (race week)." in out
    today = cli.ok("plan", "today", "--as-of", "2026-12-03")
    assert "3 days to your race" in today and "Today (race week): stronger-feet" in today
    logged = cli.ok("log", "stronger-feet", "--date", "2026-12-03", "--as-of", "2026-12-03")
    assert "for race week of your plan: 15 sets, completed." in logged
    status = cli.ok("plan", "status", "--as-of", "2026-12-05").splitlines()
    # The week's label is "Race week": said once, not "Race week: Race week".
    assert "Race week" in status and not any("week: Race week" in line for line in status)
    assert status[0].endswith("1 day to go.")
    shown = cli.ok("show", "stronger-feet-8-weeks")
    assert "Runs 7 weeks + race week" in shown and "week: Race week" not in shown
    assert "[stronger-feet-8-weeks, race week]" in cli.ok("history", "--as-of", "2026-12-05")
    # One set is "1 set", in the log line and in the history.
    (private_home / "circuits").mkdir()
    (private_home / "circuits" / "one.yaml").write_text(
        "title: One\nblocks:\n  - exercises:\n      - {id: a, name: A, work: 9}\n"
    )
    assert "1 set, completed." in cli.ok("log", "one", "--as-of", "2026-12-05",
                                     "--date", "2026-12-05")  # fmt: skip
    history = cli.ok("history", "--as-of", "2026-12-05").splitlines()
    [line] = [x for x in history if "  one  " in x]
    assert " 1 set" in line and "1 sets" not in line


def test_plan_start_errors(cli: Cli) -> None:
    status, _, err = cli.run("plan", "start", "pf-crash-course-4-week", "--race-date",
                         "2026-12-20", "--as-of", "2026-11-22")  # fmt: skip
    assert status == 1 and "did you mean 'pf-crash-course-4-weeks'" in err
    status, _, err = cli.run("plan", "start", "pf-crash-course-4-weeks", "--race-date",
                         "2026-11-01", "--as-of", "2026-11-22")  # fmt: skip
    assert status == 1 and "has passed" in err
    assert cli.run("plan", "start", "pf-crash-course-4-weeks")[0] == 2


def test_export_import_round_trip_through_the_cli(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("log", "heel-raise-test", "--date", "2026-11-20", "--as-of", "2026-11-24")
    cli.ok("pain", "3", "--date", "2026-11-21", "--as-of", "2026-11-24")
    cli.ok("export", str(tmp_path / "out.json"))
    cli.ok("export", str(tmp_path / "out.csv"))
    assert (tmp_path / "out.csv").read_text().startswith("date,started_at,circuit_id")
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(tmp_path / "second"))
    imported = cli.ok("import", str(tmp_path / "out.json"))
    assert imported == "Imported 1 session, 7 sets and 1 pain entry.\n"
    again = cli.ok("import", str(tmp_path / "out.json"))
    assert again == "Nothing new: everything in that file is already in your history.\n"
    assert len(json.loads(cli.ok("history", "--json"))) == 1
    status, _, err = cli.run("import", str(tmp_path / "out.csv"))
    assert status == 1 and "JSON" in err


def test_a_newer_database_stops_every_command_with_one_line(cli: Cli, private_home: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(private_home / "history.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    status, _, err = cli.run("streak")
    assert status == 1 and "newer circuit-timer" in err and "Traceback" not in err


def test_settings_show_set_and_refuse(cli: Cli) -> None:
    shown = cli.ok("settings")
    for line in ("weekly_target = 3", "volume = 80", "voice = on", "countdown_beeps = on"):
        assert line in shown
    assert cli.ok("settings", "voice", "off").strip() == "voice = off"
    assert cli.ok("settings", "voice").strip() == "off"
    assert cli.ok("settings", "volume", "55").strip() == "volume = 55"
    for bad in (("volume", "101"), ("voice", "maybe"), ("countdown_beeps", "2")):
        status, _, err = cli.run("settings", *bad)
        assert status == 1 and bad[0] in err
