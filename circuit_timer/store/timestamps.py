"""How the history writes times and dates: UTC timestamps as sortable text, local dates."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    """A UTC timestamp as stored: ISO 8601, sortable as text."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_text(text: str) -> datetime:
    """A stored timestamp back to an aware datetime."""
    return datetime.fromisoformat(text)


def local_date_of(moment: datetime) -> date:
    """The runner's local date at ``moment`` (the process's time zone, TZ respected)."""
    return moment.astimezone().date()
