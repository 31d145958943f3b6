"""Clocks the engine reads: the real monotonic one, a fast-forward one, a fake for tests."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Seconds on a clock that never goes backwards."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock (``time.monotonic``): immune to wall-clock jumps."""

    def now(self) -> float:
        """Seconds since an arbitrary start."""
        return time.monotonic()


class ScaledClock:
    """Runs ``speed`` times faster than real time, for demos and tests (``--speed``)."""

    def __init__(self, speed: float, base: Clock | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be above 0")
        self.speed = speed
        self._base = base or MonotonicClock()
        self._origin = self._base.now()

    def now(self) -> float:
        """Scaled seconds since this clock was made."""
        return (self._base.now() - self._origin) * self.speed

    def real_seconds(self, clock_seconds: float) -> float:
        """How long ``clock_seconds`` on this clock take in real time."""
        return clock_seconds / self.speed


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        """The current fake time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        if seconds < 0:
            raise ValueError("time does not go backwards")
        self._now += seconds

    def set(self, moment: float) -> None:
        """Jump to ``moment`` (not earlier than now)."""
        self.advance(moment - self._now)
