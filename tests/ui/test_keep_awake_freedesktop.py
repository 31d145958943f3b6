"""The freedesktop ScreenSaver backend, and KeepAwake as Linux runs it on the session bus.

These tests run a private dbus-daemon with a fake org.freedesktop.ScreenSaver in a
subprocess (a blocking call to a service in our own thread would deadlock). The fake's
UnInhibit takes only `u`, as real services do, so a cookie sent with the wrong D-Bus
type fails here just as it would on a desktop. Linux only: elsewhere KeepAwake uses
another backend (tests/ui/test_keep_awake_windows.py, test_keep_awake_macos.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.paths import ON_LINUX, REPO
from tests.private_bus import private_bus

if not ON_LINUX:
    pytest.skip("Linux only: the freedesktop ScreenSaver on D-Bus", allow_module_level=True)

from PySide6.QtDBus import QDBus, QDBusConnection, QDBusInterface, QDBusMessage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from circuit_timer.ui.keep_awake import KeepAwake
from circuit_timer.ui.keep_awake_freedesktop import PATHS, FreedesktopScreenSaver

REASON = "Workout in progress"


# --- against a real bus with a fake screensaver --------------------------------------

# A session bus of our own that starts no services, so a real screensaver installed on
# this machine cannot be activated on it.
FAKE_SCREENSAVER = textwrap.dedent(
    """
    import json, sys, time
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
    from PySide6.QtDBus import QDBusConnection

    log_path, object_path, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])

    def record(**entry):
        with open(log_path, "a") as log:
            log.write(json.dumps(entry) + "\\n")

    @ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
    class ScreenSaver(QObject):
        # Above 2**31, so a cookie squeezed through an int32 would not survive.
        next_cookie = 4_000_000_000

        @Slot(str, str, result="uint")
        def Inhibit(self, application, reason):
            time.sleep(delay)
            ScreenSaver.next_cookie += 1
            record(method="Inhibit", args=[application, reason], cookie=self.next_cookie)
            return self.next_cookie

        @Slot("uint")  # only `u`: a cookie sent as `i` gets UnknownMethod, as on a desktop
        def UnInhibit(self, cookie):
            record(method="UnInhibit", args=[cookie])

    app = QCoreApplication([])
    bus = QDBusConnection.sessionBus()
    service = ScreenSaver()
    if not (
        bus.registerObject(object_path, service, QDBusConnection.RegisterOption.ExportAllSlots)
        and bus.registerService("org.freedesktop.ScreenSaver")
    ):
        sys.exit("fake screensaver: " + bus.lastError().message())
    record(method="ready")
    app.exec()
    """
)


def _bus_env(address: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    # Without these libdbus cannot try to autolaunch a bus of its own.
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    if address is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = address
    return env


@pytest.fixture(scope="module")
def session_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start a private dbus-daemon; yield its address."""
    with private_bus(tmp_path_factory.mktemp("bus")) as address:
        yield address


def _calls(log: Path) -> list[dict[str, Any]]:
    lines = log.read_text().splitlines() if log.exists() else []
    return [entry for entry in map(json.loads, lines) if entry["method"] != "ready"]


@pytest.fixture
def fake_screensaver(
    session_bus: str, tmp_path: Path, qtbot: QtBot
) -> Iterator[Callable[..., Path]]:
    """Start a fake screensaver on the private bus; return the file its calls go to."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(object_path: str = PATHS[0], delay: float = 0.0) -> Path:
        log = tmp_path / f"screensaver-{len(processes)}.jsonl"
        errors = tmp_path / f"screensaver-{len(processes)}.err"
        with errors.open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-c", FAKE_SCREENSAVER, str(log), object_path, str(delay)],
                env=_bus_env(session_bus),
                stderr=stderr,
            )
        processes.append(process)

        def ready() -> None:
            assert process.poll() is None, errors.read_text()
            assert log.exists() and '"ready"' in log.read_text()

        qtbot.waitUntil(ready, timeout=15_000)
        return log

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def connection(qapp: QApplication, session_bus: str) -> Iterator[QDBusConnection]:
    """A connection to the private bus; the test process's own session bus is untouched."""
    name = f"keep-awake-{uuid.uuid4().hex}"
    bus = QDBusConnection.connectToBus(session_bus, name)
    assert bus.isConnected(), bus.lastError().message()
    yield bus
    QDBusConnection.disconnectFromBus(name)


def test_inhibit_and_uninhibit_reach_the_service(
    fake_screensaver: Callable[..., Path], connection: QDBusConnection
) -> None:
    log = fake_screensaver()
    awake = KeepAwake(FreedesktopScreenSaver(connection))

    awake.hold(REASON)
    cookie = awake.cookie
    assert cookie is not None
    assert _calls(log) == [
        {"method": "Inhibit", "args": ["circuit-timer", REASON], "cookie": cookie}
    ]

    awake.release()
    assert _calls(log)[1:] == [{"method": "UnInhibit", "args": [cookie]}]


