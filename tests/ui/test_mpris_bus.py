"""The workout's MPRIS 2 player on a private session bus, driven from another process.

A dbus-daemon of the test's own carries the app's player (live in this test's
QApplication); each call is a `dbus-send` process, waited for while Qt's event loop runs,
so the player answers it as it would a desktop's media controls.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.clock import FakeClock
from circuit_timer.core.segment_words import is_open_set
from circuit_timer.ui import mpris_bus
from circuit_timer.ui.app import open_main_window
from circuit_timer.ui.controller import WorkoutController
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.mpris import SERVICE, MediaRemote
from circuit_timer.ui.mpris_bus import PATH, PLAYER, PROPERTIES, WORKOUT
from tests.paths import REPO, linux_tool
from tests.private_bus import private_bus
from tests.ui.driving import FakeKeepAwake, advance, clock, start, to_next


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private dbus-daemon's address."""
    linux_tool("dbus-send", "dbus")
    with private_bus(tmp_path_factory.mktemp("bus")) as address:
        yield address


@pytest.fixture
def bus(qapp: QApplication, address: str) -> Iterator[QDBusConnection]:
    """This process's connection to the private bus (its own session bus untouched)."""
    name = f"mpris-{uuid.uuid4().hex}"
    connection = QDBusConnection.connectToBus(address, name)
    assert connection.isConnected(), connection.lastError().message()
    yield connection
    QDBusConnection.disconnectFromBus(name)


@pytest.fixture
def window(qtbot: QtBot, bus: QDBusConnection) -> Iterator[MainWindow]:
    """The window on a fake clock, each workout's player on the private bus."""

    def remote(controller: WorkoutController, circuit: str, win: QWidget) -> MediaRemote:
        # The controller's child, as the app's (mpris.media_remote): never left to the
        # garbage collector, which may run on a page reader's thread.
        return MediaRemote(controller, circuit, win, connection=bus, parent=controller)

    win = open_main_window(
        clock=FakeClock(), cue_factory=None, keep_awake=FakeKeepAwake(), remote=remote
    )
    qtbot.addWidget(win)
    win.resize(1000, 750)
    win.show()
    yield win
    win.close()


Send = Callable[..., str]


@pytest.fixture
def send(qtbot: QtBot, address: str) -> Send:
    """Run `dbus-send` to the player in another process; its printed reply. Qt's event
    loop runs while it waits, so the player can answer."""

    def run(method: str, *arguments: str, dest: str = SERVICE, ok: bool = True) -> str:
        env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
        with subprocess.Popen(
            ["dbus-send", "--session", "--print-reply", f"--dest={dest}", PATH, method,
             *arguments],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        ) as process:  # fmt: skip
            qtbot.waitUntil(lambda: process.poll() is not None, timeout=15_000)
            assert process.stdout is not None
            out = process.stdout.read()
        assert (process.returncode == 0) == ok, out
        return out

    return run


def get(send: Send, name: str, interface: str = PLAYER) -> str:
    return send(f"{PROPERTIES}.Get", f"string:{interface}", f"string:{name}")


def state(win: MainWindow) -> str:
    assert win.controller is not None
    return win.controller.workout.state


def test_play_pause_pauses_and_resumes_and_the_status_says_so(
    window: MainWindow, qtbot: QtBot, send: Send
) -> None:
    start(window, qtbot, "pf-crash-course")
    assert 'string "Playing"' in get(send, "PlaybackStatus")
    send(f"{PLAYER}.PlayPause")
    assert state(window) == "paused"
    assert 'string "Paused"' in get(send, "PlaybackStatus")
    send(f"{PLAYER}.Stop")  # never ends the workout: it pauses
    send(f"{PLAYER}.Pause")
    assert state(window) == "paused"
    send(f"{PLAYER}.PlayPause")
    assert state(window) == "running"
    send(f"{PLAYER}.Pause")
    send(f"{PLAYER}.Play")
    assert state(window) == "running"


