"""Where simpleaudio cannot play (no wheel for this machine, no sound device, a device
that fails mid-workout), the window's workout runs on with its flashes and one line
saying cues are visual only. The real sound set-up (session/sound.py) is used, with
simpleaudio made unimportable or replaced by a failing fake."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.audio import voice
from circuit_timer.audio.players import NO_DEVICE, NO_SIMPLEAUDIO
from circuit_timer.core.clock import FakeClock
from circuit_timer.ui.app import open_main_window
from circuit_timer.ui.main_window import MainWindow
from tests.ui.driving import FakeKeepAwake, run_to_end, start, to_next


@pytest.fixture(autouse=True)
def no_voice(monkeypatch: pytest.MonkeyPatch) -> None:
    """No speech engine: these tests are about the cue player alone."""
    monkeypatch.setattr(voice, "find_engine", lambda: None)


def _window(qtbot: QtBot) -> MainWindow:
    # The default cue factory: the sound the settings ask for, as the app builds it.
    win = open_main_window(clock=FakeClock(), keep_awake=FakeKeepAwake())
    qtbot.addWidget(win)
    win.show()
    return win


def test_without_simpleaudio_a_workout_runs_on_visual_cues_and_says_so_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import simpleaudio: ImportError
    win = _window(qtbot)
    start(win, qtbot, "heel-raise-test")
    page = win.workout_page
    assert page.notice.text() == NO_SIMPLEAUDIO
    assert NO_SIMPLEAUDIO == "simpleaudio is not installed: cues are visual only."
    flashed = page.flashes
    to_next(win, "work")
    assert page.flashes > flashed  # the cue that would have sounded flashed instead
    run_to_end(win)
    assert win.pages.currentWidget() is win.summary_page
    assert win.workout_run is not None and win.workout_run.workout.status == "completed"
    win.close()


class BrokenDevice(Exception):
    """Stands in for simpleaudio's SimpleaudioError."""


class Played:
    """A sound that finished at once."""

    def is_playing(self) -> bool:
        return False

    def wait_done(self) -> None:
        """Done already."""


def test_a_device_failing_mid_workout_shows_the_line_and_the_flashes_go_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    working = [True]

    def play_buffer(pcm: bytes, channels: int, width: int, rate: int) -> Any:
        if not working[0]:
            raise BrokenDevice("the device went away")
        return Played()

    fake = types.ModuleType("simpleaudio")
    fake.SimpleaudioError = BrokenDevice  # type: ignore[attr-defined]
    fake.play_buffer = play_buffer  # type: ignore[attr-defined]
    fake.stop_all = lambda: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "simpleaudio", fake)
    win = _window(qtbot)
    start(win, qtbot, "heel-raise-test")
    page = win.workout_page
    assert page.notice.text() == ""  # the start-up probe played: sound is on
    working[0] = False  # headphones unplugged
    assert win.workout_run is not None and win.workout_run.sound is not None
    sound = win.workout_run.sound
    to_next(win, "work")  # its "go" cue fails in the player's thread
    qtbot.waitUntil(lambda: sound.current_notice() is not None, timeout=5000)
    flashed = page.flashes
    to_next(win, "switch")
    assert page.notice.text() == NO_DEVICE
    assert page.flashes > flashed
    win.close()
