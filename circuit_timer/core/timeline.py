"""Compile a circuit into its timeline: the ordered segments the engine runs.

This follows "How a circuit becomes a timeline" in the format spec rule by rule;
the rule numbers in comments refer to it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

from circuit_timer.core.model import Circuit, Exercise

SegmentKind = Literal["prepare", "work", "hold", "rest", "switch"]
SideName = Literal["left", "right"]


@dataclass(frozen=True)
class Segment:
    """One stretch of the workout. ``seconds`` is None for an open rep set.

    ``block``, ``round``, ``exercise``, ``set`` and ``side`` name the work this
    segment is, or for prepare/rest/switch the work that comes next.
    """

    kind: SegmentKind
    seconds: int | None
    block: int
    round: int
    exercise: str
    set: int
    side: SideName | None
    reps: int | None
    tempo: tuple[int, ...] | None
    rep: int | None
    # Not in the spec's minimum, but what a face needs to draw the segment.
    name: str
    sets: int
    rounds: int
    estimate: float
    # On work segments: a test's set (reps only as counted) and its beat per minute.
    test: bool = False
    pace: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The segment as the spec's JSON object (plus the extra display fields)."""
        data = asdict(self)
        data["tempo"] = list(self.tempo) if self.tempo is not None else None
        del data["estimate"]
        return data


@dataclass(frozen=True)
class Timeline:
    """A compiled circuit."""

    id: str
    title: str
    segments: tuple[Segment, ...]

    @property
    def estimated_seconds(self) -> int | float:
        """Sum of all segments, an open rep set counted as reps x seconds_per_rep."""
        total = math.fsum(s.estimate for s in self.segments)
        return round(total) if abs(total - round(total)) < 1e-9 else total

    def to_json(self) -> dict[str, Any]:
        """The timeline as ``circuit-timer show ID --json`` prints it."""
        return {
            "id": self.id,
            "title": self.title,
            "estimated_seconds": self.estimated_seconds,
            "segments": [s.to_json() for s in self.segments],
        }


@dataclass(frozen=True)
class _Where:
    block: int
    round: int
    exercise: Exercise
    set: int
    side: SideName | None
    rounds: int


class TimelineTooLong(Exception):
    """The circuit compiles to more segments than the caller allows."""


class _Builder:
    def __init__(self, circuit: Circuit, limit: int | None) -> None:
        self.circuit = circuit
        self.limit = limit
        self.segments: list[Segment] = []
        # A pause (prepare/rest/switch) is only known once the work after it is.
        self.pending: tuple[SegmentKind, int] | None = None

    def pause(self, kind: SegmentKind, seconds: int) -> None:
        self.pending = (kind, seconds)

    def work(self, where: _Where, kind: SegmentKind, seconds: int | None, rep: int | None) -> None:
        ex = where.exercise
        common = {
            "block": where.block,
            "round": where.round,
            "exercise": ex.id,
            "set": where.set,
            "side": where.side,
            "name": ex.name,
            "sets": ex.sets,
            "rounds": where.rounds,
        }
        if self.pending is not None:
            pause_kind, pause_seconds = self.pending
            self.pending = None
            if pause_seconds > 0:  # rule 6: a 0 s pause adds no segment
                self.segments.append(
                    Segment(
                        kind=pause_kind,
                        seconds=pause_seconds,
                        reps=None,
                        tempo=None,
                        rep=None,
                        estimate=pause_seconds,
                        **common,  # type: ignore[arg-type]
                    )
                )
        if self.limit is not None and len(self.segments) >= self.limit:
            raise TimelineTooLong(f"more than {self.limit} segments")
        if seconds is None:
            estimate = (ex.reps or 0) * self.circuit.defaults.seconds_per_rep
        else:
            estimate = seconds
        self.segments.append(
            Segment(
                kind=kind,
                seconds=seconds,
                reps=_target_reps(ex),
                tempo=ex.tempo if ex.dose == "tempo" else None,
                rep=rep,
                estimate=estimate,
                test=ex.test,
                pace=ex.pace,
                **common,  # type: ignore[arg-type]
            )
        )

    def one_side(self, where: _Where) -> None:
        ex = where.exercise
        if ex.dose == "hold":
            assert ex.hold is not None
            holds = ex.reps or 1
            for rep in range(1, holds + 1):
                if rep > 1:
                    self.pause("rest", self.circuit.defaults.rest_between_reps)
                self.work(where, "hold", ex.hold, rep)
        elif ex.dose == "timed":
            self.work(where, "work", ex.work, None)
        elif ex.dose == "tempo":
            assert ex.tempo is not None and ex.reps is not None
            self.work(where, "work", ex.reps * sum(ex.tempo), None)
        else:
            self.work(where, "work", None, None)


def _target_reps(ex: Exercise) -> int | None:
    if ex.dose == "timed":
        return None
    if ex.dose == "hold":
        return ex.reps or 1  # the number of holds in the set
    return ex.reps


def compile_timeline(circuit: Circuit, max_segments: int | None = None) -> Timeline:
    """Compile ``circuit`` into its timeline, by the spec's normative rules.

    With ``max_segments``, stop with TimelineTooLong as soon as the timeline is longer
    (so a hostile file costs little).
    """
    out = _Builder(circuit, max_segments)
    defaults = circuit.defaults
    out.pause("prepare", defaults.prepare)  # rule 1
    first = True
    for b, block in enumerate(circuit.blocks):  # rule 2
        for rnd in range(1, block.rounds + 1):
            for e, ex in enumerate(block.exercises):
                if not first:
                    if e == 0 and rnd > 1:  # rule 5: a new round of the same block
                        out.pause("rest", circuit.rest_between_rounds(b))
                    else:  # rule 5: next exercise, or the first of a new block
                        out.pause("rest", defaults.rest_between_exercises)
                first = False
                for set_no in range(1, ex.sets + 1):
                    if set_no > 1:  # rule 4
                        out.pause("rest", circuit.exercise_rest(ex))
                    if ex.sides == "each":  # rule 3
                        out.one_side(_Where(b, rnd, ex, set_no, "left", block.rounds))
                        out.pause("switch", defaults.switch_sides)
                        out.one_side(_Where(b, rnd, ex, set_no, "right", block.rounds))
                    else:
                        out.one_side(_Where(b, rnd, ex, set_no, None, block.rounds))
    # Rule 6: a pending pause after the last work is simply dropped.
    return Timeline(id=circuit.id, title=circuit.title, segments=tuple(out.segments))
