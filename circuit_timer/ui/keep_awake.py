"""Keep the screen awake during a workout, by whatever the platform offers.

`KeepAwake` is what the session controller uses: `hold()` when a workout starts or
resumes, `release()` on pause, finish or close. The work is done by a backend chosen at
run time for the platform (`default_backend`): the freedesktop ScreenSaver over D-Bus on
Linux and other Unix desktops (keep_awake_freedesktop), SetThreadExecutionState on
Windows (keep_awake_windows), an IOKit assertion or `caffeinate` on macOS
(keep_awake_macos); tests pass a fake one. Nothing here ever raises because a backend is
missing: a workout that cannot keep the screen awake is still a workout.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import sys
import weakref
from typing import Protocol

# Imported for PySide6's exit clean-up order (see the atexit hook at the end) and, with
# PATHS, for the callers that name the Linux backend.
from circuit_timer.ui.keep_awake_freedesktop import PATHS, FreedesktopScreenSaver

__all__ = ["PATHS", "FreedesktopScreenSaver", "KeepAwake", "ScreenSaverBackend", "default_backend"]

log = logging.getLogger(__name__)


class ScreenSaverBackend(Protocol):
    """Something that can stop the screen from blanking."""

    def inhibit(self, application: str, reason: str) -> int | None:
        """Ask for the screen to stay on; return the cookie, or None when unavailable."""
        ...

    def uninhibit(self, cookie: int) -> None:
        """Withdraw the request identified by `cookie`."""
        ...


def default_backend() -> ScreenSaverBackend:
    """The backend for the platform this runs on (read at call time)."""
    if sys.platform == "win32":
        from circuit_timer.ui.keep_awake_windows import WindowsExecutionState

        return WindowsExecutionState()
    if sys.platform == "darwin":
        from circuit_timer.ui.keep_awake_macos import MacPowerAssertion

        return MacPowerAssertion()
    return FreedesktopScreenSaver()


class KeepAwake:
    """Hold the screen awake while a workout runs.

    `hold()` asks the backend once (calling it again while held does nothing);
    `release()` withdraws the request (also idempotent). `held` means "we asked": it is
    True after `hold()` even when the backend had no screensaver to ask, in which case
    `cookie` is None.

    On a crash: a freedesktop screensaver drops an inhibit when its caller leaves the
    bus, Windows an execution state when its thread ends, macOS an assertion (and
    `caffeinate -w`) when its process does, so even a killed process releases it.
    Besides that, an `atexit` hook releases every KeepAwake still held when the
    interpreter exits, normally or through an uncaught exception, and `__del__`
    releases defensively if the object is dropped while held.
    """

    def __init__(
        self, backend: ScreenSaverBackend | None = None, application: str = "circuit-timer"
    ) -> None:
        """Use `backend` (default: the platform's, `default_backend`)."""
        self._backend: ScreenSaverBackend = backend if backend is not None else default_backend()
        self._application = application
        self._held = False
        self._cookie: int | None = None

    @property
    def held(self) -> bool:
        """True between `hold()` and `release()`, whether or not the backend could help."""
        return self._held

    @property
    def cookie(self) -> int | None:
        """The backend's cookie while held, or None."""
        return self._cookie

    def hold(self, reason: str = "Workout in progress") -> None:
        """Ask for the screen to stay on, unless already held."""
        if self._held:
            return
        self._held = True
        _HELD.add(self)
        try:
            self._cookie = self._backend.inhibit(self._application, reason)
        except Exception:  # keeping the screen on is a nicety
            log.debug("keep-awake: backend inhibit raised", exc_info=True)
            self._cookie = None

    def release(self) -> None:
        """Let the screen blank again, if held."""
        if not self._held:
            return
        cookie, self._cookie, self._held = self._cookie, None, False
        _HELD.discard(self)
        if cookie is None:
            return
        try:
            self._backend.uninhibit(cookie)
        except Exception:  # keeping the screen on is a nicety
            log.debug("keep-awake: backend uninhibit raised", exc_info=True)

    def __del__(self) -> None:
        # Late in interpreter shutdown anything may be gone; never let that surface.
        with contextlib.suppress(Exception):
            self.release()


# Held instances, weakly: the exit hook must not keep a dropped KeepAwake alive.
_HELD: weakref.WeakSet[KeepAwake] = weakref.WeakSet()


def _release_all() -> None:
    """Release every KeepAwake still held; runs at interpreter exit."""
    for keep_awake in list(_HELD):
        keep_awake.release()


# Registered after PySide6 is imported above, so it runs before PySide6's own exit
# clean-up (atexit runs hooks last-in, first-out).
atexit.register(_release_all)
