"""The terminal face: one status line redrawn in place on a terminal, one plain line per
event otherwise. It waits for the engine's next wake-up or a key; it has no timing of
its own."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TextIO

from circuit_timer.core.clock import ScaledClock
from circuit_timer.core.describe import clock as mmss
from circuit_timer.core.describe import plural
from circuit_timer.core.engine import Snapshot
from circuit_timer.core.events import (
    Countdown,
    Event,
    Finished,
    Halfway,
    Paused,
    RepCounted,
    Resumed,
    SegmentStarted,
    SetCompleted,
    TempoPhase,
)
from circuit_timer.core.segment_words import (
    KIND_WORDS,
    beat_word,
    dose_words,
    position_parts,
    tempo_words,
)
from circuit_timer.core.timeline import Segment
from circuit_timer.session.load_entry import LoadEntry
from circuit_timer.session.saving import fault_line
from circuit_timer.session.workout import Workout
from circuit_timer.terminal.keys import Keys, sleep
from circuit_timer.terminal.signals import (
    FINISH_SIGNALS,
    Hangup,
    cbreak,
    drop_dead_terminal,
    ignore_finish_signals,
    raise_hangup,
)

KEYS_HELP = "Enter done  space pause  + - reps  s skip  b back  q finish"
REDRAW_SECONDS = 0.1


def describe_work(segment: Segment, *, now: bool = True) -> str:
    """ "Towel heel raise, left side, set 1/3, 12 reps at 3-2-3" (``now``: it is on)."""
    parts = [segment.name]
    if segment.side:
        parts.append(f"{segment.side} side")
    parts.extend(position_parts(segment))
    if segment.kind == "hold":
        parts[-1] += f", {segment.seconds} s"
    elif segment.tempo is not None:
        parts.append(f"{plural(segment.reps or 0, 'rep')} at {tempo_words(segment)}")
    elif segment.reps is not None:
        reps = dose_words(segment)
        parts.append(f"{reps}, press Enter when done" if now else reps)
    else:
        parts.append(dose_words(segment))
    return ", ".join(parts)


def event_line(event: Event, since: float) -> str | None:
    """One plain line for an event, stamped with workout time."""
    stamp = f"[{mmss(max(0.0, event.at - since))}]"
    if isinstance(event, SegmentStarted):
        s = event.segment
        if s.kind in ("work", "hold"):
            return f"{stamp} {KIND_WORDS[s.kind].lower()}: {describe_work(s)}"
        if s.kind == "switch":
            return f"{stamp} switch sides {s.seconds} s: {s.side} side next"
        nxt = describe_work(event.upcoming, now=False) if event.upcoming else "the end"
        return f"{stamp} {s.kind} {s.seconds} s, next: {nxt}"
    if isinstance(event, Countdown):
        return f"{stamp} {event.remaining}"
    if isinstance(event, Halfway):
        return f"{stamp} halfway"
    if isinstance(event, TempoPhase):
        return f"{stamp} {event.phase} (rep {event.rep}, {event.seconds} s)"
    if isinstance(event, RepCounted):
        who = "you" if event.by_runner else "auto"
        return f"{stamp} reps {event.reps}/{event.target} ({who})"
    if isinstance(event, SetCompleted):
        done = event.done
        side = f" {done.side}" if done.side else ""
        reps = f", {done.reps_done}/{done.reps_target} reps" if done.reps_done is not None else ""
        return (
            f"{stamp} set done: {done.exercise_name}, set {done.set_number}/{event.sets}{side}"
            f"{reps}, {done.seconds:g} s"
        )
    if isinstance(event, Paused):
        return f"{stamp} paused"
    if isinstance(event, Resumed):
        return f"{stamp} resumed after {event.paused_for:.0f} s"
    if isinstance(event, Finished):
        return f"{stamp} finished: {event.status}"
    return None  # pragma: no cover


def status_line(snap: Snapshot, width: int) -> str:
    """The one-line status: kind, exercise, side, set, time left, reps, tempo or beat,
    next."""
    s = snap.segment
    kind = KIND_WORDS[s.kind]
    if snap.state == "paused":
        kind = f"PAUSED {kind}"
    left = mmss(snap.remaining) if snap.remaining is not None else f"+{mmss(snap.elapsed)}"
    parts = [f"{kind:<12}", left]
    if s.kind in ("work", "hold"):
        parts.append(s.name)
        if s.side:
            parts.append(s.side.upper())
        # The status line is short: the round shows in the event lines.
        parts.extend(position_parts(s, rounds=False))
        if s.kind != "hold" and s.reps is not None:
            parts.append(f"reps {snap.reps}/{s.reps}")
        if snap.tempo_phase:
            parts.append(f"{snap.tempo_phase.upper()} {snap.tempo_rep}")
        if snap.beat is not None:
            parts.append(beat_word(snap.beat, test=s.test))
    # A pause segment already describes the work that follows it.
    nxt = snap.upcoming if s.kind in ("work", "hold") else s
    if nxt is not None:
        side = f" {nxt.side}" if nxt.side else ""
        parts.append(f"next: {nxt.name}{side}")
    line = "  ".join(p for p in parts if p)
    return line[: max(10, width - 1)]


class TerminalRunner:
    """Drives a workout in a terminal (or a pipe) until it ends."""

    def __init__(
        self,
        workout: Workout,
        clock: ScaledClock,
        *,
        out: TextIO = sys.stdout,
        keys: TextIO | None = sys.stdin,
        interactive: bool | None = None,
        auto: bool = False,
    ) -> None:
        self.workout = workout
        self.clock = clock
        self.out = out
        self.keys = keys
        self.interactive = (
            interactive
            if interactive is not None
            else bool(keys is not None and keys.isatty() and out.isatty())
        )
        self.auto = auto
        # The signal that ended the run ("SIGTERM", "SIGHUP"), if one did.
        self.stopped_by: str | None = None
        self._since = 0.0
        self._keys_open = keys is not None
        self._input = Keys(keys, interactive=self.interactive) if keys is not None else None
        self._told_auto = False
        self._saving: str | None = None  # the line said about saving, while it holds
        # Only open rep sets wait for Enter: without keys, only they need saying so.
        exercises = [ex for block in workout.circuit.blocks for ex in block.exercises]
        self._open_sets = any(exercise.dose == "open" for exercise in exercises)
        # After a set of an exercise with a load, the load used can be typed (a keyboard
        # only: without one, or with --auto, nothing is entered).
        asks = self.interactive and not auto and workout.store is not None
        self.loads = LoadEntry(workout, {ex.id for ex in exercises if ex.load} if asks else set())

    # -- the loop --------------------------------------------------------------

    def run(self) -> str:
        """Run to the end; return the finish status ("completed" or "partial").

        Ended by SIGTERM or SIGHUP, both stay ignored afterwards: the process is
        finishing and must not be cut short while it saves."""
        previous = {sig: signal.signal(sig, raise_hangup) for sig in FINISH_SIGNALS}
        try:
            if self.interactive and self.keys is not None:
                with cbreak(self.keys):
                    self._loop()
                self._ask_last_load()
            else:
                self._loop()
        except (KeyboardInterrupt, Hangup) as stop:
            ignore_finish_signals()
            if isinstance(stop, Hangup):
                self.stopped_by = str(stop)
                drop_dead_terminal()
            self._show(self.workout.finish_early())
        finally:
            if self.stopped_by is None:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)
            if self.interactive:
                self._write("\n")
        return self.workout.status or "partial"

    def _loop(self) -> None:
        self.loads.read_last_loads()
        self._since = self.clock.now()
        self._show(self.workout.start())
        if self.interactive:
            self._write(KEYS_HELP + "\n")
        while not self.workout.finished:
            self._wait()
            self._show(self.workout.pump())
            self._auto_done()
            self._tell_saving()

    def _wait(self) -> None:
        """Sleep until the next thing is due, a key arrives, or it is time to redraw."""
        wake = self.workout.next_wakeup()
        auto_at = self._auto_due()
        targets = [t for t in (wake, auto_at) if t is not None]
        timeout: float | None = None
        if targets:
            timeout = max(0.0, self.clock.real_seconds(min(targets) - self.clock.now()))
        if self.interactive:
            timeout = REDRAW_SECONDS if timeout is None else min(timeout, REDRAW_SECONDS)
        if not self._keys_open or self._input is None:
            if timeout is None:
                # Nothing will ever come: an open set with no way to say "done".
                self._tell_auto()
                return
            sleep(timeout)
            return
        if self._input.wait(timeout):
            self._key()
        elif self.interactive:
            self._redraw()

    def _auto_due(self) -> float | None:
        """With --auto (or no way to press Enter), an open set ends at its estimate."""
        snap = self.workout.snapshot()
        seg = snap.segment
        if snap.state != "running" or seg.kind != "work" or seg.seconds is not None:
            return None
        if not (self.auto or not self._keys_open):
            return None
        return self.clock.now() + max(0.0, seg.estimate - snap.elapsed)

    def _auto_done(self) -> None:
        snap = self.workout.snapshot()
        seg = snap.segment
        waiting = snap.state == "running" and seg.kind == "work" and seg.seconds is None
        automatic = self.auto or not self._keys_open
        if waiting and automatic and snap.elapsed >= seg.estimate - 1e-9:
            self._show(self.workout.done())

    def _tell_auto(self) -> None:
        if self._open_sets and not self._told_auto and not self.auto:
            self._told_auto = True
            print(
                "circuit-timer: no keyboard input: open rep sets are marked done at their target",
                file=sys.stderr,
            )

    def _key(self) -> None:
        assert self._input is not None
        if self.interactive:
            char = self._input.read_key()
        else:
            line = self._input.read_line()
            if line == "":
                self._keys_open = False  # end of input: carry on without keys
                self._tell_auto()
                return
            char = line.strip()[:1] or "\n"
        actions = {
            "\n": self.workout.done,
            "\r": self.workout.done,
            " ": self.workout.toggle_pause,
            "p": self.workout.toggle_pause,
            "s": self.workout.skip,
            "b": self.workout.back,
            "q": self.workout.finish_early,
        }
        if self.loads.key(char):
            self._redraw()
            return
        if char in ("+", "="):
            self._show(self.workout.count_rep(+1))
        elif char in ("-", "_"):
            self._show(self.workout.count_rep(-1))
        elif char in actions:
            self._show(actions[char]())

    # -- output ------------------------------------------------------------------

    def _show(self, events: list[Event]) -> None:
        self.loads.follow(events)
        if self.interactive:
            for event in events:
                if isinstance(event, SetCompleted | Finished):
                    line = event_line(event, self._since)
                    if line:
                        self._write("\r\x1b[K" + line + "\n")
            self._redraw()
            return
        for event in events:
            line = event_line(event, self._since)
            if line:
                self._write(line + "\n")

    def _tell_saving(self) -> None:
        """One line when the history cannot be written (and once when it can again)."""
        line = fault_line(self.workout.saving(), self.workout.journal_fault)
        if line == self._saving:
            return
        if line is None:
            line = "History can be written again: your sets are being saved."
            self._saving = None
        else:
            self._saving = line
        prefix = "\r\x1b[K" if self.interactive else ""
        self._write(prefix + line + "\n")
        if self.interactive:
            self._redraw()

    def _redraw(self) -> None:
        if self.workout.finished:
            return
        width = 100
        if self.interactive:
            with contextlib.suppress(OSError, ValueError):
                width = os.get_terminal_size(self.out.fileno()).columns
            # Some terminals (and pseudo-terminals) report no width at all.
            width = width if width >= 20 else 80
        line = status_line(self.workout.snapshot(), width)
        if self.loads.prompt is not None:
            line = f"{self.loads.prompt.text()}  {line}"[: max(10, width - 1)]
        self._write("\r\x1b[K" + line)

    def _write(self, text: str) -> None:
        # A closed terminal must not stop the workout from being saved as partial.
        with contextlib.suppress(OSError, ValueError):
            self.out.write(text)
            self.out.flush()

    def _ask_last_load(self) -> None:
        """The workout's last set ended it: its load is asked as one line."""
        from circuit_timer.terminal.summary import ask_load, line_asker

        prompt = self.loads.prompt
        if prompt is None or self.keys is None or self.stopped_by is not None:
            return
        self._write("\n")
        self.loads.store(ask_load(line_asker(self.keys, self.out), self.out, prompt))
