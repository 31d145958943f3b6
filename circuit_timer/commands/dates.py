"""Dates on the command line: "today" (or --as-of), and parsing with one-line errors."""

from __future__ import annotations

import argparse
from datetime import date

from circuit_timer.commands.common import CommandError


def parse_date(text: str, what: str = "date") -> date:
    """A YYYY-MM-DD date, or a one-line error (exit 1)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{what} must be a date like 2026-11-24, not {text!r}") from None


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
