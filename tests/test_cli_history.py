"""The history and plan commands as a runner uses them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from circuit_timer.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exc:
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def ok(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status, out, err = run(capsys, *args)
    assert status == 0, err
    assert "Traceback" not in err
    return out


def test_log_then_history_in_every_form(capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(capsys, "log", "heel-raise-test", "--date", "2026-11-20", "--pain", "3",
             "--note", "first test", "--as-of", "2026-11-24")  # fmt: skip
    assert "Logged heel-raise-test on 2026-11-20" in out
    ok(capsys, "log", "taper-maintenance", "--date", "2026-11-23", "--as-of", "2026-11-24")
    rows = json.loads(ok(capsys, "history", "--json", "--as-of", "2026-11-24"))
    # Newest first, as the window lists them.
    assert [(r["date"], r["circuit_id"], r["status"], r["pain_after"]) for r in rows] == [
        ("2026-11-23", "taper-maintenance", "completed", None),
        ("2026-11-20", "heel-raise-test", "completed", 3),
    ]
    # The check's sets: the warm-up, then three tests with a left and a right side each.
    assert rows[1]["notes"] == "first test" and rows[1]["sets"] == 7 and rows[1]["source"] == "log"
    since = json.loads(ok(capsys, "history", "--json", "--since", "2026-11-21"))
    assert [r["circuit_id"] for r in since] == ["taper-maintenance"]
    as_of = json.loads(ok(capsys, "history", "--json", "--as-of", "2026-11-21"))
    assert [r["circuit_id"] for r in as_of] == ["heel-raise-test"]
    table = list(csv.DictReader(io.StringIO(ok(capsys, "history", "--csv"))))
    assert [r["circuit_id"] for r in table] == ["taper-maintenance", "heel-raise-test"]
    text = ok(capsys, "history").splitlines()
    assert [line.split()[1] for line in text] == ["taper-maintenance", "heel-raise-test"]
    assert text[1].startswith("2026-11-20  heel-raise-test") and " 7 sets  pain 3/10" in text[1]


def test_log_errors_are_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    for args, message in [
        (("log", "pf-crash-corse"), "did you mean 'pf-crash-course'"),
        (("log", "pf-crash-course", "--date", "24/11/2026"), "must be a date"),
        (("log", "pf-crash-course", "--pain", "11"), "from 0 to 10"),
        (("log", "pf-crash-course", "--pain", "bad"), "whole number"),
        (("log", "pf-crash-course", "--date", "2026-12-01", "--as-of", "2026-11-24"), "future"),
        (("log", "pf-crash-course-4-weeks"), "no circuit"),
    ]:
        status, _, err = run(capsys, *args)
        assert status == 1, args
        assert message in err and len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err


def test_streak_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    for day in ("2026-11-16", "2026-11-18", "2026-11-20", "2026-11-23"):
        ok(capsys, "log", "taper-maintenance", "--date", day, "--as-of", "2026-11-24")
    data = json.loads(ok(capsys, "streak", "--json", "--as-of", "2026-11-24"))
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
    ok(capsys, "settings", "weekly_target", "2")
    assert run(capsys, "settings", "weekly_target", "0")[0] == 1
    assert run(capsys, "settings", "weekly_targt", "2")[2].count("did you mean") == 1
    data = json.loads(ok(capsys, "streak", "--json", "--as-of", "2026-11-24"))
    assert data["weekly_target"] == 2
    assert "Sessions completed: 4" in ok(capsys, "streak", "--as-of", "2026-11-24")


def test_pain_record_replace_trend_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for n, value in enumerate([6, 6, 5, 6, 5, 6, 6, 4, 3, 4, 3, 3, 3, 2]):
        ok(capsys, "pain", str(value), "--date", f"2026-11-{n + 1:02d}", "--as-of", "2026-11-14")
    assert "Replaced" in ok(capsys, "pain", "2", "--date", "2026-11-14", "--as-of", "2026-11-14")
    data = json.loads(ok(capsys, "pain", "--trend", "--json", "--as-of", "2026-11-14"))
    trend = data["trend"]
    assert trend["latest"] == 2 and trend["first"] == 6
    assert trend["direction"] == "better" and trend["meaningful"] is True
    assert "morning pain" in ok(capsys, "pain", "--trend", "--as-of", "2026-11-14").lower()
    assert run(capsys, "pain", "11")[0] == 1
    assert run(capsys, "pain", "4", "--date", "2026-13-01")[0] == 1
    assert run(capsys, "pain")[0] == 2
    assert run(capsys, "pain", "4", "--kind", "evening")[0] == 2


def test_pain_after_a_session_above_5_advises_lighter_loading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ok(capsys, "log", "pf-crash-course", "--date", "2026-11-20", "--as-of", "2026-11-20")
    out = ok(
        capsys, "pain", "7", "--kind", "after", "--date", "2026-11-20", "--as-of", "2026-11-20"
    )
    assert "on that day's session" in out
    data = json.loads(ok(capsys, "pain", "--trend", "--json", "--as-of", "2026-11-20"))
    assert data["advice"]["lighter_next_time"] is True
    assert data["advice"]["level"] == "too-much"


def test_morning_pain_rising_week_to_week_advises_lighter_and_names_the_clause(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 1/10 every morning for a week, 4/10 the next, a 3/10 session in the second week.
    for n in range(14):
        score = "1" if n < 7 else "4"
        ok(capsys, "pain", score, "--date", f"2026-11-{n + 1:02d}", "--as-of", "2026-11-14")
    ok(capsys, "log", "pf-crash-course", "--date", "2026-11-12", "--pain", "3",
       "--as-of", "2026-11-14")  # fmt: skip
    data = json.loads(ok(capsys, "pain", "--trend", "--json", "--as-of", "2026-11-14"))
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
    text = ok(capsys, "pain", "--trend", "--as-of", "2026-11-14")
    assert "Reduce the load next session." in text


def test_pain_not_entered_is_null_not_zero(capsys: pytest.CaptureFixture[str]) -> None:
    ok(capsys, "log", "pf-crash-course", "--date", "2026-11-20", "--as-of", "2026-11-20")
    [row] = json.loads(ok(capsys, "history", "--json", "--as-of", "2026-11-20"))
    assert (row["pain_during"], row["pain_after"]) == (None, None)
    assert "pain" not in ok(capsys, "history", "--as-of", "2026-11-20")
    advice = json.loads(ok(capsys, "pain", "--trend", "--json", "--as-of", "2026-11-20"))["advice"]
    assert (advice["level"], advice["lighter_next_time"], advice["clause"]) == ("none", False, None)
    assert advice["checks"][0]["status"] == "unknown"
    assert "safe" not in advice["message"]


def test_asymmetry_without_and_with_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert "heel-raise-test" in ok(capsys, "asymmetry")
    assert json.loads(ok(capsys, "asymmetry", "--json")) == []


def test_plan_start_today_status_stop(capsys: pytest.CaptureFixture[str]) -> None:
    out = ok(capsys, "plan", "start", "pf-crash-course-4-weeks", "--race-date", "2026-12-20",
             "--as-of", "2026-11-22")  # fmt: skip
    assert "28 days" in out
    today = json.loads(ok(capsys, "plan", "today", "--json", "--as-of", "2026-11-22"))
    assert today["days_to_race"] == 28
    assert [s["circuit_id"] for s in today["sessions"]] == ["pf-crash-course"]
    ok(capsys, "log", "pf-crash-course", "--date", "2026-11-22", "--as-of", "2026-11-22")
    [logged] = json.loads(ok(capsys, "history", "--json"))
    assert (logged["plan_id"], logged["plan_week"]) == ("pf-crash-course-4-weeks", 4)
    status = json.loads(ok(capsys, "plan", "status", "--json", "--as-of", "2026-11-28"))
    assert status["sessions"][0] == {
        **status["sessions"][0],
        "date": "2026-11-22",
        "status": "done",
    }
    assert status["days_to_race"] == 22
    assert status["done"] == 1 and status["missed"] == 1  # the 25th went by
    assert status["adherence"] == 0.5
    assert "Race week" in ok(capsys, "plan", "status", "--as-of", "2026-11-28")
    assert "Stopped following" in ok(capsys, "plan", "stop", "--as-of", "2026-11-28")
    assert run(capsys, "plan", "today", "--as-of", "2026-11-28")[0] == 1


def test_plan_words_count_right_and_never_repeat_a_label(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    out = ok(capsys, "plan", "start", "stronger-feet-8-weeks", "--race-date", "2026-12-06",
             "--as-of", "2026-11-30")  # fmt: skip
    assert "(6 days)" in out
    assert "1 session scheduled; the first is stronger-feet on Thu 03 Dec (race week)." in out
    today = ok(capsys, "plan", "today", "--as-of", "2026-12-03")
    assert "3 days to your race" in today and "Today (race week): stronger-feet" in today
    logged = ok(capsys, "log", "stronger-feet", "--date", "2026-12-03", "--as-of", "2026-12-03")
    assert "for race week of your plan: 15 sets, completed." in logged
    status = ok(capsys, "plan", "status", "--as-of", "2026-12-05").splitlines()
    # The week's label is "Race week": said once, not "Race week: Race week".
    assert "Race week" in status and not any("week: Race week" in line for line in status)
    assert status[0].endswith("1 day to go.")
    shown = ok(capsys, "show", "stronger-feet-8-weeks")
    assert "Runs 7 weeks + race week" in shown and "week: Race week" not in shown
    assert "[stronger-feet-8-weeks, race week]" in ok(capsys, "history", "--as-of", "2026-12-05")
    # One set is "1 set", in the log line and in the history.
    (private_home / "circuits").mkdir()
    (private_home / "circuits" / "one.yaml").write_text(
        "title: One\nblocks:\n  - exercises:\n      - {id: a, name: A, work: 9}\n"
    )
    assert "1 set, completed." in ok(capsys, "log", "one", "--as-of", "2026-12-05",
                                     "--date", "2026-12-05")  # fmt: skip
    history = ok(capsys, "history", "--as-of", "2026-12-05").splitlines()
    [line] = [x for x in history if "  one  " in x]
    assert " 1 set" in line and "1 sets" not in line


def test_plan_start_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "plan", "start", "pf-crash-course-4-week", "--race-date",
                         "2026-12-20", "--as-of", "2026-11-22")  # fmt: skip
    assert status == 1 and "did you mean 'pf-crash-course-4-weeks'" in err
    status, _, err = run(capsys, "plan", "start", "pf-crash-course-4-weeks", "--race-date",
                         "2026-11-01", "--as-of", "2026-11-22")  # fmt: skip
    assert status == 1 and "has passed" in err
    assert run(capsys, "plan", "start", "pf-crash-course-4-weeks")[0] == 2


def test_export_import_round_trip_through_the_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(capsys, "log", "heel-raise-test", "--date", "2026-11-20", "--as-of", "2026-11-24")
    ok(capsys, "pain", "3", "--date", "2026-11-21", "--as-of", "2026-11-24")
    ok(capsys, "export", str(tmp_path / "out.json"))
    ok(capsys, "export", str(tmp_path / "out.csv"))
    assert (tmp_path / "out.csv").read_text().startswith("date,started_at,circuit_id")
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(tmp_path / "second"))
    imported = ok(capsys, "import", str(tmp_path / "out.json"))
    assert imported == "Imported 1 session, 7 sets and 1 pain entry.\n"
    again = ok(capsys, "import", str(tmp_path / "out.json"))
    assert again == "Nothing new: everything in that file is already in your history.\n"
    assert len(json.loads(ok(capsys, "history", "--json"))) == 1
    status, _, err = run(capsys, "import", str(tmp_path / "out.csv"))
    assert status == 1 and "JSON" in err


def test_a_newer_database_stops_every_command_with_one_line(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    import sqlite3

    conn = sqlite3.connect(private_home / "history.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    status, _, err = run(capsys, "streak")
    assert status == 1 and "newer circuit-timer" in err and "Traceback" not in err


def test_settings_show_set_and_refuse(capsys: pytest.CaptureFixture[str]) -> None:
    shown = ok(capsys, "settings")
    for line in ("weekly_target = 3", "volume = 80", "voice = on", "countdown_beeps = on"):
        assert line in shown
    assert ok(capsys, "settings", "voice", "off").strip() == "voice = off"
    assert ok(capsys, "settings", "voice").strip() == "off"
    assert ok(capsys, "settings", "volume", "55").strip() == "volume = 55"
    for bad in (("volume", "101"), ("voice", "maybe"), ("countdown_beeps", "2")):
        status, _, err = run(capsys, "settings", *bad)
        assert status == 1 and bad[0] in err
