"""The workout page's keys, read from two metres away with sweaty hands: one key, one act.

Space pause, Enter done, Up/+ and Down/- reps, Right skip, Left back, I notes. While the
finish question is open, Esc and Enter mean Keep going; while the notes are open, Esc
closes them and Page Up/Down scroll them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from circuit_timer.ui.workout_page import WorkoutPage

K = Qt.Key


def handle_key(page: WorkoutPage, key: int) -> bool:
    """Act on ``key`` for ``page``'s workout; False when the key means nothing here."""
    c = page.controller
    if c is None:
        return False
    if page.asking and key in (K.Key_Escape, K.Key_Return, K.Key_Enter):
        page.finish_bar.choose_keep()  # Keep going is the default and the escape
        return True
    if key == K.Key_I:
        page.toggle_notes()
        return True
    if page.reading and key in (K.Key_Escape, K.Key_PageDown, K.Key_PageUp):
        if key == K.Key_Escape:
            page.notes_panel.close_panel()
        else:
            page.notes_panel.page(down=key == K.Key_PageDown)
        return True
    actions: dict[int, Callable[[], object]] = {
        K.Key_Space: c.toggle_pause,
        K.Key_Return: c.done,
        K.Key_Enter: c.done,
        K.Key_Up: lambda: c.count_rep(+1),
        K.Key_Plus: lambda: c.count_rep(+1),
        K.Key_Equal: lambda: c.count_rep(+1),
        K.Key_Down: lambda: c.count_rep(-1),
        K.Key_Minus: lambda: c.count_rep(-1),
        K.Key_Right: c.skip,
        K.Key_Left: c.back,
    }
    action = actions.get(key)
    if action is None:
        return False
    action()
    return True
