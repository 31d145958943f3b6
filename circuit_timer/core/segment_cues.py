"""What falls due inside one segment: the 3-2-1, halfway, tempo phases, rep counts and the
beats of a paced set, each at a fixed offset from the segment's start.

The engine keeps one ``SegmentCues`` for the segment it is running and takes from it
whatever is due by now. Offsets are from the start the engine passes in, so a pause
(which moves the start) moves every cue with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from circuit_timer.core.events import TEMPO_PHASES, TempoPhaseName
from circuit_timer.core.timeline import Segment

HALFWAY_MIN_SECONDS = 20
COUNTDOWN_FROM = 3
# A halfway cue helps where the runner works or holds, not in a rest.
_HALFWAY_KINDS = ("work", "hold")

DueKind = Literal["countdown", "halfway", "phase", "rep", "beat"]


@dataclass(frozen=True)
class Due:
    """Something due ``offset`` seconds into a segment.

    ``value`` is the seconds left (countdown), the rep (phase, rep) or the beat number.
    """

    offset: float
    kind: DueKind
    value: int = 0
    phase: TempoPhaseName = "up"
    seconds: int = 0


def due_in(segment: Segment) -> list[Due]:
    """The cues due inside ``segment`` (beats aside), by offset from its start."""
    if segment.seconds is None:
        return []
    due: list[Due] = []
    if segment.tempo is not None and segment.reps:
        cycle = sum(segment.tempo)
        for rep in range(1, segment.reps + 1):
            offset = (rep - 1) * cycle
            for phase, seconds in zip(TEMPO_PHASES, segment.tempo, strict=False):
                if seconds > 0:
                    due.append(Due(offset, "phase", rep, phase, seconds))
                offset += seconds
            due.append(Due(rep * cycle, "rep", rep))
    if segment.kind in _HALFWAY_KINDS and segment.seconds >= HALFWAY_MIN_SECONDS:
        due.append(Due(segment.seconds / 2, "halfway"))
    for remaining in range(COUNTDOWN_FROM, 0, -1):
        if segment.seconds - remaining > 0:
            due.append(Due(segment.seconds - remaining, "countdown", remaining))
    # Stable sort: at one instant a rep count comes before the next rep's first phase.
    order = {"rep": 0, "halfway": 1, "countdown": 2, "phase": 3}
    return sorted(due, key=lambda d: (d.offset, order[d.kind]))


def paced(segment: Segment) -> bool:
    """Whether ``segment`` is a set done to a beat."""
    return segment.kind == "work" and segment.pace is not None


class SegmentCues:
    """The cues and beats of one segment, taken in time order.

    A shallow copy is independent (the engine's preview runs one ahead): the list of
    cues is never changed, only the counters.
    """

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        self._due = due_in(segment)
        self._next = 0
        self.beats = 0

    def next_at(self, start: float) -> float | None:
        """Clock time of the next cue or beat of a segment started at ``start``, or None."""
        times = [t for t in (self._due_at(start), self._beat_at(start)) if t is not None]
        return min(times) if times else None

    def take(self, start: float, now: float) -> Due | None:
        """The next cue or beat due by ``now``, or None; each is taken once."""
        due_at = self._due_at(start)
        beat_at = self._beat_at(start)
        # At one instant a cue (the 3-2-1, a phase) comes before the beat.
        if beat_at is not None and beat_at <= now and (due_at is None or beat_at < due_at):
            offset = self._beat_offset()
            assert offset is not None
            self.beats += 1
            return Due(offset, "beat", self.beats)
        if due_at is not None and due_at <= now:
            self._next += 1
            return self._due[self._next - 1]
        return None

    def _due_at(self, start: float) -> float | None:
        if self._next < len(self._due):
            return start + self._due[self._next].offset
        return None

    def _beat_offset(self) -> float | None:
        """The next beat's offset on the grid from the start, None when no beat is left."""
        if not paced(self.segment):
            return None
        assert self.segment.pace is not None
        # Multiply before dividing: at pace 60, beat k is exactly k seconds in.
        offset = (self.beats + 1) * 60 / self.segment.pace
        if self.segment.seconds is not None and offset >= self.segment.seconds:
            return None
        return offset

    def _beat_at(self, start: float) -> float | None:
        offset = self._beat_offset()
        return None if offset is None else start + offset
