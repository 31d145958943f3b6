"""An exercise's notes on the workout screen: in the rest before it, and on `I` during
its work, never pushing the countdown, the exercise, the side or the reps out of view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.model import Circuit
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.notes_panel import MORE
from circuit_timer.ui.workout_page import WorkoutPage
from tests.ui.driving import open_window, start, to_next
from tests.ui.layout_checks import assert_fits


def notes_of(win: MainWindow, circuit_id: str) -> dict[str, str]:
    """The notes of each exercise of a bundled circuit, as its file has them."""
    circuit = win.watcher.library.entries[circuit_id].document
    assert isinstance(circuit, Circuit)
    return {ex.id: ex.notes for block in circuit.blocks for ex in block.exercises if ex.notes}


def words(text: str) -> list[str]:
    return text.split()


def shows_the_start_of(label: QLabel, notes: str) -> bool:
    """Whether ``label`` shows ``notes``, whole or cut after some words with the hint."""
    text = label.text()
    if words(text) == words(notes):
        return True
    if not text.endswith("… " + MORE):
        return False
    kept = words(text.removesuffix("… " + MORE))
    return len(kept) >= 5 and words(notes)[: len(kept)] == kept


def in_view(page: WorkoutPage, over: QWidget, *widgets: QWidget) -> None:
    """Each of ``widgets`` is shown and ``over`` covers none of it."""
    for widget in widgets:
        assert widget.isVisible(), widget.objectName()
        assert not over.geometry().intersects(widget.geometry()), widget.objectName()
    assert page.rect().contains(over.geometry())


@pytest.mark.parametrize("size", [(800, 600), (1100, 760)])
def test_the_notes_show_in_the_rest_before_the_exercise_and_on_i_during_it(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    window = open_window(qtbot, size)
    notes = notes_of(window, "pf-crash-course")
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    assert window.controller is not None
    engine = window.controller.workout.engine
    # The get-ready names the first exercise and shows its notes.
    first = engine.snapshot().segment
    assert first.kind == "prepare" and first.exercise in notes
    assert page.notes.isVisible() and shows_the_start_of(page.notes, notes[first.exercise])
    # The rest before an exercise shows that exercise's notes, under "Next: ...".
    to_next(window, "rest")
    rest = engine.snapshot().segment
    assert rest.exercise in notes and page.name.text().startswith(f"Next: {rest.name}")
    assert page.notes.isVisible() and shows_the_start_of(page.notes, notes[rest.exercise])
    assert_fits(page.notes)
    in_view(page, page.notes, page.countdown, page.name)
    assert page.minimumSizeHint().height() <= page.height()
    # During its work the notes step aside for the rep counter...
    to_next(window, "work")
    assert engine.snapshot().segment.exercise == rest.exercise
    assert not page.notes.isVisible()
    assert page.buttons["notes"].isEnabled()
    # ...and I shows them in full, over the rows below the counter, leaving it in view.
    qtbot.keyClick(page, Qt.Key.Key_I)
    panel = page.notes_panel
    assert panel.isVisible() and panel.notes == notes[rest.exercise]
    assert words(notes[rest.exercise])[-1] in panel.text.text()  # the whole text, no cut
    in_view(page, panel, page.countdown, page.name, page.side, page.reps, page.minus, page.plus)
    # Keys still drive the workout under it; I again (or Esc) closes it.
    qtbot.keyClick(page, Qt.Key.Key_Up)
    assert engine.snapshot().reps == 1
    qtbot.keyClick(page, Qt.Key.Key_I)
    assert not panel.isVisible()
    qtbot.mouseClick(page.buttons["notes"], Qt.MouseButton.LeftButton)
    assert panel.isVisible()
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert not panel.isVisible() and not page.asking  # Esc closed the notes, nothing else


def test_long_notes_are_cut_with_a_hint_and_scroll_in_full(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(800, 600)
    start(window, qtbot, "heel-raise-test")
    notes = notes_of(window, "heel-raise-test")
    to_next(window, "switch")  # the pause before the right side of the test
    page = window.workout_page
    assert window.controller is not None
    test_id = window.controller.workout.engine.snapshot().segment.exercise
    assert page.notes.text().endswith("… " + MORE)  # too long for the room: cut, and says so
    assert shows_the_start_of(page.notes, notes[test_id])
    assert_fits(page.notes)
    to_next(window, "work")
    qtbot.keyClick(page, Qt.Key.Key_I)
    panel = page.notes_panel
    assert panel.notes == notes[test_id]
    in_view(page, panel, page.countdown, page.name, page.side, page.reps)
    bar = panel.scroller.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # more than fits under the counter: it scrolls
    qtbot.keyClick(page, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    qtbot.keyClick(page, Qt.Key.Key_PageUp)
    assert bar.value() == 0


def test_finish_asks_in_the_notes_place(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "pf-crash-course")
    page = window.workout_page
    qtbot.keyClick(page, Qt.Key.Key_I)
    assert page.reading
    qtbot.mouseClick(page.buttons["finish"], Qt.MouseButton.LeftButton)
    assert page.asking and not page.reading
    qtbot.keyClick(page, Qt.Key.Key_I)  # the question stays until answered
    assert page.asking and not page.reading


def test_an_exercise_without_notes_has_none_to_show(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "pf-crash-course")
    notes = notes_of(window, "pf-crash-course")
    page = window.workout_page
    assert window.controller is not None
    engine = window.controller.workout.engine
    qtbot.keyClick(page, Qt.Key.Key_I)  # open from the start: it follows the exercise
    while True:
        segment = engine.snapshot().segment
        if segment.exercise not in notes:
            break
        assert page.reading and page.notes_panel.notes == notes[segment.exercise]
        window.controller.done()  # ends a pause too
    # The first pause of an exercise without notes: nothing shows, I does nothing.
    assert not page.reading and not page.notes.isVisible()
    assert not page.buttons["notes"].isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_I)
    assert not page.reading
