"""Deliver cues at their deadline on a thread of their own, whatever the face is doing.

The face drives the engine and may stall (a busy window, a slow redraw). The engine can
preview what is due if the runner presses nothing; this scheduler sleeps until each of
those events is due and hands it to its listener (the audio cues) then. Events the face
dispatches itself (a key press made them, or the face got there first) are delivered at
once unless already delivered, so each event reaches the listener exactly once.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # favour_cue_thread runs before the window's first paint
    from circuit_timer.core.events import Event

# How often the interpreter lets another thread run while one is busy in Python. The
# default 5 ms would make a cue wait up to that long behind a busy face.
SWITCH_INTERVAL_SECONDS = 0.001

# Events delivered this long ago (clock seconds) can no longer come again.
FORGET_AFTER = 120.0

# How the thread sleeps: on the condition, for so many real seconds (None: until woken).
# Tests pass a wait that moves a fake clock instead, so they never sleep.
Wait = Callable[[threading.Condition, float | None], object]


def favour_cue_thread() -> None:
    """Let the cue thread in sooner when the face is busy in Python (process-wide; a
    face calls it once at start-up)."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)


class CueScheduler:
    """A daemon thread that calls ``listener(event)`` at each planned event's ``at``.

    ``now`` is the clock the events' times are on, ``real_seconds`` turns its seconds into
    real ones (a clock run faster), and ``wait`` sleeps on the scheduler's condition.
    """

    def __init__(
        self,
        listener: Callable[[Event], object],
        now: Callable[[], float],
        real_seconds: Callable[[float], float] = lambda seconds: seconds,
        wait: Wait = threading.Condition.wait,
    ) -> None:
        self._listener = listener
        self._now = now
        self._real = real_seconds
        self._wait = wait
        self._pending: list[Event] = []
        self._delivered: set[Event] = set()
        self._lock = threading.Condition()
        # The listener (audio) is called from this thread and the face's: one at a time.
        self._calling = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="cues", daemon=True)
        self._thread.start()

    def plan(self, upcoming: Iterable[Event]) -> None:
        """Replace what is pending with ``upcoming`` (from ``Engine.preview``)."""
        with self._lock:
            self._pending = sorted(
                (e for e in upcoming if e not in self._delivered), key=lambda e: e.at
            )
            self._lock.notify()

    def deliver(self, event: Event) -> None:
        """The face has ``event`` now: pass it on unless the thread already did."""
        with self._lock:
            if event in self._delivered:
                return
            self._remember(event)
            if event in self._pending:
                self._pending.remove(event)
        with self._calling:
            self._listener(event)

    def close(self) -> None:
        """Stop the thread; nothing pending is delivered."""
        with self._lock:
            self._closed = True
            self._pending = []
            self._lock.notify()
        self._thread.join(timeout=1.0)

    def _remember(self, event: Event) -> None:
        self._delivered.add(event)
        if len(self._delivered) > 512:
            horizon = self._now() - FORGET_AFTER
            self._delivered = {e for e in self._delivered if e.at >= horizon}

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._closed:
                    if self._pending:
                        wait = self._real(self._pending[0].at - self._now())
                        if wait <= 0:
                            break
                        self._wait(self._lock, wait)
                    else:
                        self._wait(self._lock, None)
                if self._closed:
                    return
                event = self._pending.pop(0)
                self._remember(event)
            with self._calling:
                self._listener(event)
