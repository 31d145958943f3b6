"""The macOS backend, against a fake IOKit and a fake caffeinate: an assertion held and
released in pairs, caffeinate started and ended when IOKit fails, never an error."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from typing import Any

import pytest

from circuit_timer.ui.keep_awake import KeepAwake
from circuit_timer.ui.keep_awake_macos import (
    ASSERTION_LEVEL_ON,
    ASSERTION_TYPE,
    IOKitAssertions,
    MacPowerAssertion,
    load_iokit,
)


class FakeCoreFoundation:
    """CFStringCreateWithCString and CFRelease; counts the strings still alive."""

    def __init__(self) -> None:
        self.strings: dict[int, bytes] = {}
        self._next = 0x1000

    def CFStringCreateWithCString(self, allocator: Any, text: bytes, encoding: int) -> int:
        assert allocator is None and encoding == 0x08000100
        self._next += 16
        self.strings[self._next] = text
        return self._next

    def CFRelease(self, ref: int) -> None:
        del self.strings[ref]


class FakeIOKit:
    """IOPMAssertionCreateWithName and IOPMAssertionRelease of a pretend power manager."""

    def __init__(self, cf: FakeCoreFoundation, *, result: int = 0) -> None:
        self.cf = cf
        self.result = result
        self.held: dict[int, tuple[bytes, bytes]] = {}
        self.released: list[int] = []
        self._next = 41

    def IOPMAssertionCreateWithName(self, kind: int, level: int, name: int, found: Any) -> int:
        assert level == ASSERTION_LEVEL_ON
        if self.result != 0:
            return self.result
        self._next += 1
        self.held[self._next] = (self.cf.strings[kind], self.cf.strings[name])
        ctypes.cast(found, ctypes.POINTER(ctypes.c_uint32))[0] = self._next
        return 0

    def IOPMAssertionRelease(self, assertion: int) -> int:
        self.released.append(assertion)
        return 0 if self.held.pop(assertion, None) else 0xE00002C2  # kIOReturnBadArgument


class FakeProcess:
    """A caffeinate child: running until terminated."""

    def __init__(self, args: list[str], **options: Any) -> None:
        self.args = args
        self.options = options
        self.running = True

    def terminate(self) -> None:
        self.running = False

    def kill(self) -> None:
        self.running = False

    def wait(self, timeout: float | None = None) -> int:
        assert not self.running
        return 0


def _fakes(result: int = 0) -> tuple[FakeCoreFoundation, FakeIOKit, IOKitAssertions]:
    cf = FakeCoreFoundation()
    iokit = FakeIOKit(cf, result=result)
    return cf, iokit, IOKitAssertions(iokit, cf)


def test_an_assertion_is_held_and_released_in_pairs() -> None:
    cf, iokit, assertions = _fakes()
    awake = KeepAwake(MacPowerAssertion(assertions))
    awake.hold("Workout in progress")
    assert list(iokit.held.values()) == [(ASSERTION_TYPE, b"circuit-timer: Workout in progress")]
    assert cf.strings == {}  # the CFStrings were released once used
    awake.release()
    awake.release()
    awake.hold()
    awake.release()
    assert iokit.released == [42, 43]
    assert iokit.held == {}


def test_caffeinate_holds_the_display_when_iokit_refuses() -> None:
    _cf, iokit, assertions = _fakes(result=0xE00002BC)  # kIOReturnError
    started: list[FakeProcess] = []

    def popen(args: list[str], **options: Any) -> FakeProcess:
        started.append(FakeProcess(args, **options))
        return started[-1]

    backend = MacPowerAssertion(assertions, popen=popen, which=lambda name: f"/opt/x/{name}")
    cookie = backend.inhibit("circuit-timer", "Workout in progress")
    assert cookie is not None and iokit.held == {}
    assert started[0].args == ["/opt/x/caffeinate", "-d", "-i", "-w", str(os.getpid())]
    assert started[0].options["stdin"] == subprocess.DEVNULL
    assert started[0].running
    backend.uninhibit(cookie)
    assert not started[0].running


def test_nothing_to_hold_with_gives_no_cookie_and_no_error() -> None:
    _cf, _iokit, assertions = _fakes(result=0xE00002BC)
    awake = KeepAwake(MacPowerAssertion(assertions, which=lambda name: None))
    awake.hold()
    assert awake.held and awake.cookie is None
    awake.release()

    def no_popen(args: list[str], **options: Any) -> FakeProcess:
        raise OSError("cannot run it")

    backend = MacPowerAssertion(assertions, popen=no_popen, which=lambda name: name)
    assert backend.inhibit("circuit-timer", "x") is None
    backend.uninhibit(99)  # an unknown cookie: nothing happens


def test_iokit_is_loaded_only_on_macos(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_iokit() is None  # this is not macOS
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr("ctypes.util.find_library", lambda name: None)
    assert load_iokit() is None  # no framework found: caffeinate's turn
