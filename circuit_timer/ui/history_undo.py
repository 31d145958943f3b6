"""Deleting a session from the History page, and bringing it back (a mixin of
ui/history_page.py's HistoryPage): deleting asks first, and the undo bar offers the
session back, whole, until it is dismissed."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QLabel, QMessageBox, QTreeWidgetItem, QWidget

from circuit_timer.core.describe import plural
from circuit_timer.core.history_words import session_name
from circuit_timer.store.errors import StoreError
from circuit_timer.store.undo import SessionSnapshot, restore_session, snapshot_session

if TYPE_CHECKING:
    from circuit_timer.store.history import HistoryStore
    from circuit_timer.ui.session_list import SessionList


@dataclass(frozen=True)
class Deleted:
    """A deletion the runner can still undo."""

    snapshot: SessionSnapshot
    name: str


class HistoryUndo:
    """Delete and Undo; the page's constructor sets the attributes declared here."""

    store: HistoryStore
    list: SessionList  # the page's session list (the name shadows the builtin here)
    undo_bar: QWidget
    undo_label: QLabel
    _undo: builtins.list[Deleted]
    _by_uuid: dict[str, QTreeWidgetItem]
    # The page's own methods these reach.
    refresh: Callable[..., None]
    selected_uuid: Callable[[], str | None]
    visible_uuids: Callable[[], builtins.list[str]]
    item_of: Callable[[str], QTreeWidgetItem | None]
    _show_error: Callable[[str], None]
    _changed: Callable[[], None]

    def delete_selected(self) -> None:
        """Ask, then delete the selected session; the undo bar offers it back."""
        uuid = self.selected_uuid()
        if uuid is None or self.store.readonly:
            return
        try:
            session = self.store.session(uuid)
            if session is None:
                self.refresh()
                return
            name = session_name(session)
            if snapshot_session(self.store, uuid).value("status") == "in_progress":
                # The workout page is still recording into it; deleting would lose sets.
                self._show_error(f"{name} is still being recorded: finish it first.")
                return
            sets = self.store.set_counts().get(uuid, (0, 0))[0]
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
            # Taken after the answer, so a note or pain added meanwhile is kept for Undo.
            snapshot = snapshot_session(self.store, uuid)
            self.store.delete_session(uuid)
        except StoreError as exc:
            self._show_error(str(exc))
            return
        visible = self.visible_uuids()
        row = visible.index(uuid) if uuid in visible else 0
        self._undo.append(Deleted(snapshot, name))
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
        if not self._undo:
            return
        deleted = self._undo[-1]
        try:
            restore_session(self.store, deleted.snapshot)
        except StoreError as exc:
            self._show_error(str(exc))
            return
        self._undo.pop()
        self._show_undo()

        def select_it() -> None:
            item = self.item_of(deleted.snapshot.uuid)
            if item is not None and not item.isHidden():
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)

        self.refresh(then=select_it)
        self._changed()

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
