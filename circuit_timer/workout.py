"""One workout as every face runs it: the engine, the history it records into, listeners.

Faces (the terminal runner, the Qt window) own only the waiting and the drawing; they
call ``pump()`` when the engine's next wake-up comes and the control methods on keys.
Each completed set is written to the history the moment it is done.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from circuit_timer.core.clock import Clock
from circuit_timer.core.engine import Engine
from circuit_timer.core.events import Event, Finished, FinishStatus, SetCompleted
from circuit_timer.core.model import Circuit
from circuit_timer.cue_scheduler import CueScheduler
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore

Listener = Callable[[Event], object]
PLAN_AHEAD_SECONDS = 10.0


@dataclass(frozen=True)
class Origin:
    """Where a workout came from, for its history row."""

    circuit_hash: str | None = None
    plan_id: str | None = None
    plan_week: int | None = None


class Workout:
    """Runs ``circuit`` on ``clock``, recording into ``store`` (None: record nothing)."""

    def __init__(
        self,
        circuit: Circuit,
        clock: Clock,
        store: HistoryStore | None,
        origin: Origin = Origin(),
        listeners: Iterable[Listener] = (),
        cue_listeners: Iterable[Listener] = (),
    ) -> None:
        self.circuit = circuit
        self.engine = Engine(circuit, clock)
        self.store = store
        self.origin = origin
        self.listeners = list(listeners)
        self._clock = clock
        cues = list(cue_listeners)
        # Cues (sound) must come at their deadline even while the face is busy: they go
        # through a scheduler thread fed with the engine's preview of what is due.
        self._cues = (
            CueScheduler(
                lambda event: [listen(event) for listen in cues],
                clock.now,
                getattr(clock, "real_seconds", lambda seconds: seconds),
            )
            if cues
            else None
        )
        self.session_uuid: str | None = None
        self.notices: list[str] = []
        self.status: FinishStatus | None = None
        self.sets_recorded = 0
        self._unsaved: list[SetCompleted] = []

    # -- controls (each dispatches what the engine says) ---------------------

    def start(self) -> list[Event]:
        """Open the history session and start the clock."""
        if self.store is not None:
            try:
                self.session_uuid = self.store.start_session(
                    self.circuit.id,
                    circuit_title=self.circuit.title,
                    circuit_hash=self.origin.circuit_hash,
                    plan_id=self.origin.plan_id,
                    plan_week=self.origin.plan_week,
                )
            except StoreError as exc:
                self._notice(f"this workout is not being saved: {exc}")
        return self._dispatch(self.engine.start())

    def pump(self) -> list[Event]:
        """Process everything that is due by now."""
        return self._dispatch(self.engine.update())

    def toggle_pause(self) -> list[Event]:
        """Pause or resume."""
        return self._dispatch(self.engine.toggle_pause())

    def pause(self) -> list[Event]:
        """Pause (no-op when not running)."""
        return self._dispatch(self.engine.pause())

    def done(self) -> list[Event]:
        """Mark the current segment done."""
        return self._dispatch(self.engine.done())

    def skip(self) -> list[Event]:
        """Skip to the next segment."""
        return self._dispatch(self.engine.skip())

    def back(self) -> list[Event]:
        """Restart this segment or go to the previous one."""
        return self._dispatch(self.engine.back())

    def count_rep(self, delta: int) -> list[Event]:
        """Count a rep up or down."""
        return self._dispatch(self.engine.count_rep(delta))

    def finish_early(self) -> list[Event]:
        """Stop now; the session is kept as partial."""
        return self._dispatch(self.engine.finish_early())

    @property
    def finished(self) -> bool:
        """Whether the workout has ended."""
        return self.engine.state == "finished"

    # -- dispatch --------------------------------------------------------------

    def _dispatch(self, events: list[Event]) -> list[Event]:
        for event in events:
            if isinstance(event, SetCompleted):
                self._record(event)
            elif isinstance(event, Finished):
                self.status = event.status
                self._finish(event.status)
            for listener in self.listeners:
                listener(event)
            if self._cues is not None:
                self._cues.deliver(event)
        self._plan_cues()
        return events

    def _plan_cues(self) -> None:
        if self._cues is None:
            return
        wake = self.engine.next_wakeup()
        if wake is None:
            self._cues.plan([])
            return
        # Far enough ahead to cover the face's next wake-up, with room for a stall.
        until = max(self._clock.now(), wake) + PLAN_AHEAD_SECONDS
        self._cues.plan(self.engine.preview(until))

    def close(self) -> None:
        """Stop the cue thread (call when the face is done with the workout)."""
        if self._cues is not None:
            self._cues.close()

    def _record(self, event: SetCompleted) -> None:
        if self.store is None or self.session_uuid is None:
            return
        # Sets that could not be saved earlier (disk full, locked) go first, in order.
        self._unsaved.append(event)
        while self._unsaved:
            done = self._unsaved[0]
            try:
                self.store.record_set(
                    self.session_uuid,
                    block=done.block,
                    round=done.round,
                    exercise_id=done.exercise_id,
                    exercise_name=done.exercise_name,
                    set_number=done.set_number,
                    side=done.side,
                    reps_target=done.reps_target,
                    reps_done=done.reps_done,
                    seconds=done.seconds,
                    load=done.load,
                    dose=done.dose,
                )
            except StoreError as exc:
                self._notice(f"a set could not be saved yet ({exc}); the workout goes on")
                return
            self._unsaved.pop(0)
            self.sets_recorded += 1

    def _finish(self, status: FinishStatus) -> None:
        if self.store is None or self.session_uuid is None:
            return
        with contextlib.suppress(StoreError):
            self._record_pending()
        try:
            self.store.finish_session(self.session_uuid, status)
        except StoreError as exc:
            self._notice(f"the end of this workout could not be saved: {exc}")

    def _record_pending(self) -> None:
        if self._unsaved:
            last = self._unsaved.pop()
            self._record(last)

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)
