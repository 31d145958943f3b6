"""No sound device, no D-Bus, no espeak-ng, all at once: a whole workout still completes,
with visual cues, and the runner is told once that cues are visual only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import ScaledClock
from circuit_timer.store.history import HistoryStore
from tests.sample_circuits import SHORT

NO_BUS = "unix:path=/nonexistent/dbus-socket"


@pytest.fixture
def nothing_there(tmp_path: Path, private_home: Path) -> dict[str, str]:
    """The environment of a machine with none of the three: what to set, by name.

    ALSA reads an empty configuration (no devices at all); the session bus address
    leads nowhere; PATH holds only an empty folder, so there is no espeak-ng to find.
    """
    empty_conf = tmp_path / "no-devices.conf"
    empty_conf.write_text("# no pcm devices at all\n")
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    (private_home / "circuits").mkdir()
    (private_home / "circuits" / "short.yaml").write_text(SHORT)
    return {
        "ALSA_CONFIG_PATH": str(empty_conf),
        "DBUS_SESSION_BUS_ADDRESS": NO_BUS,
        "PATH": str(empty_bin),
    }


def completed_short(home: Path) -> None:
    with HistoryStore.in_folder(home) as store:
        [session] = store.sessions()
        assert (session.circuit_id, session.status) == ("short", "completed")
        assert [s.exercise_id for s in store.sets()] == ["hop", "raise"]
    # espeak-ng never ran: no spoken cue was ever made.
    assert not (home / "cache" / "voice").exists()


def test_the_terminal_run_completes_with_visual_cues_only(
    private_home: Path, nothing_there: dict[str, str]
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(nothing_there, CIRCUIT_TIMER_HOME=str(private_home))
    # Speed 2: below the speed where sound is switched off, so the real player is tried.
    result = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "run", "short", "--speed", "2"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("visual only") == 1
    assert "Traceback" not in result.stderr and "espeak" not in result.stderr
    lines = result.stdout.splitlines()
    # The cues the runner sees instead: every segment and set, then the end.
    assert any("set done: Hops, set 1/1" in line for line in lines)
    assert any("set done: Raise, set 1/1" in line for line in lines)
    assert lines[-1].endswith("finished: completed")
    completed_short(private_home)


def test_the_window_completes_a_workout_with_visual_cues_only(
    qtbot: QtBot,
    private_home: Path,
    nothing_there: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shutil

    from PySide6.QtDBus import QDBusConnection

    from circuit_timer.ui.app import open_main_window
    from circuit_timer.ui.keep_awake import FreedesktopScreenSaver, KeepAwake
    from tests.ui.driving import start

    for name, value in nothing_there.items():
        monkeypatch.setenv(name, value)
    assert shutil.which("espeak-ng") is None
    # Qt keeps the session bus of the first use for the whole process, so this test
    # hands the screen-saver backend a bus at the same dead address explicitly.
    bus = QDBusConnection.connectToBus(NO_BUS, "circuit-timer-tests-no-bus")
    assert not bus.isConnected()
    keep_awake = KeepAwake(FreedesktopScreenSaver(bus))
    # The real cue factory (sound and voice as the app makes them), on a fast real clock.
    win = open_main_window(clock=ScaledClock(10), keep_awake=keep_awake)
    qtbot.addWidget(win)
    win.show()
    try:
        start(win, qtbot, "short")
        page = win.workout_page
        assert "visual only" in page.notice.text()
        assert keep_awake.held and keep_awake.cookie is None  # nothing to ask, no harm
        qtbot.waitUntil(lambda: win.pages.currentWidget() is win.summary_page, timeout=15_000)
        assert win.summary_page.heading.text() == "Completed: Short"
        assert page.flashes >= 4  # the visual cues: go, rest, tempo phases, set done
        assert not keep_awake.held
        assert win.controller is not None
        assert [s.exercise_id for s in win.controller.sets] == ["hop", "raise"]
        assert win.controller.workout.notices == []
    finally:
        win.close()
        QDBusConnection.disconnectFromBus("circuit-timer-tests-no-bus")
    completed_short(private_home)
