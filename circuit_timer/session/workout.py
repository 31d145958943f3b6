"""One workout as every face runs it: the engine, the history it records into, listeners.

Faces (the terminal runner, the Qt window) own only the waiting and the drawing; they
call ``pump()`` when the engine's next wake-up comes and the control methods on keys.
Each completed set is written to the history the moment it is done.

A face that can ask the runner (the window) passes ``keep_empty=False``: the history
session then opens with the first completed set, so a workout that ends with none leaves
nothing behind (not even after a crash) unless the runner chooses ``keep()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from circuit_timer.core.clock import Clock
from circuit_timer.core.engine import Engine, SetKey, Snapshot, State
from circuit_timer.core.events import Event, Finished, FinishStatus, SetCompleted
from circuit_timer.core.model import Circuit
from circuit_timer.core.records import CompletedSet
from circuit_timer.session.cue_scheduler import CueScheduler
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
    """Runs ``circuit`` on ``clock``, recording into ``store`` (None: record nothing).

    ``keep_empty``: open the history session at the start (True, the terminal) or with
    the first completed set (False, the window, which asks about a workout with none).
    """

    def __init__(
        self,
        circuit: Circuit,
        clock: Clock,
        store: HistoryStore | None,
        origin: Origin = Origin(),
        listeners: Iterable[Listener] = (),
        cue_listeners: Iterable[Listener] = (),
        *,
        keep_empty: bool = True,
    ) -> None:
        self.circuit = circuit
        self.keep_empty = keep_empty
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
        self._unsaved: list[SetCompleted] = []
        # Sets by key: a set redone after Back replaces its first record, as in the store.
        self._done: dict[SetKey, CompletedSet] = {}
        self._saved: set[SetKey] = set()
        self._started_at: datetime | None = None
        self._ended_at: datetime | None = None

    # -- controls (each dispatches what the engine says) ---------------------

    def start(self) -> list[Event]:
        """Start the clock (and open the history session, when ``keep_empty``)."""
        if self.store is not None:
            self._started_at = self.store.now()
            if self.keep_empty:
                try:
                    self._open_session()
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

    def keep(self) -> None:
        """Keep a finished workout that has no session yet (no completed set) in the
        history, with its finish status. Raises StoreError when it cannot be saved."""
        if not self.finished or self.store is None or self.session_uuid is not None:
            return
        assert self.status is not None
        self._open_session()
        assert self.session_uuid is not None
        self._record_pending()  # sets done while the history could not be written
        self.store.finish_session(self.session_uuid, self.status, ended_at=self._ended_at)

    def discard(self) -> None:
        """Leave a finished workout with no saved set out of the history: its session, if
        one was opened (a set that could not be saved), is deleted."""
        if not self.finished or self.store is None or self.session_uuid is None:
            return
        if self._saved:
            return  # saved sets stay: they happened
        try:
            self.store.delete_session(self.session_uuid)
        except StoreError as exc:
            self._notice(f"the empty session could not be removed: {exc}")
            return
        self.session_uuid = None

    # -- what faces read (never the engine itself) ------------------------------

    def snapshot(self) -> Snapshot:
        """The workout now, for drawing."""
        return self.engine.snapshot()

    def next_wakeup(self) -> float | None:
        """Clock time when ``pump()`` next has something to do (see Engine.next_wakeup)."""
        return self.engine.next_wakeup()

    @property
    def state(self) -> State:
        """ready, running, paused or finished."""
        return self.engine.state

    @property
    def finished(self) -> bool:
        """Whether the workout has ended."""
        return self.engine.state == "finished"

    @property
    def sets_done(self) -> list[CompletedSet]:
        """The completed sets, one per set and side (a redone set counts once), in order."""
        return list(self._done.values())

    @property
    def sets_recorded(self) -> int:
        """How many of the completed sets are saved in the history."""
        return len(self._saved)

    # -- dispatch --------------------------------------------------------------

    def _dispatch(self, events: list[Event]) -> list[Event]:
        for event in events:
            if isinstance(event, SetCompleted):
                self._done[_set_key(event)] = event.done
                self._record(event)
            elif isinstance(event, Finished):
                self.status = event.status
                if self.store is not None:
                    self._ended_at = self.store.now()
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

    def _open_session(self) -> None:
        assert self.store is not None
        self.session_uuid = self.store.start_session(
            self.circuit.id,
            circuit_title=self.circuit.title,
            circuit_hash=self.origin.circuit_hash,
            plan_id=self.origin.plan_id,
            plan_week=self.origin.plan_week,
            started_at=self._started_at,
        )

    def _record(self, event: SetCompleted) -> None:
        if self.store is None or (self.session_uuid is None and self.keep_empty):
            return  # no history, or its session could not be opened at the start
        # Sets that could not be saved earlier (disk full, locked) go first, in order.
        self._unsaved.append(event)
        try:
            if self.session_uuid is None:
                self._open_session()
            assert self.session_uuid is not None
            while self._unsaved:
                first = self._unsaved[0]
                self.store.record_set(self.session_uuid, first.done)
                self._unsaved.pop(0)
                self._saved.add(_set_key(first))
        except StoreError as exc:
            self._notice(f"a set could not be saved yet ({exc}); the workout goes on")

    def _finish(self, status: FinishStatus) -> None:
        if self.store is None:
            return
        self._record_pending()
        if self.session_uuid is None:
            return
        try:
            self.store.finish_session(self.session_uuid, status, ended_at=self._ended_at)
        except StoreError as exc:
            self._notice(f"the end of this workout could not be saved: {exc}")

    def _record_pending(self) -> None:
        if self._unsaved:
            last = self._unsaved.pop()
            self._record(last)

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)


def _set_key(event: SetCompleted) -> SetKey:
    """The set a SetCompleted is about (as the store keys it)."""
    done = event.done
    return (done.block, done.round, done.exercise_id, done.set_number, done.side)
