"""Undo on the History page: with nothing deleted it does nothing; a deletion that
cannot be undone (the history refuses) says so and stays offered."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import Library
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.undo import snapshot_session
from circuit_timer.ui import history_undo
from circuit_timer.ui.history_page import HistoryPage
from circuit_timer.ui.history_undo import Deleted
from tests.ui.driving import wait_loaded

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
    assert page.message.text() == "The history is open read-only; nothing was saved."
    assert page.undo_bar.isVisible() and page.undo_label.text() == "Deleted Wed 17 Jun."
    assert store.session(uid) is None
