"""Shared by the store's tests: a clock the test moves, and a store on it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circuit_timer.store.history import HistoryStore


class Clock:
    """A wall clock (UTC) that stands still until a test sets ``now``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 24, 18, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.db", now=clock) as s:
        yield s
