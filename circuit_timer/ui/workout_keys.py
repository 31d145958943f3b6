"""The workout page's keys, read from two metres away with sweaty hands: one key, one act.

Space pause, Enter done, Up/+ and Down/- reps, Right skip, Left back, I notes. From
across the room: the media keys (play/pause and play toggle the pause, pause pauses,
stop only pauses, next is done on a rep set and else next, previous is back) and a
presentation clicker (Page Down done or next, Page Up back, B and . pause: the keys a
clicker sends for "blank screen"). While the finish question is open, Esc and Enter mean
Keep going; while the notes are open, Esc closes them and Page Up/Down scroll them. B
and . are typing while a text field has the focus, and the load field
(ui/load_field.py) takes its keys before any of these; while it is open, "." is never a
pause.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit

if TYPE_CHECKING:
    from circuit_timer.ui.controller import WorkoutController
    from circuit_timer.ui.workout_page import WorkoutPage

K = Qt.Key

# Keys that are also text: never taken from a field the runner is typing in.
TEXT_KEYS = frozenset({K.Key_B, K.Key_Period})


def typing() -> bool:
    """Whether the focus is in a field that takes text (where B and . are letters)."""
    focus = QApplication.focusWidget()
    if isinstance(focus, QLineEdit | QAbstractSpinBox):
        return not focus.isReadOnly()
    if isinstance(focus, QTextEdit | QPlainTextEdit):
        return not focus.isReadOnly()
    return False


def actions(c: WorkoutController) -> dict[int, Callable[[], object]]:
    """Each key and what it does to the workout ``c``."""
    return {
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
        # Media keys: a keyboard's, or a headset's while the window has the focus.
        K.Key_MediaTogglePlayPause: c.toggle_pause,
        # On X11 and Wayland a keyboard's one play/pause key is XF86AudioPlay, which Qt
        # calls MediaPlay: the desktops treat it as a toggle, and so does the workout.
        K.Key_MediaPlay: c.toggle_pause,
        K.Key_MediaPause: c.pause,
        # Stop never ends a workout by itself: finishing early asks first (Esc, Finish).
        K.Key_MediaStop: c.pause,
        K.Key_MediaNext: c.done_or_next,
        K.Key_MediaPrevious: c.back,
        # A presentation clicker: its two buttons, and its "blank screen" key.
        K.Key_PageDown: c.done_or_next,
        K.Key_PageUp: c.back,
        K.Key_B: c.toggle_pause,
        K.Key_Period: c.toggle_pause,
    }


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
    if key in TEXT_KEYS and typing():
        return False
    if key == K.Key_Period and page.load_field.isVisibleTo(page):
        return False  # the load's decimal point, even a second one: never a pause
    action = actions(c).get(key)
    if action is None:
        return False
    action()
    return True
