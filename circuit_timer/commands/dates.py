"""Dates on the command line: "today" (or --as-of), and parsing with one-line errors."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from circuit_timer.commands.common import CommandError

# No runner logged a session before 1970 or will after 2100; dates outside are typos, and
# the history maths (streaks, weeks out, UTC+14 noon) must never see year 1 or 9999.
EARLIEST = date(1970, 1, 1)
LATEST = date(2100, 12, 31)
# A plan counts back at most a few months; a race over two years away is a typo, and a
# far one makes the schedule and streak maths walk millions of days.
RACE_AHEAD = timedelta(days=730)


def parse_date(
    text: str, what: str = "date", earliest: date = EARLIEST, latest: date = LATEST
) -> date:
    """A YYYY-MM-DD date from ``earliest`` to ``latest``, or a one-line error (exit 1)."""
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{what} must be a date like 2026-11-24, not {text!r}") from None
    if not earliest <= value <= latest:
        raise CommandError(f"{what} must be from {earliest} to {latest}, not {value}")
    return value


def parse_race_date(text: str, now: date) -> date:
    """The race date: from today to two years ahead, or a one-line error."""
    race = parse_date(text, "--race-date", date.min, date.max)
    window = f"--race-date must be from {now} to {now + RACE_AHEAD} (two years ahead)"
    if race < now:
        raise CommandError(f"the race date {race} has passed ({window})")
    if race > now + RACE_AHEAD:
        raise CommandError(f"{window}, not {race}")
    return race


def today(args: argparse.Namespace) -> date:
    """The runner's local date, or the --as-of date when given."""
    as_of = getattr(args, "as_of", None)
    return parse_date(as_of, "--as-of") if as_of else date.today()


def add_as_of(parser: argparse.ArgumentParser) -> None:
    """Add --as-of: answer as if today were that date."""
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="answer as if today were this date (later entries are ignored)",
    )
