"""The terminal runner's signals: SIGTERM and SIGHUP finish the run early, once;
Ctrl-Z and fg give the shell its terminal back and take the keys back at once."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import termios
import tty
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

FINISH_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


class Hangup(Exception):
    """The terminal went away (SIGHUP) or we were asked to stop (SIGTERM)."""


def raise_hangup(signum: int, frame: FrameType | None) -> None:
    """The handler for SIGTERM and SIGHUP during a run."""
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
    """
    for fd in (0, 1, 2):
        try:
            termios.tcgetattr(fd)
        except termios.error as exc:
            if exc.args[0] != errno.EIO:  # a pipe or a file: not a terminal at all
                continue
        except OSError:  # closed
            continue
        else:
            continue
        null = os.open(os.devnull, os.O_RDWR)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)


@contextlib.contextmanager
def cbreak(stream: TextIO) -> Iterator[None]:
    """Keys arrive one at a time, unechoed; the terminal is restored however we leave,
    and around a stop (Ctrl-Z) and continue (fg)."""
    fd = stream.fileno()
    saved = termios.tcgetattr(fd)

    def restore() -> None:
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def on_stop(signum: int, frame: FrameType | None) -> None:
        # The shell gets its terminal back as it was, then we really stop.
        restore()
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)
        # Running again (fg): nothing but the default action can be relied on to call us.
        signal.signal(signal.SIGTSTP, on_stop)
        on_continue(signal.SIGCONT, None)

    def on_continue(signum: int, frame: FrameType | None) -> None:
        # Whatever was typed while stopped was meant for the shell: drop it, then keys
        # come one at a time again. The loop redraws the status line within a tick.
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
