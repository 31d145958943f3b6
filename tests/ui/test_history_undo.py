"""Undo on the History page: with nothing deleted it does nothing; a deletion that
cannot be undone (the history refuses) says so and stays offered. Delete and Undo write
off the GUI thread: with the history locked by another program the window never stalls,
the page says it is not done yet, and once the lock goes each is done once."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import Library
from circuit_timer.store import connection
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.undo import snapshot_session
from circuit_timer.ui import history_undo
from circuit_timer.ui.history_page import HistoryPage
from circuit_timer.ui.history_undo import NOT_BACK_YET, NOT_DELETED_YET, Deleted
from tests.ui.driving import Locker, StallMeter, rollback_journal, wait_loaded

TODAY = date(2026, 6, 17)


def make_page(qtbot: QtBot, store: HistoryStore) -> HistoryPage:
    page = HistoryPage(store, Library, lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    wait_loaded(qtbot, page)
    return page


def test_undo_with_nothing_deleted_does_nothing(qtbot: QtBot, store: HistoryStore) -> None:
    page = make_page(qtbot, store)
    with qtbot.assertNotEmitted(page.changed):
        page.undo()
    assert not page.undo_bar.isVisible()


def test_an_undo_the_history_refuses_is_said_and_stays_offered(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    uid = store.start_session("pf-crash-course", local_date=TODAY)
    store.finish_session(uid, "completed")
    snapshot = snapshot_session(store, uid)
    store.delete_session(uid)
    page = make_page(qtbot, store)
    page._undo.append(Deleted(snapshot, "Wed 17 Jun"))
    page._show_undo()

    def refused(*args: object) -> None:
        raise StoreError("the history is open read-only; nothing was saved.")

    monkeypatch.setattr(history_undo, "restore_session", refused)
    with qtbot.assertNotEmitted(page.changed):
        page.undo()
        wait_loaded(qtbot, page)
    assert page.message.text() == "The history is open read-only; nothing was saved."
    assert page.undo_bar.isVisible() and page.undo_label.text() == "Deleted Wed 17 Jun."
    assert store.session(uid) is None


def stored_uuids(store: HistoryStore) -> list[str]:
    """The sessions in the history, read afresh (the journal mode changed under ``store``)."""
    with HistoryStore(store.path, reader=True, recover=False) as fresh:
        return [s.uuid for s in fresh.sessions()]


def test_delete_and_undo_wait_out_a_lock_without_stalling_the_window(
    qtbot: QtBot, store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = store.start_session("pf-crash-course", local_date=TODAY)
    store.finish_session(kept, "completed")
    victim = store.start_session("heel-raise-test", local_date=TODAY)
    store.finish_session(victim, "completed")
    page = make_page(qtbot, store)
    item = page.item_of(victim)
    assert item is not None
    page.list.setCurrentItem(item)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    # The writer's, in its thread: it says "not yet" after this wait, not after 5 s; still
    # twice the longest stall allowed, were the wait on the GUI thread.
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    rollback_journal(store)  # in WAL mode a lock lets readers on, but no writer
    with Locker(store.path) as locker:
        meter = StallMeter()
        qtbot.mouseClick(page.delete, Qt.MouseButton.LeftButton)
        assert page.message.text().startswith("Deleting ") and not page.delete.isEnabled()
        qtbot.waitUntil(lambda: page.message.text() == NOT_DELETED_YET, timeout=15_000)
        # Not said done, and the session still listed, while the history does not have it.
        assert not page.undo_bar.isVisible() and victim in page.visible_uuids()
        meter.check()
        with qtbot.waitSignal(page.changed, timeout=15_000):
            locker.release(qtbot)
    wait_loaded(qtbot, page)
    assert stored_uuids(store) == [kept]
    assert page.visible_uuids() == [kept] and not page.message.isVisible()
    assert len(page._undo) == 1 and page.undo_label.text().startswith("Deleted ")

    with Locker(store.path) as locker:
        meter = StallMeter()
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
        assert page.message.text().startswith("Bringing back ")
        assert not page.undo_button.isEnabled()
        qtbot.waitUntil(lambda: page.message.text() == NOT_BACK_YET, timeout=15_000)
        assert page.undo_bar.isVisible() and page.visible_uuids() == [kept]
        meter.check()
        with qtbot.waitSignal(page.changed, timeout=15_000):
            locker.release(qtbot)
    wait_loaded(qtbot, page)
    assert sorted(stored_uuids(store)) == sorted([kept, victim])
    assert sorted(page.visible_uuids()) == sorted([kept, victim])
    assert not page.undo_bar.isVisible() and not page.message.isVisible()
