"""`validate` on a plan's ladders: one FILE:LINE:COL line per problem, as for the rest."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

from tests.commandline import Cli

CIRCUIT = """\
title: Mine
blocks:
  - exercises:
      - {id: raise, name: Raise, sets: 3, reps: 12, tempo: 3-2-3}
      - {id: hop, name: Hop, sets: 3, work: 10}
"""
PLAN = """\
weeks:
  - weeks_out: 2
    sessions:
      - {day: mon, circuit: mine}
progression:
  raise:
    steps:
      - {sets: 3, reps: 12, load: 12RM}
      - {sets: 4, reps: 10, load: 10RM}
  hop:
    steps:
      - {sets: 3}
      - {reps: 20}
"""


def test_validate_points_at_a_bad_ladder_step(cli: Cli, tmp_path: Path) -> None:
    circuit, plan = tmp_path / "mine.yaml", tmp_path / "plan.yaml"
    circuit.write_text(CIRCUIT)
    plan.write_text(PLAN)
    status, out, err = cli.run("validate", str(plan), str(circuit))
    assert status == 1 and out == ""
    assert err.splitlines() == [
        f"{plan}:13:10: 'hop' is timed ('work'), so a ladder cannot set 'reps' on it "
        "(it can set: sets, work, load)",
        "1 problem in 1 of 2 files",
    ]
    plan.write_text(PLAN.split("  hop:")[0])
    status, out, _ = cli.run("validate", str(plan), str(circuit))
    assert status == 0 and out.strip() == "2 files valid: 1 circuit, 1 plan"


def _day(offset: int) -> str:
    # `log --date` may not be after today, and a race at most two years ahead of the
    # day the plan starts: every date is counted from the real today.
    return (date.today() + timedelta(days=offset)).isoformat()


def _log(cli: Cli, offset: int, pain: int, *extra: str) -> None:
    day = _day(offset)
    cli.ok("pain", "2", "--date", day, "--as-of", day)  # steady morning pain
    out = cli.ok("log", "pf-crash-course", "--date", day, "--pain", str(pain), "--as-of", day,
                 *extra)  # fmt: skip
    assert "of your plan" in out


def _heel_raise(cli: Cli, offset: int) -> dict[str, Any]:
    today = json.loads(cli.ok("plan", "today", "--json", "--as-of", _day(offset)))
    [result] = [r for r in today["progression"] if r["exercise_id"] == "towel-heel-raise"]
    return cast("dict[str, Any]", result)


def test_the_heel_raise_dose_is_earned_through_the_command_line(cli: Cli) -> None:
    # Race day 5 days from now; the plan started 30 days before it. Its pf-crash-course
    # sessions fall 30, 28, 25, 23, 21, 18, 16 and 14 days before the race.
    race = 5
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(race),
           "--as-of", _day(race - 30))  # fmt: skip
    cli.ok("pain", "2", "--date", _day(race - 31), "--as-of", _day(race - 31))
    first = _heel_raise(cli, race - 30)
    assert (first["decision"], first["step"]) == ("as-planned", 0)
    assert first["dose"]["sets"] == 3 and first["dose"]["reps"] == 12

    # Two sessions with every rep, pain after 2/10, steady morning pain: advance.
    _log(cli, race - 30, 2)
    assert _heel_raise(cli, race - 29)["decision"] == "hold"  # one session is not two
    _log(cli, race - 28, 2)
    moved = _heel_raise(cli, race - 26)
    assert (moved["decision"], moved["step"]) == ("advance", 1)
    assert moved["dose"]["sets"] == 4 and moved["dose"]["reps"] == 10
    assert "Every rep done in the last two sessions" in moved["reason"]
    text = cli.ok("plan", "today", "--as-of", _day(race - 25))
    assert "4 x 10, load: 10RM" in text and "moves up to 4 x 10" in text

    # A session (logged at the earned 4 x 10) with pain after 7/10: back.
    _log(cli, race - 25, 7)
    stored = json.loads(cli.ok("history", "--json", "--as-of", _day(race - 25)))[0]
    assert stored["pain_after"] == 7
    back = _heel_raise(cli, race - 24)
    assert (back["decision"], back["step"]) == ("back", 0)
    assert back["reason"].startswith("Pain passed 5/10")
    text = cli.ok("plan", "today", "--as-of", _day(race - 23))
    assert "3 x 12, load: 12RM (you could just manage 12) in place of the plan's 4 x 10" in text
    assert "Pain passed 5/10: Single-leg heel raise, towel under the toes steps back" in text

    # Counted reps short of the prescription (12 on this step): hold.
    _log(cli, race - 23, 2, "--count", "towel-heel-raise=10,12")
    held = _heel_raise(cli, race - 22)
    assert (held["decision"], held["step"]) == ("hold", 0)
    assert held["reason"].startswith("Reps missed last session")

    # Two clean sessions at 3 x 12 again would advance 16 days out, but not within 10.
    _log(cli, race - 21, 2)
    _log(cli, race - 18, 2)
    assert _heel_raise(cli, race - 16)["decision"] == "advance"
    for offset in range(race - 10, race + 1):
        late = _heel_raise(cli, offset)
        assert (late["decision"], late["step"]) == ("hold", 0), offset
    assert "no added load in the last 10 days" in _heel_raise(cli, race - 10)["reason"]


def test_counted_reps_that_meet_the_prescription_count_as_every_rep(cli: Cli) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(5),
           "--as-of", _day(-25))  # fmt: skip
    _log(cli, -25, 2)
    _log(cli, -23, 2, "--count", "towel-heel-raise=12,12")
    assert _heel_raise(cli, -21)["decision"] == "advance"


def test_a_rise_in_morning_pain_says_by_how_much(cli: Cli) -> None:
    # Race 23 days out; three good sessions; first-step morning pain 1/10 for a week, then
    # 4/10 for the last 7 mornings: the heel raise steps back, and says the two averages.
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", _day(23),
           "--as-of", _day(-7))  # fmt: skip
    for offset in range(-13, 1):
        cli.ok("pain", "1" if offset < -6 else "4", "--date", _day(offset), "--as-of", _day(offset))
    for offset in (-7, -5, -2):
        cli.ok("log", "pf-crash-course", "--date", _day(offset), "--pain", "2",
               "--as-of", _day(offset))  # fmt: skip
    said = [line.strip() for line in cli.ok("plan", "today").splitlines()]
    assert (
        "Morning pain rose week on week (average 4.0/10 over the last 7 mornings you scored, "
        "up from 1.0/10 over the 7 before): Single-leg heel raise, towel under the toes steps "
        "back to 3 x 12, load: Both legs at once, bodyweight."
    ) in said
    # The same numbers as the trend the pain command shows.
    trend = json.loads(cli.ok("pain", "--trend", "--json"))
    assert trend["advice"]["week"] == {
        "previous": 1.0,
        "recent": 4.0,
        "previous_mornings": 7,
        "recent_mornings": 7,
    }
    assert "The last 7 entries average 4.0, the 7 entries before them 1.0" in cli.ok(
        "pain", "--trend"
    )
