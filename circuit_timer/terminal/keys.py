"""Waiting for the runner's keys, on POSIX and on Windows.

On POSIX the runner waits on its input with ``select``, for a key (a terminal in cbreak
mode) or a line (a pipe). Windows cannot ``select`` on a console or a pipe: there a
console is asked for a key press with ``msvcrt.kbhit``, and lines from a pipe are read
by a thread of their own into a queue the runner waits on.
"""

from __future__ import annotations

import os
import queue
import select
import sys
import threading
import time
from typing import TextIO

# How often a Windows console is asked whether a key is waiting.
POLL_SECONDS = 0.01


class Keys:
    """The runner's input: ``wait`` for something to read, then ``read_key`` (a terminal:
    one key) or ``read_line`` (a pipe: a line, "" at its end)."""

    def __init__(self, stream: TextIO, *, interactive: bool) -> None:
        self.stream = stream
        self.interactive = interactive
        self._lines: queue.Queue[str] | None = None
        self._pending: str | None = None  # a line ``wait`` took from the queue

    def wait(self, timeout: float | None) -> bool:
        """Whether input arrived within ``timeout`` seconds (None: wait for it)."""
        if sys.platform != "win32":
            ready, _, _ = select.select([self.stream], [], [], timeout)
            return bool(ready)
        if self.interactive:
            return _console_wait(timeout)
        if self._pending is None:
            try:
                self._pending = self._pipe_lines().get(timeout=timeout)
            except queue.Empty:
                return False
        return True

    def read_key(self) -> str:
        """One key from the terminal (after ``wait`` said one is there)."""
        if sys.platform == "win32":
            import msvcrt

            return msvcrt.getwch()
        return os.read(self.stream.fileno(), 1).decode(errors="ignore")

    def read_line(self) -> str:
        """One line from a pipe or file ("" at its end)."""
        if sys.platform == "win32":
            line, self._pending = self._pending, None
            return self._pipe_lines().get() if line is None else line
        return self.stream.readline()

    def _pipe_lines(self) -> queue.Queue[str]:
        if self._lines is None:
            self._lines = queue.Queue()
            reader = threading.Thread(target=self._read_lines, name="keys", daemon=True)
            reader.start()
        return self._lines

    def _read_lines(self) -> None:
        assert self._lines is not None
        while True:
            try:
                line = self.stream.readline()
            except (OSError, ValueError):
                line = ""
            self._lines.put(line)
            if line == "":
                return


def _console_wait(timeout: float | None) -> bool:
    if sys.platform != "win32":
        raise OSError("a console's keys are waited for this way on Windows only")
    import msvcrt

    deadline = None if timeout is None else time.monotonic() + timeout
    while not msvcrt.kbhit():
        if deadline is not None and time.monotonic() >= deadline:
            return False
        time.sleep(POLL_SECONDS)
    return True


def sleep(seconds: float) -> None:
    """Sleep ``seconds`` (``select`` on POSIX, as the runner always has; Windows cannot
    ``select`` on nothing)."""
    if sys.platform == "win32":
        time.sleep(seconds)
    else:
        select.select([], [], [], seconds)