def test_the_short_path_is_tried_when_the_standard_one_is_missing(
    fake_screensaver: Callable[..., Path], connection: QDBusConnection
) -> None:
    log = fake_screensaver(object_path="/ScreenSaver")
    backend = FreedesktopScreenSaver(connection)
    cookie = backend.inhibit("circuit-timer", REASON)
    assert cookie is not None
    backend.uninhibit(cookie)
    assert [entry["method"] for entry in _calls(log)] == ["Inhibit", "UnInhibit"]
    assert _calls(log)[1]["args"] == [cookie]


def test_the_uninhibit_interface_is_a_child_of_the_application(
    fake_screensaver: Callable[..., Path], connection: QDBusConnection, qapp: QApplication
) -> None:
    # Python's garbage collector may free its backend (with its window) on any thread,
    # a page's reader: the interface must not go with it there.
    fake_screensaver()
    before = set(qapp.findChildren(QDBusInterface))
    backend = FreedesktopScreenSaver(connection)
    cookie = backend.inhibit("circuit-timer", REASON)
    assert cookie is not None
    # The application's child: Qt destroys it, on the GUI thread.
    [interface] = set(qapp.findChildren(QDBusInterface)) - before
    assert interface.path() == PATHS[0]
    backend.uninhibit(cookie)


def test_no_screensaver_on_the_bus_gives_no_cookie(connection: QDBusConnection) -> None:
    backend = FreedesktopScreenSaver(connection)
    assert backend.inhibit("circuit-timer", REASON) is None
    backend.uninhibit(7)  # no error either


class RecordingBus:
    """A bus connection that records the timeout of each call and the error it got."""

    def __init__(self, bus: QDBusConnection) -> None:
        self.bus = bus
        self.calls: list[tuple[int, str]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bus, name)

    def call(self, message: QDBusMessage, mode: QDBus.CallMode, timeout: int) -> QDBusMessage:
        reply = self.bus.call(message, mode, timeout)
        self.calls.append((timeout, reply.errorName()))
        return reply


def test_a_hung_screensaver_does_not_hang_the_window(
    fake_screensaver: Callable[..., Path], connection: QDBusConnection
) -> None:
    log = fake_screensaver(delay=30)
    bus = RecordingBus(connection)
    backend = FreedesktopScreenSaver(bus, timeout_ms=300)  # type: ignore[arg-type]
    assert backend.inhibit("circuit-timer", REASON) is None
    # Each call asked the bus to give up after 300 ms, and the bus did (no reply), long
    # before the screensaver's answer 30 s on. Counted, not timed: a loaded machine is slow.
    assert bus.calls and {timeout for timeout, _ in bus.calls} == {300}
    assert bus.calls[0][1] == "org.freedesktop.DBus.Error.NoReply"
    assert _calls(log) == []


# --- in a process of its own, on the session bus as the app uses it ------------------


def _run(script: str, address: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        env=_bus_env(address),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_session_bus_pause_resume_and_crash(
    fake_screensaver: Callable[..., Path], session_bus: str
) -> None:
    log = fake_screensaver()
    result = _run(
        """
        import json
        from PySide6.QtCore import QCoreApplication
        from circuit_timer.ui.keep_awake import KeepAwake

        app = QCoreApplication([])
        awake = KeepAwake()
        awake.hold()                # start
        first = awake.cookie
        awake.release()             # pause
        awake.hold()                # resume
        print(json.dumps([first, awake.cookie]), flush=True)
        raise RuntimeError("simulated crash mid-workout")
        """,
        session_bus,
    )
    assert result.returncode == 1
    assert "simulated crash mid-workout" in result.stderr
    first, second = json.loads(result.stdout)
    assert _calls(log) == [
        {"method": "Inhibit", "args": ["circuit-timer", REASON], "cookie": first},
        {"method": "UnInhibit", "args": [first]},
        {"method": "Inhibit", "args": ["circuit-timer", REASON], "cookie": second},
        # Released by the exit hook after the uncaught exception.
        {"method": "UnInhibit", "args": [second]},
    ]


@pytest.mark.parametrize("address", ["unix:path=/nonexistent", None], ids=["dead", "unset"])
def test_without_a_session_bus_nothing_fails(address: str | None) -> None:
    result = _run(
        """
        import json
        from PySide6.QtCore import QCoreApplication
        from circuit_timer.ui.keep_awake import KeepAwake

        app = QCoreApplication([])
        awake = KeepAwake()
        awake.hold()
        states = [awake.held, awake.cookie]
        awake.release()
        print(json.dumps(states + [awake.held]))
        """,
        address,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout) == [True, None, False]


def test_qtdbus_is_loaded_only_when_a_workout_first_holds() -> None:
    # Starting the window builds a KeepAwake; loading QtDBus waits for the first hold.
    result = _run(
        """
        import json, sys
        from PySide6.QtCore import QCoreApplication
        from circuit_timer.ui.keep_awake import KeepAwake

        app = QCoreApplication([])
        awake = KeepAwake()
        built = "PySide6.QtDBus" in sys.modules
        awake.hold()
        awake.release()
        print(json.dumps([built, "PySide6.QtDBus" in sys.modules]))
        """,
        "unix:path=/nonexistent",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [False, True]
