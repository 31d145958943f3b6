"""The session controller: drives a Workout from Qt timers. No timing logic of its own:
it wakes when the engine says the next thing is due, and redraws while visible."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from circuit_timer.core.clock import Clock
from circuit_timer.core.events import Event, RepCounted, SegmentStarted
from circuit_timer.core.records import CompletedSet
from circuit_timer.session.workout import Workout

REDRAW_MS = 50


class WorkoutController(QObject):
    """Owns the QTimers of one workout.

    Signals:
        changed: redraw now (the state or the time shown changed).
        happened(object): one engine event, in order (for flashes and the summary).
        ended(str): the workout finished, "completed" or "partial".
    """

    changed = Signal()
    happened = Signal(object)
    ended = Signal(str)

    def __init__(self, workout: Workout, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workout = workout
        self.clock = clock
        # Whether the runner counted reps (+/-) in this segment: an open set they did not
        # count is recorded at its target, and the screen says so.
        self.counted_by_hand = False
        self._ended = False
        self._real = getattr(clock, "real_seconds", lambda seconds: seconds)
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.setTimerType(Qt.TimerType.PreciseTimer)
        self._wake.timeout.connect(self.pump)
        self._redraw = QTimer(self)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self.changed.emit)

    @property
    def sets(self) -> list[CompletedSet]:
        """The completed sets so far, as the history has them (a redone set once)."""
        return self.workout.sets_done

    # -- controls --------------------------------------------------------------

    def start(self) -> None:
        """Start the workout."""
        self._after(self.workout.start())

    def pump(self) -> None:
        """Process what is due and sleep until the next thing is."""
        self._after(self.workout.pump())

    def toggle_pause(self) -> None:
        """Pause or resume."""
        self._after(self.workout.toggle_pause())

    def pause(self) -> None:
        """Pause (when running)."""
        self._after(self.workout.pause())

    def resume(self) -> None:
        """Resume (when paused)."""
        if self.workout.state == "paused":
            self._after(self.workout.toggle_pause())

    def done(self) -> None:
        """Mark the segment done."""
        self._after(self.workout.done())

    def done_or_next(self) -> None:
        """One button for a clicker or a headset: a rep set is done (recorded), anything
        else (a timed hold, a rest) is skipped, as Right would."""
        segment = self.workout.snapshot().segment
        if segment.kind == "work" and segment.reps is not None:
            self.done()
        else:
            self.skip()

    def skip(self) -> None:
        """Skip to the next segment."""
        self._after(self.workout.skip())

    def back(self) -> None:
        """Back to the start of this segment or the previous one."""
        self._after(self.workout.back())

    def count_rep(self, delta: int) -> None:
        """Count a rep up or down."""
        self._after(self.workout.count_rep(delta))

    def finish_early(self) -> None:
        """Stop now; the session is saved as partial."""
        self._after(self.workout.finish_early())

    def set_visible(self, visible: bool) -> None:
        """The redraw timer runs only while the workout screen is visible."""
        if visible and self.workout.state in ("running", "paused"):
            self._redraw.start()
        else:
            self._redraw.stop()

    def close(self) -> None:
        """Stop the timers and the workout's cue thread."""
        self._wake.stop()
        self._redraw.stop()
        self.workout.close()

    # -- internals ---------------------------------------------------------------

    def _after(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, SegmentStarted):
                self.counted_by_hand = False
            elif isinstance(event, RepCounted) and event.by_runner:
                self.counted_by_hand = True
            self.happened.emit(event)
        self._schedule()
        self.changed.emit()
        if self.workout.finished and self.workout.status is not None and not self._ended:
            self._ended = True
            self._redraw.stop()
            self.ended.emit(self.workout.status)

    def _schedule(self) -> None:
        self._wake.stop()
        wake = self.workout.next_wakeup()
        if wake is None:
            return
        delay = self._real(wake - self.clock.now())
        # Never early: a timer that fires before the deadline would find nothing due.
        self._wake.start(max(0, math.ceil(delay * 1000)))
