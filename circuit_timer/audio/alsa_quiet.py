"""Keep ALSA's error chatter off the terminal while probing for a sound device.

With no sound card, opening the default device makes libasound print eight lines of
"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'" and the like straight to
file descriptor 2, before simpleaudio raises. The exception already says what we need;
the noise would only alarm the runner on every start. libasound lets a program replace
its error printer, which touches nothing else that writes to stderr.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager

# void handler(const char *file, int line, const char *function, int err, const char *fmt, ...)
# The trailing varargs are never read, so this fixed signature is safe to receive them.
_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)


def _ignore(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
    """Drop one ALSA error message."""


# Module level, so the callback outlives any thread still inside ALSA when we restore.
_QUIET = _HANDLER_TYPE(_ignore)


def _libasound() -> ctypes.CDLL | None:
    # The soname directly: ctypes.util.find_library may run gcc to look, which is slow.
    try:
        return ctypes.CDLL("libasound.so.2")
    except OSError:
        return None


@contextmanager
def quiet_alsa() -> Iterator[None]:
    """Silence libasound's error messages inside the block (a no-op without libasound)."""
    lib = _libasound()
    setter = getattr(lib, "snd_lib_error_set_handler", None) if lib is not None else None
    if setter is None:
        yield
        return
    setter(_QUIET)
    try:
        yield
    finally:
        # NULL puts back libasound's own printer, so later failures are still reported.
        setter(None)
