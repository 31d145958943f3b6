"""The clocks the engine reads: a fake one moves only when told, a scaled one runs fast."""

from __future__ import annotations

import pytest

from circuit_timer.core.clock import FakeClock, ScaledClock


def test_a_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(start=50.0)
    assert clock.now() == clock.now() == 50.0
    clock.advance(2.5)
    assert clock.now() == 52.5
    clock.set(60.0)
    assert clock.now() == 60.0


def test_a_fake_clock_never_goes_backwards() -> None:
    clock = FakeClock(start=10.0)
    with pytest.raises(ValueError, match="does not go backwards"):
        clock.advance(-1)
    with pytest.raises(ValueError, match="does not go backwards"):
        clock.set(9.0)
    assert clock.now() == 10.0


def test_a_scaled_clock_runs_speed_times_its_base_from_zero() -> None:
    base = FakeClock(start=500.0)
    clock = ScaledClock(60, base)
    assert clock.now() == 0.0
    base.advance(1.5)
    assert clock.now() == pytest.approx(90.0)
    assert clock.real_seconds(90.0) == pytest.approx(1.5)


@pytest.mark.parametrize("speed", [0, -2])
def test_a_scaled_clock_refuses_a_speed_that_is_not_above_zero(speed: float) -> None:
    with pytest.raises(ValueError, match="above 0"):
        ScaledClock(speed, FakeClock())
