"""The beat on the workout screen: a band that flips UP / DOWN on each beat of a test,
under a rep count that stays the largest thing, and a set that ends only on Done."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from circuit_timer.core.library import load_file
from circuit_timer.session.workout import Origin
from circuit_timer.ui.main_window import MainWindow
from tests.paths import DATA
from tests.sample_circuits import circuit
from tests.ui.driving import advance, open_window, to_next
from tests.ui.layout_checks import assert_fits

CHECK = DATA / "tests" / "left-right-check.yaml"


def run_check(win: MainWindow) -> None:
    """Start the test circuit (heel raise to failure at pace 60, each side, first)."""
    circuit = load_file(CHECK, str(CHECK)).document
    win.run(circuit, Origin())  # type: ignore[arg-type]
    to_next(win, "work", "left")
    assert win.controller is not None
    segment = win.controller.workout.engine.snapshot().segment
    assert segment.test and segment.pace == 60


def digits_in_view(label: QLabel) -> bool:
    """Whether the text's glyphs (not its taller line box) lie inside the label: a
    centred line box overflows it equally above and below."""
    metrics = QFontMetrics(label.font())
    ink = metrics.tightBoundingRect(label.text())
    room = label.contentsRect()
    baseline = room.top() + (room.height() - metrics.height()) / 2 + metrics.ascent()
    return baseline + ink.top() >= room.top() and baseline + ink.bottom() <= room.bottom() + 1


def test_a_test_shows_up_and_down_on_alternate_beats(window: MainWindow, qtbot: QtBot) -> None:
    run_check(window)
    page = window.workout_page
    band = page.beat
    assert band.isVisible()
    # The set's start is beat 0: up; each beat then flips it.
    seen = [(band.text(), band.on_beat)]
    for _ in range(4):
        advance(window, 1.0)
        seen.append((band.text(), band.on_beat))
    assert seen == [("▲ UP", True), ("▼ DOWN", False)] * 2 + [("▲ UP", True)]
    # Between beats it holds still.
    advance(window, 0.5)
    assert (band.text(), band.on_beat) == ("▲ UP", True)
    # Filled on the up, outlined on the down: a change seen without reading the word.
    filled = band.styleSheet()
    advance(window, 0.5)
    assert band.styleSheet() != filled and "transparent" in band.styleSheet()


def test_the_set_goes_on_until_the_runner_marks_it_done(window: MainWindow, qtbot: QtBot) -> None:
    run_check(window)
    page = window.workout_page
    assert window.controller is not None
    engine = window.controller.workout.engine
    index = engine.index
    advance(window, 300)  # far past the 30 reps' estimate
    assert engine.index == index and engine.state == "running"
    assert page.beat.isVisible() and page.beat.text() == "▲ UP"  # beat 300
    qtbot.keyClick(page, Qt.Key.Key_Up)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert engine.index == index + 1
    assert not page.beat.isVisible()  # the switch has no beat
    [done] = window.controller.sets
    assert done.test and done.counted and done.reps_done == 1


def test_an_uncounted_test_says_done_saves_no_reps(window: MainWindow, qtbot: QtBot) -> None:
    run_check(window)
    page = window.workout_page
    assert page.reps.text() == "not counted: Done ✓ saves no reps"
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.controller is not None
    [done] = window.controller.sets
    assert done.reps_done is None and not done.counted


def test_no_band_in_a_pause_or_a_set_without_a_pace(window: MainWindow, qtbot: QtBot) -> None:
    run_check(window)
    page = window.workout_page
    assert window.controller is not None
    engine = window.controller.workout.engine
    seen: dict[tuple[str, str, bool], bool] = {}
    while engine.snapshot().segment.exercise != "calf-stretch":
        segment = engine.snapshot().segment
        paced = segment.kind == "work" and segment.pace is not None
        seen[(segment.kind, segment.exercise, paced)] = page.beat.isVisible()
        wake = engine.next_wakeup()
        if segment.kind == "work" and segment.seconds is None:
            window.controller.done()  # a paced set never ends by itself
        else:
            assert wake is not None
            advance(window, wake - engine.clock.now())
    assert seen[("work", "heel-raise", True)]
    assert seen[("work", "eversion", False)] is False
    assert not any(shown for (kind, _, _), shown in seen.items() if kind != "work")
    assert ("switch", "heel-raise", False) in seen and ("rest", "eversion", False) in seen


@pytest.mark.parametrize("size", [(800, 600), (1100, 760), (3840, 2160)])
def test_the_count_stays_biggest_and_all_is_in_view(qtbot: QtBot, size: tuple[int, int]) -> None:
    window = open_window(qtbot, size)
    run_check(window)
    page = window.workout_page
    advance(window, 3.0)
    qtbot.keyClick(page, Qt.Key.Key_Up)
    qtbot.wait(20)
    # The band took no room the window does not have: the page's least height fits.
    assert window.size().height() == size[1]
    assert page.minimumSizeHint().height() <= page.height()
    assert page.countdown.text() == "1 / 30" and page.beat.text() == "▼ DOWN"
    shown = [lb for lb in page.findChildren(QLabel) if lb.isVisible() and lb.text()]
    others = [lb.font().pixelSize() for lb in shown if lb is not page.countdown]
    assert page.countdown.font().pixelSize() > 2 * max(others)
    digits = QFontMetrics(page.countdown.font()).tightBoundingRect(page.countdown.text())
    assert digits.height() >= window.height() / 4
    assert digits_in_view(page.countdown)
    # The band is under the count, over the exercise, and touches neither.
    band = page.beat.geometry()
    assert page.countdown.geometry().bottom() < band.top()
    assert band.bottom() < page.name.geometry().top()
    assert band.width() > 0.9 * page.width()
    for label in shown:
        if label is not page.countdown:
            assert_fits(label)


def test_a_paced_set_that_is_no_test_counts_its_beats(window: MainWindow, qtbot: QtBot) -> None:
    paced = circuit(
        """
        id: paced
        title: Paced bridges
        defaults: {prepare: 0}
        blocks:
          - exercises:
              - {id: bridge, name: Bridge, reps: 12, pace: 40}
        """
    )
    window.run(paced, Origin())
    band = window.workout_page.beat
    assert (band.text(), band.on_beat) == ("BEAT 0", True)
    advance(window, 1.5)  # 40 a minute: a beat each 1.5 s
    assert (band.text(), band.on_beat) == ("BEAT 1", False)
    advance(window, 1.5)
    assert (band.text(), band.on_beat) == ("BEAT 2", True)
