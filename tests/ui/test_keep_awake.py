"""KeepAwake: hold on start, release on pause, finish and exit, through the backend chosen
for the platform; harmless when a backend is missing or broken. The freedesktop backend
is tested on a real bus in test_keep_awake_freedesktop.py."""

from __future__ import annotations

import gc
import sys
from typing import Any

import pytest

from circuit_timer.ui import keep_awake
from circuit_timer.ui.keep_awake import FreedesktopScreenSaver, KeepAwake, default_backend
from circuit_timer.ui.keep_awake_macos import MacPowerAssertion
from circuit_timer.ui.keep_awake_windows import WindowsExecutionState

REASON = "Workout in progress"


class RecordingBackend:
    """A backend that records calls; `available=False` acts like a desktop without one."""

    def __init__(self, *, available: bool = True, broken: bool = False) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.available = available
        self.broken = broken
        self._next = 100

    def inhibit(self, application: str, reason: str) -> int | None:
        self.calls.append(("inhibit", (application, reason)))
        if self.broken:
            raise RuntimeError("backend bug")
        if not self.available:
            return None
        self._next += 1
        return self._next

    def uninhibit(self, cookie: int) -> None:
        self.calls.append(("uninhibit", cookie))
        if self.broken:
            raise RuntimeError("backend bug")


def test_hold_inhibits_once_and_release_uninhibits_that_cookie() -> None:
    backend = RecordingBackend()
    awake = KeepAwake(backend)

    awake.hold(REASON)
    assert backend.calls == [("inhibit", ("circuit-timer", REASON))]
    assert awake.held
    cookie = awake.cookie
    assert cookie == 101

    awake.hold(REASON)
    assert len(backend.calls) == 1, "a second hold must not inhibit again"

    awake.release()
    assert backend.calls[1:] == [("uninhibit", cookie)]
    assert not awake.held
    assert awake.cookie is None

    awake.release()
    assert len(backend.calls) == 2, "a second release must not uninhibit again"


def test_hold_after_release_asks_again() -> None:
    backend = RecordingBackend()
    awake = KeepAwake(backend, application="timer-test")
    awake.hold("first")
    awake.release()
    awake.hold("second")
    assert backend.calls == [
        ("inhibit", ("timer-test", "first")),
        ("uninhibit", 101),
        ("inhibit", ("timer-test", "second")),
    ]
    assert awake.cookie == 102
    awake.release()


def test_without_a_screensaver_held_means_we_asked() -> None:
    backend = RecordingBackend(available=False)
    awake = KeepAwake(backend)
    awake.hold()
    assert awake.held
    assert awake.cookie is None
    awake.release()
    assert not awake.held
    # Nothing to withdraw, so the backend is not bothered.
    assert [name for name, _ in backend.calls] == ["inhibit"]


def test_backend_errors_never_reach_the_workout() -> None:
    awake = KeepAwake(RecordingBackend(broken=True))
    awake.hold()
    assert awake.held
    assert awake.cookie is None
    awake.release()
    assert not awake.held


def test_exit_hook_releases_what_is_still_held() -> None:
    backend = RecordingBackend()
    awake = KeepAwake(backend)
    awake.hold()
    keep_awake._release_all()  # what atexit runs
    assert backend.calls[-1] == ("uninhibit", 101)
    assert not awake.held


def test_dropping_a_held_keep_awake_releases_it() -> None:
    backend = RecordingBackend()
    awake = KeepAwake(backend)
    awake.hold()
    del awake
    gc.collect()
    assert backend.calls[-1] == ("uninhibit", 101)


@pytest.mark.parametrize(
    ("platform", "backend"),
    [
        ("linux", FreedesktopScreenSaver),
        ("freebsd14", FreedesktopScreenSaver),
        ("win32", WindowsExecutionState),
        ("darwin", MacPowerAssertion),
    ],
)
def test_the_backend_is_chosen_for_the_platform_at_run_time(
    platform: str, backend: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert isinstance(default_backend(), backend)
    assert isinstance(KeepAwake()._backend, backend)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_a_backend_for_another_platform_holds_nothing_and_raises_nothing(
    platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Here (Linux) neither kernel32 nor IOKit exists; on darwin caffeinate is not found.
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr("shutil.which", lambda name: None)
    awake = KeepAwake(default_backend())
    awake.hold(REASON)
    assert awake.held and awake.cookie is None
    awake.release()
    assert not awake.held
