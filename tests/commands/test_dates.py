"""Dates on the command line: YYYY-MM-DD or a one-line error naming the option; --as-of
moves "today"."""

from __future__ import annotations

import argparse
from datetime import date

import pytest

from circuit_timer.commands.common import EXIT_PROBLEM, CommandError
from circuit_timer.commands.dates import add_as_of, parse_date, parse_race_date, today
from tests.commandline import Cli


def test_parse_date_takes_iso_dates_and_names_what_was_wrong() -> None:
    assert parse_date("2026-02-28") == date(2026, 2, 28)
    for text in ("28/02/2026", "2026-02-30", "tomorrow", ""):
        with pytest.raises(CommandError) as caught:
            parse_date(text, "--date")
        assert str(caught.value) == f"--date must be a date like 2026-11-24, not {text!r}"
        assert caught.value.status == EXIT_PROBLEM


def test_today_is_the_as_of_date_when_given_else_the_local_date() -> None:
    parser = argparse.ArgumentParser()
    add_as_of(parser)
    assert today(parser.parse_args(["--as-of", "2026-11-24"])) == date(2026, 11, 24)
    assert today(parser.parse_args([])) == date.today()
    # A command without --as-of at all is "today" too.
    assert today(argparse.Namespace()) == date.today()


def test_a_bad_as_of_stops_a_command_with_one_line(cli: Cli) -> None:
    status, out, err = cli.run("streak", "--as-of", "24.11.2026")
    assert status == 1 and out == ""
    assert err == "circuit-timer: --as-of must be a date like 2026-11-24, not '24.11.2026'\n"


def test_dates_outside_1970_to_2100_are_refused_with_the_range() -> None:
    with pytest.raises(CommandError, match="--date must be from 1970-01-01 to 2100-12-31, not"):
        parse_date("1969-12-31", "--date")
    assert parse_date("2100-12-31") == date(2100, 12, 31)


def test_a_race_date_is_from_today_to_two_years_ahead() -> None:
    now = date(2026, 11, 30)
    assert parse_race_date("2026-11-30", now) == now
    assert parse_race_date("2028-11-29", now) == date(2028, 11, 29)
    with pytest.raises(CommandError, match=r"from 2026-11-30 to 2028-11-29 .*not 2028-11-30"):
        parse_race_date("2028-11-30", now)
    with pytest.raises(CommandError, match="the race date 0001-01-01 has passed"):
        parse_race_date("0001-01-01", now)
