"""Times and dates as the history writes them."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import pytest

from circuit_timer.store.timestamps import from_text, local_date_of, to_text


def test_a_timestamp_is_stored_as_sortable_utc_text_and_read_back() -> None:
    moment = datetime(2026, 11, 24, 18, 0, 1, 250_000, tzinfo=UTC)
    assert to_text(moment) == "2026-11-24T18:00:01.250+00:00"
    assert from_text(to_text(moment)) == moment


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        # New York falls back at 02:00 EDT on 2026-11-01: 05:30 UTC is 01:30 EDT and
        # 06:30 UTC is 01:30 EST, both on the 1st; 03:30 UTC is still the 31st.
        ("America/New_York", datetime(2026, 11, 1, 5, 30, tzinfo=UTC), date(2026, 11, 1)),
        ("America/New_York", datetime(2026, 11, 1, 6, 30, tzinfo=UTC), date(2026, 11, 1)),
        ("America/New_York", datetime(2026, 11, 1, 3, 30, tzinfo=UTC), date(2026, 10, 31)),
        # Berlin springs forward on 2026-03-29; 22:30 UTC the day before is 23:30 CET.
        ("Europe/Berlin", datetime(2026, 3, 28, 22, 30, tzinfo=UTC), date(2026, 3, 28)),
        ("Europe/Berlin", datetime(2026, 3, 29, 22, 30, tzinfo=UTC), date(2026, 3, 30)),
    ],
)
def test_local_dates_across_daylight_saving_changes(
    zone: str, moment: datetime, expected: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert local_date_of(moment) == expected
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
