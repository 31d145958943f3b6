"""Deleting a session from the History page, and bringing it back (a mixin of
ui/history_page.py's HistoryPage): deleting asks first, and the undo bar offers the
session back, whole, until it is dismissed.

Both writes run off the GUI thread (ui/page_loader.py's writer): while another program
holds the history, the page says so in one line and tries again; it says a session is
deleted or back only once the history has it so.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QTreeWidgetItem, QWidget

from circuit_timer.core.describe import plural
from circuit_timer.core.history_words import session_name
from circuit_timer.store.undo import SessionSnapshot, restore_session, snapshot_session

if TYPE_CHECKING:
    from circuit_timer.core.records import SessionRecord
    from circuit_timer.store.history import HistoryStore
    from circuit_timer.ui.page_loader import PageLoader
    from circuit_timer.ui.session_list import SessionList

NOT_DELETED_YET = "Not deleted yet: another program is using your history. Trying again\u2026"
NOT_BACK_YET = "Not brought back yet: another program is using your history. Trying again\u2026"
# What the delete found in the worker: the session is being recorded into, so it stays.
RECORDING = "recording"


@dataclass(frozen=True)
class Deleted:
    """A deletion the runner can still undo."""

    snapshot: SessionSnapshot
    name: str


def delete_session(store: HistoryStore, uuid: str) -> SessionSnapshot | str | None:
    """Delete session ``uuid`` (in the writer's thread); its snapshot for Undo, RECORDING
    if a workout still records into it (it is kept), or None if it is gone already."""
    if store.session(uuid) is None:
        return None
    # Taken after the runner's answer, so a note or pain added meanwhile is kept for Undo.
    snapshot = snapshot_session(store, uuid)
    if snapshot.value("status") == "in_progress":
        # The workout page is still recording into it; deleting would lose sets.
        return RECORDING
    store.delete_session(uuid)
    return snapshot


class HistoryUndo:
    """Delete and Undo; the page's constructor sets the attributes declared here."""

    store: HistoryStore
    list: SessionList  # the page's session list (the name shadows the builtin here)
    undo_bar: QWidget
    undo_label: QLabel
    undo_button: QPushButton
    writer: PageLoader
    _undo: builtins.list[Deleted]
    _by_uuid: dict[str, QTreeWidgetItem]
    _sessions: dict[str, tuple[SessionRecord, int]]
    # "delete" or "undo" while that write is on its way to the history.
    _pending: str | None
    # The page's own methods these reach.
    refresh: Callable[..., None]
    selected_uuid: Callable[[], str | None]
    visible_uuids: Callable[[], builtins.list[str]]
    item_of: Callable[[str], QTreeWidgetItem | None]
    _show_error: Callable[[str], None]
    _say_state: Callable[[str], None]
    _enable_delete: Callable[[], None]
    _changed: Callable[[], None]

    def delete_selected(self) -> None:
        """Ask, then delete the selected session; the undo bar offers it back."""
        uuid = self.selected_uuid()
        if uuid is None or self.store.readonly or self._pending is not None:
            return
        listed = self._sessions.get(uuid)
        if listed is None:
            return
        # Asked from what the page shows: no read of the history on the GUI thread.
        session, sets = listed
        name = session_name(session)
        answer = QMessageBox.question(
            cast("QWidget", self),
            "Delete session",
            f"Delete {name} and its {plural(sets, 'set')}?\n\n"
            "Its streak days and records go with it. You can undo this straight after.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        visible = self.visible_uuids()
        row = visible.index(uuid) if uuid in visible else 0
        self._begin("delete", f"Deleting {name}\u2026")
        self.writer.load(
            lambda store: delete_session(store, uuid),
            lambda done: self._deleted(done, name, row),
        )

    def _deleted(self, done: SessionSnapshot | str | None, name: str, row: int) -> None:
        self._end()
        if done == RECORDING:
            self._show_error(f"{name} is still being recorded: finish it first.")
            return
        if not isinstance(done, SessionSnapshot):
            self.refresh()  # deleted elsewhere meanwhile: the list catches up
            return
        self._undo.append(Deleted(done, name))
        self._show_undo()

        def select_next() -> None:
            # The next session moves up into the deleted one's place and is selected, so
            # the keyboard user stays where they were.
            visible = self.visible_uuids()
            if visible:
                item = self._by_uuid[visible[min(row, len(visible) - 1)]]
                self.list.setCurrentItem(item)

        self.refresh(then=select_next)
        self._changed()

    def undo(self) -> None:
        """Bring back the session deleted last."""
        if not self._undo or self._pending is not None:
            return
        deleted = self._undo[-1]
        self._begin("undo", f"Bringing back {deleted.name}\u2026")
        # restore_session is looked up when the writer runs (tests stand in for it).
        self.writer.load(
            lambda store: restore_session(store, deleted.snapshot),
            lambda _: self._restored(deleted),
        )

    def _restored(self, deleted: Deleted) -> None:
        self._end()
        if deleted in self._undo:  # dismissed meanwhile: nothing left to offer
            self._undo.remove(deleted)
        self._show_undo()

        def select_it() -> None:
            item = self.item_of(deleted.snapshot.uuid)
            if item is not None and not item.isHidden():
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)

        self.refresh(then=select_it)
        self._changed()

    def _begin(self, what: str, text: str) -> None:
        """A write is on its way: say so; no second one until it is stored."""
        self._pending = what
        self._say_state(text)
        self.undo_button.setEnabled(False)
        self._enable_delete()

    def _end(self) -> None:
        self._pending = None
        self._say_state("")
        self.undo_button.setEnabled(True)
        self._enable_delete()

    def _write_locked(self, _text: str) -> None:
        self._show_error(NOT_DELETED_YET if self._pending == "delete" else NOT_BACK_YET)

    def _write_failed(self, text: str) -> None:
        self._end()
        self._show_error(text)

    def _show_undo(self) -> None:
        if not self._undo:
            self.undo_bar.hide()
            return
        last = self._undo[-1]
        more = len(self._undo) - 1
        extra = f" ({more} more deleted before it)" if more else ""
        self.undo_label.setText(f"Deleted {last.name}.{extra}")
        self.undo_bar.show()

    def _dismiss_undo(self) -> None:
        self._undo.clear()
        self.undo_bar.hide()
