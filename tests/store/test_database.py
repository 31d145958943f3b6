"""The connection: settings, and a write transaction that is all or nothing."""

from __future__ import annotations

import pytest

from circuit_timer.store.history import HistoryStore


def test_weekly_target_setting(store: HistoryStore) -> None:
    assert store.weekly_target() == 3
    store.set_setting("weekly_target", "5")
    assert store.weekly_target() == 5


def test_a_transaction_that_fails_writes_nothing(store: HistoryStore) -> None:
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('weekly_target', '4')")
        raise RuntimeError("half way")
    assert store.setting("weekly_target") is None
    assert store.integrity_ok()
