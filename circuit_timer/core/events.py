"""What the engine tells its faces, audio and history. Every event carries ``at``: the
clock time it is due (a boundary's deadline), not the time a face happened to notice it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from circuit_timer.core.records import CompletedSet
from circuit_timer.core.timeline import Segment

TempoPhaseName = Literal["up", "hold", "down", "pause"]
TEMPO_PHASES: tuple[TempoPhaseName, ...] = ("up", "hold", "down", "pause")
FinishStatus = Literal["completed", "partial"]


@dataclass(frozen=True)
class Event:
    """Base: ``at`` is when it is due on the engine's clock; ``index`` the segment's."""

    at: float
    index: int


@dataclass(frozen=True)
class SegmentStarted(Event):
    """A segment began. ``upcoming`` is the next work or hold after it (for "next up")."""

    segment: Segment
    upcoming: Segment | None


@dataclass(frozen=True)
class Countdown(Event):
    """``remaining`` (3, 2, 1) seconds before the current segment ends."""

    remaining: int


@dataclass(frozen=True)
class Halfway(Event):
    """Half of a work or hold segment of 20 s or more has gone."""


@dataclass(frozen=True)
class TempoPhase(Event):
    """A tempo phase begins: up, hold, down or pause, of rep ``rep``."""

    phase: TempoPhaseName
    rep: int
    seconds: int


@dataclass(frozen=True)
class RepCounted(Event):
    """The rep count changed: by the engine (tempo) or by the runner (+/-)."""

    reps: int
    target: int | None
    by_runner: bool


@dataclass(frozen=True)
class Beat(Event):
    """A beat of a paced open rep set (``pace`` beats per minute): beat ``beat`` is due
    ``beat`` x 60 / ``pace`` seconds after the set began, which is beat 0."""

    beat: int
    pace: int


@dataclass(frozen=True)
class SetCompleted(Event):
    """One set (one side of it) is done: ``done`` is what the history records of it;
    ``sets`` (how many sets the exercise has) is for the screen."""

    done: CompletedSet
    sets: int


@dataclass(frozen=True)
class Paused(Event):
    """The runner paused."""


@dataclass(frozen=True)
class Resumed(Event):
    """The runner resumed; ``paused_for`` seconds did not count."""

    paused_for: float


@dataclass(frozen=True)
class Finished(Event):
    """The workout ended: ``completed`` at the end of the timeline, else ``partial``."""

    status: FinishStatus
