"""`circuit-timer plan`: start (or switch), today, status and stop, counted back from the
race date; without an active plan every action says how to start one."""

from __future__ import annotations

import json

from tests.commandline import Cli


def test_without_a_plan_today_status_and_stop_say_so_in_one_line(cli: Cli) -> None:
    for action, message in [
        ("today", "no active plan; start one with: circuit-timer plan start PLAN"),
        ("status", "no active plan; start one with: circuit-timer plan start PLAN"),
        ("stop", "no active plan to stop"),
    ]:
        status, out, err = cli.run("plan", action)
        assert status == 1 and out == "", action
        assert message in err and len(err.splitlines()) == 1, action


def test_a_rest_day_names_the_next_session(cli: Cli) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", "2026-12-20",
           "--as-of", "2026-11-22")  # fmt: skip
    today = cli.ok("plan", "today", "--as-of", "2026-11-23").splitlines()
    assert today == [
        "27 days to your race (2026-12-20).",
        "No session today: rest. Next: pf-crash-course on Wed 25 Nov.",
    ]
    assert json.loads(cli.ok("plan", "today", "--json", "--as-of", "2026-11-23"))["sessions"] == []


def test_starting_another_plan_stops_the_first(cli: Cli) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", "2026-12-20",
           "--as-of", "2026-11-22")  # fmt: skip
    out = cli.ok("plan", "start", "stronger-feet-8-weeks", "--race-date", "2027-02-20",
                 "--as-of", "2026-11-22")  # fmt: skip
    assert out.startswith("Stopped following pf-crash-course-4-weeks")
    status = json.loads(cli.ok("plan", "status", "--json", "--as-of", "2026-11-22"))
    assert (status["plan_id"], status["days_to_race"]) == ("stronger-feet-8-weeks", 90)
    assert status["done"] == 0 and status["upcoming"] == len(status["sessions"]) > 0
    # Once stopped, nothing is active.
    assert "Stopped following stronger-feet-8-weeks" in cli.ok("plan", "stop")
    assert cli.run("plan", "status")[0] == 1


def test_a_circuit_is_not_a_plan(cli: Cli) -> None:
    status, _, err = cli.run("plan", "start", "pf-crash-course", "--race-date", "2026-12-20",
                             "--as-of", "2026-11-22")  # fmt: skip
    assert status == 1 and "no plan 'pf-crash-course'" in err and "Traceback" not in err