def test_next_marks_a_rep_set_done_and_skips_anything_else(
    window: MainWindow, qtbot: QtBot, send: Send
) -> None:
    start(window, qtbot, "pf-crash-course")
    assert window.controller is not None
    assert window.controller.workout.snapshot().segment.kind == "prepare"
    send(f"{PLAYER}.Next")  # the get-ready: skipped, nothing recorded
    assert window.controller.workout.snapshot().index == 1
    to_next(window, "work")
    work = window.controller.workout.snapshot().segment
    assert is_open_set(work)
    send(f"{PLAYER}.Next")
    assert [(s.exercise_id, s.set_number, s.reps_done) for s in window.controller.sets] == [
        (work.exercise, work.set, work.reps)
    ]
    index = window.controller.workout.snapshot().index
    send(f"{PLAYER}.Previous")  # within its first seconds: back to the set before
    assert window.controller.workout.snapshot().index == index - 1


def test_done_marks_done_and_skip_records_nothing(
    window: MainWindow, qtbot: QtBot, send: Send
) -> None:
    start(window, qtbot, "pf-crash-course")
    assert window.controller is not None
    to_next(window, "work")
    work = window.controller.workout.snapshot().segment
    send(f"{WORKOUT}.Skip")
    assert window.controller.sets == []
    to_next(window, "work")
    work = window.controller.workout.snapshot().segment
    send(f"{WORKOUT}.Done")
    done = window.controller.sets
    assert [(s.exercise_id, s.set_number) for s in done] == [(work.exercise, work.set)]


def test_the_metadata_is_the_exercise_its_side_and_the_time_left(
    window: MainWindow, qtbot: QtBot, send: Send
) -> None:
    start(window, qtbot, "pf-crash-course")
    assert window.controller is not None
    for _ in range(200):  # on to a timed set on one side
        to_next(window, "work")
        seg = window.controller.workout.snapshot().segment
        if seg.side == "left" and seg.seconds is not None:
            break
        window.controller.done()
    seg = window.controller.workout.snapshot().segment
    assert seg.side == "left" and seg.seconds is not None
    advance(window, 5.5)
    left = seg.seconds - 5  # rounded up, as the countdown shows it
    meta = get(send, "Metadata")
    assert f'string "{seg.name} · left"' in meta
    assert 'string "Plantar fasciitis crash course"' in meta
    assert f'string "{left // 60}:{left % 60:02d} left"' in meta
    assert f"int64 {seg.seconds * 1_000_000}" in meta  # mpris:length, in microseconds
    assert 'object path "/io/github/circuit_timer/segment/' in meta
    position = get(send, "Position")
    assert re.search(r"variant\s+int64 5500000$", position.strip()), position


def timed_work(window: MainWindow, qtbot: QtBot) -> int:
    """Start a workout and go on to a timed set; its length in microseconds."""
    start(window, qtbot, "pf-crash-course")
    assert window.controller is not None
    for _ in range(200):
        to_next(window, "work")
        seconds = window.controller.workout.snapshot().segment.seconds
        if seconds is not None:
            return seconds * 1_000_000
        window.controller.done()
    raise AssertionError("no timed set")


# MPRIS types both as int64 (x): a GLib client reading an int32 there gets 0.
LENGTH_INT64 = r'string "mpris:length"\s+variant\s+int64 (\d+)'
POSITION_INT64 = r'string "Position"\s+variant\s+int64 (\d+)'


def test_get_all_sends_the_position_and_the_length_as_int64(
    window: MainWindow, qtbot: QtBot, send: Send
) -> None:
    length = timed_work(window, qtbot)
    advance(window, 2.0)
    everything = send(f"{PROPERTIES}.GetAll", f"string:{PLAYER}")
    assert [int(n) for n in re.findall(LENGTH_INT64, everything)] == [length]
    assert [int(n) for n in re.findall(POSITION_INT64, everything)] == [2_000_000]
    assert "int32" not in everything


