"""The terminal runner's signals: SIGTERM and SIGHUP finish the run early, once;
Ctrl-Z and fg give the shell its terminal back and take the keys back at once.

Windows has no SIGHUP, Ctrl-Z or termios: there SIGTERM and SIGBREAK (Ctrl-Break)
finish early, and the console already hands keys over one at a time (terminal/keys.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

if sys.platform != "win32":
    import termios
    import tty

# The signals present here, in this order: the hangup (POSIX) or the console's Ctrl-Break
# (Windows), then SIGTERM.
FINISH_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGBREAK", "SIGTERM") if hasattr(signal, name)
)


class Hangup(Exception):
    """The terminal went away (SIGHUP, SIGBREAK) or we were asked to stop (SIGTERM)."""


def raise_hangup(signum: int, frame: FrameType | None) -> None:
    """The handler for SIGTERM and SIGHUP (SIGBREAK on Windows) during a run."""
    # Finishing has begun: a second SIGTERM or SIGHUP must not cut the save short, so
    # both stay ignored until the process ends (the run is over either way).
    ignore_finish_signals()
    raise Hangup(signal.Signals(signum).name)


def ignore_finish_signals() -> None:
    """From now on SIGTERM and SIGHUP do nothing."""
    for sig in FINISH_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)


def drop_dead_terminal() -> None:
    """Point standard streams at a closed terminal to /dev/null.

    After a hangup every write to the terminal fails (EIO), and the end-of-run messages
    and Python's own flush at exit would turn a saved partial run into an error exit.
    (Windows has no hangup: its console closes with the process.)
    """
    if sys.platform != "win32":
        for fd in (0, 1, 2):
            if _hung_up(fd):
                null = os.open(os.devnull, os.O_RDWR)
                try:
                    os.dup2(null, fd)
                finally:
                    os.close(null)


@contextlib.contextmanager
def cbreak(stream: TextIO) -> Iterator[None]:
    """Keys arrive one at a time, unechoed; the terminal is restored however we leave,
    and around a stop (Ctrl-Z) and continue (fg). On Windows the console gives keys one
    at a time without echo already (msvcrt), so there is nothing to change."""
    if sys.platform == "win32":
        yield
    else:
        with _posix_cbreak(stream.fileno()):
            yield


if sys.platform != "win32":

    def _hung_up(fd: int) -> bool:
        """Whether ``fd`` is a terminal that went away (a pipe, a file or a live terminal
        is not; nor is a closed descriptor)."""
        try:
            termios.tcgetattr(fd)
        except termios.error as exc:
            return bool(exc.args[0] == errno.EIO)
        except OSError:  # closed
            return False
        return False

    @contextlib.contextmanager
    def _posix_cbreak(fd: int) -> Iterator[None]:
        saved = termios.tcgetattr(fd)

        def restore() -> None:
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(fd, termios.TCSADRAIN, saved)

        def on_stop(signum: int, frame: FrameType | None) -> None:
            # The shell gets its terminal back as it was, then we really stop.
            restore()
            signal.signal(signal.SIGTSTP, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTSTP)
            # Running again (fg): nothing but the default action can be relied on to
            # call us.
            signal.signal(signal.SIGTSTP, on_stop)
            on_continue(signal.SIGCONT, None)

        def on_continue(signum: int, frame: FrameType | None) -> None:
            # Whatever was typed while stopped was meant for the shell: drop it, then
            # keys come one at a time again. The loop redraws the status line within a
            # tick.
            with contextlib.suppress(termios.error, OSError):
                termios.tcflush(fd, termios.TCIFLUSH)
                tty.setcbreak(fd, termios.TCSANOW)

        try:
            tty.setcbreak(fd)
            previous = {
                signal.SIGTSTP: signal.signal(signal.SIGTSTP, on_stop),
                signal.SIGCONT: signal.signal(signal.SIGCONT, on_continue),
            }
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
        finally:
            restore()
