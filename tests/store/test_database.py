"""The connection: settings, a write transaction that is all or nothing, and the
read-only reader connection the window's pages read through off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from circuit_timer.store.errors import StoreError
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


def test_a_reader_reads_what_is_committed_and_cannot_write(store: HistoryStore) -> None:
    uid = store.start_session("pf-crash-course")
    with HistoryStore(store.path, reader=True) as reader:
        assert reader.readonly and reader.notices == []
        assert [s.uuid for s in reader.sessions()] == [uid]
        with pytest.raises(StoreError, match="read-only"):
            reader.start_session("pf-crash-course")
        store.finish_session(uid, "completed")  # the writer goes on meanwhile
        assert [s.status for s in reader.sessions()] == ["completed"]


def test_a_reader_never_creates_a_history(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    with pytest.raises(StoreError, match="missing"):
        HistoryStore(path, reader=True)
    assert not path.exists()
