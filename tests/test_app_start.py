"""Starting the window as the README says: `make run` on a desktop, and with no display.

The desktop is Xvfb: DISPLAY set, QT_QPA_PLATFORM unset, as an X11 session has it. The
window is found the way a person would see it, with xwininfo, and grabbed over xcb.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtGui import QImage

from circuit_timer.commands.app import no_display
from tests.paths import REPO, linux_tool

T = TypeVar("T")
NO_DISPLAY = (
    "circuit-timer: no display found (DISPLAY and WAYLAND_DISPLAY are unset): run it from a "
    "desktop session, or use the terminal runner: circuit-timer run ID"
)
# The main window's title starts with the app's name (the first-run dialog's does not).
MAIN_WINDOW = re.compile(r'^\s*(0x[0-9a-f]+) "circuit-timer[^"]*": \(.*\)\s+(\d+)x(\d+)\+')
# Grab a window from the X server as it is on screen, in a separate xcb client.
GRAB = (
    "import sys\n"
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication(sys.argv[:1])\n"
    "app.primaryScreen().grabWindow(int(sys.argv[1], 16)).save(sys.argv[2])\n"
)


def tool(name: str) -> str:
    """The path of a tool from scripts/system-packages.txt: these tests run the app on
    Xvfb (xcb), so they are skipped off Linux; on Linux a missing tool fails."""
    return linux_tool(name, {"xvfb-run": "xvfb", "xwininfo": "x11-utils"}.get(name, name))


def poll(check: Callable[[], T | None], seconds: float, alive: subprocess.Popen[bytes]) -> T:
    """What ``check`` returns once it is not None; fails if ``alive`` exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found is not None:
            return found
        if alive.poll() is not None:
            pytest.fail(f"make run exited with status {alive.returncode} before its window")
        # Polling another process's window: nothing here to wait on with a signal.
        time.sleep(0.25)
    pytest.fail(f"no circuit-timer window after {seconds} s")


def desktop_env(tmp_path: Path) -> dict[str, str]:
    """The environment with no display and no Qt platform, and private data folders."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY")
    }
    env["CIRCUIT_TIMER_HOME"] = str(tmp_path / "home")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return env


@pytest.fixture
def xserver() -> Iterator[dict[str, str]]:
    """An Xvfb display for this test: DISPLAY and XAUTHORITY, as xvfb-run sets them."""
    xvfb_run = tool("xvfb-run")
    # The shell prints where the server is, then waits on stdin: closing it ends both.
    server = subprocess.Popen(
        [xvfb_run, "-a", "-s", "-screen 0 1280x800x24",
         "sh", "-c", 'echo "$DISPLAY $XAUTHORITY"; exec cat'],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdin is not None and server.stdout is not None
    display, xauthority = server.stdout.readline().split()
    try:
        yield {"DISPLAY": display, "XAUTHORITY": xauthority}
    finally:
        server.stdin.close()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()


def make_would_rebuild_the_venv(make: str, env: dict[str, str]) -> bool:
    """True when `make run` would create the venv again (its stamp is older than
    pyproject.toml, or missing): not something a test may do to the venv it runs in."""
    dry = subprocess.run(
        [make, "-n", "run"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    return dry.returncode != 0 or " -m venv " in dry.stdout


def test_make_run_opens_a_mapped_painted_window_on_an_x11_desktop(
    tmp_path: Path, xserver: dict[str, str]
) -> None:
    make, xwininfo = tool("make"), tool("xwininfo")
    env = {**desktop_env(tmp_path), **xserver}
    if make_would_rebuild_the_venv(make, env):
        if os.environ.get("CI") == "true":
            pytest.fail("make run would rebuild .venv: its stamp is older than pyproject.toml")
        pytest.skip(".venv is not set up as `make run` expects (run `make setup` first)")
    log = (tmp_path / "make-run.log").open("wb")
    # Its own session, so make and the app it starts are stopped together.
    app = subprocess.Popen(
        [make, "run"], cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=log,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip

    def main_window() -> tuple[str, int, int] | None:
        tree = subprocess.run(
            [xwininfo, "-root", "-tree"], env=env, capture_output=True, text=True, timeout=30
        ).stdout
        for line in tree.splitlines():
            found = MAIN_WINDOW.match(line)
            if found and int(found[2]) > 200 and int(found[3]) > 200:
                return found[1], int(found[2]), int(found[3])
        return None

    def painted() -> QImage | None:
        shot = tmp_path / "window.png"
        subprocess.run(
            [sys.executable, "-c", GRAB, window, str(shot)],
            env={**env, "QT_QPA_PLATFORM": "xcb"}, capture_output=True, timeout=60,
        )  # fmt: skip
        image = QImage(str(shot))
        if image.isNull():
            return None
        colours = {image.pixel(x, y) for x in range(0, width, 20) for y in range(0, height, 20)}
        # A blank (unpainted) window is one colour; the library page has many.
        return image if len(colours) > 8 else None

    def viewable() -> str | None:
        state = subprocess.run(
            [xwininfo, "-id", window], env=env, capture_output=True, text=True, timeout=30
        ).stdout
        return state if "Map State: IsViewable" in state else None

    try:
        window, width, height = poll(main_window, 120, app)
        # The window is in the tree from its creation; on a busy machine Qt lays it out
        # and polishes it before it asks the server to map it, so wait for the mapping.
        state = poll(viewable, 60, app)
        assert "Map State: IsViewable" in state, state
        image = poll(painted, 60, app)
        assert (image.width(), image.height()) == (width, height)
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGTERM)
            try:
                app.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(app.pid, signal.SIGKILL)
                app.wait()
        log.close()
    output = (tmp_path / "make-run.log").read_text(errors="replace")
    assert "offscreen" not in output and "Traceback" not in output, output


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "circuit_timer"],
        [sys.executable, "-m", "circuit_timer", "app"],
    ],
    ids=["circuit-timer", "circuit-timer app"],
)
def test_with_no_display_the_window_command_says_so_in_one_line(
    tmp_path: Path, command: list[str]
) -> None:
    result = subprocess.run(
        command, env=desktop_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [NO_DISPLAY]


def test_make_run_with_no_display_exits_non_zero_with_that_line(tmp_path: Path) -> None:
    make = tool("make")
    env = desktop_env(tmp_path)
    if make_would_rebuild_the_venv(make, env):
        pytest.skip(".venv is not set up as `make run` expects (run `make setup` first)")
    result = subprocess.run(
        [make, "run"], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    # make adds its own "*** [run] Error 1" note; the app's part is the one line.
    app_lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert app_lines == [NO_DISPLAY], result.stderr
    assert "qt.qpa" not in result.stderr


@pytest.mark.parametrize(
    ("environ", "platform", "refused"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ""}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({}, "freebsd14", True),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_no_display_only_where_x11_or_wayland_is_needed_and_absent(
    environ: dict[str, str], platform: str, refused: bool
) -> None:
    assert (no_display(environ, platform) is not None) is refused
