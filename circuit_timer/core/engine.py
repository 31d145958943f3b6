"""The workout engine: runs a compiled timeline on a clock and says what happens when.

It never counts ticks. Each segment has a start on the clock; every cue in it (3-2-1,
halfway, tempo phases, rep counts, the end) is due at a fixed offset from that start,
and is emitted with that due time however late a face asks. The next segment starts at
the previous one's deadline, so a stalled face never accumulates lateness. Pausing moves
the current segment's start forward by the paused time.

Faces call ``update()`` when ``next_wakeup()`` comes (and whenever they like), and the
control methods on key presses; each returns the events it produced, in time order.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Literal

from circuit_timer.core.clock import Clock, FakeClock
from circuit_timer.core.events import (
    Beat,
    Countdown,
    Event,
    Finished,
    FinishStatus,
    Halfway,
    Paused,
    RepCounted,
    Resumed,
    SegmentStarted,
    SetCompleted,
    TempoPhase,
    TempoPhaseName,
)
from circuit_timer.core.model import Circuit, Exercise
from circuit_timer.core.records import CompletedSet
from circuit_timer.core.segment_cues import Due, SegmentCues, paced
from circuit_timer.core.timeline import Segment, Timeline, compile_timeline

State = Literal["ready", "running", "paused", "finished"]
BACK_GRACE_SECONDS = 2.0
_WORK = ("work", "hold")

SetKey = tuple[int, int, str, int, str | None]


@dataclass(frozen=True)
class Snapshot:
    """Everything a face needs to draw the workout at one moment."""

    state: State
    index: int
    segment: Segment
    upcoming: Segment | None
    elapsed: float
    remaining: float | None
    progress: float | None
    reps: int
    reps_target: int | None
    tempo_phase: TempoPhaseName | None
    tempo_rep: int | None
    overall_progress: float
    total_elapsed: float
    finish_status: FinishStatus | None
    # Beats so far in a paced set (0 at its start), else None.
    beat: int | None = None


@dataclass
class _Holds:
    """Holds done in one set and side: hold number -> seconds."""

    done: dict[int, float] = field(default_factory=dict)


def _key(segment: Segment) -> SetKey:
    return (segment.block, segment.round, segment.exercise, segment.set, segment.side)


class Engine:
    """Runs one circuit. Not thread-safe: one face drives it."""

    def __init__(
        self,
        circuit: Circuit,
        clock: Clock,
        timeline: Timeline | None = None,
    ) -> None:
        self.circuit = circuit
        self.clock = clock
        self.timeline = timeline or compile_timeline(circuit)
        self.segments = self.timeline.segments
        if not self.segments:
            raise ValueError("an empty timeline cannot be run")
        self._exercises: dict[str, Exercise] = {
            ex.id: ex for block in circuit.blocks for ex in block.exercises
        }
        self._estimates = [s.estimate for s in self.segments]
        self._before = [0.0, *itertools.accumulate(self._estimates)][:-1]
        self._total = sum(self._estimates) or 1.0
        self.state: State = "ready"
        self.index = 0
        self._start = 0.0
        self._paused_at: float | None = None
        self._cues = SegmentCues(self.segments[0])
        self._reps = 0
        self._reps_touched = False
        self._phase: tuple[TempoPhaseName, int] | None = None
        self._holds: dict[SetKey, _Holds] = {}
        self._finish_status: FinishStatus | None = None
        self._started_at = 0.0
        self._paused_total = 0.0

    # -- controls ------------------------------------------------------------------

    def start(self) -> list[Event]:
        """Start the first segment now."""
        if self.state != "ready":
            return []
        now = self.clock.now()
        self.state = "running"
        self._started_at = now
        events = self._begin(0, now)
        return events + self.update()

    def update(self) -> list[Event]:
        """Emit everything due up to now, moving through segments whose time is up."""
        if self.state != "running":
            return []
        now = self.clock.now()
        events: list[Event] = []
        while self.state == "running":
            segment = self.segments[self.index]
            while (due := self._cues.take(self._start, now)) is not None:
                events.extend(self._emit(due))
            if segment.seconds is None:
                break  # an open rep set waits for the runner
            end = self._start + segment.seconds
            if end > now:
                break
            events.extend(self._end(end, completed=True))
        return events

    def pause(self) -> list[Event]:
        """Stop the clock for this workout; paused time never counts."""
        events = self.update()
        if self.state != "running":
            return events
        now = self.clock.now()
        self.state = "paused"
        self._paused_at = now
        return [*events, Paused(now, self.index)]

    def resume(self) -> list[Event]:
        """Carry on where the pause left off."""
        if self.state != "paused" or self._paused_at is None:
            return []
        now = self.clock.now()
        paused_for = now - self._paused_at
        self._start += paused_for
        self._paused_total += paused_for
        self._paused_at = None
        self.state = "running"
        return [Resumed(now, self.index, paused_for), *self.update()]

    def toggle_pause(self) -> list[Event]:
        """Pause when running, resume when paused."""
        return self.resume() if self.state == "paused" else self.pause()

    def done(self) -> list[Event]:
        """The runner says this segment is done: an open rep set (or any work) is
        completed now; a rest, prepare or switch ends now. Works while paused too."""
        events = self._settle()
        if self.state not in ("running", "paused"):
            return events
        return events + self._end(self._action_time(), completed=True) + self.update()

    def skip(self) -> list[Event]:
        """Go to the next segment without recording this one's work."""
        events = self._settle()
        if self.state not in ("running", "paused"):
            return events
        return events + self._end(self._action_time(), completed=False) + self.update()

    def back(self) -> list[Event]:
        """Restart this segment, or the previous one when pressed in its first 2 s."""
        events = self._settle()
        if self.state not in ("running", "paused"):
            return events
        at = self._action_time()
        target = self.index
        if at - self._start < BACK_GRACE_SECONDS and self.index > 0:
            target = self.index - 1
        return events + self._begin(target, at) + self.update()

    def count_rep(self, delta: int) -> list[Event]:
        """The runner counts a rep up (+1) or corrects it down (-1)."""
        events = self._settle()
        segment = self.segments[self.index]
        if self.state not in ("running", "paused") or segment.kind != "work":
            return events
        if segment.reps is None:
            return events
        self._reps = max(0, self._reps + delta)
        self._reps_touched = True
        return [*events, RepCounted(self.clock.now(), self.index, self._reps, segment.reps, True)]

    def finish_early(self) -> list[Event]:
        """End the workout now; it is recorded as partial."""
        events = self._settle()
        if self.state == "finished":
            return events
        return [*events, self._finish(self.clock.now(), "partial")]

    # -- what faces read -------------------------------------------------------

    def next_wakeup(self) -> float | None:
        """Clock time of the next thing due while running: a cue, a beat or the segment's
        end. None when nothing is due until the runner acts: ready, paused, finished, or
        an open set without a pace (a paced open set has its next beat)."""
        if self.state != "running":
            return None
        cue_at = self._cues.next_at(self._start)
        times = [] if cue_at is None else [cue_at]
        seconds = self.segments[self.index].seconds
        if seconds is not None:
            times.append(self._start + seconds)
        return min(times) if times else None

    def preview(self, until: float) -> list[Event]:
        """The events due by clock time ``until`` if the runner presses nothing.

        Nothing here changes: a copy of the engine runs ahead on a frozen clock. A cue
        thread uses this to play each cue at its deadline even while the face is busy.
        """
        if self.state != "running":
            return []
        ghost = copy.copy(self)
        ghost._holds = {key: _Holds(dict(h.done)) for key, h in self._holds.items()}
        ghost._cues = copy.copy(self._cues)
        ghost.clock = FakeClock(until)  # frozen at ``until``
        return ghost.update()

    def snapshot(self) -> Snapshot:
        """The state of the workout now, for drawing."""
        now = self._paused_at if self._paused_at is not None else self.clock.now()
        segment = self.segments[self.index]
        elapsed = max(0.0, now - self._start) if self.state != "ready" else 0.0
        remaining = None if segment.seconds is None else max(0.0, segment.seconds - elapsed)
        progress = None if not segment.seconds else min(1.0, elapsed / segment.seconds)
        done_before = self._before[self.index]
        if self.state == "finished":
            overall = 1.0 if self._finish_status == "completed" else done_before / self._total
        else:
            overall = (done_before + min(elapsed, self._estimates[self.index])) / self._total
        total_elapsed = 0.0
        if self.state != "ready":
            total_elapsed = now - self._started_at - self._paused_total
        return Snapshot(
            state=self.state,
            index=self.index,
            segment=segment,
            upcoming=self._upcoming(self.index),
            elapsed=elapsed,
            remaining=remaining,
            progress=progress,
            reps=self._reps,
            reps_target=segment.reps if segment.kind == "work" else None,
            tempo_phase=self._phase[0] if self._phase else None,
            tempo_rep=self._phase[1] if self._phase else None,
            overall_progress=min(1.0, overall),
            total_elapsed=max(0.0, total_elapsed),
            finish_status=self._finish_status,
            beat=self._cues.beats if paced(segment) else None,
        )

    # -- internals -------------------------------------------------------------

    def _action_time(self) -> float:
        """When a key acts: now, or (while paused) the moment the pause began, so the
        segment it starts has used none of its time when the runner resumes."""
        return self._paused_at if self._paused_at is not None else self.clock.now()

    def _settle(self) -> list[Event]:
        """Catch up before acting on a key, so the key acts on the segment shown now."""
        return self.update() if self.state == "running" else []

    def _upcoming(self, index: int) -> Segment | None:
        for segment in self.segments[index + 1 :]:
            if segment.kind in _WORK:
                return segment
        return None

    def _begin(self, index: int, at: float) -> list[Event]:
        self.index = index
        self._start = at
        segment = self.segments[index]
        self._cues = SegmentCues(segment)
        self._reps = 0
        self._reps_touched = False
        self._phase = None
        return [SegmentStarted(at, index, segment, self._upcoming(index))]

    def _emit(self, due: Due) -> list[Event]:
        at = self._start + due.offset
        segment = self.segments[self.index]
        if due.kind == "beat":
            return [Beat(at, self.index, due.value, segment.pace or 0)]
        if due.kind == "countdown":
            return [Countdown(at, self.index, due.value)]
        if due.kind == "halfway":
            return [Halfway(at, self.index)]
        if due.kind == "phase":
            self._phase = (due.phase, due.value)
            return [TempoPhase(at, self.index, due.phase, due.value, due.seconds)]
        # A tempo rep completed: the engine counts it (unless the runner counted past it).
        if self._reps >= due.value:
            return []
        self._reps = due.value
        return [RepCounted(at, self.index, self._reps, segment.reps, False)]

    def _end(self, at: float, *, completed: bool) -> list[Event]:
        """End the current segment at ``at`` and begin the next (or finish)."""
        segment = self.segments[self.index]
        events: list[Event] = []
        if segment.kind in _WORK:
            done = self._completed_set(segment, at, completed)
            if done is not None:
                events.append(done)
        if self.index + 1 >= len(self.segments):
            events.append(self._finish(at, "completed"))
        else:
            events.extend(self._begin(self.index + 1, at))
        return events

    def _completed_set(self, segment: Segment, at: float, completed: bool) -> SetCompleted | None:
        elapsed = at - self._start
        key = _key(segment)
        exercise = self._exercises[segment.exercise]
        counted = False
        if segment.kind == "hold":
            holds = self._holds.setdefault(key, _Holds())
            if completed:
                holds.done[segment.rep or 1] = elapsed
            if (segment.rep or 1) < (segment.reps or 1) or not holds.done:
                return None  # more holds to come in this set and side, or none done
            reps_done: int | None = len(holds.done)
            seconds = sum(holds.done.values())
        else:
            if not completed:
                return None
            seconds = elapsed
            if exercise.dose == "open":
                counted = self._reps_touched
                # Untouched, a training set was done as written; a test was not counted.
                untouched = None if exercise.test else segment.reps
                reps_done = self._reps if counted else untouched
            elif exercise.dose == "tempo":
                reps_done = self._reps
            else:
                reps_done = None
        done = CompletedSet(
            block=segment.block,
            round=segment.round,
            exercise_id=segment.exercise,
            exercise_name=segment.name,
            set_number=segment.set,
            side=segment.side,
            reps_target=segment.reps,
            reps_done=reps_done,
            seconds=round(seconds, 3),
            dose=exercise.dose,
            load=exercise.load,
            test=exercise.test,
            counted=counted,
        )
        return SetCompleted(at=at, index=self.index, done=done, sets=segment.sets)

    def _finish(self, at: float, status: FinishStatus) -> Finished:
        self.state = "finished"
        self._finish_status = status
        self._paused_at = None
        return Finished(at, self.index, status)
