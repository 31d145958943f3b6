"""`circuit-timer app` and no command at all: where no window can open, one line, not Qt's
page of plugin advice; a bad --speed is refused before any window is built."""

from __future__ import annotations

import pytest

from circuit_timer.commands.app import no_display
from tests.commandline import Cli


@pytest.fixture(autouse=True)
def windows(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The speeds of the windows the commands would open: none opens in these tests."""
    opened: list[float] = []

    def run_app(speed: float) -> int:
        opened.append(speed)
        return 0

    monkeypatch.setattr("circuit_timer.ui.app.run_app", run_app)
    return opened


def test_app_opens_the_window_at_the_speed_asked_for(cli: Cli, windows: list[float]) -> None:
    assert cli.ok("app", "--speed", "2.5") == ""
    assert cli.ok() == ""  # no command: the window, at real speed
    assert windows == [2.5, 1.0]


def test_no_display_is_said_only_where_an_x11_or_wayland_server_is_needed() -> None:
    assert "no display found" in (no_display({}, "linux") or "")
    assert no_display({"DISPLAY": ":0"}, "linux") is None
    assert no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    # A platform the runner chose (offscreen, vnc...) is Qt's business.
    assert no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    # An empty variable is no display.
    assert no_display({"DISPLAY": ""}, "freebsd13") is not None
    assert no_display({}, "darwin") is None
    assert no_display({}, "win32") is None


@pytest.mark.parametrize("command", [(), ("app",)])
def test_without_a_display_the_window_commands_say_so_in_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], windows: list[float]
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    status, out, err = cli.run(*command)
    assert status == 1 and out == ""
    assert err.startswith("circuit-timer: no display found") and len(err.splitlines()) == 1
    assert "circuit-timer run ID" in err and windows == []


@pytest.mark.parametrize(
    ("speed", "message"),
    [
        ("fast", "--speed must be a number, not 'fast'"),
        ("0", "from 0.01 to 10000"),
        ("10001", "from 0.01 to 10000"),
    ],
)
def test_a_bad_speed_is_one_line_and_exit_1(
    cli: Cli, speed: str, message: str, windows: list[float]
) -> None:
    status, _, err = cli.run("app", "--speed", speed)
    assert status == 1
    assert message in err and len(err.splitlines()) == 1
    assert windows == []
