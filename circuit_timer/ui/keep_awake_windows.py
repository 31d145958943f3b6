"""Windows: SetThreadExecutionState keeps the display and the system from sleeping.

The request belongs to the thread that made it (and ends with that thread), so `hold`
and `release` must both run on the GUI thread, as the workout's do.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

log = logging.getLogger(__name__)

ES_CONTINUOUS = 0x8000_0000
ES_SYSTEM_REQUIRED = 0x0000_0001
ES_DISPLAY_REQUIRED = 0x0000_0002
HOLD = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED
RELEASE = ES_CONTINUOUS  # "continuous, nothing required": back to the usual timeouts


def _kernel32() -> Any | None:
    if sys.platform != "win32":
        return None
    import ctypes

    library = ctypes.WinDLL("kernel32")
    # The flags are 32-bit unsigned: ES_CONTINUOUS does not fit a C int.
    library.SetThreadExecutionState.argtypes = [ctypes.c_uint32]
    library.SetThreadExecutionState.restype = ctypes.c_uint32
    return library


class WindowsExecutionState:
    """The `ScreenSaverBackend` for Windows. ``kernel32``: the library (default: loaded
    at first use), or a fake of it. Never raises; None when the call failed."""

    def __init__(self, kernel32: Any | None = None) -> None:
        self._kernel32 = kernel32
        self._last_cookie = 0
        self._cookies: set[int] = set()

    def _library(self) -> Any | None:
        if self._kernel32 is None:
            self._kernel32 = _kernel32()
        return self._kernel32

    def inhibit(self, application: str, reason: str) -> int | None:
        """Ask for display and system to stay on; a cookie for `uninhibit`, or None."""
        try:
            library = self._library()
            if library is None:
                return None
            # The previous state on success, 0 (NULL) on failure.
            if not library.SetThreadExecutionState(HOLD):
                log.debug("keep-awake: SetThreadExecutionState refused")
                return None
        except Exception:  # keeping the screen on is a nicety
            log.debug("keep-awake: SetThreadExecutionState raised", exc_info=True)
            return None
        self._last_cookie += 1
        self._cookies.add(self._last_cookie)
        return self._last_cookie

    def uninhibit(self, cookie: int) -> None:
        """Let the display and system sleep again (once the last cookie is given back)."""
        self._cookies.discard(cookie)
        if self._cookies:
            return  # one state per thread: another hold still wants it
        try:
            library = self._library()
            if library is not None:
                library.SetThreadExecutionState(RELEASE)
        except Exception:
            log.debug("keep-awake: SetThreadExecutionState raised", exc_info=True)
