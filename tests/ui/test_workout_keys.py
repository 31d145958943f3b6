"""The workout page's keys: one key, one act; the finish question and the notes first.
Media keys and a presentation clicker drive a real workout page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.engine import Engine
from circuit_timer.core.records import CompletedSet
from circuit_timer.core.segment_words import is_open_set
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.workout_keys import handle_key
from tests.ui.driving import clock, open_window, start, to_next

RAISE = "towel-heel-raise"

K = Qt.Key


@dataclass
class Recorder:
    """Stands in for the controller, the finish bar and the notes panel: records calls."""

    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any, **keywords: Any) -> None:
            self.calls.append((name, (*args, *keywords.items())))

        return record


@dataclass
class FakePage:
    controller: Recorder | None = field(default_factory=Recorder)
    asking: bool = False
    reading: bool = False
    finish_bar: Recorder = field(default_factory=Recorder)
    load_field: Recorder = field(default_factory=Recorder)  # isVisibleTo: None, not shown
    notes_panel: Recorder = field(default_factory=Recorder)
    toggled: int = 0

    def toggle_notes(self) -> None:
        self.toggled += 1


def press(page: FakePage, key: K) -> bool:
    return handle_key(page, key)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "call"),
    [
        (K.Key_Space, ("toggle_pause", ())),
        (K.Key_Return, ("done", ())),
        (K.Key_Enter, ("done", ())),
        (K.Key_Up, ("count_rep", (1,))),
        (K.Key_Plus, ("count_rep", (1,))),
        (K.Key_Equal, ("count_rep", (1,))),
        (K.Key_Down, ("count_rep", (-1,))),
        (K.Key_Minus, ("count_rep", (-1,))),
        (K.Key_Right, ("skip", ())),
        (K.Key_Left, ("back", ())),
        (K.Key_MediaTogglePlayPause, ("toggle_pause", ())),
        (K.Key_MediaPlay, ("toggle_pause", ())),  # a Linux keyboard's play/pause key
        (K.Key_MediaPause, ("pause", ())),
        (K.Key_MediaStop, ("pause", ())),  # never ends the workout
        (K.Key_MediaNext, ("done_or_next", ())),
        (K.Key_MediaPrevious, ("back", ())),
        (K.Key_PageDown, ("done_or_next", ())),
        (K.Key_PageUp, ("back", ())),
        (K.Key_B, ("toggle_pause", ())),
        (K.Key_Period, ("toggle_pause", ())),
    ],
)
def test_each_key_does_one_thing(key: K, call: tuple[str, tuple[Any, ...]]) -> None:
    page = FakePage()
    assert press(page, key)
    assert page.controller is not None and page.controller.calls == [call]


def test_other_keys_and_a_page_without_a_workout_do_nothing() -> None:
    page = FakePage()
    assert not press(page, K.Key_X)
    assert not press(FakePage(controller=None), K.Key_Space)
    assert page.controller is not None and page.controller.calls == []


@pytest.mark.parametrize("key", [K.Key_Escape, K.Key_Return, K.Key_Enter])
def test_while_asking_escape_and_enter_mean_keep_going(key: K) -> None:
    page = FakePage(asking=True)
    assert press(page, key)
    assert page.finish_bar.calls == [("choose_keep", ())]
    assert page.controller is not None and page.controller.calls == []  # Enter is not Done


def test_i_opens_and_closes_the_notes() -> None:
    page = FakePage()
    assert press(page, K.Key_I) and press(page, K.Key_I)
    assert page.toggled == 2


def test_while_reading_escape_closes_the_notes_and_page_keys_scroll_them() -> None:
    page = FakePage(reading=True)
    assert press(page, K.Key_PageDown) and press(page, K.Key_PageUp)
    assert press(page, K.Key_Escape)
    assert page.notes_panel.calls == [
        ("page", (("down", True),)),
        ("page", (("down", False),)),
        ("close_panel", ()),
    ]
    assert not press(FakePage(), K.Key_Escape)  # not reading: Escape means nothing


# --- on a real workout page -------------------------------------------------------------


def hit(widget: QWidget, key: K) -> None:
    """Press and release ``key`` as the platform delivers it (QTest's keyClick warns on
    media keys: it knows no text for them)."""
    text = {K.Key_B: "b", K.Key_Period: "."}.get(key, "")
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def engine(win: MainWindow) -> Engine:
    assert win.controller is not None
    return win.controller.workout.engine


def to_open_set(win: MainWindow) -> None:
    """On to the first rep set with no clock (it ends on Done)."""
    to_next(win, "work")
    assert is_open_set(engine(win).snapshot().segment)


@pytest.mark.parametrize(
    "keys",
    [
        (K.Key_MediaTogglePlayPause, K.Key_MediaTogglePlayPause),
        (K.Key_MediaPause, K.Key_MediaPlay),
        (K.Key_MediaStop, K.Key_MediaTogglePlayPause),
        (K.Key_MediaPlay, K.Key_MediaPlay),
        (K.Key_B, K.Key_B),
        (K.Key_Period, K.Key_Period),
    ],
    ids=["play-pause", "pause-play", "stop-play", "play-play", "clicker-b", "clicker-period"],
)
def test_media_keys_and_the_clickers_blank_key_pause_and_resume(
    window: MainWindow, qtbot: QtBot, keys: tuple[K, K]
) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    pause, resume = keys
    hit(page, pause)
    assert engine(window).state == "paused"
    assert page.kind.text().startswith("PAUSED")
    hit(page, K.Key_MediaPause)  # paused already: stays paused
    hit(page, K.Key_MediaStop)
    assert engine(window).state == "paused"
    hit(page, resume)
    assert engine(window).state == "running"


@pytest.mark.parametrize("key", [K.Key_PageDown, K.Key_MediaNext])
def test_page_down_and_next_mark_a_rep_set_done_and_skip_anything_else(
    window: MainWindow, qtbot: QtBot, key: K
) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    assert window.controller is not None
    first = engine(window).snapshot()
    assert first.segment.kind == "prepare"
    hit(page, key)  # the get-ready: on to the work, nothing recorded
    assert engine(window).snapshot().index == first.index + 1
    assert window.controller.sets == []
    to_open_set(window)
    work = engine(window).snapshot().segment
    hit(page, key)
    done = window.controller.sets
    assert [(s.exercise_id, s.set_number, s.reps_done) for s in done] == [
        (work.exercise, work.set, work.reps)
    ]


@pytest.mark.parametrize("key", [K.Key_PageUp, K.Key_MediaPrevious])
def test_page_up_and_previous_go_back(window: MainWindow, qtbot: QtBot, key: K) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    to_open_set(window)
    index = engine(window).snapshot().index
    hit(page, key)  # in its first seconds: back to the segment before
    assert engine(window).snapshot().index == index - 1


def test_the_open_notes_keep_page_up_and_down(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    to_next(window, "work")
    index = engine(window).snapshot().index
    hit(page, K.Key_I)
    assert page.reading
    hit(page, K.Key_PageDown)
    hit(page, K.Key_PageUp)
    assert engine(window).snapshot().index == index  # they scrolled, nothing else
    assert window.controller is not None and window.controller.sets == []


def test_while_the_finish_question_is_open_enter_keeps_going(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    page.ask_finish()
    hit(page, K.Key_B)  # the blank-screen key still pauses
    assert engine(window).state == "paused"
    hit(page, K.Key_Return)
    assert not page.asking and engine(window).state == "paused"


def test_a_text_field_with_the_focus_keeps_b_and_period(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    field = QLineEdit(page)
    field.show()
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClicks(field, "b.")
    assert field.text() == "b."
    # Even sent to the page itself (a shortcut's route), they are typing, not pause.
    for key in (K.Key_B, K.Key_Period):
        hit(page, key)
        assert engine(window).state == "running"
    hit(page, K.Key_PageDown)  # not text: the clicker still works
    assert engine(window).snapshot().index == 1


def test_the_load_field_takes_its_period_and_digits(qtbot: QtBot, private_home: Path) -> None:
    with HistoryStore.in_folder(private_home) as store:
        uid = store.start_session("pf-crash-course", local_date=date(2026, 11, 1))
        store.record_set(uid, CompletedSet(
            block=0, round=1, exercise_id=RAISE, set_number=1, side="left", reps_target=12,
            reps_done=12, seconds=96.0, load_kg=5.0))  # fmt: skip
        store.finish_session(uid, "completed")
    win = open_window(qtbot)
    start(win, qtbot, "pf-crash-course")
    page = win.workout_page
    to_switch_after(win, RAISE)
    assert page.load_field.isVisible()
    qtbot.keyClicks(page, "7.5")
    assert "load used 7.5_ kg" in page.load_field.text()
    assert engine(win).state == "running"  # "." was the field's, not a pause
    hit(page, K.Key_Period)  # a second "." is a slip, not the clicker's pause
    assert engine(win).state == "running"
    hit(page, K.Key_B)  # the clicker's other blank-screen key pauses
    assert engine(win).state == "paused"
    assert "load used 7.5_ kg" in page.load_field.text()
    win.close()


def to_switch_after(win: MainWindow, exercise: str) -> None:
    """On to the switch after ``exercise``'s first side (its load asked there)."""
    for _ in range(3000):
        seg = engine(win).snapshot().segment
        if seg.exercise == exercise and seg.kind == "switch":
            return
        wake = engine(win).next_wakeup()
        assert win.controller is not None
        if wake is None or is_open_set(seg):
            win.controller.done()
        else:
            clock(win).set(wake)
            win.controller.pump()
    raise AssertionError(f"no switch after {exercise}")
