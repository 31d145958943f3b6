"""Issue 13's bad input at the import door: each value the maths cannot take (two reps of
2^63-1, a weekly target of "²", a race in year 9999 or year 1, ...) is refused in one
line naming the field and its range, exit 1, and the history is unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.commandline import Cli

BIG = 2**63 - 1
DAY = ("--date", "2026-11-20", "--as-of", "2026-11-24")


def an_export(cli: Cli, private_home: Path, tmp_path: Path) -> dict[str, Any]:
    """An export of another history: one logged session and a plan."""
    cli.ok("log", "taper-maintenance", *DAY)
    cli.ok("plan", "start", "--race-date", "2026-12-20", "--as-of", "2026-11-20",
           "pf-crash-course-4-weeks")  # fmt: skip
    cli.ok("settings", "weekly_target", "4")
    cli.ok("export", str(tmp_path / "good.json"))
    data: dict[str, Any] = json.loads((tmp_path / "good.json").read_text())
    for name in list(private_home.iterdir()):
        name.unlink()  # this history starts empty again
    return data


def set_reps(data: dict[str, Any]) -> None:
    for row in data["sets"][:2]:
        row["reps_done"] = BIG


def weekly_target(data: dict[str, Any]) -> None:
    data["settings"]["weekly_target"] = "²"


def race_9999(data: dict[str, Any]) -> None:
    data["plan_enrolments"][0]["race_date"] = "9999-12-31"


def race_year_1(data: dict[str, Any]) -> None:
    data["plan_enrolments"][0]["race_date"] = "0001-01-01"


def huge_seconds(data: dict[str, Any]) -> None:
    data["sets"][0]["seconds"] = 1e308


def date_year_1(data: dict[str, Any]) -> None:
    data["sessions"][0]["local_date"] = "0001-01-01"


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (set_reps, f"sets[0].reps_done: must be from 0 to 1000, not {BIG}"),
        (weekly_target, "settings.weekly_target: must be a whole number from 1 to 14, not '²'"),
        (race_9999, "plan_enrolments[0].race_date: must be from 1970-01-01 to 2100-12-31"),
        (race_year_1, "plan_enrolments[0].race_date: must be from 1970-01-01 to 2100-12-31"),
        (huge_seconds, "sets[0].seconds: must be from 0.0 to 86400.0, not 1e+308"),
        (date_year_1, "sessions[0].local_date: must be from 1970-01-01 to 2100-12-31"),
    ],
)
def test_a_bad_value_in_an_import_is_refused_in_one_line(
    cli: Cli, private_home: Path, tmp_path: Path, spoil: Any, message: str
) -> None:
    data = an_export(cli, private_home, tmp_path)
    spoil(data)
    (tmp_path / "bad.json").write_text(json.dumps(data, indent=2))
    cli.ok("log", "calf-achilles", *DAY)
    before = cli.ok("history", "--json")

    status, out, err = cli.run("import", str(tmp_path / "bad.json"))

    assert (status, out) == (1, "")
    [line] = err.splitlines()
    assert message in line and "internal error" not in line
    assert cli.ok("history", "--json") == before
    assert cli.ok("streak", "--as-of", "2026-11-24")