def test_properties_changed_sends_the_length_as_int64(
    window: MainWindow, qtbot: QtBot, address: str, tmp_path: Path
) -> None:
    monitor = linux_tool("dbus-monitor", "dbus")
    out = tmp_path / "monitor.txt"
    match = f"type='signal',interface='{PROPERTIES}',member='PropertiesChanged'"
    with (
        out.open("w") as sink,
        subprocess.Popen(
            [monitor, "--address", address, match], stdout=sink, stderr=subprocess.STDOUT
        ) as process,
    ):
        try:
            # It says NameLost once it is a monitor: from then on it hears every signal.
            qtbot.waitUntil(lambda: "member=NameLost" in out.read_text(), timeout=15_000)
            length = timed_work(window, qtbot)
            qtbot.waitUntil(lambda: re.search(LENGTH_INT64, out.read_text()) is not None)
        finally:
            process.terminate()
    heard = [int(n) for n in re.findall(LENGTH_INT64, out.read_text())]
    assert length in heard
    assert "int32" not in out.read_text()


# Raise reaches the window; the offscreen platform says it cannot raise it.
@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")
def test_the_root_interface_and_what_a_desktop_cannot_change(
    window: MainWindow, qtbot: QtBot, send: Send
) -> None:
    start(window, qtbot, "pf-crash-course")
    root = send(f"{PROPERTIES}.GetAll", "string:org.mpris.MediaPlayer2")
    for line in ('string "Identity"', 'string "circuit-timer"', 'string "CanQuit"'):
        assert line in root
    xml = send("org.freedesktop.DBus.Introspectable.Introspect")
    assert '<interface name="org.mpris.MediaPlayer2.Player">' in xml
    assert f'<interface name="{WORKOUT}"><method name="Done"/>' in xml
    error = send(
        f"{PROPERTIES}.Set", f"string:{PLAYER}", "string:Volume", "variant:double:0.5", ok=False
    )
    assert "PropertyReadOnly" in error
    send(f"{PROPERTIES}.Get", f"string:{PLAYER}", "string:Nothing", ok=False)
    send("org.mpris.MediaPlayer2.Quit")  # CanQuit is false: nothing happens
    send("org.mpris.MediaPlayer2.Raise")
    assert state(window) == "running"


def test_the_player_is_on_the_bus_only_while_a_workout_runs(
    window: MainWindow, qtbot: QtBot, bus: QDBusConnection
) -> None:
    names = bus.interface()
    assert not names.isServiceRegistered(SERVICE).value()
    start(window, qtbot, "heel-raise-test")
    assert names.isServiceRegistered(SERVICE).value()
    window.workout_page.request_finish()  # finished early: off the bus with the summary
    assert window.pages.currentWidget() is window.summary_page
    assert not names.isServiceRegistered(SERVICE).value()


def test_a_second_player_takes_a_name_of_its_own(
    window: MainWindow, qtbot: QtBot, bus: QDBusConnection, address: str
) -> None:
    start(window, qtbot, "heel-raise-test")
    assert window.controller is not None
    other_name = f"mpris-other-{uuid.uuid4().hex}"
    other = QDBusConnection.connectToBus(address, other_name)
    second = MediaRemote(window.controller, "x", connection=other, parent=window.controller)
    try:
        assert second.publish()
        assert second.service == f"{SERVICE}.instance{os.getpid()}"
    finally:
        second.close()
        QDBusConnection.disconnectFromBus(other_name)


class Watcher(QObject):
    """Records the PropertiesChanged signals it hears: signature and interface (PySide6
    hands the a{sv} over as an opaque QDBusArgument)."""

    def __init__(self) -> None:
        super().__init__()
        self.heard: list[tuple[str, str]] = []

    @Slot(QDBusMessage)
    def changed(self, message: QDBusMessage) -> None:
        self.heard.append((message.signature(), str(message.arguments()[0])))


