"""Reads off the GUI thread: in a worker, on a read-only connection of their own; the
result shown on the GUI thread, only the latest; a lock is waited out, saying so."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.store.errors import EnvironmentFault, StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui import page_loader
from circuit_timer.ui.page_loader import WAITING_TEXT, PageLoader, is_lock
from tests.ui.driving import Locker, rollback_journal


def circuits_of(store: HistoryStore) -> list[str]:
    return [s.circuit_id for s in store.sessions()]


def test_the_read_runs_in_a_worker_and_the_result_shows_on_the_gui_thread(
    qtbot: QtBot, store: HistoryStore
) -> None:
    store.start_session("pf-crash-course")
    loader = PageLoader(store.path)
    threads: dict[str, threading.Thread] = {}
    shown: list[list[str]] = []

    def read(reader: HistoryStore) -> list[str]:
        threads["read"] = threading.current_thread()
        assert reader is not store and reader.readonly
        return circuits_of(reader)

    def show(result: list[str]) -> None:
        threads["show"] = threading.current_thread()
        shown.append(result)

    with qtbot.waitSignal(loader.loaded, timeout=5000):
        loader.load(read, show)
        assert loader.busy
    assert shown == [["pf-crash-course"]] and not loader.busy
    assert threads["show"] is threading.main_thread()
    assert threads["read"] is not threading.main_thread()


def test_the_reader_cannot_write(qtbot: QtBot, store: HistoryStore) -> None:
    loader = PageLoader(store.path)
    with qtbot.waitSignal(loader.failed, timeout=5000) as failed:
        loader.load(lambda reader: reader.start_session("pf-crash-course"), print)
    assert failed.args is not None and "read-only" in failed.args[0]
    assert "\n" not in failed.args[0]
    assert store.sessions() == []


def test_only_the_latest_load_is_shown(qtbot: QtBot, store: HistoryStore) -> None:
    loader = PageLoader(store.path)
    shown: list[str] = []
    go = threading.Event()

    def slow(reader: HistoryStore) -> str:
        go.wait(5)
        return "old"

    loader.load(slow, shown.append)
    with qtbot.waitSignal(loader.loaded, timeout=5000):
        loader.load(lambda reader: "new", shown.append)
        go.set()
    assert page_loader.wait_for_reads()
    qtbot.wait(50)  # the old read's outcome, queued after the new one, is dropped
    assert shown == ["new"]


def test_a_cancelled_load_shows_nothing(qtbot: QtBot, store: HistoryStore) -> None:
    loader = PageLoader(store.path)
    shown: list[str] = []
    go = threading.Event()

    def slow(reader: HistoryStore) -> str:
        go.wait(5)
        return "late"

    loader.load(slow, shown.append)
    loader.cancel()
    assert not loader.busy
    go.set()
    assert page_loader.wait_for_reads()
    qtbot.wait(50)
    assert shown == []


def test_a_locked_history_is_waited_out_saying_so(qtbot: QtBot, store: HistoryStore) -> None:
    store.start_session("pf-crash-course")
    rollback_journal(store)  # in WAL mode a lock lets readers read on
    loader = PageLoader(store.path, retry_ms=20)
    shown: list[list[str]] = []
    with Locker(store.path) as locker:
        with qtbot.waitSignal(loader.waiting, timeout=5000) as waiting:
            loader.load(circuits_of, shown.append)
        assert waiting.args == [WAITING_TEXT]
        assert loader.busy and loader.locked and shown == []
        with qtbot.waitSignal(loader.loaded, timeout=5000):
            locker.release()
    assert shown == [["pf-crash-course"]]
    assert not loader.busy and not loader.locked


def test_a_lock_in_wal_mode_lets_the_read_go_on(qtbot: QtBot, store: HistoryStore) -> None:
    store.start_session("pf-crash-course")
    loader = PageLoader(store.path)
    shown: list[list[str]] = []
    with Locker(store.path), qtbot.waitSignal(loader.loaded, timeout=5000):
        loader.load(circuits_of, shown.append)
    assert shown == [["pf-crash-course"]] and not loader.locked


def test_an_error_other_than_a_lock_is_shown_once(qtbot: QtBot, tmp_path: Path) -> None:
    loader = PageLoader(tmp_path / "no-such-folder" / "history.db")
    with qtbot.waitSignal(loader.failed, timeout=5000) as failed:
        loader.load(circuits_of, print)
    assert failed.args is not None and "history database" in failed.args[0]
    assert not loader.busy


def test_a_bug_in_the_read_is_said_not_waited_on(qtbot: QtBot, store: HistoryStore) -> None:
    def broken(reader: HistoryStore) -> None:
        raise ZeroDivisionError("division by zero")

    loader = PageLoader(store.path)
    with qtbot.waitSignal(loader.failed, timeout=5000) as failed:
        loader.load(broken, print)
    assert failed.args == [
        "a bug in circuit-timer while reading the history (ZeroDivisionError: division by "
        "zero). Please report it."
    ]


@pytest.mark.parametrize(
    ("error", "lock"),
    [
        (EnvironmentFault("locked", "SQLITE_BUSY"), True),
        (EnvironmentFault("locked", "SQLITE_BUSY_SNAPSHOT"), True),
        (EnvironmentFault("locked", "SQLITE_LOCKED"), True),
        (EnvironmentFault("full", "SQLITE_FULL"), False),
        (EnvironmentFault("no code"), False),
        (StoreError("other"), False),
    ],
)
def test_is_lock(error: StoreError, lock: bool) -> None:
    assert is_lock(error) is lock
