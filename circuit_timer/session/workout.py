"""One workout as every face runs it: the engine, the history it records into, listeners.

Faces (the terminal runner, the Qt window) own only the waiting and the drawing; they
call ``pump()`` when the engine's next wake-up comes and the control methods on keys.

Each completed set (and the session's start, finish, pain and note) is written ahead to
the session's journal, fsynced, before anything tells the runner about it; a writer
thread (store/writer.py) then puts it into SQLite, retrying while the database is locked,
full, read-only, missing or damaged. The face's thread never waits on SQLite.

A face that can ask the runner (the window) passes ``keep_empty=False``: the history
session then opens with the first completed set, so a workout that ends with none leaves
nothing behind (not even after a crash) unless the runner chooses ``keep()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from circuit_timer.core.clock import Clock
from circuit_timer.core.engine import Engine, SetKey, Snapshot, State
from circuit_timer.core.events import Event, Finished, FinishStatus, SetCompleted
from circuit_timer.core.model import Circuit
from circuit_timer.core.records import CompletedSet
from circuit_timer.session.cue_scheduler import CueScheduler
from circuit_timer.store import entries
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.journal import Journal, Record, folder_of
from circuit_timer.store.timestamps import local_date_of
from circuit_timer.store.writer import Writer, WriterState

Listener = Callable[[Event], object]
PLAN_AHEAD_SECONDS = 10.0


@dataclass(frozen=True)
class Origin:
    """Where a workout came from, for its history row."""

    circuit_hash: str | None = None
    plan_id: str | None = None
    plan_week: int | None = None
    # A plan session's ladder step per laddered exercise (None: as written), journalled
    # with the session's start so a kill or a locked history cannot lose them.
    ladder_steps: Mapping[str, int | None] = field(default_factory=dict)


class Workout:
    """Runs ``circuit`` on ``clock``, recording into ``store`` (None: record nothing).

    ``keep_empty``: open the history session at the start (True) or with the first
    completed set (False: the faces, which ask about a workout with none).
    ``on_saving``: called (on the writer's thread) when what is saved or what stops it
    changes; a face marshals it onto its own thread and reads ``saving()``.
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
        on_saving: Callable[[], object] | None = None,
    ) -> None:
        self.circuit = circuit
        self._on_saving = on_saving
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
        # Sets by key: a set redone after Back replaces its first record, as in the store.
        self._done: dict[SetKey, CompletedSet] = {}
        # The writer's number of each set's latest record: saved once the writer is past it.
        self._numbers: dict[SetKey, int] = {}
        self._journal: Journal | None = None
        self._writer: Writer | None = None
        self._unjournaled: list[Record] = []  # kept in memory while the journal fails
        self._unjournaled_numbers: list[int] = []
        self._journal_fault: str | None = None
        self._released = False
        self._started_at: datetime | None = None
        self._ended_at: datetime | None = None

    # -- controls (each dispatches what the engine says) ---------------------

    def start(self) -> list[Event]:
        """Start the clock (and open the history session, when ``keep_empty``)."""
        if self.store is not None:
            self._started_at = self.store.now()
            if self.keep_empty:
                self._open_session()
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
        history, with its finish status."""
        if not self.finished or self.store is None or self.session_uuid is not None:
            return
        assert self.status is not None
        self._open_session()
        self._finish(self.status)

    def discard(self) -> None:
        """Leave a finished workout with no completed set out of the history: its session,
        if one was opened, is deleted. A completed set always stays: it happened."""
        if not self.finished or self.store is None or self.session_uuid is None:
            return
        if self._done:
            return
        self._put(entries.discard(self.session_uuid))
        self.session_uuid = None

    def annotate(
        self, *, notes: str | None, pain_during: int | None, pain_after: int | None
    ) -> None:
        """Add the runner's note and pain to the session (nothing entered: nothing stored)."""
        if self.store is None or self.session_uuid is None:
            return
        if notes is None and pain_during is None and pain_after is None:
            return
        self._put(
            entries.note(
                self.session_uuid, notes=notes, pain_during=pain_during, pain_after=pain_after
            )
        )

    def set_load(self, done: CompletedSet, load_kg: float | None, bodyweight: bool) -> None:
        """Record the load the runner says they used in a completed set (the set recorded
        again, with it, as a redone set is)."""
        key = (done.block, done.round, done.exercise_id, done.set_number, done.side)
        current = self._done.get(key)
        if current is None or self.store is None or self.session_uuid is None:
            return
        amended = replace(current, load_kg=load_kg, bodyweight=bodyweight)
        self._done[key] = amended
        record = entries.completed_set(self.session_uuid, amended, self.store.now())
        self._numbers[key] = self._put(record)

    def settle(self, timeout: float, *, until_fault: bool = False) -> bool:
        """Wait up to ``timeout`` seconds for everything so far to be in the history
        (tests, and a face's last moments; never while the workout runs). With
        ``until_fault``, stop waiting as soon as the history is found stuck."""
        return self._writer is None or self._writer.wait(timeout, until_fault=until_fault)

    def release(self, timeout: float | None) -> bool:
        """The face is done with the history: give the writer up to ``timeout`` seconds,
        then stop it (None: it stops by itself once everything is written, without
        waiting). Whether everything is in the history; what is not stays in the journal,
        written at the next start."""
        self._released = True
        if self._writer is None:
            return True
        if timeout is None:
            self._writer.finish()
            return self._writer.state().pending == 0
        return self._writer.close(timeout)

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
        """How many of the completed sets are in the history database now."""
        written = self._writer.state().written if self._writer is not None else 0
        return sum(1 for number in self._numbers.values() if number <= written)

    @property
    def sets_kept(self) -> int:
        """How many of the completed sets are safe on disk (in the history or journaled)."""
        # Records are journaled in order: the first one still in memory and all after it
        # are safe only once written.
        first_unsafe = min(self._unjournaled_numbers, default=None)
        if first_unsafe is None:
            return len(self._numbers)
        written = self._writer.state().written if self._writer is not None else 0
        return sum(1 for n in self._numbers.values() if n < first_unsafe or n <= written)

    def saving(self) -> WriterState | None:
        """What the writer has done and what stops it (None: nothing written yet)."""
        return self._writer.state() if self._writer is not None else None

    @property
    def journal_fault(self) -> str | None:
        """Why records could not be journaled (kept in memory meanwhile), or None."""
        return self._journal_fault

    @property
    def journal_path(self) -> str | None:
        """Where this workout's journal is (for telling the runner)."""
        return str(self._journal.path) if self._journal is not None else None

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
        import uuid  # here: the window opens before the first workout needs it

        self.session_uuid = str(uuid.uuid4())
        started = self._started_at or self.store.now()
        self._put(
            entries.start(
                self.session_uuid,
                self.circuit.id,
                circuit_title=self.circuit.title,
                circuit_hash=self.origin.circuit_hash,
                plan_id=self.origin.plan_id,
                plan_week=self.origin.plan_week,
                ladder_steps=self.origin.ladder_steps,
                started_at=started,
                local_date=local_date_of(started),
            )
        )

    def _record(self, event: SetCompleted) -> None:
        if self.store is None:
            return
        if self.session_uuid is None:
            self._open_session()
        assert self.session_uuid is not None
        record = entries.completed_set(self.session_uuid, event.done, self.store.now())
        self._numbers[_set_key(event)] = self._put(record)

    def _finish(self, status: FinishStatus) -> None:
        if self.store is None or self.session_uuid is None:
            return
        ended = self._ended_at or self.store.now()
        self._put(entries.finish(self.session_uuid, status, ended))

    def _put(self, record: Record) -> int:
        """Journal ``record`` (durably, before the face hears of it), then hand it to the
        writer; a record the journal cannot take is kept and journaled with the next."""
        assert self.store is not None and self.session_uuid is not None
        if self._released:
            raise RuntimeError("the workout's history writer is closed")
        if self._journal is None:
            self._journal = Journal(folder_of(self.store.path), self.session_uuid)
        if self._writer is None:
            self._writer = Writer(self.store.path, self._journal, on_change=self._saving_changed)
        number = self._writer.put(record)
        self._unjournaled.append(record)
        self._unjournaled_numbers.append(number)
        try:
            self._journal.append_all(self._unjournaled)
        except OSError as exc:
            fault = f"{self._journal.path}: {exc.strerror or exc}"
            if fault != self._journal_fault:
                self._journal_fault = fault
                self._saving_changed(None)
        else:
            self._unjournaled.clear()
            self._unjournaled_numbers.clear()
            if self._journal_fault is not None:
                self._journal_fault = None
                self._saving_changed(None)
        return number

    def _saving_changed(self, _state: WriterState | None) -> None:
        if self._on_saving is not None:
            self._on_saving()


def _set_key(event: SetCompleted) -> SetKey:
    """The set a SetCompleted is about (as the store keys it)."""
    done = event.done
    return (done.block, done.round, done.exercise_id, done.set_number, done.side)