def test_changes_are_signalled_and_the_countdown_once_a_second(
    window: MainWindow, qtbot: QtBot, address: str, send: Send
) -> None:
    name = f"mpris-watch-{uuid.uuid4().hex}"
    listener = QDBusConnection.connectToBus(address, name)
    watcher = Watcher()
    assert listener.connect(
        "", PATH, PROPERTIES, "PropertiesChanged", watcher, SLOT("changed(QDBusMessage)")
    ), listener.lastError().message()
    try:
        start(window, qtbot, "pf-crash-course")
        qtbot.waitUntil(lambda: len(watcher.heard) >= 1)  # on the bus: its first state
        heard = len(watcher.heard)
        send(f"{PLAYER}.PlayPause")
        qtbot.waitUntil(lambda: len(watcher.heard) > heard)  # Paused
        assert set(watcher.heard) == {("sa{sv}as", PLAYER)}
        remote = window.workout_run.remote if window.workout_run else None
        assert isinstance(remote, MediaRemote)
        send(f"{PLAYER}.PlayPause")
        before = remote.sent
        for _ in range(8):  # two seconds of the countdown, a quarter at a time
            clock(window).advance(0.25)
            remote.refresh()
        assert remote.sent - before == 2
        qtbot.waitUntil(lambda: len(watcher.heard) == heard + 1 + (remote.sent - before) + 1)
    finally:
        QDBusConnection.disconnectFromBus(name)


# -- literally under dbus-run-session, as the done-when line has it ------------

SCRIPT = textwrap.dedent(
    """
    import json, os
    from PySide6.QtCore import QProcess, QTimer
    from circuit_timer.core.clock import FakeClock
    from circuit_timer.ui.app import make_application, open_main_window
    from circuit_timer.ui.mpris import media_remote

    class Awake:
        def hold(self, reason=""): pass
        def release(self): pass

    app = make_application()
    win = open_main_window(clock=FakeClock(), cue_factory=None, keep_awake=Awake(),
                           remote=media_remote)
    win.show()
    win.start_circuit("pf-crash-course")
    seen = []
    calls = ["org.mpris.MediaPlayer2.Player.PlayPause", "org.mpris.MediaPlayer2.Player.Next",
             "io.github.circuit_timer.Workout.Done"]

    def call(i=0):
        workout = win.controller.workout
        seen.append([workout.state, workout.snapshot().index, len(workout.sets_done)])
        if i == len(calls):
            print(json.dumps(seen), flush=True)
            win.close()
            app.quit()
            return
        process = QProcess(app)
        process.finished.connect(lambda *_: call(i + 1))
        process.start("dbus-send", ["--session", "--print-reply",
                      "--dest=org.mpris.MediaPlayer2.circuit_timer",
                      "/org/mpris/MediaPlayer2", calls[i]])

    QTimer.singleShot(0, call)
    app.exec()
    """
)


def test_under_dbus_run_session_play_pause_next_and_done_change_the_workout(
    tmp_path: Path,
) -> None:
    runner = linux_tool("dbus-run-session", "dbus")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        [runner, "--", sys.executable, "-c", SCRIPT],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    # Started on the get-ready; PlayPause pauses; Next (paused, on the get-ready) goes
    # on to the work; Done records that set.
    assert seen == [["running", 0, 0], ["paused", 0, 0], ["paused", 1, 0], ["paused", 2, 1]]


def test_a_failing_call_gets_an_error_reply_not_silence(
    window: MainWindow,
    qtbot: QtBot,
    send: Send,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    start(window, qtbot, "pf-crash-course")
    remote = window.workout_run.remote if window.workout_run else None
    assert isinstance(remote, MediaRemote)

    def broken(interface: str, method: str) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(remote, "invoke", broken)
    with caplog.at_level(logging.ERROR, logger="circuit_timer.ui.mpris_bus"):
        out = send(f"{PLAYER}.PlayPause", ok=False)
    assert "org.freedesktop.DBus.Error.Failed" in out
    assert any("PlayPause failed" in r.getMessage() for r in caplog.records)
    assert state(window) == "running"


def test_without_the_int64_writer_the_times_go_as_plain_ints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mpris_bus, "_int64_writer", lambda: None)
    values = {"Position": 5, "Metadata": {"mpris:length": 7, "xesam:title": "t"}}
    assert mpris_bus.marshal(values) == values
    assert isinstance(mpris_bus.marshal(3, "Position"), int)


def test_only_the_int64_typed_ints_become_arguments() -> None:
    marshalled = mpris_bus.marshal({"Position": 5, "Rate": 1.0, "CanSeek": False})
    assert isinstance(marshalled, dict)
    assert isinstance(marshalled["Position"], QDBusArgument)
    assert marshalled["Rate"] == 1.0 and marshalled["CanSeek"] is False
