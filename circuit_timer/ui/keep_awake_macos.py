"""macOS: an IOKit power assertion keeps the display awake; `caffeinate` if IOKit fails.

IOPMAssertionCreateWithName("PreventUserIdleDisplaySleep") is what video players use;
the assertion dies with the process, so a crash cannot leave the display held. Where
IOKit cannot be loaded or refuses, a `caffeinate -d -i -w <our pid>` child holds it
instead (it exits by itself when we do) and is ended on release.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

ASSERTION_TYPE = b"PreventUserIdleDisplaySleep"
ASSERTION_LEVEL_ON = 255  # kIOPMAssertionLevelOn
UTF8 = 0x0800_0100  # kCFStringEncodingUTF8
CAFFEINATE = "caffeinate"
STOP_SECONDS = 2.0


class IOKitAssertions:
    """Power assertions through IOKit's C functions (``iokit``, ``corefoundation``: the
    loaded libraries, or fakes of them). Raises OSError when IOKit says no."""

    def __init__(self, iokit: Any, corefoundation: Any) -> None:
        self._iokit = iokit
        self._cf = corefoundation

    def create(self, name: str) -> int:
        """A new assertion keeping the display on; its id."""
        import ctypes

        kind = self._cf.CFStringCreateWithCString(None, ASSERTION_TYPE, UTF8)
        label = self._cf.CFStringCreateWithCString(None, name.encode(), UTF8)
        try:
            found = ctypes.c_uint32(0)
            result = self._iokit.IOPMAssertionCreateWithName(
                kind, ASSERTION_LEVEL_ON, label, ctypes.byref(found)
            )
        finally:
            for text in (kind, label):
                if text:
                    self._cf.CFRelease(text)
        if result != 0:
            raise OSError(f"IOPMAssertionCreateWithName returned {result:#x}")
        return int(found.value)

    def release(self, assertion: int) -> None:
        """Give the assertion back."""
        result = self._iokit.IOPMAssertionRelease(assertion)
        if result != 0:
            raise OSError(f"IOPMAssertionRelease returned {result:#x}")


def load_iokit() -> IOKitAssertions | None:
    """IOKit and CoreFoundation from the system, typed for ctypes; None elsewhere."""
    if sys.platform != "darwin":
        return None
    import ctypes
    import ctypes.util

    found = [ctypes.util.find_library(name) for name in ("IOKit", "CoreFoundation")]
    if None in found:
        return None
    try:
        iokit, cf = (ctypes.cdll.LoadLibrary(str(path)) for path in found)
    except OSError:
        return None
    cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    cf.CFStringCreateWithCString.restype = ctypes.c_void_p
    cf.CFRelease.argtypes = [ctypes.c_void_p]
    cf.CFRelease.restype = None
    create = iokit.IOPMAssertionCreateWithName
    create.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_uint32),
    ]
    create.restype = ctypes.c_int32
    iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
    iokit.IOPMAssertionRelease.restype = ctypes.c_int32
    return IOKitAssertions(iokit, cf)


Popen = Callable[..., Any]


class MacPowerAssertion:
    """The `ScreenSaverBackend` for macOS. ``iokit`` (default: loaded at first use),
    ``popen`` and ``which`` are there for the tests' fakes. Never raises."""

    def __init__(
        self,
        iokit: IOKitAssertions | None = None,
        *,
        popen: Popen = subprocess.Popen,
        which: Callable[[str], str | None] | None = None,
    ) -> None:
        self._iokit = iokit
        self._iokit_loaded = iokit is not None
        self._popen = popen
        self._which = which
        self._last_cookie = 0
        # cookie -> ("iokit", assertion id) or ("caffeinate", the child process)
        self._held: dict[int, tuple[str, Any]] = {}

    def _assertions(self) -> IOKitAssertions | None:
        if not self._iokit_loaded:
            self._iokit_loaded = True
            self._iokit = load_iokit()
        return self._iokit

    def inhibit(self, application: str, reason: str) -> int | None:
        """Hold the display awake; a cookie for `uninhibit`, or None when neither IOKit
        nor caffeinate could."""
        held = self._by_iokit(f"{application}: {reason}") or self._by_caffeinate()
        if held is None:
            return None
        self._last_cookie += 1
        self._held[self._last_cookie] = held
        return self._last_cookie

    def _by_iokit(self, name: str) -> tuple[str, Any] | None:
        try:
            assertions = self._assertions()
            if assertions is None:
                return None
            return ("iokit", assertions.create(name))
        except Exception:  # keeping the screen on is a nicety
            log.debug("keep-awake: IOKit assertion failed", exc_info=True)
            return None

    def _by_caffeinate(self) -> tuple[str, Any] | None:
        exe = (self._which or shutil.which)(CAFFEINATE)
        if exe is None:
            log.debug("keep-awake: no IOKit and no caffeinate")
            return None
        try:
            # -d the display, -i the system; -w: it exits when this process does.
            child = self._popen(
                [exe, "-d", "-i", "-w", str(os.getpid())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except Exception:
            log.debug("keep-awake: caffeinate did not start", exc_info=True)
            return None
        return ("caffeinate", child)

    def uninhibit(self, cookie: int) -> None:
        """Give back what `inhibit` took for `cookie`."""
        how, what = self._held.pop(cookie, ("", None))
        try:
            if how == "iokit":
                assertions = self._assertions()
                if assertions is not None:
                    assertions.release(what)
            elif how == "caffeinate":
                what.terminate()
                try:
                    what.wait(timeout=STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    what.kill()
                    what.wait()
        except Exception:
            log.debug("keep-awake: release failed", exc_info=True)
